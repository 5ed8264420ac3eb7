"""The composition page (M1, M4), its privacy (DESIGN.md §4) and the candidate suggestion."""

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from members import composition
from members.models import Member
from members.models.common import CulturalBackground
from members.services.membership import consent_withdraw, member_end
from members.services.recruitment import application_decide
from members.services.retention import retention_apply
from tests.harness import assert_queries_flat
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    postcode_area,
    secretary,
    theme,
)

URL = "/portaal/samenstelling/"


def born(age: int) -> datetime.date:
    # 1 January: the person is `age` or `age - 1` today, inside the same band for our ages.
    return datetime.date(timezone.localdate().year - age, 1, 1)


def with_themes(person, *, knowledge=(), experience=(), background=""):
    person.knowledge_themes.set([theme(name) for name in knowledge])
    person.experience_themes.set([theme(name) for name in experience])
    if background:
        person.cultural_background = background
        person.special_consent_at = timezone.now()
        person.special_consent_version = "2026-1"
        person.save()
    return person


def make_member(*, age=50, area=None, ended=False, **themes):
    member = MemberFactory(
        date_of_birth=born(age), postcode_area=area or postcode_area("9712", "Binnenstad")
    )
    if ended:
        member.ended_on = member.start_date
        member.end_reason = "resigned"
        member.save()
    return with_themes(member, **themes)


def make_application(*, first_name, age=50, area=None, **kwargs):
    themes = {
        key: kwargs.pop(key) for key in ("knowledge", "experience", "background") if key in kwargs
    }
    application = ApplicationFactory(
        first_name=first_name,
        last_name="Kandidaat",
        date_of_birth=born(age),
        postcode_area=area or postcode_area("9712", "Binnenstad"),
        round=RecruitmentRoundFactory(),
        **kwargs,
    )
    return with_themes(application, **themes)


def section(html: str, element_id: str) -> str:
    """The HTML of the element with this id, up to its end tag."""
    match = re.search(rf'<(\w+)[^>]*id="{element_id}".*?</\1>', html, re.S)
    return match.group(0) if match else ""


def rows_of(response, key):
    return {row.label: row for row in response.context[key]}


# --- M1 -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_m1_gap_to_target_members(secretariat_client, settings):
    settings.ASDG_TARGET_MEMBERS = 40
    for _ in range(3):
        make_member()
    make_member(ended=True)
    response = secretariat_client.get(URL)
    assert response.context["sitting"] == 3
    assert response.context["gap"] == 37
    text = section(response.content.decode(), "size-text")
    assert "3 zittende leden" in text
    assert "37 leden te weinig" in text


# --- M4: distribution against the shipped reference ----------------------------------


def test_m4_population_reference_is_shipped_with_sources():
    reference = composition.population_reference()
    assert sum(reference["age"].shares.values()) == pytest.approx(1)
    assert reference["age"].shares["16-24"] == pytest.approx(21 / 88, abs=1e-4)
    assert reference["residence"].shares == {"haren": 0.0738, "rest": 0.9262}
    assert reference["residence"].year == "2024"
    assert reference["cultural_background"].shares["born_abroad"] == 0.18
    assert all(reference[d].sources for d in reference)


@pytest.mark.django_db
def test_m4_distribution_against_reference(secretariat_client):
    haren = postcode_area("9751", "Haren", "haren")
    make_member(age=20)
    make_member(age=22)
    make_member(age=35, area=haren)
    make_member(age=70)
    make_member(age=40, ended=True)  # not sitting: not counted
    response = secretariat_client.get(URL)

    age = rows_of(response, "age")
    assert [(r.count, r.share) for r in age.values()] == [(2, 50), (1, 25), (0, 0), (1, 25)]
    assert age["16–24 jaar"].population == pytest.approx(23.86)
    residence = list(response.context["residence"])
    assert [(r.count, r.share, r.population) for r in residence] == [
        (1, 25, pytest.approx(7.38)),
        (3, 75, pytest.approx(92.62)),
    ]
    html = response.content.decode()
    assert "7,4%" in section(html, "table-residence")
    assert "basismonitor-groningen.nl" in html


