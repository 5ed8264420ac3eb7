"""Demo data for advices and project groups: ~25 trajectories from 2021 to now.

Topics of the Groningen social domain (see ../shared/REFERENCE-DATA.md): requested and
unsolicited advices, each walked through the one workflow by the services, with its
project group, draft and — for the finished ones — the college's response. Deterministic
(a seeded random generator). Idempotent: nothing is added when a trajectory exists.
The topics and texts are in demo/texts/advices.toml.

Only the demo writes a few things directly, where the services record "today" and a
demo needs the past: the college's answer per recommendation, and the dates on which
members joined and left a group and a group was dissolved.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from advices.models import CollegeResponse, Recommendation, Status, Trajectory
from advices.services import (
    advice_mark_ready,
    advice_save_draft,
    trajectory_advance,
    trajectory_create,
    trajectory_withdraw,
)
from demo.register import officer
from demo.texts import dutch_date, load
from members.models import Member, Theme, User
from projectgroups.models import Participation, ProjectGroup
from projectgroups.services import (
    participation_confirm,
    participation_request,
    projectgroup_create,
    projectgroup_set_phase,
)

STEERING_EMAIL = "stuurgroep@example.org"
SECRETARIAT_EMAIL = "secretaris@example.org"
MEMBER_EMAIL = "lid@example.org"

TEXTS = load("advices")
WORKLOADS = TEXTS["workloads"]
RHYTHMS = TEXTS["rhythms"]
OFFICERS = TEXTS["officers"]


@dataclass
class Topic:
    subject: str
    short: str
    summary: str
    received: datetime.date | int  # a date, or days before today
    status: str
    laws: tuple[str, ...]
    themes: tuple[str, ...]
    # text, the college's response, its explanation
    recommendations: list[tuple[str, str, str]] = field(default_factory=list)
    requester: str = ""  # "" = unsolicited
    requester_name: str = ""
    adopted: datetime.date | None = None
    proposal: str = ""  # the council proposal (raadsvoorstel) number
    agenda_item: str = ""
    withdrawn: str = ""
    with_demo_member: bool = False
    extra: dict = field(default_factory=dict)
    plain_summary: str = ""  # B1, issue 19.3


def _topic(row: dict) -> Topic:
    """A topic of demo/texts/advices.toml, its choices as the models' own."""
    fields = {"status", "requester", "laws", "themes", "recommendation"}
    return Topic(
        **{name: value for name, value in row.items() if name not in fields},
        status=Status(row["status"]),
        requester=Trajectory.Requester(row["requester"]) if "requester" in row else "",
        laws=tuple(row["laws"]),
        themes=tuple(row["themes"]),
        recommendations=[
            (
                recommendation["text"],
                Recommendation.Response(recommendation["response"])
                if "response" in recommendation
                else "",
                recommendation.get("explanation", ""),
            )
            for recommendation in row.get("recommendation", [])
        ],
    )


TOPICS = [_topic(row) for row in TEXTS["topic"]]


def seed_advices(today: datetime.date) -> int:
    """About 25 trajectories with groups, drafts and responses. Returns how many were made."""
    if Trajectory.objects.exists():
        return 0
    steering = User.objects.get(email__iexact=STEERING_EMAIL)
    secretary = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first() or steering
    rng = random.Random(2022)
    themes = {theme.name: theme for theme in Theme.objects.all()}
    with transaction.atomic():
        for index, topic in enumerate(TOPICS):
            _seed_one(topic, index, today, rng, themes, steering, secretary)
    return len(TOPICS)


def _day(value, today: datetime.date) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return today - datetime.timedelta(days=value)


