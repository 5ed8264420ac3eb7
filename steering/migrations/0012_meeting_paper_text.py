"""Issue 19.4: a meeting paper's text (read from its PDF) and its search document."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations, models


def read_existing_papers(apps, schema_editor):
    """Papers uploaded before this migration get their text as paper_add would read it."""
    from advices.document_text import document_text

    MeetingPaper = apps.get_model("steering", "MeetingPaper")
    for paper in MeetingPaper.objects.only("file", "content_type").iterator():
        try:
            with paper.file.open("rb") as file:
                text = document_text(file, content_type=paper.content_type)
        except OSError:  # a file no longer in the storage: no text, as for a scan
            continue
        MeetingPaper.objects.filter(pk=paper.pk).update(text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0011_room_votes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingpaper",
            name="text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text"),
        ),
        migrations.AddField(
            model_name="meetingpaper",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.SearchVector(
                        "title", config="dutch", weight="A"
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector("text", config="dutch", weight="C"),
                    django.contrib.postgres.search.SearchConfig("dutch"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                verbose_name="search document",
            ),
        ),
        migrations.AddIndex(
            model_name="meetingpaper",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="meetingpaper_search_gin"
            ),
        ),
        migrations.RunPython(read_existing_papers, migrations.RunPython.noop, elidable=True),
    ]
