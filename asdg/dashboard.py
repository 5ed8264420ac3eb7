"""What needs the steering group's and the secretariat's attention today (issues 8, 20).

One table, `CHECKS`: each check names the rows that need attention (a queryset from the
apps' selectors, which hold the rules), says when they need it, how its item reads
(`ngettext_lazy`, by the number of rows), which rows are named under it and where each
role handles it. The rows of all those checks are read in ONE query: a UNION ALL of
each check's first rows, each carrying its check's total (`COUNT(*) OVER ()`). Three
checks are not a row count and ask their app's selector instead (free seats S1,
consultations S7, budget lines F2). So the dashboard asks the same few queries whatever
the amount of data.

Links per role: the secretariat works in the admin, the steering group in the portal;
a check without a page for a role shows its item to that role without a link.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    F,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Cast, Concat, RowNumber
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from advices.selectors import (
    ADVICES_PER_YEAR,
    advices_in_year,
    deadlines_within,
    trajectories_awaiting_response,
)
from finance.models import BudgetYear
from finance.selectors import claims_awaiting_decision, line_figures
from members.models import Application
from members.roles import SECRETARIAT, STEERING_GROUP
from members.selectors import (
    MembershipSize,
    add_months,
    members_flagged_incompatible,
    members_sitting,
    members_term_ending,
    members_without_declaration,
    membership_size,
)
from projectgroups.selectors import members_without_projectgroup
from steering.models.seats import MAX_SEATS
from steering.selectors.governance import free_seats_on, seats_held_on
from steering.selectors.meetings import (
    PLENARY_MAX_PER_YEAR,
    PLENARY_MIN_PER_YEAR,
    consultation_gaps,
    meetings_not_cancelled,
)
from steering.selectors.relations import lapsed_relations

SPENT_WARNING = Decimal("0.90")  # a budget line above 90% spent needs attention
EXAMPLES = 5  # rows named under an item; the link leads to the rest
SQL_SECONDS = 60 * 60 * 24  # the SQL of a day's checks (_union_sql)

SECTIONS = {
    "membership": _("Membership"),
    "steering": _("Steering group and meetings"),
    "advices": _("Advices and project groups"),
    "finance": _("Finance"),
}


@dataclass(frozen=True)
class Item:
    """One line of the dashboard: `label` says what needs attention, `url` where it is
    handled for the viewing role (None: no page of that role handles it)."""

    key: str
    label: str
    url: str | None
    examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: list[Item]


@dataclass(frozen=True)
class Link:
    """A page by URL name; `{year}` in the query and `year=True` take today's year."""

    name: str
    query: str = ""
    year: bool = False

    def url(self, today: datetime.date) -> str:
        url = reverse(self.name, kwargs={"year": today.year} if self.year else None)
        return url + ("?" + self.query.format(year=today.year) if self.query else "")


def admin(model: str, query: str = "") -> Link:
    return Link(f"admin:{model}_changelist", query)


def _name(first: str = "first_name", last: str = "last_name") -> Concat:
    """A person's name in SQL, as `Member.__str__` writes it."""
    return Concat(F(first), Value(" "), F(last), output_field=CharField())


def _any(count: int, today: datetime.date) -> bool:
    return count > 0


@dataclass(frozen=True)
class Check:
    """One thing that may need attention; see the module's docstring."""

    key: str
    section: str
    label: Promise  # formatted with figures(count, today); its plural follows "count"
    links: dict[str, Link]
    # What needs attention: rows counted (and the first EXAMPLES named) in one query ...
    rows: Callable[[datetime.date], QuerySet] | None = None
    name: Concat | F | None = None  # how a row is named under the item (None: not named)
    day: str | None = None  # a date field shown after the name
    shown: Callable[[int, datetime.date], bool] = _any
    figures: Callable[[int, datetime.date], dict] = lambda count, today: {"count": count}
    # ... or, where the rule is no row count, the app's selector: (count, names).
    measure: Callable[[datetime.date], tuple[int, list[str]]] | None = None

    def first_rows(self, today: datetime.date) -> QuerySet:
        """At most EXAMPLES rows: this check's key, its total, each row's place and name."""
        rows = self.rows(today)
        ordering = list(rows.query.order_by) or ["pk"]
        named = self.name is not None
        return rows.order_by(*ordering).values(
            check=Value(self.key, output_field=CharField()),
            total=Window(Count("pk")),
            position=Window(RowNumber(), order_by=ordering),
            name=self.name if named else Value("", output_field=CharField()),
            day=F(self.day) if self.day else Cast(Value(None), DateField()),
        )[: EXAMPLES if named else 1]


