"""M9 in a real browser: a member claims with a receipt, the secretariat approves (axe-core)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from finance.models import ExpenseClaim
from tests.browser.login import log_in, log_in_to_admin, log_in_verified
from tests.browser.test_budget import budget_2021  # noqa: F401 (fixture)
from tests.finance.factories import PDF_BYTES, ExpenseClaimFactory
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_out(page):
    page.context.clear_cookies()


def test_member_claims_and_the_secretariat_approves(page, budget_2021):  # noqa: F811
    member = MemberFactory(email="fatima@example.org", first_name="Fatima")
    UserFactory(email="sec@example.org", role="Secretariaat")

    log_in(page, "fatima@example.org")
    page.wait_for_url("**/portaal/")
    assert_accessible(page)  # the portal home with the claims panel
    page.goto("/portaal/begroting/declaraties/")
    assert_accessible(page)
    page.locator("#new-claim").click()
    page.wait_for_url("**/declaraties/nieuw/")
    assert_accessible(page)
    # A receipt that is not what its name says is refused on its field.
    page.locator("input[name=date]").fill("2021-03-01")
    page.locator("input[name=amount]").fill("62,40")
    page.locator("input[name=description]").fill("Treinkaartjes naar de brede bijeenkomst")
    page.locator("input[name=receipt]").set_input_files(
        files=[{"name": "bon.pdf", "mimeType": "application/pdf", "buffer": b"geen pdf"}]
    )
    page.locator("#submit-claim").click()
    assert page.locator("#id_receipt").get_attribute("aria-invalid") == "true" or (
        page.locator(".invalid-feedback").count() > 0
    )
    assert_accessible(page)
    assert not ExpenseClaim.objects.exists()
    page.locator("input[name=receipt]").set_input_files(
        files=[{"name": "bon.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.locator("#submit-claim").click()
    page.wait_for_url("**/declaraties/*/")
    claim = ExpenseClaim.objects.get()
    assert claim.member == member and claim.amount == Decimal("62.40")
    assert claim.over_allowance  # € 62,40 is above the € 50 allowance of 2021
    assert page.locator("#claim-status").inner_text().strip()
    assert_accessible(page)

    _log_out(page)
    log_in_verified(page, "sec@example.org")
    page.wait_for_url("**/portaal/")
    page.locator("#claims-awaiting-link").click()
    page.wait_for_url("**/declaraties/beoordelen/")
    assert page.locator("#claims-awaiting .over-allowance").count() == 1
    assert_accessible(page)
    page.locator("#claims-awaiting a").first.click()
    page.wait_for_url(f"**/declaraties/{claim.pk}/")
    assert page.locator("#over-allowance").is_visible()
    assert_accessible(page)
    # Rejecting without a reason is refused on the field; then approve.
    page.locator("input[name=decision][value=reject]").check()
    page.locator("#record-decision").click()
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true" or (
        page.locator(".invalid-feedback").count() > 0
    )
    assert_accessible(page)
    page.locator("input[name=decision][value=approve]").check()
    page.locator("#record-decision").click()
    page.wait_for_url("**/declaraties/beoordelen/")
    assert_accessible(page)
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.booking.amount == Decimal("62.40")

    _log_out(page)
    log_in(page, "fatima@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/portaal/begroting/declaraties/{claim.pk}/")
    assert page.locator("#claim-status .text-bg-success").count() == 1
    assert page.locator("#withdraw").count() == 0


def test_admin_claims_and_the_reject_action(page, settings, budget_2021):  # noqa: F811
    UserFactory(email="sec@example.org", role="Secretariaat")
    claim = ExpenseClaimFactory(amount=Decimal("80.00"), over_allowance=True)
    log_in_to_admin(page, "sec@example.org")
    for url in ["/admin/finance/expenseclaim/", f"/admin/finance/expenseclaim/{claim.pk}/change/"]:
        page.goto(url)
        assert_accessible(page)
    page.goto("/admin/finance/expenseclaim/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("reject")
    page.locator("button[name=index]").click()
    expect(page.locator("#claims-to-reject")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_reason").fill("Geen onkosten voor de adviesgroep")
    page.locator("input[name=apply]").click()
    page.wait_for_url("**/admin/finance/expenseclaim/")
    claim.refresh_from_db()
    assert claim.status == "rejected" and claim.reason == "Geen onkosten voor de adviesgroep"