def test_m4_balance_score_formula():
    themes = [composition.Theme(pk=1, name="Armoede"), composition.Theme(pk=2, name="Werk")]
    person = composition.Person(
        age_band="16-24", residence="haren", district="Haren", background="",
        knowledge=frozenset({1}),
    )  # fmt: skip
    parts = composition.score_parts([person], themes, special=False)
    age = composition.population_reference()["age"].shares
    assert parts["age"] == pytest.approx(
        1 - (1 - age["16-24"] + sum(age.values()) - age["16-24"]) / 2
    )
    assert parts["residence"] == pytest.approx(0.0738)
    assert parts["knowledge"] == 0.5
    assert composition.balance_score([person], themes, special=False) == pytest.approx(
        100 * sum(parts.values()) / 3
    )


@pytest.mark.django_db
def test_m4_uncovered_themes_listed(secretariat_client):
    make_member(knowledge=["Armoede", "Werk"], experience=["Armoede"])
    html = secretariat_client.get(URL).content.decode()
    uncovered = section(html, "uncovered-knowledge")
    assert "Mantelzorg" in uncovered and "Eenzaamheid" in uncovered
    assert "Armoede" not in uncovered and "Werk" not in uncovered
    assert "Werk" in section(html, "uncovered-experience")
    assert "Armoede" not in section(html, "uncovered-experience")


# --- Privacy: small groups suppressed for the steering group -------------------------


@pytest.fixture
def small_groups():
    """Six members with lived experience of poverty, two of informal care; one born abroad."""
    for _ in range(6):
        make_member(experience=["Armoede"], background=CulturalBackground.NETHERLANDS)
    for _ in range(2):
        make_member(experience=["Mantelzorg"], area=postcode_area("9751", "Haren", "haren"))
    make_member(background=CulturalBackground.OUTSIDE_EUROPE)


@pytest.mark.django_db
def test_m4_steering_group_sees_no_figures_of_special_data(steering_client, small_groups):
    response = steering_client.get(URL)
    html = response.content.decode()
    assert response.context["experience"] is None and response.context["background"] is None
    assert "table-experience" not in html and "table-background" not in html
    assert section(html, "special-not-shown") and section(html, "special-withheld")
    assert not section(html, "uncovered-experience")
    assert "Born abroad" not in html and "buitenland geboren" not in html.split("Bron:")[0]


@pytest.mark.django_db
def test_m4_steering_group_district_counts_suppressed_with_a_second_cell(
    steering_client, small_groups
):
    districts = section(steering_client.get(URL).content.decode(), "table-districts")
    # Haren has 2: suppressed; Binnenstad (7) too, or 9 − 7 would give Haren's 2 away.
    assert re.search(r"Haren</th>\s*<td[^>]*><span[^>]*>&lt; 5<", districts)
    # ... and Binnenstad is not small, so it says "hidden", not "< 5" (issue 19.2).
    assert re.search(r"Binnenstad</th>\s*<td[^>]*><span[^>]*>(hidden|verborgen)<", districts)
    assert section(steering_client.get(URL).content.decode(), "districts-note")


def test_m4_suppression_adds_a_second_cell_only_when_a_total_would_reveal_it():
    assert composition.suppressed_cells({"a": 2, "b": 9, "c": 7}, total_shown=True) == {"a", "c"}
    assert composition.suppressed_cells({"a": 2, "b": 9, "c": 7}, total_shown=False) == {"a"}
    assert composition.suppressed_cells({"a": 2, "b": 3, "c": 7}, total_shown=True) == {"a", "b"}
    assert composition.suppressed_cells({"a": 5, "b": 9}, total_shown=True) == set()


