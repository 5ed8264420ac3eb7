"""The rule × write-path matrix (tests/rule_matrix.py), issue 21.

Discovery: every admin add/change form, inline and action over a model a rule governs
must be listed in the matrix. Each listed path names a test that tries a violating
write through it; the cases named `matrix:<case>` live here, the others elsewhere and are
checked to exist. A closed path (an admin page taken away, answering 403) must stay shut.
"""

import datetime
import importlib
from pathlib import Path as FilePath

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from advices.models import Recommendation, Status, Trajectory
from finance.models import BudgetYear, ExpenseClaim
from members.constraints import refusal
from members.models import (
    Application,
    Member,
    RecruitmentRound,
    TermExtensionRequest,
    User,
)
from members.models.common import IncompatibilityAnswers
from members.services.membership import term_extension_decide
from members.services.recruitment import application_decide
from projectgroups.models import ProjectGroup
from steering.models import Decision, Election, Seat, SeatSource
from steering.services.meetings import decision_record
from steering.services.seats import seat_assign
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.fuzz.forms import parse_forms
from tests.harness import login_verified
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    secretary,
    steering_member,
)
from tests.projectgroups.factories import ProjectGroupFactory
from tests.rule_matrix import NO_RULE_WRITES, PATHS, RULES, governed_models, markdown
from tests.steering.factories import ElectionFactory, SeatFactory

ROOT = FilePath(__file__).resolve().parents[2]
TODAY = timezone.localdate


# --- Discovery ------------------------------------------------------------------------


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


def _inlines(model_admin):
    """Every inline of the admin, on its add page and its change page."""
    request, model = _superuser_request(), model_admin.model
    classes = dict.fromkeys(
        [*model_admin.get_inlines(request, None), *model_admin.get_inlines(request, model())]
    )
    return [inline(model, admin.site) for inline in classes]


STANDARD_ADMIN_VIEWS = {"changelist", "add", "history", "delete", "change"}


def discovered_admin_paths() -> set[str]:
    """Every admin form, inline and action that can write a model a rule governs."""
    governed, request, paths = governed_models(), _superuser_request(), set()
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        inlines = [
            inline
            for inline in _inlines(model_admin)
            if label in governed or inline.model._meta.label_lower in governed
        ]
        for inline in inlines:
            paths.add(f"admin inline {label} > {inline.model._meta.label_lower}")
        if label not in governed:
            continue
        if model_admin.has_add_permission(request):
            paths.add(f"admin add {label}")
        if model_admin.has_change_permission(request):
            paths.add(f"admin change {label}")
        # Deleting writes no governed field: the database's PROTECT keys guard what it may not.
        for name in model_admin.get_actions(request):
            if name != "delete_selected":
                paths.add(f"admin action {label}.{name}")
        # A view of the admin's own beyond the standard five (a decision page, say).
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            view = (pattern.name or "").removeprefix(prefix)
            if view and view not in STANDARD_ADMIN_VIEWS:
                paths.add(f"admin view {label}.{view}")
    return paths


def listed_admin_paths() -> set[str]:
    return {
        path.where for path in PATHS if path.where.startswith("admin") and not path.closed
    } | set(NO_RULE_WRITES)


def closed_admin_paths() -> set[str]:
    return {path.where for path in PATHS if path.closed}


def test_every_admin_path_over_a_governed_model_is_in_the_matrix():
    reopened = discovered_admin_paths() & closed_admin_paths()
    assert not reopened, f"admin paths the matrix lists as closed are open again: {reopened}"
    missing = discovered_admin_paths() - listed_admin_paths()
    assert not missing, (
        f"admin paths over governed models missing in tests/rule_matrix.py: {missing}"
    )


def test_the_matrix_lists_no_admin_path_that_does_not_exist():
    stale = listed_admin_paths() - discovered_admin_paths()
    assert not stale, stale


def test_every_rule_that_constrains_data_has_paths():
    assert set(RULES) == {"M2", "M3", "M5", "M6", "M7", "S1", "S2", "S3", "S4", "S5", "P2", "P3",
                          "A2", "A3", "A4", "A5", "F2", "M9"}  # fmt: skip
    assert {path.rule for path in PATHS} == set(RULES)


