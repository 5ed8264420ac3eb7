"""Full-text search of the published advices, in Dutch (PostgreSQL, `dutch` configuration).

The document of an advice (`Trajectory.search_document`, a tsvector with a GIN index) is
written when it is published: subject (weight A), question, themes and recommendations
(B), the advice's text (C). The text is frozen at adoption, so it cannot go stale.

The query is built here rather than by websearch_to_tsquery, for two things Dutch needs:

- **Compounds.** Snowball stems "armoede" to "armoed" but leaves "armoedebeleid" whole,
  so the stem alone never links the two. A query word is therefore also split into a
  head and a tail that occur as words in the published advices (their lexicon, from
  ts_stat): "armoedebeleid" becomes `armoedebeleid:* | armoed:* | (armoed:* & beleid)`.
  In a Dutch compound the head names the subject (armoede-beleid, jeugd-hulp, schuld-
  hulpverlening), so the head alone is enough to match; the rank puts the advices that
  hold both parts, or the whole word, first. Prefix matching (`:*`) covers the other
  direction: "armoede" also finds "armoedebeleid".
- **Plurals with a changed consonant.** Snowball stems "adviezen" to "adviez" and
  "advies" to "advies"; a stem ending in s/z or f/v also matches its partner.

Words are AND-ed; Dutch stop words are dropped. All of it costs at most two queries
(stems, and the lexicon, which is cached per publication version).
"""

import re
from collections.abc import Callable

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import caches
from django.db import connection
from django.db.models import F, QuerySet, Value
from django.db.models.fields import TextField

from advices.publication import PAGE_TIMEOUT, publication_version

CONFIG = "dutch"
MAX_WORDS = 8
MIN_COMPOUND = 8  # shorter words are not split
MIN_PART = 4  # a head or tail of fewer letters is not a word of its own here
WORD = re.compile(r"\w+", re.UNICODE)
PARTNERS = {"z": "s", "s": "z", "v": "f", "f": "v"}


def search_document(*, subject: str, question: str, body: str, response: str = "") -> SearchVector:
    """The weighted tsvector expression for one advice (written by advice_publish); the
    college's response letter weighs least."""

    def part(text, weight):
        return SearchVector(Value(text, output_field=TextField()), weight=weight, config=CONFIG)

    return part(subject, "A") + part(question, "B") + part(body, "C") + part(response, "D")


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text or "")][:MAX_WORDS]


def _stems(words: list[str]) -> dict[str, str | None]:
    """Each word (and each candidate part of a compound) to its Dutch stem; None = stop word."""
    candidates = set(words)
    for word in words:
        if len(word) >= MIN_COMPOUND:
            for cut in range(MIN_PART, len(word) - MIN_PART + 1):
                candidates.update((word[:cut], word[cut:]))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t, (ts_lexize('dutch_stem', t))[1] FROM unnest(%s::text[]) AS t",
            [sorted(candidates)],
        )
        return dict(cursor.fetchall())


def lexicon(*, version: str | None = None) -> frozenset[str]:
    """Every lexeme of the published advices, cached per publication version in this
    worker's memory (the "local" cache): one query when the version changed, never a
    write to the shared cache. `version`: the publication version the caller read."""
    key = f"advices:lexicon:{version or publication_version()}"
    words = caches["local"].get(key)
    if words is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat("
                "'SELECT search_document FROM advices_trajectory "
                "WHERE published_at IS NOT NULL AND search_document IS NOT NULL')"
            )
            words = frozenset(row[0] for row in cursor.fetchall())
        caches["local"].set(key, words, PAGE_TIMEOUT)
    return words


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("'", "''").replace("\\", "\\\\") + "'"


def _variants(stem: str) -> list[str]:
    variants = [stem]
    if len(stem) > MIN_PART and stem[-1] in PARTNERS:
        variants.append(stem[:-1] + PARTNERS[stem[-1]])
    return variants


def _split(word: str, stems: dict, known: frozenset[str]) -> tuple[str, str | None] | None:
    """The compound's head (and tail, if it is a known word too), longest head first."""
    best = None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = stems.get(word[:cut]), stems.get(word[cut:])
        if not head or len(head) < MIN_PART or not any(v in known for v in _variants(head)):
            continue
        if tail and any(v in known for v in _variants(tail)):
            return head, tail
        best = best or (head, None)
    return best


def build_query(
    text: str,
    *,
    known_words: Callable[[], frozenset[str]] | None = None,
    version: str | None = None,
) -> str | None:
    """A raw tsquery (lexemes already stemmed), or None when nothing is left to search.

    `known_words`: the lexicon a compound's parts must occur in (the site search, issue
    19.4, passes the words of everything the public site shows); by default the published
    advices' words, of publication `version` when the caller read it already."""
    words = _words(text)
    if not words:
        return None
    stems = _stems(words)
    compound = any(len(word) >= MIN_COMPOUND for word in words)
    if not compound:
        known = frozenset()
    elif known_words is not None:
        known = known_words()
    else:
        known = lexicon(version=version)
    groups = []
    for word in words:
        stem = stems.get(word)
        if not stem:
            continue  # a stop word
        options = [f"{_quote(v)}:*" for v in _variants(stem)]
        if len(word) >= MIN_COMPOUND and (split := _split(word, stems, known)):
            head, tail = split
            options.append(f"{_quote(head)}:*")
            if tail:
                options.append(f"({_quote(head)}:* & {_quote(tail)})")
        groups.append("(" + " | ".join(dict.fromkeys(options)) + ")")
    return " & ".join(groups) or None


def tsquery(raw: str) -> SearchQuery:
    """The query of build_query's text. Its lexemes are stemmed already: the `simple`
    configuration leaves them as they are."""
    return SearchQuery(raw, search_type="raw", config="simple")


def search(queryset: QuerySet, text: str, *, version: str | None = None) -> QuerySet:
    """The advices of `queryset` that match `text`, best match first (empty: no match)."""
    raw = build_query(text, version=version)
    if raw is None:
        return queryset.none()
    return matching(queryset, tsquery(raw))


def matching(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """The advices of `queryset` whose document matches `query`, best match first."""
    return (
        queryset.filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query))
        .order_by("-rank", "-published_at", "pk")
    )
