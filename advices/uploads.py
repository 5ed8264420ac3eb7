"""Documents of advices (attachments, the college's response): PDF, ODT or DOCX only.

The kind is read from the content, never from the browser's content type; the file
name's extension must match that content, and the size stays within
settings.ASDG_MAX_UPLOAD_MB.
"""

import zipfile
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: {"pdf"}, ODT: {"odt"}, DOCX: {"docx"}}


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
                if archive.read(entries[0]) == ODT.encode():
                    return ODT
                return None
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
    except (zipfile.BadZipFile, OSError, EOFError):
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
