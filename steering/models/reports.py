from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models import User

# The group started on 1 January 2021 (M10): there is no report of an earlier year.
FIRST_REPORT_YEAR = 2021


class AnnualReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class AnnualReport(ConstraintMessages, models.Model):
    """The steering group's foreword to the annual report (jaarverslag) of one year.

    Everything else in the report is generated from the data (asdg.annual_report); the
    report of a year is public once this row is published.
    """

    constraint_messages = {
        "annual_report_from_2021": Refusal(
            "year", _("Annual reports start with 2021, the first year of the ASDG.")
        ),
    }

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    foreword = models.TextField(
        _("foreword"),
        help_text=_("A short foreword by the steering group, above the figures."),
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Set by the action “Publish”: from then on the report is public."),
    )
    written_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_REPORT_YEAR), name="annual_report_from_2021"
            ),
        ]

    def __str__(self):
        return str(_("Annual report %(year)s") % {"year": self.year})
