"""Demo data for plenary meetings, consultations, agendas to watch, subjects and training.

Five plenary meetings a year since 2021, on the dates the demo advices were adopted where
there are such dates ("Brede bijeenkomst 14 april 2021"), so those decisions name their
trajectory; held meetings have the invitations of the members sitting then, attendance,
minutes approved at the next meeting, the steering group's report and decisions with
counts. Two meetings to come invite every sitting member (lid@example.org has not
answered yet). Consultations every two months with the programme manager and twice a year
with the alderman, a few agenda items to watch, subjects in each state and training.

Written directly, not through the services: the services record "today" and send mail,
and a demo needs the past without a mail per member. Deterministic and idempotent: each
part adds nothing when its rows exist.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from advices.models import Trajectory
from demo.texts import dutch_date, load
from members.models import Member, User
from steering.models import (
    AgendaItem,
    Consultation,
    Decision,
    Invitation,
    PlenaryMeeting,
    SubjectProposal,
    SubjectSupport,
    TrainingActivity,
    WatchItem,
)
from steering.selectors.meetings import add_months

MEMBER_EMAIL = "lid@example.org"
STEERING_EMAIL = "stuurgroep@example.org"
SECRETARIAT_EMAIL = "secretaris@example.org"
FIRST_YEAR = 2021
MEETING_MONTHS = [2, 4, 6, 9, 11]
TEXTS = load("meetings")
LOCATIONS = TEXTS["locations"]
THEMES = TEXTS["themes"]
OTHER_DECISIONS = TEXTS["other_decision"]


def seed_meetings(today: datetime.date) -> int:
    """Returns the number of rows added (meetings, consultations, items, subjects, training)."""
    secretary = (
        User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
        or User.objects.filter(email__iexact=STEERING_EMAIL).first()
    )
    if secretary is None or not Member.objects.exists():
        return 0
    rng = random.Random(2023)
    with transaction.atomic():
        added = _meetings(today, rng, secretary)
        added += _consultations(today, rng)
        added += _watch_items()
        added += _subjects(today, rng, secretary)
        added += _training(today, rng)
    return added


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _second_wednesday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(2 - first.weekday()) % 7 + 7)


def _sitting_on(day: datetime.date):
    return (
        Member.objects.filter(start_date__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("pk")
    )


# --- Plenary meetings ---------------------------------------------------------------------


def _adoptions() -> dict[datetime.date, list[Trajectory]]:
    found: dict[datetime.date, list[Trajectory]] = {}
    for trajectory in Trajectory.objects.filter(
        adopted_on__isnull=False, adoption_reference__startswith="Brede bijeenkomst"
    ).order_by("adopted_on", "pk"):
        meeting = f"Brede bijeenkomst {dutch_date(trajectory.adopted_on)}"
        if trajectory.adoption_reference == meeting:
            found.setdefault(trajectory.adopted_on, []).append(trajectory)
    return found


def _meeting_dates(today: datetime.date, adoptions) -> list[datetime.date]:
    dates = []
    for year in range(FIRST_YEAR, today.year + 1):
        chosen = sorted(day for day in adoptions if day.year == year)[:5]
        for spacing in (40, 20):  # well apart if the adoptions allow, else closer
            for month in MEETING_MONTHS:
                day = _second_wednesday(year, month)
                if len(chosen) < 5 and all(abs((day - d).days) > spacing for d in chosen):
                    chosen.append(day)
        dates += sorted(day for day in chosen if day < today)
    return dates


def _agenda(meeting, trajectories, rng) -> None:
    AgendaItem.objects.create(
        meeting=meeting, position=1, kind=AgendaItem.Kind.MINUTES,
        title=TEXTS["agenda"]["minutes"],
    )  # fmt: skip
    AgendaItem.objects.create(
        meeting=meeting, position=2, kind=AgendaItem.Kind.STEERING_REPORT,
        title=TEXTS["agenda"]["steering_report"],
        description=TEXTS["agenda"]["steering_report_description"],
    )  # fmt: skip
    for position, trajectory in enumerate(trajectories, start=3):
        AgendaItem.objects.create(
            meeting=meeting, position=position, kind=AgendaItem.Kind.DECISION,
            title=f"Vaststellen advies: {trajectory.subject}"[:200],
        )  # fmt: skip
    AgendaItem.objects.create(
        meeting=meeting, position=10, kind=AgendaItem.Kind.OTHER,
        title=f"Thema-avond: {rng.choice(THEMES)}",
    )  # fmt: skip


def _held_meeting(day, index, trajectories, rng, secretary) -> PlenaryMeeting:
    meeting = PlenaryMeeting.objects.create(
        title=f"Brede bijeenkomst {dutch_date(day)}",
        starts_at=_at(day, 19, 30),
        ends_at=_at(day, 21, 30),
        location=LOCATIONS[index % len(LOCATIONS)],
        status=PlenaryMeeting.Status.HELD,
        public=day.month == 11,
        minutes=f"Brede bijeenkomst van {dutch_date(day)}.\n\n{TEXTS['minutes']['after_date']}",
        invitations_sent_at=_at(day - datetime.timedelta(days=28), 10),
    )
    _agenda(meeting, trajectories, rng)
    members = list(_sitting_on(day))
    present = set(rng.sample(members, k=round(len(members) * rng.uniform(0.55, 0.8))))
    invitations = []
    for member in members:
        if member in present:
            response = "yes" if rng.random() < 0.9 else "maybe"
        else:
            response = rng.choice(["no", "no", "maybe", ""])
        invitations.append(
            Invitation(
                meeting=meeting,
                member=member,
                response=response,
                attended=member in present,
                responded_at=_at(day - datetime.timedelta(days=rng.randint(3, 20)), 12)
                if response
                else None,
            )  # fmt: skip
        )
    Invitation.objects.bulk_create(invitations)
    _decisions(meeting, trajectories, len(present), rng, secretary)
    return meeting


def _counts(present: int, adopted: bool, rng) -> dict:
    voting = max(present - rng.randint(0, 2), 1)
    abstentions = rng.randint(0, min(2, voting - 1))
    rest = voting - abstentions
    votes_for = rng.randint(rest // 2 + 1, rest) if adopted else rng.randint(0, (rest - 1) // 2)
    return {
        "votes_for": votes_for,
        "votes_against": rest - votes_for,
        "abstentions": abstentions,
    }


def _decisions(meeting, trajectories, present, rng, secretary) -> None:
    items = {item.title: item for item in meeting.agenda.filter(kind=AgendaItem.Kind.DECISION)}
    for trajectory in trajectories:
        Decision.objects.create(
            meeting=meeting,
            agenda_item=items.get(f"Vaststellen advies: {trajectory.subject}"[:200]),
            proposal=f"De adviesgroep stelt het advies “{trajectory.subject}” vast.",
            trajectory=trajectory,
            recorded_by=secretary,
            **_counts(present, True, rng),
        )
    if not trajectories or rng.random() < 0.4:
        other = rng.choice(OTHER_DECISIONS)
        proposal, adopted = other["proposal"], other["adopted"]
        Decision.objects.create(
            meeting=meeting, proposal=proposal, recorded_by=secretary,
            **_counts(present, adopted, rng),
        )  # fmt: skip


def _upcoming_meeting(day, title, public, rng) -> PlenaryMeeting:
    meeting = PlenaryMeeting.objects.create(
        title=title,
        starts_at=_at(day, 19, 30),
        ends_at=_at(day, 21, 30),
        location=LOCATIONS[0],
        public=public,
        invitations_sent_at=timezone.now(),
    )
    _agenda(meeting, [], rng)
    demo = Member.objects.filter(user__email__iexact=MEMBER_EMAIL).first()
    invitations = []
    for member in Member.objects.filter(ended_on__isnull=True).order_by("pk"):
        answered = member != demo and rng.random() < 0.5
        invitations.append(
            Invitation(
                meeting=meeting,
                member=member,
                response=rng.choice(["yes", "yes", "no", "maybe"]) if answered else "",
                responded_at=timezone.now() if answered else None,
            )  # fmt: skip
        )
    Invitation.objects.bulk_create(invitations)
    return meeting


def _meetings(today, rng, secretary) -> int:
    if PlenaryMeeting.objects.exists():
        return 0
    adoptions = _adoptions()
    held = [
        _held_meeting(day, index, adoptions.get(day, []), rng, secretary)
        for index, day in enumerate(_meeting_dates(today, adoptions))
    ]
    # Minutes are approved at the next meeting; the last ones wait for the coming one.
    for meeting, following in zip(held, held[1:], strict=False):
        meeting.minutes_approved_at = following
        meeting.save(update_fields=["minutes_approved_at"])
    first = today + datetime.timedelta(days=21 + (2 - today.weekday()) % 7)
    second = first + datetime.timedelta(weeks=10)
    _upcoming_meeting(first, f"Brede bijeenkomst {dutch_date(first)}", True, rng)
    _upcoming_meeting(second, f"Brede bijeenkomst {dutch_date(second)}", False, rng)
    return len(held) + 2


# --- Consultations (S7) -----------------------------------------------------------------


def _delegation(consultation, day, rng) -> None:
    steering = Member.objects.filter(user__email__iexact=STEERING_EMAIL).first()
    sitting = list(_sitting_on(day).exclude(user__email__iexact=MEMBER_EMAIL)[:30])
    chosen = rng.sample(sitting, k=min(2, len(sitting)))
    if steering is not None and steering.start_date <= day:
        chosen = [steering, *chosen[:1]]
    consultation.attendees.set(chosen)


def _consultation_series(kind, dates, today, rng) -> int:
    texts = TEXTS["consultation"]
    added = 0
    for day in dates:
        consultation = Consultation.objects.create(
            kind=kind, planned_on=day, held_on=day if day < today else None,
            other_attendees=texts[kind]["other_attendees"], topics=texts[kind]["topics"],
            notes=texts["notes"] if day < today else "",
        )  # fmt: skip
        if day < today:
            _delegation(consultation, day, rng)
        added += 1
    return added


def _every(first: datetime.date, months: int, today: datetime.date) -> list[datetime.date]:
    """Dates `months` apart from `first` up to and including the first one from today."""
    dates = [first]
    while dates[-1] < today:
        dates.append(add_months(dates[-1], months))
    return dates


def _consultations(today, rng) -> int:
    if Consultation.objects.exists():
        return 0
    manager_dates = _every(datetime.date(FIRST_YEAR, 2, 10), 2, today)
    alderman_dates = _every(datetime.date(FIRST_YEAR, 4, 15), 6, today)
    return _consultation_series(
        Consultation.Kind.PROGRAMME_MANAGER, manager_dates, today, rng
    ) + _consultation_series(Consultation.Kind.ALDERMAN, alderman_dates, today, rng)


# --- Agendas to watch (S4) --------------------------------------------------------------


WATCH_ITEMS = TEXTS["watch_item"]


def _watch_items() -> int:
    if WatchItem.objects.exists():
        return 0
    today = timezone.localdate()
    for watched in WATCH_ITEMS:
        item = WatchItem.objects.create(
            source=watched["source"], title=watched["title"],
            expected_on=today + datetime.timedelta(days=watched["expected_in_days"]),
            policy_officer=watched["policy_officer"],
            advice_request_expected=watched["advice_request_expected"],
        )  # fmt: skip
        linked = Trajectory.objects.filter(agenda_item__icontains=item.title.split()[1]).first()
        if linked is not None:
            item.trajectories.add(linked)
    return len(WATCH_ITEMS)


# --- Subjects from members --------------------------------------------------------------


def _subjects(today, rng, secretary) -> int:
    if SubjectProposal.objects.exists():
        return 0
    demo = Member.objects.filter(user__email__iexact=MEMBER_EMAIL).first()
    others = list(
        Member.objects.filter(ended_on__isnull=True).exclude(pk=getattr(demo, "pk", None))[:20]
    )
    if demo is None or len(others) < 4:
        return 0
    steering = User.objects.filter(email__iexact=STEERING_EMAIL).first() or secretary
    now = timezone.now()

    def propose(member, subject):
        texts = TEXTS["subject"][subject]
        return SubjectProposal.objects.create(
            proposer=member, title=texts["title"], description=texts["description"],
            purpose=texts["purpose"],
        )  # fmt: skip

    def support(proposal, members):
        for member in members:
            SubjectSupport.objects.create(proposal=proposal, member=member)

    open_own = propose(demo, "open_own")
    support(open_own, others[:2])
    open_other = propose(others[0], "open_other")
    support(open_other, others[1:2])
    scheduled = propose(demo, "scheduled")
    support(scheduled, others[2:5])
    upcoming = (
        PlenaryMeeting.objects.filter(status="planned", starts_at__gte=now)
        .order_by("starts_at")
        .first()
    )
    if upcoming is not None:
        AgendaItem.objects.create(
            meeting=upcoming, position=5, kind=AgendaItem.Kind.SUBJECT,
            title=scheduled.title, description=scheduled.description, subject=scheduled,
        )  # fmt: skip
        SubjectProposal.objects.filter(pk=scheduled.pk).update(
            status="scheduled", answer=TEXTS["subject"]["scheduled"]["answer"],
            answered_by=steering, answered_at=now,
        )  # fmt: skip
    declined = propose(others[3], "declined")
    SubjectProposal.objects.filter(pk=declined.pk).update(
        status="declined", answer=TEXTS["subject"]["declined"]["answer"],
        answered_by=steering, answered_at=now,
    )  # fmt: skip
    return 4


# --- Training (S8) ----------------------------------------------------------------------


TRAININGS = TEXTS["training"]


def _training(today, rng) -> int:
    if TrainingActivity.objects.exists():
        return 0
    demo = Member.objects.filter(user__email__iexact=MEMBER_EMAIL).first()
    added = 0
    for year in range(FIRST_YEAR, today.year + 1):
        for index, training in enumerate(TRAININGS):
            if (year + index) % 4 == 3:
                continue  # three activities a year, not always the same
            day = datetime.date(year, training["month"], 14 + index)
            if day >= today:
                continue
            activity = TrainingActivity.objects.create(
                kind=training["kind"], title=f"{training['title']} ({year})", date=day,
                provider=training["provider"], cost=Decimal(training["cost"]),
            )  # fmt: skip
            sitting = list(_sitting_on(day))
            participants = rng.sample(sitting, k=min(len(sitting), rng.randint(6, 12)))
            if demo is not None and demo.start_date <= day and index % 2 == 0:
                participants.append(demo)
            activity.participants.set(set(participants))
            added += 1
    return added
