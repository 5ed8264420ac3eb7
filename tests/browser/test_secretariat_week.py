"""Issue 18's acceptance in the browser: the secretariat's week, all in the admin, on the demo.

1. decide two applications (one ineligible: declined with the reason);
2. approve an expense claim;
3. take the demo trajectory that is in drafting through ready → adopted (the plenary
   decision) → sent → the college's response → published, and see it on /adviezen/;
4. count the clicks and page loads: point 3 takes at most 12 page loads (9 here: the 8 of
   the steps and the list, and one for a letter refused on its field).

Axe finds nothing on each admin page of these flows. Elements are found by their names and
ids, not their words, so that the test reads the same before and after a translation.
"""

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from advices.models import Status, Trajectory
from finance.models import ExpenseClaim
from members.models import Application
from steering.models import Decision
from tests.browser.login import log_in_to_admin
from tests.finance.factories import PDF_BYTES
from tests.harness import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRETARY = "secretaris@example.org"
MAX_TRAJECTORY_LOADS = 12


@pytest.fixture
def demo(demo_committed):
    """seed_demo's world, committed for the live server (tests/conftest.py)."""


@dataclass
class Counted:
    """Page loads of the main frame and the secretary's clicks, per part of the week."""

    page: object
    loads: int = 0
    clicks: int = 0
    parts: dict = field(default_factory=dict)

    def __post_init__(self):
        self.page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def check(self, locator):
        self.clicks += 1
        locator.check()

    def submit(self, locator):
        """Click a submit button and wait until the answer to the POST has loaded."""
        self.clicks += 1
        with self.page.expect_navigation():
            locator.click()

    def part(self, name: str):
        self.parts[name] = (self.loads, self.clicks)
        self.loads = self.clicks = 0


def decide_application(week, application, decision, reason):
    page = week.page
    page.goto(f"/admin/members/application/{application.pk}/change/")
    assert_accessible(page)
    week.check(page.locator(f"input[name=decision][value={decision}]"))
    page.locator("textarea[name=reason]").fill(reason)
    week.submit(page.locator("section[aria-labelledby=decision-heading] [type=submit]"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert_accessible(page)


def take_step(week, step):
    page = week.page
    assert page.locator("#flow-step-form input[name=step]").input_value() == step
    week.submit(page.locator("#flow-step-form [type=submit]"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert_accessible(page)


def test_the_secretariats_week_in_the_admin(page, demo):
    week = Counted(page)
    log_in_to_admin(page, SECRETARY)
    assert_accessible(page)  # the admin's index
    week.part("log in")

    # 1. Two applications: one admitted, one ineligible (M5) declined with the reason.
    applications = Application.objects.filter(decision=Application.Decision.PENDING)
    eligible = next(a for a in applications.order_by("pk") if a.is_eligible)
    ineligible = next(a for a in applications.order_by("pk") if not a.is_eligible)
    decide_application(week, eligible, "admitted", "Past goed bij de samenstelling.")
    page.goto(f"/admin/members/application/{ineligible.pk}/change/")
    assert page.locator("input[name=decision][value=admitted]").count() == 0  # M5
    decide_application(week, ineligible, "declined", "Werkt bij de gemeente (M5).")
    eligible.refresh_from_db()
    ineligible.refresh_from_db()
    assert eligible.decision == Application.Decision.ADMITTED
    assert ineligible.decision == Application.Decision.DECLINED
    assert ineligible.decision_reason == "Werkt bij de gemeente (M5)."
    week.part("applications")

    # 2. An expense claim approved and booked (M9).
    claim = ExpenseClaim.objects.filter(status=ExpenseClaim.Status.SUBMITTED).order_by("pk")[0]
    page.goto(f"/admin/finance/expenseclaim/{claim.pk}/change/")
    assert_accessible(page)
    week.check(page.locator("input[name=decision][value=approve]"))
    week.submit(page.locator("section[aria-labelledby=decision-heading] [type=submit]"))
    page.wait_for_url(f"**/admin/finance/expenseclaim/{claim.pk}/change/")
    assert_accessible(page)
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.APPROVED and claim.booking_id
    week.part("claim")

    # 3. The trajectory in drafting, from the list of trajectories to the website.
    trajectory = Trajectory.objects.get(
        status=Status.DRAFTING, agenda_items__decisions__isnull=False
    )
    page.goto("/admin/advices/trajectory/?status__exact=drafting")
    assert_accessible(page)
    week.click(page.get_by_role("link", name=trajectory.subject, exact=True))
    page.wait_for_url(lambda url: f"/admin/advices/trajectory/{trajectory.pk}/change/" in url)
    expect(page.locator('#flow [aria-current="step"]')).to_have_count(1)
    assert_accessible(page)

    take_step(week, "ready")  # the project group's draft handed to the plenary (S5)
    decision = Decision.objects.get(agenda_item__trajectory=trajectory, trajectory__isnull=True)
    chooser = page.locator("#flow-step-form select[name=decision]")
    assert chooser.locator("option").count() == 1  # that meeting's decision, and only it
    assert chooser.input_value() == str(decision.pk)
    assert str(decision.pk) not in chooser.locator("option").inner_text().split("(")[-1]
    take_step(week, "adopted")

    on = page.locator("#flow-step-form input[name=on]")
    assert on.input_value()  # the date input shows its default: today, in ISO
    # A letter that is no PDF is refused on its field, and nothing is saved.
    page.locator("#flow-step-form input[name=letter]").set_input_files(
        files=[{"name": "adviesbrief.pdf", "mimeType": "application/pdf", "buffer": b"geen"}]
    )
    week.submit(page.locator("#flow-step-form [type=submit]"))
    expect(page.locator("#flow-step-form .errorlist")).to_have_count(1)
    assert page.locator("#flow_letter").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED and not trajectory.attachments.exists()
    page.locator("#flow-step-form input[name=letter]").set_input_files(
        files=[{"name": "adviesbrief.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    take_step(week, "sent")

    form = page.locator("#flow-step-form")
    form.locator("input[name=council_proposal_number]").fill("RV 2026-140")
    day = sent_on(trajectory)
    form.locator("input[name=council_proposal_date]").fill(day)
    form.locator("input[name=received_on]").fill(day)
    for recommendation in trajectory.advice.recommendations.all():
        week.check(form.locator(f"input[name=response_{recommendation.pk}][value=adopted]"))
    take_step(week, "responded")

    week.submit(page.locator("#flow-publication-form [type=submit]"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert_accessible(page)
    trajectory.refresh_from_db()
    assert trajectory.status == Status.RESPONDED and trajectory.published_at is not None

    page.goto("/adviezen/")
    expect(page.get_by_role("link", name=trajectory.subject).first).to_be_visible()
    week.part("trajectory")

    for name, (loads, clicks) in week.parts.items():
        print(f"secretariat's week, {name}: {loads} page loads, {clicks} clicks")
    loads, _clicks = week.parts["trajectory"]
    assert loads <= MAX_TRAJECTORY_LOADS, week.parts


def sent_on(trajectory) -> str:
    trajectory.refresh_from_db()
    return f"{trajectory.sent_on:%Y-%m-%d}"
