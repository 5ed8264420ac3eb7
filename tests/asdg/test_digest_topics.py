"""Issue 8: the topical mails of the other apps go into a digest reader's weekly digest."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from finance.services import claim_reject
from members.models import MailPreference, Notification, Topic
from members.services.notifications import digest_send
from steering.services.invitations import meeting_invitation_send
from steering.services.meetings import meeting_plan
from tests.finance.factories import ExpenseClaimFactory
from tests.harness import deliver_outbox
from tests.members.factories import MemberFactory, secretary

pytestmark = pytest.mark.django_db


def _weekly(member):
    member.user.mail_preference = MailPreference.WEEKLY
    member.user.save(update_fields=["mail_preference"])
    return member


def test_meeting_invitation_waits_for_the_digest(django_capture_on_commit_callbacks):
    weekly = _weekly(MemberFactory(start_date=datetime.date(2025, 1, 1)))
    immediate = MemberFactory(start_date=datetime.date(2025, 1, 1))
    starts = timezone.now() + datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_plan(
            title="Brede bijeenkomst",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location="Stadhuis",
            by=secretary(),
        )
        meeting_invitation_send(meeting=meeting, by=secretary())
    deliver_outbox()
    assert [message.to for message in mail.outbox] == [[immediate.email]]
    assert Notification.objects.get().topic == Topic.INVITATION
    with django_capture_on_commit_callbacks(execute=True):
        digest_send()
    deliver_outbox()
    assert mail.outbox[-1].to == [weekly.user.email]


def test_claim_decision_waits_for_the_digest(django_capture_on_commit_callbacks):
    claim = ExpenseClaimFactory(member=_weekly(MemberFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        claim_reject(claim=claim, by=secretary(), reason="Geen bon van de reis")
    deliver_outbox()
    assert mail.outbox == []
    notification = Notification.objects.get(user=claim.member.user)
    assert notification.topic == Topic.CLAIM
    assert "Geen bon van de reis" in notification.body
