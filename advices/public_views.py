"""The public advice pages at /adviezen/ (A3, A4): list with search, detail, PDF, attachments.

Speed: the body of each page is rendered once per publication version, language and
query string and kept in the cache; the page around it (header with the visitor's
language form and login state) is rendered per request, cheaply. Every page carries an
ETag of the same version, so a visitor's repeated request is answered with 304.

A visitor without a session (the public at large) gets the whole page from the cache:
rendered once per publication version, language and address with a stand-in for the
CSRF token of the header's language form, which each response fills in with the
visitor's own; each worker keeps its copies too (checked against the version it keeps
for a second, advices.publication). Such a request costs no query and no template: it
has no login, no one-time message and nothing else of its own to show. With the page
cache off (ASDG_PUBLIC_PAGE_CACHE=false) its page is built per request, queries and body,
and filled into the frame around it, which is drawn once per language and organisation
(_frame): the frame holds nothing of the advices.
"""

import hashlib
import os
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import dateformat, timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.dates import MONTHS
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.http import content_disposition_header, quote_etag
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from advices import public_selectors as selectors
from advices.impact import chart, impact_of
from advices.models import Recommendation, Status, Trajectory
from advices.pdf import advice_pdf, advice_pdf_filename
from advices.public_forms import AdviceFilterForm
from advices.publication import PAGE_TIMEOUT, publication_version
from advices.search import search
from organisation.selectors import organisation_get

PER_PAGE = 10
DESCRIPTION_LENGTH = 160
SUMMARY_WORDS = 40
Response = Recommendation.Response


def _digest(*parts) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]


def page_etag(request, *args, **kwargs) -> str | None:
    """The version of what this visitor gets: content, language, login and CSRF secret.

    The CSRF secret is fixed here (get_token) so the first response's ETag already holds
    the cookie it sets; the page's language form stays valid in the visitor's copy.
    """
    if len(messages.get_messages(request)):
        return None  # a one-time message belongs to this response only
    get_token(request)
    user = request.user.pk if request.user.is_authenticated else ""
    secret = request.META.get("CSRF_COOKIE", "")
    return _digest(publication_version(), get_language(), request.get_full_path(), user, secret)


def document_etag(request, *args, **kwargs) -> str:
    """Feed, sitemap, PDF: the same for every visitor."""
    return _digest(publication_version(), get_language(), request.get_full_path())


def _cached_page(request, name: str, build) -> dict:
    if not settings.ASDG_PUBLIC_PAGE_CACHE:
        return build()
    key = "advices:page:" + _digest(
        name, publication_version(), get_language(), request.get_full_path()
    )
    page = cache.get(key)
    if page is None:
        page = build()
        cache.set(key, page, PAGE_TIMEOUT)
    return page


def _respond(request, page: dict) -> HttpResponse:
    response = render(
        request,
        "advices/public/page.html",
        {**page, "body": mark_safe(page["body"]), "page_url": request.build_absolute_uri()},
    )
    # Revalidate every time: the ETag then answers with 304 while nothing changed.
    patch_cache_control(response, private=True, no_cache=True)
    return response


# --- Pages for visitors without a session ---------------------------------------------
#
# Such a visitor (the public at large) has no login, no one-time message and nothing else
# of its own on the page but the CSRF token of the header's language form. The page
# around the body (page.html and its frame, base.html) is then the same for every such
# visitor of every advice page, but for a few values: it is drawn once per language and
# organisation with stand-ins for them (_frame), and filled in per page (_page_html).

# Stands in for the CSRF token in a whole page; never a valid token (not 64 chars).
TOKEN_STAND_IN = "csrftokenstandin0000"
# The frame's other stand-ins: letters only, so escaping leaves them as they are.
FRAME_HOLES = ("title", "description", "og_type", "feed_url", "page_url", "next_path", "body")
_HOLE = re.compile("asdgframe(" + "|".join(FRAME_HOLES) + ")0000")
_frames: dict[tuple, str] = {}


def forget_frames() -> None:
    """Draw the frames anew (tests that change the settings they are drawn with)."""
    _frames.clear()


