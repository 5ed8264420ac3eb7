"""Issue 19.3: a plain-language (B1) summary per advice, shown first, with a readability
score for Dutch while the secretariat writes it."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from advices.readability import B1_SCORE, LONG_SENTENCE, readability
from tests.advices.public_factories import published_advice

pytestmark = pytest.mark.django_db

PLAIN = (
    "De gemeente vroeg ons hoe mensen met schulden sneller hulp krijgen. Wij adviseerden één "
    "loket in elke wijk. De gemeente nam dat over."
)
LONG = (
    "Het college wordt geadviseerd om in samenwerking met maatschappelijke organisaties en "
    "ervaringsdeskundigen een integrale, wijkgerichte en laagdrempelige "
    "ondersteuningsstructuur te ontwikkelen die voorziet in de behoeften van inwoners."
)


def test_plain_dutch_scores_as_b1_and_officialese_does_not():
    plain, official = readability(PLAIN), readability(LONG)
    assert plain.score >= B1_SCORE and plain.b1 and plain.long_sentences == []
    assert official.score < B1_SCORE and not official.b1
    assert len(official.long_sentences) == 1 and len(LONG.split()) > LONG_SENTENCE
    assert readability("   ") is None


def test_the_admin_shows_the_score_and_names_the_long_sentences(secretariat_client):
    advice = published_advice(plain_summary=f"{PLAIN} {LONG}")
    with translation.override("en"):
        page = secretariat_client.get(
            reverse("admin:advices_trajectory_change", args=[advice.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "Flesch-Douma" in page
    assert "<li>Het college wordt geadviseerd" in page


def test_the_summary_comes_first_on_the_page_in_the_list_and_in_the_feed(client):
    advice = published_advice(plain_summary=PLAIN, summary="De vraag van de gemeente.")
    page = client.get(reverse("advices_public:detail", args=[advice.slug])).content.decode()
    assert page.index('id="advice-summary"') < page.index("advice-facts")
    assert f'content="{PLAIN[:60]}' in page  # the page's description
    listed = client.get(reverse("advices_public:list")).content.decode()
    assert "Wij adviseerden één loket" in listed
    feed = ET.fromstring(client.get(reverse("advices_public:feed")).content)
    summary = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summary.text == PLAIN


def test_without_a_plain_summary_the_question_is_shown_as_before(client):
    advice = published_advice(summary="De vraag van de gemeente over schulden.")
    page = client.get(reverse("advices_public:detail", args=[advice.slug])).content.decode()
    assert 'id="advice-summary"' not in page
    assert (
        "De vraag van de gemeente over schulden."
        in client.get(reverse("advices_public:list")).content.decode()
    )


def test_the_newsletter_carries_the_plain_summary():
    from public.models import Newsletter
    from public.services import newsletter_context

    advice = published_advice(plain_summary=PLAIN)
    newsletter = Newsletter.objects.create(subject="Nieuwsbrief")
    newsletter.advices.add(advice)
    [entry] = newsletter_context(newsletter, site_url="https://asdg.example")["advices"]
    assert entry["summary"] == PLAIN
