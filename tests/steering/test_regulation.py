"""The regulation of the steering group (S4): page and PDF with the role holders."""

import subprocess

import pytest
from django.urls import reverse

from steering.models import SeatRole, Task
from tests.members.factories import MemberFactory
from tests.steering.factories import SeatFactory

pytestmark = pytest.mark.django_db


def _group():
    chair = SeatFactory(
        role=SeatRole.CHAIR,
        tasks=[Task.CHAIRING, Task.CONTACT],
        member=MemberFactory(first_name="Henk", last_name="Bakker"),
    )
    secretary = SeatFactory(
        role=SeatRole.SECRETARY,
        tasks=[Task.SECRETARIAT],
        member=MemberFactory(first_name="Yasmina", last_name="Zijlstra"),
    )
    return chair, secretary


def test_s4_regulation_page_holds_tasks_schedule_and_time(member_client):
    chair, secretary = _group()
    response = member_client.get(reverse("steering_governance:regulation"))
    assert response.status_code == 200
    tasks = {value: holders for value, _label, holders in response.context["tasks"]}
    assert tasks[Task.CHAIRING] == [chair] and tasks[Task.SECRETARIAT] == [secretary]
    assert tasks[Task.PARTICIPATION] == []  # shown as not assigned
    assert set(tasks) == set(Task.values)  # every task of the S4 list
    page = response.content.decode()
    assert "Henk Bakker" in page and "Yasmina Zijlstra" in page
    assert 'id="schedule"' in page and 'id="time-commitment"' in page
    assert "2–3" in page and 'id="appointment-note"' in page


def test_s4_regulation_pdf_contains_the_role_holders(member_client, tmp_path):
    _group()
    response = member_client.get(reverse("steering_governance:regulation-pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "reglement.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Henk Bakker" in text and "Yasmina Zijlstra" in text
    assert "2–3" in text
