"""Meeting papers and the advice draft of an agenda item, served only after asking who
reads (steering.selectors.papers). Anything a reader may not see is a 404."""

import os

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from steering.models import AgendaItem, MeetingPaper
from steering.selectors.papers import draft_item, paper_for, reads_member_papers


@require_safe
def paper_download(request, pk: int):
    try:
        paper = paper_for(user=request.user, pk=pk)
    except MeetingPaper.DoesNotExist as error:
        raise Http404 from error
    extension = os.path.splitext(paper.file.name)[1].lower()
    response = FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=f"{paper.title}{extension}",
        content_type=paper.content_type,
    )
    response["X-Robots-Tag"] = "noindex"
    if not paper.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def draft_paper(request, pk: int, item: int):
    """The current draft of the advice an agenda item carries, read-only, with its version.
    A draft is not public (A4): members and staff only."""
    if not reads_member_papers(request.user):
        raise Http404
    try:
        agenda_item = draft_item(meeting_pk=pk, item_pk=item)
    except AgendaItem.DoesNotExist as error:
        raise Http404 from error
    advice = getattr(agenda_item.trajectory, "advice", None)
    if advice is None:
        raise Http404
    return render(
        request,
        "steering/meetings/draft.html",
        {
            "meeting": agenda_item.meeting,
            "item": agenda_item,
            "trajectory": agenda_item.trajectory,
            "advice": advice,
            "recommendations": list(advice.recommendations.all()),
        },
    )
