"""The member's own pages: term and extension (M7), yearly declaration (M5), own data."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from members.data_readable import LABELS
from members.models import IncompatibilityDeclaration, Member, TermExtensionRequest
from members.selectors import members_flagged_incompatible, term_end_if_extended
from members.services import term_extension_decide
from members.services.privacy import member_data_export
from tests.harness import login_verified
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    UserFactory,
    postcode_area,
    secretary,
    theme,
)

pytestmark = pytest.mark.django_db

NO_ANSWERS = {"m5_council": "no", "m5_employee": "no", "m5_commercial": "no", "m5_political": "no"}
PAGES = ["overview", "profile", "extension", "declaration", "data", "consent"]


def url(name):
    return reverse(f"membership:{name}")


@pytest.fixture
def member():
    return MemberFactory(first_name="Fatima", last_name="El Amrani", email="fatima@example.org")


@pytest.fixture
def client_of(client):
    def log_in(member):
        login_verified(client, member.user)
        return client

    return log_in


def with_special_data(member, theme_name="Mantelzorg voor mijn broer"):
    member.cultural_background = "outside_europe"
    member.special_consent_at = timezone.now()
    member.special_consent_version = "2026-1"
    member.save()
    member.experience_themes.add(theme(theme_name))
    return member


# --- Every page, for the member and for an account without a membership ---------------


@pytest.mark.parametrize("name", PAGES)
def test_each_page_shows_the_members_own_page(client_of, member, name):
    response = client_of(member).get(url(name))
    assert response.status_code == 200
    assert "Er is geen lidmaatschap" not in response.content.decode()
    assert response.content.decode().count("<h1") == 1


def test_overview_shows_the_term_and_the_extension_requests(client_of, member):
    TermExtensionRequest.objects.create(member=member, months=6, motivation="Nog bezig")
    response = client_of(member).get(url("overview"))
    content = response.content.decode()
    member.refresh_from_db()
    assert "Fatima El Amrani" in content
    assert "4 jaar" in content
    assert f"{member.term_end.day} " in content and str(member.term_end.year) in content
    assert "Zittend lid" in content
    assert "6 maanden" in content and "Wacht op besluit" in content
    for name in PAGES[1:]:
        assert f'href="{url(name)}"' in content


@pytest.mark.parametrize("name", [*PAGES, "data-download"])
def test_a_user_without_membership_gets_a_friendly_page(client, name):
    login_verified(client, UserFactory(role="Lid"))
    response = client.get(url(name))
    assert response.status_code == 200
    assert "Er is geen lidmaatschap gekoppeld aan dit account." in response.content.decode()


@pytest.mark.parametrize("name", [*PAGES, "data-download"])
def test_anonymous_users_are_sent_to_the_login(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- M7: extension ------------------------------------------------------------------


def test_extension_page_shows_the_term_end_and_what_it_would_become(client_of, member):
    member.refresh_from_db()
    content = client_of(member).get(url("extension")).content.decode()
    end_after_year = term_end_if_extended(member=member, months=12)
    assert end_after_year == member.term_end.replace(year=member.term_end.year + 1)
    assert "Uw termijn loopt af op" in content
    assert f"12 maanden (tot {end_after_year.day} " in content


def test_term_end_if_extended_matches_the_database():
    for start in [
        datetime.date(2024, 2, 29),
        datetime.date(2025, 1, 31),
        datetime.date(2025, 3, 15),
    ]:
        for months in (1, 11, 12):
            member = MemberFactory(start_date=start, term_years=1, extension_months=0)
            expected = term_end_if_extended(member=member, months=months)
            TermExtensionRequest.objects.create(
                member=member, months=months, status="granted", decided_at=timezone.now()
            )
            member.refresh_from_db()
            assert member.term_end == expected, (start, months)
            member.delete()


def test_m7_extension_requested_once_and_refused_after_granted(client_of, member):
    client = client_of(member)
    response = client.post(url("extension"), {"months": "6", "motivation": "Project loopt door"})
    assert response.status_code == 302
    request = member.extension_requests.get()
    assert (request.months, request.status) == (6, "pending")

    # A second request while the first is pending is refused.
    response = client.post(url("extension"), {"months": "3", "motivation": "Nog een keer"})
    assert response.status_code == 200
    assert "U heeft al om een verlenging gevraagd" in response.content.decode()
    assert member.extension_requests.count() == 1

    term_extension_decide(request=request, grant=True, by=secretary())
    page = client.get(url("extension")).content.decode()
    assert "al een keer verlengd" in page
    assert 'name="months"' not in page

    response = client.post(url("extension"), {"months": "6", "motivation": "Nog langer"})
    assert response.status_code == 200
    assert "Uw termijn is al een keer verlengd" in response.content.decode()
    assert member.extension_requests.count() == 1
    member.refresh_from_db()
    assert member.extension_months == 6


@pytest.mark.parametrize("months", ["0", "13", "-1", "twaalf"])
def test_m7_extension_request_outside_1_to_12_months_refused(client_of, member, months):
    response = client_of(member).post(url("extension"), {"months": months, "motivation": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["months"] == ["Een verlenging is 1 tot 12 maanden."]
    assert not TermExtensionRequest.objects.exists()


def test_an_ended_member_cannot_ask_for_an_extension(client_of, member):
    Member.objects.filter(pk=member.pk).update(ended_on=timezone.localdate(), end_reason="resigned")
    client = client_of(member)
    assert "Uw lidmaatschap is beëindigd" in client.get(url("extension")).content.decode()
    client.post(url("extension"), {"months": "6", "motivation": "x"})
    assert not TermExtensionRequest.objects.exists()


# --- M5: yearly declaration ---------------------------------------------------------


def test_declaration_form_asks_the_four_questions_without_a_default(client_of, member):
    content = client_of(member).get(url("declaration")).content.decode()
    assert content.count("<fieldset") == 4
    assert "Werkt u bij de gemeente Groningen?" in content
    assert "checked" not in content


def test_declaration_question_left_open_is_refused(client_of, member):
    answers = {**NO_ANSWERS}
    del answers["m5_political"]
    response = client_of(member).post(url("declaration"), answers)
    assert response.context["form"].errors["m5_political"] == ["Antwoord ja of nee."]
    assert not IncompatibilityDeclaration.objects.exists()


def test_m5_declaration_all_no_is_saved_and_shown(client_of, member):
    client = client_of(member)
    response = client.post(url("declaration"), NO_ANSWERS, follow=True)
    year = timezone.localdate().year
    declaration = member.declarations.get()
    assert declaration.year == year and declaration.is_compatible
    content = response.content.decode()
    assert f"U heeft uw verklaring voor {year} gegeven op" in content
    assert 'type="radio"' not in content
    assert "niet langer lid" not in content
    assert member not in members_flagged_incompatible()


def test_m5_yearly_declaration_yes_flags_the_member(client_of, member):
    other = MemberFactory()
    client = client_of(member)
    response = client.post(url("declaration"), {**NO_ANSWERS, "m5_employee": "yes"}, follow=True)
    content = response.content.decode()
    assert "Uw antwoord betekent dat u niet langer lid kunt zijn" in content
    assert "Mensen die bij de gemeente Groningen werken, kunnen geen lid zijn" in content
    # What happens next (issue 21.3): see tests/members/test_m5_paths.py.
    member.refresh_from_db()
    assert member.end_due_on is not None
    assert list(members_flagged_incompatible()) == [member]
    assert other not in members_flagged_incompatible()
    # Last year's "yes" does not flag a member this year; an ended member is not flagged.
    assert not members_flagged_incompatible(year=timezone.localdate().year - 1).exists()
    Member.objects.filter(pk=member.pk).update(
        ended_on=timezone.localdate(), end_reason="incompatible"
    )
    assert not members_flagged_incompatible().exists()


def test_m5_declaration_twice_in_a_year_refused(client_of, member):
    client = client_of(member)
    client.post(url("declaration"), NO_ANSWERS)
    response = client.post(url("declaration"), {**NO_ANSWERS, "m5_council": "yes"})
    assert response.status_code == 200
    assert "U heeft uw verklaring voor" in response.content.decode()
    declaration = member.declarations.get()
    assert declaration.m5_council is False


# --- Profile ------------------------------------------------------------------------


def test_profile_edit_saves_contact_details_and_the_area(client_of, member):
    haren = postcode_area("9751", "Haren", "haren")
    response = client_of(member).post(
        url("profile"),
        {
            "first_name": "Fatma",
            "last_name": "El Amrani",
            "phone": "06 12345678",
            "street_address": "Rijksstraatweg 1",
            "postcode": "9751ab",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.first_name, member.postcode, member.postcode_area) == ("Fatma", "9751 AB", haren)
    assert member.street_address == "Rijksstraatweg 1"
    assert member.user.first_name == "Fatma"


def test_profile_edit_with_a_postcode_outside_the_municipality_refused(client_of, member):
    response = client_of(member).post(
        url("profile"),
        {
            "first_name": "Anders",
            "last_name": "El Amrani",
            "phone": "",
            "street_address": "Damrak 1",
            "postcode": "1012 JS",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["postcode"]
    assert "niet in de gemeente Groningen" in errors["postcode"][0]
    member.refresh_from_db()
    assert (member.first_name, member.postcode, member.street_address) == (
        "Fatima",
        "9712 AB",
        member.street_address,
    )
    assert member.street_address != "Damrak 1"


def test_profile_shows_the_email_read_only(client_of, member):
    content = client_of(member).get(url("profile")).content.decode()
    assert "fatima@example.org" in content
    assert 'name="email"' not in content
    assert "Vraag het dan aan het secretariaat" in content
    client_of(member).post(url("profile"), {"email": "ander@example.org", "first_name": "F"})
    member.refresh_from_db()
    assert member.email == "fatima@example.org"


# --- My data ------------------------------------------------------------------------


def test_data_download_json_contains_the_members_data(client_of, member):
    with_special_data(member)
    member.knowledge_themes.add(theme("Werk", 2))
    application = ApplicationFactory(email=member.email, motivation="Ik wil meedenken")
    application.decision, application.member = "admitted", member
    application.decided_by, application.decided_at = secretary(), timezone.now()
    application.decision_reason = "Past goed in de groep"
    application.save()
    IncompatibilityDeclaration.objects.create(
        member=member, year=2025, m5_council=False, m5_employee=False,
        m5_commercial=False, m5_political=False,
    )  # fmt: skip
    TermExtensionRequest.objects.create(member=member, months=6, motivation="Project loopt door")

    response = client_of(member).get(url("data-download"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    member.refresh_from_db()
    assert data["profile"]["first_name"] == "Fatima"
    assert data["profile"]["email"] == "fatima@example.org"
    assert data["profile"]["knowledge"] == ["Werk"]
    assert data["term"]["term_end"] == member.term_end.isoformat()
    assert data["special_category_data"]["cultural_background"] == "outside_europe"
    assert data["special_category_data"]["lived_experience"] == ["Mantelzorg voor mijn broer"]
    assert data["special_category_data"]["consent_wording_version"] == "2026-1"
    assert data["declarations"][0]["year"] == 2025
    assert data["extension_requests"][0]["motivation"] == "Project loopt door"
    assert data["application"]["motivation"] == "Ik wil meedenken"
    assert data["application"]["decision_reason"] == "Past goed in de groep"
    assert "decided_by" not in data["application"]


def test_data_export_of_a_member_without_application():
    member = MemberFactory()
    data = member_data_export(member=member)
    assert data["application"] is None
    assert data["declarations"] == [] and data["extension_requests"] == []


def test_data_page_links_to_the_download(client_of, member):
    content = client_of(member).get(url("data")).content.decode()
    assert f'href="{url("data-download")}"' in content
    assert "culturele achtergrond" in content


# --- Consent ------------------------------------------------------------------------


def test_consent_page_shows_the_consent_and_the_data(client_of, member):
    with_special_data(member)
    content = client_of(member).get(url("consent")).content.decode()
    assert "versie 2026-1" in content
    assert "Mantelzorg voor mijn broer" in content
    assert "Geboren buiten Europa" in content


def test_consent_withdrawal_deletes_the_data(client_of, member):
    with_special_data(member)
    response = client_of(member).post(url("consent"), follow=True)
    member.refresh_from_db()
    assert member.cultural_background == ""
    assert member.special_consent_at is None
    assert not member.experience_themes.exists()
    content = response.content.decode()
    assert "U heeft uw toestemming ingetrokken" in content
    assert "Mantelzorg voor mijn broer" not in content
    assert "U heeft geen toestemming gegeven" in content


def test_special_data_never_appears_on_another_members_pages(client_of, member):
    with_special_data(member, "Eenzaamheid van Fatima")
    other = MemberFactory(first_name="Bram")
    client = client_of(other)
    for name in [*PAGES, "data-download"]:
        content = client.get(url(name)).content.decode()
        assert "Eenzaamheid van Fatima" not in content, name
        assert "Geboren buiten Europa" not in content, name
        assert "outside_europe" not in content, name
        assert "Fatima" not in content, name


def test_data_page_reads_everything_in_words_beside_the_file_and_the_pdf(client_of, member):
    """Issue 16.6: the same export as the JSON file, labelled and written out."""
    member.knowledge_themes.add(theme("Werk", 2))
    TermExtensionRequest.objects.create(member=member, months=6, motivation="Project loopt door")
    content = client_of(member).get(url("data")).content.decode()
    assert f'href="{url("data-download")}"' in content and f'href="{url("data-pdf")}"' in content
    assert "Project loopt door" in content and "Werk" in content
    assert f"<dt>{LABELS['email']}</dt><dd>fatima@example.org</dd>" in content
    assert "extension_requests" not in content and "term_end" not in content  # no raw keys
    pending = TermExtensionRequest.Status.PENDING.label
    assert f"<dd>{pending}</dd>" in content  # the status by its name, not "pending"


def test_data_pdf_is_a_pdf_with_the_members_data(client_of, member):
    response = client_of(member).get(url("data-pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
