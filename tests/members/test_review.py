import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from members.models import Application, Member
from members.models.common import CulturalBackground, IncompatibilityAnswers
from members.roles import MEMBER
from members.services import application_decide
from tests.harness import assert_queries_flat, deliver_outbox, login_verified
from tests.members.factories import (
    ApplicationFactory,
    RecruitmentRoundFactory,
    postcode_area,
    secretary,
    steering_member,
    theme,
)

pytestmark = pytest.mark.django_db


def list_url(**query):
    return reverse("review:list") + (f"?{urlencode(query)}" if query else "")


def detail_url(application):
    return reverse("review:detail", kwargs={"pk": application.pk})


def dutch(label) -> str:
    with translation.override("nl"):
        return str(label)


def admit_data(**overrides):
    return {
        "decision": "admitted",
        "reason": "Brengt ervaring met armoedebeleid mee.",
        "start_date": timezone.localdate().isoformat(),
        "term_years": "4",
        **overrides,
    }


def test_m3_list_shows_the_rounds_applications_with_eligibility(steering_client):
    today = timezone.localdate()
    this_round = RecruitmentRoundFactory()
    old_round = RecruitmentRoundFactory(year=today.year - 1)
    ApplicationFactory(round=old_round, first_name="Olga", last_name="Vorigjaar")
    anna = ApplicationFactory(
        round=this_round,
        first_name="Anna",
        last_name="Bakker",
        postcode_area=postcode_area("9751", "Haren", "haren"),
        date_of_birth=datetime.date(today.year - 30, 1, 1),
    )
    anna.knowledge_themes.set([theme("Armoede", 5), theme("Mantelzorg", 9)])
    ApplicationFactory(round=this_round, first_name="Bert", last_name="Dijkstra", m5_employee=True)

    html = steering_client.get(list_url()).content.decode()

    assert f"Aanmeldingen {this_round.year}" in html
    assert "Anna Bakker" in html and "Bert Dijkstra" in html
    assert "Olga Vorigjaar" not in html
    assert "<td>Haren</td>" in html
    assert "<td>30</td>" in html
    assert "Armoede, Mantelzorg" in html
    assert "Toelaatbaar" in html
    assert "Niet toelaatbaar" in html and "M5b" in html
    assert f"{dutch(Application.Decision.PENDING.label)}: 2" in html
    assert "Niet toelaatbaar: 1" in html  # issue 16.5: no rule id for people
    assert "<caption" in html and 'scope="col"' in html


def test_m3_list_shows_another_round_by_year(steering_client):
    today = timezone.localdate()
    RecruitmentRoundFactory()
    old_round = RecruitmentRoundFactory(year=today.year - 1)
    ApplicationFactory(round=old_round, first_name="Olga", last_name="Vorigjaar")

    html = steering_client.get(list_url(jaar=old_round.year)).content.decode()

    assert "Olga Vorigjaar" in html
    assert f"Aanmeldingen {old_round.year}" in html


def test_m3_decision_records_who_when_and_why(steering_client, django_capture_on_commit_callbacks):
    application = ApplicationFactory(email="anna@example.org", first_name="Anna")
    application.knowledge_themes.set([theme("Armoede")])
    start = timezone.localdate() + datetime.timedelta(days=14)

    with django_capture_on_commit_callbacks(execute=True):
        response = steering_client.post(
            detail_url(application),
            admit_data(start_date=start.isoformat(), term_years="3"),
        )
    deliver_outbox()

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("review:list"))
    application.refresh_from_db()
    assert application.decision == Application.Decision.ADMITTED
    assert application.decided_by == steering_client.user
    assert application.decided_at is not None
    assert application.decision_reason == "Brengt ervaring met armoedebeleid mee."
    member = Member.objects.get(application=application)
    assert (member.start_date, member.term_years) == (start, 3)
    assert list(member.knowledge_themes.values_list("name", flat=True)) == ["Armoede"]
    assert member.user.email == "anna@example.org"
    assert member.user.groups.filter(name=MEMBER).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "http://testserver/account/wachtwoord/herstellen/" in mail.outbox[0].body

    followed = steering_client.get(response.headers["Location"]).content.decode()
    assert "is toegelaten als lid" in followed
    html = steering_client.get(detail_url(application)).content.decode()
    assert steering_client.user.get_full_name() in html
    assert "Brengt ervaring met armoedebeleid mee." in html
    assert "Besluit opslaan" not in html


