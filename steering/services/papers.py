"""Papers with the agenda items of a plenary meeting (issue 17.1)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advices.document_text import document_text
from advices.uploads import validate_document
from members.audit import audit_event
from members.models import User
from steering.models import AgendaItem, MeetingPaper


def _checked(file) -> str:
    """The content type the bytes prove (PDF, ODT, DOCX), the checks of every upload."""
    try:
        return validate_document(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


@transaction.atomic
def paper_add(
    *, item: AgendaItem, title: str, file, audience: str, by: User | None
) -> MeetingPaper:
    """Attach a document to an agenda item, checked by its content and size."""
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the paper a title.")})
    content_type = _checked(file)
    paper = MeetingPaper(
        item=item,
        title=title.strip(),
        file=file,
        content_type=content_type,
        size=file.size,
        audience=audience,
        uploaded_by=by,
        text=document_text(file, content_type=content_type),  # for the site search (19.4)
    )
    paper.full_clean()
    paper.save()
    audit_event("meeting.paper_added", actor=by, object=item.meeting, paper=paper.title)
    return paper


@transaction.atomic
def paper_update(*, paper: MeetingPaper, changed: list[str], by: User | None) -> MeetingPaper:
    """Save a changed title, audience or (checked again, its text read again) file."""
    if "file" in changed:
        paper.content_type = _checked(paper.file)
        paper.size = paper.file.size
        paper.text = document_text(paper.file, content_type=paper.content_type)
        changed = [*changed, "content_type", "size", "text"]
    paper.full_clean()
    paper.save(update_fields=sorted(set(changed)))
    return paper