# The measures of the three checks that are no row count.


def _free_seats(today: datetime.date) -> tuple[int, list[str]]:
    return free_seats_on(today), []


def _consultations(today: datetime.date) -> tuple[int, list[str]]:
    gaps = consultation_gaps(today)
    return len(gaps), [gap.message for gap in gaps]


def _relations_lapsed(today: datetime.date) -> tuple[int, list[str]]:
    lapsed = lapsed_relations(today)
    return len(lapsed), [relation.message for relation in lapsed]


def _lines_nearly_spent(today: datetime.date) -> tuple[int, list[str]]:
    spent = [
        figures
        for figures in line_figures(year=today.year)
        if figures.budget > 0 and figures.actual > figures.budget * SPENT_WARNING
    ]
    names = [
        f"{f.line.name} ({(f.actual * 100 / f.budget).quantize(Decimal('1'))}%)"
        for f in spent[:EXAMPLES]
    ]
    return len(spent), names


def _pace(today: datetime.date) -> int:
    """A5: the advices expected by today at the pace of the minimum a year."""
    year_start = datetime.date(today.year, 1, 1)
    days_in_year = (datetime.date(today.year + 1, 1, 1) - year_start).days
    return ADVICES_PER_YEAR[0] * ((today - year_start).days + 1) // days_in_year


def _capacity(count: int, today: datetime.date) -> dict:
    minimum, maximum = ADVICES_PER_YEAR
    return {"count": count, "minimum": minimum, "maximum": maximum, "pace": _pace(today)}


def _sitting(count: int, today: datetime.date) -> dict:
    size = membership_size(sitting=count)
    return {"sitting": count, "gap": size.gap, "excess": size.excess, "target": size.target}


def _size_is(state: str) -> Callable[[int, datetime.date], bool]:
    """M1: shown when the sitting members are below or above the band around the target."""
    return lambda count, today: membership_size(sitting=count).state == state


def _meetings(count: int, today: datetime.date) -> dict:
    return {"count": count, "minimum": PLENARY_MIN_PER_YEAR, "maximum": PLENARY_MAX_PER_YEAR}


def _plenaries_this_year(today: datetime.date) -> QuerySet:
    return meetings_not_cancelled().filter(starts_at__year=today.year)


def _advices_this_year(today: datetime.date) -> QuerySet:
    return advices_in_year(year=today.year)


TRAJECTORIES = Link("projectgroups:trajectories")
COMPOSITION = Link("composition:overview")

