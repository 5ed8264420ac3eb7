"""The personal iCalendar feed (RFC 5545) behind a secret, revocable address, and the
public feed of public plenary dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from steering.models import CalendarFeed, PlenaryMeeting
from steering.services.meetings import meeting_cancel, meeting_plan
from tests.harness import login_verified
from tests.members.factories import MemberFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.steering.factories import invite

pytestmark = pytest.mark.django_db


def _meeting(title, days=10, public=False):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return invite(
        meeting_plan(
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location="Stadhuis",
            public=public,
            by=None,
        )
    )


def _events(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {}
    for event in calendar.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert prop in event, prop
        events[str(event["SUMMARY"])] = event
    return events


def test_member_feed_parses_and_holds_the_members_meetings(client):
    member = MemberFactory()
    invited = _meeting("Brede bijeenkomst voorjaar")
    cancelled = meeting_cancel(meeting=_meeting("Vervallen bijeenkomst", days=20), by=None)
    MemberFactory()  # joins later: not invited to the meetings above
    other = PlenaryMeeting.objects.create(
        title="Niet uitgenodigd", starts_at=invited.starts_at, ends_at=invited.ends_at,
        location="Elders",
    )  # fmt: skip
    group = ProjectGroupFactory(name="Projectgroep Armoede")
    ParticipationFactory(group=group, member=member)
    group.meetings.create(starts_at=invited.starts_at + datetime.timedelta(days=3), place="Online")
    login_verified(client, member.user)
    client.post(reverse("steering_meeting:calendar"), {"action": "create"})
    feed = CalendarFeed.objects.get(member=member)
    client.logout()  # calendar apps do not log in: the address is the key

    events = _events(client.get(reverse("steering_calendar:feed", args=[feed.token])))
    assert "Brede bijeenkomst voorjaar" in events
    assert events["Vervallen bijeenkomst"]["STATUS"] == "CANCELLED"
    assert other.title not in events
    assert "Projectgroep: Projectgroep Armoede" in events or any(
        "Projectgroep Armoede" in summary for summary in events
    )
    start = events["Brede bijeenkomst voorjaar"].decoded("DTSTART")
    assert start == invited.starts_at
    assert events["Brede bijeenkomst voorjaar"]["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(events["Brede bijeenkomst voorjaar"]["UID"]).endswith(
        f"plenary-{invited.pk}@asdg.example.org"
    )
    assert cancelled.pk


def test_revoked_feed_address_answers_404(client):
    member = MemberFactory()
    _meeting("Brede bijeenkomst")
    login_verified(client, member.user)
    client.post(reverse("steering_meeting:calendar"), {"action": "create"})
    old = CalendarFeed.objects.get(member=member).token
    assert client.get(reverse("steering_calendar:feed", args=[old])).status_code == 200
    client.post(reverse("steering_meeting:calendar"), {"action": "revoke"})
    new = CalendarFeed.objects.get(member=member).token
    assert new != old
    assert client.get(reverse("steering_calendar:feed", args=[old])).status_code == 404
    assert client.get(reverse("steering_calendar:feed", args=[new])).status_code == 200
    page = client.get(reverse("steering_meeting:calendar")).content.decode()
    assert new in page and old not in page


def test_public_feed_has_only_public_meetings(client):
    _meeting("Openbare bijeenkomst", public=True)
    _meeting("Besloten bijeenkomst")
    meeting_cancel(meeting=_meeting("Vervallen openbaar", public=True, days=30), by=None)
    events = _events(client.get(reverse("steering_calendar:public")))
    assert set(events) == {"Openbare bijeenkomst"}


def test_feed_page_offers_a_webcal_link_and_a_copy_field_that_needs_no_script(client):
    """Issue 16.7: "Add to my calendar" subscribes through webcal:; the address can be
    copied from a read-only field; a script from our own host adds a copy button."""
    member = MemberFactory()
    login_verified(client, member.user)
    client.post(reverse("steering_meeting:calendar"), {"action": "create"})
    token = CalendarFeed.objects.get(member=member).token
    page = client.get(reverse("steering_meeting:calendar")).content.decode()
    path = reverse("steering_calendar:feed", args=[token])
    assert f'href="webcal://testserver{path}"' in page
    assert f'value="http://testserver{path}"' in page and "readonly" in page
    assert 'src="/static/js/copy-field.js"' in page and "<script>" not in page
