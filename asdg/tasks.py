"""What a person has to do (issue 16): the "To do" list on the portal home, the count in
the menu and the top of the weekly digest.

One function per kind of task, each one query whatever the amount of data; `open_tasks`
asks them all and, for the steering group and the secretariat, adds the dashboard's
attention items. It lives in `asdg/` because it reads every app (DESIGN.md §2); the apps'
own selectors and services hold the rules, this module only asks them and says where
each task is done.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from advices.models import AdviceVersion, Comment, Status
from asdg.dashboard import dashboard
from finance.models import ExpenseClaim
from members.models import Member, User
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


# One function per kind; each returns a list of tasks for a sitting member.


def election_votes(member: Member, now: datetime.datetime) -> list[Task]:
    """S2: elections open for voting in which the member has not voted."""
    open_now = Election.objects.filter(
        results_at__isnull=True, voting_opens_at__lte=now, voting_closes_at__gt=now
    ).exclude(Exists(VoterRoll.objects.filter(election=OuterRef("pk"), member=member)))
    return [
        Task(
            f"vote-{election.pk}",
            _("Vote in the election “%(title)s”.") % {"title": election.title},
            _("Vote"),
            reverse("steering_election:detail", args=[election.pk]) + "#vote-heading",
            timezone.localdate(election.voting_closes_at),
        )
        for election in open_now.order_by("voting_closes_at", "pk")
    ]


def room_votes(member: Member, now: datetime.datetime) -> list[Task]:
    """Issue 17.5: a vote open in the room now, at a meeting where the member is marked
    present, in which the member has not voted (the phone goes straight to the ballot)."""
    open_now = RoomVote.objects.filter(
        closed_at__isnull=True,
        meeting__invitations__member=member,
        meeting__invitations__attended=True,
    ).exclude(Exists(RoomVoteRoll.objects.filter(vote=OuterRef("pk"), member=member)))
    return [
        Task(
            f"room-vote-{vote.pk}",
            _("A vote is open at “%(title)s”: %(proposal)s")
            % {"title": vote.meeting.title, "proposal": vote.proposal[:120]},
            _("Vote"),
            reverse("steering_meeting:vote", args=[vote.meeting_id]),
            timezone.localdate(now),
        )
        for vote in open_now.select_related("meeting").order_by("opened_at", "pk")
    ]


def yearly_declaration(member: Member, today: datetime.date) -> list[Task]:
    """M5: the yearly declaration that nothing makes membership incompatible."""
    if member.start_date > today or member.declarations.filter(year=today.year).exists():
        return []
    return [
        Task(
            "declaration",
            _("Declare for %(year)d that no other position conflicts with your membership.")
            % {"year": today.year},
            _("Make the declaration"),
            reverse("membership:declaration"),
            datetime.date(today.year, 12, 31),
        )
    ]


def meeting_answers(member: Member, now: datetime.datetime) -> list[Task]:
    """S6: invitations to plenary meetings to come that the member has not answered."""
    open_invitations = Invitation.objects.filter(
        member=member,
        response=Invitation.Response.NONE,
        meeting__status=PlenaryMeeting.Status.PLANNED,
        meeting__starts_at__gt=now,
    ).select_related("meeting")
    return [
        Task(
            f"rsvp-{invitation.meeting_id}",
            _("Let us know whether you come to “%(title)s” on %(day)s.")
            % {"title": invitation.meeting.title, "day": day(invitation.meeting.starts_at)},
            _("Answer the invitation"),
            reverse("steering_meeting:detail", args=[invitation.meeting_id]) + "#answer-heading",
            timezone.localdate(invitation.meeting.starts_at),
        )
        for invitation in open_invitations.order_by("meeting__starts_at", "meeting_id")
    ]


def draft_comments(member: Member, today: datetime.date) -> list[Task]:
    """P1: a draft advice of the member's own project group, open for comments before its
    deadline, on whose latest version the member has not commented yet."""
    latest_version_at = Subquery(
        AdviceVersion.objects.filter(advice=OuterRef("trajectory__advice"))
        .order_by("-number")
        .values("at")[:1]
    )
    commented = Comment.objects.filter(
        advice=OuterRef("trajectory__advice"),
        author_id=member.user_id,
        created_at__gte=OuterRef("latest_version_at"),
    )
    groups = (
        ProjectGroup.objects.filter(
            participations__member=member,
            participations__status=Participation.Status.CONFIRMED,
            trajectory__status=Status.DRAFTING,
            trajectory__advice__ready_for_plenary=False,
            trajectory__advice__frozen=False,
        )
        .filter(Q(trajectory__deadline__isnull=True) | Q(trajectory__deadline__gte=today))
        .annotate(latest_version_at=latest_version_at)
        .exclude(Exists(commented))
        .select_related("trajectory")
        .distinct()
    )
    return [
        Task(
            f"draft-{group.pk}",
            _("Read the draft advice of “%(group)s” and give your comments.")
            % {"group": group.name},
            _("Comment on the draft"),
            reverse("drafting:draft", args=[group.pk]),
            group.trajectory.deadline,
        )
        for group in groups.order_by("trajectory__deadline", "pk")
    ]


def refused_claims(member: Member, now: datetime.datetime) -> list[Task]:
    """M9: claims refused in the last weeks: read why, and claim again if it can be mended."""
    refused = ExpenseClaim.objects.filter(
        member=member,
        status=ExpenseClaim.Status.REJECTED,
        decided_at__gte=now - datetime.timedelta(days=NEWS_DAYS),
    )
    return [
        Task(
            f"claim-{claim.pk}",
            _("Your expense claim of %(day)s was not approved; read why.")
            % {"day": day(claim.date)},
            _("See the claim"),
            reverse("finance:claim-detail", args=[claim.pk]),
        )
        for claim in refused.order_by("-decided_at", "-pk")
    ]


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


def answered_subjects(member: Member, now: datetime.datetime) -> list[Task]:
    """Subjects the member proposed that the steering group answered in the last weeks."""
    answered = SubjectProposal.objects.filter(
        proposer=member, answered_at__gte=now - datetime.timedelta(days=NEWS_DAYS)
    )
    return [
        Task(
            f"subject-{proposal.pk}",
            _("The steering group answered your subject “%(title)s”.") % {"title": proposal.title},
            _("Read the answer"),
            reverse("steering_subject:detail", args=[proposal.pk]),
        )
        for proposal in answered.order_by("-answered_at", "-pk")
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
        tasks += room_votes(member, now)
        tasks += election_votes(member, now)
        tasks += yearly_declaration(member, today)
        tasks += meeting_answers(member, now)
        tasks += draft_comments(member, today)
        tasks += term_extension(member, today)
        tasks += refused_claims(member, now)
        tasks += answered_subjects(member, now)
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