def _seed_one(topic, index, today, rng, themes, steering, secretary):
    received = _day(topic.received, today)
    extra = dict(topic.extra)
    if isinstance(extra.get("deadline"), int):
        extra["deadline"] = today + datetime.timedelta(days=extra["deadline"])
    if isinstance(extra.get("clients_council_consulted_on"), int):
        extra["clients_council_consulted_on"] = _day(extra["clients_council_consulted_on"], today)
    if topic.requester and "deadline" not in extra:
        extra["deadline"] = received + datetime.timedelta(weeks=10)
    trajectory = trajectory_create(
        data={
            "subject": topic.subject,
            "slug": slugify(f"{topic.short} {received.year}"),
            "summary": topic.summary,
            "plain_summary": topic.plain_summary,
            "kind": Trajectory.Kind.REQUESTED if topic.requester else Trajectory.Kind.UNSOLICITED,
            "requested_by": topic.requester,
            "municipal_contact": officer(topic.requester_name),
            "received_on": received,
            "law_wmo": "wmo" in topic.laws,
            "law_youth": "youth" in topic.laws,
            "law_participation": "participation" in topic.laws,
            "agenda_item": topic.agenda_item,
            **extra,
        },
        themes=[themes[name] for name in topic.themes if name in themes],
        by=secretary,
    )
    if topic.status == Status.RECEIVED:
        return trajectory
    formed = received + datetime.timedelta(days=14)
    group = _group(topic, index, trajectory, formed, rng, steering)
    trajectory.refresh_from_db()
    members = list(
        Member.objects.filter(
            participations__group=group, participations__status=Participation.Status.CONFIRMED,
            user__isnull=False,
        ).select_related("user")
    )  # fmt: skip
    author = members[0].user if members else steering
    if topic.status != Status.GROUP_FORMED:
        trajectory = trajectory_advance(
            trajectory=trajectory, to=Status.DRAFTING, by=steering,
            note="De projectgroep schrijft het advies.",
        )  # fmt: skip
    advice_save_draft(
        advice=trajectory.advice, by=author, data=_draft_text(topic),
        recommendations=[text for text, _response, _explanation in topic.recommendations],
    )  # fmt: skip
    if topic.status == Status.WITHDRAWN:
        trajectory_withdraw(trajectory=trajectory, by=steering, reason=topic.withdrawn)
        _dissolve(group, received + datetime.timedelta(days=60), steering)
        return trajectory
    if topic.status in (Status.GROUP_FORMED, Status.DRAFTING):
        return trajectory
    projectgroup_set_phase(group=group, phase=ProjectGroup.Phase.ADVISING, by=steering)
    ProjectGroup.objects.filter(pk=group.pk).update(open_for_signup=False)
    adopted = topic.adopted or received + datetime.timedelta(days=42)
    advice_mark_ready(advice=trajectory.advice, by=author)  # S5: the group hands it over
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.ADOPTED, by=steering, on=adopted,
        reference=f"Brede bijeenkomst {dutch_date(adopted)}",
    )  # fmt: skip
    sent = adopted + datetime.timedelta(days=7)
    trajectory = trajectory_advance(trajectory=trajectory, to=Status.SENT, by=secretary, on=sent)
    if topic.status == Status.SENT:
        return trajectory
    answered = sent + datetime.timedelta(weeks=rng.randint(5, 8))
    _college_response(trajectory, topic, answered)
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.RESPONDED, by=secretary,
        note=f"Verwerkt in raadsvoorstel {topic.proposal}.",
    )  # fmt: skip
    projectgroup_set_phase(group=group, phase=ProjectGroup.Phase.MONITORING, by=steering)
    if topic.status == Status.RESPONDED:
        return trajectory
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.MONITORING, by=steering,
        note="De projectgroep volgt de uitvoering.",
    )  # fmt: skip
    if topic.status == Status.MONITORING:
        _continue_smaller(group, answered + datetime.timedelta(days=30))
        return trajectory
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.CLOSED, by=steering, note="Uitvoering gevolgd; afgerond."
    )
    _dissolve(group, answered + datetime.timedelta(days=300), steering)
    return trajectory


