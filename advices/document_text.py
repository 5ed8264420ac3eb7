"""The text of an uploaded document, kept for the site search (issue 19.4).

Read once, when the document is saved through its service (steering.services.papers), and
stored in a column: a search never opens a file.

PDF text comes from pypdf: pure Python (no system library to install on the server),
maintained by the py-pdf project, and its text extraction is all a search needs.
pdfminer.six lays text out more faithfully, which a search does not need, and is slower.
ODT and DOCX are not read (yet): their papers are found by their title.

A document whose text cannot be read (a scan, a damaged or encrypted file) simply has no
text: it is still a valid upload, so nothing is refused for it.
"""

import itertools
import logging

from pypdf import PdfReader

from advices.uploads import PDF

logger = logging.getLogger(__name__)

MAX_PAGES = 300
# Far below PostgreSQL's limit of 1 MB for one tsvector, far above any meeting paper.
MAX_CHARACTERS = 300_000


def document_text(file, *, content_type: str) -> str:
    """The document's words in reading order, whitespace folded; "" when none can be read."""
    if content_type != PDF:
        return ""
    try:
        file.seek(0)
        reader = PdfReader(file)
        if reader.is_encrypted:
            return ""
        parts, length = [], 0
        for page in itertools.islice(reader.pages, MAX_PAGES):
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_CHARACTERS:
                break
    # A malformed PDF can fail in many ways inside pypdf; none of them may refuse the upload.
    except Exception as error:
        logger.warning("No text read from %s: %r", getattr(file, "name", "a document"), error)
        return ""
    finally:
        file.seek(0)
    # PostgreSQL's text holds no NUL character.
    return " ".join(" ".join(parts).replace("\x00", " ").split())[:MAX_CHARACTERS]
