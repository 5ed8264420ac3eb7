import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models import Member
from members.models.register import TermEnd

# S2: the harmonisation project group appointed the first steering group in autumn 2020;
# its seats started no later than the group's own start.
FIRST_STEERING_GROUP_LATEST_START = datetime.date(2021, 1, 1)
MAX_SEATS = 6  # S1
# S4: the retirement schedule lets at most half of the seats end in the same year.
MAX_SEATS_ENDING_PER_YEAR = MAX_SEATS // 2


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    SECRETARY = "secretary", _("secretary")
    TREASURER = "treasurer", _("treasurer")
    MEMBER = "member", _("member")


class Task(models.TextChoices):
    """The tasks of the steering group that the regulation divides (S4)."""

    CONNECTING = "connecting", _("connecting members (communication, plenary meetings, training)")
    CHAIRING = "chairing", _("chairing conversations")
    SECRETARIAT = "secretariat", _("secretariat (minutes, rooms, finance, archive)")
    MONITORING = "monitoring", _("monitoring project groups")
    CONTACT = "contact", _("contact point for members, officials and the alderman")
    RELATIONS = "relations", _("relations with the council and others")
    COUNCIL_AGENDA = "council_agenda", _("watching the council agenda")
    PARTICIPATION = "participation", _("aligning with other forms of participation")


class SeatSource(models.TextChoices):
    APPOINTED = "appointed", _("appointed by the harmonisation project group (2020)")
    ELECTED = "elected", _("elected by the members")


class SeatEndReason(models.TextChoices):
    TERM = "term", _("term ended")
    RESIGNED = "resigned", _("resigned")
    MEMBERSHIP = "membership", _("membership ended")


class Seat(ConstraintMessages, models.Model):
    """One member's seat in the steering group for a term of 1 to 4 years (S1, S3)."""

    constraint_messages = {
        "s3_term_one_to_four_years": Refusal(
            "term_years", _("A steering-group term is 1 to 4 years.")
        ),
        "s2_appointed_first_then_elected": Refusal(
            "source",
            _(
                "Only the first steering group (from 1 January 2021) was appointed; every "
                "later seat comes from an election."
            ),
        ),
        "seat_end_has_date_and_reason": Refusal(
            "end_reason", _("A seat that ends early has both a date and a reason.")
        ),
        "seat_ends_after_start": Refusal("ended_on", _("A seat cannot end before it starts.")),
        # The trigger of steering/migrations/0006_seats_within_membership.py.
        "s1_seat_within_membership": Refusal(
            "starts_on",
            _("The seat must lie within the membership of its holder, extension included."),
        ),
    }

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="steering_seats", verbose_name=_("member")
    )
    role = models.CharField(_("role"), max_length=20, choices=SeatRole, default=SeatRole.MEMBER)
    tasks = ArrayField(
        models.CharField(max_length=20, choices=Task),
        verbose_name=_("tasks"),
        default=list,
        blank=True,
    )
    source = models.CharField(_("appointed or elected"), max_length=20, choices=SeatSource)
    election = models.ForeignKey(
        "steering.Election",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elected_seats",
        verbose_name=_("election"),
    )
    starts_on = models.DateField(_("start of term"))
    term_years = models.PositiveSmallIntegerField(_("term in years"))
    term_end = models.GeneratedField(
        expression=TermEnd(F("starts_on"), F("term_years"), models.Value(0)),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name=_("end of term"),
    )
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=20, choices=SeatEndReason, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("steering-group seat")
        verbose_name_plural = _("steering-group seats")
        ordering = ["-starts_on", "member__last_name"]
        constraints = [
            # S3: a steering-group term is 1 to 4 years.
            models.CheckConstraint(
                condition=Q(term_years__gte=1, term_years__lte=4), name="s3_term_one_to_four_years"
            ),
            # S2: appointed seats belong to the first steering group; later seats are elected.
            models.CheckConstraint(
                condition=Q(
                    source=SeatSource.APPOINTED,
                    election__isnull=True,
                    starts_on__lte=FIRST_STEERING_GROUP_LATEST_START,
                )
                | Q(source=SeatSource.ELECTED, election__isnull=False),
                name="s2_appointed_first_then_elected",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False) & ~Q(end_reason=""),
                name="seat_end_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                name="seat_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.member} ({self.get_role_display()})"

    @property
    def task_labels(self) -> list[str]:
        """The seat's tasks from the regulation's list (S4), as the members read them."""
        labels = dict(Task.choices)
        return [str(labels.get(task, task)) for task in self.tasks]

    def is_held_on(self, day: datetime.date) -> bool:
        """Held from its start through its term's end, unless ended early (from ended_on)."""
        return self.starts_on <= day <= self.term_end and (
            self.ended_on is None or day < self.ended_on
        )
