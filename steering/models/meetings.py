from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advices.models import CONSULTED_BEFORE_ADOPTION, Trajectory
from members.constraints import ConstraintMessages, Refusal
from members.models import Member, User


class PlenaryMeeting(ConstraintMessages, models.Model):
    """A plenary meeting (brede bijeenkomst) of all members: 4 to 6 a year (S6)."""

    constraint_messages = {
        "plenary_ends_after_start": Refusal("ends_at", _("The meeting must end after it starts.")),
        "plenary_minutes_approved_later": Refusal(
            "minutes_approved_at", _("Minutes are approved at a later meeting.")
        ),
        # The trigger of steering/migrations/0007_a2_consulted_before_the_decision.py.
        "a2_decision_after_clients_council": Refusal(
            "starts_at",
            _(
                "This meeting adopted a Participatiewet advice; it cannot be dated before the "
                "consultation of the Clients' Council."
            ),
        ),
    }

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown in the public calendar.")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("minutes approved at meeting"),
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    supplement_sent_at = models.DateTimeField(
        _("last supplement sent at"),
        null=True,
        blank=True,
        help_text=_("When the last supplement (aanvulling) to the invitation was sent."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plenary meeting")
        verbose_name_plural = _("plenary meetings")
        ordering = ["-starts_at"]
        permissions = [
            # DESIGN 5: the steering group organises the plenaries, so it sends invitations too.
            ("send_invitation", _("Can send the invitation and its supplements")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="plenary_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(minutes_approved_at=F("id")), name="plenary_minutes_approved_later"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def last_mailed_at(self):
        """When the invitees last heard of the agenda: the invitation or a supplement."""
        sent = [moment for moment in (self.invitations_sent_at, self.supplement_sent_at) if moment]
        return max(sent) if sent else None

    @property
    def answerable(self) -> bool:
        """Members answer an invitation until the meeting starts."""
        return self.status == self.Status.PLANNED and not self.has_started


class AgendaItem(ConstraintMessages, models.Model):
    constraint_messages = {
        "s6_one_steering_report_per_meeting": Refusal(
            "kind", _("The report of the steering group is on the agenda once.")
        ),
    }

    class Kind(models.TextChoices):
        STEERING_REPORT = "steering_report", _("report of the steering group")
        MINUTES = "minutes", _("minutes of the previous meeting")
        DECISION = "decision", _("for decision")
        SUBJECT = "subject", _("subject proposed by a member")
        OTHER = "other", _("other")

    meeting = models.ForeignKey(
        PlenaryMeeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    subject = models.ForeignKey(
        "steering.SubjectProposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("subject proposal"),
    )
    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("advice trajectory"),
        help_text=_("Its current draft is shown with the item as a paper (members only)."),
    )
    changed_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            # S6: the steering group reports at every meeting, once.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind="steering_report"),
                name="s6_one_steering_report_per_meeting",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def kind_differs_from_title(self) -> bool:
        """The kind's label is worth showing beside the title only if it says more
        ("Verslag van de vorige bijeenkomst" needs no badge saying the same)."""
        if self.kind == self.Kind.OTHER:
            return False
        return str(self.get_kind_display()).casefold() != self.title.strip().casefold()


class Invitation(ConstraintMessages, models.Model):
    """Every sitting member is invited (S6); the answer and the attendance."""

    constraint_messages = {
        "invited_once_per_meeting": Refusal(
            "member", _("This member is already invited to this meeting.")
        ),
    }

    class Response(models.TextChoices):
        NONE = "", _("no answer yet")
        YES = "yes", _("yes")
        NO = "no", _("no")
        MAYBE = "maybe", _("maybe")

    meeting = models.ForeignKey(
        PlenaryMeeting,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("member")
    )
    response = models.CharField(
        _("answer"), max_length=5, choices=Response, blank=True, default=Response.NONE
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "member__last_name", "member__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="invited_once_per_meeting"),
        ]

    def __str__(self):
        return f"{self.member} — {self.meeting}"


class Decision(ConstraintMessages, models.Model):
    """A decision of the plenary meeting, taken by the members (S5)."""

    constraint_messages = {
        # The trigger of steering/migrations/0007_a2_consulted_before_the_decision.py.
        "a2_decision_after_clients_council": Refusal("trajectory", CONSULTED_BEFORE_ADOPTION),
    }

    meeting = models.ForeignKey(
        PlenaryMeeting,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    proposal = models.TextField(_("proposal"))
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"))
    abstentions = models.PositiveSmallIntegerField(_("abstain"))
    adopted = models.GeneratedField(
        expression=Q(votes_for__gt=F("votes_against")),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("adopted"),
    )
    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plenary_decisions",
        verbose_name=_("advice trajectory adopted by this decision"),
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-meeting__starts_at", "pk"]

    def __str__(self):
        return self.proposal[:80]
