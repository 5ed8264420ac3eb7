"""The membership rules M2–M7 and M10, at the database and in the services."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from members.models import Application, Member, RecruitmentRound, TermExtensionRequest, User
from members.models.common import CulturalBackground, OriginCouncil
from members.services import (
    application_decide,
    member_end,
    term_extension_decide,
    term_extension_request,
    terms_daily,
)
from tests.harness import deliver_outbox
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    UserFactory,
    secretary,
    steering_member,
)

pytestmark = pytest.mark.django_db


# --- M2: one recruitment round a year ----------------------------------------------


def test_m2_second_round_in_a_year_is_refused_by_the_database():
    RecruitmentRoundFactory(year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruitmentRound.objects.create(
            year=2026, opens_on=datetime.date(2026, 9, 1), closes_on=datetime.date(2026, 9, 30)
        )


def test_m2_round_must_lie_within_its_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruitmentRound.objects.create(
            year=2027, opens_on=datetime.date(2026, 12, 1), closes_on=datetime.date(2027, 1, 31)
        )


def test_round_closes_after_it_opens():
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruitmentRound.objects.create(
            year=2027, opens_on=datetime.date(2027, 3, 1), closes_on=datetime.date(2027, 2, 1)
        )


# --- M3: decisions ------------------------------------------------------------------


def test_m3_decision_records_who_when_and_why(django_capture_on_commit_callbacks):
    application = ApplicationFactory(email="anna@example.org")
    by = steering_member()
    with django_capture_on_commit_callbacks(execute=True):
        member = application_decide(
            application=application, decision="admitted", by=by, reason="Versterkt Haren."
        )
    deliver_outbox()
    application.refresh_from_db()
    assert (application.decided_by, application.decision_reason) == (by, "Versterkt Haren.")
    assert application.decided_at is not None
    assert application.member == member
    assert member.user.email == "anna@example.org"
    assert not member.user.has_usable_password()
    assert list(member.user.groups.values_list("name", flat=True)) == ["Lid"]
    assert member.term_years == 4
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert "/account/wachtwoord/herstellen/" in mail.outbox[-1].body


def test_m3_decision_without_who_when_why_is_refused_by_the_database():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(decision="declined")


def test_m3_declined_applicant_gets_a_letter_with_the_reason(django_capture_on_commit_callbacks):
    application = ApplicationFactory(email="bert@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        result = application_decide(
            application=application, decision="declined", by=secretary(), reason="Groep is vol."
        )
    deliver_outbox()
    assert result is None
    assert not Member.objects.exists()
    assert "Groep is vol." in mail.outbox[-1].body


def test_m3_a_member_cannot_decide():
    with pytest.raises(PermissionDenied):
        application_decide(
            application=ApplicationFactory(),
            decision="admitted",
            by=UserFactory(role="Lid"),
            reason="x",
        )


def test_m3_a_decision_is_taken_once():
    application = ApplicationFactory()
    application_decide(application=application, decision="declined", by=secretary(), reason="a")
    with pytest.raises(ValidationError, match="al besloten"):
        application_decide(application=application, decision="admitted", by=secretary(), reason="b")


def test_m3_reserve_list_can_be_admitted_later():
    application = ApplicationFactory()
    application_decide(application=application, decision="reserve", by=secretary(), reason="a")
    member = application_decide(
        application=application, decision="admitted", by=secretary(), reason="plek vrij"
    )
    assert member is not None


@pytest.mark.django_db(transaction=True)
def test_m3_two_simultaneous_decisions_produce_exactly_one():
    application = ApplicationFactory()
    deciders = [steering_member(), secretary()]
    results, errors = [], []
    barrier = threading.Barrier(2)

    def decide(user, decision):
        try:
            barrier.wait()
            results.append(
                application_decide(
                    application=application, decision=decision, by=user, reason=decision
                )
            )
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(deciders[0], "admitted")),
        threading.Thread(target=decide, args=(deciders[1], "declined")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1 and len(errors) == 1, (results, errors)
    assert "al besloten" in str(errors[0])
    application.refresh_from_db()
    assert application.decision in ("admitted", "declined")
    assert Member.objects.count() == (1 if application.decision == "admitted" else 0)


# --- M5: incompatibilities ------------------------------------------------------------


def test_m5_ineligible_applicant_cannot_be_admitted():
    application = ApplicationFactory(m5_employee=True)
    assert not application.is_eligible
    with pytest.raises(ValidationError, match="ineligible|niet toelaatbaar"):  # M5
        application_decide(application=application, decision="admitted", by=secretary(), reason="x")
    application.refresh_from_db()
    assert application.decision == "pending"
    assert not Member.objects.exists()
    assert not User.objects.filter(email=application.email).exists()


def test_m5_database_refuses_to_admit_an_ineligible_applicant():
    application = ApplicationFactory(m5_political=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            decision="admitted",
            decided_at=timezone.now(),
            decided_by=secretary(),
            decision_reason="toch",
        )


def test_m5_ineligible_applicant_can_be_declined():
    application = ApplicationFactory(m5_council=True)
    application_decide(application=application, decision="declined", by=secretary(), reason="M5")
    application.refresh_from_db()
    assert application.decision == "declined"


def test_m5_ending_a_membership_records_the_reason():
    member = MemberFactory()
    member_end(member=member, on=timezone.localdate(), reason="incompatible", note="Raadslid.")
    member.refresh_from_db()
    assert (member.end_reason, member.end_note) == ("incompatible", "Raadslid.")
    assert not member.user.groups.filter(name="Lid").exists()


# --- M6: personal capacity ----------------------------------------------------------------


def test_m6_application_without_personal_capacity_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(personal_capacity=False)


# --- M7: terms --------------------------------------------------------------------------


@pytest.mark.parametrize("years", [0, 5])
def test_m7_term_outside_one_to_four_years_is_refused_by_the_database(years):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(term_years=years)


def test_m7_extension_over_a_year_is_refused_by_the_database():
    member = MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(extension_months=13)


def test_m7_term_end_is_start_plus_years_plus_extension():
    member = MemberFactory(start_date=datetime.date(2021, 1, 1), term_years=4)
    member.refresh_from_db()
    assert member.term_end == datetime.date(2024, 12, 31)
    request = term_extension_request(member=member, months=6)
    term_extension_decide(request=request, grant=True, by=secretary())
    member.refresh_from_db()
    assert member.term_end == datetime.date(2025, 6, 30)


def test_m7_term_is_extended_once_only():
    member = MemberFactory()
    request = term_extension_request(member=member, months=12)
    term_extension_decide(request=request, grant=True, by=secretary())
    member.refresh_from_db()
    assert member.extension_months == 12
    with pytest.raises(ValidationError, match="al een keer verlengd"):
        term_extension_request(member=member, months=3)


def test_m7_second_granted_extension_is_refused_by_the_database():
    member = MemberFactory()
    TermExtensionRequest.objects.create(
        member=member, months=3, status="granted", decided_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TermExtensionRequest.objects.create(
            member=member, months=3, status="granted", decided_at=timezone.now()
        )


def test_m7_refusing_an_extension_needs_a_reason():
    request = term_extension_request(member=MemberFactory(), months=6)
    with pytest.raises(ValidationError):
        term_extension_decide(request=request, grant=False, by=secretary(), reason="")


def test_m7_daily_run_reminds_once_and_ends_passed_terms(django_capture_on_commit_callbacks):
    today = datetime.date(2026, 11, 29)
    ending_soon = MemberFactory(start_date=datetime.date(2023, 1, 1), term_years=4)  # 31-12-2026
    passed = MemberFactory(start_date=datetime.date(2022, 1, 1), term_years=4)  # 31-12-2025
    MemberFactory(start_date=datetime.date(2026, 1, 1), term_years=4)
    with django_capture_on_commit_callbacks(execute=True):
        first = terms_daily(today=today)
    deliver_outbox()
    with django_capture_on_commit_callbacks(execute=True):
        second = terms_daily(today=today)
    deliver_outbox()
    assert first == {"reminded": 1, "ended": 1}
    assert second == {"reminded": 0, "ended": 0}
    assert [message.to for message in mail.outbox] == [[ending_soon.email]]
    passed.refresh_from_db()
    assert (passed.ended_on, passed.end_reason) == (datetime.date(2025, 12, 31), "term_ended")


# --- M10, privacy constraints -----------------------------------------------------------------


def test_m10_register_keeps_the_origin_council():
    member = MemberFactory(origin_council=OriginCouncil.TEN_BOER)
    member.refresh_from_db()
    assert member.get_origin_council_display() == "Adviesraad Sociaal Domein Ten Boer"


def test_cultural_background_without_consent_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(cultural_background=CulturalBackground.EUROPE)


def test_one_sitting_membership_per_email():
    MemberFactory(email="anna@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(
            **{
                f.name: getattr(Member.objects.get(email="anna@example.org"), f.name)
                for f in Member._meta.concrete_fields
                if f.name not in ("id", "user", "term_end", "email", "created_at")
            },
            email="Anna@Example.org",
        )


def test_one_application_per_email_per_round():
    application = ApplicationFactory(email="anna@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(email="ANNA@example.org", round=application.round)


def test_m7_secretariat_refuses_an_extension_in_the_admin_with_a_reason(
    secretariat_client, django_capture_on_commit_callbacks
):
    request = term_extension_request(member=MemberFactory(email="anna@example.org"), months=6)
    url = "/admin/members/termextensionrequest/"
    form = {"action": "refuse", "_selected_action": [request.pk]}
    page = secretariat_client.post(url, form)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    secretariat_client.post(url, {**form, "apply": "1", "reason": ""})
    request.refresh_from_db()
    assert request.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {**form, "apply": "1", "reason": "De groep is voltallig."})
    deliver_outbox()
    request.refresh_from_db()
    assert (request.status, request.decision_reason) == ("refused", "De groep is voltallig.")
    assert "De groep is voltallig." in mail.outbox[-1].body


def test_m7_secretariat_grants_an_extension_in_the_admin(secretariat_client):
    member = MemberFactory(start_date=datetime.date(2024, 1, 1), term_years=3)
    request = term_extension_request(member=member, months=12)
    secretariat_client.post(
        "/admin/members/termextensionrequest/",
        {"action": "grant", "_selected_action": [request.pk]},
    )
    member.refresh_from_db()
    assert member.term_end == datetime.date(2027, 12, 31)


def test_m4_malformed_postcode_is_a_field_error_in_the_service():
    from members.services import postcode_area_for

    with pytest.raises(ValidationError) as refused:
        postcode_area_for("97 12")
    assert "postcode" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        postcode_area_for("1012 AB")  # Amsterdam
    assert "niet in de gemeente Groningen" in refused.value.message_dict["postcode"][0]
    assert postcode_area_for("9712ab")[0] == "9712 AB"
