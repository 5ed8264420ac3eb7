"""M5 on every path that makes or keeps a member (issue 21.2, 21.3, 21.7).

- Members come only from an admitted application: the admin has no add page.
- An ineligible applicant is neither admitted nor put on the reserve list.
- A sitting member who declares an incompatibility is marked to end within
  ASDG_M5_END_WITHIN_DAYS; until then no new project group or seat.
"""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Application, IncompatibilityDeclaration, Member
from members.services import (
    application_decide,
    declaration_submit,
    member_end,
    term_extension_decide,
    term_extension_request,
    terms_daily,
)
from projectgroups.services import participation_confirm, participation_request
from tests.harness import login_verified
from tests.members.factories import ApplicationFactory, MemberFactory, secretary, steering_member
from tests.projectgroups.factories import ProjectGroupFactory
from tests.steering.test_seats import _assign

pytestmark = pytest.mark.django_db

NO = {"m5_council": False, "m5_employee": False, "m5_commercial": False, "m5_political": False}
EMPLOYEE = {**NO, "m5_employee": True}


def _declared_employee(member, today=None):
    today = today or timezone.localdate()
    declaration_submit(member=member, year=today.year, answers=EMPLOYEE, today=today)
    member.refresh_from_db()
    return member


# --- 21.2: no member without an application ---------------------------------------------


def test_m5_admin_add_page_makes_no_member(secretariat_client):
    ApplicationFactory(email="ambtenaar@example.org", m5_employee=True)
    data = {
        "first_name": "Ambt",
        "last_name": "Tenaar",
        "email": "ambtenaar@example.org",
        "street_address": "Kreupelstraat 1",
        "postcode": "9712 AB",
        "postcode_area": MemberFactory().postcode_area_id,
        "date_of_birth": "1970-01-01",
        "start_date": "2026-01-01",
        "term_years": "4",
        "extension_months": "0",
    }
    assert secretariat_client.get("/admin/members/member/add/").status_code == 403
    assert secretariat_client.post("/admin/members/member/add/", data).status_code == 403
    assert not Member.objects.filter(email="ambtenaar@example.org").exists()


def test_m5_register_points_the_secretariat_to_admitting_an_application(secretariat_client):
    page = secretariat_client.get("/admin/members/member/").content.decode()
    assert reverse("review:list") in page
    assert "/admin/members/member/add/" not in page


# --- 21.7: no reserve list for an ineligible applicant -----------------------------------


def test_m5_review_does_not_offer_the_reserve_list_for_an_ineligible_applicant(steering_client):
    application = ApplicationFactory(m5_employee=True)
    page = steering_client.get(reverse("review:detail", kwargs={"pk": application.pk}))
    offered = [value for value, _label in page.context["form"].fields["decision"].widget.choices]
    assert offered == [Application.Decision.DECLINED]
    assert 'value="reserve"' not in page.content.decode()


def test_m5_review_refuses_a_crafted_reserve_post_for_an_ineligible_applicant(steering_client):
    application = ApplicationFactory(m5_political=True)
    url = reverse("review:detail", kwargs={"pk": application.pk})
    response = steering_client.post(url, {"decision": "reserve", "reason": "Goede kandidaat."})
    assert response.status_code == 200
    assert "decision" in response.context["form"].errors
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING


def test_m5_ineligible_applicant_cannot_be_put_on_the_reserve_list():
    application = ApplicationFactory(m5_council=True)
    with pytest.raises(ValidationError) as refused:
        application_decide(
            application=application, decision="reserve", by=steering_member(), reason="Later."
        )
    assert "decision" in refused.value.message_dict
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING


def test_m5_ineligible_applicant_on_the_reserve_list_is_refused_by_the_database():
    application = ApplicationFactory(m5_commercial=True)
    refused = pytest.raises(IntegrityError, match="m5_ineligible_never_on_reserve_list")
    with refused, transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
                decision="reserve", decided_at=timezone.now(), decided_by=secretary(),
                decision_reason="Later.",
            )  # fmt: skip


# --- 21.3: a sitting member who declares an incompatibility ----------------------------


def test_m5_declaring_an_incompatibility_marks_the_membership_to_end():
    today = datetime.date(2026, 3, 2)
    member = _declared_employee(MemberFactory(start_date=datetime.date(2025, 1, 1)), today)
    assert member.end_due_on == today + datetime.timedelta(days=settings.ASDG_M5_END_WITHIN_DAYS)
    assert member.is_sitting


def test_m5_compatible_declaration_marks_nothing():
    member = MemberFactory()
    declaration_submit(member=member, year=2026, answers=NO)
    member.refresh_from_db()
    assert member.end_due_on is None


def test_m5_portal_declaration_yes_tells_the_member_what_happens_next(client):
    member = MemberFactory()
    login_verified(client, member.user)
    answers = {name: "yes" if value else "no" for name, value in EMPLOYEE.items()}
    response = client.post(reverse("membership:declaration"), answers, follow=True)
    page = response.content.decode()
    member.refresh_from_db()
    assert member.end_due_on is not None
    assert "Uw lidmaatschap eindigt uiterlijk op" in page
    assert str(member.end_due_on.year) in page
    assert "niet aanmelden voor een projectgroep" in page


