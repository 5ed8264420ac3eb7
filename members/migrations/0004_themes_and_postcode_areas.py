"""M4: the themes of the guideline and the municipality's postcode areas, from members/data/."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Theme = apps.get_model("members", "Theme")
    PostcodeArea = apps.get_model("members", "PostcodeArea")
    with open(DATA / "themes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Theme.objects.get_or_create(name=row["name"], defaults={"position": row["position"]})
    with open(DATA / "postcode_areas.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            PostcodeArea.objects.get_or_create(
                digits=row["digits"],
                defaults={"district": row["district"], "area": row["area"], "source": row["source"]},
            )


class Migration(migrations.Migration):
    dependencies = [("members", "0003_register_and_recruitment")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
