"""The secretariat writes news and pages, composes and sends newsletters (issue 6).

Bodies are sanitised when saved (public.sanitise); the admin says so when it removed
something. A newsletter is sent by the action "Send…", through newsletter_queue, and
is read-only from then on. Subscribers are only listed (status and dates, no address)
and can be deleted; signing up goes through the public form's double opt-in.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.models import Trajectory
from members.shared import error_text
from public.models import Delivery, NewsItem, Newsletter, Page, Subscriber
from public.selectors import newsletter_candidates
from public.services import newsletter_context, newsletter_queue

ACTION_CHECKBOX = admin.helpers.ACTION_CHECKBOX_NAME


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("published", _("Published")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "published":
            return queryset.filter(publish_at__lte=now)
        if self.value() == "scheduled":
            return queryset.filter(publish_at__gt=now)
        if self.value() == "draft":
            return queryset.filter(publish_at__isnull=True)
        return queryset


def publication_state(obj) -> str:
    if obj.publish_at is None:
        return gettext("Draft")
    if obj.publish_at > timezone.now():
        return gettext("Scheduled")
    return gettext("Published")


# One labelled input (the browser's date-and-time picker) instead of the admin's two
# unlabelled ones; without a browser picker it takes "2026-05-01T09:00".
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SanitisedBodyAdmin(admin.ModelAdmin):
    """Tells the secretariat when saving removed part of what it wrote."""

    sanitised_fields = ["body"]
    formfield_overrides = {
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DATETIME_INPUT}
    }

    def save_model(self, request, obj, form, change):
        written = {name: getattr(obj, name) for name in self.sanitised_fields}
        super().save_model(request, obj, form, change)
        if any(getattr(obj, name) != value for name, value in written.items()):
            self.message_user(
                request,
                gettext(
                    "Part of the text was not allowed (for example a script, a style or an "
                    "image) and has been removed. Check the text before it is published."
                ),
                messages.WARNING,
            )

    @admin.display(description=_("publication"))
    def state(self, obj):
        return publication_state(obj)


@admin.register(NewsItem)
class NewsItemAdmin(SanitisedBodyAdmin):
    list_display = ["title", "publish_at", "state"]
    list_filter = [PublicationFilter]
    search_fields = ["title", "summary"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "publish_at", "author", "updated_at"]
    readonly_fields = ["author", "updated_at"]

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Page)
class PageAdmin(SanitisedBodyAdmin):
    list_display = ["title", "slug", "menu_position", "state"]
    list_filter = [PublicationFilter]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "menu_position", "publish_at", "updated_at"]
    readonly_fields = ["updated_at"]


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["subject", "intro", "advices", "news_items"]
        widgets = {
            "advices": forms.CheckboxSelectMultiple,
            "news_items": forms.CheckboxSelectMultiple,
        }


@admin.register(Newsletter)
class NewsletterAdmin(SanitisedBodyAdmin):
    form = NewsletterForm
    sanitised_fields = ["intro"]
    list_display = ["subject", "created_at", "queued_at", "sent_at"]
    actions = ["send"]
    readonly_fields = [
        "created_by", "queued_at", "queued_by", "sent_at", "deliveries_summary", "preview",
    ]  # fmt: skip

    def get_fields(self, request, obj=None):
        if obj is None:
            return NewsletterForm.Meta.fields
        return [*NewsletterForm.Meta.fields, *self.readonly_fields]

    def get_changeform_initial_data(self, request):
        """A new newsletter starts with what was published since the last one."""
        advices, news = newsletter_candidates()
        return {
            "advices": list(advices.values_list("pk", flat=True)),
            "news_items": list(news.values_list("pk", flat=True)),
            **super().get_changeform_initial_data(request),
        }

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        now = timezone.now()
        if db_field.name == "advices":
            kwargs["queryset"] = Trajectory.objects.filter(
                published_at__isnull=False, published_at__lte=now
            ).order_by("-published_at")
        elif db_field.name == "news_items":
            kwargs["queryset"] = NewsItem.objects.published(now=now).order_by("-publish_at")
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.queued_at is not None:
            return False  # what was sent stays as it was sent
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.queued_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def has_send_permission(self, request):
        return request.user.has_perm("public.send_newsletter")

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("deliveries"))
    def deliveries_summary(self, obj):
        if obj.queued_at is None:
            return gettext("Not sent yet.")
        counts = dict.fromkeys(Delivery.Status, 0)
        for status, n in obj.deliveries.values_list("status").annotate(n=Count("pk")):
            counts[status] = n
        return ", ".join(f"{Delivery.Status(s).label}: {n}" for s, n in counts.items())

    @admin.display(description=_("preview"))
    def preview(self, obj):
        # Relative links: they open on this site from the admin.
        html = render_to_string(
            "public/emails/newsletter_content.html", newsletter_context(obj, site_url="")
        )
        return format_html('<div class="newsletter-preview" id="newsletter-preview">{}</div>', html)

    @admin.action(description=_("Send…"), permissions=["send"])
    def send(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Select one newsletter to send."), messages.ERROR)
            return None
        newsletter = queryset.get()
        if "apply" in request.POST:
            try:
                newsletter_queue(
                    newsletter=newsletter, by=request.user, site_url=request.build_absolute_uri("/")
                )
            except ValidationError as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(newsletter)s: sending has started.") % {"newsletter": newsletter},
                )
            return None
        return TemplateResponse(
            request,
            "admin/public/newsletter/send.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Send a newsletter"),
                "newsletter": newsletter,
                "subscribers": Subscriber.objects.active().count(),
                "preview": self.preview(newsletter),
                "selected": request.POST.getlist(ACTION_CHECKBOX),
            },
        )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Status and dates only: the addresses stay out of sight (search finds an exact one)."""

    list_display = ["__str__", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["=email"]
    fields = ["status", "created_at", "confirmed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # only through the public form: double opt-in

    def has_change_permission(self, request, obj=None):
        return False