def test_every_constraint_named_after_a_rule_is_in_the_matrix():
    """A constraint named after a rule of the matrix (m7_..., a2_...) is one of its paths."""
    from tests.asdg.test_constraints import _declared_constraints

    named = {name for name in _declared_constraints()[0] if name.split("_")[0].upper() in RULES}
    listed = {path.test.split("[")[-1].rstrip("]") for path in PATHS if "[" in path.test}
    assert named <= listed, named - listed


def test_every_named_test_exists():
    for path in PATHS:
        if path.test.startswith("matrix:"):
            assert path.test.removeprefix("matrix:") in CASES, path
            continue
        file, name = path.test.split("::")
        module = importlib.import_module(file.removesuffix(".py").replace("/", "."))
        assert hasattr(module, name.split("[")[0]), path.test
        if name.startswith("test_database_refuses["):
            assert name[len("test_database_refuses[") : -1] in module.VIOLATIONS, path.test


def test_every_portal_path_is_a_page_of_the_site():
    for path in PATHS:
        if path.kind == "portal":
            url = path.where.split()[1].replace("<pk>", "1")
            try:
                resolve(url)
            except Resolver404:
                pytest.fail(f"{path.where}: no such page")


def test_every_service_path_names_a_function():
    for path in PATHS:
        if path.kind == "service":
            module, _, name = path.where.split()[1].rpartition(".")
            owner = importlib.import_module(module) if "models" not in module else None
            if owner is None:  # a model's method: module.Model.method
                module, _, model = module.rpartition(".")
                owner = getattr(importlib.import_module(module), model)
            assert callable(getattr(owner, name, None)), path.where


def test_docs_rules_md_is_up_to_date():
    written = (ROOT / "docs" / "rules.md").read_text()
    assert written == markdown(), "run: python -m tests.rule_matrix > docs/rules.md"


# --- Helpers for the admin cases ------------------------------------------------------

CONSTRAINT_NAMES = [
    constraint.name
    for model in [Member, Application, RecruitmentRound, TermExtensionRequest, Seat, Election,
                  Trajectory, ProjectGroup]
    for constraint in model._meta.constraints
]  # fmt: skip


def _form_data(client, url) -> dict:
    """The admin form on `url` as the browser would post it untouched."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    forms = parse_forms(page.content.decode(), url)
    form = max(forms, key=lambda f: len(f.fields))
    return form.initial()


def _post(client, url, **changes):
    data = _form_data(client, url)
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    data.pop("_addanother", None), data.pop("_continue", None)
    return client.post(url, data)


def _refused_in_dutch(response, field=None):
    """Shown again with an error on the form (on `field` if given), in words, not a
    constraint's name."""
    assert response.status_code == 200, response.status_code
    errors = response.context["adminform"].form.errors
    inline_errors = [e for formset in response.context.get("inline_admin_formsets", [])
                     for e in formset.formset.errors if e]  # fmt: skip
    assert errors or inline_errors
    if field:
        assert field in errors, errors
    text = response.content.decode()
    assert not [name for name in CONSTRAINT_NAMES if name in text]


def _change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def _add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def _changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


# --- The matrix's own cases -----------------------------------------------------------


def m2_admin_add_round_outside_its_year(client):
    response = _post(client, _add_url(RecruitmentRound), year="2027",
                     opens_on="2027-12-01", closes_on="2028-01-15")  # fmt: skip
    _refused_in_dutch(response, "opens_on")
    assert not RecruitmentRound.objects.filter(year=2027).exists()


def m2_admin_change_second_round_in_a_year(client):
    RecruitmentRoundFactory(year=2027, opens_on="2027-03-01", closes_on="2027-04-01")
    other = RecruitmentRoundFactory(year=2028, opens_on="2028-03-01", closes_on="2028-04-01")
    response = _post(client, _change_url(other), year="2027",
                     opens_on="2027-09-01", closes_on="2027-10-01")  # fmt: skip
    _refused_in_dutch(response)
    assert RecruitmentRound.objects.filter(year=2027).count() == 1


