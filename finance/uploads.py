"""Receipts of expense claims (M9): PDF, JPEG or PNG only.

The kind is read from the content (magic bytes), never from the browser's content type
or the file name alone; advices.uploads.check_upload also holds the size limit
(settings.ASDG_MAX_UPLOAD_MB) and the extension that must match the content.
"""

from django.utils.translation import gettext as _

from advices.uploads import check_upload

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
MAGIC = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
EXTENSIONS = {PDF: {"pdf"}, JPEG: {"jpg", "jpeg"}, PNG: {"png"}}


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
    return check_upload(
        uploaded_file,
        sniff=_sniff,
        extensions=EXTENSIONS,
        not_accepted=_(
            "Only a PDF, JPEG or PNG file is accepted as a receipt; this file is none of these."
        ),
    )
