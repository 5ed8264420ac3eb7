"""The benchmark's data set: the demo (seed_demo) grown to `scale` times its size.

Fast: rows are copied with bulk_create, never through the services (which send mail and
walk every workflow step). What grows, for scale 10 on today's demo:

- members: every membership gets scale - 1 sitting copies with an account in the Lid
  group (e-mail ``bench-<n>@example.net``, password BENCH_PASSWORD), ~620 in all;
- advice trajectories: each gets scale - 1 copies, a year earlier per copy, with its
  advice, recommendations, the college's response, themes, public attachments and
  project group with participations (published where the original is), ~270 in all;
- budget years: the years after the demo's last one, up to `budget_years` in all;
- plenary meetings: scale - 1 copies of each, a year earlier per copy;
- expense claims: every claim awaiting a decision, withdrawn or rejected gets scale - 1
  copies on the new members.

`seed_scaled` runs once per database: a second call adds nothing.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from advices.models import Advice, Attachment, CollegeResponse, Recommendation, Trajectory
from finance.models import BudgetYear, ExpenseClaim
from members.models import Member, User
from members.roles import MEMBER
from projectgroups.models import Participation, ProjectGroup
from steering.models import PlenaryMeeting

BENCH_PASSWORD = "bench-asdg-2026"
BENCH_EMAIL = "bench-{n}@example.net"
MARKER_SUFFIX = "-x2"  # the slug suffix of the first copy: present once the data grew
YEAR = datetime.timedelta(days=365)


def seed_scaled(*, scale: int = 10, budget_years: int = 10) -> dict[str, int]:
    """Grow what the database holds to `scale` times; returns the rows added per kind."""
    if scale < 2 or Trajectory.objects.filter(slug__endswith=MARKER_SUFFIX).exists():
        return {}
    with transaction.atomic():
        return {
            "members": _members(scale),
            "trajectories": _trajectories(scale),
            "budget years": _budget_years(budget_years),
            "plenary meetings": _meetings(scale),
            "expense claims": _claims(scale),
        }


def _copy(instance, **changes):
    """An unsaved copy of a model instance (no pk), with some fields changed."""
    fields = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    fields.update(changes)
    return type(instance)(**fields)


def _shift(value, copy: int):
    return None if value is None else value - (copy - 1) * YEAR


def _m2m(through, rows: Iterable[tuple[int, int]], left: str, right: str) -> None:
    through.objects.bulk_create(
        [through(**{left: a, right: b}) for a, b in rows], ignore_conflicts=True
    )


def _members(scale: int) -> int:
    originals = list(Member.objects.order_by("pk"))
    knowledge = Member.knowledge_themes.through
    experience = Member.experience_themes.through
    known = {m: [] for m in ("k", "e")}
    for row in knowledge.objects.values_list("member_id", "theme_id"):
        known["k"].append(row)
    for row in experience.objects.values_list("member_id", "theme_id"):
        known["e"].append(row)
    password = make_password(BENCH_PASSWORD)
    copies, users, origin = [], [], []
    number = User.objects.filter(email__startswith="bench-").count()
    for _copy_number in range(2, scale + 1):
        for member in originals:
            number += 1
            email = BENCH_EMAIL.format(n=number)
            users.append(
                User(
                    email=email,
                    first_name=member.first_name,
                    last_name=member.last_name,
                    password=password,
                )
            )
            copies.append(
                _copy(
                    member,
                    email=email,
                    user_id=None,
                    ended_on=None,
                    end_reason="",
                    start_date=max(member.start_date, datetime.date(2024, 1, 1)),
                    term_years=4,
                    extension_months=0,
                )
            )
            origin.append(member.pk)
    users = User.objects.bulk_create(users)
    for member, user in zip(copies, users, strict=True):
        member.user_id = user.pk
    copies = Member.objects.bulk_create(copies)
    group = Group.objects.get(name=MEMBER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users]
    )
    new_of = {}
    for member, original in zip(copies, origin, strict=True):
        new_of.setdefault(original, []).append(member.pk)
    for key, through in (("k", knowledge), ("e", experience)):
        _m2m(
            through,
            ((new, theme) for old, theme in known[key] for new in new_of.get(old, [])),
            "member_id",
            "theme_id",
        )
    return len(copies)


def _trajectories(scale: int) -> int:
    originals = list(
        Trajectory.objects.order_by("pk").select_related(
            "advice", "college_response", "project_group"
        )
    )
    themes = list(Trajectory.themes.through.objects.values_list("trajectory_id", "theme_id"))
    recommendations = list(Recommendation.objects.order_by("pk"))
    attachments = list(Attachment.objects.filter(public=True).order_by("pk"))
    participations = list(Participation.objects.order_by("pk"))
    added = 0
    for copy in range(2, scale + 1):
        clones = [
            _copy(
                t,
                slug=f"{t.slug}-x{copy}",
                subject=f"{t.subject} ({copy})",
                received_on=_shift(t.received_on, copy),
                deadline=_shift(t.deadline, copy),
                clients_council_consulted_on=_shift(t.clients_council_consulted_on, copy),
                adopted_on=_shift(t.adopted_on, copy),
                sent_on=_shift(t.sent_on, copy),
                published_at=_shift(t.published_at, copy),
            )
            for t in originals
        ]
        clones = Trajectory.objects.bulk_create(clones)
        added += len(clones)
        pk_of = {t.pk: clone.pk for t, clone in zip(originals, clones, strict=True)}
        _m2m(
            Trajectory.themes.through,
            ((pk_of[t], theme) for t, theme in themes),
            "trajectory_id",
            "theme_id",
        )
        advices = {}
        for t in originals:
            advice = getattr(t, "advice", None)
            if advice is not None:
                advices[advice.pk] = _copy(advice, trajectory_id=pk_of[t.pk])
        created = Advice.objects.bulk_create(list(advices.values()))
        advice_of = {old: new.pk for old, new in zip(advices, created, strict=True)}
        Recommendation.objects.bulk_create(
            [_copy(r, advice_id=advice_of[r.advice_id]) for r in recommendations]
        )
        CollegeResponse.objects.bulk_create(
            [
                _copy(
                    t.college_response,
                    trajectory_id=pk_of[t.pk],
                    received_on=_shift(t.college_response.received_on, copy),
                    council_proposal_date=_shift(t.college_response.council_proposal_date, copy),
                )
                for t in originals
                if getattr(t, "college_response", None) is not None
            ]
        )
        Attachment.objects.bulk_create(
            [_copy(a, trajectory_id=pk_of[a.trajectory_id]) for a in attachments]
        )
        groups = {}
        for t in originals:
            group = getattr(t, "project_group", None)
            if group is not None:
                groups[group.pk] = _copy(
                    group,
                    trajectory_id=pk_of[t.pk],
                    name=f"{group.name} ({copy})",
                    dissolved_on=_shift(group.dissolved_on, copy),
                )
        created = ProjectGroup.objects.bulk_create(list(groups.values()))
        group_of = {old: new.pk for old, new in zip(groups, created, strict=True)}
        Participation.objects.bulk_create(
            [
                _copy(
                    p,
                    group_id=group_of[p.group_id],
                    confirmed_on=_shift(p.confirmed_on, copy),
                    left_on=_shift(p.left_on, copy),
                )
                for p in participations
            ]
        )
    return added


def _budget_years(wanted: int) -> int:
    years = list(BudgetYear.objects.order_by("year"))
    if not years or len(years) >= wanted:
        return 0
    last = years[-1]
    lines = list(last.lines.order_by("pk"))
    sources = list(last.sources.order_by("pk"))
    added = 0
    for year in range(last.year + 1, last.year + 1 + wanted - len(years)):
        budget_year = BudgetYear.objects.create(
            year=year, note=f"Begroting {year}: de lijn van {last.year}."
        )
        type(lines[0]).objects.bulk_create(
            [_copy(line, budget_year_id=budget_year.pk) for line in lines]
        ) if lines else None
        type(sources[0]).objects.bulk_create(
            [_copy(source, budget_year_id=budget_year.pk) for source in sources]
        ) if sources else None
        added += 1
    return added


def _meetings(scale: int) -> int:
    originals = list(PlenaryMeeting.objects.order_by("pk"))
    clones = [
        _copy(
            meeting,
            title=f"{meeting.title} ({copy})",
            starts_at=_shift(meeting.starts_at, copy),
            ends_at=_shift(meeting.ends_at, copy),
            minutes_approved_at_id=None,
            invitations_sent_at=_shift(meeting.invitations_sent_at, copy),
        )
        for copy in range(2, scale + 1)
        for meeting in originals
    ]
    return len(PlenaryMeeting.objects.bulk_create(clones))


def _claims(scale: int) -> int:
    originals = list(
        ExpenseClaim.objects.filter(
            status__in=[
                ExpenseClaim.Status.SUBMITTED,
                ExpenseClaim.Status.WITHDRAWN,
                ExpenseClaim.Status.REJECTED,
            ]
        ).order_by("pk")
    )
    members = list(Member.objects.filter(email__startswith="bench-").values_list("pk", flat=True))
    if not originals or not members:
        return 0
    rng = random.Random(scale)
    clones = [
        _copy(claim, member_id=rng.choice(members), booking_id=None)
        for _copy_number in range(2, scale + 1)
        for claim in originals
    ]
    return len(ExpenseClaim.objects.bulk_create(clones))
