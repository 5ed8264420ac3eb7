"""Plenary meetings (S6): the agenda with the steering report, invitations, RSVP,
attendance in bulk, minutes, the 4–6 a year warning, and the portal pages."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from steering.admin.meetings import AgendaFormSet
from steering.models import AgendaItem, Invitation, PlenaryMeeting
from steering.selectors.meetings import plenary_year_warning
from steering.services.meetings import (
    agenda_item_delete,
    attendance_record,
    invitation_respond,
    meeting_cancel,
    meeting_invite_missing,
    meeting_plan,
    minutes_approve,
)
from tests.harness import assert_queries_flat, deliver_outbox, login_verified
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import InvitationFactory, PlenaryMeetingFactory, invite


@pytest.fixture(autouse=True)
def english_messages():
    """The refusals are matched on their English msgids (the Dutch is in locale/)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 19) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def plan(days=14, **kwargs):
    defaults = {
        "title": "Brede bijeenkomst",
        "starts_at": _at(days),
        "ends_at": _at(days, 21),
        "location": "Stadhuis, Grote Markt 1",
        "by": secretary(),
    }
    return invite(meeting_plan(**{**defaults, **kwargs}))


def held(days_ago=7):
    meeting = plan(days=-days_ago)
    return attendance_record(meeting=meeting, attended_member_ids=[], by=None)


# --- S6: the agenda, the invitations, 4 to 6 a year -----------------------------------------


def test_s6_every_meeting_agenda_holds_the_steering_report(django_capture_on_commit_callbacks):
    meeting = plan()
    kinds = list(meeting.agenda.values_list("kind", flat=True))
    assert AgendaItem.Kind.STEERING_REPORT in kinds
    assert AgendaItem.Kind.MINUTES in kinds
    report = meeting.agenda.get(kind=AgendaItem.Kind.STEERING_REPORT)
    with pytest.raises(ValidationError, match="every agenda|elke agenda"):  # S6
        agenda_item_delete(item=report, by=None)
    assert meeting.agenda.filter(kind=AgendaItem.Kind.STEERING_REPORT).exists()
    # Other items can go.
    agenda_item_delete(item=meeting.agenda.get(kind=AgendaItem.Kind.MINUTES), by=None)
    assert meeting.agenda.count() == 1