def test_m3_declined_applicant_gets_a_polite_letter_with_the_reason(
    steering_client, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(email="bert@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = steering_client.post(
            detail_url(application),
            {"decision": "declined", "reason": "Er zijn al veel leden uit de Binnenstad."},
        )
    deliver_outbox()

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision == Application.Decision.DECLINED
    assert application.member is None
    assert not Member.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bert@example.org"]
    assert "Er zijn al veel leden uit de Binnenstad." in mail.outbox[0].body


def test_m3_reserve_list_applicant_can_still_be_admitted(
    steering_client, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    steering_client.post(
        detail_url(application), {"decision": "reserve", "reason": "Eerst de wijken vullen."}
    )
    html = steering_client.get(detail_url(application)).content.decode()
    assert "Besluit opslaan" in html and 'value="reserve"' not in html

    with django_capture_on_commit_callbacks(execute=True):
        steering_client.post(detail_url(application), admit_data())
    deliver_outbox()

    application.refresh_from_db()
    assert application.decision == Application.Decision.ADMITTED
    assert application.member is not None


def test_m3_decision_needs_a_reason(steering_client):
    application = ApplicationFactory()

    response = steering_client.post(detail_url(application), admit_data(reason=""))

    assert response.status_code == 200
    assert "Geef de reden voor dit besluit." in response.content.decode()
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
    assert not Member.objects.exists()


def test_m5_ineligible_applicant_cannot_be_admitted_from_the_portal(
    steering_client, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(m5_commercial=True)

    page = steering_client.get(detail_url(application)).content.decode()
    assert 'value="admitted"' not in page
    assert 'value="declined"' in page
    assert "M5c" in page
    assert str(IncompatibilityAnswers.EXPLANATIONS["m5_commercial"]) in page  # why, in words

    with django_capture_on_commit_callbacks(execute=True):
        response = steering_client.post(detail_url(application), admit_data())
    deliver_outbox()

    assert response.status_code == 200
    with translation.override("nl"):  # issue 16.5: no rule id in the steering group's words
        refused = translation.gettext("This applicant is ineligible and cannot be admitted.")
    assert refused in response.content.decode() and "(M5)" not in response.content.decode()
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
    assert not Member.objects.exists()
    assert mail.outbox == []


def test_m3_decided_application_cannot_be_decided_again(
    steering_client, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    # The form is on screen; meanwhile another steering-group member declines.
    assert "Besluit opslaan" in steering_client.get(detail_url(application)).content.decode()
    other = steering_member(first_name="Karin", last_name="Smit")
    application_decide(application=application, decision="declined", by=other, reason="Geen plek.")

    deliver_outbox()  # the first decision's letter
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = steering_client.post(detail_url(application), admit_data())
    deliver_outbox()

    html = response.content.decode()
    assert response.status_code == 200
    assert "Over deze aanmelding is al besloten" in html
    assert "Karin Smit" in html and "Geen plek." in html
    assert "Besluit opslaan" not in html
    application.refresh_from_db()
    assert (application.decision, application.decided_by) == ("declined", other)
    assert not Member.objects.exists()
    assert mail.outbox == []


def test_m4_special_category_data_only_for_the_secretariat(client):
    application = ApplicationFactory(
        cultural_background=CulturalBackground.OUTSIDE_EUROPE,
        special_consent_at=timezone.now(),
        special_consent_version="2026-1",
    )
    application.experience_themes.set([theme("Eenzaamheid", 7)])
    background = dutch(CulturalBackground.OUTSIDE_EUROPE.label)

    login_verified(client, steering_member())
    steering_html = client.get(detail_url(application)).content.decode()
    secretariat_client = login_verified(Client(), secretary())
    secretariat_html = secretariat_client.get(detail_url(application)).content.decode()

    assert background not in steering_html
    assert "Eenzaamheid" not in steering_html
    assert "Culturele achtergrond" not in steering_html
    assert background in secretariat_html
    assert "Eenzaamheid" in secretariat_html


def test_member_cannot_see_or_decide_applications(member_client):
    application = ApplicationFactory()

    assert member_client.get(list_url()).status_code == 403
    assert member_client.get(detail_url(application)).status_code == 403
    response = member_client.post(detail_url(application), admit_data())
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING


def test_list_query_count_stays_flat(steering_client):
    round = RecruitmentRoundFactory()
    themes = [theme("Armoede", 5), theme("Werk", 6)]
    areas = [postcode_area("9712", "Binnenstad"), postcode_area("9751", "Haren", "haren")]

    def grow(n):
        for i in range(n):
            application = ApplicationFactory(
                round=round, postcode_area=areas[i % 2], m5_political=bool(i % 3 == 0)
            )
            application.knowledge_themes.set(themes)

    assert_queries_flat(lambda: steering_client.get(list_url()), grow)
