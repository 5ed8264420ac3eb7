"""The PDFs' house style: page numbers in the document's language, as CSS counters."""

from django.utils import translation

from organisation.house_style import page_numbers_css


def test_page_numbers_are_dutch_in_a_dutch_document():
    with translation.override("nl"):
        css = page_numbers_css()
    assert css == (
        '@page { @bottom-right { content: "pagina " counter(page) " van " counter(pages) ""; } }'
    )


def test_page_numbers_are_english_in_an_english_document():
    with translation.override("en"):
        css = page_numbers_css()
    assert '"page " counter(page) " of " counter(pages)' in css