CHECKS: list[Check] = [
    # Membership (M1, M3, M5, M7)
    Check(
        "applications_awaiting_decision",
        "membership",
        ngettext_lazy(
            "%(count)d application awaits a decision.",
            "%(count)d applications await a decision.",
            "count",
        ),
        {
            SECRETARIAT: admin("members_application", "decision__exact=pending"),
            STEERING_GROUP: Link("review:list"),
        },
        rows=lambda today: Application.objects.filter(
            decision=Application.Decision.PENDING
        ).order_by("submitted_at", "pk"),
        name=_name(),
    ),
    Check(
        "terms_ending",
        "membership",
        ngettext_lazy(
            "%(count)d member's term ends within 3 months.",
            "%(count)d members' terms end within 3 months.",
            "count",
        ),
        {
            SECRETARIAT: admin("members_member", "attention=term_ending"),
            STEERING_GROUP: COMPOSITION,
        },
        rows=lambda today: members_term_ending(today=today),
        name=_name(),
        day="term_end",
    ),
    Check(
        "declarations_missing",
        "membership",
        ngettext_lazy(
            "%(count)d member has not made this year's declaration of incompatibilities.",
            "%(count)d members have not made this year's declaration of incompatibilities.",
            "count",
        ),
        {SECRETARIAT: admin("members_member", "attention=no_declaration")},
        rows=lambda today: members_without_declaration(year=today.year, today=today).order_by(
            "last_name", "pk"
        ),
        name=_name(),
    ),
    Check(
        "incompatibility_flags",
        "membership",
        ngettext_lazy(
            "%(count)d member declared a position incompatible with membership.",
            "%(count)d members declared a position incompatible with membership.",
            "count",
        ),
        {SECRETARIAT: admin("members_member", "m5=flagged")},
        rows=lambda today: members_flagged_incompatible(year=today.year).order_by(
            "last_name", "pk"
        ),
        name=_name(),
    ),
    Check(
        "members_below_target",
        "membership",
        ngettext_lazy(
            "%(sitting)d members sit; %(gap)d short of the %(target)d the group aims for.",
            "%(sitting)d members sit; %(gap)d short of the %(target)d the group aims for.",
            "gap",
        ),
        {SECRETARIAT: admin("members_member", "status=sitting"), STEERING_GROUP: COMPOSITION},
        rows=lambda today: members_sitting(on=today),
        shown=_size_is(MembershipSize.BELOW),
        figures=_sitting,
    ),
    Check(
        "members_above_target",
        "membership",
        ngettext_lazy(
            "%(sitting)d members sit: %(excess)d above the about %(target)d the group aims for.",
            "%(sitting)d members sit: %(excess)d above the about %(target)d the group aims for.",
            "excess",
        ),
        {SECRETARIAT: admin("members_member", "status=sitting"), STEERING_GROUP: COMPOSITION},
        rows=lambda today: members_sitting(on=today),
        shown=_size_is(MembershipSize.ABOVE),
        figures=_sitting,
    ),
    # Steering group and meetings (S1, S4, S6, S7)
    Check(
        "steering_seats_ending",
        "steering",
        ngettext_lazy(
            "%(count)d steering-group seat ends within 3 months; open an election in time.",
            "%(count)d steering-group seats end within 3 months; open an election in time.",
            "count",
        ),
        {
            SECRETARIAT: admin("steering_seat", "ending=soon"),
            STEERING_GROUP: Link("steering_governance:overview"),
        },
        rows=lambda today: (
            seats_held_on(today)
            .filter(term_end__lte=add_months(today, 3))
            .order_by("term_end", "pk")
        ),
        name=_name("member__first_name", "member__last_name"),
        day="term_end",
    ),
    Check(
        "steering_seats_vacant",
        "steering",
        ngettext_lazy(
            "%(free)d of the %(max)d steering-group seats is vacant and no election will fill it.",
            "%(free)d of the %(max)d steering-group seats are vacant and no election will "
            "fill them.",
            "free",
        ),
        {SECRETARIAT: admin("steering_election"), STEERING_GROUP: Link("steering_election:list")},
        measure=_free_seats,
        figures=lambda count, today: {"free": count, "max": MAX_SEATS},
    ),
    Check(
        "plenary_meetings_too_few",
        "steering",
        ngettext_lazy(
            "%(count)d plenary meeting planned or held this year; plan at least %(minimum)d.",
            "%(count)d plenary meetings planned or held this year; plan at least %(minimum)d.",
            "count",
        ),
        {
            SECRETARIAT: admin("steering_plenarymeeting", "year={year}"),
            STEERING_GROUP: Link("steering_meeting:list"),
        },
        rows=_plenaries_this_year,
        shown=lambda count, today: count < PLENARY_MIN_PER_YEAR,
        figures=_meetings,
    ),
    Check(
        "plenary_meetings_too_many",
        "steering",
        ngettext_lazy(
            "%(count)d plenary meeting planned or held this year; the guideline asks for "
            "at most %(maximum)d.",
            "%(count)d plenary meetings planned or held this year; the guideline asks for "
            "at most %(maximum)d.",
            "count",
        ),
        {
            SECRETARIAT: admin("steering_plenarymeeting", "year={year}"),
            STEERING_GROUP: Link("steering_meeting:list"),
        },
        rows=_plenaries_this_year,
        shown=lambda count, today: count > PLENARY_MAX_PER_YEAR,
        figures=_meetings,
    ),
    Check(
        "consultations_overdue",
        "steering",
        ngettext_lazy(
            "%(count)d kind of consultation is overdue or not planned in time.",
            "%(count)d kinds of consultation are overdue or not planned in time.",
            "count",
        ),
        {SECRETARIAT: admin("steering_consultation")},
        measure=_consultations,
    ),
    Check(  # issue 23.4: the agreed rhythm of contact with a relation has lapsed
        "relations_lapsed",
        "steering",
        ngettext_lazy(
            "%(count)d relation has had no contact within its agreed rhythm.",
            "%(count)d relations have had no contact within their agreed rhythm.",
            "count",
        ),
        # The log is kept in the admin; the Stuurgroep's own contacts page shows only its
        # project groups' relations, so its item has no link (issue 16.3: never a 403).
        {SECRETARIAT: admin("steering_contactlogentry")},
        measure=_relations_lapsed,
    ),
    # Advices and project groups (A3, A5, M8)
    Check(
        "deadlines_soon",
        "advices",
        ngettext_lazy(
            "%(count)d advice has its deadline within 2 weeks.",
            "%(count)d advices have their deadline within 2 weeks.",
            "count",
        ),
        {SECRETARIAT: admin("advices_trajectory"), STEERING_GROUP: TRAJECTORIES},
        rows=lambda today: deadlines_within(today=today).order_by("deadline", "pk"),
        name=F("subject"),
        day="deadline",
    ),
    Check(
        "responses_overdue",
        "advices",
        ngettext_lazy(
            "%(count)d advice has had no college response for more than %(weeks)d weeks.",
            "%(count)d advices have had no college response for more than %(weeks)d weeks.",
            "count",
        ),
        {
            SECRETARIAT: admin("advices_trajectory", "response=overdue"),
            STEERING_GROUP: TRAJECTORIES,
        },
        rows=lambda today: trajectories_awaiting_response(today=today).order_by("sent_on", "pk"),
        name=F("subject"),
        figures=lambda count, today: {
            "count": count,
            "weeks": settings.ASDG_RESPONSE_REMINDER_WEEKS,
        },
    ),
    Check(
        "advices_over_capacity",
        "advices",
        ngettext_lazy(
            "%(count)d advice this year: more than the %(minimum)d–%(maximum)d the group "
            "is sized for.",
            "%(count)d advices this year: more than the %(minimum)d–%(maximum)d the group "
            "is sized for.",
            "count",
        ),
        {SECRETARIAT: admin("advices_trajectory", "year={year}"), STEERING_GROUP: TRAJECTORIES},
        rows=_advices_this_year,
        shown=lambda count, today: count > ADVICES_PER_YEAR[1],
        figures=_capacity,
    ),
    Check(
        "advices_behind_pace",
        "advices",
        ngettext_lazy(
            "%(count)d advice this year: behind the pace for %(minimum)d–%(maximum)d; "
            "%(pace)d expected by now.",
            "%(count)d advices this year: behind the pace for %(minimum)d–%(maximum)d; "
            "%(pace)d expected by now.",
            "count",
        ),
        {SECRETARIAT: admin("advices_trajectory", "year={year}"), STEERING_GROUP: TRAJECTORIES},
        rows=_advices_this_year,
        shown=lambda count, today: count < _pace(today),
        figures=_capacity,
    ),
    Check(
        "members_without_group",
        "advices",
        ngettext_lazy(
            "%(count)d member takes part in no project group this year.",
            "%(count)d members take part in no project group this year.",
            "count",
        ),
        # The yearly participation check (M8) has no admin list; it is the same page.
        {
            SECRETARIAT: Link("participation:overview"),
            STEERING_GROUP: Link("participation:overview"),
        },
        rows=lambda today: (
            members_without_projectgroup(year=today.year)
            .filter(ended_on__isnull=True)
            .order_by("last_name", "pk")
        ),
        name=_name(),
    ),
    # Finance (F2, M9)
    Check(
        "claims_awaiting",
        "finance",
        ngettext_lazy(
            "%(count)d expense claim awaits a decision.",
            "%(count)d expense claims await a decision.",
            "count",
        ),
        # The secretariat decides claims (M9); the steering group has no page for them.
        {SECRETARIAT: admin("finance_expenseclaim", "status__exact=submitted")},
        rows=lambda today: claims_awaiting_decision(),
        name=_name("member__first_name", "member__last_name"),
        day="date",
    ),
    Check(
        "budget_missing",
        "finance",
        _("There is no budget for %(year)d yet."),
        {SECRETARIAT: admin("finance_budgetyear"), STEERING_GROUP: Link("finance:years")},
        rows=lambda today: BudgetYear.objects.filter(year=today.year),
        shown=lambda count, today: count == 0,
        figures=lambda count, today: {"year": today.year},
    ),
    Check(
        "budget_lines_nearly_spent",
        "finance",
        ngettext_lazy(
            "%(count)d budget line is more than 90%% spent.",
            "%(count)d budget lines are more than 90%% spent.",
            "count",
        ),
        {
            SECRETARIAT: admin("finance_budgetyear", "closed__exact=0"),
            STEERING_GROUP: Link("finance:report", year=True),
        },
        measure=_lines_nearly_spent,
    ),
]