@pytest.mark.django_db
def test_m4_secretariat_sees_all_counts(secretariat_client, small_groups):
    html = secretariat_client.get(URL).content.decode()
    assert re.search(r"Mantelzorg</th>\s*<td[^>]*>2<", section(html, "table-experience"))
    assert re.search(r"Haren</th>\s*<td[^>]*>2<", section(html, "table-districts"))
    background = section(html, "table-background")
    assert re.search(r"In het buitenland geboren</th>\s*<td[^>]*>1<", background)


@pytest.mark.django_db
def test_m4_steering_group_sees_no_special_totals_even_when_every_group_is_large(
    steering_client, large_groups
):
    """Issue 15.6: large groups are no shelter; a total moves when one member comes in."""
    html = steering_client.get(URL).content.decode()
    assert "table-experience" not in html and "table-background" not in html
    assert section(html, "special-not-shown")


# --- Privacy: no special-category answer by difference (issue 15.6) ------------------


@pytest.fixture
def large_groups():
    """Every group at least 5, so that no small-group rule hides anything."""
    for _ in range(6):
        make_member(experience=["Armoede"], background=CulturalBackground.NETHERLANDS)
        make_member(experience=["Armoede"], background=CulturalBackground.EUROPE)
        make_member(experience=["Werk"])


def page_after(client, change) -> str:
    """The composition page as `client` sees it after `change`, which is then undone."""
    with transaction.atomic():
        change()
        html = client.get(URL).content.decode()
        transaction.set_rollback(True)
    # What differs between any two requests: the CSRF token and the CSP nonce.
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


SPECIAL_ANSWERS = [
    {"background": CulturalBackground.OUTSIDE_EUROPE, "experience": ["Armoede", "Eenzaamheid"]},
    {"background": CulturalBackground.NETHERLANDS, "experience": ["Werk"]},
    {},  # no consent: nothing given
]


def admit_one(answers):
    def change():
        application = make_application(
            first_name="Anna",
            email="anna.kandidaat@example.org",
            age=30,
            knowledge=["Mantelzorg"],
            **answers,
        )
        application_decide(
            application=application, decision="admitted", by=secretary(), reason="Past goed."
        )

    return change


@pytest.mark.django_db
def test_m4_one_admission_shows_the_steering_group_nothing_of_the_special_answer(
    steering_client, secretariat_client, large_groups
):
    """Admitting Anna shows the Stuurgroep the same page whatever she answered.

    The Stuurgroep decides admissions, so it knows who came in: any figure of cultural
    background or lived experience it saw change at that moment would be her answer.
    """
    pages = [page_after(steering_client, admit_one(answers)) for answers in SPECIAL_ANSWERS]
    assert pages[0] == pages[1] == pages[2]
    # Not an empty test: the secretariat, who may see the answers, sees them differ.
    secretariat = [
        page_after(secretariat_client, admit_one(answers)) for answers in SPECIAL_ANSWERS
    ]
    assert len(set(secretariat)) == 3


def consent_withdraw_of(member):
    consent_withdraw(member=member)


def end_membership(member):
    member_end(member=member, on=timezone.localdate(), reason=Member.EndReason.RESIGNED)


def anonymise(member):
    """An ended member's time is up: retention anonymises him (and drops his answers)."""
    Member.objects.filter(pk=member.pk).update(
        ended_on=member.start_date, end_reason=Member.EndReason.RESIGNED
    )
    retention_apply(today=timezone.localdate() + datetime.timedelta(days=3 * 366))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change", [end_membership, anonymise, consent_withdraw_of], ids=lambda f: f.__name__
)
def test_m4_one_member_leaving_shows_the_steering_group_nothing_of_the_special_answer(
    steering_client, secretariat_client, large_groups, change
):
    """Ending, anonymising or withdrawing consent: the same page whatever the answer."""
    leaving = [
        make_member(age=30, knowledge=["Mantelzorg"], **answers) for answers in SPECIAL_ANSWERS
    ]
    pages = [page_after(steering_client, lambda m=m: change(m)) for m in leaving]
    assert pages[0] == pages[1] == pages[2]
    if change is not anonymise:  # an ended member is no longer in any figure
        secretariat = {page_after(secretariat_client, lambda m=m: change(m)) for m in leaving}
        assert len(secretariat) == 3


