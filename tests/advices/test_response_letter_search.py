"""Issue 19.4, a leftover: the college's response letter is read when it is saved through
its services (recorded with the response, replaced in the admin), so that the site search
and /adviezen/?q= find a published advice by its letter without opening a file."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from advices.models import CollegeResponse, Status
from advices.services import advice_publish, college_response_update
from demo.meeting_papers import text_pdf
from public.search import site_search
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.advices.test_responses import recommendations, record, sent_trajectory

pytestmark = pytest.mark.django_db

ADOPTED = "adopted"


def _letter(*lines, name="reactie.pdf"):
    return SimpleUploadedFile(name, text_pdf("Reactie van het college", list(lines)))


def _answered(trajectory, **kwargs):
    return record(trajectory, {r.pk: (ADOPTED, "") for r in recommendations(trajectory)}, **kwargs)


def _found(text) -> list[str]:
    groups = {group.kind: group for group in site_search(text)}
    return [hit.title for hit in groups["advices"].hits] if "advices" in groups else []


def test_19_4_the_response_letter_is_read_when_the_response_is_recorded():
    trajectory = sent_trajectory(["Eén loket"])
    response = _answered(trajectory, document=_letter("Wij starten een proef met kwijtschelding."))
    response.refresh_from_db()
    assert response.text == "Reactie van het college Wij starten een proef met kwijtschelding."


def test_19_4_an_advice_published_before_its_response_is_found_by_the_letter(client):
    trajectory = sent_trajectory(["Eén loket"])
    advice_publish(trajectory=trajectory, by=None)
    assert _found("zonnebloemregeling") == []
    _answered(trajectory, document=_letter("De zonnebloemregeling blijft bestaan."))
    assert _found("zonnebloemregeling") == [trajectory.subject]
    listed = client.get("/adviezen/", {"q": "zonnebloemregeling"})
    assert trajectory.subject in listed.content.decode()


def test_19_4_an_advice_published_after_its_response_is_found_by_the_letter():
    trajectory = sent_trajectory(["Eén loket"])
    _answered(trajectory, document=_letter("De zonnebloemregeling blijft bestaan."))
    assert _found("zonnebloemregeling") == []  # not published yet
    advice_publish(trajectory=trajectory, by=None)
    assert _found("zonnebloemregeling") == [trajectory.subject]


def test_19_4_a_letter_replaced_in_the_admin_is_read_again(secretariat_client):
    trajectory = sent_trajectory(["Eén loket"])
    response = _answered(trajectory, document=_letter("De zonnebloemregeling blijft bestaan."))
    advice_publish(trajectory=trajectory, by=None)
    answer = secretariat_client.post(
        f"/admin/advices/collegeresponse/{response.pk}/change/",
        {
            "received_on": "15-09-2026",
            "council_proposal_number": "RV 2026-042",
            "council_proposal_date": "10-09-2026",
            "council_proposal_url": "",
            "document": _letter("Een nieuwe brief over het xylofoonorkest.", name="nieuw.pdf"),
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    response.refresh_from_db()
    assert "xylofoonorkest" in response.text and "zonnebloemregeling" not in response.text
    assert _found("xylofoonorkest") == [trajectory.subject]
    assert _found("zonnebloemregeling") == []


def test_19_4_a_removed_letter_takes_its_text_along():
    trajectory = sent_trajectory(["Eén loket"])
    response = _answered(trajectory, document=_letter("De zonnebloemregeling blijft bestaan."))
    advice_publish(trajectory=trajectory, by=None)
    response.document = None
    college_response_update(college_response=response, changed=["document"])
    assert CollegeResponse.objects.get(pk=response.pk).text == ""
    assert _found("zonnebloemregeling") == []


def test_19_4_a_response_without_a_letter_leaves_the_search_document_as_it_was():
    trajectory = advance_to(TrajectoryFactory(), Status.RESPONDED)
    advice_publish(trajectory=trajectory, by=None, at=datetime.datetime.now(datetime.UTC))
    assert CollegeResponse.objects.get(trajectory=trajectory).text == ""
    assert _found(trajectory.subject.split()[0]) == [trajectory.subject]
