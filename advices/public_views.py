"""The public advice pages at /adviezen/ (A3, A4): list with search, detail, PDF, attachments.

Speed: the body of each page is rendered once per publication version, language and
query string and kept in the cache; the page around it (header with the visitor's
language form and login state) is rendered per request, cheaply. Every page carries an
ETag of the same version, so a visitor's repeated request is answered with 304.
"""

import hashlib
import os

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from advices import public_selectors as selectors
from advices.impact import chart, impact_of, impact_per_year
from advices.models import Trajectory
from advices.pdf import advice_pdf, advice_pdf_filename
from advices.public_forms import AdviceFilterForm
from advices.publication import PAGE_TIMEOUT, publication_version
from advices.search import search
from organisation.selectors import organisation_get

PER_PAGE = 10
DESCRIPTION_LENGTH = 160


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
        request, "advices/public/page.html", {**page, "body": mark_safe(page["body"])}
    )
    # Revalidate every time: the ETag then answers with 304 while nothing changed.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _description(text: str) -> str:
    return Truncator(" ".join(strip_tags(text).split())).chars(DESCRIPTION_LENGTH)


# --- The list --------------------------------------------------------------------------


def _build_list(request) -> dict:
    form = AdviceFilterForm(
        request.GET or None,
        years=selectors.published_years(),
        themes=selectors.published_themes(),
    )
    advices = selectors.published_advices_filtered(**form.filters())
    query = form.search_text()
    if query:
        advices = search(advices, query)
    page = Paginator(advices, PER_PAGE).get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    impacts = impact_per_year(trajectories=Trajectory.objects.published())
    organisation = organisation_get()
    body = render_to_string(
        "advices/public/list.html",
        {
            "form": form,
            "query": query,
            "filtered": bool(query or any(form.filters().values())),
            "page": page,
            "querystring": params.urlencode(),
            "impacts": impacts,
            "chart": chart(impacts),
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
@condition(etag_func=page_etag)
def advice_list(request):
    return _respond(request, _cached_page(request, "list", lambda: _build_list(request)))


# --- One advice ------------------------------------------------------------------------


def _build_detail(slug: str) -> dict:
    trajectory = selectors.published_advice(slug)
    recommendations = trajectory.advice.numbered
    impact = impact_of(trajectory, recommendations)
    body = render_to_string(
        "advices/public/detail.html",
        {
            "trajectory": trajectory,
            "advice": trajectory.advice,
            "recommendations": recommendations,
            "project_group": getattr(trajectory, "project_group", None),
            "college_response": getattr(trajectory, "college_response", None),
            "attachments": trajectory.public_attachments,
            "themes": list(trajectory.themes.all()),
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
@condition(etag_func=page_etag)
def advice_detail(request, slug):
    return _respond(request, _cached_page(request, "detail", lambda: _build_detail(slug)))


@require_safe
@condition(etag_func=document_etag)
def advice_pdf_view(request, slug):
    """The advice letter (stored once per publication, advices.pdf)."""
    trajectory = selectors.published_advice(slug)
    content = advice_pdf(trajectory, trajectory.advice.numbered)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=advice_pdf_filename(trajectory)
    )
    return response


@require_safe
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
