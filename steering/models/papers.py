"""Papers (vergaderstukken) of a plenary meeting's agenda items."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from steering.models.meetings import AgendaItem


class MeetingPaper(models.Model):
    """A document with an agenda item: PDF, ODT or DOCX, checked by content on upload.

    Served only through steering.paper_views, which asks steering.selectors.papers who
    may read it; the file's storage path is never a public address.
    """

    class Audience(models.TextChoices):
        MEMBERS = "members", _("members only")
        PUBLIC = "public", _("public once the meeting is published")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="papers", verbose_name=_("agenda item")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meetings/papers/%Y/")
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience, default=Audience.MEMBERS
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Issue 19.4: the document's text, read by paper_add/paper_update when the file is
    # saved (advices.document_text), so that the site search never opens a file. Only
    # public papers of published meetings are searched (steering.selectors.papers).
    text = models.TextField(_("text"), blank=True, default="", editable=False)
    search_document = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="dutch")
        + SearchVector("text", weight="C", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search document"),
    )

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["item", "uploaded_at", "pk"]
        indexes = [GinIndex(fields=["search_document"], name="meetingpaper_search_gin")]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.audience == self.Audience.PUBLIC

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
