"""Demo data: the demo advices the plenary adopted are on the website (A4), once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advices.models import ADOPTED_OR_LATER, Status, Trajectory
from advices.readability import B1_SCORE, readability
from demo.public import seed_publication

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_a4_seed_demo_publishes_the_adopted_demo_advices_once(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    published = Trajectory.objects.published()
    adopted = Trajectory.objects.filter(status__in=ADOPTED_OR_LATER)
    assert adopted.count() >= 10
    assert set(published) == set(adopted)
    assert f"{adopted.count()} published advices" in out.getvalue()
    for trajectory in published:
        assert trajectory.published_at <= timezone.now()
        assert timezone.localdate(trajectory.published_at) >= trajectory.adopted_on
        assert trajectory.search_document
        # Issue 19.3: every published demo advice has its plain-language (B1) summary.
        assert readability(trajectory.plain_summary).score >= B1_SCORE
    assert not Trajectory.objects.published().filter(status=Status.DRAFTING).exists()
    # Idempotent: a second run publishes nothing more and changes no date.
    dates = dict(published.values_list("pk", "published_at"))
    assert seed_publication(timezone.localdate()) == 0
    assert dict(Trajectory.objects.published().values_list("pk", "published_at")) == dates
    # The demo site has content: the list and a search for a compound find it.
    response = client.get(reverse("advices_public:list"), {"q": "armoedebeleid"})
    assert response.status_code == 200
    assert 'data-slug="' in response.content.decode()
    # Issue 19.4: the site search finds the demo's public papers by their PDF's text.
    found = client.get(reverse("public:search"), {"q": "programmamanager"}).content.decode()
    assert 'id="results-meetings"' in found and "/bijeenkomsten/stukken/" in found
    # Issue 19.1: an answered demo advice links its council proposal (https, example.org).
    answered = published.filter(college_response__isnull=False).first()
    page = client.get(reverse("advices_public:detail", kwargs={"slug": answered.slug}))
    assert 'href="https://raad.example.org/raadsvoorstellen/rv-' in page.content.decode()
