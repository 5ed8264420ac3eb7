"""The newsletter: double opt-in, one-click unsubscribe, never twice to one address."""

import datetime
import re
import threading
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from public.models import Delivery, Newsletter, Subscriber
from public.selectors import newsletter_candidates
from public.services import (
    CONFIRM_DAYS,
    confirm_token,
    newsletter_deliver,
    newsletter_queue,
    subscriber_subscribe,
    subscribers_prune,
)
from tests.advices.factories import TrajectoryFactory
from tests.harness import deliver_outbox
from tests.public.factories import (
    NewsItemFactory,
    NewsletterFactory,
    SubscriberFactory,
)

LINK = re.compile(r"http://testserver(/nieuwsbrief/[a-z]+/[^/\s]+/)")
SITE = "http://testserver/"


def _link(message, kind: str) -> str:
    paths = [path for path in LINK.findall(message.body) if f"/{kind}/" in path]
    assert len(paths) == 1, message.body
    return paths[0]


def _subscribe(client, django_capture_on_commit_callbacks, email="lezer@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:newsletter"), {"email": email, "website": ""})
    deliver_outbox()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("public:newsletter-thanks")
    return response


def _queue_and_send(newsletter, django_capture_on_commit_callbacks, by=None):
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_queue(newsletter=newsletter, by=by, site_url=SITE)
    deliver_outbox()
    newsletter.refresh_from_db()
    return newsletter


@pytest.mark.django_db
def test_subscribe_confirm_receive_and_unsubscribe(client, django_capture_on_commit_callbacks):
    _subscribe(client, django_capture_on_commit_callbacks)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lezer@example.org"]

    # The link from the mail asks first (a GET confirms nothing), the button confirms.
    confirm = _link(mail.outbox[0], "bevestigen")
    assert client.get(confirm).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    response = client.post(confirm)
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at

    news = NewsItemFactory(title="Nieuwe werkgroep mantelzorg")
    newsletter = NewsletterFactory(subject="Nieuwsbrief voorjaar")
    newsletter.news_items.add(news)
    mail.outbox.clear()
    newsletter = _queue_and_send(newsletter, django_capture_on_commit_callbacks)
    assert newsletter.sent_at is not None
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.subject == "Nieuwsbrief voorjaar"
    assert letter.to == ["lezer@example.org"]
    assert "Nieuwe werkgroep mantelzorg" in letter.body
    assert f"http://testserver{news.get_absolute_url()}" in letter.body
    unsubscribe = _link(letter, "afmelden")
    assert letter.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = letter.alternatives[0][0]
    assert f'href="http://testserver{unsubscribe}"' in html

    # The GET page only asks; the one-click POST (no CSRF token, as a mail program sends it)
    # deletes the address.
    assert client.get(unsubscribe).status_code == 200
    assert Subscriber.objects.exists()
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    # Again: still a friendly answer, nothing left to delete.
    assert one_click.post(unsubscribe).status_code == 200


@pytest.mark.django_db
def test_bad_confirmation_link_is_refused_with_a_clear_page(client):
    subscriber = SubscriberFactory(status="pending", confirmed_at=None)
    token = confirm_token(subscriber)
    for bad in [token[:-2] + "xx", "niet-geldig", signing.dumps(subscriber.pk, salt="other")]:
        url = reverse("public:newsletter-confirm", kwargs={"token": bad})
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 400
            assert 'id="link-refused"' in response.content.decode()
            assert 'data-code="invalid"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


