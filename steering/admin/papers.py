"""Admin of an agenda item's papers (issue 17.1): the meeting's agenda inline links here.

A paper's file is checked by its content (advices.uploads) in paper_add/paper_update;
the form shows the refusal on the file field.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from advices.uploads import validate_document
from steering.admin.meetings import CHANGE_FORM, LabelledInlineFormSet
from steering.models import AgendaItem, MeetingPaper
from steering.services.papers import paper_add, paper_update


class _Link:
    def __init__(self, url: str, text: str):
        self.url, self.text = url, text

    def __str__(self):
        return self.text


class CheckedFileInput(forms.ClearableFileInput):
    """The current file links to the view that checks who reads it (/media/ is not served)."""

    def __init__(self, *args, url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.url and value:
            context["widget"]["value"] = _Link(self.url, str(value).rsplit("/", 1)[-1])
        return context


class PaperForm(forms.ModelForm):
    class Meta:
        model = MeetingPaper
        fields = ["title", "file", "audience"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            url = reverse("steering_public:paper", args=[self.instance.pk])
            self.fields["file"].widget = CheckedFileInput(
                url=url, attrs=self.fields["file"].widget.attrs
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and "file" in self.changed_data:
            validate_document(file)  # the same check as paper_add, shown on the field
        return file


class MeetingPaperInline(admin.TabularInline):
    model = MeetingPaper
    form = PaperForm
    formset = LabelledInlineFormSet
    fields = ["title", "file", "audience", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    extra = 1


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """One agenda item with its papers; the items themselves are edited on the meeting."""

    change_form_template = CHANGE_FORM
    inlines = [MeetingPaperInline]
    list_display = ["title", "meeting", "position", "kind"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__title"]
    fields = ["meeting", "position", "kind", "title", "description", "trajectory"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # items are added on the meeting's page

    def has_delete_permission(self, request, obj=None):
        return False  # on the meeting's page, where S6 keeps the steering report

    def has_module_permission(self, request):
        return False  # reached from the meeting's agenda, not from the index

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        item = form.instance
        try:
            for paper in formset.new_objects:
                paper_add(
                    item=item,
                    title=paper.title,
                    file=paper.file,
                    audience=paper.audience,
                    by=request.user,
                )
            for paper, fields in formset.changed_objects:
                paper_update(paper=paper, changed=fields, by=request.user)
        except ValidationError as error:  # checked by the form already; never half-saved
            raise ValidationError(error.messages) from error
        for paper in formset.deleted_objects:
            paper.delete()
