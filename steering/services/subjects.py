"""Subjects from members (Wmo 2015 art. 2.1.3 lid 3 (a) and (e)): residents propose policy
and put subjects on the agenda; other members support them; the steering group schedules
a subject on a plenary agenda or explains why not, and the proposer hears either way."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from members.audit import audit_event
from members.mail import send_templated_mail
from members.models import Member, Topic, User
from steering.models import AgendaItem, PlenaryMeeting, SubjectProposal, SubjectSupport

SUBJECTS_PORTAL_PATH = "/portaal/onderwerpen/"


def _sitting(member: Member | None) -> Member:
    if member is None or not member.is_sitting:
        raise ValidationError(_("Only sitting members can propose or support a subject."))
    return member


@transaction.atomic
def subject_propose(
    *, proposer: Member, title: str, description: str, purpose: str
) -> SubjectProposal:
    _sitting(proposer)
    proposal = SubjectProposal(
        proposer=proposer,
        title=(title or "").strip(),
        description=(description or "").strip(),
        purpose=purpose,
    )
    proposal.full_clean()
    proposal.save()
    audit_event("subject.proposed", actor=proposer.user, object=proposal)
    return proposal


@transaction.atomic
def subject_support(*, proposal: SubjectProposal, member: Member) -> SubjectSupport:
    """Another member supports a proposal that is still open, once."""
    _sitting(member)
    proposal = SubjectProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.proposer_id == member.pk:
        raise ValidationError(_("You cannot support your own proposal."))
    if proposal.status != SubjectProposal.Status.PROPOSED:
        raise ValidationError(_("The steering group has already answered this proposal."))
    try:
        with transaction.atomic():
            return SubjectSupport.objects.create(proposal=proposal, member=member)
    except IntegrityError as error:
        raise ValidationError(_("You already support this proposal.")) from error


def _answered(proposal: SubjectProposal, *, status: str, answer: str, by: User) -> None:
    proposal.status = status
    proposal.answer = answer
    proposal.answered_by = by
    proposal.answered_at = timezone.now()
    proposal.full_clean()
    proposal.save()
    send_templated_mail(
        template="steering/emails/subject_answered",
        to=[proposal.proposer.email],
        context={"proposal": proposal, "member": proposal.proposer},
        topic=Topic.SUBJECT,
    )
    audit_event("subject.answered", actor=by, object=proposal, outcome=status)


def _lock_open(proposal: SubjectProposal) -> SubjectProposal:
    proposal = (
        SubjectProposal.objects.select_for_update().select_related("proposer").get(pk=proposal.pk)
    )
    if proposal.status != SubjectProposal.Status.PROPOSED:
        raise ValidationError(_("The steering group has already answered this proposal."))
    return proposal


@transaction.atomic
def subject_schedule(
    *, proposal: SubjectProposal, meeting: PlenaryMeeting | None, by: User, answer: str = ""
) -> AgendaItem:
    """Put the subject on the agenda of a planned, upcoming plenary meeting."""
    proposal = _lock_open(proposal)
    if meeting is None:
        raise ValidationError({"meeting": _("Choose the meeting whose agenda gets the subject.")})
    meeting = PlenaryMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != PlenaryMeeting.Status.PLANNED or meeting.starts_at <= timezone.now():
        raise ValidationError({"meeting": _("Choose a planned meeting that is still to come.")})
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        kind=AgendaItem.Kind.SUBJECT,
        title=proposal.title[:200],
        description=proposal.description,
        subject=proposal,
    )
    _answered(proposal, status=SubjectProposal.Status.SCHEDULED, answer=answer.strip(), by=by)
    return item


@transaction.atomic
def subject_decline(*, proposal: SubjectProposal, reason: str, by: User) -> SubjectProposal:
    """Not taken up, always with the reason the proposer reads."""
    proposal = _lock_open(proposal)
    if not (reason or "").strip():
        raise ValidationError({"answer": _("Explain why the subject is not taken up.")})
    _answered(proposal, status=SubjectProposal.Status.DECLINED, answer=reason.strip(), by=by)
    return proposal
