import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models import Member, User


class Election(ConstraintMessages, models.Model):
    """An election of steering-group seats by the members (S2)."""

    constraint_messages = {
        "election_one_to_six_seats": Refusal("seats", _("An election fills 1 to 6 seats.")),
        "s3_election_term_one_to_four_years": Refusal(
            "term_years", _("A steering-group term is 1 to 4 years.")
        ),
        "election_periods_in_order": Refusal(
            "voting_opens_at",
            _(
                "Nomination opens, then closes; voting opens after nomination closes and "
                "closes after it opens."
            ),
        ),
    }

    class TieRule(models.TextChoices):
        # The documented rule: among tied candidates the longest-sitting member wins
        # (earliest start of membership); if still tied, the secretariat draws lots,
        # and the outcome is recorded in tie_break_note.
        SENIORITY_THEN_LOT = "seniority_then_lot", _("longest membership first, then drawing lots")

    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats to fill"))
    term_years = models.PositiveSmallIntegerField(_("term of the elected seats in years"))
    seats_start_on = models.DateField(_("elected seats start on"))
    nomination_opens_at = models.DateTimeField(_("nominations open at"))
    nomination_closes_at = models.DateTimeField(_("nominations close at"))
    voting_opens_at = models.DateTimeField(_("voting opens at"))
    voting_closes_at = models.DateTimeField(_("voting closes at"))
    tie_rule = models.CharField(
        _("tie rule"), max_length=30, choices=TieRule, default=TieRule.SENIORITY_THEN_LOT
    )
    tie_break_note = models.TextField(_("how a tie was settled"), blank=True)
    # S1: when fewer seats are free at the start of the term than the election fills,
    # the elected without a seat and the reason are recorded here.
    results_note = models.TextField(_("note on the results"), blank=True)
    results_at = models.DateTimeField(_("results determined at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-voting_closes_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=6), name="election_one_to_six_seats"
            ),
            # S3 for the seats an election fills.
            models.CheckConstraint(
                condition=Q(term_years__gte=1, term_years__lte=4),
                name="s3_election_term_one_to_four_years",
            ),
            models.CheckConstraint(
                condition=Q(nomination_closes_at__gt=F("nomination_opens_at"))
                & Q(voting_opens_at__gte=F("nomination_closes_at"))
                & Q(voting_closes_at__gt=F("voting_opens_at")),
                name="election_periods_in_order",
            ),
        ]

    def __str__(self):
        return self.title


class Candidate(ConstraintMessages, models.Model):
    constraint_messages = {
        "candidate_once_per_election": Refusal(
            "member", _("This member is already a candidate in this election.")
        ),
    }

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="candidacies", verbose_name=_("member")
    )
    statement = models.TextField(_("statement"), blank=True)
    nominated_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    elected = models.BooleanField(_("elected"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["member__last_name", "member__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "member"], name="candidate_once_per_election"
            ),
        ]

    def __str__(self):
        return str(self.member)


class VoterRoll(ConstraintMessages, models.Model):
    """Who voted in an election — and nothing about how (the ballot is secret)."""

    constraint_messages = {
        "vote_once_per_election": Refusal("member", _("You have already voted in this election.")),
    }

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="roll", verbose_name=_("election")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    voted_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("voter roll entry")
        verbose_name_plural = _("voter roll")
        constraints = [
            # One vote per member per election, held by the database.
            models.UniqueConstraint(fields=["election", "member"], name="vote_once_per_election"),
        ]

    def __str__(self):
        return f"{self.member} — {self.election}"


class Ballot(models.Model):
    """A secret ballot: a random key, its election and its marks; no voter, no time.

    The key is random (not a sequence) and no timestamp is kept, and every vote writes
    the election's ballots anew in a random order (services.elections.ballot_box_rewrite),
    so neither order, time nor transaction can tie a ballot to a line of the voter roll.
    """

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("election")
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return str(_("ballot"))


class BallotMark(ConstraintMessages, models.Model):
    constraint_messages = {
        "ballot_marks_once": Refusal("candidate", _("A ballot marks a candidate once.")),
    }

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="marks", verbose_name=_("ballot")
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.PROTECT, related_name="marks", verbose_name=_("candidate")
    )

    class Meta:
        verbose_name = _("ballot mark")
        verbose_name_plural = _("ballot marks")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "candidate"], name="ballot_marks_once"),
        ]

    def __str__(self):
        return str(self.candidate)