@pytest.mark.django_db
def test_expired_confirmation_link_is_refused(client):
    subscriber = SubscriberFactory(status="pending", confirmed_at=None)
    past = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS, hours=1)
    with mock.patch("django.core.signing.time.time", return_value=past.timestamp()):
        token = confirm_token(subscriber)
    response = client.post(reverse("public:newsletter-confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert 'data-code="expired"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


@pytest.mark.django_db
def test_link_of_a_pruned_subscription_is_refused(client):
    subscriber = SubscriberFactory(
        status="pending", confirmed_at=None,
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=CONFIRM_DAYS + 1),
    )  # fmt: skip
    token = confirm_token(subscriber)
    fresh = SubscriberFactory(status="pending", confirmed_at=None)
    active = SubscriberFactory(confirmation_sent_at=timezone.now() - datetime.timedelta(days=30))
    assert subscribers_prune() == 1
    assert set(Subscriber.objects.all()) == {fresh, active}
    response = client.get(reverse("public:newsletter-confirm", kwargs={"token": token}))
    assert response.status_code == 400


@pytest.mark.django_db
def test_prune_command(capsys):
    SubscriberFactory(
        status="pending", confirmed_at=None,
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=CONFIRM_DAYS + 1),
    )  # fmt: skip
    call_command("newsletter_prune")
    assert "1 unconfirmed" in capsys.readouterr().out
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_bad_unsubscribe_link_is_refused(client):
    url = reverse("public:newsletter-unsubscribe", kwargs={"token": "niet-geldig"})
    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400


@pytest.mark.django_db
def test_subscribing_reveals_nothing_about_known_addresses(
    client, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="bekend@example.org")
    answers = [
        _subscribe(client, django_capture_on_commit_callbacks, email)
        for email in ["bekend@example.org", "Bekend@Example.org", "nieuw@example.org"]
    ]
    assert {answer.headers["Location"] for answer in answers} == {
        reverse("public:newsletter-thanks")
    }
    # Only the new address gets a mail; the known one nothing (and no second row).
    assert [message.to for message in mail.outbox] == [["nieuw@example.org"]]
    assert Subscriber.objects.count() == 2


@pytest.mark.django_db
def test_pending_address_gets_the_link_again_but_not_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscriber_subscribe(email="wacht@example.org", site_url=SITE)
        subscriber_subscribe(email="wacht@example.org", site_url=SITE)
    deliver_outbox()
    assert len(mail.outbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        subscriber_subscribe(email="wacht@example.org", site_url=SITE)
    deliver_outbox()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_honeypot_saves_and_sends_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("public:newsletter"),
            {"email": "bot@example.org", "website": "https://spam.example"},
        )
    deliver_outbox()
    assert response.headers["Location"] == reverse("public:newsletter-thanks")
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_subscribe_form_is_rate_limited(client):
    for n in range(5):
        response = client.post(reverse("public:newsletter"), {"email": f"a{n}@example.org"})
        assert response.status_code == 302
    response = client.post(reverse("public:newsletter"), {"email": "a9@example.org"})
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="a9@example.org").exists()


