"""P4, issue 23.3: a project group's policy officers come from the register of relations;
each name in the free text becomes a ContactPerson (one person, one record)."""

from django.db import migrations, models

from relations.legacy import register_people


def names_to_register(apps, schema_editor):
    ProjectGroup = apps.get_model("projectgroups", "ProjectGroup")
    for group in ProjectGroup.objects.exclude(policy_officers_text="").order_by("pk"):
        people = register_people(apps, group.policy_officers_text, default_role="beleidsmedewerker")
        group.policy_officers.set(people)


def register_to_names(apps, schema_editor):
    ProjectGroup = apps.get_model("projectgroups", "ProjectGroup")
    for group in ProjectGroup.objects.all():
        names = [
            f"{p.name} ({p.role})" if p.role else p.name for p in group.policy_officers.all()
        ]
        ProjectGroup.objects.filter(pk=group.pk).update(policy_officers_text="\n".join(names))


class Migration(migrations.Migration):
    dependencies = [
        ("projectgroups", "0002_participation_reminder"),
        ("relations", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("projectgroup", "policy_officers", "policy_officers_text"),
        migrations.AddField(
            model_name="projectgroup",
            name="policy_officers",
            field=models.ManyToManyField(
                blank=True,
                related_name="project_groups",
                to="relations.contactperson",
                verbose_name="policy officers called on",
            ),
        ),
        # Turns data over once; not reference data to replay (tests.harness).
        migrations.RunPython(
            names_to_register, register_to_names, hints={"reference_data": False}
        ),
        migrations.RemoveField(model_name="projectgroup", name="policy_officers_text"),
    ]
