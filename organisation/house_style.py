"""The house style of every PDF: the advice letter, the annual report, the archive.

A4, the organisation's letterhead and footer on every page (static/css/pdf-house-style.css)
and the page numbers at the bottom right in the document's language: "pagina 2 van 5" in a
Dutch document, "page 2 of 5" in an English one. Each document adds its own stylesheet.
"""

import re

from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

HOUSE_STYLE = "css/pdf-house-style.css"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_numbers_css() -> str:
    """The page numbers' rule, in the active language."""
    # Translators: the page number at the bottom of every page of a PDF.
    text = _("page %(page)s of %(pages)s")
    # The words around the two placeholders as CSS strings, the placeholders as counters.
    parts = re.split(r"%\((pages?)\)s", text)
    content = " ".join(
        f"counter({part})" if index % 2 else _css_string(part) for index, part in enumerate(parts)
    )
    return f"@page {{ @bottom-right {{ content: {content}; }} }}"


def house_stylesheets(own: str) -> list:
    """WeasyPrint's stylesheets for a document: the house style, then its own sheet."""
    from weasyprint import CSS

    return [
        CSS(filename=finders.find(HOUSE_STYLE)),
        CSS(string=page_numbers_css()),
        CSS(filename=finders.find(own)),
    ]
