"""Demo data for the public site: the about pages from the guideline, news, a newsletter.

The texts follow the guideline (../shared/leidraad-asdg.txt) in plain Dutch. Idempotent:
each page, news item, subscriber and the newsletter is added only when its slug, address
or subject is not there yet. The sent newsletter is written directly (no mail goes out
from a demo): its deliveries are recorded as sent.
"""

import datetime

from django.utils import timezone

from demo.texts import load
from members.models import User
from public.models import Delivery, NewsItem, Newsletter, Page, Subscriber

SECRETARIAT_EMAIL = "secretaris@example.org"

TEXTS = load("public_site")
PAGES = TEXTS["page"]
NEWS = TEXTS["news"]
SUBSCRIBERS = TEXTS["subscribers"]
NEWSLETTER_SUBJECT = TEXTS["newsletter"]["subject"]


def _moment(today: datetime.date, days: int) -> datetime.datetime:
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def seed_public_site(today: datetime.date) -> int:
    """Add the demo's pages, news, subscribers and one sent newsletter; returns rows added."""
    added = 0
    author = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
    for page in PAGES:
        _page, created = Page.objects.get_or_create(
            slug=page["slug"],
            defaults={
                "title": page["title"],
                "body": page["body"],
                "menu_position": page["menu_position"],
                "publish_at": _moment(today, -60),
            },
        )
        added += created
    for news in NEWS:
        _item, created = NewsItem.objects.get_or_create(
            slug=news["slug"],
            defaults={
                "title": news["title"],
                "summary": news["summary"],
                "body": news["body"],
                "publish_at": _moment(today, news["publish_in_days"]),
                "author": author,
            },
        )
        added += created
    for email in SUBSCRIBERS:
        _subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.ACTIVE,
                "confirmation_sent_at": _moment(today, -30),
                "confirmed_at": _moment(today, -30),
            },
        )
        added += created
    if not Newsletter.objects.filter(subject=NEWSLETTER_SUBJECT).exists():
        added += _sent_newsletter(today, author)
    return added


def _sent_newsletter(today: datetime.date, author) -> int:
    sent_at = _moment(today, -10)
    newsletter = Newsletter.objects.create(
        subject=NEWSLETTER_SUBJECT,
        intro=TEXTS["newsletter"]["intro"],
        created_by=author,
        queued_at=sent_at,
        queued_by=author,
        sent_at=sent_at,
    )
    newsletter.news_items.set(NewsItem.objects.filter(slug__in=[NEWS[0]["slug"], NEWS[1]["slug"]]))
    deliveries = Delivery.objects.bulk_create(
        Delivery(
            newsletter=newsletter,
            subscriber=subscriber,
            status=Delivery.Status.SENT,
            claimed_at=sent_at,
            sent_at=sent_at,
        )
        for subscriber in Subscriber.objects.active()
    )
    return 1 + len(deliveries)