def _member_fields(**changes):
    """An admin add-member post for a new person."""
    return {
        "first_name": "Anna", "last_name": "de Vries", "email": "anna@example.org",
        "street_address": "Grote Markt 1", "postcode": "9711 LV",
        "date_of_birth": "1970-05-01", "start_date": TODAY().replace(month=1, day=1).isoformat(),
        "term_years": "2", "extension_months": "0", **changes,
    }  # fmt: skip


def m5_admin_add_member_page_is_gone(client):
    """M5, M7: a member comes only from an admitted application, never from the admin."""
    applicant = ApplicationFactory(m5_employee=True, email="anna@example.org")
    url = _add_url(Member)
    assert client.get(url).status_code == 403
    fields = _member_fields(postcode_area=str(applicant.postcode_area_id), term_years="5")
    assert client.post(url, fields).status_code == 403
    assert not Member.objects.filter(email__iexact=applicant.email).exists()


def m5_admin_change_member_ignores_the_end(client):
    member = MemberFactory()
    _post(client, _change_url(member), ended_on="2026-01-01", end_reason="incompatible",
          end_due_on="2026-01-01")  # fmt: skip
    member.refresh_from_db()
    assert (member.ended_on, member.end_reason, member.end_due_on) == (None, "", None)


def m5_admin_action_end_incompatible_records_the_reason(client):
    member, ended = MemberFactory(), MemberFactory(ended_on=TODAY(), end_reason="resigned")
    client.post(_changelist(Member), {"action": "end_incompatible",
                                      ACTION_CHECKBOX_NAME: [member.pk, ended.pk]})  # fmt: skip
    member.refresh_from_db(), ended.refresh_from_db()
    assert member.end_reason == Member.EndReason.INCOMPATIBLE and member.ended_on == TODAY()
    assert ended.end_reason == "resigned"  # an ended membership is not ended again


def m5_declared_incompatible_member_gets_no_new_signup(client):
    """Declared "yes" in the portal: no new project-group sign-up from then on."""
    member = MemberFactory()
    login_verified(client, member.user)
    answers = {name: "yes" if name == "m5_employee" else "no"
               for name in IncompatibilityAnswers.QUESTIONS}  # fmt: skip
    client.post(reverse("membership:declaration"), answers)
    member.refresh_from_db()
    assert member.declarations.get().m5_employee and member.end_due_on is not None
    group = ProjectGroupFactory()
    client.post(reverse("projectgroups:signup", args=[group.pk]))
    assert not group.participations.filter(member=member).exists()


def m7_portal_admission_term_over_four_years(client):
    application = ApplicationFactory()
    login_verified(client, steering_member())
    response = client.post(reverse("review:detail", kwargs={"pk": application.pk}), {
        "decision": "admitted", "reason": "Ervaring met armoedebeleid.",
        "start_date": TODAY().isoformat(), "term_years": "5"})  # fmt: skip
    assert response.status_code == 200 and "term_years" in response.context["form"].errors
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
    assert not Member.objects.filter(email__iexact=application.email).exists()


def m7_service_admission_term_over_four_years(client):
    application = ApplicationFactory()
    with pytest.raises(ValidationError) as refused:
        application_decide(application=application, decision="admitted", by=steering_member(),
                           reason="Ervaring met armoedebeleid.", term_years=5)  # fmt: skip
    assert "term_years" in refused.value.message_dict
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
    assert not Member.objects.filter(email__iexact=application.email).exists()


def _granted(months=6, **member_fields):
    member = MemberFactory(**member_fields)
    request = TermExtensionRequest.objects.create(member=member, months=months)
    term_extension_decide(request=request, grant=True, by=secretary())
    member.refresh_from_db()
    return member


def m7_admin_change_member_extension_beyond_its_request(client):
    member = _granted(months=6)
    term_end = member.term_end
    _post(client, _change_url(member), extension_months="12")
    member.refresh_from_db()
    assert (member.extension_months, member.term_end) == (6, term_end)


