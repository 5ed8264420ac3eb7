"""One trajectory, one workflow (A1–A3, S5): every allowed and every refused transition."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from advices.models import ORDER, Status, Trajectory
from advices.services import (
    advice_save_draft,
    trajectory_advance,
    trajectory_create,
    trajectory_withdraw,
)
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.members.factories import secretary

pytestmark = pytest.mark.django_db


def test_a1_requested_advice_starts_its_timeline():
    by = secretary()
    trajectory = trajectory_create(
        data={
            "subject": "Uitvoeringsprogramma armoede",
            "slug": "uitvoeringsprogramma-armoede",
            "summary": "Advies gevraagd over het uitvoeringsprogramma.",
            "kind": "requested",
            "requested_by": "programme_manager",
            "received_on": datetime.date(2026, 2, 1),
            "deadline": datetime.date(2026, 4, 1),
            "law_participation": True,
        },
        by=by,
    )
    assert trajectory.status == Status.RECEIVED
    assert [(e.to_status, e.by) for e in trajectory.events.all()] == [("received", by)]
    assert trajectory.advice.version == 1


def test_a1_requested_advice_needs_its_requester():
    with pytest.raises(ValidationError):
        trajectory_create(
            data={
                "subject": "x", "slug": "x", "summary": "x", "kind": "requested",
                "received_on": datetime.date(2026, 2, 1), "law_wmo": True,
            },
            by=None,
        )  # fmt: skip
    assert not Trajectory.objects.exists()


@pytest.mark.parametrize("current", ORDER[:-1])
def test_every_allowed_step_is_taken_and_kept_in_the_timeline(current):
    trajectory = advance_to(TrajectoryFactory(), current)
    following = ORDER[ORDER.index(current) + 1]
    trajectory = advance_to(trajectory, following)
    assert trajectory.status == following
    assert trajectory.events.last().to_status == following


@pytest.mark.parametrize(
    ("current", "wanted"),
    [(c, w) for c in ORDER for w in ORDER if ORDER.index(w) != ORDER.index(c) + 1],
)
def test_every_other_step_is_refused_naming_the_next_one(current, wanted):
    trajectory = advance_to(TrajectoryFactory(), current)
    with pytest.raises(ValidationError) as refused:
        trajectory_advance(trajectory=trajectory, to=wanted, by=None, reference="x")
    trajectory.refresh_from_db()
    assert trajectory.status == current
    if current != Status.CLOSED:
        expected = Status(ORDER[ORDER.index(current) + 1]).label
        assert str(expected) in str(refused.value)


@pytest.mark.parametrize("current", ORDER[:-1])
def test_withdrawing_from_any_open_state_needs_a_reason(current):
    trajectory = advance_to(TrajectoryFactory(), current)
    with pytest.raises(ValidationError):
        trajectory_withdraw(trajectory=trajectory, by=None, reason=" ")
    trajectory = trajectory_withdraw(trajectory=trajectory, by=None, reason="Verzoek ingetrokken")
    assert trajectory.status == Status.WITHDRAWN
    with pytest.raises(ValidationError):
        trajectory_advance(trajectory=trajectory, to=Status.CLOSED, by=None)


def test_a2_participation_act_subject_needs_the_clients_council_before_adoption():
    trajectory = advance_to(TrajectoryFactory(law_participation=True), Status.DRAFTING)
    with pytest.raises(ValidationError, match="Participatiewet"):
        trajectory_advance(trajectory=trajectory, to=Status.ADOPTED, by=None, reference="BB")
    Trajectory.objects.filter(pk=trajectory.pk).update(
        clients_council_consulted_on=datetime.date(2026, 5, 1)
    )
    assert advance_to(trajectory, Status.ADOPTED).status == Status.ADOPTED


def test_s5_adoption_names_the_plenary_decision_and_freezes_the_advice():
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)
    with pytest.raises(ValidationError, match="plenary|brede bijeenkomst"):  # S5
        trajectory_advance(trajectory=trajectory, to=Status.ADOPTED, by=None, reference="")
    trajectory = advance_to(trajectory, Status.ADOPTED)
    assert trajectory.adoption_reference == "Brede bijeenkomst 10-6-2026"
    with pytest.raises(ValidationError):
        advice_save_draft(
            advice=trajectory.advice, by=secretary(), data={"introduction": "x"},
            recommendations=["y"],
        )  # fmt: skip


def test_a3_response_step_needs_the_college_response():
    trajectory = advance_to(TrajectoryFactory(), Status.SENT)
    with pytest.raises(ValidationError, match="college"):  # A3
        trajectory_advance(trajectory=trajectory, to=Status.RESPONDED, by=None)


def test_draft_versions_keep_who_and_what():
    trajectory = TrajectoryFactory()
    by = secretary()
    advice_save_draft(
        advice=trajectory.advice, by=by, data={"introduction": "Eerste"}, recommendations=["A"]
    )
    advice = advice_save_draft(
        advice=trajectory.advice, by=by, data={"introduction": "Tweede"},
        recommendations=["A", "B"],
    )  # fmt: skip
    assert advice.version == 3
    assert [(v.number, v.introduction, v.recommendations) for v in advice.versions.all()] == [
        (2, "Eerste", ["A"]),
        (3, "Tweede", ["A", "B"]),
    ]
    assert [r.number for r in advice.recommendations.all()] == [1, 2]


def test_a_changed_draft_is_no_longer_ready_for_the_plenary():
    trajectory = TrajectoryFactory()
    trajectory.advice.ready_for_plenary = True
    trajectory.advice.save()
    advice = advice_save_draft(
        advice=trajectory.advice, by=secretary(), data={}, recommendations=["A"]
    )
    assert not advice.ready_for_plenary
