"""Organisations and their contact persons (issue 23.1).

Business contact data only: a name, a role, a business e-mail address and telephone
number. Never special-category data (GDPR art. 9). The basis is the ASDG's legitimate
interest in keeping its relations (guideline: "relaties onderhouden"); a contact person
no longer linked to anything recent is deleted by the daily job (steering's
relations_retention_apply, ASDG_RELATIONS_RETENTION_DAYS).
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal

PRIVACY_HELP = _(
    "Business contact details only (name, role, business e-mail and telephone), never "
    "health, background or other special-category data. Basis: the advisory group's "
    "legitimate interest in keeping its relations. A contact person no longer linked to "
    "a recent contact, project group or advice trajectory is deleted automatically after "
    "the retention period."
)


class Organisation(ConstraintMessages, models.Model):
    constraint_messages = {
        "relation_organisation_has_a_name": Refusal("name", _("Give the organisation a name.")),
        "relation_organisation_name_unique": Refusal(
            "name", _("An organisation with this name is already in the register.")
        ),
        "relation_rhythm_within_a_year": Refusal(
            "contacts_per_year", _("An agreed rhythm is between 1 and 52 contacts a year.")
        ),
    }

    class Kind(models.TextChoices):
        COUNCIL = "council", _("council party or committee")
        COLLEGE = "college", _("college (alderman)")
        DEPARTMENT = "department", _("municipal department")
        PARTICIPATION = "participation", _("participation body")
        CARE = "care", _("care or welfare organisation")
        EXPERT = "expert", _("expert")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    website = models.URLField(_("website"), blank=True)
    contacts_per_year = models.PositiveSmallIntegerField(
        _("agreed contacts a year"), null=True, blank=True,
        help_text=_(
            "The agreed rhythm, e.g. 2 for twice a year. The dashboard flags the relation "
            "when no contact was logged within a year divided by this number. Empty: no rhythm."
        ),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="relation_organisation_has_a_name"),
            models.UniqueConstraint(fields=["name"], name="relation_organisation_name_unique"),
            models.CheckConstraint(
                condition=Q(contacts_per_year__isnull=True)
                | Q(contacts_per_year__gte=1, contacts_per_year__lte=52),
                name="relation_rhythm_within_a_year",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def rhythm_days(self) -> int | None:
        """The agreed rhythm as an interval: 365 days divided by the contacts a year."""
        return 365 // self.contacts_per_year if self.contacts_per_year else None

    def rhythm_due(self, last_contact: datetime.date) -> datetime.date | None:
        days = self.rhythm_days
        return last_contact + datetime.timedelta(days=days) if days else None


class ContactPerson(ConstraintMessages, models.Model):
    """One person, one record (issue 23.3), across all trajectories and project groups."""

    constraint_messages = {
        "contact_person_has_a_name": Refusal("name", _("Give the contact person's name.")),
        "contact_person_once_per_organisation": Refusal(
            "name", _("This person is already in the register for this organisation.")
        ),
    }

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contact_persons",
        verbose_name=_("organisation"),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(
        _("role"),
        max_length=150,
        blank=True,
        help_text=_("Their job or role, e.g. policy officer Wmo."),
    )
    email = models.EmailField(_("business e-mail address"), blank=True)
    phone = models.CharField(_("business telephone"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="contact_person_has_a_name"),
            models.UniqueConstraint(
                fields=["organisation", "name"], name="contact_person_once_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
