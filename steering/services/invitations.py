"""Invitations to a plenary meeting, sent when the agenda is ready (issue 17.2, S6).

Planning a meeting sends nothing. The secretariat or the steering group (DESIGN 5: the
steering group organises the plenaries) previews the invitation with the agenda and its
papers and sends it once; a later change to the agenda or the papers goes to the
invitees as a supplement (aanvulling); the daily job reminds those who have not answered
a set number of days before the meeting. Every mail goes through the outbox
(members.mail.send_templated_mail), in the transaction that records it was sent, so a
second press or a second run sends nothing twice.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.audit import audit_event
from members.mail import render_templated_mail, send_templated_mail
from members.models import Member, Topic, User
from steering.models import AgendaItem, Invitation, MeetingPaper, PlenaryMeeting
from steering.selectors.meetings import local_date, sitting_members_on
from steering.selectors.papers import agenda_with_papers

INVITATION = "steering/emails/meeting_invitation"
SUPPLEMENT = "steering/emails/meeting_supplement"
REMINDER = "steering/emails/meeting_reminder"


def _lock(meeting: PlenaryMeeting) -> PlenaryMeeting:
    return PlenaryMeeting.objects.select_for_update().get(pk=meeting.pk)


def _address(site_url: str, name: str, *args) -> str:
    """A page's address for a mail: the Dutch one (the site's language at its own
    addresses), whatever language the request that sends the mail was in."""
    with translation.override(settings.LANGUAGE_CODE):
        return site_url.rstrip("/") + reverse(name, args=args)


def invitation_context(
    meeting: PlenaryMeeting, *, site_url: str = "", since: datetime.datetime | None = None
) -> dict:
    """What every mail about the meeting shows: the agenda with its papers (links), and,
    for a supplement, which items and papers changed since the last mailing."""
    agenda = agenda_with_papers(meeting, members=True)
    lines = []
    for item in agenda:
        papers = [
            {
                "title": paper.title,
                "url": _address(site_url, "steering_public:paper", paper.pk),
                "new": since is not None and paper.uploaded_at > since,
            }
            for paper in item.papers.all()
        ]
        draft = None
        if item.trajectory_id and getattr(item.trajectory, "advice", None):
            draft = {
                "subject": item.trajectory.subject,
                "version": item.trajectory.advice.version,
                "url": _address(site_url, "steering_meeting:draft", meeting.pk, item.pk),
            }
        lines.append(
            {
                "item": item,
                "papers": papers,
                "draft": draft,
                "changed": since is not None and item.changed_at > since,
            }
        )
    return {
        "meeting": meeting,
        "agenda": lines,
        "portal_url": _address(site_url, "steering_meeting:detail", meeting.pk),
    }


def invitation_preview(
    meeting: PlenaryMeeting, *, supplement: bool = False, note: str = "", site_url: str = ""
) -> tuple[str, str]:
    """The subject and body as the first invitee (or a sitting member) will read them."""
    invitation = meeting.invitations.select_related("member").order_by("pk").first()
    member = (
        invitation.member
        if invitation
        else sitting_members_on(local_date(meeting.starts_at)).order_by("pk").first()
    )
    since = meeting.last_mailed_at if supplement else None
    context = invitation_context(meeting, site_url=site_url, since=since)
    return render_templated_mail(
        template=SUPPLEMENT if supplement else INVITATION,
        context={**context, "member": member or Member(first_name="…"), "note": note},
    )


def _mail(template: str, members, context: dict) -> int:
    sent = 0
    for member in members:
        send_templated_mail(
            template=template,
            to=[member.email],
            context={**context, "member": member},
            topic=Topic.INVITATION,
        )
        sent += 1
    return sent


def _refuse_unless_open(meeting: PlenaryMeeting) -> None:
    if meeting.status != PlenaryMeeting.Status.PLANNED or meeting.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has started or is no longer planned."))


def _invite(meeting: PlenaryMeeting, members, *, site_url: str) -> list[Invitation]:
    """Invite (a row and a mail each) the members not yet invited; the meeting is locked."""
    invited = set(meeting.invitations.values_list("member_id", flat=True))
    new = [
        Invitation(meeting=meeting, member=member)
        for member in members.order_by("pk")
        if member.pk not in invited
    ]
    Invitation.objects.bulk_create(new)
    if new:
        _mail(
            INVITATION,
            [invitation.member for invitation in new],
            invitation_context(meeting, site_url=site_url),
        )
    return new


@transaction.atomic
def meeting_invitation_send(*, meeting: PlenaryMeeting, by: User | None, site_url: str = "") -> int:
    """S6: invite every sitting member, with the agenda and its papers. Once: a second
    press (or a second secretary at the same moment) is refused. Returns how many."""
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    if meeting.invitations_sent_at is not None:
        raise ValidationError(
            _("The invitation was already sent on %(date)s; send a supplement instead.")
            % {
                "date": date_format(
                    timezone.localtime(meeting.invitations_sent_at), "DATETIME_FORMAT"
                )
            }
        )
    new = _invite(meeting, sitting_members_on(local_date(meeting.starts_at)), site_url=site_url)
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["invitations_sent_at"])
    audit_event("meeting.invitation_sent", actor=by, object=meeting, invited=len(new))
    return len(new)


def changes_since_last_mailing(meeting: PlenaryMeeting) -> bool:
    since = meeting.last_mailed_at
    if since is None:
        return False
    return (
        AgendaItem.objects.filter(meeting=meeting, changed_at__gt=since).exists()
        or MeetingPaper.objects.filter(item__meeting=meeting, uploaded_at__gt=since).exists()
    )


@transaction.atomic
def meeting_supplement_send(
    *, meeting: PlenaryMeeting, by: User | None, note: str = "", site_url: str = ""
) -> int:
    """A change to the agenda or its papers, to every invitee, marking what is new.
    Refused when nothing changed since the invitation or the last supplement, so the
    same supplement never goes out twice. Returns how many were mailed."""
    meeting = _lock(meeting)
    _refuse_unless_open(meeting)
    if meeting.invitations_sent_at is None:
        raise ValidationError(_("Send the invitation first; a supplement follows it."))
    if not changes_since_last_mailing(meeting):
        raise ValidationError(
            _("Nothing on the agenda or in the papers changed since the last mailing.")
        )
    context = invitation_context(meeting, site_url=site_url, since=meeting.last_mailed_at)
    members = [
        invitation.member
        for invitation in meeting.invitations.select_related("member").order_by("pk")
    ]
    sent = _mail(SUPPLEMENT, members, {**context, "note": (note or "").strip()})
    meeting.supplement_sent_at = timezone.now()
    meeting.save(update_fields=["supplement_sent_at"])
    audit_event("meeting.supplement_sent", actor=by, object=meeting, invitees=sent)
    return sent


@transaction.atomic
def meeting_invite_missing(
    *,
    meeting: PlenaryMeeting | None = None,
    now: datetime.datetime | None = None,
    site_url: str = "",
) -> int:
    """S6: invite sitting members who joined after the invitation went out, to every
    upcoming planned meeting whose invitation was sent (or only `meeting`). A meeting
    not yet sent waits for its invitation. Idempotent: returns how many were added."""
    now = now or timezone.now()
    meetings = PlenaryMeeting.objects.filter(
        status=PlenaryMeeting.Status.PLANNED, starts_at__gt=now, invitations_sent_at__isnull=False
    )
    if meeting is not None:
        meetings = meetings.filter(pk=meeting.pk)
    added = 0
    for upcoming in meetings.select_for_update().order_by("starts_at", "pk"):
        members = sitting_members_on(local_date(upcoming.starts_at))
        added += len(_invite(upcoming, members, site_url=site_url))
    return added


@transaction.atomic
def meeting_reminders_send(
    *, now: datetime.datetime | None = None, days: int | None = None, site_url: str = ""
) -> int:
    """Remind the invitees who have not answered, `days` (ASDG_MEETING_REMINDER_DAYS)
    before the meeting; once per invitation (reminded_at). Returns how many."""
    now = now or timezone.now()
    days = settings.ASDG_MEETING_REMINDER_DAYS if days is None else days
    horizon = now + datetime.timedelta(days=days)
    invitations = (
        Invitation.objects.select_for_update(of=("self",))
        .filter(
            response=Invitation.Response.NONE,
            reminded_at__isnull=True,
            member__ended_on__isnull=True,
            meeting__status=PlenaryMeeting.Status.PLANNED,
            meeting__invitations_sent_at__isnull=False,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=horizon,
        )
        .select_related("member", "meeting")
        .order_by("meeting__starts_at", "pk")
    )
    sent = 0
    contexts: dict[int, dict] = {}
    for invitation in invitations:
        meeting = invitation.meeting
        if meeting.pk not in contexts:
            contexts[meeting.pk] = invitation_context(meeting, site_url=site_url)
        sent += _mail(REMINDER, [invitation.member], contexts[meeting.pk])
        invitation.reminded_at = now
        invitation.save(update_fields=["reminded_at"])
    return sent
