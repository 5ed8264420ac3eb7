"""Issue 19.4: one search for the public site (/zoeken/), its results grouped by kind.

It searches what the public site shows, each kind under the rule of its own pages:
- advices: the published advices' stored document, as /adviezen/?q= does (advices.search),
  the text of the college's response letter included;
- the recommendations of those advices, and the college's response to each (its
  explanation);
- news and pages from their publication moment on (their stored document);
- plenary meetings once published (public, not cancelled): their title, place, agenda,
  approved minutes, and the text of their PUBLIC papers, read from the file when the paper
  was saved (MeetingPaper.text). The papers come from steering.selectors.papers
  .public_papers, the rule of the paper's own download: a members-only paper is never read.

The query is advices.search.build_query: Dutch stems, s/z and f/v plurals, and compounds
split against the words of everything searched here (site_lexicon, cached per publication
version). Each kind is one query of at most LIMIT rows (meetings: three), so a search costs
the same number of queries however much is published.
"""

import datetime
import html
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.cache import caches
from django.db.models import Case, F, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from advices.models import Recommendation, Trajectory
from advices.publication import PAGE_TIMEOUT, publication_version
from advices.search import CONFIG, build_query, matching, tsquery
from public import selectors
from steering.models import AgendaItem
from steering.selectors.papers import public_papers
from steering.selectors.public import published_meetings

LIMIT = 20  # hits per kind; the advices link on to /adviezen/?q=, which shows them all
# Around a word found in a snippet: private-use characters, which no text holds and
# escaping leaves alone; they become <mark> after the snippet is escaped.
START, STOP = "\ue000", "\ue001"


@dataclass
class Hit:
    title: str
    url: str
    snippet: SafeString | str = ""
    context: str = ""
    date: datetime.date | datetime.datetime | None = None
    parts: list["Hit"] = field(default_factory=list)  # a meeting's papers found


@dataclass(frozen=True)
class Group:
    kind: str  # the id of its section on the page
    label: str
    hits: list[Hit]
    more_url: str = ""


def _headline(expression, query: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        expression, query, config=CONFIG, start_sel=START, stop_sel=STOP,
        max_words=30, min_words=12, max_fragments=2, fragment_delimiter=" … ",
    )  # fmt: skip


def _snippet(headline: str | None, *, markup: bool = False) -> SafeString:
    """The headline as safe HTML: its text escaped, the words found in <mark>."""
    text = headline or ""
    if markup:  # a sanitised body: its tags go, its entities become characters again
        text = html.unescape(strip_tags(text))
    text = escape(" ".join(text.split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


def _words(queryset: QuerySet) -> QuerySet:
    word = Func(
        Func(F("search_document"), function="tsvector_to_array"),
        function="unnest",
        output_field=TextField(),
    )
    return queryset.order_by().annotate(word=word).values_list("word", flat=True)


def site_lexicon() -> frozenset[str]:
    """Every word of what the public site shows (the compounds' parts are looked up here),
    cached per publication version in this worker's memory (the "local" cache: no write
    to the shared one). Members-only papers stay out of it."""
    key = f"public:search-lexicon:{publication_version()}"
    words = caches["local"].get(key)
    if words is None:
        advices = Trajectory.objects.published().exclude(search_document=None)
        words = frozenset(
            _words(advices).union(
                _words(selectors.news_published()),
                _words(selectors.pages_published()),
                _words(public_papers()),
            )
        )
        caches["local"].set(key, words, PAGE_TIMEOUT)
    return words


# --- Each kind ------------------------------------------------------------------------


def _advices(query: SearchQuery) -> list[Hit]:
    summary = Coalesce(NullIf(F("plain_summary"), Value("")), F("summary"))
    rows = (
        matching(Trajectory.objects.published(), query)
        .annotate(snippet=_headline(summary, query))
        .values("subject", "slug", "published_at", "snippet")[:LIMIT]
    )
    return [
        Hit(
            title=row["subject"],
            url=reverse("advices_public:detail", kwargs={"slug": row["slug"]}),
            snippet=_snippet(row["snippet"]),
            date=row["published_at"],
        )
        for row in rows
    ]


def _published_recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(
        advice__trajectory__in=Trajectory.objects.published().values("pk")
    )


def _recommendation_rows(queryset: QuerySet, text_field: str, query: SearchQuery) -> QuerySet:
    vector = SearchVector(text_field, config=CONFIG)
    return (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query), snippet=_headline(F(text_field), query))
        .order_by("-rank", "-advice__trajectory__published_at", "number")
        .values(
            "number",
            "response",
            "snippet",
            subject=F("advice__trajectory__subject"),
            slug=F("advice__trajectory__slug"),
        )[:LIMIT]
    )


def _recommendation_url(row) -> str:
    url = reverse("advices_public:detail", kwargs={"slug": row["slug"]})
    return f"{url}#recommendation-{row['number']}"


def _recommendations(query: SearchQuery) -> list[Hit]:
    rows = _recommendation_rows(_published_recommendations(), "text", query)
    return [
        Hit(
            title=row["subject"],
            url=_recommendation_url(row),
            snippet=_snippet(row["snippet"]),
            context=_("Recommendation %(number)s") % {"number": row["number"]},
        )
        for row in rows
    ]


