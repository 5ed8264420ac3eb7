"""Issue 17's acceptance in a real browser: a whole plenary meeting.

1. the secretariat plans it, adds items and papers, previews and sends the invitation;
2. lid@ answers and reads a paper;
3. the meeting is held, and the chair opens a vote;
4. three members vote on their phones (375px) and the projector page shows the count;
5. the decision adopts an advice;
6. the public calendar shows the decisions list.

The meeting is planned for later today: the invitation is answered before it starts, and
votes in the room are held on its day.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advices.models import Advice, Status
from advices.services import advice_save_draft
from steering.models import Decision, Invitation, MeetingPaper, PlenaryMeeting, RoomVote
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.browser.login import log_in, log_in_to_admin, log_in_verified
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, secretary, steering_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
PDF = b"%PDF-1.4\n%%EOF\n"
PROPOSAL = "De ASDG stelt het advies over armoedebeleid vast."


def _no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _drafting_advice():
    trajectory = advance_to(TrajectoryFactory(subject="Armoedebeleid"), Status.DRAFTING)
    advice_save_draft(
        advice=trajectory.advice, by=secretary(), data={"introduction": "Inleiding."},
        recommendations=["Maak regelingen vindbaar."],
    )  # fmt: skip
    # The project group hands the draft over (S5: only a ready draft is adopted).
    Advice.objects.filter(trajectory=trajectory).update(ready_for_plenary=True)
    return trajectory


def _plan_in_the_admin(page, starts):
    page.goto("/admin/steering/plenarymeeting/add/")
    page.locator("input[name=title]").fill("Brede bijeenkomst december")
    page.locator("input[name=starts_at]").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    ends = starts + datetime.timedelta(hours=2)
    page.locator("input[name=ends_at]").fill(ends.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=location]").fill("Stadhuis, Grote Markt 1")
    page.locator("input[name=public]").check()
    page.locator("input[name=_continue]").click()
    page.wait_for_url(re.compile(r".*/plenarymeeting/\d+/change/.*"))
    return PlenaryMeeting.objects.get(title="Brede bijeenkomst december")


def _add_item_with_the_draft(page, meeting, trajectory):
    page.locator("#agenda-group .add-row a").click()
    page.locator("input[name=agenda-2-position]").fill("3")
    page.locator("select[name=agenda-2-kind]").select_option("decision")
    page.locator("input[name=agenda-2-title]").fill("Vaststellen advies armoedebeleid")
    page.locator("select[name=agenda-2-trajectory]").select_option(str(trajectory.pk))
    page.locator("input[name=_continue]").click()
    page.wait_for_url(f"**/plenarymeeting/{meeting.pk}/change/")
    return meeting.agenda.get(position=3)


def _add_paper(page, item, tmp_path):
    paper = tmp_path / "toelichting.pdf"
    paper.write_bytes(PDF)
    page.goto(f"/admin/steering/agendaitem/{item.pk}/change/")
    page.locator("input[name=papers-0-title]").fill("Toelichting armoedebeleid")
    page.locator("input[name=papers-0-file]").set_input_files(str(paper))
    page.locator("select[name=papers-0-audience]").select_option("public")
    page.locator("input[name=_continue]").click()
    page.wait_for_url(f"**/agendaitem/{item.pk}/change/")
    return MeetingPaper.objects.get(item=item)


def _vote_on_the_phone(browser, live_server, email, meeting, choice):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    phone = context.new_page()
    log_in(phone, email)
    phone.goto(f"/portaal/bijeenkomsten/{meeting.pk}/")
    phone.locator("#vote-open-notice a").click()
    phone.wait_for_url(f"**/{meeting.pk}/stemmen/")
    _no_sideways_scrolling(phone)
    phone.locator(f"#ballot-form input[value={choice}]").check()
    phone.locator("#ballot-form button[type=submit]").click()
    expect(phone.locator("#has-voted")).to_be_visible()
    _no_sideways_scrolling(phone)
    assert_accessible(phone)
    context.close()


def test_a_whole_plenary_meeting(page, browser, live_server, tmp_path):
    starts = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(minutes=30)
    if starts.date() != timezone.localdate():
        pytest.skip("the meeting would start tomorrow: votes are held on the meeting's day")
    voters = [
        MemberFactory(email="lid@example.org", first_name="Fatima", last_name="El Amrani"),
        MemberFactory(email="lid2@example.org"),
        MemberFactory(email="lid3@example.org"),
    ]
    MemberFactory(email="afwezig@example.org")
    trajectory = _drafting_advice()
    secretary(email="secretaris@example.org")
    steering_member(email="voorzitter@example.org")

    # 1. The secretariat plans it, adds an item and a paper, previews and sends.
    log_in_to_admin(page, "secretaris@example.org")
    meeting = _plan_in_the_admin(page, starts)
    assert not meeting.invitations.exists()  # planning sends nothing
    item = _add_item_with_the_draft(page, meeting, trajectory)
    paper = _add_paper(page, item, tmp_path)
    page.goto(f"/admin/steering/plenarymeeting/{meeting.pk}/uitnodiging/")
    assert "Vaststellen advies armoedebeleid" in page.locator("#preview-body").inner_text()
    page.locator("input[name=send]").click()
    page.wait_for_url(f"**/plenarymeeting/{meeting.pk}/change/")
    assert meeting.invitations.filter(member__in=voters).count() == 3

    # 2. lid@ answers and reads a paper.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, "lid@example.org")
    page.goto(f"/portaal/bijeenkomsten/{meeting.pk}/")
    page.locator(f"#rsvp-{meeting.pk} input[value=yes]").check()
    page.locator(f"#rsvp-{meeting.pk}").get_by_role("button").click()
    page.wait_for_url(f"**/portaal/bijeenkomsten/{meeting.pk}/")
    assert Invitation.objects.get(meeting=meeting, member=voters[0]).response == "yes"
    with page.expect_download() as download:
        page.locator(f"#agenda a[href$='/{paper.pk}/']").click()
    assert download.value.suggested_filename == "Toelichting armoedebeleid.pdf"
    page.locator(f"#agenda-item-{item.pk} a").first.click()  # the draft advice
    assert "Maak regelingen vindbaar." in page.locator("#recommendations").inner_text()
    _no_sideways_scrolling(page)

    # 3. The meeting is held: the chair marks who is present and opens a vote.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_verified(page, "voorzitter@example.org")
    page.goto(f"/portaal/bijeenkomsten/{meeting.pk}/")
    page.locator("#chair-links a").first.click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    for voter in voters:
        page.locator(f"#presence-form input[value='{voter.pk}']").check()
    page.locator("#presence-form button[type=submit]").click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    page.locator("#open-form select[name=agenda_item]").select_option(str(item.pk))
    page.locator("#open-form textarea[name=proposal]").fill(PROPOSAL)
    page.locator("#open-form input[name=adopts_advice]").check()
    page.locator("#open-form button[type=submit]").click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    assert RoomVote.objects.get().trajectory == trajectory
    projector = page.context.new_page()
    projector.goto(f"/portaal/bijeenkomsten/{meeting.pk}/scherm/")
    assert PROPOSAL in projector.locator("#proposal").inner_text()

    # 4. Three members vote on their phones; the projector follows the count.
    for voter, choice in zip(voters, ["for", "for", "against"], strict=True):
        _vote_on_the_phone(browser, live_server, voter.email, meeting, choice)
    expect(projector.locator("#count-for")).to_have_text("2", timeout=10_000)
    expect(projector.locator("#count-against")).to_have_text("1")
    expect(projector.locator("#turnout")).to_have_text(re.compile(r"^\s*3 "))

    # 5. The chair closes the vote: the decision adopts the advice.
    page.locator("#close-form button[type=submit]").click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    decision = Decision.objects.get()
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (2, 1, 0)
    assert decision.agenda_item == item and decision.trajectory == trajectory
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED
    expect(projector.locator("#outcome")).to_be_visible(timeout=10_000)

    # 6. The public calendar shows the decisions list.
    page.context.clear_cookies()
    page.goto("/bijeenkomsten/")
    page.get_by_role("link", name="Brede bijeenkomst december").first.click()
    page.wait_for_url(f"**/bijeenkomsten/{meeting.pk}/")
    assert PROPOSAL in page.locator("#decisions-list").inner_text()
    assert_accessible(page)
