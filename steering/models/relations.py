"""The contact log (afstemming, issue 23.2): the steering group's contacts with council,
college, officials, experts and other participation bodies (S4).

It lives in steering because it links to what steering holds or reads (trajectories,
consultations, agenda items to watch, subjects from members) and points down at the
register of relations (DESIGN.md §5).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advices.models import Trajectory
from members.constraints import ConstraintMessages, Refusal
from members.models import Member, User
from relations.models import ContactPerson, Organisation
from steering.models.consultations import Consultation, WatchItem
from steering.models.subjects import SubjectProposal

NOTE_MAX_LENGTH = 2000


class ContactLogEntry(ConstraintMessages, models.Model):
    constraint_messages = {
        "contact_log_has_a_subject": Refusal("subject", _("Give the subject of the contact.")),
    }

    date = models.DateField(_("date"))
    ours = models.ManyToManyField(
        Member, related_name="contact_log_entries", verbose_name=_("who of ours")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="contact_log_entries",
        verbose_name=_("with organisations"),
    )  # fmt: skip
    contact_persons = models.ManyToManyField(
        ContactPerson, blank=True, related_name="contact_log_entries",
        verbose_name=_("with contact persons"),
    )  # fmt: skip
    subject = models.CharField(_("subject"), max_length=200)
    note = models.TextField(
        _("short note"), max_length=NOTE_MAX_LENGTH, blank=True,
        help_text=_("What was agreed; no personal details of private persons."),
    )  # fmt: skip
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="contact_log_entries", verbose_name=_("advice trajectory"),
    )  # fmt: skip
    consultation = models.ForeignKey(
        Consultation, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="contact_log_entries", verbose_name=_("consultation (S7)"),
    )  # fmt: skip
    watch_item = models.ForeignKey(
        WatchItem, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="contact_log_entries", verbose_name=_("agenda item to watch"),
    )  # fmt: skip
    subject_proposal = models.ForeignKey(
        SubjectProposal, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="contact_log_entries", verbose_name=_("subject from a member"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("recorded by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact (afstemming)")
        verbose_name_plural = _("contact log")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="contact_log_has_a_subject"),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.subject}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A contact cannot be logged for a future date.")})
