"""What needs the secretariat's attention today (issue 8), one check per item.

Each check returns an `Item` exactly when its condition holds, or None. A check asks a
fixed number of queries whatever the amount of data (a count and a few names), so the
dashboard costs the same at 10× data. The apps' own selectors hold the rules; this
module only asks them and says where each item is handled.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from advices.selectors import advice_capacity, deadlines_within, trajectories_awaiting_response
from finance.models import BudgetYear
from finance.selectors import budget_summary, claims_awaiting_decision
from members.models import Application, Member
from members.selectors import (
    add_months,
    members_flagged_incompatible,
    members_term_ending,
    members_without_declaration,
)
from projectgroups.selectors import members_without_projectgroup
from steering.models.seats import MAX_SEATS
from steering.selectors.governance import free_seats_on, seats_held_on
from steering.selectors.meetings import consultation_gaps, plenary_year_warning
from steering.selectors.relations import lapsed_relations

SPENT_WARNING = Decimal("0.90")  # a budget line above 90% spent needs attention

EXAMPLES = 5  # names shown under an item; the link leads to the rest


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    url: str
    examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: list[Item]


def _examples(queryset: QuerySet, label: Callable = str) -> list[str]:
    return [label(obj) for obj in queryset[:EXAMPLES]]


def _admin(name: str, query: str = "") -> str:
    return reverse(f"admin:{name}") + (f"?{query}" if query else "")


# Membership (M1, M3, M5, M7)


def members_below_target(today: datetime.date) -> Item | None:
    """M1: fewer sitting members than the target (ASDG_TARGET_MEMBERS)."""
    sitting = Member.objects.filter(ended_on__isnull=True, start_date__lte=today).count()
    gap = settings.ASDG_TARGET_MEMBERS - sitting
    if gap <= 0:
        return None
    text = ngettext(
        "%(sitting)d members sit; %(gap)d short of the %(target)d the group aims for.",
        "%(sitting)d members sit; %(gap)d short of the %(target)d the group aims for.",
        gap,
    ) % {"sitting": sitting, "gap": gap, "target": settings.ASDG_TARGET_MEMBERS}
    return Item("members_below_target", text, reverse("composition:overview"))


def applications_awaiting_decision(today: datetime.date) -> Item | None:
    """M3: applications the steering group has not decided on."""
    pending = Application.objects.filter(decision=Application.Decision.PENDING).order_by(
        "submitted_at"
    )
    count = pending.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d application awaits a decision.",
        "%(count)d applications await a decision.",
        count,
    ) % {"count": count}
    return Item(
        "applications_awaiting_decision",
        text,
        reverse("review:list"),
        _examples(pending, lambda a: f"{a.first_name} {a.last_name}"),
    )


def terms_ending(today: datetime.date) -> Item | None:
    """M7: terms that end within 3 months."""
    ending = members_term_ending(today=today)
    count = ending.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d member's term ends within 3 months.",
        "%(count)d members' terms end within 3 months.",
        count,
    ) % {"count": count}
    return Item(
        "terms_ending",
        text,
        _admin("members_member_changelist", "attention=term_ending"),
        _examples(ending, lambda m: f"{m} ({m.term_end:%d-%m-%Y})"),
    )


def declarations_missing(today: datetime.date) -> Item | None:
    """M5: sitting members without this year's declaration."""
    missing = members_without_declaration(year=today.year, today=today)
    count = missing.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d member has not made this year's declaration (M5).",
        "%(count)d members have not made this year's declaration (M5).",
        count,
    ) % {"count": count}
    return Item(
        "declarations_missing",
        text,
        _admin("members_member_changelist", "attention=no_declaration"),
        _examples(missing),
    )


def incompatibility_flags(today: datetime.date) -> Item | None:
    """M5: members who declared something incompatible with membership this year."""
    flagged = members_flagged_incompatible(year=today.year)
    count = flagged.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d member declared an incompatible position (M5).",
        "%(count)d members declared an incompatible position (M5).",
        count,
    ) % {"count": count}
    return Item(
        "incompatibility_flags",
        text,
        _admin("members_member_changelist", "m5=flagged"),
        _examples(flagged),
    )


