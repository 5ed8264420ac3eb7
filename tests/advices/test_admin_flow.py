"""Issue 18.1: one guided flow per trajectory on its admin page. The steps with the current
one marked, the next step taken in place through the services, a refusal on its field
naming its rule with nothing half-saved, and publishing from the same page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from advices.models import Attachment, CollegeResponse, Status, Trajectory
from advices.services import advice_save_draft
from members.formats import format_date
from steering.models import Decision
from steering.services.meetings import attendance_record, decision_record, meeting_plan
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.finance.factories import PDF_BYTES
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import draft_item, invite

pytestmark = pytest.mark.django_db


def change_url(trajectory):
    return reverse("admin:advices_trajectory_change", args=[trajectory.pk])


def flow_url(trajectory):
    return reverse("admin:advices_trajectory_flow", args=[trajectory.pk])


def drafting(subject="Huishoudelijke hulp 2027", **fields):
    trajectory = advance_to(TrajectoryFactory(subject=subject, **fields), Status.DRAFTING)
    advice_save_draft(
        advice=trajectory.advice,
        by=None,
        data={"introduction": "Inleiding"},
        recommendations=["Indiceer in uren.", "Houd de eigen bijdrage laag."],
    )
    return trajectory


def held_meeting(days_ago=3, present=8):
    members = MemberFactory.create_batch(present)
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))
    meeting = invite(
        meeting_plan(
            title="Brede bijeenkomst", starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2), location="Stadhuis", by=secretary(),
        )
    )  # fmt: skip
    return attendance_record(
        meeting=meeting, attended_member_ids=[m.pk for m in members], by=secretary()
    )


def recorded(meeting, item=None, votes_for=6, votes_against=1):
    """A decision of the members, recorded without naming an advice."""
    return decision_record(
        meeting=meeting, proposal="Het advies vaststellen.", votes_for=votes_for,
        votes_against=votes_against, abstentions=1, agenda_item=item, by=secretary(),
    )  # fmt: skip


def take(client, trajectory, step, **data):
    return client.post(flow_url(trajectory), {"step": step, **data})


def test_the_page_shows_the_steps_with_the_current_one_marked(secretariat_client):
    trajectory = drafting()
    page = secretariat_client.get(change_url(trajectory))
    html = page.content.decode()
    steps = [step.key for step in page.context["flow_steps"]]
    assert steps == [
        "received", "group_formed", "drafting", "ready", "adopted", "sent", "responded",
        "monitoring", "closed",
    ]  # fmt: skip
    current = [step.key for step in page.context["flow_steps"] if step.state == "current"]
    assert current == ["drafting"]
    assert html.count('aria-current="step"') == 1
    assert page.context["flow_next"] == "ready"
    assert 'id="flow-step-form"' in html


def test_s5_ready_then_adopted_by_the_decision_of_the_meeting_that_carried_the_draft(
    secretariat_client,
):
    trajectory = drafting()
    meeting = held_meeting()
    item = draft_item(meeting, trajectory, ready=False)
    other = held_meeting(days_ago=40)
    recorded(other)  # another meeting's decision: never offered
    recorded(meeting)  # besluit 1 of the meeting, on no item
    adopting = recorded(meeting, item)  # besluit 2, on the item that carries the draft
    recorded(meeting, item, votes_for=1, votes_against=6)  # rejected: not offered

    response = take(secretariat_client, trajectory, "ready")
    assert response.status_code == 302
    page = secretariat_client.get(change_url(trajectory))
    assert page.context["flow_next"] == Status.ADOPTED
    field = page.context["flow_form"].fields["decision"]
    assert list(field.queryset) == [adopting]
    day = timezone.localdate() - datetime.timedelta(days=3)
    [(_value, label)] = list(field.choices)  # the only choice: no empty one to pass
    # The meeting's date and the decision's number within it (2), never a database id.
    assert label in {
        f"Adopted by the plenary meeting of {format_date(day)} (decision 2)",
        f"Vastgesteld door de brede bijeenkomst van {format_date(day)} (besluit 2)",
    }

    response = take(secretariat_client, trajectory, "adopted", decision=adopting.pk)
    assert response.status_code == 302
    trajectory.refresh_from_db()
    adopting.refresh_from_db()
    assert trajectory.status == Status.ADOPTED
    assert trajectory.adopted_on == day
    assert adopting.trajectory == trajectory


def test_a2_adoption_before_consulting_the_clients_council_is_refused_on_the_field(
    secretariat_client,
):
    """A Participatiewet subject: the meeting came before the consultation (A2)."""
    trajectory = drafting(law_participation=True)
    meeting = held_meeting(days_ago=10)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        clients_council_consulted_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    decision = recorded(meeting, draft_item(meeting, trajectory))
    response = take(secretariat_client, trajectory, "adopted", decision=decision.pk)
    assert response.status_code == 200
    errors = response.context["flow_form"].errors
    assert "decision" in errors and "A2" in " ".join(errors["decision"])
    trajectory.refresh_from_db()
    decision.refresh_from_db()
    assert trajectory.status == Status.DRAFTING
    assert decision.trajectory is None  # nothing half-saved


def test_s5_a_draft_not_ready_cannot_be_adopted_from_the_flow(secretariat_client):
    trajectory = drafting()
    meeting = held_meeting()
    decision = recorded(meeting, draft_item(meeting, trajectory, ready=False))
    response = take(secretariat_client, trajectory, "adopted", decision=decision.pk)
    assert response.status_code == 302  # not the next step: the page says which one is
    trajectory.refresh_from_db()
    decision.refresh_from_db()
    assert trajectory.status == Status.DRAFTING and decision.trajectory is None


def test_without_a_decision_the_adoption_step_says_where_to_record_it(secretariat_client):
    trajectory = drafting()
    meeting = held_meeting()
    draft_item(meeting, trajectory)  # ready, on the agenda, no decision yet
    page = secretariat_client.get(change_url(trajectory))
    assert "flow_form" not in page.context
    [link] = page.context["flow_needs"]["links"]
    assert link["url"].endswith(f"?meeting={meeting.pk}&trajectory={trajectory.pk}")


def test_sent_shows_todays_date_and_keeps_the_letter(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(), Status.ADOPTED)
    page = secretariat_client.get(change_url(trajectory)).content.decode()
    assert f'type="date" name="on" value="{timezone.localdate():%Y-%m-%d}"' in page

    refused = take(
        secretariat_client, trajectory, "sent", on=f"{timezone.localdate():%Y-%m-%d}",
        letter=SimpleUploadedFile("brief.pdf", b"geen pdf", content_type="application/pdf"),
    )  # fmt: skip
    assert "letter" in refused.context["flow_form"].errors
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED and not Attachment.objects.exists()

    take(
        secretariat_client, trajectory, "sent", on=f"{timezone.localdate():%Y-%m-%d}",
        letter=SimpleUploadedFile("brief.pdf", PDF_BYTES, content_type="application/pdf"),
    )  # fmt: skip
    trajectory.refresh_from_db()
    assert trajectory.status == Status.SENT
    assert trajectory.sent_on == timezone.localdate()
    assert Attachment.objects.get(trajectory=trajectory).content_type == "application/pdf"


def test_a3_the_response_per_recommendation_is_refused_on_its_field_then_recorded(
    secretariat_client,
):
    trajectory = drafting()
    trajectory = advance_to(trajectory, Status.SENT)
    first, second = trajectory.advice.recommendations.order_by("number")
    data = {
        "council_proposal_number": "RV 2026-88", "council_proposal_date": "2026-10-01",
        "received_on": "2026-10-03", f"response_{first.pk}": "adopted",
        f"response_{second.pk}": "not_adopted",
    }  # fmt: skip
    refused = take(secretariat_client, trajectory, "responded", **data)
    assert f"explanation_{second.pk}" in refused.context["flow_form"].errors
    assert not CollegeResponse.objects.exists()
    response = take(
        secretariat_client, trajectory, "responded", **data,
        **{f"explanation_{second.pk}": "Past niet in de begroting."},
    )  # fmt: skip
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == Status.RESPONDED


def test_a4_publish_and_unpublish_from_the_trajectorys_page(secretariat_client):
    adopted = advance_to(TrajectoryFactory(), Status.ADOPTED)
    assert take(secretariat_client, adopted, "publish").status_code == 302
    adopted.refresh_from_db()
    assert adopted.published_at is not None
    page = secretariat_client.get(change_url(adopted))
    assert page.context["flow_publication"].initial["step"] == "unpublish"
    take(secretariat_client, adopted, "unpublish")
    adopted.refresh_from_db()
    assert adopted.published_at is None


def test_a4_publishing_a_draft_from_the_flow_is_refused_with_its_rule(secretariat_client):
    trajectory = drafting()
    response = take(secretariat_client, trajectory, "publish")
    assert response.status_code == 200
    assert "A4" in " ".join(response.context["flow_publication"].non_field_errors())
    trajectory.refresh_from_db()
    assert trajectory.published_at is None


def test_a_step_from_a_page_left_open_is_not_taken_twice(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(), Status.SENT)
    response = take(secretariat_client, trajectory, "sent", on="2026-01-05")
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == Status.SENT and trajectory.sent_on != datetime.date(2026, 1, 5)


def test_the_steering_group_sees_the_steps_but_takes_none(steering_client):
    trajectory = drafting()
    page = steering_client.get(change_url(trajectory))
    assert page.context["flow_steps"] and "flow_form" not in page.context
    assert take(steering_client, trajectory, "ready").status_code == 403
    trajectory.advice.refresh_from_db()
    assert not trajectory.advice.ready_for_plenary


def test_a_decision_that_names_another_advice_is_not_offered(
    secretariat_client,
):
    trajectory = drafting()
    meeting = held_meeting()
    item = draft_item(meeting, trajectory)
    decision = recorded(meeting, item)
    another = advance_to(TrajectoryFactory(), Status.DRAFTING)
    Decision.objects.filter(pk=decision.pk).update(trajectory=another)
    page = secretariat_client.get(change_url(trajectory))
    assert "flow_form" not in page.context  # its one decision already names another advice
