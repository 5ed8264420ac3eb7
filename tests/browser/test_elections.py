"""Elections in a real browser: a member votes in the portal (axe-core on every page)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steering.models import Election, VoterRoll
from steering.services.elections import ballot_cast, election_close
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory
from tests.steering.factories import CandidateFactory, ElectionFactory, election_in_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_votes_in_the_portal(page):
    election = ElectionFactory(seats=2, title="Verkiezing stuurgroep 2027")
    candidates = [CandidateFactory(election=election) for _ in range(3)]
    election_in_nomination(title="Verkiezing extra zetel")
    voter = MemberFactory(email="kiezer@example.org")
    log_in(page, "kiezer@example.org")
    page.wait_for_url("**/portaal/")
    assert page.locator(f"[data-task=vote-{election.pk}]").is_visible()
    assert_accessible(page)

    page.goto("/portaal/verkiezingen/")
    assert page.locator("#elections-voting").is_visible()
    assert_accessible(page)

    page.locator("#elections-voting a", has_text="Verkiezing stuurgroep 2027").click()
    page.wait_for_url(f"**/portaal/verkiezingen/{election.pk}/")
    assert_accessible(page)
    # Three boxes for two seats: the service refuses, the page says so on the field.
    for box in page.locator("#vote-form input[type=checkbox]").all():
        box.check()
    page.locator("#vote-form button[type=submit]").click()
    expect(page.locator("#candidates-error")).to_be_visible()
    assert_accessible(page)
    assert not VoterRoll.objects.exists()

    page.get_by_label(str(candidates[0].member)).uncheck()
    page.locator("#vote-form button[type=submit]").click()
    page.wait_for_url(f"**/portaal/verkiezingen/{election.pk}/")
    assert page.locator("#has-voted").is_visible()
    assert page.locator("#vote-form").count() == 0
    assert_accessible(page)
    assert VoterRoll.objects.filter(member=voter).count() == 1

    # Voting closes; the results page counts and shows votes per candidate and turnout.
    ballot_cast(election=election, member=MemberFactory(), candidate_ids=[candidates[0].pk])
    Election.objects.filter(pk=election.pk).update(
        voting_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page.goto(f"/portaal/verkiezingen/{election.pk}/uitslag/")
    assert page.locator("#results tbody tr").count() == 3
    assert "2" in page.locator("#turnout").inner_text()
    assert_accessible(page)
    page.goto("/portaal/verkiezingen/")
    assert page.locator("#elections-closed").is_visible()
    assert_accessible(page)


def test_a_member_stands_as_a_candidate(page):
    election = election_in_nomination()
    MemberFactory(email="kandidaat@example.org")
    log_in(page, "kandidaat@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/portaal/verkiezingen/{election.pk}/")
    assert_accessible(page)
    page.locator("#nominate-form textarea").fill("Ik wil de brede bijeenkomsten organiseren.")
    page.locator("#nominate-form button[type=submit]").click()
    page.wait_for_url(f"**/portaal/verkiezingen/{election.pk}/")
    assert page.locator("#my-candidacy").is_visible()
    assert_accessible(page)
    assert election.candidates.count() == 1


def test_results_with_a_tie_note(page):
    election = ElectionFactory(seats=1)
    a, b = (CandidateFactory(election=election) for _ in range(2))
    for candidate in (a, b):
        ballot_cast(election=election, member=MemberFactory(), candidate_ids=[candidate.pk])
    Election.objects.filter(pk=election.pk).update(voting_closes_at=timezone.now())
    election_close(election=Election.objects.get(pk=election.pk))
    MemberFactory(email="lezer@example.org")
    log_in(page, "lezer@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/portaal/verkiezingen/{election.pk}/uitslag/")
    assert page.locator("#tie-break").is_visible()
    assert_accessible(page)
