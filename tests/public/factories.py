"""Factories of the public app: news items, pages, subscribers, newsletters."""

import datetime

import factory
from django.utils import timezone

from public.models import NewsItem, Newsletter, Page, Subscriber


def _past(days=1):
    return timezone.now() - datetime.timedelta(days=days)


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A news item published yesterday."""

    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    slug = factory.Sequence(lambda n: f"nieuwsbericht-{n}")
    summary = "Een korte samenvatting van het bericht."
    body = "<p>De tekst van het bericht.</p>"
    publish_at = factory.LazyFunction(_past)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.Sequence(lambda n: f"pagina-{n}")
    body = "<p>Over de adviesgroep.</p>"
    menu_position = 1
    publish_at = factory.LazyFunction(_past)


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed (active) subscriber."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lezer{n}@example.org")
    status = Subscriber.Status.ACTIVE
    confirmation_sent_at = factory.LazyFunction(lambda: _past(2))
    confirmed_at = factory.LazyFunction(_past)


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    subject = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    intro = "<p>Welkom bij onze nieuwsbrief.</p>"
