"""The public app's constraints, each violated once (tests/asdg/test_constraints.py)."""

from django.utils import timezone

from public.models import Delivery
from tests.public.factories import (
    NewsItemFactory,
    NewsletterFactory,
    PageFactory,
    SubscriberFactory,
)


def _update(instance, **fields):
    type(instance).objects.filter(pk=instance.pk).update(**fields)


VIOLATIONS = {
    "subscriber_email_once": lambda: [
        SubscriberFactory(email="dubbel@example.org"),
        SubscriberFactory(email="Dubbel@Example.org"),
    ],
    "subscriber_active_means_confirmed": lambda: SubscriberFactory(confirmed_at=None),
    "newsletter_sent_after_queued": lambda: NewsletterFactory(sent_at=timezone.now()),
    "delivery_once_per_subscriber": lambda: (
        lambda n, s: [Delivery.objects.create(newsletter=n, subscriber=s) for _ in "12"]
    )(NewsletterFactory(), SubscriberFactory()),
    "delivery_sent_has_a_date": lambda: Delivery.objects.create(
        newsletter=NewsletterFactory(), subscriber=SubscriberFactory(), status="sent"
    ),
}

UNIQUE_FIELDS = {
    "public.NewsItem.slug": lambda: [NewsItemFactory(slug="zelfde") for _ in "12"],
    "public.Page.slug": lambda: [PageFactory(slug="zelfde") for _ in "12"],
}
