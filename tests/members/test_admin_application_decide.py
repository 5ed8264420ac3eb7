"""Issue 18.2: an application is decided on its admin page, through the review's form and
service, with the same M5 protection."""

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import Application, Member
from tests.harness import deliver_outbox
from tests.members.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _change(application):
    return reverse("admin:members_application_change", args=[application.pk])


def _decide(application):
    return reverse("admin:members_application_decide", args=[application.pk])


def test_the_application_page_carries_the_decision_form(secretariat_client):
    application = ApplicationFactory()
    page = secretariat_client.get(_change(application)).content.decode()
    assert f'action="{_decide(application)}"' in page
    assert 'value="admitted"' in page and 'value="declined"' in page


def test_admitting_from_the_admin_makes_the_member_and_mails_the_applicant(secretariat_client):
    application = ApplicationFactory()
    response = secretariat_client.post(
        _decide(application),
        {"decision": "admitted", "reason": "Past goed.", "start_date": "2026-12-07",
         "term_years": "4"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == _change(application)
    application.refresh_from_db()
    assert application.decision == Application.Decision.ADMITTED
    assert Member.objects.filter(email=application.email).exists()
    assert [application.email] in [mail.to for mail in deliver_outbox()]
    # Decided: the page shows the decision and offers no second one.
    assert (
        "action=" + f'"{_decide(application)}"'
        not in secretariat_client.get(_change(application)).content.decode()
    )


def test_m5_an_ineligible_applicant_is_not_offered_admission_or_the_reserve_list(
    secretariat_client,
):
    application = ApplicationFactory(m5_employee=True)
    page = secretariat_client.get(_change(application)).content.decode()
    form = page[page.index('id="decision-heading"') :]
    assert 'value="declined"' in form
    assert 'value="admitted"' not in form and 'value="reserve"' not in form


@pytest.mark.parametrize("decision", ["admitted", "reserve"])
def test_m5_a_crafted_admission_of_an_ineligible_applicant_is_refused_on_the_field(
    secretariat_client, decision
):
    application = ApplicationFactory(m5_employee=True)
    with translation.override("en"):
        response = secretariat_client.post(
            _decide(application), {"decision": decision, "reason": "Toch.", "term_years": "4"}
        )
    assert response.status_code == 200
    assert response.context["decision_form"].errors["decision"]
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
    assert not Member.objects.filter(email=application.email).exists()


def test_a_decision_without_a_reason_keeps_what_was_typed(secretariat_client):
    application = ApplicationFactory()
    response = secretariat_client.post(
        _decide(application), {"decision": "declined", "reason": "", "term_years": "4"}
    )
    assert response.status_code == 200
    form = response.context["decision_form"]
    assert form.errors["reason"] and form["decision"].value() == "declined"
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING


def test_someone_without_the_decision_right_cannot_decide_in_the_admin(client, django_user_model):
    from django.contrib.auth.models import Permission

    from tests.harness import login_verified

    user = django_user_model.objects.create_user(email="kijker@example.org", password="x" * 16)
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_application"))
    login_verified(client, user)
    application = ApplicationFactory()
    assert 'id="decision-heading"' not in client.get(_change(application)).content.decode()
    response = client.post(_decide(application), {"decision": "declined", "reason": "Nee."})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
