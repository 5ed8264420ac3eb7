"""Issue 17 in a real browser: the public meeting calendar and a public meeting's page,
a member reading the agenda with its papers and the advice draft, and the secretariat's
invitation preview; axe-core on every new page, no sideways scrolling at 375px."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from advices.models import Status
from advices.services import advice_save_draft
from steering.models import AgendaItem, Decision, MeetingPaper, PlenaryMeeting
from steering.services.papers import paper_add
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.browser.login import log_in, log_in_verified
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import PlenaryMeetingFactory, draft_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%%EOF\n"


def _no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _meetings():
    by = secretary(email="secretaris@example.org")
    held = PlenaryMeetingFactory(
        title="Brede bijeenkomst juni", public=True, status=PlenaryMeeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=20),
        minutes="De leden bespraken het jaarplan.",
    )  # fmt: skip
    item = AgendaItem.objects.create(meeting=held, position=3, title="Jaarplan 2027")
    for title, audience in (("Jaarplan 2027", "public"), ("Interne notitie", "members")):
        paper_add(
            item=item, title=title, file=SimpleUploadedFile("stuk.pdf", PDF),
            audience=audience, by=by,
        )  # fmt: skip
    Decision.objects.create(
        meeting=held, agenda_item=item, proposal="Het jaarplan 2027 wordt vastgesteld.",
        votes_for=14, votes_against=2, abstentions=1, recorded_by=by,
    )  # fmt: skip
    coming = PlenaryMeetingFactory(title="Brede bijeenkomst najaar", public=True)
    PlenaryMeetingFactory(title="Besloten overleg", public=False)
    trajectory = advance_to(TrajectoryFactory(subject="Armoedebeleid"), Status.DRAFTING)
    advice_save_draft(
        advice=trajectory.advice, by=by, data={"introduction": "Inleiding."},
        recommendations=["Maak regelingen vindbaar."],
    )  # fmt: skip
    draft_item(coming, trajectory)
    return held, coming


def test_public_calendar_member_papers_and_the_invitation_preview(page):
    MemberFactory(email="lid@example.org")
    held, coming = _meetings()
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto("/bijeenkomsten/")
    assert "Brede bijeenkomst najaar" in page.locator("#coming").inner_text()
    assert "Besloten overleg" not in page.content()
    assert_accessible(page)
    _no_sideways_scrolling(page)

    page.goto(f"/bijeenkomsten/{held.pk}/")
    assert "Het jaarplan 2027 wordt vastgesteld." in page.locator("#decisions-list").inner_text()
    assert "Interne notitie" not in page.content()
    assert_accessible(page)
    _no_sideways_scrolling(page)

    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/portaal/bijeenkomsten/{held.pk}/")
    assert "Interne notitie" in page.locator("#agenda").inner_text()
    assert_accessible(page)
    _no_sideways_scrolling(page)
    page.goto(f"/portaal/bijeenkomsten/{coming.pk}/")
    page.locator("#agenda a").first.click()
    assert "Maak regelingen vindbaar." in page.locator("#recommendations").inner_text()
    assert_accessible(page)
    _no_sideways_scrolling(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    log_in_verified(page, "secretaris@example.org")
    page.goto(f"/admin/steering/plenarymeeting/{coming.pk}/uitnodiging/")
    assert page.locator("#preview-body").inner_text()
    assert_accessible(page)
    assert MeetingPaper.objects.count() == 2
