"""Votes in the room (issue 17.5) in a real browser: the chair's page, a member's ballot at
375px (with and without JavaScript) and the projector's live count; axe-core on each,
no sideways scrolling on a phone."""

import re

import pytest
from playwright.sync_api import expect

from steering.models import RoomVote, RoomVoteRoll
from steering.services.votes import vote_cast, vote_open
from tests.browser.login import log_in, log_in_verified
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, secretary, steering_member
from tests.steering.factories import item_of, meeting_in_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


def _no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_chair_opens_a_secret_vote_members_vote_on_the_phone_projector_counts(
    page, browser, live_server
):
    members = [MemberFactory(email=f"lid{n}@example.org") for n in range(3)]
    meeting = meeting_in_session(title="Brede bijeenkomst december")
    item = item_of(meeting, title="Jaarplan 2027")
    steering_member(email="voorzitter@example.org")

    log_in_verified(page, "voorzitter@example.org")
    page.goto(f"/portaal/bijeenkomsten/{meeting.pk}/voorzitter/")
    assert_accessible(page)
    for member in members[:2]:
        page.locator(f"#presence-form input[value='{member.pk}']").check()
    page.locator(f"#presence-form input[value='{members[2].pk}']").uncheck()
    page.locator("#presence-form button[type=submit]").click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    page.locator("#open-form select[name=agenda_item]").select_option(str(item.pk))
    page.locator("#open-form textarea[name=proposal]").fill("Het jaarplan 2027 wordt vastgesteld.")
    page.locator("#open-form input[name=secret]").check()
    page.locator("#open-form button[type=submit]").click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    vote = RoomVote.objects.get()
    assert vote.secret
    assert_accessible(page)

    # The projector: the number cast, no counts while a secret vote is open; it follows
    # the votes without a reload (live-count.js).
    projector = page.context.new_page()
    projector.goto(f"/portaal/bijeenkomsten/{meeting.pk}/scherm/")
    expect(projector.locator("#turnout")).to_have_text(re.compile(r"^\s*0 "))
    assert projector.locator("#counts").count() == 0
    assert_accessible(projector)

    # A member on the phone.
    phone = browser.new_context(base_url=live_server.url, locale="nl-NL")
    mobile = phone.new_page()
    mobile.set_viewport_size(PHONE)
    log_in(mobile, "lid0@example.org")
    mobile.goto(f"/portaal/bijeenkomsten/{meeting.pk}/stemmen/")
    assert_accessible(mobile)
    _no_sideways_scrolling(mobile)
    mobile.locator("#ballot-form button[type=submit]").click()  # no choice: an error
    expect(mobile.locator("#choice-error")).to_be_visible()
    assert_accessible(mobile)
    mobile.locator("#ballot-form input[value=for]").check()
    mobile.locator("#ballot-form button[type=submit]").click()
    expect(mobile.locator("#has-voted")).to_be_visible()
    assert RoomVoteRoll.objects.filter(member=members[0]).exists()
    _no_sideways_scrolling(mobile)
    # An absent member is told so.
    mobile.context.clear_cookies()
    log_in(mobile, "lid2@example.org")
    mobile.goto(f"/portaal/bijeenkomsten/{meeting.pk}/stemmen/")
    expect(mobile.locator("#not-present")).to_be_visible()
    assert_accessible(mobile)
    phone.close()

    expect(projector.locator("#turnout")).to_have_text(re.compile(r"^\s*1 "), timeout=10_000)
    vote_cast(vote=vote, member=members[1], choice="against")
    expect(projector.locator("#turnout")).to_have_text(re.compile(r"^\s*2 "), timeout=10_000)

    page.set_viewport_size(PHONE)  # the chair may hold a phone too
    _no_sideways_scrolling(page)
    page.locator("#close-form button[type=submit]").click()
    page.wait_for_url(f"**/{meeting.pk}/voorzitter/")
    assert_accessible(page)
    _no_sideways_scrolling(page)
    expect(projector.locator("#outcome")).to_be_visible(timeout=10_000)
    expect(projector.locator("#count-for")).to_have_text("1")
    expect(projector.locator("#count-against")).to_have_text("1")
    projector.set_viewport_size(PHONE)
    _no_sideways_scrolling(projector)
    assert_accessible(projector)


def test_a_member_votes_without_javascript(browser, live_server):
    members = MemberFactory.create_batch(2)
    meeting = meeting_in_session(present=members)
    vote_open(item=item_of(meeting), proposal="Akkoord?", secret=False, by=secretary())
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE, locale="nl-NL"
    )
    page = context.new_page()
    log_in(page, members[0].email)
    page.goto(f"/portaal/bijeenkomsten/{meeting.pk}/stemmen/")
    page.locator("#ballot-form input[value=abstain]").check()
    page.locator("#ballot-form button[type=submit]").click()
    expect(page.locator("#has-voted")).to_be_visible()
    assert RoomVoteRoll.objects.get(member=members[0]).choice == "abstain"
    page.goto(f"/portaal/bijeenkomsten/{meeting.pk}/scherm/")
    expect(page.locator("#count-abstain")).to_have_text("1")
    context.close()
