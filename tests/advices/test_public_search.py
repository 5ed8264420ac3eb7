"""Dutch full-text search of the published advices (advices.search): stemming and compounds."""

import pytest
from django.urls import reverse

from advices.models import Trajectory
from advices.search import build_query, search
from tests.advices.factories import TrajectoryFactory
from tests.advices.public_factories import published_advice

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return list(search(Trajectory.objects.published(), text).values_list("slug", flat=True))


@pytest.fixture
def advices():
    return {
        "armoede": published_advice(
            subject="Ervaringen van inwoners met armoede",
            slug="armoede",
            summary="Wat hebben inwoners met weinig geld nodig?",
            recommendations=["Schrap de vermogenstoets voor de kindregelingen."],
            considerations="Veel schulden blijven te lang verborgen.",
        ),
        "jeugd": published_advice(
            subject="Jeugdhulp naar de WIJ-teams",
            slug="jeugd",
            summary="De toegang tot jeugdhulp gaat naar WIJ Groningen.",
            recommendations=["Geef elk gezin één vaste contactpersoon."],
            considerations="Gezinnen willen één aanspreekpunt.",
        ),
        "adviezen": published_advice(
            subject="Huishoudelijke hulp",
            slug="hulp",
            summary="Eerdere adviezen over de aanbesteding.",
            recommendations=["Vraag vaste hulpen per huishouden."],
            considerations="",
        ),
    }


def test_a4_compound_armoedebeleid_finds_an_advice_about_armoede(advices):
    assert found("armoedebeleid") == ["armoede"]


def test_stemming_finds_singular_and_plural(advices):
    assert found("schuld") == ["armoede"]  # the advice says "schulden"
    assert found("kindregeling") == ["armoede"]  # the advice says "kindregelingen"
    assert found("gezinnen") == ["jeugd"]  # the advice says "gezin" and "gezinnen"
    assert found("advies") == ["hulp"]  # the advice says "adviezen" (s/z)
    assert found("contactpersonen") == ["jeugd"]


def test_prefix_finds_the_compound_from_its_head(advices):
    assert found("jeugd") == ["jeugd"]  # "jeugdhulp"


def test_words_are_combined_with_and_and_stop_words_ignored(advices):
    assert found("de jeugdhulp en gezinnen") == ["jeugd"]
    assert found("jeugdhulp armoede") == []
    assert found("de en het") == []
    assert build_query("de en het") is None


def test_search_ranks_the_subject_first(advices):
    published_advice(
        subject="Wijkvoorzieningen",
        slug="wijk",
        summary="Ontmoetingsplekken in de wijk.",
        considerations="Armoede speelt ook hier een rol.",
    )
    assert found("armoede")[0] == "armoede"
    assert set(found("armoede")) == {"armoede", "wijk"}


def test_quotes_and_operators_in_a_query_are_harmless(advices):
    assert found("armoede' | !(") == ["armoede"]
    assert found("&&& :*") == []


def test_search_never_finds_an_unpublished_advice(client, advices):
    TrajectoryFactory(subject="Geheim concept over armoede", slug="concept")
    response = client.get(reverse("advices_public:list"), {"q": "armoede"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "/adviezen/armoede/" in body
    assert "concept" not in body
