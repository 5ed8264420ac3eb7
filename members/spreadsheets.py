"""Every CSV and XLSX the site hands out goes through here (issue 15.7).

A spreadsheet program runs a text cell that begins with = + - @ (or a tab, carriage
return or line feed before one) as a formula: a member's name `=HYPERLINK(...)` or an address
`=cmd|...` would become a live link or command in the register. `spreadsheet_export`
prefixes such text with an apostrophe (OWASP's advice for CSV injection), so it reads
as the text that was typed. Only text is touched: numbers, dates and amounts stay
numbers, so a negative amount in a budget is a number cell, not the text "'-12.50".

It lives on the ground floor so that every app (members' register, finance's reports)
uses the same function and builds the download the same way.
"""

import tablib
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

# OWASP's list, and a line feed: XML turns a stored carriage return into one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_cell(value):
    """The value as a spreadsheet must see it: text never starts a formula."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _neutralised(dataset: tablib.Dataset) -> tablib.Dataset:
    safe = tablib.Dataset(
        headers=[spreadsheet_cell(header) for header in dataset.headers or []] or None,
        title=dataset.title,
    )
    for row in dataset:
        safe.append([spreadsheet_cell(value) for value in row])
    return safe


def spreadsheet_export(dataset: tablib.Dataset, fmt: str) -> bytes | str:
    """The dataset as CSV or XLSX, with every formula-leading text cell neutralised."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown spreadsheet format: {fmt}")
    return _neutralised(dataset).export(fmt)


def spreadsheet_response(*, dataset: tablib.Dataset, fmt: str, filename: str) -> HttpResponse:
    """The download of a dataset: safe cells, its content type, and never cached."""
    response = HttpResponse(spreadsheet_export(dataset, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    # Registers and budgets hold personal data: no copy in any cache (issue 15.14).
    patch_cache_control(response, private=True, no_store=True)
    return response
