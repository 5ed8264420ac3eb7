"""Issue 8: members choose immediate e-mails or a weekly digest; the digest is idempotent."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from members.mail import send_templated_mail
from members.models import MailPreference, Notification, Topic
from members.services.notifications import digest_send
from tests.harness import deliver_outbox
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _tell(member, topic=Topic.INVITATION):
    send_templated_mail(
        template="members/emails/declaration_reminder",
        to=[member.email.upper()],
        context={"member": member, "year": 2026},
        topic=topic,
    )


def _weekly(member):
    member.user.mail_preference = MailPreference.WEEKLY
    member.user.save(update_fields=["mail_preference"])
    return member


def test_immediate_is_the_default_and_mails_at_once(django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _tell(member)
    deliver_outbox()
    assert len(mail.outbox) == 1
    assert not Notification.objects.exists()


def test_weekly_member_gets_one_digest_of_held_messages(django_capture_on_commit_callbacks):
    member = _weekly(MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        _tell(member, Topic.INVITATION)
        _tell(member, Topic.CLAIM)
    deliver_outbox()
    assert mail.outbox == []
    assert Notification.objects.filter(user=member.user, digested_at__isnull=True).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 1
    deliver_outbox()
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [member.user.email]
    assert "\n1. " in digest.body and "\n2. " in digest.body


def test_digest_is_idempotent(django_capture_on_commit_callbacks):
    member = _weekly(MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        _tell(member)
        call_command("send_digests", stdout=io.StringIO())
        call_command("send_digests", stdout=io.StringIO())
    deliver_outbox()
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 0
    deliver_outbox()


def test_message_without_topic_always_goes_at_once(django_capture_on_commit_callbacks):
    member = _weekly(MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="members/emails/declaration_reminder",
            to=[member.email],
            context={"member": member, "year": 2026},
        )
    deliver_outbox()
    assert len(mail.outbox) == 1
    assert not Notification.objects.exists()


def test_mixed_recipients_split_between_mail_and_digest(django_capture_on_commit_callbacks):
    weekly, immediate = _weekly(MemberFactory()), MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="members/emails/declaration_reminder",
            to=[weekly.email, immediate.email],
            context={"member": immediate, "year": 2026},
            topic=Topic.VOTE,
        )
    deliver_outbox()
    assert [message.to for message in mail.outbox] == [[immediate.email]]
    assert Notification.objects.get().user == weekly.user


def test_member_chooses_the_digest_in_the_portal(member_client):
    assert member_client.get("/account/berichten/").status_code == 200
    response = member_client.post("/account/berichten/", {"mail_preference": "weekly"})
    assert response.status_code == 302
    user = response.wsgi_request.user
    user.refresh_from_db()
    assert user.mail_preference == MailPreference.WEEKLY


def test_unknown_choice_is_refused_on_the_field(member_client):
    response = member_client.post("/account/berichten/", {"mail_preference": "daily"})
    assert response.status_code == 200
    assert response.context["form"].errors["mail_preference"]