def m7_admin_change_member_term_without_a_request(client):
    member = MemberFactory(start_date=datetime.date(2025, 1, 1), term_years=2)
    _post(client, _change_url(member), term_years="4")
    member.refresh_from_db()
    assert member.term_years == 2


def m7_admin_change_extension_request_ignores_months(client):
    request = TermExtensionRequest.objects.create(member=MemberFactory(), months=6)
    client.post(_change_url(request), {"months": "24", "status": "granted"})
    request.refresh_from_db()
    assert (request.months, request.status) == (6, TermExtensionRequest.Status.PENDING)


def m7_admin_action_grant_a_second_extension(client):
    member = _granted(months=3)
    second = TermExtensionRequest.objects.create(member=member, months=6)
    chosen = {"action": "grant", ACTION_CHECKBOX_NAME: [second.pk]}
    response = client.post(_changelist(TermExtensionRequest), chosen, follow=True)
    second.refresh_from_db(), member.refresh_from_db()
    assert second.status == TermExtensionRequest.Status.PENDING and member.extension_months == 3
    assert any(m.level_tag == "error" for m in response.context["messages"])


def _elected_member(**member_fields):
    election = ElectionFactory(results_at=timezone.now(), seats=1)
    member = MemberFactory(**member_fields)
    election.candidates.create(member=member, elected=True)
    return election, member


def _seat_fields(election, member, **changes):
    return {"member": str(member.pk), "role": "member", "source": SeatSource.ELECTED,
            "election": str(election.pk), "starts_on": TODAY().isoformat(), "term_years": "2",
            **changes}  # fmt: skip


def s1_admin_add_seventh_seat(client):
    for _ in range(6):
        SeatFactory()
    election, member = _elected_member()
    response = client.post(_add_url(Seat), _seat_fields(election, member, term_years="1"))
    _refused_in_dutch(response)
    assert Seat.objects.count() == 6


def s1_admin_add_seat_outside_the_membership(client):
    member = MemberFactory(start_date=datetime.date(2026, 1, 1))
    response = client.post(_add_url(Seat), {
        "member": str(member.pk), "role": "member", "source": SeatSource.APPOINTED,
        "starts_on": "2021-01-01", "term_years": "1"})  # fmt: skip
    _refused_in_dutch(response, "starts_on")
    assert not Seat.objects.filter(member=member).exists()


def s1_service_seat_outside_the_membership(client):
    member = MemberFactory(start_date=datetime.date(2026, 1, 1), term_years=1)
    with pytest.raises(ValidationError) as before:
        seat_assign(member=member, role="member", tasks=[], starts_on=datetime.date(2021, 1, 1),
                    term_years=1, source=SeatSource.APPOINTED, by=secretary())  # fmt: skip
    assert "starts_on" in before.value.message_dict
    first = MemberFactory(start_date=datetime.date(2021, 1, 1), term_years=1)
    with pytest.raises(ValidationError) as past:  # past the end of the term (and its extension)
        seat_assign(member=first, role="member", tasks=[], starts_on=datetime.date(2021, 1, 1),
                    term_years=3, source=SeatSource.APPOINTED, by=secretary())  # fmt: skip
    assert "term_years" in past.value.message_dict
    assert not Seat.objects.filter(member__in=[member, first]).exists()


def s1_database_seat_outside_the_membership(client):
    member = MemberFactory(start_date=datetime.date(2026, 1, 1), term_years=1)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Seat.objects.create(member=member, source=SeatSource.APPOINTED,
                            starts_on=datetime.date(2021, 1, 1), term_years=1)  # fmt: skip
    assert set(refusal(refused.value).message_dict) == {"starts_on"}  # a message, on its field
    assert not Seat.objects.filter(member=member).exists()


