"""Hypothesis strategies for bad form input, chosen per kind of field.

Most fields keep what the page offered, so that one bad value gets past the others and
reaches the deeper checks; hypothesis varies which fields go bad and how.
"""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

NASTY_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\r\n",
    "\x1b[31m\x07\x08",
    "\u202egnp.exe",
    "\ufeff",
    "🙂" * 40,
    "Ｇｒｏｎｉｎｇｅｎ１２",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%(x)s{0}",
    "{{ 7|add:7 }}",
    "../../etc/passwd",
    "x" * 5000,
]
NASTY_NUMBERS = [
    "-1",
    "0",
    "-0",
    "999999999",
    "2147483648",
    "99999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "1.123456789",
    "12,5",
    "12.50.3",
    "9999999999999.99",
    "-9999999999.99",
    "0x1F",
    "١٢",
]
NASTY_DATES = [
    "2021-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31-12-2021",
    "2021-13-01",
    "2021-01-01T25:61",
    "1900-01-01",
    "2021-1-1",
]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
nasty = st.sampled_from(NASTY_STRINGS + NASTY_NUMBERS + NASTY_DATES)
bad_value = st.one_of(nasty, nasty, text)


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# (file name, content): wrong magic with a good extension, HTML called PDF, empty, good ones.
FILES = [
    ("bon.pdf", b""),
    ("bon.pdf", b"<html><script>alert(1)</script></html>"),
    ("bon.pdf", b"MZ\x90\x00" + b"\x00" * 64),
    ("bon.png", b"GIF89a" + b"\x00" * 16),
    ("bon.docx", b"PK\x03\x04 not a zip"),
    ("bon.docx", _docx()),
    ("bon.exe", PDF_BYTES),
    ("bon", PDF_BYTES),
    ("\x00.pdf", PDF_BYTES),
    ("a" * 300 + ".pdf", PDF_BYTES),
    ("bon.pdf", PDF_BYTES),
    ("bon.png", PNG_BYTES),
    ("oversize.pdf", None),  # content made to the (monkeypatched) limit + 1 byte
]


def upload(name, content, *, limit_mb=1):
    if content is None:
        content = PDF_BYTES + b"0" * (limit_mb * 1024 * 1024)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


files = st.sampled_from(FILES).map(lambda pair: upload(*pair))


def _numeric(value: str) -> bool:
    return value.lstrip("-").isdigit()


def value_for(field, current: list) -> st.SearchStrategy:
    """Bad (and sometimes good) values for one field: a list of strings (or a file)."""
    if field.kind == "file":
        return st.one_of(files.map(lambda f: [f]), st.just([]))
    options = [value for value, _selected in field.options] if field.kind == "select" else []
    good = st.just(current)
    ids = st.sampled_from(["999999999", "99999999999999999999", "-1", "0", "abc", "1\x00"])
    single = st.one_of(bad_value, ids) if (options or _numeric(field.value)) else bad_value
    if options:
        single = st.one_of(st.sampled_from(options), single)
    return st.one_of(
        good,
        single.map(lambda v: [v]),
        st.lists(single, min_size=2, max_size=3),  # duplicated field
        st.just([]),  # missing field
    )


@st.composite
def bad_post(draw, form):
    """A POST body for `form` (dict of name -> list of values / files)."""
    initial = form.initial()
    data = {}
    names = []
    for field in form.fields:
        if field.name not in names and field.kind not in ("submit", "button", "image", "reset"):
            names.append(field.name)
    by_name = {}
    for field in form.fields:
        by_name.setdefault(field.name, field)
    keep_most = draw(st.booleans())
    for name in names:
        field = by_name[name]
        current = initial.get(name, [])
        if name == "csrfmiddlewaretoken" or (keep_most and draw(st.integers(0, 3)) > 0):
            value = current
            if field.kind == "file" and not draw(st.booleans()):
                value = draw(value_for(field, current))
        else:
            value = draw(value_for(field, current))
        if value:
            data[name] = value
    submits = [f for f in form.fields if f.kind == "submit"]
    if submits:
        button = draw(st.sampled_from(submits))
        data.setdefault(button.name, []).append(button.value)
    return data
