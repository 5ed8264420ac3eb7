import datetime

import pytest
from django import forms
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from members.apply_forms import ApplicationForm
from members.apply_views import APPLY_LIMIT, SESSION_KEY
from members.models import Application, Member
from members.models.common import CONSENT_VERSION, CulturalBackground
from members.models.register import MOTIVATION_MAX_LENGTH, NETWORK_MAX_LENGTH
from members.services import application_submit
from tests.harness import deliver_outbox
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    postcode_area,
    theme,
)

pytestmark = pytest.mark.django_db

FORM_URL = reverse("apply:form")
RECEIVED_URL = reverse("apply:received")


@pytest.fixture
def open_round():
    postcode_area("9712", "Binnenstad", "city")
    return RecruitmentRoundFactory()


def application_data(**overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Bakker",
        "email": "anna@example.org",
        "phone": "",
        "street_address": "Herestraat 1",
        "postcode": "9712ab",
        "date_of_birth": "1980-04-02",
        "motivation": "Ik wil meedenken over armoedebeleid.",
        "network": "Voedselbank, buurtvereniging",
        "cultural_background": "",
        "personal_capacity": "on",
        "m5_council": "no",
        "m5_employee": "no",
        "m5_commercial": "no",
        "m5_political": "no",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def apply(client, **overrides):
    return client.post(FORM_URL, application_data(**overrides))


def field_errors(response, name) -> list[str]:
    return response.context["form"].errors.get(name, [])


# --- M2: only while a round is open ------------------------------------------------------


def test_m2_form_is_shown_while_a_round_is_open(client, open_round):
    open_round.introduction = "Doe mee met de adviesgroep!"
    open_round.save()
    page = client.get(FORM_URL).content.decode()
    assert "Aanmelden als lid" in page
    assert "Doe mee met de adviesgroep!" in page
    assert f"31 december {open_round.year}" in page
    assert 'name="first_name"' in page


def test_m2_closed_page_says_when_the_next_round_opens(client):
    today = timezone.localdate()
    RecruitmentRoundFactory(year=today.year - 1)
    RecruitmentRoundFactory(
        year=today.year + 1,
        opens_on=datetime.date(today.year + 1, 3, 1),
        closes_on=datetime.date(today.year + 1, 4, 30),
    )
    response = client.get(FORM_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Aanmelden is gesloten" in page
    assert f"1 maart {today.year + 1}" in page
    assert f"30 april {today.year + 1}" in page
    assert 'name="first_name"' not in page


def test_m2_closed_page_says_when_no_round_is_planned(client):
    RecruitmentRoundFactory(year=timezone.localdate().year - 1)
    page = client.get(FORM_URL).content.decode()
    assert "Aanmelden is gesloten" in page
    assert "Er is nog geen nieuwe wervingsronde gepland" in page
    assert 'name="first_name"' not in page


def test_m2_no_application_outside_an_open_round(client):
    postcode_area("9712")
    RecruitmentRoundFactory(year=timezone.localdate().year - 1)
    response = apply(client)
    assert response.status_code == 200
    assert "Aanmelden is gesloten" in response.content.decode()
    assert not Application.objects.exists()
    assert SESSION_KEY not in client.session


def test_m2_round_that_closes_while_the_form_is_open_saves_nothing(client, monkeypatch):
    # The view found the round open; the service, holding the round's lock, finds it closed.
    postcode_area("9712")
    last_year = RecruitmentRoundFactory(year=timezone.localdate().year - 1)
    monkeypatch.setattr("members.apply_views.round_open_on", lambda day: last_year)
    response = apply(client)
    assert response.context["form"].non_field_errors() == ["Aanmelden voor deze ronde is gesloten."]
    assert "Aanmelden voor deze ronde is gesloten." in response.content.decode()
    assert not Application.objects.exists()


# --- The eligible path ---------------------------------------------------------------


def test_eligible_application_is_saved_with_its_themes_and_confirmed_by_mail(
    client, open_round, django_capture_on_commit_callbacks
):
    armoede, werk = theme("Armoede", 5), theme("Werk", 3)
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, phone="050 123 45 67", knowledge_themes=[armoede.pk, werk.pk])
    deliver_outbox()
    assert response.status_code == 302
    assert response.url == RECEIVED_URL

    application = Application.objects.get()
    assert application.round == open_round
    assert (application.first_name, application.email) == ("Anna", "anna@example.org")
    assert application.postcode == "9712 AB"
    assert application.postcode_area.digits == "9712"
    assert application.date_of_birth == datetime.date(1980, 4, 2)
    assert application.personal_capacity is True
    assert application.is_eligible
    assert set(application.knowledge_themes.all()) == {armoede, werk}
    assert not application.experience_themes.exists()
    assert application.cultural_background == ""
    assert application.special_consent_at is None

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "Anna" not in mail.outbox[0].body  # issue 15.13: nothing the sender typed

    page = client.get(RECEIVED_URL).content.decode()
    assert "Bedankt voor uw aanmelding" in page
    assert "bevestiging gestuurd naar anna@example.org" in page
    assert "U kunt nu geen lid worden" not in page


def test_form_offers_only_active_themes(client, open_round):
    theme("Armoede")
    old = theme("Oud thema")
    old.active = False
    old.save()
    page = client.get(FORM_URL).content.decode()
    assert "Armoede" in page
    assert "Oud thema" not in page
    response = apply(client, knowledge_themes=[old.pk])
    assert field_errors(response, "knowledge_themes")
    assert not Application.objects.exists()


# --- M5: ineligible, but saved ---------------------------------------------------------


def test_m5_yes_answer_saves_the_application_but_marks_it_ineligible(
    client, open_round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, m5_employee="yes")
    deliver_outbox()
    assert response.status_code == 302

    application = Application.objects.get()
    assert application.m5_employee is True
    assert not application.is_eligible
    assert application.decision == Application.Decision.PENDING
    assert len(mail.outbox) == 1

    page = client.get(RECEIVED_URL).content.decode()
    assert "Bedankt voor uw aanmelding" in page
    assert "U kunt nu geen lid worden" in page
    assert "Mensen die bij de gemeente Groningen werken, kunnen geen lid zijn" in page
    assert "We hebben uw aanmelding toch bewaard" in page
    # Only the rule that applies, not the others.
    assert "gemeenteraad" not in page


def test_m5_question_left_unanswered_is_a_field_error(client, open_round):
    response = apply(client, m5_political=None)
    assert field_errors(response, "m5_political") == ["Beantwoord deze vraag met ja of nee."]
    assert not Application.objects.exists()
    page = response.content.decode()
    assert 'href="#id_m5_political_0"' in page  # the error summary links to the question


def test_m5_questions_have_no_default_answer(client, open_round):
    page = client.get(FORM_URL).content.decode()
    assert "checked" not in page
    assert "Werkt u bij de gemeente Groningen?" in page


# --- M4, M6, age, duplicates ---------------------------------------------------------


def test_m4_postcode_outside_the_municipality_is_refused(client, open_round):
    response = apply(client, postcode="1012 AB")
    assert field_errors(response, "postcode") == [
        "Deze postcode ligt niet in de gemeente Groningen. Alleen inwoners van de gemeente "
        "(de stad, voormalig Haren en voormalig Ten Boer) kunnen zich aanmelden."
    ]
    assert not Application.objects.exists()


def test_malformed_postcode_is_refused_on_the_field(client, open_round):
    response = apply(client, postcode="97 12")
    assert "Vul een Nederlandse postcode in" in field_errors(response, "postcode")[0]
    assert not Application.objects.exists()


def test_m6_personal_capacity_is_required(client, open_round):
    response = apply(client, personal_capacity=None)
    assert field_errors(response, "personal_capacity") == [
        "Het lidmaatschap is persoonlijk: bevestig dat u op persoonlijke titel meedoet."
    ]
    assert not Application.objects.exists()


def test_applicant_under_16_is_refused(client, open_round):
    fifteen = datetime.date(timezone.localdate().year - 15, 1, 1)
    response = apply(client, date_of_birth=fifteen.isoformat())
    assert field_errors(response, "date_of_birth") == ["U kunt zich aanmelden vanaf 16 jaar."]
    assert not Application.objects.exists()


def test_second_application_with_the_same_email_in_a_round_is_refused(client, open_round):
    ApplicationFactory(round=open_round, email="anna@example.org")
    response = apply(client, email="Anna@Example.org")
    assert field_errors(response, "email") == [
        "In deze ronde is al een aanmelding met dit e-mailadres ontvangen."
    ]
    assert Application.objects.count() == 1


def test_invalid_date_of_birth_is_a_field_error(client, open_round):
    response = apply(client, date_of_birth="31-02-1980")
    assert field_errors(response, "date_of_birth")
    assert not Application.objects.exists()


# --- Special personal data: only with explicit consent ----------------------------------


def test_cultural_background_without_consent_is_refused_and_nothing_is_saved(client, open_round):
    armoede = theme("Armoede")
    response = apply(
        client,
        cultural_background=CulturalBackground.EUROPE,
        experience_themes=[armoede.pk],
    )
    assert response.status_code == 200
    assert field_errors(response, "special_consent") == [
        "U hebt uw culturele achtergrond of ervaringsdeskundigheid ingevuld. Vink het vakje "
        "voor toestemming aan, of laat die vragen leeg."
    ]
    assert not Application.objects.exists()
    assert SESSION_KEY not in client.session


def test_consent_is_stored_with_its_time_and_version(client, open_round):
    armoede = theme("Armoede")
    before = timezone.now()
    response = apply(
        client,
        cultural_background=CulturalBackground.OUTSIDE_EUROPE,
        experience_themes=[armoede.pk],
        special_consent="on",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.cultural_background == CulturalBackground.OUTSIDE_EUROPE
    assert list(application.experience_themes.all()) == [armoede]
    assert application.special_consent_at >= before
    assert application.special_consent_version == CONSENT_VERSION


def test_special_data_fieldset_explains_it_is_optional(client, open_round):
    page = client.get(FORM_URL).content.decode()
    assert "Niet verplicht: culturele achtergrond en ervaringsdeskundigheid" in page
    assert '<option value="" selected>Zeg ik liever niet</option>' in page
    assert "Alleen het secretariaat ziet deze gegevens" in page


# --- The received page -----------------------------------------------------------------


def test_received_page_without_an_application_in_the_session_goes_to_the_form(client):
    ApplicationFactory(first_name="Bram")
    response = client.get(RECEIVED_URL)
    assert response.status_code == 302
    assert response.url == FORM_URL


def test_received_page_shows_only_this_browsers_application(client, open_round):
    ApplicationFactory(round=open_round, first_name="Bram", email="bram@example.org")
    apply(client)
    page = client.get(RECEIVED_URL).content.decode()
    assert "anna@example.org" in page
    assert "bram@example.org" not in page


# --- Issue 15.13: the newsletter's protections, and lengths ---------------------------


def test_apply_form_is_rate_limited_per_address(client, open_round):
    for n in range(APPLY_LIMIT):
        response = apply(client, email=f"a{n}@example.org")
        assert response.status_code == 302
    response = apply(client, email="late@example.org")
    assert response.status_code == 429
    assert response.context["limited"]
    assert not Application.objects.filter(email="late@example.org").exists()
    # Another address is not held back by this one.
    other = application_data(email="other@example.org")
    response = client.post(FORM_URL, other, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_apply_form_counts_refused_posts_too(client, open_round):
    for _n in range(APPLY_LIMIT):
        assert apply(client, postcode="1234 AB").status_code == 200
    assert apply(client).status_code == 429
    assert not Application.objects.exists()


def test_apply_honeypot_saves_and_sends_nothing(
    client, open_round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, website="https://spam.example")
    assert response.status_code == 302 and response.url == RECEIVED_URL
    assert not Application.objects.exists()
    assert not deliver_outbox()


def test_apply_form_shows_the_honeypot_hidden(client, open_round):
    page = client.get(FORM_URL).content.decode()
    assert 'class="d-none" aria-hidden="true"' in page
    assert 'name="website"' in page


def test_every_text_field_of_the_apply_form_has_a_maximum_length():
    form = ApplicationForm()
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            assert field.max_length, name


@pytest.mark.parametrize("name", ["motivation", "network"])
def test_two_megabytes_of_text_are_refused_on_the_field(client, open_round, name):
    response = apply(client, **{name: "x" * 2_000_000})
    assert response.status_code == 200
    assert field_errors(response, name)
    assert not Application.objects.exists()


def test_the_longest_motivation_allowed_is_saved(client, open_round):
    assert apply(client, motivation="x" * MOTIVATION_MAX_LENGTH).status_code == 302
    assert len(Application.objects.get().motivation) == MOTIVATION_MAX_LENGTH


def test_service_refuses_a_long_motivation_on_the_field(open_round):
    form = ApplicationForm(application_data())
    assert form.is_valid(), form.errors
    submission = form.submission()
    submission["data"]["motivation"] = "x" * (MOTIVATION_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        application_submit(round=open_round, **submission)
    assert "motivation" in error.value.message_dict
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("field", "limit"), [("motivation", MOTIVATION_MAX_LENGTH), ("network", NETWORK_MAX_LENGTH)]
)
def test_database_refuses_text_longer_than_its_limit(open_round, field, limit):
    application = ApplicationFactory(round=open_round)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(**{field: "x" * (limit + 1)})


def test_database_refuses_a_members_network_longer_than_its_limit():
    member = MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(network="x" * (NETWORK_MAX_LENGTH + 1))


def test_confirmation_mail_repeats_nothing_the_sender_typed(
    client, open_round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(
            client, first_name="Win", last_name="een prijs op https://evil.example",
            motivation="Bel 0900-1234", network="Klik hier",
        )  # fmt: skip
    (message,) = deliver_outbox()
    for typed in ("Win", "evil.example", "0900-1234", "Klik hier"):
        assert typed not in message.subject and typed not in message.body, typed


def test_error_summary_names_a_field_briefly_not_by_its_whole_sentence(client, open_round):
    """Issue 16.5: the summary links "Personal capacity", not the consent sentence."""
    response = apply(client, personal_capacity=None, m5_political=None)
    summary = {label: anchor for anchor, label, _m in response.context["form"].error_summary()}
    assert summary == {
        ApplicationForm.SHORT_LABELS["personal_capacity"]: "id_personal_capacity",
        ApplicationForm.SHORT_LABELS["m5_political"]: "id_m5_political_0",
    }
