"""Speed of the public advice pages: cached pages, 304 on a repeat, flat query counts."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advices.models import Recommendation, Status
from members.models import Theme
from tests.advices.public_factories import published_advice
from tests.harness import assert_queries_flat

pytestmark = pytest.mark.django_db

LIST = reverse("advices_public:list")
FEED = reverse("advices_public:feed")


def grow_advices(n):
    for _ in range(n):
        theme, _created = Theme.objects.get_or_create(name=f"Thema {Theme.objects.count()}")
        published_advice(
            Status.RESPONDED,
            themes=[theme],
            responses=[Recommendation.Response.ADOPTED, Recommendation.Response.PARTLY],
        )


def uncached(client, url, **params):
    def view():
        for alias in caches:  # the page as it is built, not as it is served from cache
            caches[alias].clear()
        return client.get(url, params)

    return view


@pytest.mark.parametrize(
    "params", [{}, {"q": "armoedebeleid"}, {"wet": "wmo", "status": "responded"}], ids=str
)
def test_list_query_count_is_flat(client, params):
    assert_queries_flat(uncached(client, LIST, **params), grow_advices)


def test_detail_query_count_is_flat(client):
    trajectory = published_advice(
        Status.RESPONDED, recommendations=["Een.", "Twee.", "Drie."], responses=["adopted"] * 3
    )
    url = reverse("advices_public:detail", kwargs={"slug": trajectory.slug})
    assert_queries_flat(uncached(client, url), grow_advices)


@pytest.mark.parametrize("url", [FEED, reverse("sitemap")])
def test_feed_and_sitemap_query_counts_are_flat(client, url):
    assert_queries_flat(uncached(client, url), grow_advices)


def test_a_cached_page_needs_no_query_of_the_advices(client):
    published_advice()
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    assert not [q for q in queries.captured_queries if "advices_" in q["sql"]]


@pytest.mark.parametrize("name", ["list", "detail", "feed", "pdf"])
def test_a_repeated_request_gets_304(client, name):
    trajectory = published_advice()
    kwargs = {} if name in ("list", "feed") else {"slug": trajectory.slug}
    url = reverse(f"advices_public:{name}", kwargs=kwargs)
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_publishing_changes_the_etag_and_the_cached_page(client):
    published_advice(slug="eerste")
    first = client.get(LIST)
    published_advice(slug="tweede")
    second = client.get(LIST, headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert 'data-slug="tweede"' in second.content.decode()
    assert second["ETag"] != first["ETag"]


def test_a_member_gets_the_page_rendered_for_them_not_the_anonymous_copy(client, member_client):
    published_advice()
    anonymous = client.get(LIST)
    assert "ETag" in anonymous
    member = member_client.get(LIST)
    assert "ETag" not in member  # rendered for them (private, no-store: nothing to revalidate)
    assert "no-store" in member["Cache-Control"]
    assert client.get(LIST, headers={"if-none-match": anonymous["ETag"]}).status_code == 304
    again = member_client.get(LIST, headers={"if-none-match": anonymous["ETag"]})
    assert again.status_code == 200


def test_an_uncached_list_reads_only_its_rows_once_the_figures_are_made(client):
    # Count, filter choices, theme names and impact are made once per publication version
    # (public_figures, with the form and the chart as cached fragments); a list page not
    # in the cache yet (here: a new address) then reads only its ten rows.
    grow_advices(12)
    client.get(LIST)  # makes the figures of this version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"pagina": "1"})
    assert response.status_code == 200
    assert len(queries) == 1, [query["sql"] for query in queries.captured_queries]
    assert response.content.decode().count('data-slug="') == 10


def test_a_new_publication_version_makes_the_figures_anew(client):
    published_advice(themes=[Theme.objects.create(name="Eerste testthema")])
    assert "Eerste testthema" in client.get(LIST).content.decode()
    published_advice(themes=[Theme.objects.create(name="Tweede testthema")])  # new version
    assert "Tweede testthema" in client.get(LIST).content.decode()


def test_an_uncached_advice_page_reads_only_the_advice_and_its_recommendations(client):
    # Its themes, project group and the college's response come with the figures of the
    # publication version; the page itself reads its texts and its recommendations.
    trajectory = published_advice(
        Status.RESPONDED, recommendations=["Een.", "Twee."], responses=["adopted", "partly"]
    )
    url = reverse("advices_public:detail", kwargs={"slug": trajectory.slug})
    client.get(LIST)  # makes the figures of this version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    assert len(sql) == 2, sql
    assert not [text for text in sql if "collegeresponse" in text or "requester" in text]
    page = response.content.decode()
    assert "Twee." in page
    assert trajectory.college_response.council_proposal_number in page


def test_the_unfiltered_form_cached_per_version_is_cached_per_language(client):
    published_advice(themes=[Theme.objects.get_or_create(name="Armoede")[0]])
    dutch = client.get(LIST).content.decode()
    english = client.get("/en" + LIST, {"pagina": "1"}).content.decode()
    assert '<label class="form-label" for="id_jaar">Jaar</label>' in dutch
    assert '<label class="form-label" for="id_jaar">Year</label>' in english
    assert '<option value="" selected>All</option>' in english


def test_a_filtered_list_draws_its_own_form(client):
    theme = Theme.objects.get_or_create(name="Armoede")[0]
    published_advice(themes=[theme])
    client.get(LIST)  # the unfiltered form of this version
    page = client.get(LIST, {"thema": theme.pk, "q": "zorg"}).content.decode()
    assert f'<option value="{theme.pk}" selected>Armoede</option>' in page
    assert 'value="zorg"' in page
    assert "Alle adviezen tonen" in page


def test_a_repeat_is_304_before_anything_is_built(client):
    trajectory = published_advice()
    url = reverse("advices_public:detail", kwargs={"slug": trajectory.slug})
    etag = client.get(url)["ETag"]
    caches["local"].clear()  # not even the cached page is needed
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert not [q for q in queries.captured_queries if "advices_" in q["sql"]]


@pytest.mark.parametrize(
    ("params", "limit"),
    [({}, 5), ({"q": "armoedebeleid"}, 8), ({"wet": "wmo", "status": "responded"}, 6)],
    ids=str,
)
def test_an_uncached_list_asks_few_queries(client, params, limit, django_assert_max_num_queries):
    # Issue 20.2: the figures in three queries (the advices with their one-to-one facts,
    # their themes, their recommendations' responses); a searched or filtered list then
    # reads the pks it found and its page's rows, its impact summed from the figures.
    grow_advices(3)
    with django_assert_max_num_queries(limit):
        assert uncached(client, LIST, **params)().status_code == 200


def test_an_uncached_advice_page_asks_few_queries(client, django_assert_max_num_queries):
    trajectory = published_advice(
        Status.RESPONDED, recommendations=["Een.", "Twee."], responses=["adopted", "partly"]
    )
    url = reverse("advices_public:detail", kwargs={"slug": trajectory.slug})
    with django_assert_max_num_queries(6):
        assert uncached(client, url)().status_code == 200


def test_the_lists_fragments_are_keyed_by_what_they_show(client):
    # Issue 20.2: a publication that changes neither the form's years and themes nor the
    # impact figures reuses both fragments; one that does renders them anew.
    from advices.public_selectors import public_figures

    armoede = Theme.objects.get_or_create(name="Armoede")[0]
    published_advice(Status.RESPONDED, themes=[armoede], responses=["adopted"])
    client.get(LIST)
    before = public_figures()
    published_advice(Status.RESPONDED, themes=[armoede], responses=["adopted"])
    after = public_figures()
    assert after.filters_key == before.filters_key
    assert after.impacts_key != before.impacts_key  # one more recommendation adopted
    new = Theme.objects.create(name="Nieuw testthema")
    published_advice(Status.ADOPTED, themes=[new])  # not sent: the impact stays
    last = public_figures()
    assert last.impacts_key == after.impacts_key
    assert last.filters_key != after.filters_key
    form = client.get(LIST).content.decode().split('id="advice-filters"')[1].split("</form>")[0]
    assert f'<option value="{new.pk}">Nieuw testthema</option>' in form


@pytest.mark.parametrize("params", [{}, {"q": "armoedebeleid"}], ids=str)
def test_a_page_rendered_after_a_publication_reads_the_version_once(client, monkeypatch, params):
    # Issue 20.2: in production the version is in PostgreSQL: a query each time it is read.
    from advices.publication import VERSION_KEY

    grow_advices(2)
    client.get(LIST)
    read = []
    shared = caches["default"]
    get = shared.get
    monkeypatch.setattr(
        shared, "get", lambda key, *args, **kwargs: read.append(key) or get(key, *args, **kwargs)
    )
    caches["local"].clear()  # not cached: rendered anew
    assert client.get(LIST, params).status_code == 200
    assert read.count(VERSION_KEY) == 1
