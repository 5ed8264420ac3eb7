"""The project group drafts its advice in the portal: comments, versions, ready for the plenary."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from advices.models import AdviceVersion, Comment, Status
from advices.versions import SECTIONS, version_previous, versions_compare
from projectgroups.draft_forms import CommentForm, DraftForm
from projectgroups.models import ProjectGroup
from projectgroups.rules import can_edit_draft, can_read_draft
from projectgroups.services import draft_comment, draft_mark_ready, draft_save

Section = Comment.Section


def _group(request, pk: int, *, edit: bool = False) -> ProjectGroup:
    group = get_object_or_404(ProjectGroup.objects.select_related("trajectory__advice"), pk=pk)
    allowed = can_edit_draft if edit else can_read_draft
    if not allowed(request.user, group):
        raise PermissionDenied
    if not hasattr(group.trajectory, "advice"):
        raise Http404  # every trajectory gets its advice when recorded; not an older row
    return group


def _draft_url(group: ProjectGroup, anchor: str = "") -> str:
    url = reverse("drafting:draft", kwargs={"pk": group.pk})
    return f"{url}#{anchor}" if anchor else url


def _part(*, anchor, title, text, comments, form_label, section, recommendation=None, form=False):
    """One section or recommendation of the draft page, with its comments and comment form."""
    return {
        "anchor": anchor,
        "title": title,
        "text": text,
        "comments": comments,
        "form": CommentForm(
            initial={"section": section, "recommendation": recommendation},
            label=form_label,
            auto_id=f"id_{anchor}_%s",
        )
        if form
        else None,
    }


@login_required
@require_http_methods(["GET", "HEAD"])
def draft(request, pk: int):
    group = _group(request, pk)
    advice = group.trajectory.advice
    may_edit = can_edit_draft(request.user, group)
    may_comment = may_edit and not advice.frozen
    recommendations = list(advice.recommendations.all())
    comments = defaultdict(list)
    for comment in advice.comments.select_related("author"):
        comments[comment.recommendation_id or comment.section].append(comment)
    sections = [
        _part(
            anchor=section.replace("_", "-"), title=section.label, text=getattr(advice, section),
            comments=comments[section.value], section=section.value, form=may_comment,
            form_label=_("Your comment on the %(section)s") % {"section": section.label.lower()},
        )
        for section in (Section.INTRODUCTION, Section.WAY_OF_WORKING, Section.CONSIDERATIONS)
    ]  # fmt: skip
    recommendation_parts = [
        _part(
            anchor=f"recommendation-{r.number}",
            title=_("Recommendation %(number)s") % {"number": r.number}, text=r.text,
            comments=comments[r.pk], section=Section.RECOMMENDATION, recommendation=r.pk,
            form=may_comment,
            form_label=_("Your comment on recommendation %(number)s") % {"number": r.number},
        )
        for r in recommendations
    ]  # fmt: skip
    context = {
        "group": group,
        "trajectory": group.trajectory,
        "advice": advice,
        "sections": sections,
        "recommendations": recommendation_parts,
        "may_edit": may_edit,
        # advices.services.advice_mark_ready decides; this only hides a button it would refuse.
        "can_mark_ready": may_comment
        and not advice.ready_for_plenary
        and group.trajectory.status == Status.DRAFTING
        and bool(recommendations),
    }
    return render(request, "projectgroups/drafting/draft.html", context)


@login_required
@require_POST
def comment(request, pk: int):
    group = _group(request, pk, edit=True)
    form = CommentForm(request.POST)
    anchor = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = draft_comment(
                group=group,
                by=request.user,
                section=data["section"],
                recommendation=data["recommendation"],
                text=data["text"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your comment has been added."))
            anchor = (
                f"recommendation-{created.recommendation.number}"
                if created.recommendation
                else created.section.replace("_", "-")
            )
    else:
        messages.error(request, _("Your comment was not saved: write a comment first."))
    return redirect(_draft_url(group, anchor))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk: int):
    group = _group(request, pk, edit=True)
    advice = group.trajectory.advice
    texts = [r.text for r in advice.recommendations.all()]
    form = DraftForm(request.POST or None, advice=advice, recommendations=texts)
    if request.method == "POST" and not advice.frozen and form.is_valid():
        data = form.cleaned_data
        try:
            saved = draft_save(
                group=group,
                by=request.user,
                data={name: data[name] for name in SECTIONS},
                recommendations=form.recommendation_texts(),
                base_version=data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("The draft has been saved as version %(version)s.") % {"version": saved.version},
            )
            return redirect(_draft_url(group))
    context = {"group": group, "advice": advice, "form": form}
    return render(request, "projectgroups/drafting/edit.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def versions(request, pk: int):
    group = _group(request, pk)
    advice = group.trajectory.advice
    context = {
        "group": group,
        "advice": advice,
        "versions": advice.versions.select_related("by").order_by("-number"),
    }
    return render(request, "projectgroups/drafting/versions.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def diff(request, pk: int, number: int):
    group = _group(request, pk)
    advice = group.trajectory.advice
    version = get_object_or_404(
        AdviceVersion.objects.select_related("by"), advice=advice, number=number
    )
    version.advice = advice
    previous = version_previous(version)
    sections, recommendations = versions_compare(old=previous, new=version)
    context = {
        "group": group,
        "advice": advice,
        "version": version,
        "previous": previous,
        "sections": sections,
        "recommendations": recommendations,
    }
    return render(request, "projectgroups/drafting/diff.html", context)


@login_required
@require_POST
def ready(request, pk: int):
    group = _group(request, pk, edit=True)
    try:
        draft_mark_ready(group=group, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The draft is ready for the plenary, which can now adopt it."))
    return redirect(_draft_url(group))
