"""The public advice pages at /adviezen/ (A3, A4): list with search, detail, PDF, attachments.

The list and an advice's page are ordinary views that render templates extending
base.html. An anonymous visitor gets them from the cache, one copy per publication
version and address (advices.publication.cache_public_page); the parts that every
unfiltered list page shares are cached fragments ({% cache %} in list.html) keyed by
what they show and the language. Feed, sitemap and PDF carry an ETag of that version.
"""

import hashlib
import os

from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import dateformat
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from advices import public_selectors as selectors
from advices.impact import chart, impact_of, impact_per_year_of
from advices.models import Recommendation, Status, Trajectory
from advices.pdf import advice_pdf, advice_pdf_filename
from advices.public_forms import AdviceFilterForm
from advices.publication import cache_public_page, publication_version, publication_version_of
from advices.search import search
from organisation.selectors import organisation_get

PER_PAGE = 10
DESCRIPTION_LENGTH = 160
Response = Recommendation.Response


def document_etag(request, *args, **kwargs) -> str:
    """Feed, sitemap, PDF: the same for every visitor."""
    parts = (publication_version(), get_language(), request.get_full_path())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _description(text: str) -> str:
    return Truncator(" ".join(strip_tags(text).split())).chars(DESCRIPTION_LENGTH)


# --- The list --------------------------------------------------------------------------


def _asked(request, figures: selectors.PublicFigures) -> tuple[AdviceFilterForm, dict, str]:
    """The search and filter form, the valid filters and the search words.

    Without a search or filter in the address the form is unbound: the same for every
    visitor, so list.html keeps it as a cached fragment.
    """
    if any(name in request.GET for name in AdviceFilterForm.base_fields):
        form = AdviceFilterForm(request.GET, years=figures.years, themes=figures.themes)
        return form, form.filters(), form.search_text()
    return AdviceFilterForm(years=figures.years, themes=figures.themes), {}, ""


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
@cache_public_page
def advice_list(request):
    version = publication_version_of(request)
    figures = selectors.public_figures(version=version)
    form, filters, query = _asked(request, figures)
    narrowed = bool(query or any(filters.values()))
    advices = selectors.published_advices_filtered(**filters)
    if query:
        advices = search(advices, query, version=version)
    if narrowed:
        # The advices found, as pks in their order: counted, paged and (issue 19.4) their
        # impact figures summed from public_figures(), without a query each.
        found = list(advices.values_list("pk", flat=True))
        paginator = Paginator(found, PER_PAGE)
        page = paginator.get_page(request.GET.get("pagina"))
        rows = selectors.published_advices().in_bulk(page.object_list)
        page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
        impacts = impact_per_year_of(
            figures.impact_parts[pk] for pk in found if pk in figures.impact_parts
        )
    else:
        paginator = Paginator(advices, PER_PAGE)
        paginator.count = figures.count  # known: no query to count them again
        page = paginator.get_page(request.GET.get("pagina"))
        impacts = figures.impacts
    for trajectory in page.object_list:
        trajectory.theme_names = figures.theme_names.get(trajectory.pk, [])
    params = request.GET.copy()
    params.pop("pagina", None)
    organisation = organisation_get()
    return render(
        request,
        "advices/public/list.html",
        {
            # The fragments every unfiltered list page shares (list.html), keyed by what
            # they show rather than by the publication version.
            "filters_key": figures.filters_key,
            "impacts_key": figures.impacts_key,
            "filter_form": form,
            "filtered": narrowed,
            "query": query,
            "page": page,
            "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "querystring": params.urlencode(),
            "impacts": impacts,
            "impact_chart": lambda: chart(impacts),  # only when its fragment is made
            "title": _("Advices"),
            "description": _(
                "The advices of %(name)s to the college of mayor and aldermen of Groningen, "
                "and what the college did with them."
            )
            % {"name": organisation.name},
            "og_type": "website",
        },
    )


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


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
@cache_public_page
def advice_detail(request, slug):
    figures = selectors.public_figures(version=publication_version_of(request))
    trajectory = selectors.published_advice_page(slug, figures=figures)
    recommendations = trajectory.advice.numbered
    impact = impact_of(trajectory, recommendations)
    college_response = figures.college_responses.get(trajectory.pk)
    # Labels looked up once (get_FOO_display() rebuilds the choices on every call).
    responses = {response: str(response.label) for response in Response}
    for recommendation in recommendations:
        recommendation.response_label = responses.get(recommendation.response, "")
    return render(
        request,
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
            "title": trajectory.subject,
            "description": _description(trajectory.public_summary),
            "og_type": "article",
        },
    )


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
