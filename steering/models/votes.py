"""Votes in the room (issue 17.5): the chair opens a vote on a proposal at a plenary
meeting, the members marked present vote on their phones, the chair closes it and the
counts become the meeting's Decision (S5).

S5 vote rules (DESIGN.md has no id of its own for them; they serve S5, "the plenary
decides"):
- one vote per member per vote: the unique constraint s5_room_vote_once_per_member;
- only members marked present at the meeting vote, and only while the vote is open: the
  trigger s5_room_vote_by_present_members_while_open (steering/migrations/0011_room_votes.py);
- one vote open at a time per meeting: s5_one_open_vote_per_meeting.

A secret vote keeps the steering elections' guarantees (steering.models.elections): the
roll says who voted and nothing about how; a RoomBallot has a random key, its vote and
its choice, no voter and no time, and the ballots are written anew in a random order on
every vote (steering.services.votes.room_ballot_box_rewrite).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advices.models import Trajectory
from members.constraints import ConstraintMessages, Refusal
from members.models import Member, User
from steering.models.meetings import AgendaItem, Decision, PlenaryMeeting


class VoteChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class RoomVote(ConstraintMessages, models.Model):
    """A vote in the room on one proposal, on an agenda item of a plenary meeting (S5)."""

    constraint_messages = {
        "s5_one_open_vote_per_meeting": Refusal(
            "meeting", _("Another vote of this meeting is still open; close it first.")
        ),
        "s5_room_vote_closed_with_decision": Refusal(
            "closed_at",
            _("A closed vote records who closed it, when, and the decision it led to."),
        ),
        # The triggers of steering/migrations/0011_room_votes.py.
        "s5_room_vote_on_an_item_of_its_meeting": Refusal(
            "agenda_item", _("Choose an item of this meeting's agenda.")
        ),
        "s5_room_vote_fixed_once_opened": Refusal(
            "secret",
            _(
                "A vote keeps its meeting, item, proposal and kind once opened, and stays "
                "closed once closed."
            ),
        ),
    }

    meeting = models.ForeignKey(
        PlenaryMeeting, on_delete=models.PROTECT, related_name="votes", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="votes", verbose_name=_("agenda item")
    )
    proposal = models.TextField(_("proposal"))
    secret = models.BooleanField(
        _("secret"),
        default=False,
        help_text=_("Secret: only the counts are kept. Open: who voted how is recorded."),
    )
    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="room_votes",
        verbose_name=_("advice trajectory adopted when the proposal is carried"),
    )
    opened_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="room_vote",
        verbose_name=_("decision"),
    )

    class Meta:
        verbose_name = _("vote in the room")
        verbose_name_plural = _("votes in the room")
        ordering = ["-opened_at", "-pk"]
        permissions = [
            # Issue 17.5: the chair of the plenary (the steering group, DESIGN 5) and the
            # secretariat mark who is present and open and close votes.
            ("chair_vote", _("Can mark who is present and open and close votes in the room")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(closed_at__isnull=True),
                name="s5_one_open_vote_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True, decision__isnull=True)
                | Q(closed_at__isnull=False, closed_by__isnull=False, decision__isnull=False),
                name="s5_room_vote_closed_with_decision",
            ),
        ]

    def __str__(self):
        return self.proposal[:80]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RoomVoteRoll(ConstraintMessages, models.Model):
    """Who voted in a vote in the room; in an open vote also how, in a secret one not."""

    constraint_messages = {
        "s5_room_vote_once_per_member": Refusal(
            "member", _("You have already voted on this proposal.")
        ),
        # The trigger of steering/migrations/0011_room_votes.py.
        "s5_room_vote_by_present_members_while_open": Refusal(
            "member", _("Only members marked present vote, and only while the vote is open.")
        ),
        "s5_room_vote_choice_only_when_open": Refusal(
            "choice", _("An open vote records the choice with the name; a secret vote does not.")
        ),
    }

    vote = models.ForeignKey(
        RoomVote, on_delete=models.CASCADE, related_name="roll", verbose_name=_("vote")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    choice = models.CharField(
        _("choice"),
        max_length=10,
        choices=VoteChoice,
        blank=True,
        help_text=_("Empty in a secret vote: the ballot keeps the choice, without the name."),
    )
    voted_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("voter in the room")
        verbose_name_plural = _("voters in the room")
        ordering = ["vote", "member__last_name", "member__first_name"]
        constraints = [
            # S5 vote rules: one vote per member, held by the database (issue 17.5).
            models.UniqueConstraint(fields=["vote", "member"], name="s5_room_vote_once_per_member"),
        ]

    def __str__(self):
        return f"{self.member} — {self.vote}"


class RoomBallot(models.Model):
    """A secret vote's ballot: a random key, its vote and its choice; no voter, no time.

    As Ballot of the elections: the key is random, and every vote writes the ballots of
    its vote anew in a random order (services.votes.room_ballot_box_rewrite), so neither
    order, time nor transaction ties a ballot to a line of the roll.
    """

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(
        RoomVote, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("vote")
    )
    choice = models.CharField(_("choice"), max_length=10, choices=VoteChoice)

    class Meta:
        verbose_name = _("secret ballot in the room")
        verbose_name_plural = _("secret ballots in the room")

    def __str__(self):
        return str(_("ballot"))
