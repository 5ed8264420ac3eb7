"""Project groups: P1–P3 and M8, including the 11th-member race."""

import datetime
import re
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from advices.models import Status
from projectgroups.models import Participation, ProjectGroup
from projectgroups.selectors import members_without_projectgroup
from projectgroups.services import (
    participation_confirm,
    participation_leave,
    participation_request,
    projectgroup_create,
    projectgroup_set_phase,
)
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.members.factories import MemberFactory, UserFactory, steering_member
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = pytest.mark.django_db


def test_p1_steering_group_sets_up_a_group_around_one_trajectory():
    trajectory = TrajectoryFactory()
    group = projectgroup_create(
        trajectory=trajectory, by=steering_member(), data={"name": "Projectgroep armoede"}
    )
    trajectory.refresh_from_db()
    assert trajectory.status == Status.GROUP_FORMED
    assert group.phase == ProjectGroup.Phase.THINKING_ALONG
    with pytest.raises(PermissionDenied):
        projectgroup_create(
            trajectory=TrajectoryFactory(), by=UserFactory(role="Lid"), data={"name": "x"}
        )


def test_p2_an_eleventh_member_is_refused():
    group = ProjectGroupFactory()
    ParticipationFactory.create_batch(9, group=group)
    late = participation_request(group=group, member=MemberFactory())  # while a place is free
    ParticipationFactory(group=group)
    with pytest.raises(ValidationError, match="vol"):  # a full group takes no sign-up (21.7)
        participation_request(group=group, member=MemberFactory())
    request = late
    with pytest.raises(ValidationError, match="at most|ten hoogste"):  # P2
        participation_confirm(participation=request, by=steering_member())
    request.refresh_from_db()
    assert request.status == Participation.Status.REQUESTED


@pytest.mark.django_db(transaction=True)
def test_p2_two_confirmations_at_once_never_make_eleven():
    group = ProjectGroupFactory()
    ParticipationFactory.create_batch(9, group=group)
    requests = [participation_request(group=group, member=MemberFactory()) for _ in range(2)]
    deciders = [steering_member(), steering_member()]
    barrier = threading.Barrier(2)
    errors = []

    def confirm(request, by):
        try:
            barrier.wait()
            participation_confirm(participation=request, by=by)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=pair) for pair in zip(requests, deciders, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert group.participations.filter(status="confirmed").count() == 10
    assert len(errors) == 1 and re.search("at most|ten hoogste", str(errors[0]))  # P2


def test_p2_advising_needs_at_least_five_members():
    group = ProjectGroupFactory()
    ParticipationFactory.create_batch(4, group=group)
    with pytest.raises(ValidationError, match="Advising needs|Adviseren vraagt"):  # P2
        projectgroup_set_phase(group=group, phase="advising", by=steering_member())
    ParticipationFactory(group=group)
    group = projectgroup_set_phase(group=group, phase="advising", by=steering_member())
    assert group.phase == "advising"


def test_p3_monitoring_may_continue_smaller():
    group = ProjectGroupFactory()
    participations = ParticipationFactory.create_batch(5, group=group)
    projectgroup_set_phase(group=group, phase="advising", by=steering_member())
    for participation in participations[:3]:
        participation_leave(participation=participation)
    with pytest.raises(ValidationError, match="monitors only|monitort pas"):  # P3: not before
        projectgroup_set_phase(group=group, phase="monitoring", by=steering_member())
    advance_to(group.trajectory, Status.RESPONDED)
    group = projectgroup_set_phase(group=group, phase="monitoring", by=steering_member())
    assert group.phase == "monitoring"
    request = participation_request(group=group, member=MemberFactory())
    participation_confirm(participation=request, by=steering_member())


def test_signing_up_twice_or_for_a_closed_group_is_refused():
    group = ProjectGroupFactory()
    member = MemberFactory()
    participation_request(group=group, member=member)
    with pytest.raises(ValidationError):
        participation_request(group=group, member=member)
    closed = ProjectGroupFactory(open_for_signup=False)
    with pytest.raises(ValidationError):
        participation_request(group=closed, member=member)


def test_m8_members_without_a_project_group_this_year():
    busy = MemberFactory(last_name="Bezig")
    idle = MemberFactory(last_name="Stil")
    ParticipationFactory(member=busy, confirmed_on=datetime.date(2026, 3, 1))
    left_last_year = MemberFactory(last_name="Vorigjaar")
    ParticipationFactory(
        member=left_last_year,
        status="left",
        confirmed_on=datetime.date(2025, 3, 1),
        left_on=datetime.date(2025, 11, 1),
    )
    assert set(members_without_projectgroup(year=2026)) == {idle, left_last_year}
    assert busy not in members_without_projectgroup(year=2026)
    assert left_last_year not in members_without_projectgroup(year=2025)


def test_p3_group_monitors_after_the_response_or_hands_it_to_the_steering_group():
    from projectgroups.services import trajectory_close, trajectory_start_monitoring
    from tests.advices.factories import advance_to

    keeps = ProjectGroupFactory()
    advance_to(keeps.trajectory, Status.RESPONDED)
    keeps = trajectory_start_monitoring(group=keeps, by=steering_member(), by_steering_group=False)
    assert keeps.phase == "monitoring" and keeps.trajectory.status == Status.MONITORING
    keeps = trajectory_close(group=keeps, by=steering_member())
    assert keeps.phase == "dissolved" and keeps.dissolved_on is not None
    keeps.trajectory.refresh_from_db()
    assert keeps.trajectory.status == Status.CLOSED

    hands_over = ProjectGroupFactory()
    advance_to(hands_over.trajectory, Status.RESPONDED)
    hands_over = trajectory_start_monitoring(
        group=hands_over, by=steering_member(), by_steering_group=True
    )
    assert hands_over.monitoring_by_steering_group and hands_over.phase == "dissolved"


def test_p3_monitoring_starts_only_after_the_college_response():
    from projectgroups.services import trajectory_start_monitoring

    group = ProjectGroupFactory()
    with pytest.raises(ValidationError):
        trajectory_start_monitoring(group=group, by=steering_member(), by_steering_group=False)
    group.refresh_from_db()
    assert group.phase == "thinking_along"