def _counted(checks: list[Check], today: datetime.date) -> dict[str, tuple[int, list[str]]]:
    """Every row-count check's total and first names, in one query. Checks that count the
    same rows (too few or too many meetings, advices over or behind the pace) are
    counted once: their parts are the SQL the request spends most of its time building."""
    counting = {}  # the rows function -> the first check that counts them
    for check in checks:
        counting.setdefault(check.rows, check)
    sql, params = _union_sql(list(counting.values()), today)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    found: dict[str, tuple[int, list]] = {check.key: (0, []) for check in checks}
    for row in sorted(rows, key=lambda row: row["position"]):
        total, names = found[row["check"]]
        name = row["name"]
        if row["day"] is not None:
            name = f"{name} ({date_format(row['day'])})"
        found[row["check"]] = (row["total"], [*names, name] if name else names)
    for check in checks:
        found[check.key] = found[counting[check.rows].key]
    return found


def _union_sql(checks: list[Check], today: datetime.date) -> tuple[str, tuple]:
    """The SQL of the checks' UNION ALL for `today`, built once a day per worker and kept
    in its "local" cache: building and compiling those querysets costs most of the
    dashboard's Python time, running them a few milliseconds. The SQL depends on the day
    alone (and on the settings, fixed while the process runs); its rows are read anew on
    every request."""
    key = f"asdg:dashboard:sql:{today.isoformat()}"
    compiled = caches["local"].get(key)
    if compiled is None:
        parts = [check.first_rows(today) for check in checks]
        compiled = parts[0].union(*parts[1:], all=True).query.sql_with_params()
        caches["local"].set(key, compiled, SQL_SECONDS)
    return compiled


def role_of(user) -> str:
    """Whose links the dashboard shows: the secretariat's (the admin) or the steering
    group's (the portal). The secretariat is who keeps the register; the permissions
    are loaded for the page anyway, so this asks no query."""
    if user is None or user.has_perm("members.change_member"):
        return SECRETARIAT
    return STEERING_GROUP


def dashboard(*, today: datetime.date, user=None) -> list[Section]:
    """Every section with the items whose condition holds today, linked for `user`'s role
    (the secretariat's links without a user)."""
    role = role_of(user)
    figures = _counted([check for check in CHECKS if check.measure is None], today)
    items: dict[str, list[Item]] = {key: [] for key in SECTIONS}
    for check in CHECKS:
        count, names = check.measure(today) if check.measure else figures[check.key]
        if not check.shown(count, today):
            continue
        link = check.links.get(role)
        label = check.label % check.figures(count, today)
        items[check.section].append(
            Item(check.key, label, link.url(today) if link else None, names)
        )
    return [Section(key, str(title), items[key]) for key, title in SECTIONS.items()]