def _responses(query: SearchQuery) -> list[Hit]:
    answered = _published_recommendations().exclude(response="")
    rows = _recommendation_rows(answered, "response_explanation", query)
    return [
        Hit(
            title=row["subject"],
            url=_recommendation_url(row),
            snippet=_snippet(row["snippet"]),
            context=_("The college's response to recommendation %(number)s: %(response)s")
            % {
                "number": row["number"],
                "response": Recommendation.Response(row["response"]).label,
            },
        )
        for row in rows
    ]


def _stored(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """Rows of `queryset` whose stored search document matches, best first."""
    return (
        queryset.filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query), snippet=_headline(F("body"), query))
        .order_by("-rank", "-publish_at", "-pk")
        .values("title", "slug", "publish_at", "snippet")[:LIMIT]
    )


def _news(query: SearchQuery) -> list[Hit]:
    return [
        Hit(
            title=row["title"],
            url=reverse("public:news-detail", kwargs={"slug": row["slug"]}),
            snippet=_snippet(row["snippet"], markup=True),
            date=row["publish_at"],
        )
        for row in _stored(selectors.news_published(), query)
    ]


def _page_url(slug: str) -> str:
    if slug == selectors.ABOUT_SLUG:  # shown at /over-ons/ itself
        return reverse("public:about")
    return reverse("public:page", kwargs={"slug": slug})


def _pages(query: SearchQuery) -> list[Hit]:
    return [
        Hit(
            title=row["title"],
            url=_page_url(row["slug"]),
            snippet=_snippet(row["snippet"], markup=True),
        )
        for row in _stored(selectors.pages_published(), query)
    ]


def _meetings(query: SearchQuery) -> list[Hit]:
    """Published meetings found by their own text, an agenda item or a public paper."""
    meetings = published_meetings()
    # The minutes are on the public page only once a later meeting approved them.
    minutes = Case(
        When(minutes_approved_at__isnull=False, then=F("minutes")),
        default=Value(""),
        output_field=TextField(),
    )
    document = SearchVector("title", "location", config=CONFIG) + SearchVector(
        minutes, config=CONFIG
    )
    own = (
        meetings.annotate(document=document)
        .filter(document=query)
        .annotate(snippet=_headline(minutes, query))
        .values(
            "snippet",
            meeting_pk=F("pk"),
            meeting_title=F("title"),
            meeting_start=F("starts_at"),
        )[:LIMIT]
    )
    item_text = Concat("title", Value(": "), "description", output_field=TextField())
    items = (
        AgendaItem.objects.filter(meeting__in=meetings.values("pk"))
        .annotate(document=SearchVector("title", "description", config=CONFIG))
        .filter(document=query)
        .annotate(snippet=_headline(item_text, query))
        .order_by("-meeting__starts_at", "position", "pk")
        .values(
            "snippet",
            meeting_pk=F("meeting_id"),
            meeting_title=F("meeting__title"),
            meeting_start=F("meeting__starts_at"),
        )[:LIMIT]
    )
    papers = (
        public_papers()
        .filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query), snippet=_headline(F("text"), query))
        .order_by("-rank", "pk")
        .values(
            "pk",
            "title",
            "snippet",
            meeting_pk=F("item__meeting_id"),
            meeting_title=F("item__meeting__title"),
            meeting_start=F("item__meeting__starts_at"),
        )[:LIMIT]
    )
    found: dict[int, Hit] = {}

    def meeting(row) -> Hit:
        return found.setdefault(
            row["meeting_pk"],
            Hit(
                title=row["meeting_title"],
                url=reverse("steering_public:detail", args=[row["meeting_pk"]]),
                date=row["meeting_start"],
            ),
        )

    for row in [*own, *items]:
        hit = meeting(row)
        hit.snippet = hit.snippet or _snippet(row["snippet"])
    for row in papers:
        meeting(row).parts.append(
            Hit(
                title=row["title"],
                url=reverse("steering_public:paper", args=[row["pk"]]),
                snippet=_snippet(row["snippet"]),
            )
        )
    return sorted(found.values(), key=lambda hit: hit.date, reverse=True)[:LIMIT]


def site_search(text: str) -> list[Group] | None:
    """The hits for `text`, grouped by kind in a fixed order; None when `text` holds no
    word to search for (only stop words or signs)."""
    raw = build_query(text, known_words=site_lexicon)
    if raw is None:
        return None
    query = tsquery(raw)
    advices_url = f"{reverse('advices_public:list')}?{urlencode({'q': text})}"
    return [
        Group("advices", _("Advices"), _advices(query), more_url=advices_url),
        Group("recommendations", _("Recommendations"), _recommendations(query)),
        Group("responses", _("College responses"), _responses(query)),
        Group("news", _("News"), _news(query)),
        Group("pages", _("Pages"), _pages(query)),
        Group("meetings", _("Meetings"), _meetings(query)),
    ]
