"""Subjects from members (Wmo 2015 art. 2.1.3 lid 3 (a), (e)): propose, support once,
and the steering group schedules or declines with a reason; the proposer hears."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from steering.models import AgendaItem, SubjectProposal
from steering.services.meetings import meeting_plan
from steering.services.subjects import (
    subject_decline,
    subject_propose,
    subject_schedule,
    subject_support,
)
from tests.harness import deliver_outbox, login_verified
from tests.members.factories import MemberFactory, steering_member
from tests.steering.factories import invite


@pytest.fixture(autouse=True)
def english_messages():
    """The refusals are matched on their English msgids (the Dutch is in locale/)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def _upcoming(days=20):
    starts = timezone.now() + datetime.timedelta(days=days)
    return invite(
        meeting_plan(
            title="Brede bijeenkomst",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location="Stadhuis",
            by=None,
        )
    )


def _propose(member=None):
    return subject_propose(
        proposer=member or MemberFactory(),
        title="Eenzaamheid onder ouderen in Haren",
        description="Veel ouderen in Haren zien weinig mensen.",
        purpose=SubjectProposal.Purpose.UNSOLICITED,
    )


def test_support_once_not_own_and_only_while_open():
    proposer, other = MemberFactory(), MemberFactory()
    proposal = _propose(proposer)
    with pytest.raises(ValidationError, match="own"):
        subject_support(proposal=proposal, member=proposer)
    subject_support(proposal=proposal, member=other)
    with pytest.raises(ValidationError, match="already support"):
        subject_support(proposal=proposal, member=other)
    assert proposal.supports.count() == 1
    subject_decline(proposal=proposal, reason="Komt al aan bod.", by=steering_member())
    with pytest.raises(ValidationError, match="already answered"):
        subject_support(proposal=proposal, member=MemberFactory())


def test_ended_member_cannot_propose():
    ended = MemberFactory(
        start_date=datetime.date(2021, 1, 1), ended_on=datetime.date(2022, 1, 1),
        end_reason="resigned",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        _propose(ended)


def test_scheduling_puts_the_subject_on_a_planned_agenda_and_mails_the_proposer(
    django_capture_on_commit_callbacks,
):
    proposal = _propose()
    meeting = _upcoming()
    with django_capture_on_commit_callbacks(execute=True):
        item = subject_schedule(proposal=proposal, meeting=meeting, by=steering_member())
    deliver_outbox()
    assert item.kind == AgendaItem.Kind.SUBJECT and item.meeting == meeting
    proposal.refresh_from_db()
    assert proposal.status == SubjectProposal.Status.SCHEDULED
    assert mail.outbox[-1].to == [proposal.proposer.email]
    with pytest.raises(ValidationError):
        subject_decline(proposal=proposal, reason="Toch niet", by=steering_member())


def test_scheduling_on_a_past_meeting_is_refused():
    proposal = _propose()
    past = _upcoming(days=-3)
    with pytest.raises(ValidationError) as error:
        subject_schedule(proposal=proposal, meeting=past, by=steering_member())
    assert "meeting" in error.value.message_dict


def test_declining_needs_a_reason():
    proposal = _propose()
    with pytest.raises(ValidationError) as error:
        subject_decline(proposal=proposal, reason="  ", by=steering_member())
    assert "answer" in error.value.message_dict


def test_portal_propose_support_and_answer(client, steering_client):
    proposer, supporter = MemberFactory(), MemberFactory()
    login_verified(client, proposer.user)
    response = client.post(
        reverse("steering_subject:create"),
        {"title": "Wachtlijsten schuldhulp", "description": "Te lang.", "purpose": "plenary"},
    )
    proposal = SubjectProposal.objects.get(title="Wachtlijsten schuldhulp")
    assert response.status_code == 302 and proposal.proposer == proposer
    # The proposer cannot support their own proposal: no button.
    page = client.get(reverse("steering_subject:detail", args=[proposal.pk])).content.decode()
    assert reverse("steering_subject:support", args=[proposal.pk]) not in page

    login_verified(client, supporter.user)
    client.post(reverse("steering_subject:support", args=[proposal.pk]))
    assert proposal.supports.filter(member=supporter).exists()

    # Members cannot answer; the steering group can.
    answer = reverse("steering_subject:answer", args=[proposal.pk])
    assert client.post(answer, {"action": "decline", "decline-answer": "Nee"}).status_code == 403
    meeting = _upcoming()
    response = steering_client.post(
        answer, {"action": "schedule", "schedule-meeting": meeting.pk, "schedule-answer": "Graag"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == SubjectProposal.Status.SCHEDULED

    login_verified(client, proposer.user)
    page = client.get(reverse("steering_subject:detail", args=[proposal.pk])).content.decode()
    assert 'id="subject-outcome"' in page
    assert reverse("steering_meeting:detail", args=[meeting.pk]) in page


def test_portal_decline_without_reason_shows_the_error(steering_client):
    proposal = _propose()
    response = steering_client.post(
        reverse("steering_subject:answer", args=[proposal.pk]),
        {"action": "decline", "decline-answer": ""},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == SubjectProposal.Status.PROPOSED
