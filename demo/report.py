"""Demo data for the annual report: a foreword by the steering group for every past year
since 2021, published early in the next year; this year's report stays a concept.

Idempotent: a year that has a foreword is left as it is.
"""

import datetime

from django.utils import timezone

from demo.texts import load
from members.models import User
from steering.models import AnnualReport
from steering.models.reports import FIRST_REPORT_YEAR

STEERING_EMAIL = "stuurgroep@example.org"
TEXTS = load("report")
FOREWORDS = TEXTS["forewords"]  # by year
DEFAULT_FOREWORD = TEXTS["default_foreword"]


def seed_report(today: datetime.date) -> int:
    by = User.objects.filter(email__iexact=STEERING_EMAIL).first()
    existing = set(AnnualReport.objects.values_list("year", flat=True))
    added = 0
    for year in range(FIRST_REPORT_YEAR, today.year + 1):
        if year in existing:
            continue
        published = None
        if year < today.year:
            published = min(
                timezone.make_aware(datetime.datetime(year + 1, 3, 1, 10)), timezone.now()
            )
        AnnualReport.objects.create(
            year=year,
            foreword=FOREWORDS.get(str(year), DEFAULT_FOREWORD),
            published_at=published,
            written_by=by,
        )
        added += 1
    return added
