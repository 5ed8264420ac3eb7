"""The public site's own content: news, editable pages, the newsletter (issue 6).

News items and pages are public from their `publish_at` on (chosen by the secretariat);
without it they are drafts. Their bodies are sanitised when saved (public.sanitise).
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.models import Trajectory
from members.constraints import ConstraintMessages, Refusal
from public.sanitise import HELP_TEXT as BODY_HELP_TEXT
from public.sanitise import SanitisedHTMLField

PUBLISH_AT_HELP = _(
    "The page is public from this moment on; leave it empty to keep it a draft. "
    "A moment in the future schedules it."
)


def search_document(*weighted: tuple[str, str]) -> models.GeneratedField:
    """Issue 19.4: the Dutch full-text document of a row for the site search (public.search),
    kept by PostgreSQL itself whenever the row changes. HTML tags in a body are no words
    to PostgreSQL's parser, so a sanitised body is searched as it is stored."""
    vectors = [SearchVector(name, weight=weight, config="dutch") for name, weight in weighted]
    expression = vectors[0]
    for vector in vectors[1:]:
        expression = expression + vector
    return models.GeneratedField(
        expression=expression,
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search document"),
    )


class PublishedQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Rows whose publication moment has come."""
        return self.filter(publish_at__lte=now or timezone.now())


class NewsItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The last part of the address.")
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences for lists and the feed.")
    )
    body = SanitisedHTMLField(_("text"), help_text=BODY_HELP_TEXT)
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, db_index=True, help_text=PUBLISH_AT_HELP
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    search_document = search_document(("title", "A"), ("summary", "B"), ("body", "C"))

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = [models.F("publish_at").desc(nulls_first=True), "-pk"]
        indexes = [GinIndex(fields=["search_document"], name="newsitem_search_gin")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:news-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.publish_at is not None and self.publish_at <= timezone.now()


class Page(models.Model):
    """An editable public page under /over-ons/ (how we work, themes, ...)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of the address.")
    )
    body = SanitisedHTMLField(_("text"), help_text=BODY_HELP_TEXT)
    menu_position = models.PositiveSmallIntegerField(
        _("menu position"),
        default=0,
        help_text=_("Order in the menu of the about-us pages (1 first); 0 leaves it out."),
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=PUBLISH_AT_HELP
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    search_document = search_document(("title", "A"), ("body", "C"))

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["menu_position", "title"]
        indexes = [GinIndex(fields=["search_document"], name="page_search_gin")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:page", kwargs={"slug": self.slug})


# --- Newsletter ------------------------------------------------------------------


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Subscriber.Status.ACTIVE)


class Subscriber(ConstraintMessages, models.Model):
    """An e-mail address on the newsletter list: pending until confirmed (double opt-in).

    Unsubscribing deletes the row; nothing about the address is kept.
    """

    constraint_messages = {
        "subscriber_email_once": Refusal("email", _("This e-mail address is already signed up.")),
        "subscriber_active_means_confirmed": Refusal(
            "status", _("A subscription is active only once it is confirmed.")
        ),
    }

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        ACTIVE = "active", _("Active")

    email = models.EmailField(_("e-mail address"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_once"),
            models.CheckConstraint(
                condition=Q(status="pending", confirmed_at__isnull=True)
                | Q(status="active", confirmed_at__isnull=False),
                name="subscriber_active_means_confirmed",
            ),
        ]

    def __str__(self):
        # The address stays out of lists, logs and confirmation pages of the admin.
        return gettext("Subscriber %(number)s") % {"number": self.pk}


class Newsletter(ConstraintMessages, models.Model):
    """A newsletter composed from new advices and news items, sent to every subscriber once."""

    constraint_messages = {
        "newsletter_sent_after_queued": Refusal(
            "sent_at", _("A newsletter is queued before it is sent.")
        ),
    }

    subject = models.CharField(_("subject"), max_length=200)
    intro = SanitisedHTMLField(_("introduction"), blank=True, help_text=BODY_HELP_TEXT)
    advices = models.ManyToManyField(
        Trajectory, blank=True, related_name="+", verbose_name=_("advices")
    )
    news_items = models.ManyToManyField(
        NewsItem, blank=True, related_name="newsletters", verbose_name=_("news items")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Set by newsletter_queue: from then on the newsletter no longer changes.
    queued_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    site_url = models.URLField(
        _("site address"), blank=True, help_text=_("The address links in the mail point to.")
    )
    sent_at = models.DateTimeField(_("sent to everyone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = [models.F("queued_at").desc(nulls_first=True), "-created_at"]
        permissions = [("send_newsletter", _("Can send a newsletter"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(queued_at__isnull=False),
                name="newsletter_sent_after_queued",
            ),
        ]

    def __str__(self):
        return self.subject


class Delivery(ConstraintMessages, models.Model):
    """One newsletter to one subscriber: claimed before the mail goes out, so it goes once."""

    constraint_messages = {
        "delivery_once_per_subscriber": Refusal(
            "subscriber", _("This newsletter has already been sent to this subscriber.")
        ),
        "delivery_sent_has_a_date": Refusal(
            "sent_at", _("A sent delivery has the time it was sent.")
        ),
    }

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    newsletter = models.ForeignKey(
        Newsletter,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("newsletter"),
    )
    # Deleted with the subscriber: an unsubscribed address leaves no trace.
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CLAIMED)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # Never twice to one address: a re-run or a concurrent run cannot claim it again.
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="delivery_once_per_subscriber"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.newsletter_id} → {self.subscriber_id}"
