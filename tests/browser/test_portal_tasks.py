"""Issue 16 acceptance, per role of the demo: log in, see the open tasks on the first
screen, do them from there (vote, declaration, RSVP, comment), see them leave the list;
axe finds nothing on the portal home, my data and my calendar."""

import pytest
from playwright.sync_api import expect

from members.models import Member
from steering.models import Invitation
from tests.browser.test_portal_phone import demo_log_in
from tests.harness import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_committed):
    """The demo, seeded once per worker and loaded again for each test (tests/conftest.py)."""


def tasks(page):
    return page.locator("#te-doen [data-task]")


def task(page, prefix):
    return page.locator(f"#te-doen [data-task^='{prefix}']").first


def on_first_screen(page, locator):
    box = locator.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"], "below the first screen"


def back_to_portal(page):
    page.goto("/portaal/")
    expect(page.locator("#te-doen")).to_be_visible()


def test_member_votes_declares_and_answers_from_her_tasks(page, demo):
    demo_log_in(page, "lid@example.org")
    for prefix in ("vote-", "declaration", "rsvp-"):
        expect(task(page, prefix)).to_be_visible()
    on_first_screen(page, task(page, "vote-"))
    before = tasks(page).count()
    assert_accessible(page)

    # Vote: the task's button leads to the ballot.
    task(page, "vote-").get_by_role("link").click()
    page.locator("#vote-form input[type=checkbox]").first.check()
    with page.expect_navigation():
        page.locator("#vote-form button[type=submit]").click()
    expect(page.locator("#has-voted")).to_be_visible()
    back_to_portal(page)
    expect(task(page, "vote-")).to_have_count(0)

    # The yearly declaration.
    task(page, "declaration").get_by_role("link").click()
    for radio in page.get_by_label("Nee", exact=True).all():
        radio.check()
    with page.expect_navigation():  # the POST is answered before we leave the page
        page.get_by_role("button", name="Verklaring versturen").click()
    back_to_portal(page)
    expect(task(page, "declaration")).to_have_count(0)

    # Answer an invitation.
    rsvp = task(page, "rsvp-")
    meeting_pk = int(rsvp.get_attribute("data-task").removeprefix("rsvp-"))
    rsvp.get_by_role("link").click()
    page.locator(f"#rsvp-{meeting_pk} input[value=yes]").check()
    page.locator(f"#rsvp-{meeting_pk}").get_by_role("button").click()
    page.wait_for_url(f"**/portaal/bijeenkomsten/{meeting_pk}/")
    member = Member.objects.get(user__email="lid@example.org")
    assert Invitation.objects.get(meeting_id=meeting_pk, member=member).response == "yes"
    back_to_portal(page)
    expect(page.locator(f"#te-doen [data-task=rsvp-{meeting_pk}]")).to_have_count(0)
    assert tasks(page).count() == before - 3
    expect(page.locator(".menu-todo:visible")).to_contain_text(f"({before - 3})")
    assert_accessible(page)


def test_steering_member_comments_on_the_draft_from_her_tasks(page, demo):
    demo_log_in(page, "stuurgroep@example.org")
    draft = task(page, "draft-")
    expect(draft).to_be_visible()
    on_first_screen(page, draft)
    expect(task(page, "dashboard-")).to_be_visible()  # and the dashboard's items
    assert_accessible(page)
    key = draft.get_attribute("data-task")
    draft.get_by_role("link").click()
    page.locator("#introduction textarea").fill("Graag een zin over de wachtlijsten.")
    with page.expect_navigation():  # the POST is answered before we leave the page
        page.locator("#introduction").get_by_role("button").click()
    back_to_portal(page)
    expect(page.locator(f"#te-doen [data-task={key}]")).to_have_count(0)


def test_secretariat_sees_what_needs_attention_first(page, demo):
    demo_log_in(page, "secretaris@example.org")
    item = task(page, "dashboard-applications_awaiting_decision")
    expect(item).to_be_visible()
    on_first_screen(page, tasks(page).first)
    assert_accessible(page)
    item.get_by_role("link").click()
    page.wait_for_url("**/admin/members/application/**")  # the secretariat: the admin


def test_my_data_and_my_calendar_pages_have_no_axe_violations(page, demo):
    demo_log_in(page, "lid@example.org")
    page.goto("/portaal/lidmaatschap/mijn-gegevens/")
    expect(page.locator("a[href$='/mijn-gegevens/pdf/']")).to_have_count(1)
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/portaal/bijeenkomsten/agenda/")
    with page.expect_navigation():  # to the page with the address, its script loaded
        page.get_by_role("button", name="Mijn agenda-adres maken").click()
    field = page.locator("#feed-url")
    field.focus()
    # The small script selects the address on focus; wait for it (it runs after the event).
    # (expect, not wait_for_function: a polled string predicate is an eval, which the
    # page's CSP refuses.)
    expect(field).to_be_focused()
    expect(field).to_have_js_property("selectionStart", 0)
    expect(field).to_have_js_property("selectionEnd", len(field.input_value()))
    assert page.locator("#feed-webcal").get_attribute("href").startswith("webcal://")
    assert_accessible(page)
