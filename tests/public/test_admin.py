"""The secretariat writes news and sends newsletters in the admin, through the services."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from public.models import NewsItem, Newsletter
from tests.harness import deliver_outbox
from tests.public.factories import NewsItemFactory, NewsletterFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_secretariat_writes_a_news_item_and_script_is_removed(secretariat_client):
    now = timezone.localtime()
    response = secretariat_client.post(
        reverse("admin:public_newsitem_add"),
        {
            "title": "Advies over armoede verstuurd",
            "slug": "advies-armoede",
            "summary": "Ons advies is verstuurd.",
            "body": '<p>Lees het advies.</p><script>alert("x")</script>',
            "publish_at": now.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )
    assert response.status_code == 200
    item = NewsItem.objects.get()
    assert item.body == "<p>Lees het advies.</p>"
    assert item.author == secretariat_client.user
    assert any(m.level_tag == "warning" for m in response.context["messages"])


def test_new_newsletter_starts_with_what_was_published_since_the_last(secretariat_client):
    now = timezone.now()
    NewsletterFactory(queued_at=now - datetime.timedelta(days=10))
    old = NewsItemFactory(publish_at=now - datetime.timedelta(days=20))
    new = NewsItemFactory(publish_at=now - datetime.timedelta(days=2))
    form = secretariat_client.get(reverse("admin:public_newsletter_add")).context["adminform"].form
    assert form.initial["news_items"] == [new.pk]
    assert set(form.fields["news_items"].queryset) == {old, new}


def test_secretariat_previews_and_sends_a_newsletter(
    secretariat_client, django_capture_on_commit_callbacks
):
    subscribers = SubscriberFactory.create_batch(3)
    newsletter = NewsletterFactory(subject="Nieuwsbrief juni")
    newsletter.news_items.add(NewsItemFactory(title="Brede bijeenkomst in juni"))
    change = secretariat_client.get(reverse("admin:public_newsletter_change", args=[newsletter.pk]))
    preview = change.content.decode().split('id="newsletter-preview"')[1]
    assert "Brede bijeenkomst in juni" in preview
    url = reverse("admin:public_newsletter_changelist")
    data = {"action": "send", ACTION_CHECKBOX_NAME: [newsletter.pk]}
    confirm = secretariat_client.post(url, data)
    assert confirm.status_code == 200
    assert confirm.context["subscribers"] == 3
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {**data, "apply": "1"})
    deliver_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    newsletter.refresh_from_db()
    assert newsletter.queued_by == secretariat_client.user and newsletter.sent_at
    assert newsletter.site_url == "http://testserver"
    # Sent: read-only, cannot be deleted, and sending again is refused.
    change_url = reverse("admin:public_newsletter_change", args=[newsletter.pk])
    response = secretariat_client.post(change_url, {"subject": "Anders", "intro": "x"})
    assert response.status_code == 403
    newsletter.refresh_from_db()
    assert newsletter.subject == "Nieuwsbrief juni"
    delete_url = reverse("admin:public_newsletter_delete", args=[newsletter.pk])
    assert secretariat_client.get(delete_url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, {**data, "apply": "1"})
    deliver_outbox()
    assert len(mail.outbox) == 3


def test_steering_group_cannot_send(steering_client):
    SubscriberFactory()
    newsletter = NewsletterFactory()
    url = reverse("admin:public_newsletter_changelist")
    response = steering_client.post(
        url, {"action": "send", ACTION_CHECKBOX_NAME: [newsletter.pk], "apply": "1"}
    )
    assert response.status_code in (200, 302, 403)
    newsletter.refresh_from_db()
    assert newsletter.queued_at is None
    assert not Newsletter.objects.filter(queued_at__isnull=False).exists()


def test_subscriber_list_shows_no_addresses(secretariat_client):
    subscriber = SubscriberFactory(email="geheim-adres@example.org")
    for url in [
        reverse("admin:public_subscriber_changelist"),
        reverse("admin:public_subscriber_change", args=[subscriber.pk]),
    ]:
        response = secretariat_client.get(url)
        assert response.status_code == 200
        assert "geheim-adres" not in response.content.decode()
    # An exact address can still be found, to delete it on request.
    found = secretariat_client.get(
        reverse("admin:public_subscriber_changelist"), {"q": "Geheim-adres@example.org"}
    )
    assert found.context["cl"].result_count == 1
    secretariat_client.post(
        reverse("admin:public_subscriber_delete", args=[subscriber.pk]), {"post": "yes"}
    )
    assert not type(subscriber).objects.exists()