# Advices and project groups (A3, A5, M8)


def advices_against_capacity(today: datetime.date) -> Item | None:
    """A5: more advices this year than the group is sized for, or behind the pace of 10."""
    capacity = advice_capacity(year=today.year)
    year_start = datetime.date(today.year, 1, 1)
    days_in_year = (datetime.date(today.year + 1, 1, 1) - year_start).days
    elapsed = (today - year_start).days + 1
    pace = capacity.minimum * elapsed // days_in_year
    if capacity.count > capacity.maximum:
        text = _(
            "%(count)d advices this year: more than the %(minimum)d–%(maximum)d "
            "the group is sized for (A5)."
        )
    elif capacity.count < pace:
        text = _(
            "%(count)d advices this year: behind the pace for %(minimum)d–%(maximum)d "
            "(A5); %(pace)d expected by now."
        )
    else:
        return None
    text = text % {
        "count": capacity.count,
        "minimum": capacity.minimum,
        "maximum": capacity.maximum,
        "pace": pace,
    }
    return Item("advices_against_capacity", text, reverse("projectgroups:trajectories"))


def deadlines_soon(today: datetime.date) -> Item | None:
    """A5: deadlines within 2 weeks (or passed) of advices not yet sent."""
    due = deadlines_within(today=today)
    count = due.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d advice has its deadline within 2 weeks.",
        "%(count)d advices have their deadline within 2 weeks.",
        count,
    ) % {"count": count}
    return Item(
        "deadlines_soon",
        text,
        reverse("projectgroups:trajectories"),
        _examples(due, lambda t: f"{t} ({t.deadline:%d-%m-%Y})"),
    )


def responses_overdue(today: datetime.date) -> Item | None:
    """A3: the college has not responded within the configured time."""
    overdue = trajectories_awaiting_response(today=today)
    count = overdue.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d advice has had no college response for more than %(weeks)d weeks.",
        "%(count)d advices have had no college response for more than %(weeks)d weeks.",
        count,
    ) % {"count": count, "weeks": settings.ASDG_RESPONSE_REMINDER_WEEKS}
    return Item(
        "responses_overdue",
        text,
        _admin("advices_trajectory_changelist", "status__exact=sent"),
        _examples(overdue),
    )


def members_without_group(today: datetime.date) -> Item | None:
    """M8: sitting members in no project group this year."""
    without = members_without_projectgroup(year=today.year).filter(ended_on__isnull=True)
    count = without.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d member takes part in no project group this year (M8).",
        "%(count)d members take part in no project group this year (M8).",
        count,
    ) % {"count": count}
    return Item(
        "members_without_group",
        text,
        reverse("participation:overview"),
        _examples(without),
    )


# Steering group and meetings (S1, S4, S6, S7)


def steering_seats_ending(today: datetime.date) -> Item | None:
    """S4: seats whose term ends within 3 months — time to open an election."""
    ending = seats_held_on(today).filter(term_end__lte=add_months(today, 3)).order_by("term_end")
    count = ending.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d steering-group seat ends within 3 months; open an election in time.",
        "%(count)d steering-group seats end within 3 months; open an election in time.",
        count,
    ) % {"count": count}
    return Item(
        "steering_seats_ending",
        text,
        reverse("steering_governance:overview"),
        _examples(ending, lambda seat: f"{seat.member} ({seat.term_end:%d-%m-%Y})"),
    )


def steering_seats_vacant(today: datetime.date) -> Item | None:
    """S1: seats of the 6 that nobody holds and no election under way will fill."""
    free = free_seats_on(today)
    if not free:
        return None
    text = ngettext(
        "%(free)d of the %(max)d steering-group seats is vacant and no election will fill it.",
        "%(free)d of the %(max)d steering-group seats are vacant and no election will fill them.",
        free,
    ) % {"free": free, "max": MAX_SEATS}
    return Item("steering_seats_vacant", text, reverse("steering_election:list"))


