"""An applicant fills in the public form in a real browser (M2, M4–M6)."""

import datetime

import pytest
from django.utils import timezone

from members.models import Application
from tests.harness import assert_accessible
from tests.members.factories import RecruitmentRoundFactory, postcode_area, theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM_URL = "/aanmelden/"


@pytest.fixture
def open_round():
    postcode_area("9712", "Binnenstad")
    theme("Armoede", 5)
    theme("Werk", 3)
    return RecruitmentRoundFactory()


def question(page, text):
    """One M5 question: a group of radio buttons named by its legend."""
    return page.get_by_role("group", name=text)


def fill_in_the_form(page, *, employed_by_the_municipality: bool):
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Straat en huisnummer").fill("Herestraat 1")
    page.get_by_label("Postcode").fill("9712 ab")
    page.get_by_label("Geboortedatum").fill("1980-04-02")
    page.get_by_label("Waarom wilt u meedoen?").fill("Ik wil meedenken over armoedebeleid.")
    page.get_by_label("Uw netwerk").fill("Voedselbank, buurtvereniging")
    question(page, "Over welke onderwerpen heeft u kennis?").get_by_label("Armoede").check()
    # The M5 questions by keyboard: focus the answer, press the space bar.
    answers = {
        "Bent u lid van de gemeenteraad": "Nee",
        "Werkt u bij de gemeente Groningen?": "Ja" if employed_by_the_municipality else "Nee",
        "Heeft u commerciële activiteiten": "Nee",
        "Heeft u een vertegenwoordigende politieke functie?": "Nee",
    }
    for text, answer in answers.items():
        question(page, text).get_by_label(answer, exact=True).focus()
        page.keyboard.press("Space")
    page.get_by_label("Ik meld mij aan op persoonlijke titel").focus()
    page.keyboard.press("Space")


def test_applicant_fills_in_the_form_and_is_thanked(page, open_round):
    page.goto(FORM_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden als lid"
    assert_accessible(page)
    fill_in_the_form(page, employed_by_the_municipality=False)
    page.get_by_role("button", name="Aanmelding versturen").press("Enter")
    page.wait_for_url("**/aanmelden/ontvangen/")

    assert page.get_by_role("heading", level=1).inner_text() == "Bedankt voor uw aanmelding"
    assert page.get_by_text("een bevestiging gestuurd naar anna@example.org").is_visible()
    assert page.get_by_text("U kunt nu geen lid worden").count() == 0
    assert_accessible(page)
    application = Application.objects.get()
    assert application.is_eligible
    assert [t.name for t in application.knowledge_themes.all()] == ["Armoede"]


def test_m5_ineligible_applicant_reads_which_rule_applies(page, open_round):
    page.goto(FORM_URL)
    fill_in_the_form(page, employed_by_the_municipality=True)
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url("**/aanmelden/ontvangen/")

    assert page.get_by_role("heading", name="U kunt nu geen lid worden").is_visible()
    assert page.get_by_text(
        "Mensen die bij de gemeente Groningen werken, kunnen geen lid zijn"
    ).is_visible()
    assert page.get_by_text("We hebben uw aanmelding toch bewaard").is_visible()
    assert_accessible(page)
    assert not Application.objects.get().is_eligible


def test_form_with_errors_links_each_error_to_its_question(page, open_round):
    page.goto(FORM_URL)
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_role("button", name="Aanmelding versturen").click()

    summary = page.get_by_role("alert")
    assert summary.get_by_text("Uw aanmelding is nog niet verstuurd").is_visible()
    assert page.get_by_label("Voornaam").get_attribute("aria-invalid") is None
    assert page.get_by_label("Achternaam").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    summary.get_by_role("link", name="In dienst van de gemeente").click()  # short (16.5)
    assert page.evaluate("document.activeElement.id") == "id_m5_employee_0"
    assert not Application.objects.exists()


def test_closed_page_says_when_the_next_round_opens(page):
    year = timezone.localdate().year + 1
    RecruitmentRoundFactory(
        year=year, opens_on=datetime.date(year, 3, 1), closes_on=datetime.date(year, 4, 30)
    )
    page.goto(FORM_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden is gesloten"
    assert page.get_by_text(f"1 maart {year}").is_visible()
    assert page.get_by_label("Voornaam").count() == 0
    assert_accessible(page)
