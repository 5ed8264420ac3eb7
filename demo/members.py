"""Demo data for membership: ~40 sitting members in cohorts, and an open round.

Deterministic (a seeded random generator), so every demo site looks the same. The texts
are in demo/texts/members.toml.
"""

import datetime
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from demo.texts import load
from members.models import (
    Application,
    Member,
    PostcodeArea,
    RecruitmentRound,
    TermExtensionRequest,
    Theme,
    User,
)
from members.models.common import CONSENT_VERSION, CulturalBackground, OriginCouncil
from members.roles import MEMBER

TEXTS = load("members")
FIRST_NAMES = TEXTS["first_names"]
LAST_NAMES = TEXTS["last_names"]
STREETS = TEXTS["streets"]
MOTIVATIONS = TEXTS["motivations"]
NETWORKS = TEXTS["networks"]


def seed_members(today: datetime.date) -> int:
    """Members in cohorts since 2021. Returns the number of memberships created."""
    if Member.objects.exists():
        return 0
    rng = random.Random(2021)
    themes = list(Theme.objects.filter(active=True))
    areas = list(PostcodeArea.objects.all())
    city = [a for a in areas if a.area == "city"]
    villages = [a for a in areas if a.area != "city"]
    member_group = Group.objects.get(name=MEMBER)
    people = iter(_people(rng))
    created = 0
    # The 2021 cohort from the three predecessor councils (M10); their terms have passed.
    origins = (
        [OriginCouncil.STADADVISEERT] * 14
        + [OriginCouncil.HAREN] * 3
        + [OriginCouncil.TEN_BOER] * 3
    )
    founders = []
    for origin in origins:
        first, last = next(people)
        home = {OriginCouncil.HAREN: "haren", OriginCouncil.TEN_BOER: "ten_boer"}.get(origin)
        area = rng.choice([a for a in villages if a.area == home] or city)
        extension = 12 if rng.random() < 0.3 else 0
        end = datetime.date(2024 + (1 if extension else 0), 12, 31)
        member = _member(rng, first, last, area, themes, datetime.date(2021, 1, 1), 4)
        member.origin_council = origin
        member.ended_on = end if end < today else None
        member.end_reason = Member.EndReason.TERM_ENDED if member.ended_on else ""
        member.save()
        if extension:
            _extension_granted(member, extension)
        _themes(rng, member, themes)
        founders.append(member)
        created += 1
    # Later cohorts, still sitting; terms end at different times.
    cohorts = [(2023, 10), (2024, 9), (2025, 12), (2026, 9)]
    rejoiners = iter(founders[:4])
    for year, size in cohorts:
        for index in range(size):
            if year == 2025 and index < 4:
                founder = next(rejoiners)
                first, last, area = founder.first_name, founder.last_name, founder.postcode_area
            else:
                first, last = next(people)
                area = rng.choice(city if rng.random() < 0.82 else villages)
            # Terms of 1–4 years that still run today, so they end at different times.
            start = datetime.date(year, rng.choice([1, 1, 3, 6, 9]), 1)
            term = rng.choice([t for t in range(1, 5) if start.replace(year=year + t) > today])
            member = _member(rng, first, last, area, themes, start, term)
            member.save()
            _themes(rng, member, themes)
            created += 1
    for member in Member.objects.filter(ended_on__isnull=True, user__isnull=True):
        user = User.objects.filter(email__iexact=member.email).first() or User.objects.create_user(
            member.email, None, first_name=member.first_name, last_name=member.last_name
        )
        user.groups.add(member_group)
        member.user = user
        member.save(update_fields=["user"])
    return created


def link_demo_account(email: str, first: str, last: str, today: datetime.date) -> None:
    """Give a demo login a sitting membership (lid@, stuurgroep@)."""
    user = User.objects.get(email=email)
    if Member.objects.filter(user=user).exists():
        return
    area = PostcodeArea.objects.filter(area="city").first()
    rng = random.Random(email)
    member = _member(rng, first, last, area, [], datetime.date(2024, 1, 1), 4)
    member.email = email
    member.user = user
    member.save()
    _themes(rng, member, list(Theme.objects.all()))


def seed_round(today: datetime.date) -> int:
    """An open recruitment round with 15 applicants, 2 of them ineligible (M5)."""
    if RecruitmentRound.objects.filter(year=today.year).exists():
        return 0
    recruitment = RecruitmentRound.objects.create(
        year=today.year,
        opens_on=max(today - datetime.timedelta(days=21), datetime.date(today.year, 1, 1)),
        closes_on=min(today + datetime.timedelta(days=28), datetime.date(today.year, 12, 31)),
        introduction=TEXTS["round_introduction"],
    )
    rng = random.Random(today.year)
    themes = list(Theme.objects.filter(active=True))
    areas = list(PostcodeArea.objects.all())
    people = _people(random.Random(7))[-15:]
    for index, (first, last) in enumerate(people):
        consent = rng.random() < 0.6
        application = Application.objects.create(
            round=recruitment,
            first_name=first,
            last_name=last,
            email=f"kandidaat{index + 1}@example.net",
            phone=f"06 12 34 56 {index:02d}",
            street_address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postcode=f"{(area := rng.choice(areas)).digits} {rng.choice(['AB', 'CD', 'EK', 'TR'])}",
            postcode_area=area,
            date_of_birth=datetime.date(
                rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28)
            ),
            motivation=rng.choice(MOTIVATIONS),
            network=rng.choice(NETWORKS),
            personal_capacity=True,
            m5_council=False,
            m5_employee=index == 3,
            m5_commercial=False,
            m5_political=index == 9,
            cultural_background=rng.choice(CulturalBackground.values) if consent else "",
            special_consent_at=timezone.now() if consent else None,
            special_consent_version=CONSENT_VERSION if consent else "",
        )
        application.knowledge_themes.set(rng.sample(themes, k=rng.randint(1, 3)))
        if consent:
            application.experience_themes.set(rng.sample(themes, k=rng.randint(0, 2)))
    return 15


