import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from members.models import Application, Member, RecruitmentRound, User
from organisation.models import Organisation
from organisation.selectors import organisation_get

pytestmark = pytest.mark.django_db


def test_home_is_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    page = response.content.decode()
    assert response.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in page
    assert "Naar de inhoud" in page
    assert "Wat we doen" in page


def test_english_is_under_en_and_the_switch_links_to_it(client):
    dutch = client.get("/").content.decode()
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in dutch
    page = client.get("/en/").content.decode()
    assert '<html lang="en">' in page
    assert "Skip to content" in page
    assert "What we do" in page
    assert '<a href="/" hreflang="nl" lang="nl">Nederlands</a>' in page
    assert "Wat we doen" in client.get("/").content.decode()


def test_the_old_language_form_sends_to_the_page_in_the_chosen_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/adviezen/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/adviezen/"


def test_the_admin_speaks_dutch(secretariat_client):
    page = secretariat_client.get("/admin/").content.decode()
    assert "Beheer" in page
    assert "Gebruikers" in page


def test_unknown_url_gives_the_styled_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert 'class="skip-link"' in page
    assert page.count("<h1") == 1


def test_server_error_gives_the_styled_500(client, settings):
    from asdg import urls

    def broken(request):
        raise RuntimeError("boom")

    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=_urlconf_with(urls, broken)):
        response = client.get("/kapot/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert 'class="skip-link"' in page
    assert "Traceback" not in page


def _urlconf_with(urls, view):
    import types

    from django.urls import path

    module = types.ModuleType("broken_urls")
    module.urlpatterns = [path("kapot/", view), *urls.urlpatterns]
    module.handler500 = urls.handler500
    return module


def test_pages_have_one_h1_and_landmarks(client):
    for url in ["/", "/toegankelijkheid/", "/account/inloggen/", "/account/wachtwoord/vergeten/"]:
        page = client.get(url).content.decode()
        assert page.count("<h1") == 1, url
        assert "<header" in page and "<main" in page and "<footer" in page, url
        assert '<nav aria-label="Hoofdmenu">' in page, url


def test_portal_requires_login_and_greets_the_member(member_client):
    response = Client().get("/portaal/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/inloggen/?next=/portaal/"
    page = member_client.get("/portaal/").content.decode()
    assert f"Welkom, {member_client.user.first_name}" in page
    assert "Lid" in page


def test_organisation_name_is_editable_and_shows_everywhere(secretariat_client):
    response = secretariat_client.post(
        "/admin/organisation/organisation/1/change/",
        {
            "name": "Burgeradviesraad Sociaal Domein Groningen",
            "short_name": "BSDG",
            "email": "info@bsdg.example.org",
            "phone": "050 123 45 67",
            "postal_address": "Postbus 1\n9700 AA Groningen",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    page = Client().get("/").content.decode()
    assert "Burgeradviesraad Sociaal Domein Groningen" in page
    assert "<title>Welkom · BSDG</title>" in page
    assert "info@bsdg.example.org" in page
    admin_page = secretariat_client.get("/admin/").content.decode()
    assert "BSDG" in admin_page


def test_organisation_is_a_single_row():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(pk=2)


@pytest.mark.slow
def test_seed_demo_creates_the_three_demo_logins_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    users = User.objects.filter(email__endswith="@example.org").order_by("email")
    assert [(u.email, [g.name for g in u.groups.all()], u.is_staff) for u in users] == [
        ("lid@example.org", ["Lid"], False),
        ("secretaris@example.org", ["Secretariaat"], True),
        ("stuurgroep@example.org", ["Stuurgroep"], True),
    ]
    assert all(u.check_password("demo-asdg-2021") for u in users)
    sitting = Member.objects.filter(ended_on__isnull=True)
    assert 38 <= sitting.count() <= 45
    assert sitting.filter(user__email="lid@example.org").exists()
    assert len(set(sitting.values_list("term_end", flat=True))) >= 5
    founders = Member.objects.exclude(origin_council="")
    assert set(founders.values_list("origin_council", flat=True)) == {
        "stadadviseert", "haren", "ten_boer",
    }  # fmt: skip
    today = timezone.localdate()
    applications = Application.objects.filter(round__year=today.year)
    assert applications.count() == 15
    assert sum(not a.is_eligible for a in applications) == 2
    assert RecruitmentRound.objects.get(year=today.year).is_open_on(today)
    # Issue 18.6: who joined after the founding was admitted in an earlier round.
    joined = Member.objects.filter(origin_council="")
    admitted = Application.objects.filter(decision="admitted", member__in=joined)
    assert admitted.count() == joined.count() > 0


@pytest.mark.slow
def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--force")
    assert User.objects.filter(email__endswith="@example.org").count() == 3


def test_portal_home_links_each_role_to_its_pages(member_client, steering_client):
    member_page = member_client.get("/portaal/").content.decode()
    assert "/portaal/aanmeldingen/" not in member_page
    assert "/portaal/samenstelling/" not in member_page
    steering_page = steering_client.get("/portaal/").content.decode()
    assert "/portaal/aanmeldingen/" in steering_page
    assert "/portaal/samenstelling/" in steering_page


def test_portal_home_links_to_the_budget(member_client):
    assert "/portaal/begroting/" in member_client.get("/portaal/").content.decode()


def test_a_changed_address_shows_at_once_on_the_cached_home_page(client):
    before = client.get("/").content.decode()
    assert "Toegankelijkheidsverklaring" in before
    organisation = organisation_get()
    organisation.postal_address = "Postbus 2\n9700 AB Groningen"
    organisation.save()
    after = client.get("/").content.decode()
    assert "Postbus 2<br>9700 AB Groningen" in after
    english = client.get("/en/").content.decode()
    assert "Accessibility statement" in english and ">Apply to become a member<" in english
