"""Special-category data (GDPR art. 9): consent, who sees it, exports, retention."""

import datetime
import io
import logging

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import Application, Member
from members.models.common import CulturalBackground
from members.services import application_decide
from members.services.retention import retention_apply
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    secretary,
    theme,
)

pytestmark = pytest.mark.django_db


def member_with_special_data(**kwargs):
    member = MemberFactory(
        cultural_background=CulturalBackground.OUTSIDE_EUROPE,
        special_consent_at=timezone.now(),
        special_consent_version="2026-1",
        **kwargs,
    )
    member.experience_themes.add(theme("Mantelzorg", 9))
    return member


def test_register_exports_never_contain_special_category_data(secretariat_client):
    member = member_with_special_data(last_name="Jansen")
    member.knowledge_themes.add(theme("Armoede", 5))
    for action, read in [
        ("export_csv", lambda content: content.decode()),
        ("export_xlsx", lambda content: _xlsx_text(content)),
    ]:
        response = secretariat_client.post(
            "/admin/members/member/",
            {"action": action, "_selected_action": [member.pk]},
        )
        assert response.status_code == 200
        text = read(response.content)
        assert "Jansen" in text and "Armoede" in text
        assert "Mantelzorg" not in text
        assert "Born outside Europe" not in text and "Geboren buiten Europa" not in text
        assert "outside_europe" not in text


def _xlsx_text(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return " ".join(str(cell.value) for row in book.active.iter_rows() for cell in row)


def test_steering_group_sees_no_special_category_data_in_the_admin(
    steering_client, secretariat_client
):
    member = member_with_special_data()
    url = f"/admin/members/member/{member.pk}/change/"
    steering_page = steering_client.get(url).content.decode()
    assert steering_client.get(url).status_code == 200
    assert "Mantelzorg" not in steering_page
    assert "cultural_background" not in steering_page
    secretariat_page = secretariat_client.get(url).content.decode()
    assert "cultural_background" in secretariat_page
    assert "Mantelzorg" in secretariat_page


def test_declined_applications_are_deleted_six_months_after_the_round(settings):
    round_ = RecruitmentRoundFactory(
        year=2025, opens_on=datetime.date(2025, 3, 1), closes_on=datetime.date(2025, 3, 31)
    )
    declined = ApplicationFactory(round=round_)
    application_decide(application=declined, decision="declined", by=secretary(), reason="vol")
    ineligible = ApplicationFactory(round=round_, m5_employee=True)
    admitted = ApplicationFactory(round=round_)
    application_decide(application=admitted, decision="admitted", by=secretary(), reason="ja")
    assert retention_apply(today=datetime.date(2025, 9, 30))["applications_deleted"] == 0
    result = retention_apply(today=datetime.date(2025, 10, 1))
    assert result["applications_deleted"] == 2
    assert list(Application.objects.all()) == [admitted]
    assert not Application.objects.filter(pk__in=[declined.pk, ineligible.pk]).exists()


def test_ended_members_are_anonymised_after_24_months():
    member = member_with_special_data(
        email="oud@example.org", last_name="Oudlid", start_date=datetime.date(2021, 1, 1)
    )
    member.ended_on = datetime.date(2024, 1, 31)
    member.end_reason = "resigned"
    member.save()
    user_id = member.user_id
    assert retention_apply(today=datetime.date(2026, 1, 30))["members_anonymised"] == 0
    assert retention_apply(today=datetime.date(2026, 2, 1))["members_anonymised"] == 1
    member.refresh_from_db()
    assert member.email.startswith("geanonimiseerd-")
    assert member.last_name != "Oudlid" and member.cultural_background == ""
    assert not member.experience_themes.exists()
    assert member.user_id is None and not Member.objects.filter(user_id=user_id).exists()
    assert retention_apply(today=datetime.date(2026, 2, 2))["members_anonymised"] == 0


def test_daily_command_is_idempotent(capsys):
    MemberFactory(start_date=datetime.date(2022, 1, 1), term_years=4)
    call_command("membership_daily", "--today", "2026-11-29")
    call_command("membership_daily", "--today", "2026-11-29")
    out = capsys.readouterr().out.splitlines()
    assert "1 memberships ended" in out[0]
    assert "0 memberships ended" in out[1]


def test_no_special_category_value_is_logged(caplog, client, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    member = member_with_special_data()
    application = ApplicationFactory(
        cultural_background=CulturalBackground.OUTSIDE_EUROPE,
        special_consent_at=timezone.now(),
        special_consent_version="2026-1",
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(
            application=application, decision="admitted", by=secretary(), reason="ja"
        )
    retention_apply(today=timezone.localdate())
    logged = caplog.text
    assert "outside_europe" not in logged and "Mantelzorg" not in logged
    assert member.pk


def test_special_category_data_never_reaches_the_public_site(client):
    member = member_with_special_data(last_name="Zwartjes")
    applicant = ApplicationFactory(
        last_name="Wolthuis",
        cultural_background=CulturalBackground.OUTSIDE_EUROPE,
        special_consent_at=timezone.now(),
        special_consent_version="2026-1",
    )
    for url in ["/", "/toegankelijkheid/", "/aanmelden/", "/account/inloggen/", "/adviezen/"]:
        page = client.get(url).content.decode()
        for person in (member, applicant):
            assert person.last_name not in page and person.email not in page, url
        assert "selected>Geboren buiten Europa" not in page, url
