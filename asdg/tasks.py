"""What a person has to do (issue 16): the "To do" list on the portal home, the count in
the menu and the top of the weekly digest.

A member's own tasks are one query whatever the amount of data (one part per kind of
task, `_kinds`); `open_tasks` asks it and, for the steering group and the secretariat,
adds the dashboard's attention items. It lives in `asdg/` because it reads every app
(DESIGN.md §2); the apps' own selectors and services hold the rules, this module only
asks them and says where each task is done.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    BigIntegerField,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from advices.models import AdviceVersion, Comment, Status
from asdg.dashboard import dashboard
from asdg.kept_sql import Parameter, kept_rows, union_part
from finance.models import ExpenseClaim
from members.models import IncompatibilityDeclaration, Member, User
from members.selectors import add_months
from members.shared import member_of
from projectgroups.models import Participation, ProjectGroup
from steering.models import (
    Election,
    Invitation,
    PlenaryMeeting,
    RoomVote,
    RoomVoteRoll,
    SubjectProposal,
    VoterRoll,
)

# M7: the portal asks for an extension from this many months before the term ends (as the
# dashboard and the term reminder count).
EXTENSION_MONTHS_AHEAD = 3
# A refused claim or an answered subject stays on the list this long after the decision.
NEWS_DAYS = 30
# The menu's count may lag this long on pages other than the portal home.
COUNT_SECONDS = 60


@dataclass(frozen=True)
class Task:
    key: str
    text: str  # one sentence, in the member's words
    action: str  # the button's label
    url: str
    deadline: datetime.date | None = None
    attention: bool = False  # one of the dashboard's items, not the person's own task


def day(value: datetime.date) -> str:
    """A date as people write it: "15 november 2026" (lower case in Dutch)."""
    return date_format(value, "j F Y")


# The member's own tasks: one query whatever the amount of data. Each kind of task is a
# part of one UNION ALL in the columns of COLUMNS (`_kinds`), whose SQL each worker
# builds once (asdg.kept_sql): the values that change per request are `Parameter`s.

COLUMNS = {
    "row_id": BigIntegerField(),
    "ref_id": BigIntegerField(),
    "title": TextField(),
    "detail": TextField(),
    "at": DateTimeField(),
    "day": DateField(),
}
KINDS = ("room-vote", "vote", "declaration", "rsvp", "draft", "claim", "subject")  # as _kinds


MEMBER = Parameter("member", IntegerField())
USER = Parameter("user", IntegerField())
NOW = Parameter("now", DateTimeField())
TODAY = Parameter("today", DateField())
YEAR = Parameter("year", IntegerField())
NEWS_SINCE = Parameter("news_since", DateTimeField())


def _part(queryset, kind: str, order: list, **select):
    return union_part(queryset, "task_", kind, COLUMNS, order, **select)


def _kinds() -> list:
    """One part per kind of task, in the order the list shows them (before sorting by
    deadline); each holds the rule of its kind."""
    # Issue 17.5: a vote open in the room now, at a meeting where the member is marked
    # present, in which the member has not voted (the phone goes straight to the ballot).
    room_votes = RoomVote.objects.filter(
        Exists(
            Invitation.objects.filter(meeting=OuterRef("meeting"), member_id=MEMBER, attended=True)
        ),
        closed_at__isnull=True,
    ).exclude(Exists(RoomVoteRoll.objects.filter(vote=OuterRef("pk"), member_id=MEMBER)))
    # S2: elections open for voting in which the member has not voted.
    elections = Election.objects.filter(
        results_at__isnull=True, voting_opens_at__lte=NOW, voting_closes_at__gt=NOW
    ).exclude(Exists(VoterRoll.objects.filter(election=OuterRef("pk"), member_id=MEMBER)))
    # M5: the yearly declaration that nothing makes membership incompatible.
    declaration = Member.objects.filter(pk=MEMBER, start_date__lte=TODAY).exclude(
        Exists(IncompatibilityDeclaration.objects.filter(member=OuterRef("pk"), year=YEAR))
    )
    # S6: invitations to plenary meetings to come that the member has not answered.
    invitations = Invitation.objects.filter(
        member_id=MEMBER,
        response=Invitation.Response.NONE,
        meeting__status=PlenaryMeeting.Status.PLANNED,
        meeting__starts_at__gt=NOW,
    )
    # P1: a draft advice of the member's own project group, open for comments before its
    # deadline, on whose latest version the member has not commented yet.
    latest_version_at = Subquery(
        AdviceVersion.objects.filter(advice=OuterRef("trajectory__advice"))
        .order_by("-number")
        .values("at")[:1]
    )
    drafts = (
        ProjectGroup.objects.filter(
            Exists(
                Participation.objects.filter(
                    group=OuterRef("pk"),
                    member_id=MEMBER,
                    status=Participation.Status.CONFIRMED,
                )
            ),
            Q(trajectory__deadline__isnull=True) | Q(trajectory__deadline__gte=TODAY),
            trajectory__status=Status.DRAFTING,
            trajectory__advice__ready_for_plenary=False,
            trajectory__advice__frozen=False,
        )
        .annotate(latest_version_at=latest_version_at)
        .exclude(
            Exists(
                Comment.objects.filter(
                    advice=OuterRef("trajectory__advice"),
                    author_id=USER,
                    created_at__gte=OuterRef("latest_version_at"),
                )
            )
        )
    )
    # M9: claims refused in the last weeks: read why, and claim again if it can be mended.
    claims = ExpenseClaim.objects.filter(
        member_id=MEMBER, status=ExpenseClaim.Status.REJECTED, decided_at__gte=NEWS_SINCE
    )
    # Subjects the member proposed that the steering group answered in the last weeks.
    subjects = SubjectProposal.objects.filter(proposer_id=MEMBER, answered_at__gte=NEWS_SINCE)
    return [
        _part(
            room_votes, "room-vote", [F("opened_at"), F("pk")],
            row_id=F("pk"), ref_id=F("meeting_id"), title=F("meeting__title"),
            detail=F("proposal"),
        ),
        _part(
            elections, "vote", [F("voting_closes_at"), F("pk")],
            row_id=F("pk"), title=F("title"), at=F("voting_closes_at"),
        ),
        _part(declaration, "declaration", [F("pk")], row_id=F("pk")),
        _part(
            invitations, "rsvp", [F("meeting__starts_at"), F("meeting_id")],
            row_id=F("meeting_id"), title=F("meeting__title"), at=F("meeting__starts_at"),
        ),
        _part(
            drafts, "draft", [F("trajectory__deadline"), F("pk")],
            row_id=F("pk"), title=F("name"), day=F("trajectory__deadline"),
        ),
        _part(
            claims, "claim", [F("decided_at").desc(), F("pk").desc()],
            row_id=F("pk"), day=F("date"),
        ),
        _part(
            subjects, "subject", [F("answered_at").desc(), F("pk").desc()],
            row_id=F("pk"), title=F("title"),
        ),
    ]  # fmt: skip


def _rows(member: Member, now: datetime.datetime, today: datetime.date) -> list[dict]:
    """The member's task rows, by kind in the order of `_kinds` and within a kind by
    position."""
    values = {
        "member": member.pk,
        "user": member.user_id,
        "now": now,
        "today": today,
        "year": today.year,
        "news_since": now - datetime.timedelta(days=NEWS_DAYS),
    }
    rows = kept_rows("tasks", _union, values, prefix="task_")
    return sorted(rows, key=lambda row: (KINDS.index(row["kind"]), row["position"]))


def _union():
    parts = _kinds()
    return parts[0].union(*parts[1:], all=True)


def _task(row: dict, today: datetime.date) -> Task:
    """The task of one row of `_rows`."""
    pk = row["row_id"]
    match row["kind"]:
        case "room-vote":
            return Task(
                f"room-vote-{pk}",
                _("A vote is open at “%(title)s”: %(proposal)s")
                % {"title": row["title"], "proposal": row["detail"][:120]},
                _("Vote"),
                reverse("steering_meeting:vote", args=[row["ref_id"]]),
                today,
            )
        case "vote":
            return Task(
                f"vote-{pk}",
                _("Vote in the election “%(title)s”.") % {"title": row["title"]},
                _("Vote"),
                reverse("steering_election:detail", args=[pk]) + "#vote-heading",
                timezone.localdate(row["at"]),
            )
        case "declaration":
            return Task(
                "declaration",
                _("Declare for %(year)d that no other position conflicts with your membership.")
                % {"year": today.year},
                _("Make the declaration"),
                reverse("membership:declaration"),
                datetime.date(today.year, 12, 31),
            )
        case "rsvp":
            return Task(
                f"rsvp-{pk}",
                _("Let us know whether you come to “%(title)s” on %(day)s.")
                % {"title": row["title"], "day": day(row["at"])},
                _("Answer the invitation"),
                reverse("steering_meeting:detail", args=[pk]) + "#answer-heading",
                timezone.localdate(row["at"]),
            )
        case "draft":
            return Task(
                f"draft-{pk}",
                _("Read the draft advice of “%(group)s” and give your comments.")
                % {"group": row["title"]},
                _("Comment on the draft"),
                reverse("drafting:draft", args=[pk]),
                row["day"],
            )
        case "claim":
            return Task(
                f"claim-{pk}",
                _("Your expense claim of %(day)s was not approved; read why.")
                % {"day": day(row["day"])},
                _("See the claim"),
                reverse("finance:claim-detail", args=[pk]),
            )
        case "subject":
            return Task(
                f"subject-{pk}",
                _("The steering group answered your subject “%(title)s”.")
                % {"title": row["title"]},
                _("Read the answer"),
                reverse("steering_subject:detail", args=[pk]),
            )
    raise ValueError(row["kind"])


def member_tasks(member: Member, now: datetime.datetime) -> list[Task]:
    """A sitting member's own tasks, by kind. The term extension comes last: the list is
    sorted by deadline afterwards, and of the kinds after it in the old order (claims,
    subjects) none has one."""
    today = timezone.localdate(now)
    rows = _rows(member, now, today)
    return [_task(row, today) for row in rows] + term_extension(member, today)


def term_extension(member: Member, today: datetime.date) -> list[Task]:
    """M7: the term ends within 3 months and may still be extended once."""
    if (
        member.extension_months
        or member.is_marked_to_end
        or not today <= member.term_end <= add_months(today, EXTENSION_MONTHS_AHEAD)
        or member.extension_requests.filter(status="pending").exists()
    ):
        return []
    return [
        Task(
            "extension",
            _("Your term ends on %(day)s. Would you like to stay on a while longer?")
            % {"day": day(member.term_end)},
            _("Ask for an extension"),
            reverse("membership:extension"),
            member.term_end,
        )
    ]


def attention_items(user: User, today: datetime.date) -> list[Task]:
    """The dashboard's items (issue 8) for the steering group and the secretariat, each
    with the link of the viewer's role (issue 16.3: never a page that answers 403); an
    item that no page of the role handles is listed without a button."""
    if not user.has_perm("members.view_member"):
        return []
    return [
        Task(
            f"dashboard-{item.key}",
            str(item.label),
            _("Look into it") if item.url else "",
            item.url or "",
            attention=True,
        )
        for section in dashboard(today=today, user=user)
        for item in section.items
    ]


def open_tasks(*, user, now: datetime.datetime | None = None) -> list[Task]:
    """Everything `user` has to do now: first what has a deadline, soonest first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tasks: list[Task] = []
    member = member_of(user)
    if member is not None and member.is_sitting:
        tasks += member_tasks(member, now)
    tasks.sort(key=lambda task: (task.deadline is None, task.deadline or today))
    if getattr(user, "is_authenticated", False) and user.has_perm("members.view_member"):
        tasks += attention_items(user, today)
    return tasks


def _count_key(user) -> str:
    return f"asdg:tasks:count:{user.pk}"


def open_task_count(*, user) -> int:
    """The count in the menu: recounted at most once a minute per person, and at once on
    the portal home (which calls `open_task_count_store`)."""
    count = cache.get(_count_key(user))
    if count is None:
        count = open_task_count_store(user=user, tasks=open_tasks(user=user))
    return count


def open_task_count_store(*, user, tasks: list[Task]) -> int:
    """Keep the count for the menu. Written only when it changed: a read is one query of
    the shared cache, a write four (in PostgreSQL); an unchanged count is recounted by
    the menu at most once a minute all the same."""
    key = _count_key(user)
    if cache.get(key) != len(tasks):
        cache.set(key, len(tasks), COUNT_SECONDS)
    return len(tasks)
