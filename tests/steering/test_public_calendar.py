"""Issue 17.3 and 17.6: the public meeting calendar at /bijeenkomsten/: coming and past
public meetings with agenda, public papers, the decisions list (generated from the
decisions) and the approved minutes; a closed meeting shows only its date and "besloten"."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from steering.models import AgendaItem, Decision, MeetingPaper, PlenaryMeeting
from steering.services.papers import paper_add
from tests.harness import assert_queries_flat
from tests.members.factories import secretary
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def _days(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def _held(title="Brede bijeenkomst juni", public=True, **extra):
    return PlenaryMeetingFactory(
        title=title, starts_at=_days(-20), public=public, status=PlenaryMeeting.Status.HELD,
        **extra,
    )  # fmt: skip


def _paper(item, title, audience):
    return paper_add(
        item=item, title=title, file=SimpleUploadedFile("stuk.pdf", PDF), audience=audience,
        by=secretary(),
    )  # fmt: skip


def _decision(meeting, item=None, proposal="Het jaarplan wordt vastgesteld.", votes=(14, 2, 1)):
    return Decision.objects.create(
        meeting=meeting, agenda_item=item, proposal=proposal, votes_for=votes[0],
        votes_against=votes[1], abstentions=votes[2], recorded_by=secretary(),
    )  # fmt: skip


def test_the_calendar_lists_public_meetings_and_only_the_date_of_closed_ones(client):
    coming = PlenaryMeetingFactory(title="Brede bijeenkomst najaar", public=True)
    closed = PlenaryMeetingFactory(title="Geheime agenda", public=False, starts_at=_days(30))
    past = _held()
    PlenaryMeetingFactory(title="Afgelast", public=True, status=PlenaryMeeting.Status.CANCELLED)
    response = client.get("/bijeenkomsten/")
    text = response.content.decode()
    assert response.status_code == 200
    assert reverse("steering_public:detail", args=[coming.pk]) in text
    assert reverse("steering_public:detail", args=[past.pk]) in text
    assert "Geheime agenda" not in text and "besloten bijeenkomst" in text
    assert reverse("steering_public:detail", args=[closed.pk]) not in text
    assert "Afgelast" not in text
    assert text.index("Brede bijeenkomst najaar") < text.index("Brede bijeenkomst juni")
    assert "webcal://testserver/agenda/openbaar.ics" in text
    assert client.get(reverse("steering_public:detail", args=[closed.pk])).status_code == 404


def test_the_public_page_shows_agenda_public_papers_decisions_list_and_approved_minutes(client):
    meeting = _held(minutes="De leden bespraken het jaarplan.")
    item = AgendaItem.objects.create(meeting=meeting, position=3, title="Jaarplan 2027")
    public = _paper(item, "Jaarplan 2027 (pdf)", MeetingPaper.Audience.PUBLIC)
    _paper(item, "Interne notitie", MeetingPaper.Audience.MEMBERS)
    _decision(meeting, item)
    _decision(meeting, proposal="De bijeenkomsten worden overdag gehouden.", votes=(3, 9, 0))
    url = reverse("steering_public:detail", args=[meeting.pk])
    response = client.get(url)
    text = response.content.decode()
    assert "Jaarplan 2027" in text
    assert reverse("steering_public:paper", args=[public.pk]) in text
    assert "Interne notitie" not in text
    assert "Item 3, Jaarplan 2027:" in text and "14 for, 2 against, 1 abstained" in text
    # Generated from the decisions, in agenda order (the one without an item last).
    assert [d.adopted for d in response.context["decisions"]] == [True, False]
    assert "De leden bespraken" not in text  # not approved yet
    later = PlenaryMeetingFactory(starts_at=_days(-1))
    PlenaryMeeting.objects.filter(pk=meeting.pk).update(minutes_approved_at=later)
    assert "De leden bespraken het jaarplan." in client.get(url).content.decode()


def test_a_coming_meeting_shows_no_decisions_list_yet(client):
    meeting = PlenaryMeetingFactory(public=True)
    text = client.get(reverse("steering_public:detail", args=[meeting.pk])).content.decode()
    assert "Decisions list" not in text and "Agenda" in text


def test_home_page_and_menu_link_to_the_calendar(client):
    text = client.get("/").content.decode()
    assert text.count('href="/bijeenkomsten/"') >= 2


def test_the_calendar_queries_do_not_grow(client):
    def grow(n):
        for index in range(n):
            meeting = _held(title=f"Bijeenkomst {index}")
            PlenaryMeetingFactory(public=index % 2 == 0, starts_at=_days(10 + index))
            _decision(meeting)

    assert_queries_flat(lambda: client.get("/bijeenkomsten/"), grow)


def test_the_public_meeting_page_queries_do_not_grow(client):
    meeting = _held()
    PlenaryMeeting.objects.filter(pk=meeting.pk).update(
        minutes_approved_at=PlenaryMeetingFactory(starts_at=_days(-1))
    )

    def grow(n):
        for index in range(n):
            item = AgendaItem.objects.create(meeting=meeting, position=index, title=f"Punt {index}")
            _paper(item, f"Stuk {index}", MeetingPaper.Audience.PUBLIC)
            _decision(meeting, item)

    url = reverse("steering_public:detail", args=[meeting.pk])
    assert_queries_flat(lambda: client.get(url), grow)
