"""F1 and F2: the 2021 budget of the guideline (leidraad ASDG, 28-9-2020), exactly."""

from decimal import Decimal

from django.db import migrations

SOURCE = "Leidraad ASDG 28-9-2020, Financiën en Begroting 2021"
FUNDING = [
    ("De adviesraad Ten Boer", "5000.00"),
    ("De adviesraad Haren", "4500.00"),
    ("Stadadviseert", "120000.00"),
]
# name, kind, basis, unit, members, meetings, quantity, stated, note
LINES = [
    ("Brede bijeenkomsten (6 × € 20 per lid)", "plenary", "per_meeting_member",
     "20.00", 50, 6, None, None,
     "De begroting rekent met 50 leden; de groep telt er ongeveer 40."),
    ("Adviestrajecten (15 × € 300 per adviesaanvraag)", "trajectories", "per_trajectory",
     "300.00", None, None, "15", None, ""),
    ("Deskundigheidsbevordering (€ 100 per lid)", "training", "per_member",
     "100.00", 50, None, None, None,
     "De begroting rekent met 50 leden; de groep telt er ongeveer 40."),
    ("Onkostenvergoeding (€ 50 per lid)", "expenses", "per_member",
     "50.00", 50, None, None, None,
     "De begroting rekent met 50 leden; de groep telt er ongeveer 40."),
    ("Abonnementen en literatuur", "other", "fixed", None, None, None, None, "3000.00", ""),
    ("Kosten website", "other", "fixed", None, None, None, None, "20000.00", ""),
    ("Kosten communicatie/nieuwsbrief en advertenties", "other", "fixed",
     None, None, None, None, "10000.00", ""),
    ("Externe ondersteuning (0,66 fte × € 80.000)", "support", "entered",
     "80000.00", None, None, "0.66", "53000.00",
     "De leidraad rondt 0,66 × € 80.000 = € 52.800 af op € 53.000."),
    ("Innovatie", "other", "fixed", None, None, None, None, "16000.00", ""),
]  # fmt: skip


def load(apps, schema_editor):
    BudgetYear = apps.get_model("finance", "BudgetYear")
    year, created = BudgetYear.objects.get_or_create(
        year=2021,
        defaults={"note": f"Bron: {SOURCE}. Exclusief uren ambtelijke ondersteuning."},
    )
    if not created:
        return
    for name, amount in FUNDING:
        year.sources.create(name=name, amount=Decimal(amount))
    for position, (name, kind, basis, unit, members, meetings, quantity, stated, note) in enumerate(
        LINES, start=1
    ):
        year.lines.create(
            position=position,
            name=name,
            kind=kind,
            basis=basis,
            unit_amount=Decimal(unit) if unit else None,
            assumed_members=members,
            assumed_meetings=meetings,
            quantity=Decimal(quantity) if quantity else None,
            stated_amount=Decimal(stated) if stated else None,
            note=note,
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0002_bookings_are_immutable")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
