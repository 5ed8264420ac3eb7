"""S5: decisions are taken by the plenary group of members, with their counts; an adopted
decision that names an advice trajectory adopts the advice."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from advices.models import Status
from steering.models import AgendaItem, Decision
from steering.services.meetings import attendance_record, decision_record, meeting_plan
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import draft_item, invite

pytestmark = pytest.mark.django_db


def _meeting(days: int):
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19)))
    return invite(
        meeting_plan(
            title="Brede bijeenkomst",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location="Stadhuis",
            by=secretary(),
        )
    )


def _held(present: int, days_ago: int = 3):
    members = MemberFactory.create_batch(present + 1)
    meeting = _meeting(-days_ago)
    return attendance_record(
        meeting=meeting, attended_member_ids=[m.pk for m in members[:present]], by=secretary()
    )


def _drafting():
    return advance_to(TrajectoryFactory(), Status.DRAFTING)


def test_s5_a_plenary_decision_with_counts_adopts_the_advice(caplog):
    meeting = _held(present=12)
    trajectory = _drafting()
    by = secretary()
    with caplog.at_level(logging.INFO, logger="asdg.audit"):
        decision = decision_record(
            meeting=meeting,
            proposal="De ASDG stelt het advies over armoede en schulden vast.",
            votes_for=9,
            votes_against=2,
            abstentions=1,
            trajectory=trajectory,
            agenda_item=draft_item(meeting, trajectory),
            by=by,
        )
    assert decision.adopted is True
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED
    assert trajectory.adopted_on == timezone.localtime(meeting.starts_at).date()
    # The meeting names the decision, never its database id (issue 19.6).
    assert trajectory.adoption_reference.startswith(("Brede bijeenkomst van", "Plenary meeting of"))
    assert "besluit" not in trajectory.adoption_reference
    assert "decision" not in trajectory.adoption_reference
    assert any(record.audit["event"] == "decision.recorded" for record in caplog.records)


def test_s5_the_steering_group_alone_cannot_decide_without_a_plenary_meeting(steering_client):
    trajectory = _drafting()
    planned = _meeting(10)  # not held: the members have not met
    with pytest.raises(ValidationError) as error:
        decision_record(
            meeting=planned,
            proposal="De stuurgroep stelt het advies vast.",
            votes_for=5,
            votes_against=0,
            abstentions=0,
            trajectory=trajectory,
            agenda_item=draft_item(planned, trajectory),
            by=steering_client.user,
        )
    assert "meeting" in error.value.message_dict
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING
    assert not Decision.objects.exists()
    # Nor through the admin: the steering group may read decisions, not record them.
    response = steering_client.get(reverse("admin:steering_decision_add"))
    assert response.status_code == 403


def test_s5_a_rejected_decision_leaves_the_trajectory():
    meeting = _held(present=10)
    trajectory = _drafting()
    decision = decision_record(
        meeting=meeting,
        proposal="Vaststellen advies",
        votes_for=3,
        votes_against=6,
        abstentions=1,
        trajectory=trajectory,
        agenda_item=draft_item(meeting, trajectory),
        by=secretary(),
    )
    assert decision.adopted is False
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING


def test_s5_counts_are_not_negative_and_not_more_than_present():
    meeting = _held(present=5)
    base = {"meeting": meeting, "proposal": "Voorstel", "by": secretary()}
    with pytest.raises(ValidationError) as error:
        decision_record(**base, votes_for=-1, votes_against=0, abstentions=0)
    assert "votes_for" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        decision_record(**base, votes_for=4, votes_against=1, abstentions=1)
    assert "votes_for" in error.value.message_dict
    decision = decision_record(**base, votes_for=3, votes_against=1, abstentions=1)
    assert decision.adopted is True


def test_s5_a_decision_on_the_day_of_the_meeting_before_attendance_is_recorded():
    meeting = _meeting(0)
    decision = decision_record(
        meeting=meeting,
        proposal="Voorstel",
        votes_for=20,
        votes_against=20,
        abstentions=0,
        by=secretary(),
    )
    assert decision.adopted is False  # a tie is not a majority


def test_s5_an_advice_not_ready_is_refused_on_the_trajectory_field():
    meeting = _held(present=5)
    trajectory = TrajectoryFactory()  # just received: no draft yet
    with pytest.raises(ValidationError) as error:
        decision_record(
            meeting=meeting,
            proposal="Vaststellen",
            votes_for=5,
            votes_against=0,
            abstentions=0,
            trajectory=trajectory,
            agenda_item=draft_item(meeting, trajectory, ready=False),
            by=secretary(),
        )
    assert "trajectory" in error.value.message_dict
    assert not Decision.objects.exists()  # nothing half-saved


def test_admin_records_a_decision_through_the_service(secretariat_client):
    meeting = _held(present=8)
    trajectory = _drafting()
    item = draft_item(meeting, trajectory)
    response = secretariat_client.post(
        reverse("admin:steering_decision_add"),
        {
            "meeting": meeting.pk,
            "agenda_item": item.pk,
            "proposal": "Het advies wordt vastgesteld.",
            "votes_for": "6",
            "votes_against": "1",
            "abstentions": "1",
            "trajectory": trajectory.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED
    response = secretariat_client.post(
        reverse("admin:steering_decision_add"),
        {
            "meeting": meeting.pk,
            "proposal": "Te veel stemmen",
            "votes_for": "9",
            "votes_against": "1",
            "abstentions": "0",
        },
    )
    assert response.status_code == 200
    assert Decision.objects.count() == 1


# --- A2: the Clients' Council is consulted before the plenary adopts (issue 21.5) ----------


def _participation(consulted_on):
    trajectory = TrajectoryFactory(
        law_participation=True, clients_council_consulted_on=consulted_on
    )
    return advance_to(trajectory, Status.DRAFTING)


def _adopt(meeting, trajectory):
    return decision_record(
        meeting=meeting,
        proposal="Het advies over de Participatiewet wordt vastgesteld.",
        votes_for=5,
        votes_against=0,
        abstentions=0,
        trajectory=trajectory,
        agenda_item=draft_item(meeting, trajectory),
        by=secretary(),
    )


def test_a2_consultation_after_the_adopting_meeting_is_refused_on_the_trajectory_field():
    meeting = _held(present=5)
    after = timezone.localdate() + datetime.timedelta(days=20)
    trajectory = _participation(after)
    with pytest.raises(ValidationError) as refused:
        _adopt(meeting, trajectory)
    assert "trajectory" in refused.value.message_dict
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING and not Decision.objects.exists()


def test_a2_consultation_on_the_day_of_the_meeting_is_allowed():
    meeting = _held(present=5)
    trajectory = _participation(timezone.localdate() - datetime.timedelta(days=3))
    _adopt(meeting, trajectory)
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED


def test_a2_admin_decision_add_with_a_later_consultation_shows_it_on_the_field(
    secretariat_client,
):
    meeting = _held(present=8)
    trajectory = _participation(timezone.localdate() + datetime.timedelta(days=20))
    response = secretariat_client.post(
        reverse("admin:steering_decision_add"),
        {
            "meeting": meeting.pk,
            "proposal": "Het advies wordt vastgesteld.",
            "votes_for": "6",
            "votes_against": "1",
            "abstentions": "1",
            "trajectory": trajectory.pk,
        },
    )
    assert response.status_code == 200
    assert "trajectory" in response.context["adminform"].form.errors
    assert not Decision.objects.exists()


def test_a2_database_refuses_an_adopting_decision_before_the_consultation():
    from django.db import IntegrityError, transaction

    meeting = _held(present=5)
    trajectory = _participation(timezone.localdate() + datetime.timedelta(days=20))
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Decision.objects.create(
            meeting=meeting, proposal="x", votes_for=3, votes_against=0, abstentions=0,
            trajectory=trajectory, recorded_by=secretary(),
        )  # fmt: skip
    assert "a2_decision_after_clients_council" in str(refused.value)


def test_a2_database_refuses_moving_the_consultation_after_the_adopting_meeting():
    from django.db import IntegrityError, transaction

    from advices.models import Trajectory

    meeting = _held(present=5)
    trajectory = _participation(timezone.localdate() - datetime.timedelta(days=30))
    _adopt(meeting, trajectory)
    later = timezone.localdate() - datetime.timedelta(days=1)  # after the meeting, 3 days ago
    with pytest.raises(IntegrityError), transaction.atomic():
        Trajectory.objects.filter(pk=trajectory.pk).update(clients_council_consulted_on=later)
    # Also when the trajectory's adoption date were left behind: the meeting's date counts.
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Trajectory.objects.filter(pk=trajectory.pk).update(
            adopted_on=later, clients_council_consulted_on=later
        )
    assert "a2_decision_after_clients_council" in str(refused.value)


def test_a2_admin_moving_the_adopting_meeting_before_the_consultation_says_so_on_the_field(
    secretariat_client,
):
    meeting = _held(present=5)
    trajectory = _participation(timezone.localdate() - datetime.timedelta(days=3))
    _adopt(meeting, trajectory)
    url = reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
    earlier = timezone.localtime(meeting.starts_at) - datetime.timedelta(days=10)
    data = {
        "title": meeting.title,
        "starts_at": earlier.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (earlier + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": meeting.location,
        "minutes": "",
    }
    for formset in secretariat_client.get(url).context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, field in management.fields.items():
            data[management.add_prefix(name)] = management.initial.get(name, field.initial)
        for form in formset.formset.initial_forms:
            data[form.add_prefix("id")] = form.instance.pk
            for name in form.fields:
                value = form.initial.get(name)
                if value not in (None, ""):
                    data[form.add_prefix(name)] = getattr(value, "pk", value)
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    inline_errors = [f.formset.errors for f in response.context["inline_admin_formsets"]]
    assert "starts_at" in response.context["adminform"].form.errors, inline_errors
    before = meeting.starts_at
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_a2_decision_trigger_is_reversible():
    module = __import__(
        "steering.migrations.0007_a2_consulted_before_the_decision", fromlist=["Migration"]
    )
    (operation,) = module.Migration.operations
    assert operation.reversible
    assert operation.reverse_sql.count("DROP TRIGGER") == 3


# --- Issue 17.4, S5: the decision from the meeting's own agenda, on a draft marked ready ---


def test_s5_a_draft_never_marked_ready_is_not_adopted():
    """Failed on the old code: adopting marked the draft ready itself."""
    meeting = _held(present=6)
    trajectory = _drafting()
    item = draft_item(meeting, trajectory, ready=False)
    with pytest.raises(ValidationError) as refused:
        decision_record(
            meeting=meeting, proposal="Vaststellen", votes_for=5, votes_against=1,
            abstentions=0, trajectory=trajectory, agenda_item=item, by=secretary(),
        )  # fmt: skip
    assert "trajectory" in refused.value.message_dict
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING and not Decision.objects.exists()
    assert not trajectory.advice.frozen


def test_s5_database_refuses_adopting_a_trajectory_whose_draft_is_not_ready():
    """The trigger s5_adopted_only_when_ready, under every path that writes the row."""
    from django.db import IntegrityError, transaction

    from advices.models import Trajectory

    trajectory = _drafting()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Trajectory.objects.filter(pk=trajectory.pk).update(
            status=Status.ADOPTED, adopted_on=timezone.localdate(), adoption_reference="BB"
        )
    assert "s5_adopted_only_when_ready" in str(refused.value)
    from members.constraints import refusal

    assert "status" in refusal(refused.value).message_dict


def test_s5_the_service_refuses_adopting_a_draft_not_ready():
    from advices.services import trajectory_advance

    trajectory = _drafting()
    with pytest.raises(ValidationError, match="ready|klaar"):  # S5
        trajectory_advance(
            trajectory=trajectory, to=Status.ADOPTED, by=None, reference="Brede bijeenkomst"
        )
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING


def test_s5_an_advice_is_adopted_on_the_agenda_item_that_carries_its_draft():
    meeting = _held(present=6)
    trajectory = _drafting()
    draft_item(meeting, trajectory)
    other = AgendaItem.objects.create(meeting=meeting, position=9, title="Rondvraag")
    for item in (None, other):
        with pytest.raises(ValidationError) as refused:
            decision_record(
                meeting=meeting, proposal="Vaststellen", votes_for=5, votes_against=1,
                abstentions=0, trajectory=trajectory, agenda_item=item, by=secretary(),
            )  # fmt: skip
        assert "agenda_item" in refused.value.message_dict
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING


def test_s5_admin_decision_form_offers_only_the_meetings_own_items_with_dates(
    secretariat_client,
):
    """Failed on the old code: the list held the items of every meeting, without dates."""
    meeting = _held(present=6, days_ago=3)
    older = _held(present=2, days_ago=40)
    AgendaItem.objects.create(meeting=older, position=3, title="Oud punt")
    trajectory = _drafting()
    item = draft_item(meeting, trajectory)
    response = secretariat_client.get(
        reverse("admin:steering_decision_add") + f"?meeting={meeting.pk}&trajectory={trajectory.pk}"
    )
    form = response.context["adminform"].form
    items = list(form.fields["agenda_item"].queryset)
    assert items and {i.meeting_id for i in items} == {meeting.pk}
    day = date_format(timezone.localtime(meeting.starts_at).date())
    labels = [label for _value, label in form.fields["agenda_item"].choices][1:]
    assert f"{day} · {item.position}. {item.title}" in labels
    assert form.initial["agenda_item"] == item.pk
    assert list(form.fields["trajectory"].queryset) == [trajectory]
    # Without a meeting in the address: the latest meeting's items.
    latest = secretariat_client.get(reverse("admin:steering_decision_add"))
    latest_form = latest.context["adminform"].form
    assert {i.meeting_id for i in latest_form.fields["agenda_item"].queryset} == {meeting.pk}


def test_s5_admin_refuses_adopting_a_draft_not_ready_on_the_field(secretariat_client):
    meeting = _held(present=8)
    trajectory = _drafting()
    item = draft_item(meeting, trajectory, ready=False)
    response = secretariat_client.post(
        reverse("admin:steering_decision_add"),
        {
            "meeting": meeting.pk, "agenda_item": item.pk, "proposal": "Vaststellen",
            "votes_for": "6", "votes_against": "1", "abstentions": "1",
            "trajectory": trajectory.pk,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "trajectory" in response.context["adminform"].form.errors
    assert not Decision.objects.exists()