def _without_session(request) -> bool:
    """Nobody logged in and nothing kept for this visitor: no session, no message cookie."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _frame(request) -> str:
    """page.html with stand-ins, for a visitor without a session: per language, script
    prefix and organisation's details (the header and footer show them)."""
    organisation = organisation_get()
    key = (
        get_language(),
        get_script_prefix(),
        *(getattr(organisation, field.attname) for field in organisation._meta.concrete_fields),
    )
    frame = _frames.get(key)
    if frame is None:
        stand_ins = {name: f"asdgframe{name}0000" for name in FRAME_HOLES}
        frame = render_to_string(
            "advices/public/page.html",
            {**stand_ins, "csrf_token": TOKEN_STAND_IN},
            request=request,
        )
        if len(_frames) >= 16:
            _frames.clear()
        _frames[key] = frame
    return frame


def _page_html(request, page: dict) -> str:
    """The whole page for a visitor without a session, its CSRF token a stand-in: the same
    as page.html rendered for it, without rendering it (tests/advices/test_public_speed)."""
    values = {
        "title": escape(page["title"]),
        "description": escape(page["description"]),
        "og_type": escape(page["og_type"]),
        "feed_url": escape(page["feed_url"]),
        "page_url": escape(request.build_absolute_uri()),
        "next_path": escape(request.get_full_path()),
        "body": page["body"],
    }
    return _HOLE.sub(lambda hole: values[hole[1]], _frame(request))


# This worker's copies of whole pages: key -> (version, html, made at). At most
# LOCAL_PAGES; none outlives PAGE_TIMEOUT, as in the shared cache.
LOCAL_PAGES = 256
_local_pages: dict[str, tuple[str, str, float]] = {}


def _whole_page_html(request, name: str, build, version: str) -> str:
    if not settings.ASDG_PUBLIC_PAGE_CACHE:
        return _page_html(request, build())
    key = "advices:whole-page:" + _digest(name, get_language(), request.build_absolute_uri())
    now = time.time()
    entry = _local_pages.get(key)
    if entry is None or entry[0] != version or entry[2] + PAGE_TIMEOUT < now:
        entry = cache.get(key)
        if entry is None or entry[0] != version:
            entry = (version, _page_html(request, _cached_page(request, name, build)), now)
            cache.set(key, entry, PAGE_TIMEOUT)
        if len(_local_pages) >= LOCAL_PAGES:
            _local_pages.clear()
        _local_pages[key] = entry
    return entry[1]