def seed_applications(today: datetime.date) -> int:
    """M3: every member who joined after the founding came in through a recruitment round,
    admitted by the steering group. The round of a year runs in the autumn, for members who
    start the next year. Past rounds keep only the admitted applications: the declined
    ones were deleted after ASDG_DECLINED_RETENTION_MONTHS (members.services.retention).

    Founding members (M10) came from the predecessor councils and never applied.
    Returns the number of applications created.
    """
    joined = Member.objects.filter(origin_council="", application__isnull=True).order_by(
        "start_date", "pk"
    )
    decider = User.objects.filter(email="stuurgroep@example.org").first()
    if decider is None:
        return 0
    rng = random.Random(2022)
    created = 0
    for member in joined:
        year = member.start_date.year - 1
        if year >= today.year:
            continue  # the round now open decides on them
        recruitment = _past_round(year)
        submitted = timezone.make_aware(datetime.datetime(year, 9, 1, 9)) + datetime.timedelta(
            hours=17 * created
        )
        application = Application(
            round=recruitment,
            **{name: getattr(member, name) for name in APPLICATION_FIELDS},
            motivation=rng.choice(MOTIVATIONS),
            personal_capacity=True,
            m5_council=False,
            m5_employee=False,
            m5_commercial=False,
            m5_political=False,
            decision=Application.Decision.ADMITTED,
            decided_by=decider,
            decided_at=timezone.make_aware(datetime.datetime(year, 11, 20, 10)),
            decision_reason=TEXTS["admission_reason"],
            member=member,
        )
        application.full_clean(exclude=["postcode_area", "member"])
        application.save()
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted)
        application.knowledge_themes.set(member.knowledge_themes.all())
        application.experience_themes.set(member.experience_themes.all())
        created += 1
    return created


# What an application holds that becomes the member's (members.services.recruitment._admit).
APPLICATION_FIELDS = [
    "first_name", "last_name", "email", "phone", "street_address", "postcode",
    "postcode_area", "date_of_birth", "network", "cultural_background",
    "special_consent_at", "special_consent_version",
]  # fmt: skip


def _past_round(year: int) -> RecruitmentRound:
    """The autumn round of a past year (M2: one a year, within the year)."""
    recruitment, _ = RecruitmentRound.objects.get_or_create(
        year=year,
        defaults={
            "opens_on": datetime.date(year, 9, 1),
            "closes_on": datetime.date(year, 10, 15),
            "introduction": TEXTS["round_introduction"],
        },
    )
    return recruitment


def _people(rng):
    pairs = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES]  # noqa: E741
    rng.shuffle(pairs)
    return pairs


def _extension_granted(member, months):
    """M7: a term grows only by a granted request; the database sets the extension from it."""
    decided = timezone.make_aware(datetime.datetime(2024, 6, 1, 10))
    TermExtensionRequest.objects.create(
        member=member,
        months=months,
        motivation=TEXTS["extension"]["motivation"],
        status=TermExtensionRequest.Status.GRANTED,
        decided_at=decided,
        decision_reason=TEXTS["extension"]["decision_reason"],
    )
    member.refresh_from_db(fields=["extension_months", "term_end"])


def _member(rng, first, last, area, themes, start, years):
    consent = rng.random() < 0.6
    slug = f"{first}.{last}".lower().replace(" ", "")
    member = Member(
        first_name=first,
        last_name=last,
        email=f"{slug}.{start.year}@example.net",
        phone=f"050 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        street_address=f"{rng.choice(STREETS)} {rng.randint(1, 150)}",
        postcode=f"{area.digits} {rng.choice(['AA', 'BC', 'GH', 'KL', 'PR'])}",
        postcode_area=area,
        date_of_birth=datetime.date(
            rng.randint(1945, 2005), rng.randint(1, 12), rng.randint(1, 28)
        ),
        network=rng.choice(NETWORKS),
        start_date=start,
        term_years=years,
        cultural_background=rng.choice(CulturalBackground.values) if consent else "",
        special_consent_at=timezone.now() if consent else None,
        special_consent_version=CONSENT_VERSION if consent else "",
    )
    return member


def _themes(rng, member, themes):
    if themes:
        member.knowledge_themes.set(rng.sample(themes, k=rng.randint(1, 3)))
        if member.special_consent_at:
            member.experience_themes.set(rng.sample(themes, k=rng.randint(0, 2)))
