"""Issue 15.3: staff reach art. 9 data and decisions in the portal only with the second factor.

A password-only staff session (device set up, code not entered) is sent to the verify
page and nothing is decided; the same account with a verified session gets through.
The URL-permission matrix checks every page for these sessions too (tests/url_matrix.py,
`second_factor`).
"""

import pytest
from django.test import Client

from finance.models import ExpenseClaim
from members.models import Application
from members.roles import SECRETARIAT, STEERING_GROUP
from tests.finance.factories import ExpenseClaimFactory
from tests.harness import login_verified
from tests.members.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

VERIFY = "/account/tweestapsverificatie/controle/"


def _sessions(role):
    """(password only, verified) clients of one account."""
    user = UserFactory(role=role)
    verified = login_verified(Client(), user)
    password_only = Client()
    password_only.force_login(user)
    return password_only, verified


def _sent_to_verify(response, back_to=None):
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    assert location.startswith(VERIFY), location
    if back_to:
        assert f"next={back_to}" in location.replace("%2F", "/")
    return True


@pytest.mark.parametrize("role", [SECRETARIAT, STEERING_GROUP])
def test_application_review_needs_the_second_factor(role):
    application = ApplicationFactory()
    password_only, verified = _sessions(role)
    for url in ("/portaal/aanmeldingen/", f"/portaal/aanmeldingen/{application.pk}/"):
        assert _sent_to_verify(password_only.get(url), back_to=url)
        assert verified.get(url).status_code == 200
    # The decision POST is refused before anything is decided.
    response = password_only.post(
        f"/portaal/aanmeldingen/{application.pk}/",
        {"decision": Application.Decision.DECLINED, "reason": "Geen plaats."},
    )
    assert _sent_to_verify(response)
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING


@pytest.mark.parametrize("role", [SECRETARIAT, STEERING_GROUP])
def test_composition_needs_the_second_factor(role):
    password_only, verified = _sessions(role)
    assert _sent_to_verify(password_only.get("/portaal/samenstelling/"))
    assert verified.get("/portaal/samenstelling/").status_code == 200


def test_claim_decisions_need_the_second_factor():
    claim = ExpenseClaimFactory()
    password_only, verified = _sessions(SECRETARIAT)
    base = "/portaal/begroting/declaraties/"
    assert _sent_to_verify(password_only.get(f"{base}beoordelen/"))
    assert _sent_to_verify(password_only.get(f"{base}{claim.pk}/"))
    assert _sent_to_verify(password_only.get(f"{base}{claim.pk}/bon/"))
    response = password_only.post(f"{base}{claim.pk}/beslissen/", {"decision": "approve"})
    assert _sent_to_verify(response)
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.SUBMITTED

    assert verified.get(f"{base}beoordelen/").status_code == 200
    assert verified.get(f"{base}{claim.pk}/").status_code == 200


def test_a_member_sees_their_own_claim_with_the_password():
    claim = ExpenseClaimFactory()
    client = Client()
    client.force_login(claim.member.user)
    assert client.get(f"/portaal/begroting/declaraties/{claim.pk}/").status_code == 200