def test_m5_member_marked_to_end_cannot_sign_up_for_a_project_group():
    member = _declared_employee(MemberFactory())
    group = ProjectGroupFactory(open_for_signup=True)
    with pytest.raises(ValidationError, match="incompatib|onverenigbaar"):  # M5
        participation_request(group=group, member=member)
    assert not group.participations.exists()


def test_m5_member_marked_to_end_is_not_offered_a_project_group(client):
    member = _declared_employee(MemberFactory())
    group = ProjectGroupFactory(open_for_signup=True)
    login_verified(client, member.user)
    page = client.get(reverse("projectgroups:list")).content.decode()
    assert group.trajectory.subject in page
    assert reverse("projectgroups:signup", args=[group.pk]) not in page


def test_m5_member_marked_to_end_is_not_confirmed_in_a_project_group():
    member = MemberFactory()
    group = ProjectGroupFactory(open_for_signup=True)
    participation = participation_request(group=group, member=member)
    _declared_employee(member)
    with pytest.raises(ValidationError, match="incompatib|onverenigbaar"):  # M5
        participation_confirm(participation=participation, by=secretary())
    participation.refresh_from_db()
    assert participation.status == participation.Status.REQUESTED


def test_m5_membership_marked_to_end_is_not_extended():
    member = MemberFactory()
    pending = term_extension_request(member=member, months=6)
    _declared_employee(member)
    with pytest.raises(ValidationError, match="incompatib|onverenigbaar"):  # M5
        term_extension_decide(request=pending, grant=True, by=secretary())
    pending.refresh_from_db()
    pending.delete()
    with pytest.raises(ValidationError, match="incompatib|onverenigbaar"):  # M5
        term_extension_request(member=member, months=6)
    member.refresh_from_db()
    assert member.extension_months == 0


def test_m5_portal_offers_no_extension_to_a_membership_marked_to_end(client):
    member = _declared_employee(MemberFactory())
    login_verified(client, member.user)
    response = client.get(reverse("membership:extension"))
    assert response.context["can_request"] is False
    assert 'name="months"' not in response.content.decode()


def test_m5_member_marked_to_end_gets_no_seat():
    member = _declared_employee(MemberFactory())
    with pytest.raises(ValidationError) as refused:
        _assign(member)
    assert "member" in refused.value.message_dict
    assert not member.steering_seats.exists()


def test_m5_register_lists_the_memberships_marked_to_end(secretariat_client):
    _declared_employee(MemberFactory(last_name="Vertrekker"))
    MemberFactory(last_name="Blijver")
    page = secretariat_client.get("/admin/members/member/?m5=ending").content.decode()
    assert "Vertrekker" in page and "Blijver" not in page


def test_m5_secretariat_confirms_the_end_in_the_admin(secretariat_client):
    member = _declared_employee(MemberFactory(start_date=datetime.date(2025, 1, 1)))
    response = secretariat_client.post(
        "/admin/members/member/",
        {"action": "end_incompatible", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.ended_on == timezone.localdate()
    assert member.end_reason == Member.EndReason.INCOMPATIBLE


def test_m5_marked_membership_cannot_end_after_its_due_date():
    member = _declared_employee(MemberFactory(start_date=datetime.date(2025, 1, 1)))
    with pytest.raises(ValidationError) as refused:
        member_end(
            member=member,
            on=member.end_due_on + datetime.timedelta(days=1),
            reason=Member.EndReason.INCOMPATIBLE,
        )
    assert "ended_on" in refused.value.message_dict
    member.refresh_from_db()
    assert member.is_sitting


def test_m5_marked_membership_ending_after_its_due_date_is_refused_by_the_database():
    member = _declared_employee(MemberFactory(start_date=datetime.date(2025, 1, 1)))
    refused = pytest.raises(IntegrityError, match="m5_marked_membership_ends_by_due_date")
    with refused, transaction.atomic():
        Member.objects.filter(pk=member.pk).update(
            ended_on=member.end_due_on + datetime.timedelta(days=1), end_reason="other"
        )


def test_m5_daily_run_ends_a_marked_membership_on_its_due_date():
    today = datetime.date(2026, 3, 2)
    member = _declared_employee(MemberFactory(start_date=datetime.date(2025, 1, 1)), today)
    terms_daily(today=member.end_due_on)
    member.refresh_from_db()
    assert member.is_sitting
    terms_daily(today=member.end_due_on + datetime.timedelta(days=1))
    member.refresh_from_db()
    assert (member.ended_on, member.end_reason) == (member.end_due_on, "incompatible")


def test_m5_deleting_a_mistaken_declaration_lifts_the_mark(secretariat_client):
    member = _declared_employee(MemberFactory())
    declaration = IncompatibilityDeclaration.objects.get(member=member)
    url = f"/admin/members/incompatibilitydeclaration/{declaration.pk}/delete/"
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 302
    member.refresh_from_db()
    assert member.end_due_on is None
    assert member.is_sitting
