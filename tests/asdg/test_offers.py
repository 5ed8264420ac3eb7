"""Issue 21.7: the pages offer only what the rules will accept, and say what the rules count."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from finance.models import BudgetYear
from finance.reports import budget_assumptions
from finance.selectors import budget_summary
from projectgroups import selectors
from projectgroups.models import MAXIMUM_SIZE, Participation, ProjectGroup
from projectgroups.selectors import open_projectgroups
from projectgroups.services import participation_request
from steering.services.elections import ballot_cast
from tests.harness import login_verified
from tests.members.factories import MemberFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.steering.factories import CandidateFactory, ElectionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projectgroups:list")


def _full_group(phase=ProjectGroup.Phase.ADVISING):
    group = ProjectGroupFactory(phase=phase)
    ParticipationFactory.create_batch(MAXIMUM_SIZE, group=group)
    return group


def _portal(client, member):
    login_verified(client, member.user)
    return client


def _dutch(text) -> str:
    with translation.override("nl"):
        return str(text)


# --- P2: a full project group offers no sign-up -----------------------------------------


def test_p2_full_group_shows_no_signup_button_and_says_why(client):
    full, open_group = _full_group(), ProjectGroupFactory()
    content = _portal(client, MemberFactory()).get(LIST).content.decode()
    assert reverse("projectgroups:signup", args=[full.pk]) not in content
    assert reverse("projectgroups:signup", args=[open_group.pk]) in content
    assert _dutch(selectors.FULL) in content


def test_p2_full_group_refuses_the_signup_with_the_same_reason():
    group, member = _full_group(), MemberFactory()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        participation_request(group=group, member=member)
    assert refused.value.messages == ["This group is full."]
    assert not Participation.objects.filter(member=member).exists()


def test_p2_posted_signup_for_a_full_group_is_refused_and_nothing_saved(client):
    group, member = _full_group(), MemberFactory()
    response = _portal(client, member).post(
        reverse("projectgroups:signup", args=[group.pk]), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [_dutch(selectors.FULL)]
    assert not Participation.objects.filter(member=member).exists()


def test_p2_monitoring_group_is_not_held_to_the_maximum():
    group = _full_group(phase=ProjectGroup.Phase.MONITORING)
    assert selectors.signup_refusal(group, confirmed_count=MAXIMUM_SIZE) is None
    participation_request(group=group, member=MemberFactory())


def test_p2_reminder_lists_no_full_group():
    full, open_group = _full_group(), ProjectGroupFactory()
    assert list(open_projectgroups()) == [open_group]
    assert full not in open_projectgroups()


# --- F2: a past year's assumption is set against that year's members --------------------


def test_f2_past_year_compares_its_assumption_with_the_members_of_that_year():
    for _ in range(2):  # sat in 2021
        MemberFactory(
            start_date=datetime.date(2021, 1, 1),
            term_years=2,
            ended_on=datetime.date(2022, 6, 30),
            end_reason="resigned",
        )
    MemberFactory(start_date=datetime.date(2021, 1, 1), term_years=1)  # term ran out 31-12-2021
    MemberFactory(start_date=datetime.date(2022, 1, 1), term_years=1)  # not yet a member
    MemberFactory.create_batch(3)  # today's members
    today = timezone.localdate()
    assumptions = budget_assumptions(budget_summary(year=2021), today=today)
    assert assumptions.counted_on == datetime.date(2021, 12, 31)
    assert assumptions.year_is_over
    assert assumptions.sitting_members == 3


def test_f2_current_year_compares_with_todays_members(steering_client):
    today = timezone.localdate()
    BudgetYear.objects.create(year=today.year)
    MemberFactory.create_batch(3)
    MemberFactory(start_date=datetime.date(2020, 1, 1), term_years=1)  # long gone
    response = steering_client.get(reverse("finance:budget-year", kwargs={"year": today.year}))
    assumptions = response.context["assumptions"]
    assert (assumptions.counted_on, assumptions.sitting_members) == (today, 3)
    assert not assumptions.year_is_over


def test_f2_budget_page_of_2021_says_the_members_of_31_december_2021(steering_client):
    MemberFactory.create_batch(4)  # today's, not 2021's
    content = steering_client.get(reverse("finance:budget-year", kwargs={"year": 2021}))
    text = content.content.decode()
    assumption = text[text.index('id="assumption-members"') :].split("</li>")[0]
    assert "31-12-2021" in assumption and " 0 " in assumption and " 4 " not in assumption


# --- S2: the vote's error counts its seats in words -------------------------------------


@pytest.mark.parametrize(
    ("seats", "message"),
    [
        (1, "Choose at most 1 candidate: the number of seats."),
        (3, "Choose at most 3 candidates: the number of seats."),
    ],
)
def test_s2_too_many_candidates_message_uses_the_plural_of_the_seats(seats, message):
    election = ElectionFactory(seats=seats)
    ids = [CandidateFactory(election=election).pk for _ in range(seats + 1)]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        ballot_cast(election=election, member=MemberFactory(), candidate_ids=ids)
    assert refused.value.message_dict["candidates"] == [message]


# --- P3: monitoring is offered only after the college's response ------------------------


def test_p3_monitoring_is_not_offered_before_the_colleges_response(steering_client):
    from advices.models import Status
    from tests.advices.factories import advance_to

    group = ProjectGroupFactory(phase=ProjectGroup.Phase.ADVISING)
    url = reverse("projectgroups:detail", args=[group.pk])
    offer = 'name="phase" value="monitoring"'
    assert offer not in steering_client.get(url).content.decode()
    advance_to(group.trajectory, Status.RESPONDED)
    assert offer in steering_client.get(url).content.decode()
