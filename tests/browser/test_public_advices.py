"""A visitor on /adviezen/ in a real browser: search, filter, open an advice, download its PDF.

Selectors use element ids and names and the advices' own (Dutch) data, not interface
labels, which are translated only after the strings are merged.
"""

import pytest

from advices.models import Recommendation, Status
from tests.advices.public_factories import published_advice
from tests.harness import assert_accessible
from tests.members.factories import theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADOPTED, PARTLY, NOT_ADOPTED = (
    Recommendation.Response.ADOPTED, Recommendation.Response.PARTLY,
    Recommendation.Response.NOT_ADOPTED,
)  # fmt: skip


@pytest.fixture
def advices():
    poverty = theme("Armoede")
    return [
        published_advice(
            Status.RESPONDED,
            subject="Ervaringen van inwoners met armoede",
            slug="ervaringen-armoede",
            law_wmo=False,
            law_participation=True,
            clients_council_consulted_on="2026-03-10",
            themes=[poverty],
            recommendations=[
                "Maak regelingen vindbaar op één plek, ook op papier.",
                "Schrap de vermogenstoets voor de kindregelingen.",
                "Betrek ervaringsdeskundigen bij de uitvoering.",
            ],
            responses=[ADOPTED, NOT_ADOPTED, PARTLY],
        ),
        published_advice(
            Status.SENT,
            subject="Jeugdhulp naar de WIJ-teams",
            slug="jeugdhulp-wij",
            summary="De toegang tot jeugdhulp gaat naar WIJ Groningen.",
            considerations="Gezinnen willen één vast aanspreekpunt.",
            law_wmo=False,
            law_youth=True,
        ),
        published_advice(
            Status.ADOPTED,
            subject="Toegankelijke binnenstad",
            slug="binnenstad",
            summary="Inwoners met een beperking melden obstakels in de binnenstad.",
            considerations="Smalle stoepen en reclameborden.",
        ),
    ]


def results(page) -> list[str]:
    return page.locator("#advice-results li[data-slug]").evaluate_all(
        "items => items.map(item => item.dataset.slug)"
    )


def test_visitor_searches_filters_opens_an_advice_and_downloads_its_pdf(page, advices, tmp_path):
    page.goto("/adviezen/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert sorted(results(page)) == ["binnenstad", "ervaringen-armoede", "jeugdhulp-wij"]
    assert page.locator("#impact-years-table").is_visible()
    assert_accessible(page)

    page.locator("#id_q").fill("armoedebeleid")
    page.locator("#advice-search-submit").click()
    page.wait_for_url("**/adviezen/?q=armoedebeleid*")
    assert results(page) == ["ervaringen-armoede"]
    assert_accessible(page)

    page.locator("#id_q").fill("")
    page.locator("#id_wet").select_option("jeugdwet")
    page.locator("#advice-search-submit").click()
    page.wait_for_url("**wet=jeugdwet*")
    assert results(page) == ["jeugdhulp-wij"]
    page.locator("#id_wet").select_option("")
    page.locator("#id_status").select_option("responded")
    page.locator("#advice-search-submit").click()
    page.wait_for_url("**status=responded*")
    assert results(page) == ["ervaringen-armoede"]
    assert_accessible(page)

    page.get_by_role("link", name="Ervaringen van inwoners met armoede").click()
    page.wait_for_url("**/adviezen/ervaringen-armoede/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ervaringen van inwoners met armoede"
    )
    assert page.locator("#recommendations li.recommendation").count() == 3
    assert page.locator("#impact-advice-table").is_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.locator("#advice-pdf").click()
    download = download_info.value
    assert download.suggested_filename == "advies-ervaringen-armoede.pdf"
    path = tmp_path / "advies.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_an_unknown_advice_answers_with_the_404_page(page, advices):
    response = page.goto("/adviezen/bestaat-niet/")
    assert response.status == 404
    assert_accessible(page)


def test_advice_pages_work_without_javascript(browser, live_server, advices):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/adviezen/")
    page.locator("#id_q").fill("jeugdhulp")
    page.locator("#id_thema").select_option("")
    page.locator("#advice-search-submit").click()
    page.wait_for_url("**q=jeugdhulp*")
    assert page.locator("#advice-results li[data-slug]").count() == 1
    page.get_by_role("link", name="Jeugdhulp naar de WIJ-teams").click()
    page.wait_for_url("**/adviezen/jeugdhulp-wij/")
    assert page.get_by_role("heading", level=1).inner_text() == "Jeugdhulp naar de WIJ-teams"
    with page.expect_download() as download_info:
        page.locator("#advice-pdf").click()
    assert download_info.value.suggested_filename == "advies-jeugdhulp-wij.pdf"
    context.close()
