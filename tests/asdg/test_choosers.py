"""Issue 18.5: choosers show dates and only what fits the context.

An agenda item of the decision form: the chosen meeting's items only, with the meeting's
date (tests/steering/test_decisions.py also checks this). A plenary decision: by the
meeting's date and its number within that meeting. A trajectory: its subject and the day
its request came in, newest first, and only those in a state where the choice makes sense.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from advices.choosers import trajectory_label
from steering.choosers import DecisionChoiceField
from steering.models import Decision
from steering.selectors.meetings import decisions_numbered
from tests.advices.factories import TrajectoryFactory
from tests.members.factories import secretary
from tests.projectgroups.factories import ProjectGroupFactory
from tests.steering.factories import draft_item
from tests.steering.test_decisions import _drafting, _held

pytestmark = pytest.mark.django_db


def _labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_the_decision_form_offers_the_meetings_items_and_drafts_with_their_dates(
    secretariat_client,
):
    meeting = _held(present=6, days_ago=3)
    trajectory = _drafting()
    item = draft_item(meeting, trajectory)
    other = _drafting()
    form = (
        secretariat_client.get(reverse("admin:steering_decision_add") + f"?meeting={meeting.pk}")
        .context["adminform"]
        .form
    )
    day = date_format(timezone.localtime(meeting.starts_at).date())
    items = _labels(form.fields["agenda_item"])
    assert f"{day} · {item.position}. {item.title}" in items
    assert len(items) == meeting.agenda.count() and all(i.startswith(day) for i in items)
    # Only the draft its items carry, named with the day its request came in.
    assert _labels(form.fields["trajectory"]) == [trajectory_label(trajectory)]
    assert date_format(trajectory.received_on) in trajectory_label(trajectory)
    assert other.subject not in " ".join(_labels(form.fields["trajectory"]))


def test_the_project_group_form_offers_trajectories_without_a_group_newest_first(
    secretariat_client,
):
    older = TrajectoryFactory(received_on=datetime.date(2026, 1, 5))
    newer = TrajectoryFactory(received_on=datetime.date(2026, 4, 7))
    ProjectGroupFactory(trajectory=TrajectoryFactory(received_on=datetime.date(2026, 5, 1)))
    form = (
        secretariat_client.get(reverse("admin:projectgroups_projectgroup_add"))
        .context["adminform"]
        .form
    )
    assert _labels(form.fields["trajectory"]) == [trajectory_label(newer), trajectory_label(older)]


def test_the_agenda_offers_drafts_with_their_dates(secretariat_client):
    meeting = _held(present=2, days_ago=3)
    drafting = _drafting()
    received = TrajectoryFactory()
    page = secretariat_client.get(
        reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
    ).content.decode()
    assert trajectory_label(drafting) in page
    assert received.subject not in page


def test_decisions_are_numbered_within_their_meeting_and_chosen_by_date_and_number():
    first, second = _held(present=3, days_ago=40), _held(present=3, days_ago=3)
    by = secretary()
    for meeting, count in ((first, 3), (second, 2)):
        for n in range(count):
            Decision.objects.create(
                meeting=meeting, proposal=f"Voorstel {n + 1}", votes_for=3, votes_against=0,
                abstentions=0, recorded_by=by,
            )  # fmt: skip
    numbered = list(decisions_numbered(meeting=second))
    assert [(d.proposal, d.number) for d in numbered] == [("Voorstel 1", 1), ("Voorstel 2", 2)]
    everything = [(d.meeting_id, d.number) for d in decisions_numbered()]
    assert everything == [
        (second.pk, 1),
        (second.pk, 2),
        (first.pk, 1),
        (first.pk, 2),
        (first.pk, 3),
    ]
    field = DecisionChoiceField(queryset=decisions_numbered(meeting=first))
    with translation.override("en"):
        day = date_format(timezone.localtime(first.starts_at).date())
        labels = _labels(field)
    assert len(labels) == 3 and labels[2].startswith(f"{day}, decision 3: Voorstel 3")