def plenary_meetings_planned(today: datetime.date) -> Item | None:
    """S6: fewer than 4 or more than 6 plenary meetings planned or held this year."""
    warning = plenary_year_warning(today.year)
    if not warning:
        return None
    return Item("plenary_meetings_planned", warning, _admin("steering_plenarymeeting_changelist"))


def consultations_overdue(today: datetime.date) -> Item | None:
    """S7: the programme manager every 2 months, the alderman twice a year."""
    gaps = consultation_gaps(today)
    if not gaps:
        return None
    text = ngettext(
        "%(count)d kind of consultation is overdue or not planned in time (S7).",
        "%(count)d kinds of consultation are overdue or not planned in time (S7).",
        len(gaps),
    ) % {"count": len(gaps)}
    return Item(
        "consultations_overdue",
        text,
        _admin("steering_consultation_changelist"),
        [gap.message for gap in gaps],
    )


def relations_lapsed(today: datetime.date) -> Item | None:
    """Issue 23.4: relations whose agreed rhythm of contact has lapsed."""
    lapsed = lapsed_relations(today)
    if not lapsed:
        return None
    text = ngettext(
        "%(count)d relation has had no contact within its agreed rhythm.",
        "%(count)d relations have had no contact within their agreed rhythm.",
        len(lapsed),
    ) % {"count": len(lapsed)}
    return Item(
        "relations_lapsed",
        text,
        _admin("steering_contactlogentry_changelist"),
        [relation.message for relation in lapsed[:EXAMPLES]],
    )


# Finance (F2, M9)


def budget_lines_nearly_spent(today: datetime.date) -> Item | None:
    """F2: this year's budget lines above 90% spent (or no budget for the year at all)."""
    if not BudgetYear.objects.filter(year=today.year).exists():
        return Item(
            "budget_lines_nearly_spent",
            _("There is no budget for %(year)d yet.") % {"year": today.year},
            _admin("finance_budgetyear_changelist"),
        )
    summary = budget_summary(year=today.year)
    spent = [
        figures
        for figures in summary.lines
        if figures.budget > 0 and figures.actual > figures.budget * SPENT_WARNING
    ]
    if not spent:
        return None
    text = ngettext(
        "%(count)d budget line is more than 90%% spent.",
        "%(count)d budget lines are more than 90%% spent.",
        len(spent),
    ) % {"count": len(spent)}
    return Item(
        "budget_lines_nearly_spent",
        text,
        reverse("finance:report", kwargs={"year": today.year}),
        [
            f"{f.line.name} ({(f.actual * 100 / f.budget).quantize(Decimal('1'))}%)"
            for f in spent[:EXAMPLES]
        ],
    )


def claims_awaiting(today: datetime.date) -> Item | None:
    """M9: expense claims waiting for the secretariat's decision."""
    waiting = claims_awaiting_decision()
    count = waiting.count()
    if not count:
        return None
    text = ngettext(
        "%(count)d expense claim awaits a decision.",
        "%(count)d expense claims await a decision.",
        count,
    ) % {"count": count}
    return Item(
        "claims_awaiting",
        text,
        reverse("finance:claim-review"),
        _examples(waiting, lambda claim: f"{claim.member} ({claim.date:%d-%m-%Y})"),
    )


SECTIONS: list[tuple[str, str, list[Callable[[datetime.date], Item | None]]]] = [
    (
        "membership",
        _("Membership"),
        [
            applications_awaiting_decision,
            terms_ending,
            declarations_missing,
            incompatibility_flags,
            members_below_target,
        ],
    ),
    (
        "steering",
        _("Steering group and meetings"),
        [
            steering_seats_ending,
            steering_seats_vacant,
            plenary_meetings_planned,
            consultations_overdue,
            relations_lapsed,
        ],
    ),
    (
        "advices",
        _("Advices and project groups"),
        [deadlines_soon, responses_overdue, advices_against_capacity, members_without_group],
    ),
    ("finance", _("Finance"), [claims_awaiting, budget_lines_nearly_spent]),
]


def dashboard(*, today: datetime.date) -> list[Section]:
    """Every section with the items whose condition holds today."""
    return [
        Section(key, title, [item for check in checks if (item := check(today))])
        for key, title, checks in SECTIONS
    ]