def _whole_page(request, name: str, build) -> HttpResponse:
    version = publication_version()
    token = get_token(request)
    etag = quote_etag(
        _digest(version, get_language(), request.get_full_path(), "", request.META["CSRF_COOKIE"])
    )
    response = get_conditional_response(request, etag=etag)
    if response is None:
        html = _whole_page_html(request, name, build, version)
        response = HttpResponse(html.replace(TOKEN_STAND_IN, token))
    response.headers["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _serve(request, name: str, build) -> HttpResponse:
    if _without_session(request):
        return _whole_page(request, name, build)
    return condition(etag_func=page_etag)(
        lambda request: _respond(request, _cached_page(request, name, build))
    )(request)


def _description(text: str) -> str:
    return Truncator(" ".join(strip_tags(text).split())).chars(DESCRIPTION_LENGTH)


# --- The list --------------------------------------------------------------------------


def _impact_section(figures: selectors.PublicFigures) -> str:
    """The impact chart and its table (A3): the same on every list page, so drawn once
    per publication version and language (kept with the figures it is drawn from)."""
    key = ("impact", get_language())
    if key not in figures.rendered:
        figures.rendered[key] = render_to_string(
            "advices/public/_impact.html",
            {
                "chart": chart(figures.impacts),
                "chart_id": "impact-years",
                "caption": _("The college's response per year"),
                "show_year": True,
            },
        )
    return figures.rendered[key]


@dataclass(frozen=True)
class ListItem:
    """One advice as the list shows it, its texts made here: the template only prints them
    (the list is the public site's busiest page, and a template filter costs far more)."""

    slug: str
    url: str
    subject: str
    published_iso: str
    published_text: str
    status: str
    laws: str
    kind: str
    summary: str
    theme_names: list[str]

    def html(self, published: str, themes: str) -> SafeString:
        """The item's <li>, escaped by format_html: ten of these are on every list page,
        and drawn in the template they cost more than the rest of the page together.
        `published` and `themes` are the translated labels."""
        badges = format_html_join(
            "", '<span class="badge text-bg-light border me-1">{}</span>', (
                (name,) for name in self.theme_names
            )
        )  # fmt: skip
        theme_line = (
            format_html(
                '<p class="small mb-0"><span class="visually-hidden">{}:</span>{}</p>',
                themes,
                badges,
            )
            if self.theme_names
            else ""
        )
        return format_html(
            '<li class="advice-item border-bottom py-3" data-slug="{slug}">'
            '<h3 class="h5 mb-1"><a href="{url}">{subject}</a></h3>'
            '<p class="text-body-secondary small mb-1">{published} '
            '<time datetime="{iso}">{date}</time> · <span class="advice-status">{status}</span>'
            " · {laws} · {kind}</p>"
            '<p class="mb-1">{summary}</p>{theme_line}</li>',
            slug=self.slug,
            url=self.url,
            subject=self.subject,
            published=published,
            iso=self.published_iso,
            date=self.published_text,
            status=self.status,
            laws=self.laws,
            kind=self.kind,
            summary=self.summary,
            theme_line=theme_line,
        )


LAW_FIELDS = ("law_wmo", "law_youth", "law_participation")


def _month_names() -> dict[int, str]:
    """The months' names in the active language, for dates as "j F Y" (29 november 2026)
    without dateformat's setup per date."""
    return {number: str(name) for number, name in MONTHS.items()}


def _list_items(rows, figures: selectors.PublicFigures) -> list[ListItem]:
    """The list's items from rows of published_advices().values() (no model instances)."""
    detail_prefix = reverse("advices_public:list")
    months = _month_names()
    statuses = {status: str(status.label) for status in Status}
    kinds = {kind: str(kind.label) for kind in Trajectory.Kind}
    laws = {name: str(Trajectory._meta.get_field(name).verbose_name) for name in LAW_FIELDS}
    items = []
    for row in rows:
        published = timezone.localtime(row["published_at"])
        items.append(
            ListItem(
                slug=row["slug"],
                url=f"{detail_prefix}{row['slug']}/",
                subject=row["subject"],
                published_iso=published.isoformat(),
                published_text=f"{published.day} {months[published.month]} {published.year}",
                status=statuses[row["status"]],
                laws=", ".join(laws[name] for name in LAW_FIELDS if row[name]),
                kind=kinds[row["kind"]],
                summary=Truncator(row["summary"]).words(SUMMARY_WORDS, truncate=" …"),
                theme_names=figures.theme_names.get(row["pk"], []),
            )
        )
    return items


@dataclass(frozen=True)
class ListSearch:
    """What the visitor asked of the list: the valid filters and the search words."""

    filters: dict
    query: str = ""

    @property
    def narrowed(self) -> bool:
        return bool(self.query or any(self.filters.values()))


def _asked(request, figures: selectors.PublicFigures) -> tuple[ListSearch, str]:
    """The visitor's search and filters, and the HTML of the form that shows them.

    Without a search or filter in the address (the list's first and further pages) the
    form is the same for every visitor: drawn once per publication version and language,
    like the impact chart, and no form is built.
    """
    if any(name in request.GET for name in AdviceFilterForm.base_fields):
        form = AdviceFilterForm(request.GET, years=figures.years, themes=figures.themes)
        asked = ListSearch(form.filters(), form.search_text())
        html = render_to_string(
            "advices/public/_filters.html", {"form": form, "filtered": asked.narrowed}
        )
        return asked, html
    key = ("filters", get_language())
    if key not in figures.rendered:
        form = AdviceFilterForm(years=figures.years, themes=figures.themes)
        figures.rendered[key] = render_to_string(
            "advices/public/_filters.html", {"form": form, "filtered": False}
        )
    return ListSearch({}), figures.rendered[key]


def _build_list(request) -> dict:
    figures = selectors.public_figures()
    asked, form_html = _asked(request, figures)
    advices = selectors.published_advices_filtered(**asked.filters)
    if asked.query:
        advices = search(advices, asked.query)
    paginator = Paginator(advices.values("pk", *selectors.LISTED_FIELDS), PER_PAGE)
    if not asked.narrowed:
        paginator.count = figures.count  # known: no query to count them again
    page = paginator.get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    organisation = organisation_get()
    body = render_to_string(
        "advices/public/list.html",
        {
            "filter_form": mark_safe(form_html),
            "query": asked.query,
            "page": page,
            "items": mark_safe(
                "\n".join(
                    item.html(published=_("Published"), themes=_("Themes"))
                    for item in _list_items(page.object_list, figures)
                )
            ),
            "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "querystring": params.urlencode(),
            "impact_section": mark_safe(_impact_section(figures)) if figures.impacts else "",
            "organisation": organisation,
        },
    )
    return {
        "body": body,
        "title": _("Advices"),
        "description": _(
            "The advices of %(name)s to the college of mayor and aldermen of Groningen, "
            "and what the college did with them."
        )
        % {"name": organisation.name},
        "og_type": "website",
        "feed_url": reverse("advices_public:feed"),
    }


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
def advice_list(request):
    return _serve(request, "list", lambda: _build_list(request))


# --- One advice ------------------------------------------------------------------------


def _day(value) -> tuple[str, str]:
    """A date as (ISO, "j F Y" in the active language), for a <time> element."""
    return value.isoformat(), dateformat.format(value, "j F Y")


def _timeline(trajectory: Trajectory, college_response) -> list[tuple[str, tuple | None]]:
    """The advice's steps as (label, (ISO date, date text) or None for "outstanding")."""
    if trajectory.kind == Trajectory.Kind.REQUESTED:
        steps = [(_("Request received"), _day(trajectory.received_on))]
    else:
        steps = [(_("Subject taken up"), _day(trajectory.received_on))]
    if trajectory.adopted_on:
        steps.append((_("Adopted by the plenary"), _day(trajectory.adopted_on)))
    if trajectory.sent_on:
        steps.append((_("Sent to the college"), _day(trajectory.sent_on)))
    if college_response:
        steps.append((_("College response received"), _day(college_response.received_on)))
    elif trajectory.sent_on:
        steps.append((_("College response"), None))
    return steps


def _build_detail(slug: str) -> dict:
    figures = selectors.public_figures()
    trajectory = selectors.published_advice_page(slug)
    recommendations = trajectory.advice.numbered
    impact = impact_of(trajectory, recommendations)
    college_response = figures.college_responses.get(trajectory.pk)
    # Labels looked up once (get_FOO_display() rebuilds the choices on every call).
    responses = {response: str(response.label) for response in Response}
    for recommendation in recommendations:
        recommendation.response_label = responses.get(recommendation.response, "")
    body = render_to_string(
        "advices/public/detail.html",
        {
            "trajectory": trajectory,
            "advice": trajectory.advice,
            "recommendations": recommendations,
            "project_group_name": figures.project_group_names.get(trajectory.pk),
            "college_response": college_response,
            "timeline": _timeline(trajectory, college_response),
            "status": str(Status(trajectory.status).label),
            "kind": str(Trajectory.Kind(trajectory.kind).label),
            "attachments": trajectory.public_attachments,
            "theme_names": figures.theme_names.get(trajectory.pk, []),
            "impact": impact,
            "chart": chart([impact]),
        },
    )
    return {
        "body": body,
        "title": trajectory.subject,
        "description": _description(trajectory.summary),
        "og_type": "article",
        "feed_url": reverse("advices_public:feed"),
    }


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
def advice_detail(request, slug):
    return _serve(request, "detail", lambda: _build_detail(slug))


@require_safe
@condition(etag_func=document_etag)
def advice_pdf_view(request, slug):
    """The advice letter (stored once per publication, advices.pdf)."""
    trajectory = selectors.published_advice(slug)
    content = advice_pdf(
        trajectory, trajectory.advice.numbered, selectors.published_appendices(trajectory)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=advice_pdf_filename(trajectory)
    )
    return response


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
def response_letter_download(request, slug):
    """A3, A4: the college's response letter, only for a published advice; else 404."""
    college_response = selectors.published_response_letter(slug=slug)
    extension = os.path.splitext(college_response.document.name)[1].lower()
    return FileResponse(
        college_response.document.open("rb"),
        as_attachment=True,
        filename=f"reactie-college-{slug}{extension}",
    )


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
def attachment_download(request, slug, pk):
    """A4: only a public attachment of a published advice; anything else is 404."""
    attachment = selectors.published_attachment(slug=slug, pk=pk)
    extension = os.path.splitext(attachment.file.name)[1].lower()
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{attachment.title}{extension}",
        content_type=attachment.content_type,
    )
