"""The annual report's foreword (issue 8): the steering group writes and publishes it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User
from steering.models import AnnualReport


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, by: User) -> AnnualReport:
    """Make the year's report public (idempotent: a published report keeps its date)."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not report.foreword.strip():
        raise ValidationError({"foreword": _("Write the foreword before publishing.")})
    if report.year > timezone.localdate().year:
        raise ValidationError({"year": _("A report is published once its year has begun.")})
    if report.published_at is None:
        report.published_at = timezone.now()
        report.save(update_fields=["published_at", "updated_at"])
    return report


@transaction.atomic
def annual_report_withdraw(*, report: AnnualReport, by: User) -> AnnualReport:
    """Take the year's report off the public site again."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.published_at is not None:
        report.published_at = None
        report.save(update_fields=["published_at", "updated_at"])
    return report
