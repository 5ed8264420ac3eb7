"""Project groups around one advice trajectory (P1–P4) and participation (M8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advices.models import Trajectory
from members.constraints import ConstraintMessages, Refusal
from members.models import Member
from relations.models import ContactPerson

MINIMUM_SIZE = 5  # P2
MAXIMUM_SIZE = 10  # P2


class ProjectGroup(ConstraintMessages, models.Model):
    """P1: set up by the steering group around one trajectory."""

    constraint_messages = {
        "p4_support_hours_not_negative": Refusal(
            "external_support_hours", _("Hours of external support cannot be negative.")
        ),
        "dissolved_group_has_a_date": Refusal(
            "dissolved_on",
            _("A dissolved project group has the date it was dissolved; an active one has none."),
        ),
    }

    class Phase(models.TextChoices):
        THINKING_ALONG = "thinking_along", _("Thinking along")
        ADVISING = "advising", _("Advising")
        MONITORING = "monitoring", _("Monitoring")
        DISSOLVED = "dissolved", _("Dissolved")

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.PROTECT, related_name="project_group",
        verbose_name=_("advice trajectory"),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase, default=Phase.THINKING_ALONG)
    open_for_signup = models.BooleanField(_("open for sign-up"), default=True)
    workload = models.CharField(_("expected workload"), max_length=200, blank=True)
    meeting_rhythm = models.CharField(_("meeting rhythm"), max_length=200, blank=True)
    way_of_working = models.TextField(_("way of working"), blank=True)  # P4
    external_support_hours = models.DecimalField(
        _("external support hours"), max_digits=6, decimal_places=1, default=0
    )  # P4
    # P4, issue 23.3: chosen from the register of relations, one person one record.
    policy_officers = models.ManyToManyField(
        ContactPerson, blank=True, related_name="project_groups",
        verbose_name=_("policy officers called on"),
    )  # fmt: skip
    monitoring_by_steering_group = models.BooleanField(
        _("monitoring handed to the steering group"), default=False
    )  # P3
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("set up by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("set up at"), auto_now_add=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("project group")
        verbose_name_plural = _("project groups")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(external_support_hours__gte=0), name="p4_support_hours_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(phase="dissolved", dissolved_on__isnull=False)
                | ~Q(phase="dissolved") & Q(dissolved_on__isnull=True),
                name="dissolved_group_has_a_date",
            ),
        ]

    def __str__(self):
        return self.name


def next_phase(phase: str) -> str | None:
    """The phase after `phase`: thinking along → advising → monitoring → dissolved."""
    order = list(ProjectGroup.Phase)
    index = order.index(phase)
    return order[index + 1] if index + 1 < len(order) else None


class Participation(ConstraintMessages, models.Model):
    """A member in a project group: asked to join, confirmed by the steering group, or left."""

    constraint_messages = {
        "one_active_participation_per_member_and_group": Refusal(
            "member",
            _("This member has already signed up for or takes part in this project group."),
        ),
        "confirmed_participation_has_a_date": Refusal(
            "confirmed_on", _("A confirmed participation has the date it was confirmed.")
        ),
        "left_participation_has_a_date": Refusal(
            "left_on",
            _("A member who left the group has the date of leaving; a participant has none."),
        ),
    }

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Signed up, awaiting confirmation")
        CONFIRMED = "confirmed", _("Member of the group")
        LEFT = "left", _("Left the group")
        DECLINED = "declined", _("Not confirmed")

    group = models.ForeignKey(
        ProjectGroup, on_delete=models.CASCADE, related_name="participations",
        verbose_name=_("project group"),
    )  # fmt: skip
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="participations", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("confirmed by"),
    )  # fmt: skip
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "member"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="one_active_participation_per_member_and_group",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["confirmed", "left"]) | Q(confirmed_on__isnull=False),
                name="confirmed_participation_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(status="left", left_on__isnull=False)
                | ~Q(status="left") & Q(left_on__isnull=True),
                name="left_participation_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.group}"


class GroupMeeting(models.Model):
    group = models.ForeignKey(
        ProjectGroup, on_delete=models.CASCADE, related_name="meetings",
        verbose_name=_("project group"),
    )  # fmt: skip
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.group} {self.starts_at:%d-%m-%Y}"


class ParticipationReminder(ConstraintMessages, models.Model):
    """M8: the yearly e-mail to a member without a project group was sent (once a year)."""

    constraint_messages = {
        "m8_one_reminder_per_year": Refusal(
            "year", _("This member has already been reminded this year.")
        ),
    }

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participation reminder")
        verbose_name_plural = _("participation reminders")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="m8_one_reminder_per_year"),
        ]

    def __str__(self):
        return f"{self.member} {self.year}"