def s2_admin_add_appointed_seat_after_the_first_group(client):
    member = MemberFactory(start_date=datetime.date(2021, 1, 1))
    response = client.post(_add_url(Seat), {
        "member": str(member.pk), "role": "member", "source": SeatSource.APPOINTED,
        "starts_on": "2022-01-01", "term_years": "1"})  # fmt: skip
    _refused_in_dutch(response)
    assert not Seat.objects.exists()


def s3_admin_add_seat_of_five_years(client):
    election, member = _elected_member()
    response = client.post(_add_url(Seat), _seat_fields(election, member, term_years="5"))
    _refused_in_dutch(response)
    assert not Seat.objects.exists()


def s1_admin_change_seat_ignores_member_and_term(client):
    seat, other = SeatFactory(), MemberFactory()
    _post(client, _change_url(seat), member=str(other.pk), term_years="4", starts_on="2020-01-01")
    seat.refresh_from_db()
    assert (seat.member_id, seat.term_years) != (other.pk, 4) and seat.term_years == 2


def s1_admin_action_end_seat_before_it_starts(client):
    seat = SeatFactory()
    chosen = {"action": "end_seats", ACTION_CHECKBOX_NAME: [seat.pk], "apply": "1",
              "ended_on": (seat.starts_on - datetime.timedelta(1)).isoformat(),
              "end_reason": "resigned"}  # fmt: skip
    response = client.post(_changelist(Seat), chosen, follow=True)
    seat.refresh_from_db()
    assert seat.ended_on is None
    assert any(m.level_tag == "error" for m in response.context["messages"])


def s2_admin_action_determine_results_while_voting(client):
    election = ElectionFactory()  # voting is open
    chosen = {"action": "determine_results", ACTION_CHECKBOX_NAME: [election.pk]}
    response = client.post(_changelist(Election), chosen, follow=True)
    election.refresh_from_db()
    assert election.results_at is None and not Seat.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def s4_admin_add_seat_breaking_the_retirement_schedule(client):
    starts = TODAY() - datetime.timedelta(100)
    for _ in range(3):  # half of the six seats end in the same year
        SeatFactory(starts_on=starts, term_years=2)
    election, member = _elected_member()
    fields = _seat_fields(election, member, starts_on=starts.isoformat(), term_years="2")
    response = client.post(_add_url(Seat), fields)
    _refused_in_dutch(response)
    assert "term_years" in response.context["adminform"].form.errors
    assert Seat.objects.count() == 3


def s4_admin_change_seat_with_a_task_not_in_the_regulation(client):
    seat = SeatFactory()
    response = client.post(_change_url(seat), {"role": "chair", "tasks": ["lobbying"]})
    _refused_in_dutch(response)
    seat.refresh_from_db()
    assert (seat.role, seat.tasks) == ("member", [])


def s3_admin_add_election_of_five_years(client):
    now = timezone.now()
    stamp = lambda days: (now + datetime.timedelta(days)).strftime("%Y-%m-%d %H:%M")  # noqa: E731
    data = {"title": "Verkiezing", "seats": "2", "term_years": "5",
            "seats_start_on": (TODAY() + datetime.timedelta(60)).isoformat()}  # fmt: skip
    for index, name in enumerate(["nomination_opens_at", "nomination_closes_at",
                                  "voting_opens_at", "voting_closes_at"]):  # fmt: skip
        day, time = stamp(1 + 7 * index).split()
        data |= {f"{name}_0": day, f"{name}_1": time}
    response = client.post(_add_url(Election), data)
    _refused_in_dutch(response)
    assert not Election.objects.exists()


def s3_admin_change_election_ignores_term(client):
    election = ElectionFactory(term_years=3)
    _post(client, _change_url(election), term_years="9", seats="7")
    election.refresh_from_db()
    assert (election.term_years, election.seats) == (3, 2)


def p2_admin_add_projectgroup_ignores_the_phase(client):
    trajectory = TrajectoryFactory()
    client.post(_add_url(ProjectGroup), {
        "trajectory": trajectory.pk, "name": "Projectgroep Minima", "open_for_signup": "on",
        "external_support_hours": "0", "phase": "advising"})  # fmt: skip
    group = ProjectGroup.objects.get(trajectory=trajectory)
    assert group.phase == ProjectGroup.Phase.THINKING_ALONG


