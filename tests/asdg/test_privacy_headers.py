"""Issue 15.14: no cache keeps a page or download with personal data, and every response
says which browser features the site may use (Permissions-Policy)."""

import pytest
from django.urls import reverse

from tests.finance.factories import ExpenseClaimFactory
from tests.members.factories import ApplicationFactory, MemberFactory

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_permissions_policy_on_every_kind_of_response(client, member_client):
    responses = [
        client.get("/"),
        client.get("/adviezen/"),
        client.get("/deze-pagina-bestaat-niet/"),
        client.get(reverse("apply:form")),
        member_client.get(reverse("portal")),
    ]
    for response in responses:
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (response.request["PATH_INFO"], policy)


def test_public_pages_stay_cacheable_for_visitors(client):
    for path in ("/", "/adviezen/"):
        assert "no-store" not in client.get(path).get("Cache-Control", ""), path


def test_portal_pages_of_a_member_are_never_stored(member_client):
    for url in (
        reverse("portal"),
        reverse("membership:overview"),
        reverse("membership:profile"),
        reverse("membership:data"),
    ):
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_a_public_page_seen_while_signed_in_is_never_stored(member_client):
    # It carries the member's name in the header.
    assert no_store(member_client.get("/adviezen/"))


def test_the_members_own_data_download_is_never_stored(member_client):
    response = member_client.get(reverse("membership:data-download"))
    assert response.status_code == 200
    assert no_store(response)


def test_applications_in_the_portal_and_the_admin_are_never_stored(secretariat_client):
    application = ApplicationFactory()
    for url in (
        reverse("review:list"),
        reverse("review:detail", args=[application.pk]),
        "/admin/",
        "/admin/members/application/",
        f"/admin/members/application/{application.pk}/change/",
        "/admin/members/member/",
    ):
        response = secretariat_client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_receipts_and_budget_downloads_are_never_stored(secretariat_client):
    claim = ExpenseClaimFactory()
    for url in (
        reverse("finance:claim-receipt", args=[claim.pk]),
        reverse("finance:report-csv", kwargs={"year": 2021}),
        reverse("finance:report-xlsx", kwargs={"year": 2021}),
        reverse("finance:report-pdf", kwargs={"year": 2021}),
    ):
        response = secretariat_client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_the_register_export_is_never_stored(secretariat_client):
    member = MemberFactory()
    response = secretariat_client.post(
        "/admin/members/member/", {"action": "export_xlsx", "_selected_action": [member.pk]}
    )
    assert response.status_code == 200
    assert no_store(response)


def test_application_and_account_pages_are_never_stored_signed_out(client):
    for url in (reverse("apply:form"), reverse("accounts:login"), "/admin/login/"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert no_store(response), url


def test_a_form_shown_again_after_a_post_is_never_stored(client):
    # The newsletter's page with the address typed in it again.
    response = client.post(reverse("public:newsletter"), {"email": "geen-adres"})
    assert response.status_code == 200
    assert no_store(response)
