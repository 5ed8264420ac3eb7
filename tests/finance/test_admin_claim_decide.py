"""Issue 18.2: an expense claim is decided on its admin page, with the portal's decision
form and the same services (M9: who, when and why; booked once)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import ExpenseClaim
from tests.finance.test_claims import _submit
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _change(claim):
    return reverse("admin:finance_expenseclaim_change", args=[claim.pk])


def _decide(claim):
    return reverse("admin:finance_expenseclaim_decide", args=[claim.pk])


def test_a_submitted_claim_page_carries_the_decision_form(secretariat_client):
    claim = _submit(MemberFactory())
    page = secretariat_client.get(_change(claim)).content.decode()
    assert f'action="{_decide(claim)}"' in page
    assert 'value="approve"' in page and 'value="reject"' in page


def test_approving_from_the_admin_books_the_claim_once(secretariat_client):
    claim = _submit(MemberFactory(), amount="12.50")
    response = secretariat_client.post(_decide(claim), {"decision": "approve", "reason": ""})
    assert response.status_code == 302 and response["Location"] == _change(claim)
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.APPROVED
    assert claim.booking.amount == Decimal("12.50") and claim.decided_by is not None
    again = secretariat_client.post(_decide(claim), {"decision": "approve", "reason": ""})
    assert again.status_code == 302  # decided: back to the page, nothing booked twice
    assert (
        f'action="{_decide(claim)}"' not in secretariat_client.get(_change(claim)).content.decode()
    )


def test_m9_rejecting_from_the_admin_needs_a_reason_on_its_field(secretariat_client):
    claim = _submit(MemberFactory())
    response = secretariat_client.post(_decide(claim), {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert response.context["decision_form"].errors["reason"]
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.SUBMITTED
    done = secretariat_client.post(_decide(claim), {"decision": "reject", "reason": "Geen bon."})
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.REJECTED and claim.reason == "Geen bon."


def test_the_steering_group_cannot_decide_claims_in_the_admin(steering_client):
    claim = _submit(MemberFactory())
    page = steering_client.get(_change(claim))
    assert 'id="decision-heading"' not in page.content.decode()
    response = steering_client.post(_decide(claim), {"decision": "approve", "reason": ""})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.SUBMITTED
