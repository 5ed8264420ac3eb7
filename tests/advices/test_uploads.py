"""Attachments and response documents: PDF, ODT or DOCX only, checked by content."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from advices.models import Attachment
from advices.uploads import DOCX, ODT, PDF, validate_document
from tests.advices.factories import TrajectoryFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def odt_bytes(mimetype: bytes = ODT.encode()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    return buffer.getvalue()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [("advies.pdf", PDF_BYTES, PDF), ("advies.docx", docx_bytes(), DOCX)]
    + [("advies.odt", odt_bytes(), ODT), ("ADVIES.PDF", PDF_BYTES, PDF)],
)
def test_real_documents_are_accepted(name, content, expected):
    assert validate_document(upload(name, content)) == expected


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100, b"\x7fELF\x02\x01\x01" + b"\x00" * 100],
    ids=["windows-exe", "elf"],
)
def test_renamed_executable_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("advies.pdf", content, content_type="application/pdf"))
    assert "PDF, ODT of DOCX" in " ".join(refused.value.messages)


def test_other_zip_or_other_odf_kind_is_refused():
    spreadsheet = odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet")
    for name, content in [("advies.odt", spreadsheet), ("advies.docx", odt_bytes()[:30])]:
        with pytest.raises(ValidationError):
            validate_document(upload(name, content))


def test_extension_must_match_the_content():
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("advies.docx", PDF_BYTES))
    assert "PDF" in " ".join(refused.value.messages)


def test_oversize_file_is_refused_naming_the_limit(settings):
    settings.ASDG_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("advies.pdf", PDF_BYTES + b"0" * (1024 * 1024)))
    assert refused.value.messages == ["Dit bestand is te groot: maximaal 1 MB is toegestaan."]


@pytest.mark.django_db
def test_admin_refuses_a_renamed_executable_and_saves_nothing(secretariat_client, settings):
    trajectory = TrajectoryFactory()
    url = f"/admin/advices/trajectory/{trajectory.pk}/change/"
    page = secretariat_client.get(url)
    data = _change_form_data(page.context["adminform"].form, trajectory)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-title": "Bijlage",
            "attachments-0-public": "on",
            "attachments-0-file": upload("bijlage.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert "PDF, ODT of DOCX" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not list(settings.MEDIA_ROOT.glob("**/*.*"))

    data["attachments-0-file"] = upload("bijlage.pdf", PDF_BYTES)
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.size) == (PDF, len(PDF_BYTES))
    assert attachment.uploaded_by == secretariat_client.user


def _change_form_data(form, trajectory):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "themes":
            data[name] = [t.pk for t in value or []]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(
        {
            "events-TOTAL_FORMS": str(trajectory.events.count()),
            "events-INITIAL_FORMS": str(trajectory.events.count()),
            "monitoring_notes-TOTAL_FORMS": "0",
            "monitoring_notes-INITIAL_FORMS": "0",
        }
    )
    return data


def _zip_bomb(megabytes: int, *, lie_about_size: bool = False) -> bytes:
    """An ODT-looking zip whose mimetype entry inflates to `megabytes` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w") as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _megabyte in range(megabytes):
                entry.write(chunk)
        archive.writestr("content.xml", "<office:document-content/>")
    data = buffer.getvalue()
    if lie_about_size:
        # Both headers claim 47 bytes (the ODT type's length); the data is still huge.
        size = (megabytes * 1024 * 1024).to_bytes(4, "little")
        data = data.replace(size, (47).to_bytes(4, "little"))
    return data


@pytest.mark.parametrize("lie_about_size", [False, True])
def test_a_zip_bomb_is_refused_without_unpacking_it(lie_about_size):
    # Issue 15.12: the whole mimetype entry was inflated; a 1 MB upload took 2 GB.
    import tracemalloc

    content = _zip_bomb(64, lie_about_size=lie_about_size)
    assert len(content) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            validate_document(upload("advies.odt", content))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "kind"
    used = f"{peak / 1024 / 1024:.0f} MB used to check a {len(content)} B file"
    assert peak < 8 * 1024 * 1024, used


def test_an_encrypted_or_unknown_compression_entry_is_refused_not_a_500():
    content = bytearray(odt_bytes())
    # The mimetype entry's compression method (local header offset 8, central one at 10).
    content[8:10] = (99).to_bytes(2, "little")
    central = content.rfind(b"PK\x01\x02", 0, content.rfind(b"PK\x01\x02"))
    content[central + 10 : central + 12] = (99).to_bytes(2, "little")
    with pytest.raises(ValidationError):
        validate_document(upload("advies.odt", bytes(content)))
