"""Issue 17.2: invitations when the agenda is ready. Planning sends nothing; the
secretariat (or the steering group, DESIGN 5) previews and sends the invitation once; a
change goes out as a supplement (aanvulling), once; the daily job reminds who has not
answered, once. Every mail through the outbox."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from steering.models import AgendaItem, Invitation, MeetingPaper
from steering.services.invitations import (
    meeting_invitation_send,
    meeting_invite_missing,
    meeting_reminders_send,
    meeting_supplement_send,
)
from steering.services.meetings import meeting_plan
from steering.services.papers import paper_add
from tests.harness import deliver_outbox, login_verified
from tests.members.factories import MemberFactory, secretary, steering_member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def _plan(days=14):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return meeting_plan(
        title="Brede bijeenkomst voorjaar", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), location="Stadhuis", by=secretary(),
    )  # fmt: skip


def _paper(meeting, title="Jaarplan 2027"):
    item = meeting.agenda.get(kind=AgendaItem.Kind.STEERING_REPORT)
    return paper_add(
        item=item, title=title, file=SimpleUploadedFile("jaarplan.pdf", PDF),
        audience=MeetingPaper.Audience.MEMBERS, by=secretary(),
    )  # fmt: skip


def _mails(capture, action):
    deliver_outbox()  # what earlier steps queued
    mail.outbox.clear()
    with capture(execute=True):
        result = action()
    deliver_outbox()
    return result, list(mail.outbox)


def test_planning_sends_nothing_and_a_newcomer_waits_for_the_invitation(
    django_capture_on_commit_callbacks,
):
    MemberFactory.create_batch(2)
    _count, sent = _mails(django_capture_on_commit_callbacks, _plan)
    assert sent == []
    assert meeting_invite_missing() == 0  # not sent yet: nobody to add


def test_admin_previews_the_invitation_and_sends_it_once(
    secretariat_client, django_capture_on_commit_callbacks
):
    members = MemberFactory.create_batch(3)
    meeting = _plan()
    _paper(meeting)
    url = reverse("admin:steering_plenarymeeting_invitation", args=[meeting.pk])
    change = secretariat_client.get(
        reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
    )
    assert url in change.content.decode()
    preview = secretariat_client.get(url)
    text = preview.content.decode()
    assert preview.status_code == 200
    report = meeting.agenda.get(kind=AgendaItem.Kind.STEERING_REPORT)
    assert "Jaarplan 2027" in text and report.title in text
    assert 'name="send"' in text
    assert not Invitation.objects.exists()

    response, sent = _mails(
        django_capture_on_commit_callbacks, lambda: secretariat_client.post(url, {"send": "1"})
    )
    assert response.status_code == 302
    assert sorted(message.to[0] for message in sent) == sorted(m.email for m in members)
    paper_url = reverse("steering_public:paper", args=[MeetingPaper.objects.get().pk])
    assert "Jaarplan 2027" in sent[0].body and paper_url in sent[0].body
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None and meeting.invitations.count() == 3

    # A second press sends nothing twice.
    response, sent = _mails(
        django_capture_on_commit_callbacks, lambda: secretariat_client.post(url, {"send": "1"})
    )
    assert sent == [] and meeting.invitations.count() == 3
    with translation.override("en"), pytest.raises(ValidationError, match="already sent"):
        meeting_invitation_send(meeting=meeting, by=None)  # (the request left Dutch on)


def test_steering_group_may_send_the_invitation_a_member_may_not(client):
    MemberFactory()
    meeting = _plan()
    url = reverse("admin:steering_plenarymeeting_invitation", args=[meeting.pk])
    login_verified(client, MemberFactory().user)
    assert client.post(url, {"send": "1"}).status_code in (302, 403)
    assert not Invitation.objects.exists()
    login_verified(client, steering_member())
    assert 'name="send"' in client.get(url).content.decode()
    assert client.post(url, {"send": "1"}).status_code == 302
    assert Invitation.objects.count() == 2  # every sitting member


def test_a_change_goes_out_as_a_supplement_once(django_capture_on_commit_callbacks):
    MemberFactory.create_batch(2)
    meeting = _plan()
    with pytest.raises(ValidationError, match="invitation first"):
        meeting_supplement_send(meeting=meeting, by=None)
    meeting_invitation_send(meeting=meeting, by=None)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="Nothing"):
        meeting_supplement_send(meeting=meeting, by=None)
    _paper(meeting, title="Begroting 2027")
    count, sent = _mails(
        django_capture_on_commit_callbacks,
        lambda: meeting_supplement_send(meeting=meeting, by=None, note="De begroting is erbij."),
    )
    assert count == 2 and len(sent) == 2
    assert "Begroting 2027 [nieuw]" in sent[0].body and "De begroting is erbij." in sent[0].body
    assert "aanvulling" in sent[0].subject  # mails are in Dutch
    meeting.refresh_from_db()
    assert meeting.supplement_sent_at is not None
    with pytest.raises(ValidationError, match="Nothing"):
        meeting_supplement_send(meeting=meeting, by=None)


def test_reminder_goes_once_to_who_has_not_answered(settings, django_capture_on_commit_callbacks):
    settings.ASDG_MEETING_REMINDER_DAYS = 5
    quiet, answered = MemberFactory(), MemberFactory()
    soon, later = _plan(days=4), _plan(days=20)
    unsent = _plan(days=3)  # its invitation never went out: nobody to remind
    for meeting in (soon, later):
        meeting_invitation_send(meeting=meeting, by=None)
    soon.invitations.filter(member=answered).update(response="yes")
    out = io.StringIO()
    _none, sent = _mails(
        django_capture_on_commit_callbacks,
        lambda: call_command("meeting_invitations", stdout=out),
    )
    assert [message.to for message in sent] == [[quiet.email]]
    assert "1 reminder(s)" in out.getvalue()
    assert soon.invitations.get(member=quiet).reminded_at is not None
    assert not unsent.invitations.exists()
    assert meeting_reminders_send() == 0  # a second run sends nothing twice
