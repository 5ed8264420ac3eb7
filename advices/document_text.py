"""The text of an uploaded document, kept for the site search (issue 19.4).

Read once, when the document is saved through its service (steering.services.papers), and
stored in a column: a search never opens a file.

PDF text comes from pypdf: pure Python (no system library to install on the server),
maintained by the py-pdf project, and its text extraction is all a search needs.
pdfminer.six lays text out more faithfully, which a search does not need, and is slower.
ODT and DOCX are zip archives of XML: their paragraphs are read with the standard library,
the entry's size checked first and never more inflated than MAX_XML_BYTES (a zip bomb),
and an entry with a DTD refused (no entity expansion).

A document whose text cannot be read (a scan, a damaged or encrypted file) simply has no
text: it is still a valid upload, so nothing is refused for it.
"""

import itertools
import logging
import zipfile
from xml.etree import ElementTree

from pypdf import PdfReader

from advices.uploads import DOCX, ODT, PDF

logger = logging.getLogger(__name__)

MAX_PAGES = 300
# Far below PostgreSQL's limit of 1 MB for one tsvector, far above any meeting paper.
MAX_CHARACTERS = 300_000
MAX_XML_BYTES = 20 * 1024 * 1024
# The XML entry with the text, and the elements that hold a paragraph and its text.
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
PARAGRAPHS = {
    DOCX: ("word/document.xml", [f"{WORD}p"]),
    ODT: ("content.xml", [f"{ODF_TEXT}p", f"{ODF_TEXT}h"]),
}


def _pdf_parts(file) -> list[str]:
    reader = PdfReader(file)
    if reader.is_encrypted:
        return []
    parts, length = [], 0
    for page in itertools.islice(reader.pages, MAX_PAGES):
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_CHARACTERS:
            break
    return parts


def _xml_parts(file, content_type: str) -> list[str]:
    entry_name, tags = PARAGRAPHS[content_type]
    with zipfile.ZipFile(file) as archive:
        entry = archive.getinfo(entry_name)
        if entry.file_size > MAX_XML_BYTES:
            return []
        with archive.open(entry) as stream:
            content = stream.read(MAX_XML_BYTES + 1)
    if len(content) > MAX_XML_BYTES or b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        return []
    root = ElementTree.fromstring(content)
    if content_type == DOCX:  # a word may be split over runs: their texts join without a space
        return ["".join(t.text or "" for t in p.iter(f"{WORD}t")) for p in root.iter(tags[0])]
    return ["".join(p.itertext()) for p in root.iter() if p.tag in tags]


def document_text(file, *, content_type: str) -> str:
    """The document's words in reading order, whitespace folded; "" when none can be read."""
    if content_type not in (PDF, DOCX, ODT):
        return ""
    try:
        file.seek(0)
        parts = _pdf_parts(file) if content_type == PDF else _xml_parts(file, content_type)
    # A malformed file can fail in many ways inside pypdf, zipfile or the XML parser; none
    # of them may refuse the upload.
    except Exception as error:
        logger.warning("No text read from %s: %r", getattr(file, "name", "a document"), error)
        return ""
    finally:
        file.seek(0)
    # PostgreSQL's text holds no NUL character.
    return " ".join(" ".join(parts).replace("\x00", " ").split())[:MAX_CHARACTERS]