def p3_admin_action_next_phase_to_monitoring_before_the_response(client):
    from tests.projectgroups.factories import ParticipationFactory

    group = ProjectGroupFactory(phase=ProjectGroup.Phase.ADVISING)
    ParticipationFactory.create_batch(5, group=group)
    advance_to(group.trajectory, Status.DRAFTING)
    chosen = {"action": "next_phase", ACTION_CHECKBOX_NAME: [group.pk]}
    response = client.post(_changelist(ProjectGroup), chosen, follow=True)
    group.refresh_from_db()
    assert group.phase == ProjectGroup.Phase.ADVISING  # P2's floor still holds
    assert any(m.level_tag == "error" for m in response.context["messages"])


def m9_admin_action_approve_a_rejected_claim(client):
    from finance.services.claims import claim_reject
    from tests.finance.factories import ExpenseClaimFactory

    claim = claim_reject(claim=ExpenseClaimFactory(), by=secretary(), reason="Geen bon")
    chosen = {"action": "approve", ACTION_CHECKBOX_NAME: [claim.pk]}
    client.post(_changelist(ExpenseClaim), chosen, follow=True)  # decided claims are skipped
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.REJECTED and claim.booking is None


def m9_portal_claim_of_nothing(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.finance.factories import PDF_BYTES

    member = MemberFactory()
    login_verified(client, member.user)
    receipt = SimpleUploadedFile("bon.pdf", PDF_BYTES, content_type="application/pdf")
    data = {"date": "2021-03-01", "amount": "0,00", "description": "Niets", "receipt": receipt}
    response = client.post(reverse("finance:claim-create"), data)
    assert response.status_code == 200 and response.context["form"].errors["amount"]
    assert not ExpenseClaim.objects.exists()


def p3_admin_change_projectgroup_ignores_phase_and_dissolution(client):
    group = ProjectGroupFactory()
    _post(client, _change_url(group), phase="dissolved", dissolved_on="2026-01-01")
    group.refresh_from_db()
    assert (group.phase, group.dissolved_on) == (ProjectGroup.Phase.THINKING_ALONG, None)


def a2_admin_add_trajectory_without_a_law(client):
    response = _post(client, _add_url(Trajectory), subject="Zonder wet", slug="zonder-wet",
                     summary="Vraag", kind="unsolicited", received_on="2026-03-01",
                     law_wmo=[], law_youth=[], law_participation=[])  # fmt: skip
    _refused_in_dutch(response, "law_wmo")
    assert not Trajectory.objects.filter(slug="zonder-wet").exists()


def a2_admin_change_adopted_trajectory_clearing_the_consultation(client):
    consulted = datetime.date(2026, 5, 1)
    trajectory = TrajectoryFactory(law_participation=True, clients_council_consulted_on=consulted)
    trajectory = advance_to(trajectory, Status.ADOPTED)
    response = _post(client, _change_url(trajectory), clients_council_consulted_on="")
    _refused_in_dutch(response, "clients_council_consulted_on")
    trajectory.refresh_from_db()
    assert trajectory.clients_council_consulted_on == datetime.date(2026, 5, 1)


def a2_admin_add_decision_with_consultation_after_the_meeting(client):
    from tests.steering.test_decisions import _held

    meeting = _held(present=8)
    trajectory = advance_to(TrajectoryFactory(law_participation=True), Status.DRAFTING)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        clients_council_consulted_on=timezone.localdate(meeting.starts_at) + datetime.timedelta(20)
    )
    response = client.post(_add_url(Decision), {
        "meeting": meeting.pk, "proposal": "Vaststellen", "votes_for": "6",
        "votes_against": "1", "abstentions": "1", "trajectory": trajectory.pk})  # fmt: skip
    _refused_in_dutch(response, "trajectory")
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING and not Decision.objects.exists()


