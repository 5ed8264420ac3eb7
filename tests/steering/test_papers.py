"""Issue 17.1: papers (vergaderstukken) per agenda item, the advice draft as a paper, and
who may read them. A member-only paper is 404 to the public and to a former member."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from advices.models import Status
from advices.services import advice_save_draft
from steering.models import AgendaItem, MeetingPaper
from steering.services.papers import paper_add
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.harness import assert_queries_flat, login_verified
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def pdf(name="agenda.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _item(*, public=False, **meeting):
    meeting = PlenaryMeetingFactory(public=public, **meeting)
    return AgendaItem.objects.create(meeting=meeting, position=3, title="Jaarplan 2027")


def _paper(item, audience=MeetingPaper.Audience.MEMBERS, title="Jaarplan (concept)"):
    return paper_add(item=item, title=title, file=pdf(), audience=audience, by=secretary())


def _former_member():
    return MemberFactory(
        start_date=datetime.date(2021, 1, 1), ended_on=datetime.date(2022, 1, 1),
        end_reason="resigned",
    )  # fmt: skip


def test_a_paper_is_a_checked_document():
    item = _item()
    paper = _paper(item)
    assert paper.content_type == "application/pdf" and paper.size == len(PDF)
    with pytest.raises(ValidationError) as refused:
        paper_add(
            item=item, title="Notulen", file=pdf("notulen.pdf", b"just some text"),
            audience=MeetingPaper.Audience.MEMBERS, by=None,
        )  # fmt: skip
    assert "file" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        paper_add(item=item, title="Notulen", file=pdf("notulen.docx"), audience="members", by=None)
    assert "file" in refused.value.message_dict
    assert MeetingPaper.objects.count() == 1


def test_member_only_paper_is_404_to_the_public_and_to_a_former_member(client):
    paper = _paper(_item(public=True))
    url = reverse("steering_public:paper", args=[paper.pk])
    assert client.get(url).status_code == 404
    login_verified(client, _former_member().user)
    assert client.get(url).status_code == 404
    login_verified(client, MemberFactory().user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    login_verified(client, secretary())
    assert client.get(url).status_code == 200


def test_public_paper_is_public_once_the_meeting_is_published(client):
    item = _item(public=False)
    paper = _paper(item, audience=MeetingPaper.Audience.PUBLIC)
    url = reverse("steering_public:paper", args=[paper.pk])
    assert client.get(url).status_code == 404  # the meeting is not published
    item.meeting.public = True
    item.meeting.save(update_fields=["public"])
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_members_see_the_agenda_with_its_papers_and_the_advice_draft(client):
    item = _item()
    member_paper = _paper(item)
    public_paper = _paper(item, audience=MeetingPaper.Audience.PUBLIC, title="Persbericht")
    trajectory = advance_to(TrajectoryFactory(subject="Armoedebeleid"), Status.DRAFTING)
    advice_save_draft(
        advice=trajectory.advice,
        by=secretary(),
        data={"introduction": "Inleiding van het advies."},
        recommendations=["Maak regelingen vindbaar."],
    )
    draft_item = AgendaItem.objects.create(
        meeting=item.meeting, position=4, title="Vaststellen advies armoede", trajectory=trajectory
    )
    login_verified(client, MemberFactory().user)
    with translation.override("en"):
        page = client.get(reverse("steering_meeting:detail", args=[item.meeting.pk]))
    text = page.content.decode()
    assert member_paper.title in text and public_paper.title in text
    draft_url = reverse("steering_meeting:draft", args=[item.meeting.pk, draft_item.pk])
    assert draft_url in text and "(version 2)" in text
    draft = client.get("/en" + draft_url)
    assert draft.status_code == 200
    assert "Inleiding van het advies." in draft.content.decode()
    assert "Maak regelingen vindbaar." in draft.content.decode()
    assert "Version 2, read-only" in draft.content.decode()
    # The draft is not public (A4), not even for a former member.
    login_verified(client, _former_member().user)
    assert client.get(draft_url).status_code == 404
    client.logout()
    assert client.get(draft_url).status_code == 302  # to the login page


def test_the_agenda_does_not_repeat_an_item_kind_that_its_title_says():
    item = AgendaItem(title="Minutes of the previous meeting", kind=AgendaItem.Kind.MINUTES)
    with translation.override("en"):
        assert not item.kind_differs_from_title
        item.title = "Verslag 12 maart"
        assert item.kind_differs_from_title


def test_secretariat_attaches_papers_in_the_admin_with_the_upload_checks(secretariat_client):
    item = _item()
    url = reverse("admin:steering_agendaitem_change", args=[item.pk])
    assert secretariat_client.get(url).status_code == 200
    data = {
        "papers-TOTAL_FORMS": "1", "papers-INITIAL_FORMS": "0",
        "papers-MIN_NUM_FORMS": "0", "papers-MAX_NUM_FORMS": "1000",
        "papers-0-title": "Begroting 2027", "papers-0-audience": "public",
        "papers-0-file": pdf("begroting.pdf", b"PK\x03\x04 not a document"),
    }  # fmt: skip
    refused = secretariat_client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["inline_admin_formsets"][0].formset.errors[0]["file"]
    assert not MeetingPaper.objects.exists()
    data["papers-0-file"] = pdf("begroting.pdf")
    saved = secretariat_client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    paper = MeetingPaper.objects.get()
    assert paper.content_type == "application/pdf" and paper.uploaded_by is not None
    # The current file links to the checked view, never to /media/.
    page = secretariat_client.get(url).content.decode()
    assert reverse("steering_public:paper", args=[paper.pk]) in page
    assert "/media/" not in page
    meeting_page = secretariat_client.get(
        reverse("admin:steering_plenarymeeting_change", args=[item.meeting.pk])
    )
    assert url in meeting_page.content.decode()


def test_portal_meeting_page_queries_do_not_grow_with_papers(client):
    item = _item()
    login_verified(client, MemberFactory().user)
    meeting = item.meeting

    def grow(n):
        for index in range(n):
            extra = AgendaItem.objects.create(
                meeting=meeting, position=10 + index, title=f"Punt {index}"
            )
            _paper(extra)
            _paper(item)

    meeting.starts_at = timezone.now() + datetime.timedelta(days=5)
    assert_queries_flat(
        lambda: client.get(reverse("steering_meeting:detail", args=[meeting.pk])), grow
    )
