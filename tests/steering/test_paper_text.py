"""Issue 19.4: a meeting paper's text is read from its PDF when it is saved through its
service (paper_add, paper_update), so that the site search never opens a file."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.meeting_papers import text_pdf
from steering.models import AgendaItem, MeetingPaper
from steering.services.papers import paper_add, paper_update
from tests.members.factories import secretary
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db


def _item():
    return AgendaItem.objects.create(meeting=PlenaryMeetingFactory(), position=1, title="Jaarplan")


def _pdf(*lines, name="stuk.pdf"):
    return SimpleUploadedFile(name, text_pdf("Jaarplan", list(lines)))


def test_19_4_paper_add_stores_the_text_of_the_pdf():
    paper = paper_add(
        item=_item(), title="Jaarplan", file=_pdf("Een speeltuinbieb in Lewenborg."),
        audience=MeetingPaper.Audience.PUBLIC, by=secretary(),
    )  # fmt: skip
    paper.refresh_from_db()
    assert paper.text == "Jaarplan Een speeltuinbieb in Lewenborg."
    assert paper.search_document  # kept by PostgreSQL from the title and the text


def test_19_4_a_new_file_is_read_again_and_a_title_change_keeps_the_text():
    paper = paper_add(
        item=_item(), title="Jaarplan", file=_pdf("Eerste versie."),
        audience=MeetingPaper.Audience.PUBLIC, by=secretary(),
    )  # fmt: skip
    paper.title = "Jaarplan 2027"
    paper_update(paper=paper, changed=["title"], by=None)
    assert MeetingPaper.objects.get(pk=paper.pk).text == "Jaarplan Eerste versie."
    paper.file = _pdf("Tweede versie.", name="nieuw.pdf")
    paper_update(paper=paper, changed=["file"], by=None)
    assert MeetingPaper.objects.get(pk=paper.pk).text == "Jaarplan Tweede versie."


def test_19_4_a_pdf_without_readable_text_is_still_accepted():
    paper = paper_add(
        item=_item(), title="Scan", file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n"),
        audience=MeetingPaper.Audience.PUBLIC, by=secretary(),
    )  # fmt: skip
    assert MeetingPaper.objects.get(pk=paper.pk).text == ""


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({
    "[Content_Types].xml": "<Types/>",
    "word/document.xml": (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Een speeltuin</w:t></w:r><w:r><w:t>bieb.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Tweede alinea.</w:t></w:r></w:p></w:body></w:document>"
    ),
})  # fmt: skip
ODT = _zip({
    "mimetype": "application/vnd.oasis.opendocument.text",
    "content.xml": (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:h>Jaarplan</text:h>"
        "<text:p>Een <text:span>wijkbudget</text:span> voor Selwerd.</text:p>"
        "</office:text></office:body></office:document-content>"
    ),
})  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("stuk.docx", DOCX, "Een speeltuinbieb. Tweede alinea."),
        ("stuk.odt", ODT, "Jaarplan Een wijkbudget voor Selwerd."),
    ],
)
def test_19_4_the_text_of_a_docx_or_odt_paper_is_read_too(name, content, text):
    paper = paper_add(
        item=_item(), title="Stuk", file=SimpleUploadedFile(name, content),
        audience=MeetingPaper.Audience.PUBLIC, by=secretary(),
    )  # fmt: skip
    assert MeetingPaper.objects.get(pk=paper.pk).text == text


def test_19_4_an_xml_entry_with_entities_is_not_expanded():
    bomb = _zip({
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": (
            '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&a;&a;</w:t></w:r></w:p></w:body></w:document>"
        ),
    })  # fmt: skip
    paper = paper_add(
        item=_item(), title="Stuk", file=SimpleUploadedFile("stuk.docx", bomb),
        audience=MeetingPaper.Audience.PUBLIC, by=secretary(),
    )  # fmt: skip
    assert MeetingPaper.objects.get(pk=paper.pk).text == ""
