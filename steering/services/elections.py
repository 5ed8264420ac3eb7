"""Elections of the steering group by the members (S2): open, nominate, vote, count.

The ballot is secret, also against a backup taken while voting is open (issue 15.5).
ballot_cast writes who voted to the roll and, in the same transaction, rewrites the
whole ballot box of the election: every ballot cast so far, the new one among them, is
deleted and inserted anew in a random order with new random keys (ballot_box_rewrite).
So in the database and in any dump of it

- all ballots of the election carry the same xmin (that of the last vote), which ties
  the last voter to every ballot alike, so to none in particular;
- their physical order (ctid), which a dump and a sequential scan follow, is a fresh
  random permutation after each vote, not the order of voting;
- a ballot has no sequence, no timestamp and no key that survives the next vote.

What a dump still shows is who has voted so far and the ballots cast so far, unlinked:
an interim count. The README ("Threat model of elections") says what that means with
one voter, and what live access to the database, its WAL or its data files still sees.
When the votes are counted, the box is written once more, so no xmin of the roll is
left in it.
"""

import datetime
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from members.audit import audit_event
from members.models import Member, User
from steering.models import (
    Ballot,
    BallotMark,
    Candidate,
    Election,
    SeatRole,
    SeatSource,
    VoterRoll,
)
from steering.selectors.governance import (
    candidacy_refusal,
    free_seats_on,
    term_keeps_schedule,
)
from steering.services.seats import lock_seats, schedule_refusal, seat_assign


def _sitting(member: Member | None, message: str) -> Member:
    if member is None:
        raise ValidationError(message)
    member = Member.objects.get(pk=member.pk)
    if member.ended_on is not None:
        raise ValidationError(message)
    return member


@transaction.atomic
def election_open(
    *,
    title: str,
    seats: int,
    term_years: int,
    seats_start_on: datetime.date,
    nomination_opens_at: datetime.datetime,
    nomination_closes_at: datetime.datetime,
    voting_opens_at: datetime.datetime,
    voting_closes_at: datetime.datetime,
    by: User,
) -> Election:
    """The secretariat opens an election of at most as many seats as are free (S1, S2)."""
    lock_seats()
    if nomination_closes_at <= nomination_opens_at:
        raise ValidationError(
            {"nomination_closes_at": _("Nominations must close after they open.")}
        )
    if voting_opens_at < nomination_closes_at:
        raise ValidationError(
            {"voting_opens_at": _("Voting opens when the nominations have closed, not before.")}
        )
    if voting_closes_at <= voting_opens_at:
        raise ValidationError({"voting_closes_at": _("Voting must close after it opens.")})
    if seats_start_on <= timezone.localdate(voting_closes_at):
        raise ValidationError(
            {"seats_start_on": _("The elected seats start after voting has closed.")}
        )
    if not 1 <= term_years <= 4:
        raise ValidationError({"term_years": _("A steering-group term is 1 to 4 years.")})
    free = free_seats_on(seats_start_on)
    if not 1 <= seats <= free:
        raise ValidationError(
            {
                "seats": ngettext(
                    # S1
                    "On %(date)s %(free)s seat will be free (at most 6, less those "
                    "other elections fill); an election fills 1 to that number.",
                    "On %(date)s %(free)s seats will be free (at most 6, less those "
                    "other elections fill); an election fills 1 to that number.",
                    free,
                )
                % {"date": formats.date_format(seats_start_on), "free": free}
            }
        )
    if not term_keeps_schedule(seats_start_on, term_years, seats):
        message = _(
            # S4
            "With this term more than half of the seats would end in the same year "
            "(retirement schedule)."
        )
        raise schedule_refusal(message, starts_on=seats_start_on, seats=seats)
    election = Election(
        title=title,
        seats=seats,
        term_years=term_years,
        seats_start_on=seats_start_on,
        nomination_opens_at=nomination_opens_at,
        nomination_closes_at=nomination_closes_at,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        opened_by=by,
    )
    election.full_clean()
    election.save()
    audit_event("election.opened", actor=by, election=election, seats=seats)
    return election


