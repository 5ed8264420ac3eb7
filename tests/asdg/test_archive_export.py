"""The archive export (issue 8): the year's decisions and minutes as one PDF, for the
steering group and the secretariat (/portaal/archief/<year>/besluiten-en-verslagen.pdf)."""

import datetime
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asdg.annual_report import archive_meetings
from steering.models import AgendaItem, Decision
from tests.members.factories import secretary
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db

YEAR = 2024


def archive_url(year=YEAR):
    return reverse("annual_report:archive", kwargs={"year": year})


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "archief.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def at(month, day):
    return timezone.make_aware(datetime.datetime(YEAR, month, day, 19, 30))


def _decide(meeting, proposal, votes_for, against, abstain):
    return Decision.objects.create(
        meeting=meeting, proposal=proposal, votes_for=votes_for, votes_against=against,
        abstentions=abstain, recorded_by=secretary(),
    )  # fmt: skip


@pytest.fixture
def meetings():
    """Three meetings in 2024 (made out of order), one in 2023 and one in 2025."""
    november = PlenaryMeetingFactory(
        title="Bijeenkomst november", starts_at=at(11, 6), status="held",
        minutes="Verslag van november: nog niet vastgesteld.",
    )  # fmt: skip
    february = PlenaryMeetingFactory(
        title="Bijeenkomst februari", starts_at=at(2, 14), status="held",
        minutes="Verslag van februari: de leden spraken over armoede.",
        minutes_approved_at=None,
    )  # fmt: skip
    june = PlenaryMeetingFactory(
        title="Bijeenkomst juni", starts_at=at(6, 12), status="held",
        minutes="Verslag van juni: het advies over mantelzorg.",
    )  # fmt: skip
    # The minutes of February and June were approved at the next meeting.
    february.minutes_approved_at = june
    february.save()
    june.minutes_approved_at = november
    june.save()
    AgendaItem.objects.create(meeting=february, position=1, kind="steering_report",
                              title="Verslag van de stuurgroep")  # fmt: skip
    AgendaItem.objects.create(meeting=february, position=2, kind="decision",
                              title="Vaststellen advies armoede")  # fmt: skip
    _decide(february, "De adviesgroep stelt het advies armoede vast.", 14, 2, 1)
    _decide(june, "De adviesgroep stelt het advies mantelzorg vast.", 11, 0, 3)
    _decide(june, "Een extra bijeenkomst in de zomer.", 4, 9, 2)
    PlenaryMeetingFactory(title="Bijeenkomst 2023", starts_at=at(3, 1).replace(year=2023))
    PlenaryMeetingFactory(title="Bijeenkomst 2025", starts_at=at(3, 1).replace(year=2025))
    return [february, june, november]


def test_archive_holds_every_meeting_of_the_year_in_order_with_its_decisions(
    secretariat_client, meetings, tmp_path
):
    response = secretariat_client.get("/en" + archive_url())  # English: /en/…
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="besluiten-en-verslagen-2024.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)

    positions = [text.index(f"— {meeting.title}") for meeting in meetings]
    assert positions == sorted(positions)
    assert "Bijeenkomst 2023" not in text and "Bijeenkomst 2025" not in text
    assert "3 plenary meetings, for the archive" in text
    assert "3 decisions, 2 adopted." in text
    # The agenda, the minutes and the decisions with their counts.
    assert "1. Verslag van de stuurgroep 2. Vaststellen advies armoede" in text
    assert "De adviesgroep stelt het advies armoede vast. 14 2 1 Carried" in text
    assert "De adviesgroep stelt het advies mantelzorg vast. 11 0 3 Carried" in text
    assert "Een extra bijeenkomst in de zomer. 4 9 2 Defeated" in text
    for meeting in meetings:
        assert meeting.minutes in text
    # Approved minutes name the meeting that approved them; the last ones are a concept.
    assert "Approved at the meeting of 12 June 2024." in text
    assert "Approved at the meeting of 6 November 2024." in text
    november = text[text.index("— Bijeenkomst november") :]
    assert "Concept: these minutes have not been approved yet." in november
    assert text.count("Concept: these minutes") == 1
    assert "page 1 of" in text  # the page numbers in the reader's language


def test_archive_of_a_year_without_meetings_says_so(steering_client, tmp_path):
    response = steering_client.get("/en" + archive_url(2022))
    assert response.status_code == 200
    assert "There were no plenary meetings this year." in pdf_text(response.content, tmp_path)


def test_archive_is_for_the_steering_group_and_the_secretariat_only(
    client, member_client, steering_client
):
    assert member_client.get(archive_url()).status_code == 403
    response = client.get(archive_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert steering_client.get(archive_url()).status_code == 200
    assert steering_client.get(archive_url(2020)).status_code == 404


def test_archive_reads_the_meetings_in_a_fixed_number_of_queries(meetings):
    with CaptureQueriesContext(connection) as few:
        archive_meetings(year=YEAR)
    for index in range(5):
        meeting = PlenaryMeetingFactory(starts_at=at(9, 1 + index), status="held")
        _decide(meeting, "Voorstel", 3, 1, 0)
        AgendaItem.objects.create(meeting=meeting, title="Punt")
    with CaptureQueriesContext(connection) as more:
        archive_meetings(year=YEAR)
    assert len(more) == len(few) == 3
