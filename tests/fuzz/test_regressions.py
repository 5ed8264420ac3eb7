"""The 500s the fuzz suite found, each pinned by a plain test (issue 9)."""

import pytest
from django.urls import reverse

from steering.models import AgendaItem
from tests.fuzz.forms import parse_forms
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("selected", ["", " ", "x", "99999999999999999999"])
def test_admin_action_with_a_tampered_selection_is_a_400(secretariat_client, selected):
    url = reverse("admin:members_member_changelist")
    data = {"action": "export_csv", "_selected_action": [selected], "index": "0"}
    assert secretariat_client.post(url, data).status_code == 400


def test_member_add_with_a_tampered_user_id_is_a_form_error(secretariat_client):
    url = reverse("admin:members_member_add")
    response = secretariat_client.post(url, {"first_name": "Ada", "user": " "})
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors


def test_changing_an_agenda_item_in_the_admin_saves_it(secretariat_client):
    meeting = PlenaryMeetingFactory()
    AgendaItem.objects.create(meeting=meeting, position=9, title="Rondvraag")
    url = reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
    forms = parse_forms(secretariat_client.get(url).content.decode(), url)
    form = next(f for f in forms if any(field.name.startswith("agenda-") for field in f.fields))
    data = form.initial()
    title = next(name for name, value in data.items() if value == ["Rondvraag"])
    data[title] = ["Rondvraag en sluiting"]
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert AgendaItem.objects.filter(meeting=meeting, title="Rondvraag en sluiting").exists()
