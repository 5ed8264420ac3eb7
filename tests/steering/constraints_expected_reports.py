"""The annual report's foreword (steering.AnnualReport), its constraints violated once."""

from steering.models import AnnualReport


def _twice(make):
    make()
    make()


VIOLATIONS = {
    "annual_report_from_2021": lambda: AnnualReport.objects.create(year=2020, foreword="Te vroeg."),
}

UNIQUE_FIELDS = {
    "steering.AnnualReport.year": lambda: _twice(
        lambda: AnnualReport.objects.create(year=2022, foreword="Voorwoord.")
    ),
}
