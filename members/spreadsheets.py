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

import io

import tablib
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

# OWASP's list, and a line feed: XML turns a stored carriage return into one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")

# An amount in euros as a spreadsheet shows it: the program writes the separators of the
# reader's language (in Dutch "€ 1.250,50"); the cell stays a number to add up.
EURO_FORMAT = '"€" #,##0.00'

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


def spreadsheet_export(
    dataset: tablib.Dataset, fmt: str, *, money_columns: tuple[int, ...] = ()
) -> bytes | str:
    """The dataset as CSV or XLSX, with every formula-leading text cell neutralised.

    In an XLSX the number cells of `money_columns` (0-based) are shown in euros
    (issue 18.4); a CSV keeps plain decimals (1234.56) for other programs to read.
    """
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown spreadsheet format: {fmt}")
    exported = _neutralised(dataset).export(fmt)
    if fmt != "xlsx" or not money_columns:
        return exported
    return _in_euros(exported, money_columns)


def _in_euros(xlsx: bytes, columns: tuple[int, ...]) -> bytes:
    import openpyxl  # tablib's own XLSX library

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
    for row in workbook.active.iter_rows(min_row=2):
        for column in columns:
            cell = row[column]
            if isinstance(cell.value, int | float):
                cell.number_format = EURO_FORMAT
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spreadsheet_response(
    *, dataset: tablib.Dataset, fmt: str, filename: str, money_columns: tuple[int, ...] = ()
) -> HttpResponse:
    """The download of a dataset: safe cells, its content type, and never cached."""
    response = HttpResponse(
        spreadsheet_export(dataset, fmt, money_columns=money_columns),
        content_type=CONTENT_TYPES[fmt],
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    # Registers and budgets hold personal data: no copy in any cache (issue 15.14).
    patch_cache_control(response, private=True, no_store=True)
    return response
