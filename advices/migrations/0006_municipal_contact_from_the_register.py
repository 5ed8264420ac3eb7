"""Issue 23.3: the trajectory's contact at the municipality comes from the register of
relations; the free-text name becomes a ContactPerson (one person, one record)."""

import django.db.models.deletion
from django.db import migrations, models

from relations.legacy import register_people

ROLES = {"programme_manager": "programmamanager", "policy_officer": "beleidsmedewerker"}


def names_to_register(apps, schema_editor):
    Trajectory = apps.get_model("advices", "Trajectory")
    for trajectory in Trajectory.objects.exclude(requester_name="").order_by("pk"):
        people = register_people(
            apps,
            trajectory.requester_name,
            default_role=ROLES.get(trajectory.requested_by, ""),
        )
        if people:
            Trajectory.objects.filter(pk=trajectory.pk).update(municipal_contact=people[0])


def register_to_names(apps, schema_editor):
    Trajectory = apps.get_model("advices", "Trajectory")
    for trajectory in Trajectory.objects.filter(municipal_contact__isnull=False):
        Trajectory.objects.filter(pk=trajectory.pk).update(
            requester_name=trajectory.municipal_contact.name
        )


class Migration(migrations.Migration):
    dependencies = [
        ("advices", "0005_college_response_proposal_url"),
        ("relations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="trajectory",
            name="municipal_contact",
            field=models.ForeignKey(
                blank=True,
                help_text="The requester or the policy officer concerned, from the register.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="trajectories",
                to="relations.contactperson",
                verbose_name="contact at the municipality",
            ),
        ),
        # Turns data over once; not reference data to replay (tests.harness).
        migrations.RunPython(
            names_to_register, register_to_names, hints={"reference_data": False}
        ),
        migrations.RemoveField(model_name="trajectory", name="requester_name"),
    ]
