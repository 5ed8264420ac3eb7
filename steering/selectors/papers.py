"""Who reads which meeting paper, and the agenda with its papers (issue 17.1).

One rule for every page and download: a paper for members is read by sitting members and
by the staff who may see papers (secretariat, steering group); a public paper is read by
anyone once its meeting is published (public and not cancelled). A former member is
the public. The lists come from the same predicates, so the two cannot drift.
"""

from django.db.models import Prefetch, Q, QuerySet

from members.shared import member_of
from steering.models import AgendaItem, MeetingPaper, PlenaryMeeting


def reads_member_papers(user) -> bool:
    """A sitting member, or staff allowed to see the papers."""
    if not getattr(user, "is_authenticated", False):
        return False
    member = member_of(user)
    if member is not None and member.is_sitting:
        return True
    return user.has_perm("steering.view_meetingpaper")


def meeting_published(meeting: PlenaryMeeting) -> bool:
    return meeting.public and meeting.status != PlenaryMeeting.Status.CANCELLED


def _public_papers() -> Q:
    return Q(audience=MeetingPaper.Audience.PUBLIC, item__meeting__public=True) & ~Q(
        item__meeting__status=PlenaryMeeting.Status.CANCELLED
    )


def public_papers() -> QuerySet[MeetingPaper]:
    return MeetingPaper.objects.filter(_public_papers())


def papers_readable(*, members: bool) -> QuerySet[MeetingPaper]:
    """Every paper for a reader of member papers, else only the public ones."""
    return MeetingPaper.objects.all() if members else public_papers()


def paper_for(*, user, pk: int) -> MeetingPaper:
    """The paper if `user` may read it; else MeetingPaper.DoesNotExist (a 404, never a 403:
    the public does not learn that a member-only paper exists).

    A public paper of a published meeting is found without looking at the user, so the
    public's download needs no session.
    """
    paper = public_papers().filter(pk=pk).first()
    if paper is not None:
        return paper
    if reads_member_papers(user):
        return MeetingPaper.objects.get(pk=pk)
    raise MeetingPaper.DoesNotExist


def agenda_with_papers(meeting: PlenaryMeeting, *, members: bool) -> list[AgendaItem]:
    """The agenda in order, each item with the papers this reader may see and (for
    members) the advice draft it carries. Three queries, whatever the size."""
    papers = papers_readable(members=members).order_by("uploaded_at", "pk")
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk")
    if members:
        items = items.select_related("trajectory__advice")
    return list(items.prefetch_related(Prefetch("papers", queryset=papers)))


def draft_item(*, meeting_pk: int, item_pk: int) -> AgendaItem:
    """An agenda item that carries an advice draft (AgendaItem.DoesNotExist otherwise)."""
    return (
        AgendaItem.objects.select_related("meeting", "trajectory__advice")
        .prefetch_related("trajectory__advice__recommendations")
        .get(pk=item_pk, meeting_id=meeting_pk, trajectory__isnull=False)
    )
