"""S5, issue 18.1: a decision the members took on the agenda item that carried a draft,
recorded without naming the advice, adopts it through decision_adopt_advice, with the
checks of decision_record; every refusal is on the field `decision`, nothing changed."""

import pytest
from django.core.exceptions import ValidationError

from advices.models import READY_BEFORE_ADOPTION, Advice, Status
from steering.models import AgendaItem
from steering.selectors.adoptions import decisions_to_adopt
from steering.services.adoptions import (
    ADOPTED_ANOTHER,
    ANOTHER_ITEM,
    NOT_ADOPTED,
    decision_adopt_advice,
)
from steering.services.meetings import decision_record
from tests.members.factories import secretary
from tests.steering.factories import draft_item
from tests.steering.test_decisions import _drafting, _held

pytestmark = pytest.mark.django_db


def _decision(meeting, item, votes_for=5, votes_against=1):
    return decision_record(
        meeting=meeting, proposal="Het advies vaststellen.", votes_for=votes_for,
        votes_against=votes_against, abstentions=0, agenda_item=item, by=secretary(),
    )  # fmt: skip


def _refused(decision, trajectory) -> str:
    with pytest.raises(ValidationError) as refused:
        decision_adopt_advice(decision=decision, trajectory=trajectory, by=secretary())
    assert set(refused.value.message_dict) == {"decision"}
    trajectory.refresh_from_db()
    decision.refresh_from_db()
    assert trajectory.status == Status.DRAFTING and decision.trajectory is None
    return " ".join(refused.value.message_dict["decision"])


def test_s5_a_decision_adopts_only_a_ready_draft_on_the_item_that_carried_it():
    meeting = _held(present=8)
    trajectory = _drafting()
    item = draft_item(meeting, trajectory, ready=False)
    other_item = AgendaItem.objects.create(meeting=meeting, position=9, title="Rondvraag")
    assert str(ANOTHER_ITEM) in _refused(_decision(meeting, other_item), trajectory)
    assert str(NOT_ADOPTED) in _refused(_decision(meeting, item, 1, 5), trajectory)
    decision = _decision(meeting, item)
    assert str(READY_BEFORE_ADOPTION) in _refused(decision, trajectory)
    assert list(decisions_to_adopt(trajectory)) == [decision]

    Advice.objects.filter(trajectory=trajectory).update(ready_for_plenary=True)
    decision_adopt_advice(decision=decision, trajectory=trajectory, by=secretary())
    trajectory.refresh_from_db()
    decision.refresh_from_db()
    assert trajectory.status == Status.ADOPTED and decision.trajectory == trajectory
    assert "besluit" not in trajectory.adoption_reference  # the meeting, never an id
    assert not decisions_to_adopt(trajectory).exists()

    again = _drafting()
    draft_item(meeting, again)
    with pytest.raises(ValidationError) as refused:  # it already adopted an advice
        decision_adopt_advice(decision=decision, trajectory=again, by=secretary())
    assert str(ADOPTED_ANOTHER) in refused.value.messages
    again.refresh_from_db()
    assert again.status == Status.DRAFTING


def test_decisions_are_numbered_within_their_meeting():
    meeting, other = _held(present=6), _held(present=6, days_ago=30)
    trajectory = _drafting()
    item = draft_item(meeting, trajectory)
    _decision(other, None)
    _decision(meeting, None)
    _decision(meeting, None)
    _decision(meeting, item)
    assert [d.number for d in decisions_to_adopt(trajectory)] == [3]  # not the other's
