"""Demo data for advices and project groups: ~25 trajectories, spread over the workflow."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from advices.models import CollegeResponse, Recommendation, Status, Trajectory
from demo.advices import seed_advices
from projectgroups.models import MAXIMUM_SIZE, MINIMUM_SIZE, Participation, ProjectGroup
from projectgroups.selectors import members_without_projectgroup, open_projectgroups

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_seed_advices_once_after_seed_demo(settings):
    """One test: seeding takes a while, so the checks below share one run."""
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)  # seed_demo calls seed_advices
    today = timezone.localdate()
    created = Trajectory.objects.count()
    assert f"{created} trajectories" in out.getvalue()
    workflow_is_covered_from_2021_to_now(created, today)
    finished_advices_have_the_colleges_response_per_recommendation()
    groups_have_5_to_8_members_and_lid_sits_in_an_open_one(today)
    # Idempotent: a second run adds nothing.
    assert seed_advices(today) == 0
    assert seed_advices(datetime.date(2026, 1, 1)) == 0
    assert Trajectory.objects.count() == created


def workflow_is_covered_from_2021_to_now(created, today):
    assert 22 <= created == Trajectory.objects.count() <= 30
    years = {t.received_on.year for t in Trajectory.objects.all()}
    assert min(years) == 2021 and max(years) == today.year
    statuses = Counter(Trajectory.objects.values_list("status", flat=True))
    for status in (Status.CLOSED, Status.MONITORING, Status.SENT, Status.DRAFTING,
                   Status.GROUP_FORMED, Status.RECEIVED):  # fmt: skip
        assert statuses[status] >= 1, status
    assert statuses[Status.WITHDRAWN] == 1
    assert Trajectory.objects.filter(kind=Trajectory.Kind.UNSOLICITED).count() >= 3
    assert Trajectory.objects.filter(subject__icontains="zorgverzekering").exists()


def finished_advices_have_the_colleges_response_per_recommendation():
    finished = Trajectory.objects.filter(status__in=[Status.CLOSED, Status.MONITORING])
    assert finished.count() >= 10
    for trajectory in finished:
        assert trajectory.sent_on and trajectory.adopted_on <= trajectory.sent_on
        response = CollegeResponse.objects.get(trajectory=trajectory)
        assert response.council_proposal_number.startswith("RV 20")
        recommendations = trajectory.advice.recommendations.all()
        assert 2 <= len(recommendations) <= 5
        assert all(r.response and r.response_explanation for r in recommendations)
    answers = set(Recommendation.objects.exclude(response="").values_list("response", flat=True))
    assert answers == set(Recommendation.Response.values)


def groups_have_5_to_8_members_and_lid_sits_in_an_open_one(today):
    for group in ProjectGroup.objects.exclude(phase=ProjectGroup.Phase.MONITORING):
        taken_part = group.participations.filter(
            status__in=[Participation.Status.CONFIRMED, Participation.Status.LEFT]
        ).count()
        assert MINIMUM_SIZE <= taken_part <= 8 < MAXIMUM_SIZE, group
    assert Trajectory.objects.filter(project_group__isnull=True).count() == 2  # received
    lid = Participation.objects.get(member__user__email="lid@example.org")
    assert lid.status == Participation.Status.CONFIRMED
    assert lid.group in open_projectgroups()
    # M8: some members took part this year, some did not.
    without = members_without_projectgroup(year=today.year).filter(ended_on__isnull=True)
    assert 0 < without.count() < 40
    assert not without.filter(user__email="lid@example.org").exists()
