"""The steering group decides on applications in a real browser (M3, M5)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from members.models import Application
from tests.browser.login import log_in_verified
from tests.harness import assert_accessible, deliver_outbox
from tests.members.factories import (
    ApplicationFactory,
    RecruitmentRoundFactory,
    UserFactory,
    postcode_area,
    theme,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def applications():
    round = RecruitmentRoundFactory()
    area = postcode_area("9712", "Binnenstad")
    anna = ApplicationFactory(
        round=round, first_name="Anna", last_name="Bakker", email="anna@example.org",
        postcode_area=area,
    )  # fmt: skip
    anna.knowledge_themes.set([theme("Armoede", 5)])
    bert = ApplicationFactory(
        round=round, first_name="Bert", last_name="Dijkstra", email="bert@example.org",
        postcode_area=postcode_area("9751", "Haren", "haren"),
    )  # fmt: skip
    ineligible = ApplicationFactory(
        round=round, first_name="Carla", last_name="Wethouder", postcode_area=area,
        m5_council=True,
    )  # fmt: skip
    return anna, bert, ineligible


@pytest.fixture
def steering_page(page):
    UserFactory(email="stuur@example.org", first_name="Karin", last_name="Smit", role="Stuurgroep")
    log_in_verified(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    return page


def decide(page, name, choice, reason):
    page.get_by_role("link", name=name).click()
    page.get_by_role("radio", name=choice).check()
    page.get_by_label("Reden").fill(reason)
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url("**/portaal/aanmeldingen/?jaar=*")


def row(page, name):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=name))


def test_m3_steering_group_admits_one_and_declines_another(steering_page, applications):
    page = steering_page
    page.goto("/portaal/aanmeldingen/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert "Niet toelaatbaar" in row(page, "Carla Wethouder").inner_text()
    assert_accessible(page)

    decide(page, "Anna Bakker", "Toelaten als lid", "Brengt kennis van armoede mee.")
    assert page.get_by_role("status").get_by_text("Anna Bakker is toegelaten als lid").is_visible()
    assert "Toegelaten" in row(page, "Anna Bakker").inner_text()

    decide(page, "Bert Dijkstra", "Afwijzen", "Haren is al goed vertegenwoordigd.")
    assert "Afgewezen" in row(page, "Bert Dijkstra").inner_text()
    deliver_outbox()
    assert len(mail.outbox) == 2

    page.get_by_role("link", name="Anna Bakker").click()
    record = page.locator("#decision-record")
    assert "Karin Smit" in record.inner_text()
    assert "Brengt kennis van armoede mee." in record.inner_text()
    assert page.get_by_role("button", name="Besluit opslaan").count() == 0
    anna = Application.objects.get(email="anna@example.org")
    assert anna.member is not None


def test_m5_detail_page_offers_no_admission_for_an_ineligible_applicant(
    steering_page, applications
):
    page = steering_page
    page.goto("/portaal/aanmeldingen/")
    page.get_by_role("link", name="Carla Wethouder").click()
    assert page.get_by_role("radio", name="Toelaten als lid").count() == 0
    assert page.get_by_text("Deze aanmelder is niet toelaatbaar").first.is_visible()
    assert_accessible(page)


def test_decision_form_with_an_error_is_accessible(steering_page, applications):
    page = steering_page
    page.goto("/portaal/aanmeldingen/")
    page.get_by_role("link", name="Anna Bakker").click()
    assert_accessible(page)
    page.get_by_role("radio", name="Afwijzen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Geef de reden voor dit besluit.")).to_be_visible()
    assert Application.objects.get(email="anna@example.org").decision == "pending"
    assert_accessible(page)