@transaction.atomic
def candidate_nominate(
    *, election: Election, member: Member | None, statement: str = ""
) -> Candidate:
    """A sitting member puts himself forward during the nomination period."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    member = _sitting(member, _("Only sitting members can stand for the steering group."))
    now = timezone.now()
    if not election.nomination_opens_at <= now < election.nomination_closes_at:
        raise ValidationError(_("Nominations for this election are not open."))
    # S1/S2, M5: the same answer as the election page's offer (seat_assign refuses too).
    refusal = candidacy_refusal(election, member)
    if refusal is not None:
        raise ValidationError(refusal)
    candidate = Candidate.objects.filter(election=election, member=member).first()
    if candidate is not None and candidate.withdrawn_at is None:
        raise ValidationError(_("You are already a candidate in this election."))
    if candidate is None:
        candidate = Candidate(election=election, member=member)
    candidate.statement = statement.strip()
    candidate.withdrawn_at = None
    candidate.save()
    audit_event("election.nominated", election=election, candidate=candidate)
    return candidate


@transaction.atomic
def candidate_withdraw(*, candidate: Candidate, member: Member | None) -> Candidate:
    """A candidate withdraws, until voting opens."""
    candidate = (
        Candidate.objects.select_for_update().select_related("election").get(pk=candidate.pk)
    )
    if member is None or candidate.member_id != member.pk:
        raise ValidationError(_("Only the candidate can withdraw the candidacy."))
    if candidate.withdrawn_at is not None:
        raise ValidationError(_("You have already withdrawn."))
    if timezone.now() >= candidate.election.voting_opens_at:
        raise ValidationError(_("Voting has opened; a candidacy can no longer be withdrawn."))
    candidate.withdrawn_at = timezone.now()
    candidate.save(update_fields=["withdrawn_at"])
    audit_event("election.withdrawn", election=candidate.election, candidate=candidate)
    return candidate


ALREADY_VOTED = gettext_noop("You have already voted in this election.")


def ballot_cast(*, election: Election, member: Member | None, candidate_ids: Iterable) -> None:
    """One vote of a sitting member for 1 to `seats` candidates, secretly (S2).

    The roll's unique constraint refuses a second vote, also when two requests of the
    same member race. The ballot goes into the box through ballot_box_rewrite, under a
    lock on the election, so that two votes at once never rewrite the box side by side.
    """
    member = _sitting(member, _("Only sitting members of the advisory group can vote."))
    now = timezone.now()
    if not election.voting_opens_at <= now < election.voting_closes_at:
        raise ValidationError(_("Voting in this election is not open."))
    try:
        ids = {int(pk) for pk in candidate_ids}
    except (TypeError, ValueError):
        raise ValidationError({"candidates": _("Choose from the candidates.")}) from None
    if not ids:
        raise ValidationError({"candidates": _("Choose at least one candidate.")})
    if len(ids) > election.seats:
        raise ValidationError(
            {
                "candidates": ngettext(
                    "Choose at most %(seats)s candidate: the number of seats.",
                    "Choose at most %(seats)s candidates: the number of seats.",
                    election.seats,
                )
                % {"seats": election.seats}
            }
        )
    candidates = list(
        Candidate.objects.filter(election=election, pk__in=ids, withdrawn_at__isnull=True)
    )
    if len(candidates) != len(ids):
        raise ValidationError(
            {"candidates": _("You can only vote for candidates standing in this election.")}
        )
    if VoterRoll.objects.filter(election=election, member=member).exists():
        raise ValidationError(_(ALREADY_VOTED))
    try:
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=election.pk)
            VoterRoll.objects.create(election=election, member=member)
            ballot_box_rewrite(election=election, adding=[{c.pk for c in candidates}])
    except IntegrityError:
        # A second request of the same member won the race for the roll.
        raise ValidationError(_(ALREADY_VOTED)) from None
    # No member, no ballot id: the log must not link the two either.
    audit_event("ballot.cast", election=election)


def ballot_box_rewrite(*, election: Election, adding: Iterable[set[int]] = ()) -> None:
    """Write the election's ballot box anew, with the ballots `adding` among it (S2).

    Every ballot of the election is deleted and inserted again, all in this one
    transaction, in a random order (secrets: not predictable from outside) and with
    new random keys. A row's xmin, its place on disk (ctid) and the order of a dump
    then say nothing about when, or along with which line of the roll, a ballot came
    in. The caller holds the lock on the election (select_for_update) and writes the
    roll in the same transaction, so a ballot is never stored apart from its roll line
    or lost between the two.

    The cost is one read, two deletes and two inserts of the whole box per vote: for an
    electorate of about 40 (M1), or a few thousand, that is nothing.
    """
    box: dict = {}
    for ballot_id, candidate_id in BallotMark.objects.filter(ballot__election=election).values_list(
        "ballot_id", "candidate_id"
    ):
        box.setdefault(ballot_id, set()).add(candidate_id)
    pool = [*box.values(), *(set(marks) for marks in adding)]
    secrets.SystemRandom().shuffle(pool)
    BallotMark.objects.filter(ballot__election=election).delete()
    Ballot.objects.filter(election=election).delete()
    ballots = Ballot.objects.bulk_create(Ballot(election=election) for _ in pool)
    BallotMark.objects.bulk_create(
        BallotMark(ballot=ballot, candidate_id=candidate_id)
        for ballot, marks in zip(ballots, pool, strict=True)
        for candidate_id in sorted(marks)
    )


# --- Counting ---------------------------------------------------------------------------


def _settle_tie(tied: list[Candidate], places: int) -> tuple[list[Candidate], str]:
    """Election.TieRule.SENIORITY_THEN_LOT: the longest membership first, then lots.

    Returns the `places` winners among `tied` and a note of how the tie was settled.
    """
    by_start = sorted(tied, key=lambda c: c.member.start_date)
    cutoff = by_start[places - 1].member.start_date
    sure = [c for c in by_start if c.member.start_date < cutoff]
    level = [c for c in by_start if c.member.start_date == cutoff]
    names = ", ".join(str(c.member) for c in tied)
    votes = tied[0].votes
    note = _(
        "%(names)s had %(votes)s each for %(places)s. "
        "Rule: the longest membership (earliest start) first, then drawing lots."
    ) % {
        "names": names,
        "votes": ngettext("%(count)s vote", "%(count)s votes", votes) % {"count": votes},
        "places": ngettext("the last %(count)s seat", "the last %(count)s seats", places)
        % {"count": places},
    }
    remaining = places - len(sure)
    if len(level) > remaining:
        drawn = secrets.SystemRandom().sample(level, remaining)
        note += " " + _(
            "%(names)s have been members since the same day; lots were drawn "
            "(secrets module): %(drawn)s."
        ) % {
            "names": ", ".join(str(c.member) for c in level),
            "drawn": ", ".join(str(c.member) for c in drawn),
        }
        winners = sure + drawn
    else:
        winners = sure + level
    note += " " + _("Elected: %(names)s.") % {"names": ", ".join(str(c.member) for c in winners)}
    return winners, note


def _rank(candidates: list[Candidate], seats: int) -> tuple[list[Candidate], str]:
    """The elected (most votes, at least one) and the note on a tie for the last seat."""
    ranked = sorted((c for c in candidates if c.votes), key=lambda c: -c.votes)
    if len(ranked) <= seats:
        return ranked, ""
    last_votes = ranked[seats - 1].votes
    above = [c for c in ranked if c.votes > last_votes]
    tied = [c for c in ranked if c.votes == last_votes]
    if len(above) + len(tied) <= seats:
        return above + tied, ""
    winners, note = _settle_tie(tied, seats - len(above))
    return above + winners, note


@transaction.atomic
def election_close(*, election: Election, by: User | None = None) -> Election:
    """Count the votes once voting has closed; the elected get their seats (idempotent)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.results_at is not None:
        return election
    if timezone.now() < election.voting_closes_at:
        raise ValidationError(_("Voting has not closed yet; the votes are counted afterwards."))
    candidates = list(election.candidates.select_related("member").annotate(counted=Count("marks")))
    for candidate in candidates:
        candidate.votes = candidate.counted if candidate.withdrawn_at is None else 0
    standing = [c for c in candidates if c.withdrawn_at is None]
    with translation.override(settings.LANGUAGE_CODE):
        elected, election.tie_break_note = _rank(standing, election.seats)
        for candidate in candidates:
            candidate.elected = candidate in elected
        Candidate.objects.bulk_update(candidates, ["votes", "elected"])
        election.results_at = timezone.now()
        election.save(update_fields=["results_at", "tie_break_note"])
        ballot_box_rewrite(election=election)  # no xmin of the roll stays in the box
        notes = []
        for candidate in elected:
            try:
                seat_assign(
                    member=candidate.member,
                    role=SeatRole.MEMBER,
                    tasks=[],
                    starts_on=election.seats_start_on,
                    term_years=election.term_years,
                    source=SeatSource.ELECTED,
                    election=election,
                    by=by,
                )
            except ValidationError as error:
                # S1/S4 (or the member has left): the result stands, the seat waits.
                notes.append(
                    _("%(name)s: no seat assigned: %(reason)s")
                    % {"name": candidate.member, "reason": " ".join(error.messages)}
                )
        if notes:
            election.results_note = "\n".join(notes)
            election.save(update_fields=["results_note"])
    audit_event(
        "election.closed",
        actor=by,
        election=election,
        elected=len(elected),
        tie=bool(election.tie_break_note),
    )
    return election


def elections_close_due(*, by: User | None = None) -> list[Election]:
    """Count every election whose voting has closed and whose results are not in yet."""
    due = Election.objects.filter(results_at__isnull=True, voting_closes_at__lte=timezone.now())
    return [election_close(election=election, by=by) for election in due.order_by("pk")]
