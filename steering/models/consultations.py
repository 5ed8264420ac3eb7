from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advices.models import Trajectory
from members.constraints import ConstraintMessages, Refusal
from members.models import Member


class Consultation(models.Model):
    """A delegation's meeting with the programme managers or the alderman (S7)."""

    class Kind(models.TextChoices):
        PROGRAMME_MANAGER = "programme_manager", _("programme managers")
        ALDERMAN = "alderman", _("alderman")

    kind = models.CharField(_("with"), max_length=20, choices=Kind)
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attendees = models.ManyToManyField(
        Member, blank=True, related_name="consultations", verbose_name=_("delegation")
    )
    other_attendees = models.CharField(
        _("other attendees"), max_length=300, blank=True, help_text=_("Officials, the alderman.")
    )
    topics = models.TextField(
        _("topics"), blank=True, help_text=_("Long-term agenda, internal developments.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-planned_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on or self.planned_on:%d-%m-%Y}"

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": _("A consultation cannot be held in the future.")})


class WatchItem(ConstraintMessages, models.Model):
    """An item of the long-term agenda or the council agenda to watch (S4)."""

    constraint_messages = {
        "watch_item_has_title": Refusal("title", _("Give the item a title.")),
    }

    class Source(models.TextChoices):
        LONG_TERM_AGENDA = "lta", _("long-term agenda (LTA)")
        COUNCIL_AGENDA = "council", _("council agenda")

    source = models.CharField(_("agenda"), max_length=10, choices=Source)
    title = models.CharField(_("title"), max_length=200)
    expected_on = models.DateField(_("expected on"), null=True, blank=True)
    policy_officer = models.CharField(_("policy officer"), max_length=200, blank=True)
    advice_request_expected = models.BooleanField(_("advice request expected"), default=False)
    trajectories = models.ManyToManyField(
        Trajectory, blank=True, related_name="watch_items", verbose_name=_("advice trajectories")
    )
    notes = models.TextField(_("notes"), blank=True)
    closed = models.BooleanField(_("no longer watched"), default=False)

    class Meta:
        verbose_name = _("agenda item to watch")
        verbose_name_plural = _("agenda items to watch")
        ordering = [models.F("expected_on").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="watch_item_has_title"),
        ]

    def __str__(self):
        return self.title
