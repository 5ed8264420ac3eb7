"""Issue 19.4: one search for the public site at /zoeken/, its hits grouped by kind.

Each kind is found by a word of its own; a members-only paper, a paper of a closed or
cancelled meeting, a draft news item or page and an unpublished advice are never found.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from advices.models import Recommendation, Status
from demo.meeting_papers import text_pdf
from public.search import site_lexicon
from steering.models import AgendaItem, MeetingPaper, PlenaryMeeting
from steering.services.papers import paper_add
from tests.advices.public_factories import advice_at, published_advice
from tests.harness import assert_queries_flat
from tests.members.factories import secretary
from tests.public.factories import NewsItemFactory, PageFactory
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


def _pdf(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text_pdf("Vergaderstuk", list(lines)))


def _meeting(title="Brede bijeenkomst juni", *, public=True, status=PlenaryMeeting.Status.HELD):
    meeting = PlenaryMeetingFactory(
        title=title, public=public, status=status,
        starts_at=timezone.now() - datetime.timedelta(days=20),
    )  # fmt: skip
    item = AgendaItem.objects.create(
        meeting=meeting, position=3, title="Jaarplan", description="Het jaarplan bespreken."
    )
    return meeting, item


def _paper(item, title, *lines, audience=MeetingPaper.Audience.PUBLIC):
    return paper_add(
        item=item, title=title, file=_pdf("stuk.pdf", *lines), audience=audience, by=secretary()
    )


def hits(client, words: str) -> dict[str, str]:
    """The page's sections by kind, as text."""
    page = client.get(SEARCH, {"q": words}).content.decode()
    sections = {}
    for part in page.split('<section class="search-group')[1:]:
        kind = part.split('id="results-', 1)[1].split('"', 1)[0]
        sections[kind] = part.split("</section>", 1)[0]
    return sections


@pytest.fixture
def site():
    advice = published_advice(
        Status.RESPONDED,
        subject="Ervaringen met armoede",
        slug="armoede",
        recommendations=["Open een inloopspreekuur in elke bibliotheek."],
        responses=[Recommendation.Response.PARTLY],
    )
    Recommendation.objects.filter(advice__trajectory=advice).update(
        response_explanation="Het college begint met een proef in Beijum."
    )
    NewsItemFactory(
        title="Nieuwe leden gezocht",
        slug="leden",
        body="<p>Wij lopen mee in de zomerwandeling.</p>",
    )
    PageFactory(title="Hoe we werken", slug="werken", body="<p>Wij werken met projectgroepen.</p>")
    meeting, item = _meeting()
    _paper(item, "Jaarplan 2027", "Wij openen een speeltuinbieb in Lewenborg.")
    _paper(item, "Interne notitie", "Vertrouwelijk: de kascommissie.", audience="members")
    return advice, meeting


def test_19_4_each_kind_is_found_by_a_word_of_its_own(client, site):
    advice, meeting = site
    advice_url = reverse("advices_public:detail", kwargs={"slug": "armoede"})
    assert advice_url in hits(client, "armoede")["advices"]
    assert f"{advice_url}#recommendation-1" in hits(client, "bibliotheek")["recommendations"]
    assert f"{advice_url}#recommendation-1" in hits(client, "Beijum")["responses"]
    assert "/nieuws/leden/" in hits(client, "zomerwandeling")["news"]
    assert "/over-ons/werken/" in hits(client, "projectgroep")["pages"]
    meetings = hits(client, "jaarplan")["meetings"]
    assert f"/bijeenkomsten/{meeting.pk}/" in meetings


def test_19_4_a_public_paper_is_found_by_a_word_only_in_its_pdf(client, site):
    _advice, meeting = site
    paper = MeetingPaper.objects.get(title="Jaarplan 2027")
    assert "speeltuinbieb" in paper.text
    found = hits(client, "speeltuinbieb")
    assert list(found) == ["meetings"]
    assert reverse("steering_public:paper", args=[paper.pk]) in found["meetings"]
    assert "<mark>speeltuinbieb</mark>" in found["meetings"]


def test_19_4_a_members_only_paper_is_never_found(client, member_client, site):
    paper = MeetingPaper.objects.get(title="Interne notitie")
    assert "kascommissie" in paper.text  # read, but not searched
    assert hits(client, "kascommissie") == {}
    assert hits(member_client, "kascommissie") == {}  # the public site's search, for everyone
    assert "Interne notitie" not in client.get(SEARCH, {"q": "vertrouwelijk"}).content.decode()