def _group(topic, index, trajectory, formed, rng, steering) -> ProjectGroup:
    """P1: the steering group sets the group up; 5–8 members who sat on that date join."""
    group = projectgroup_create(
        trajectory=trajectory,
        by=steering,
        data={
            "name": f"Projectgroep {topic.short}",
            "workload": WORKLOADS[index % len(WORKLOADS)],
            "meeting_rhythm": RHYTHMS[index % len(RHYTHMS)],
            "way_of_working": TEXTS["projectgroup_way_of_working"],
            "external_support_hours": rng.choice([0, 4, 6, 8]),
        },
        policy_officers=[p for p in [officer(OFFICERS[index % len(OFFICERS)])] if p],
    )
    sitting = list(
        Member.objects.filter(start_date__lte=formed)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=formed))
        .exclude(user__email__iexact=MEMBER_EMAIL)
        .order_by("pk")
    )
    chosen = rng.sample(sitting, k=min(len(sitting), rng.randint(5, 8)))
    if topic.with_demo_member:
        demo = Member.objects.filter(user__email__iexact=MEMBER_EMAIL).first()
        chosen = ([demo] if demo else []) + chosen[: 7 if demo else 8]
    for member in chosen:
        if member.ended_on is None:
            participation = participation_request(group=group, member=member)
            participation_confirm(participation=participation, by=steering)
        else:
            # A member whose term has since ended: the service only admits sitting
            # members, so the historical participation is recorded as it was.
            Participation.objects.create(
                group=group, member=member, status=Participation.Status.CONFIRMED,
                confirmed_by=steering, confirmed_on=formed,
            )  # fmt: skip
    # The services record today; a demo group was formed in the past.
    group.participations.filter(status=Participation.Status.CONFIRMED).update(confirmed_on=formed)
    if topic.status in (Status.GROUP_FORMED, Status.DRAFTING):
        # An open group: a sign-up or two waits for the steering group's confirmation.
        others = [m for m in sitting if m not in chosen and m.ended_on is None]
        for member in rng.sample(others, k=min(len(others), 2)):
            participation_request(group=group, member=member)
    return group


def _draft_text(topic) -> dict:
    draft = TEXTS["draft"]
    return {
        "introduction": f"{topic.summary} {draft['introduction_after_summary']}",
        "way_of_working": draft["way_of_working"],
        "considerations": draft["considerations"],
    }


def _college_response(trajectory, topic, answered: datetime.date) -> None:
    """A3: the council proposal with the college's answer per recommendation."""
    CollegeResponse.objects.create(
        trajectory=trajectory,
        received_on=answered,
        council_proposal_number=topic.proposal,
        council_proposal_date=answered - datetime.timedelta(days=3),
        # A demo council information system (example.org, never a real municipality's).
        council_proposal_url=f"https://raad.example.org/raadsvoorstellen/{slugify(topic.proposal)}",
    )
    answers = {
        number: (response, explanation)
        for number, (_text, response, explanation) in enumerate(topic.recommendations, start=1)
    }
    for recommendation in trajectory.advice.recommendations.all():
        response, explanation = answers[recommendation.number]
        recommendation.response = response
        recommendation.response_explanation = explanation
        recommendation.save(update_fields=["response", "response_explanation"])


def _continue_smaller(group: ProjectGroup, on: datetime.date) -> None:
    """P3: in monitoring the group may go on smaller; a few members step out."""
    confirmed = list(group.participations.filter(status=Participation.Status.CONFIRMED))
    for participation in confirmed[3:]:
        participation.status = Participation.Status.LEFT
        participation.left_on = on
        participation.save(update_fields=["status", "left_on"])


def _dissolve(group: ProjectGroup, on: datetime.date, steering: User) -> None:
    """The trajectory ended: the group is dissolved and its members left on that day."""
    projectgroup_set_phase(group=group, phase=ProjectGroup.Phase.DISSOLVED, by=steering)
    ProjectGroup.objects.filter(pk=group.pk).update(dissolved_on=on)
    group.participations.filter(status=Participation.Status.CONFIRMED).update(
        status=Participation.Status.LEFT, left_on=on
    )
    group.participations.filter(status=Participation.Status.REQUESTED).update(
        status=Participation.Status.DECLINED
    )
