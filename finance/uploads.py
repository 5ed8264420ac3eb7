"""Receipts of expense claims (M9): PDF, JPEG or PNG only.

As advices.uploads does for documents: the kind is read from the content (magic bytes),
never from the browser's content type or the file name alone; the name's extension must
match that content, and the size stays within settings.ASDG_MAX_UPLOAD_MB.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
MAGIC = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
EXTENSIONS = {PDF: {"pdf"}, JPEG: {"jpg", "jpeg"}, PNG: {"png"}}
KIND_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}


def _sniff(uploaded_file) -> str | None:
    """The content type the first bytes prove, or None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def validate_receipt(uploaded_file) -> str:
    """Return the receipt's content type, or raise a ValidationError in plain Dutch."""
    limit = settings.ASDG_MAX_UPLOAD_MB
    if uploaded_file.size > limit * 1024 * 1024:
        raise ValidationError(
            _("This file is too large: at most %(limit)s MB is allowed.") % {"limit": limit},
            code="too_large",
        )
    content_type = _sniff(uploaded_file)
    if content_type is None:
        raise ValidationError(
            _("Only a PDF, JPEG or PNG file is accepted as a receipt; this file is none of these."),
            code="kind",
        )
    name = (uploaded_file.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("The file name does not match its content: this is a %(kind)s file.")
            % {"kind": KIND_NAMES[content_type]},
            code="extension",
        )
    return content_type