# --- The candidate suggestion --------------------------------------------------------


@pytest.mark.django_db
def test_m4_suggestion_ranks_a_candidate_covering_a_missing_theme_first(steering_client):
    make_member(knowledge=["Armoede"])
    make_application(first_name="Bert", knowledge=["Armoede"])
    make_application(first_name="Anna", knowledge=["Mantelzorg"])
    response = steering_client.get(URL)
    names = [s.application.first_name for s in response.context["suggestions"]]
    assert names == ["Anna", "Bert"]
    suggestions = section(response.content.decode(), "suggestions")
    assert "dekt Mantelzorg" in suggestions
    assert "alleen een suggestie" in response.content.decode()


@pytest.mark.django_db
def test_m5_ineligible_applicant_never_suggested(secretariat_client):
    make_application(first_name="Anna")
    make_application(first_name="Wim", knowledge=["Mantelzorg", "Werk"], m5_employee=True)
    make_application(first_name="Dirk", m5_political=True)
    response = secretariat_client.get(URL)
    assert [s.application.first_name for s in response.context["suggestions"]] == ["Anna"]
    assert "Wim" not in response.content.decode()


@pytest.mark.django_db
def test_m4_suggestion_for_steering_group_hides_special_data(steering_client):
    make_member(knowledge=["Armoede"])
    make_application(
        first_name="Anna",
        age=20,
        area=postcode_area("9751", "Haren", "haren"),
        experience=["Eenzaamheid"],
        background=CulturalBackground.OUTSIDE_EUROPE,
    )
    steering = section(steering_client.get(URL).content.decode(), "suggestions")
    assert "Anna" in steering
    assert "woont in Haren" in steering and "ondervertegenwoordigd" in steering
    assert "Eenzaamheid" not in steering
    assert "buitenland" not in steering


@pytest.mark.django_db
def test_m4_suggestion_for_secretariat_names_special_data(secretariat_client):
    make_member(knowledge=["Armoede"], background=CulturalBackground.NETHERLANDS)
    make_application(
        first_name="Anna", experience=["Eenzaamheid"], background=CulturalBackground.EUROPE
    )
    suggestions = section(secretariat_client.get(URL).content.decode(), "suggestions")
    assert "ervaringsdeskundig in Eenzaamheid" in suggestions
    assert "In het buitenland geboren (ondervertegenwoordigd)" in suggestions


@pytest.mark.django_db
def test_m4_no_suggestion_outside_a_recruitment_round(steering_client):
    year = timezone.localdate().year - 1
    RecruitmentRoundFactory(year=year)
    response = steering_client.get(URL)
    assert "suggestions" not in response.context
    assert "Er is geen wervingsronde open" in response.content.decode()


# --- Access and queries --------------------------------------------------------------


@pytest.mark.django_db
def test_member_gets_403_and_anonymous_is_sent_to_login(member_client):
    assert member_client.get(URL).status_code == 403
    member_client.logout()
    response = member_client.get(URL)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role_client", ["steering_client", "secretariat_client"])
def test_m4_queries_do_not_grow_with_members_and_applications(role_client, request):
    client = request.getfixturevalue(role_client)
    areas = [postcode_area("9712", "Binnenstad"), postcode_area("9751", "Haren", "haren")]

    def grow(n):
        for i in range(n):
            make_member(
                age=20 + 7 * i, area=areas[i % 2], knowledge=["Armoede"], experience=["Werk"]
            )
            make_application(
                first_name=f"Kandidaat{i}", knowledge=["Mantelzorg"], experience=["Werk"]
            )

    assert_queries_flat(lambda: client.get(URL), grow)
