"""Issue 19.1: what happened since the college's response, as a dated list on the
advice's public page, written by the secretariat on the trajectory's admin page."""

import datetime

import pytest
from django.urls import reverse

from advices.models import MonitoringNote, Status
from tests.advices.public_factories import published_advice

pytestmark = pytest.mark.django_db


def _note(trajectory, day, text, public=True):
    return MonitoringNote.objects.create(
        trajectory=trajectory, noted_on=datetime.date.fromisoformat(day), text=text, public=public
    )


def test_the_advice_page_lists_the_public_notes_newest_first_with_their_dates(client):
    advice = published_advice(Status.RESPONDED)
    _note(advice, "2026-03-02", "De gemeente opende een loket in elke wijk.")
    _note(advice, "2026-09-15", "De regeling staat nu ook op papier in de bibliotheek.")
    _note(advice, "2026-10-01", "Intern: bellen met de programmamanager.", public=False)
    page = client.get(reverse("advices_public:detail", args=[advice.slug])).content.decode()
    since = page[page.index('id="advice-monitoring"') :]
    since = since[: since.index("</ol>")]
    assert since.index('datetime="2026-09-15"') < since.index('datetime="2026-03-02"')
    assert "15 september 2026" in since and "bibliotheek" in since
    assert "Intern" not in page


def test_a_new_note_shows_at_once_on_the_cached_page(client):
    advice = published_advice(Status.RESPONDED)
    url = reverse("advices_public:detail", args=[advice.slug])
    assert 'id="advice-monitoring"' not in client.get(url).content.decode()
    _note(advice, "2026-11-20", "Het college stuurde een voortgangsbrief.")
    assert "voortgangsbrief" in client.get(url).content.decode()


def test_the_trajectory_admin_page_carries_the_notes(secretariat_client):
    advice = published_advice(Status.RESPONDED)
    _note(advice, "2026-03-02", "Een loket in elke wijk.")
    page = secretariat_client.get(
        reverse("admin:advices_trajectory_change", args=[advice.pk])
    ).content.decode()
    assert 'name="monitoring_notes-TOTAL_FORMS"' in page and "Een loket in elke wijk." in page
    assert 'type="date"' in page and 'value="2026-03-02"' in page
