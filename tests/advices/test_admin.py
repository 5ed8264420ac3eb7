"""The secretariat's admin screens for trajectories and project groups: thin, over the services."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.utils import timezone, translation

from advices.models import Advice, Recommendation, Status, Trajectory
from advices.services import advice_save_draft, trajectory_advance
from projectgroups.models import Participation, ProjectGroup
from steering.services.meetings import decision_record
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory, secretary, theme
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.steering.factories import PlenaryMeetingFactory, draft_item

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/advices/trajectory/"
GROUPS = "/admin/projectgroups/projectgroup/"


def action(client, url, name, objects, **data):
    return client.post(
        url,
        {"action": name, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **data},
        follow=True,
    )


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


def test_trajectory_status_cannot_be_set_in_the_change_form(secretariat_client):
    trajectory = TrajectoryFactory()
    form = secretariat_client.get(f"{CHANGELIST}{trajectory.pk}/change/").context["adminform"]
    assert "status" not in form.form.fields
    assert "status" in form.readonly_fields


def test_adding_a_trajectory_goes_through_the_service(secretariat_client):
    armoede = theme()
    response = secretariat_client.post(
        f"{CHANGELIST}add/",
        {
            "subject": "Minimabeleid 2027", "slug": "minimabeleid-2027",
            "summary": "Advies over het minimabeleid.", "kind": "requested",
            "requested_by": "policy_officer", "received_on": "2026-03-01",
            "law_participation": "on", "themes": [armoede.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    trajectory = Trajectory.objects.get(slug="minimabeleid-2027")
    assert Advice.objects.filter(trajectory=trajectory).exists()
    assert [(e.to_status, e.by) for e in trajectory.events.all()] == [
        (Status.RECEIVED, secretariat_client.user)
    ]
    assert list(trajectory.themes.all()) == [armoede]


def test_advance_action_moves_one_step_and_keeps_the_timeline(secretariat_client):
    trajectory = TrajectoryFactory()
    page = action(secretariat_client, CHANGELIST, "advance", [trajectory])
    assert "Projectgroep gevormd" in page.content.decode()  # the step it will take
    trajectory.refresh_from_db()
    assert trajectory.status == Status.RECEIVED  # not before the confirmation
    response = action(
        secretariat_client, CHANGELIST, "advance", [trajectory],
        apply="1", on="2026-04-01", reference="", note="Groep gevormd",
    )  # fmt: skip
    trajectory.refresh_from_db()
    assert trajectory.status == Status.GROUP_FORMED
    assert trajectory.events.last().note == "Groep gevormd"
    assert response.status_code == 200


def test_s5_the_admin_adopts_only_through_a_plenary_decision(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(subject="Jeugdhulp WIJ"), Status.DRAFTING)
    response = action(
        secretariat_client, CHANGELIST, "advance", [trajectory],
        apply="1", on="2026-06-10", reference="Brede bijeenkomst 10 juni 2026",
    )  # fmt: skip
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING
    assert trajectory.events.last().to_status == Status.DRAFTING
    [message] = texts(response)
    assert message.startswith("Jeugdhulp WIJ: S5:")
    assert f"/admin/steering/decision/add/?trajectory={trajectory.pk}" in message

    # The decision of the members at a held plenary meeting adopts it.
    meeting = PlenaryMeetingFactory(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(hours=22),
        status="held",
    )
    decision_record(
        meeting=meeting, proposal="Advies vaststellen", votes_for=20, votes_against=2,
        abstentions=1, trajectory=trajectory, agenda_item=draft_item(meeting, trajectory),
        by=secretary(),
    )  # fmt: skip
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED
    assert trajectory.adopted_on == timezone.localdate(meeting.starts_at)


def test_a3_advancing_to_responded_without_response_names_the_missing_step(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(subject="Wmo"), Status.SENT)
    response = action(
        secretariat_client, CHANGELIST, "advance", [trajectory], apply="1", on="2026-06-10"
    )
    trajectory.refresh_from_db()
    assert trajectory.status == Status.SENT
    [message] = texts(response)
    with translation.override("nl"):  # issue 16.5: the service's message has no rule id
        assert message == "Wmo: " + translation.gettext("Record the college's response first.")


def test_withdraw_needs_a_reason(secretariat_client):
    trajectory = TrajectoryFactory()
    page = action(secretariat_client, CHANGELIST, "withdraw", [trajectory], apply="1", reason="")
    trajectory.refresh_from_db()
    assert trajectory.status == Status.RECEIVED
    assert page.context["form"].errors["reason"]
    action(secretariat_client, CHANGELIST, "withdraw", [trajectory], apply="1", reason="Vervallen.")
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.withdrawn_reason) == (Status.WITHDRAWN, "Vervallen.")
    assert trajectory.events.last().note == "Vervallen."


def test_withdrawing_a_closed_trajectory_is_refused_with_a_message(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(subject="Beschermd wonen"), Status.CLOSED)
    response = action(
        secretariat_client, CHANGELIST, "withdraw", [trajectory], apply="1", reason="Fout."
    )
    trajectory.refresh_from_db()
    assert trajectory.status == Status.CLOSED
    assert [m.split(":")[0] for m in texts(response)] == ["Beschermd wonen"]


def sent_with_recommendations():
    trajectory = advance_to(TrajectoryFactory(subject="Mantelzorg"), Status.DRAFTING)
    advice_save_draft(
        advice=trajectory.advice, by=secretary(), data={},
        recommendations=["Respijtzorg uitbreiden", "Eén aanspreekpunt"],
    )  # fmt: skip
    return advance_to(trajectory, Status.SENT)


def test_a3_response_action_records_per_recommendation(secretariat_client):
    trajectory = sent_with_recommendations()
    first, second = Recommendation.objects.filter(advice__trajectory=trajectory)
    form = action(secretariat_client, CHANGELIST, "record_college_response", [trajectory])
    assert "Respijtzorg uitbreiden" in form.content.decode()
    data = {
        "apply": "1", "council_proposal_number": "RV 2026-77",
        "council_proposal_date": "2026-10-01", "received_on": "2026-10-02",
        f"response_{first.pk}": "adopted", f"response_{second.pk}": "not_adopted",
    }  # fmt: skip
    refused = action(
        secretariat_client, CHANGELIST, "record_college_response", [trajectory], **data
    )
    assert refused.context["form"].errors[f"explanation_{second.pk}"]
    trajectory.refresh_from_db()
    assert trajectory.status == Status.SENT

    data[f"explanation_{second.pk}"] = "Past niet in de begroting."
    done = action(secretariat_client, CHANGELIST, "record_college_response", [trajectory], **data)
    assert done.redirect_chain[-1][0] == f"{CHANGELIST}{trajectory.pk}/change/"
    trajectory.refresh_from_db()
    assert trajectory.status == Status.RESPONDED
    assert trajectory.college_response.council_proposal_number == "RV 2026-77"
    second.refresh_from_db()
    assert (second.response, second.response_explanation) == (
        "not_adopted", "Past niet in de begroting.",
    )  # fmt: skip


def test_steering_group_sees_trajectories_but_has_no_workflow_actions(steering_client):
    TrajectoryFactory()
    response = steering_client.get(CHANGELIST)
    assert response.status_code == 200
    assert not response.context["cl"].model_admin.get_actions(response.wsgi_request)


def test_a3_changelist_flags_and_filters_overdue_responses(secretariat_client, settings):
    settings.ASDG_RESPONSE_REMINDER_WEEKS = 8
    late = advance_to(TrajectoryFactory(subject="Te laat"), Status.ADOPTED)
    trajectory_advance(trajectory=late, to=Status.SENT, by=None, on=datetime.date(2020, 1, 1))
    advance_to(TrajectoryFactory(subject="Nog niet verstuurd"), Status.DRAFTING)
    response = secretariat_client.get(CHANGELIST, {"response": "overdue"})
    assert [t.subject for t in response.context["cl"].result_list] == ["Te laat"]
    assert 'alt="True"' in response.content.decode()


def test_trajectory_pages_query_count_is_flat(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)

    def grow(n):
        for _ in range(n):
            trajectory = advance_to(TrajectoryFactory(), Status.GROUP_FORMED)
            trajectory.themes.add(theme())

    assert_queries_flat(lambda: secretariat_client.get(CHANGELIST), grow)
    assert_queries_flat(
        lambda: secretariat_client.get(f"{CHANGELIST}{trajectory.pk}/change/"),
        lambda n: [
            trajectory.attachments.create(
                title=f"Bijlage {i}", file="attachments/x.pdf", content_type="application/pdf",
                size=10, uploaded_by=secretary(),
            )
            for i in range(n)
        ],
    )  # fmt: skip


def test_advice_change_form_query_count_is_flat(secretariat_client):
    advice = TrajectoryFactory().advice

    def grow(n):
        texts = [r.text for r in advice.recommendations.all()]
        advice_save_draft(
            advice=advice,
            by=None,
            data={},
            recommendations=texts + [f"Aanbeveling {i}" for i in range(n)],
        )

    assert_queries_flat(
        lambda: secretariat_client.get(f"/admin/advices/advice/{advice.pk}/change/"), grow
    )


def test_projectgroup_changelist_query_count_is_flat(secretariat_client):
    def grow(n):
        for _ in range(n):
            ParticipationFactory.create_batch(2, group=ProjectGroupFactory())

    assert_queries_flat(lambda: secretariat_client.get(GROUPS), grow)


def test_p2_phase_action_calls_the_service(steering_client):
    group = ProjectGroupFactory(name="Armoede")
    ParticipationFactory.create_batch(4, group=group)
    response = action(steering_client, GROUPS, "next_phase", [group])
    group.refresh_from_db()
    assert group.phase == ProjectGroup.Phase.THINKING_ALONG
    assert [m.split(":")[0] for m in texts(response)] == ["Armoede"]
    ParticipationFactory(group=group)
    action(steering_client, GROUPS, "next_phase", [group])
    group.refresh_from_db()
    assert group.phase == ProjectGroup.Phase.ADVISING


def test_p2_confirm_action_stops_at_ten_members(steering_client):
    group = ProjectGroupFactory()
    ParticipationFactory.create_batch(9, group=group)
    waiting = [Participation.objects.create(group=group, member=MemberFactory()) for _ in range(2)]
    action(steering_client, GROUPS, "confirm_signups", [group])
    statuses = [Participation.objects.get(pk=p.pk).status for p in waiting]
    assert statuses == [Participation.Status.CONFIRMED, Participation.Status.REQUESTED]
    assert group.participations.filter(status="confirmed").count() == 10


def test_phase_is_read_only_in_the_projectgroup_form(steering_client):
    group = ProjectGroupFactory()
    form = steering_client.get(f"{GROUPS}{group.pk}/change/").context["adminform"]
    assert "phase" not in form.form.fields


def test_p1_adding_a_projectgroup_goes_through_the_service(steering_client):
    trajectory = TrajectoryFactory()
    response = steering_client.post(
        f"{GROUPS}add/",
        {
            "trajectory": trajectory.pk, "name": "Projectgroep Minima", "open_for_signup": "on",
            "external_support_hours": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["errors"]
    group = ProjectGroup.objects.get()
    assert group.created_by == steering_client.user
    trajectory.refresh_from_db()
    assert trajectory.status == Status.GROUP_FORMED


def test_projectgroup_change_form_query_count_is_flat(secretariat_client):
    group = ProjectGroupFactory()

    def grow(n):
        for _ in range(n):
            ParticipationFactory(group=group)
            Participation.objects.create(group=group, member=MemberFactory())
            group.meetings.create(starts_at=timezone.now(), place="Stadhuis")

    assert_queries_flat(
        lambda: secretariat_client.get(f"{GROUPS}{group.pk}/change/"), grow, factor=5
    )


def test_response_action_on_a_trajectory_not_sent_names_its_step(secretariat_client):
    trajectory = advance_to(TrajectoryFactory(subject="Toegankelijkheid"), Status.DRAFTING)
    response = action(secretariat_client, CHANGELIST, "record_college_response", [trajectory])
    [message] = texts(response)
    assert message.startswith("Toegankelijkheid:") and "“Advies schrijven”" in message


def test_editing_the_advice_in_the_admin_keeps_a_version(secretariat_client):
    advice = TrajectoryFactory().advice
    url = f"/admin/advices/advice/{advice.pk}/change/"
    response = secretariat_client.post(
        url,
        {
            "introduction": "Nieuwe inleiding", "way_of_working": "", "considerations": "",
            "recommendations-TOTAL_FORMS": "2", "recommendations-INITIAL_FORMS": "0",
            "recommendations-0-number": "2", "recommendations-0-text": "Tweede",
            "recommendations-1-number": "1", "recommendations-1-text": "Eerste",
        },
    )  # fmt: skip
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.introduction, advice.version) == ("Nieuwe inleiding", 2)
    assert [r.text for r in advice.recommendations.all()] == ["Eerste", "Tweede"]
    assert advice.versions.get().by == secretariat_client.user


def test_s5_adopted_advice_is_read_only_in_the_admin(secretariat_client):
    advice = advance_to(TrajectoryFactory(), Status.ADOPTED).advice
    url = f"/admin/advices/advice/{advice.pk}/change/"
    assert "introduction" not in secretariat_client.get(url).context["adminform"].form.fields
    secretariat_client.post(url, {"introduction": "Gewijzigd"})
    advice.refresh_from_db()
    assert advice.introduction == ""


def test_p3_closing_from_the_admin_dissolves_the_project_group(secretariat_client):
    group = ProjectGroupFactory()
    advance_to(group.trajectory, Status.RESPONDED)
    action(
        secretariat_client, CHANGELIST, "advance", [group.trajectory],
        apply="1", on="2026-10-01", reference="", note="",
    )  # fmt: skip
    group.refresh_from_db()
    assert group.phase == ProjectGroup.Phase.MONITORING
    action(
        secretariat_client, CHANGELIST, "advance", [group.trajectory],
        apply="1", on="2026-11-01", reference="", note="",
    )  # fmt: skip
    group.refresh_from_db()
    group.trajectory.refresh_from_db()
    assert (group.phase, group.trajectory.status) == ("dissolved", Status.CLOSED)


# --- A2 and constraint messages on the field (issue 21.5 and 21.6) -------------------------


def _post_change(client, trajectory, **changes):
    """The change form as the page sends it, with `changes`; "" leaves a field out."""
    data = {
        "subject": trajectory.subject, "slug": trajectory.slug, "summary": trajectory.summary,
        "kind": trajectory.kind, "requested_by": trajectory.requested_by,
        "municipal_contact": trajectory.municipal_contact_id or "",
        "received_on": trajectory.received_on.isoformat(),
        "law_wmo": "on" if trajectory.law_wmo else "",
        "law_participation": "on" if trajectory.law_participation else "",
        "clients_council_consulted_on": (
            trajectory.clients_council_consulted_on.isoformat()
            if trajectory.clients_council_consulted_on else ""
        ),
        **changes,
    }  # fmt: skip
    data = {key: value for key, value in data.items() if value != ""}
    url = f"{CHANGELIST}{trajectory.pk}/change/"
    # The inlines' management forms, as the page renders them.
    for formset in client.get(url).context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, field in management.fields.items():
            data[management.add_prefix(name)] = management.initial.get(name, field.initial)
    return client.post(url, data)


def _adopted_participation(consulted_on=datetime.date(2026, 5, 1)):
    trajectory = TrajectoryFactory(
        law_participation=True, clients_council_consulted_on=consulted_on
    )
    return advance_to(trajectory, Status.ADOPTED)


def _field_errors(response, field):
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    page = response.content.decode()
    assert "a2_" not in page and "Constraint" not in page and "Beperking" not in page
    return form.errors.get(field)


def test_a2_admin_clearing_the_consultation_of_an_adopted_advice_says_so_on_the_field(
    secretariat_client,
):
    trajectory = _adopted_participation()
    response = _post_change(secretariat_client, trajectory, clients_council_consulted_on="")
    assert _field_errors(response, "clients_council_consulted_on")
    trajectory.refresh_from_db()
    assert trajectory.clients_council_consulted_on == datetime.date(2026, 5, 1)


def test_a2_admin_ticking_participatiewet_on_a_sent_advice_says_so_on_the_field(
    secretariat_client,
):
    trajectory = advance_to(TrajectoryFactory(), Status.SENT)
    response = _post_change(secretariat_client, trajectory, law_participation="on")
    assert _field_errors(response, "clients_council_consulted_on")
    trajectory.refresh_from_db()
    assert not trajectory.law_participation


def test_a2_admin_consultation_moved_after_the_adoption_says_so_on_the_field(
    secretariat_client,
):
    trajectory = _adopted_participation()
    later = (trajectory.adopted_on + datetime.timedelta(days=14)).isoformat()
    response = _post_change(secretariat_client, trajectory, clients_council_consulted_on=later)
    assert _field_errors(response, "clients_council_consulted_on")
    trajectory.refresh_from_db()
    assert trajectory.clients_council_consulted_on == datetime.date(2026, 5, 1)
