"""The small helpers every app's views, forms and admin share (issue 20.4).

One copy on the ground floor instead of one per app: every app may import `members`
(DESIGN.md §2), and these need nothing from the apps above it. A file for download names
itself with Django's own `django.utils.http.content_disposition_header` (or FileResponse's
`as_attachment`/`filename`), so there is no helper for that here.
"""

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.models import Member, User

# --- Who is asking ----------------------------------------------------------------------


def member_of(user: User) -> Member | None:
    """The user's own membership, or None (not logged in, or an account without a member:
    staff accounts often have none)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except ObjectDoesNotExist:
        return None


# --- A service's refusal, shown -----------------------------------------------------------


def error_text(error: ValidationError) -> str:
    """A refusal as one line, for a message at the top of a page or change list."""
    return " ".join(error.messages)


def add_refusal(form, error: ValidationError) -> None:
    """Put a refusal's messages on the form's fields it names, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- The admin ----------------------------------------------------------------------------


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline shows its labels only as column heads: name each input (WCAG 4.1.2)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # The row number, not str(instance): that could cost a query per row.
        row = gettext("row %(number)s") % {"number": index + 1} if index is not None else "—"
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            label = gettext("Delete") if name == "DELETE" else field.label
            # A foreign key's select sits inside the admin's RelatedFieldWidgetWrapper,
            # whose own attrs are not the copied select's: name the select itself.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", f"{label} ({row})")


class ReadOnlyInlineMixin:
    """An inline of rows that services write: nothing is added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class YearFilter(admin.SimpleListFilter):
    """A change list by calendar year. `lookup` names a row's year ("starts_at__year", or an
    integer field such as "line__budget_year__year"); the years offered are the rows' own,
    newest first, unless `years` is overridden."""

    title = _("year")
    parameter_name = "year"
    lookup = ""

    def years(self, request, model_admin) -> list[int]:
        rows = model_admin.model._default_manager.order_by(f"-{self.lookup}")
        years = rows.values_list(self.lookup, flat=True).distinct()
        return [year for year in years if year is not None]

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in self.years(request, model_admin)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{self.lookup: int(self.value())})
        return queryset