def a2_service_decision_with_consultation_after_the_meeting(client):
    from tests.steering.test_decisions import _held

    meeting = _held(present=8)
    trajectory = advance_to(TrajectoryFactory(law_participation=True), Status.DRAFTING)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        clients_council_consulted_on=timezone.localdate(meeting.starts_at) + datetime.timedelta(20)
    )
    with pytest.raises(ValidationError) as refused:
        decision_record(meeting=meeting, proposal="Vaststellen", votes_for=6, votes_against=1,
                        abstentions=1, trajectory=trajectory, by=secretary())  # fmt: skip
    assert "trajectory" in refused.value.message_dict
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING and not Decision.objects.exists()


def a3_admin_inline_recommendation_ignores_the_response(client):
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)
    recommendation = Recommendation.objects.create(advice=trajectory.advice, number=1, text="Doe")
    data = _form_data(client, _change_url(trajectory.advice))
    prefix = next(k for k in data if k.endswith("-0-id")).removesuffix("-0-id")
    data |= {f"{prefix}-0-response": ["adopted"], f"{prefix}-0-response_explanation": ["Ja"]}
    client.post(_change_url(trajectory.advice), data)
    recommendation.refresh_from_db()
    assert (recommendation.response, recommendation.response_explanation) == ("", "")


def a4_admin_change_trajectory_ignores_published_at(client):
    trajectory = TrajectoryFactory()
    _post(client, _change_url(trajectory), published_at="2026-01-01 10:00", status="adopted")
    trajectory.refresh_from_db()
    assert trajectory.published_at is None and trajectory.status == Status.RECEIVED


def f2_admin_add_year_with_a_line_missing_its_members(client):
    url = _add_url(BudgetYear)
    data = _form_data(client, url)
    line = next(k for k in data if k.endswith("-TOTAL_FORMS") and "line" in k).removesuffix(
        "-TOTAL_FORMS"
    )
    data |= {"year": ["2030"], f"{line}-TOTAL_FORMS": ["1"], f"{line}-0-name": ["Training"],
             f"{line}-0-kind": ["training"], f"{line}-0-basis": ["per_member"],
             f"{line}-0-unit_amount": ["100"], f"{line}-0-position": ["1"]}  # fmt: skip
    _refused_in_dutch(client.post(url, data))
    assert not BudgetYear.objects.filter(year=2030).exists()


def _readonly_inline(parent: str, child: str):
    def case(client):
        request = _superuser_request()
        model = next(m for m in admin.site._registry if m._meta.label_lower == parent)
        inline = next(i for i in _inlines(admin.site._registry[model])
                      if i.model._meta.label_lower == child)  # fmt: skip
        obj = model()
        assert not inline.has_add_permission(request, obj)
        if inline.has_change_permission(request, obj):
            fields = set(inline.get_fields(request, obj))
            assert fields <= set(inline.get_readonly_fields(request, obj)), fields

    return case


CASES = {
    name: case
    for name, case in globals().items()
    if callable(case) and name.split("_")[0] in {r.lower() for r in RULES}
}
CASES |= {
    "readonly_inline_steering_election_candidate": _readonly_inline(
        "steering.election", "steering.candidate"
    ),
    "readonly_inline_projectgroups_projectgroup_participation": _readonly_inline(
        "projectgroups.projectgroup", "projectgroups.participation"
    ),
    "readonly_inline_steering_plenarymeeting_decision": _readonly_inline(
        "steering.plenarymeeting", "steering.decision"
    ),
    "readonly_inline_steering_roomvote_roomvoteroll": _readonly_inline(
        "steering.roomvote", "steering.roomvoteroll"
    ),
    "readonly_inline_members_member_termextensionrequest": _readonly_inline(
        "members.member", "members.termextensionrequest"
    ),
}


def _params():
    seen = set()
    for path in PATHS:
        name = path.test.removeprefix("matrix:")
        if not path.test.startswith("matrix:") or name in seen:
            continue
        seen.add(name)
        yield pytest.param(name, id=name)


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(_params()))
def test_rule_path(case, secretariat_client):
    """A violating write through the path is refused (or its read-only field ignored)."""
    CASES[case](secretariat_client)