@pytest.mark.django_db
def test_the_rate_limit_is_per_visitor_behind_the_proxy(settings):
    # Issue 15.9: behind nginx REMOTE_ADDR is empty (unix socket) and was the key, so
    # every visitor shared one limit. The key is now the visitor's forwarded address.
    from django.test import Client

    settings.ASDG_TRUSTED_PROXIES = 1
    url = reverse("public:newsletter")

    def post(visitor, n):
        client = Client(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, {visitor}")
        return client.post(url, {"email": f"{visitor}-{n}@example.org"})

    for n in range(5):
        assert post("203.0.113.5", n).status_code == 302
    assert post("203.0.113.5", 9).status_code == 429  # a forged left part changes nothing
    assert post("198.51.100.7", 1).status_code == 302


@pytest.mark.django_db
def test_invalid_address_is_shown_on_the_field(client):
    response = client.post(reverse("public:newsletter"), {"email": "geen-adres"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_never_twice_to_one_address_when_sent_again(django_capture_on_commit_callbacks):
    subscribers = SubscriberFactory.create_batch(7)
    SubscriberFactory(status="pending", confirmed_at=None)  # not confirmed: gets nothing
    newsletter = _queue_and_send(NewsletterFactory(), django_capture_on_commit_callbacks)
    assert newsletter_deliver(newsletter=newsletter, batch_size=3).sent == 0
    call_command("newsletter_send", "--retry-failed")
    deliver_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    assert Delivery.objects.filter(status="sent").count() == 7
    # A subscriber confirmed later gets the newsletter on the next run, once.
    late = SubscriberFactory()
    Newsletter.objects.filter(pk=newsletter.pk).update(sent_at=None)
    call_command("newsletter_send")
    call_command("newsletter_send")
    deliver_outbox()
    assert [m.to[0] for m in mail.outbox].count(late.email) == 1
    assert len(mail.outbox) == 8


@pytest.mark.django_db
def test_a_sent_newsletter_is_not_queued_again(django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    SubscriberFactory()
    newsletter = _queue_and_send(NewsletterFactory(), django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        newsletter_queue(newsletter=newsletter, by=None, site_url=SITE)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_empty_newsletter_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        newsletter_queue(newsletter=NewsletterFactory(intro=""), by=None, site_url=SITE)
    assert "intro" in refused.value.message_dict


@pytest.mark.django_db
def test_a_refused_newsletter_mail_waits_in_the_outbox_and_goes_once(
    settings, django_capture_on_commit_callbacks
):
    # Issue 15: the mail server refuses one address; the newsletter is done (every mail
    # queued), the refused mail is retried by the mail worker and goes out once.
    from post_office.models import STATUS, Email

    subscribers = SubscriberFactory.create_batch(3)
    real_send = mail.backends.locmem.EmailBackend.send_messages
    refused = subscribers[1].email

    def flaky(self, messages):
        if messages[0].to == [refused]:
            raise OSError("mail server refused")
        return real_send(self, messages)

    with mock.patch.object(mail.backends.locmem.EmailBackend, "send_messages", flaky):
        newsletter = _queue_and_send(NewsletterFactory(), django_capture_on_commit_callbacks)
        deliver_outbox()
    assert newsletter.sent_at is not None
    assert Delivery.objects.filter(status="sent").count() == 3
    assert len(mail.outbox) == 2
    waiting = Email.objects.get(to=[refused])
    assert waiting.status == STATUS.requeued
    Email.objects.filter(pk=waiting.pk).update(scheduled_time=timezone.now())  # back-off over
    deliver_outbox()
    deliver_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)


@pytest.mark.django_db
def test_candidates_are_what_was_published_since_the_last_newsletter():
    from advices.models import Status
    from tests.advices.factories import advance_to

    now = timezone.now()
    old_news = NewsItemFactory(publish_at=now - datetime.timedelta(days=20))
    NewsItemFactory(publish_at=now + datetime.timedelta(days=2))  # scheduled: not yet
    advice = advance_to(TrajectoryFactory(), Status.ADOPTED)
    type(advice).objects.filter(pk=advice.pk).update(published_at=now - datetime.timedelta(days=1))
    unpublished = advance_to(TrajectoryFactory(), Status.ADOPTED)
    NewsletterFactory(queued_at=now - datetime.timedelta(days=10))
    new_news = NewsItemFactory(publish_at=now - datetime.timedelta(days=3))
    advices, news = newsletter_candidates()
    assert list(news) == [new_news] and old_news not in news
    assert list(advices) == [advice] and unpublished not in advices


@pytest.mark.django_db(transaction=True)
def test_never_twice_to_one_address_when_sent_concurrently():
    subscribers = SubscriberFactory.create_batch(40)
    newsletter = NewsletterFactory()
    Newsletter.objects.filter(pk=newsletter.pk).update(queued_at=timezone.now(), site_url=SITE)
    newsletter.refresh_from_db()
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            newsletter_deliver(newsletter=Newsletter.objects.get(pk=newsletter.pk), batch_size=5)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    deliver_outbox()
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(s.email for s in subscribers)
    assert Delivery.objects.filter(status="sent").count() == 40
