"""The 500s the fuzz suite found, each pinned by a plain test (issue 9)."""

import pytest
from django.urls import reverse

from finance.models import BudgetYear
from steering.models import AgendaItem
from tests.fuzz.forms import parse_forms
from tests.members.factories import MemberFactory
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("selected", ["", " ", "x", "99999999999999999999"])
def test_admin_action_with_a_tampered_selection_is_a_400(secretariat_client, selected):
    url = reverse("admin:members_member_changelist")
    data = {"action": "export_csv", "_selected_action": [selected], "index": "0"}
    assert secretariat_client.post(url, data).status_code == 400


def test_member_change_with_a_tampered_user_id_is_a_form_error(secretariat_client):
    # The register has no add page (issue 21.2, M5); the change form has the same field.
    url = reverse("admin:members_member_change", args=[MemberFactory().pk])
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


def test_a_budget_line_missing_what_its_formula_needs_is_a_form_error(secretariat_client):
    # F2: found by the "thorough" profile. The refused form was shown again with the
    # line's formula worked out from the posted values, and a missing quantity was a 500.
    year = BudgetYear.objects.get(year=2021)
    line = year.lines.get(kind="trajectories")
    url = reverse("admin:finance_budgetyear_change", args=[year.pk])
    forms = parse_forms(secretariat_client.get(url).content.decode(), url)
    form = next(f for f in forms if any(field.name.startswith("lines-") for field in f.fields))
    data = form.initial()
    prefix = next(
        name.removesuffix("-id")
        for name, value in data.items()
        if name.startswith("lines-") and name.endswith("-id") and value == [str(line.pk)]
    )
    data[f"{prefix}-quantity"] = [""]
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    lines = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "lines"
    )
    index = int(prefix.removeprefix("lines-"))
    assert lines.formset.forms[index].errors == {"quantity": ["Nodig bij deze grondslag."]}
    line.refresh_from_db()
    assert line.quantity is not None  # nothing saved