def test_19_4_papers_of_a_closed_or_cancelled_meeting_are_not_found(client):
    for title, public, status in (
        ("Besloten overleg", False, PlenaryMeeting.Status.HELD),
        ("Vervallen bijeenkomst", True, PlenaryMeeting.Status.CANCELLED),
    ):
        _meeting_, item = _meeting(title, public=public, status=status)
        _paper(item, "Jaarplan", "Het wijkbudget van Selwerd.")
    assert hits(client, "wijkbudget") == {}
    assert hits(client, "besloten") == {}
    assert hits(client, "vervallen") == {}


def test_19_4_drafts_and_unpublished_advices_are_not_found(client):
    NewsItemFactory(title="Concept", body="<p>Een zeepkistsessie.</p>", publish_at=None)
    PageFactory(title="Later", body="<p>Over de zeepkistsessie.</p>", publish_at=None)
    advice_at(Status.ADOPTED, subject="Zeepkistsessie in de wijk")
    assert hits(client, "zeepkistsessie") == {}


def test_19_4_dutch_stemming_and_compounds_as_on_the_advices_page(client, site):
    NewsItemFactory(title="Armoede in de wijk", slug="wijk", body="<p>Veel gezinnen.</p>")
    assert "/nieuws/wijk/" in hits(client, "gezin")["news"]  # the body says "gezinnen"
    assert "/nieuws/wijk/" in hits(client, "armoedebeleid")["news"]  # the compound's head


def test_19_4_snippets_are_escaped_and_mark_the_words_found(client):
    NewsItemFactory(
        title="Wijkfeest",
        slug="feest",
        body="<p>Een feest met <strong>muziek</strong> &amp; dans.</p>",
    )
    page = client.get(SEARCH, {"q": "muziek <script>"}).content.decode()
    assert "<script>" not in page.split("</header>", 1)[1]
    news = hits(client, "muziek")["news"]
    assert "<mark>muziek</mark> &amp; dans" in news
    assert "<strong>" not in news


def test_19_4_an_empty_or_stop_word_query_lists_nothing(client, site):
    page = client.get(SEARCH).content.decode()
    assert 'id="search-form"' in page and "search-group" not in page
    assert 'id="search-empty"' in client.get(SEARCH, {"q": "de en het"}).content.decode()
    assert 'id="search-empty"' in client.get(SEARCH, {"q": "onvindbaarwoord"}).content.decode()
    assert client.get(SEARCH, {"q": "x" * 300}).status_code == 200


def test_19_4_the_search_box_is_in_the_header_of_every_public_page(client, site):
    for path in ("/", "/adviezen/", "/nieuws/", "/en/"):
        header = client.get(path).content.decode().split("</header>")[0]
        assert 'id="site-search"' in header and 'name="q"' in header
    assert client.get("/en" + SEARCH, {"q": "armoede"}).status_code == 200


def test_19_4_the_advices_link_on_to_the_advices_search_with_filters(client, site):
    advices = hits(client, "armoede")["advices"]
    assert f'href="{reverse("advices_public:list")}?q=armoede"' in advices


def test_19_4_the_page_is_cached_per_query_and_a_change_shows_at_once(
    client, site, django_assert_num_queries
):
    client.get(SEARCH, {"q": "zomerwandeling"})
    with django_assert_num_queries(0):
        assert client.get(SEARCH, {"q": "zomerwandeling"}).status_code == 200
    NewsItemFactory(title="Tweede wandeling", slug="tweede", body="<p>De zomerwandeling.</p>")
    assert "/nieuws/tweede/" in hits(client, "zomerwandeling")["news"]
    paper = MeetingPaper.objects.get(title="Jaarplan 2027")  # a paper's change, too
    paper.title = "Jaarplan 2028"
    paper.save(update_fields=["title"])
    assert "Jaarplan 2028" in hits(client, "speeltuinbieb")["meetings"]


def test_19_4_queries_do_not_grow_with_what_is_published(member_client):
    """A member's request is rendered, never cached: every search runs its queries."""

    def grow(n):
        for _ in range(n):
            NewsItemFactory(body="<p>De zomerwandeling door de wijk.</p>")
            PageFactory(body="<p>De zomerwandeling.</p>")
            _meeting_, item = _meeting("Zomerwandeling")
            _paper(item, "Route", "De route van de zomerwandeling.")
            published_advice(subject="Zomerwandeling", recommendations=["Wandel mee."])
        site_lexicon()  # cached again for the new publication version, as the first search does

    assert_queries_flat(
        lambda: member_client.get(SEARCH, {"q": "zomerwandeling wijk"}), grow, factor=3
    )
