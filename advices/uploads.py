"""Documents of advices (attachments, the college's response): PDF, ODT or DOCX only.

The kind is read from the content, never from the browser's content type; the file
name's extension must match that content, and the size stays within
settings.ASDG_MAX_UPLOAD_MB.
"""

import zipfile
import zlib
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: {"pdf"}, ODT: {"odt"}, DOCX: {"docx"}}


# ODF's mimetype entry is the bare type, stored uncompressed; nothing longer is read.
MIMETYPE_LIMIT = 128


def _small_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes | None:
    """The entry's bytes if it is small, else None; never unpacks more than the limit.

    A 1 MB upload may hold an entry that inflates to gigabytes (a zip bomb), and the
    sizes in its header are the sender's word: the declared size is checked first, then
    at most MIMETYPE_LIMIT + 1 bytes are inflated, whatever the header said.
    """
    if entry.file_size > MIMETYPE_LIMIT:
        return None
    with archive.open(entry) as stream:
        content = stream.read(MIMETYPE_LIMIT + 1)
    return content if len(content) <= MIMETYPE_LIMIT else None


def _sniff(uploaded_file) -> str | None:
    """The content type the bytes prove, or None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(5)
    uploaded_file.seek(0)
    if head == b"%PDF-":
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                return ODT if _small_entry(archive, entries[0]) == ODT.encode() else None
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
    # Also an unknown compression method (NotImplementedError), a password (RuntimeError).
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error,
            NotImplementedError, RuntimeError):  # fmt: skip
        return None
    finally:
        uploaded_file.seek(0)
    return None


def check_upload(
    uploaded_file,
    *,
    sniff: Callable[[object], str | None],
    extensions: dict[str, set[str]],
    not_accepted: str,
) -> str:
    """The content type the file's bytes prove, within the size limit and with a matching
    extension; else a ValidationError in plain Dutch. Shared by every upload of the site.
    """
    limit = settings.ASDG_MAX_UPLOAD_MB
    if uploaded_file.size > limit * 1024 * 1024:
        raise ValidationError(
            _("This file is too large: at most %(limit)s MB is allowed.") % {"limit": limit},
            code="too_large",
        )
    content_type = sniff(uploaded_file)
    if content_type is None:
        raise ValidationError(not_accepted, code="kind")
    name = (uploaded_file.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in extensions[content_type]:
        raise ValidationError(
            _("The file name does not match its content: this is a %(kind)s file.")
            % {"kind": max(extensions[content_type], key=len).upper()},
            code="extension",
        )
    return content_type


def validate_document(uploaded_file) -> str:
    """Return the document's content type, or raise a ValidationError in plain Dutch."""
    return check_upload(
        uploaded_file,
        sniff=_sniff,
        extensions=EXTENSIONS,
        not_accepted=_("Only PDF, ODT or DOCX documents are accepted; this file is none of these."),
    )