def test_s6_the_admin_agenda_refuses_removing_the_steering_report():
    meeting = plan()
    items = list(meeting.agenda.order_by("position"))
    data = {
        "agenda-TOTAL_FORMS": str(len(items)),
        "agenda-INITIAL_FORMS": str(len(items)),
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data |= {
            f"agenda-{index}-id": str(item.pk),
            f"agenda-{index}-meeting": str(meeting.pk),
            f"agenda-{index}-position": str(item.position),
            f"agenda-{index}-kind": item.kind,
            f"agenda-{index}-title": item.title,
        }
        if item.kind == AgendaItem.Kind.STEERING_REPORT:
            data[f"agenda-{index}-DELETE"] = "on"
    from django.forms import inlineformset_factory

    formset_class = inlineformset_factory(
        PlenaryMeeting,
        AgendaItem,
        formset=AgendaFormSet,
        fields=["position", "kind", "title", "description"],
        can_delete=True,
    )
    formset = formset_class(data, instance=meeting, prefix="agenda")
    assert not formset.is_valid()
    assert re.search("every agenda|elke agenda", " ".join(formset.non_form_errors()))  # S6


def test_s6_every_sitting_member_is_invited(django_capture_on_commit_callbacks):
    sitting = MemberFactory.create_batch(3)
    MemberFactory(
        start_date=datetime.date(2021, 1, 1),
        ended_on=datetime.date(2022, 1, 1),
        end_reason="resigned",
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan()
    deliver_outbox()
    invited = set(meeting.invitations.values_list("member_id", flat=True))
    assert invited == {member.pk for member in sitting}
    assert meeting.invitations_sent_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.email for m in sitting)
    assert f"/portaal/bijeenkomsten/{meeting.pk}/" in mail.outbox[0].body


def test_s6_members_who_join_later_are_invited_once(django_capture_on_commit_callbacks):
    MemberFactory()
    upcoming = plan()
    past = plan(days=-30)
    newcomer = MemberFactory()
    deliver_outbox()  # the first member's invitations
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_invite_missing() == 1
    deliver_outbox()
    assert upcoming.invitations.filter(member=newcomer).exists()
    assert not past.invitations.filter(member=newcomer).exists()
    assert [message.to for message in mail.outbox] == [[newcomer.email]]
    assert meeting_invite_missing() == 0  # idempotent
    out = io.StringIO()
    call_command("meeting_invitations", stdout=out)
    assert out.getvalue().startswith("0 ")
    assert upcoming.invitations.count() == 2


@pytest.mark.parametrize(
    ("count", "warned"), [(3, True), (4, False), (6, False), (7, True)], ids=str
)
def test_s6_plenary_year_warning_below_four_or_above_six(count, warned):
    year = 2030
    for month in range(1, count + 1):
        starts = timezone.make_aware(datetime.datetime(year, month, 10, 19))
        PlenaryMeetingFactory(starts_at=starts)
    # Cancelled meetings do not count.
    PlenaryMeetingFactory(
        starts_at=timezone.make_aware(datetime.datetime(year, 12, 1, 19)),
        status=PlenaryMeeting.Status.CANCELLED,
    )
    warning = plenary_year_warning(year)
    assert (warning is not None) is warned
    if warned:  # in the members' words: no rule id (issue 16.5)
        assert "S6" not in warning and str(count) in warning


def test_s6_warning_on_the_admin_meeting_list(secretariat_client):
    with translation.override("en"):
        response = secretariat_client.get(reverse("admin:steering_plenarymeeting_changelist"))
    assert response.status_code == 200
    assert 'id="rule-warnings"' in response.content.decode()
    assert "S6" in response.content.decode()


# --- RSVP -----------------------------------------------------------------------------------


def test_member_answers_own_invitation_until_the_meeting_starts():
    member = MemberFactory()
    meeting = plan()
    invitation = meeting.invitations.get(member=member)
    invitation_respond(invitation=invitation, response="yes", member=member)
    invitation.refresh_from_db()
    assert invitation.response == "yes" and invitation.responded_at is not None
    other = MemberFactory()
    with pytest.raises(ValidationError, match="own invitation"):
        invitation_respond(invitation=invitation, response="no", member=other)
    with pytest.raises(ValidationError):
        invitation_respond(invitation=invitation, response="perhaps", member=member)
    started = plan(days=-1)
    with pytest.raises(ValidationError, match="no longer"):
        invitation_respond(
            invitation=started.invitations.get(member=member), response="no", member=member
        )


def test_rsvp_in_the_portal_without_javascript(client):
    member = MemberFactory()
    login_verified(client, member.user)
    meeting = plan()
    url = reverse("steering_meeting:respond", args=[meeting.pk])
    response = client.post(url, {f"meeting-{meeting.pk}-response": "maybe"})
    assert response.status_code == 302
    assert meeting.invitations.get(member=member).response == "maybe"
    page = client.get(reverse("steering_meeting:list")).content.decode()
    assert f'id="rsvp-{meeting.pk}"' in page
    assert 'value="maybe"' in page and "checked" in page


def test_rsvp_for_a_meeting_one_is_not_invited_to_changes_nothing(client):
    meeting = plan()
    outsider = MemberFactory()  # joined after the invitations
    login_verified(client, outsider.user)
    client.post(
        reverse("steering_meeting:respond", args=[meeting.pk]),
        {f"meeting-{meeting.pk}-response": "yes"},
    )
    assert not Invitation.objects.filter(member=outsider).exists()


# --- Attendance and minutes -----------------------------------------------------------------


def test_attendance_in_bulk_marks_the_meeting_held():
    members = MemberFactory.create_batch(3)
    meeting = plan(days=0)
    meeting = attendance_record(
        meeting=meeting, attended_member_ids=[members[0].pk, members[2].pk], by=secretary()
    )
    assert meeting.status == PlenaryMeeting.Status.HELD
    attended = dict(meeting.invitations.values_list("member_id", "attended"))
    assert attended == {members[0].pk: True, members[1].pk: False, members[2].pk: True}


def test_attendance_refused_before_the_day_for_strangers_and_when_cancelled():
    member = MemberFactory()
    future = plan(days=3)
    with pytest.raises(ValidationError, match="day of the meeting"):
        attendance_record(meeting=future, attended_member_ids=[], by=None)
    today = plan(days=0)
    with pytest.raises(ValidationError):
        attendance_record(meeting=today, attended_member_ids=[MemberFactory().pk], by=None)
    cancelled = meeting_cancel(meeting=plan(days=5), by=None)
    with pytest.raises(ValidationError, match="cancelled"):
        attendance_record(meeting=cancelled, attended_member_ids=[member.pk], by=None)


def test_attendance_admin_page_presets_yes_answers_and_records(secretariat_client):
    yes, no = MemberFactory(), MemberFactory()
    meeting = plan(days=0)
    meeting.invitations.filter(member=yes).update(response="yes")
    url = reverse("admin:steering_plenarymeeting_attendance", args=[meeting.pk])
    page = secretariat_client.get(url).content.decode()
    checked = set(
        re.findall(r'<input type="checkbox" name="attended" value="(\d+)"[^>]*checked', page)
    )
    assert checked == {str(yes.pk)}
    response = secretariat_client.post(url, {"attended": [str(yes.pk)]})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == PlenaryMeeting.Status.HELD
    assert meeting.invitations.get(member=yes).attended is True
    assert meeting.invitations.get(member=no).attended is False


def test_minutes_are_approved_at_a_later_meeting():
    first = held(days_ago=60)
    second = held(days_ago=7)
    with pytest.raises(ValidationError) as error:
        minutes_approve(meeting=first, at_meeting=second, by=None)
    assert "minutes" in error.value.message_dict
    PlenaryMeeting.objects.filter(pk=first.pk).update(minutes="Aanwezig: 20 leden.")
    first.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        minutes_approve(meeting=second, at_meeting=first, by=None)
    with pytest.raises(ValidationError):
        minutes_approve(meeting=first, at_meeting=first, by=None)
    minutes_approve(meeting=first, at_meeting=second, by=None)
    first.refresh_from_db()
    assert first.minutes_approved_at == second


def test_detail_shows_only_approved_minutes(member_client):
    first, second = held(days_ago=60), held(days_ago=7)
    PlenaryMeeting.objects.filter(pk=first.pk).update(minutes="Het verslag van de eerste.")
    url = reverse("steering_meeting:detail", args=[first.pk])
    assert "Het verslag van de eerste." not in member_client.get(url).content.decode()
    first.refresh_from_db()
    minutes_approve(meeting=first, at_meeting=second, by=None)
    page = member_client.get(url).content.decode()
    assert 'id="minutes"' in page and "Het verslag van de eerste." in page
    assert 'id="agenda"' in page


# --- Admin add goes through meeting_plan ----------------------------------------------------


def test_admin_add_and_change_plan_the_meeting_and_send_nothing(
    secretariat_client, django_capture_on_commit_callbacks
):
    """Issue 17.2: saving a meeting (new or changed) mails no one; the invitation waits
    for its own button. Failed on the old code: the add mailed every sitting member."""
    MemberFactory.create_batch(2)
    start = timezone.localtime(_at(20))
    fields = {
        "title": "Brede bijeenkomst voorjaar",
        "starts_at": start.strftime("%Y-%m-%dT19:00"),
        "ends_at": start.strftime("%Y-%m-%dT21:00"),
        "location": "Wijkcentrum De Wijert",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("admin:steering_plenarymeeting_add"), fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = PlenaryMeeting.objects.get(title="Brede bijeenkomst voorjaar")
    assert meeting.agenda.filter(kind=AgendaItem.Kind.STEERING_REPORT).count() == 1
    assert meeting.invitations.count() == 0 and meeting.invitations_sent_at is None
    assert deliver_outbox() == [] and mail.outbox == []


# --- Query counts -----------------------------------------------------------------------


def test_meeting_list_queries_do_not_grow(client):
    member = MemberFactory()
    login_verified(client, member.user)

    def grow(n):
        for index in range(n):
            upcoming = PlenaryMeetingFactory(starts_at=_at(10 + index))
            InvitationFactory(meeting=upcoming, member=member, response="yes")
            PlenaryMeetingFactory(starts_at=_at(-10 - index), status=PlenaryMeeting.Status.HELD)

    assert_queries_flat(lambda: client.get(reverse("steering_meeting:list")), grow)


def test_meeting_detail_queries_do_not_grow(client):
    member = MemberFactory()
    login_verified(client, member.user)
    meeting = plan()
    user = secretary()

    def grow(n):
        from steering.models import Decision

        for index in range(n):
            AgendaItem.objects.create(meeting=meeting, position=10 + index, title=f"Punt {index}")
            Decision.objects.create(
                meeting=meeting,
                proposal=f"Voorstel {index}",
                votes_for=3,
                votes_against=1,
                abstentions=0,
                recorded_by=user,
            )
            InvitationFactory(meeting=meeting, response="no")

    assert_queries_flat(
        lambda: client.get(reverse("steering_meeting:detail", args=[meeting.pk])), grow
    )


def test_portal_home_panel_shows_upcoming_meeting_and_link(client):
    member = MemberFactory()
    login_verified(client, member.user)
    meeting = plan()
    page = client.get(reverse("portal")).content.decode()
    assert 'id="binnenkort"' in page  # issue 16: "Coming up"
    assert reverse("steering_meeting:detail", args=[meeting.pk]) in page
    assert reverse("steering_meeting:calendar") in page


def test_seed_meetings_is_idempotent_and_keeps_the_rules():
    from demo.meetings import seed_meetings

    secretary(email="secretaris@example.org")
    MemberFactory(email="lid@example.org", start_date=datetime.date(2024, 1, 1))
    MemberFactory.create_batch(6, start_date=datetime.date(2021, 1, 1), term_years=4)
    today = timezone.localdate()
    assert seed_meetings(today) > 0
    assert seed_meetings(today) == 0
    for meeting in PlenaryMeeting.objects.all():
        assert meeting.agenda.filter(kind=AgendaItem.Kind.STEERING_REPORT).count() == 1
    upcoming = PlenaryMeeting.objects.filter(status=PlenaryMeeting.Status.PLANNED)
    assert upcoming.count() == 2
    assert set(
        Invitation.objects.filter(
            meeting__in=upcoming, member__email="lid@example.org"
        ).values_list("response", flat=True)
    ) == {""}
    for year in range(2021, today.year):
        assert plenary_year_warning(year) is None
