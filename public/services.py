"""Writes of the public site: the newsletter's subscribers and its sending (issue 6, item 9).

Subscribing is double opt-in: a pending row and a mail with a signed confirmation link;
confirming makes it active. Unsubscribing deletes the row. A pending row not confirmed
within CONFIRM_DAYS is deleted by `subscribers_prune` (command newsletter_prune), and the
link stops working at the same moment.

A newsletter is put in the mail outbox (members.mail) in the transaction that sends it,
in batches of BATCH_SIZE; the mail worker delivers it, retrying what the mail server
refuses (issue 15). Each address is claimed (a Delivery row, unique per newsletter and
subscriber) in the transaction that queues its mail, so a re-run or a concurrent run
never queues it twice. Subscribers confirmed later get it from `newsletter_send`.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.audit import audit_event
from members.mail import mail_queue, send_templated_mail
from organisation.selectors import organisation_get
from public.models import Delivery, Newsletter, Subscriber
from public.sanitise import body_as_text, render_body

CONFIRM_SALT = "public.newsletter.confirm"
UNSUBSCRIBE_SALT = "public.newsletter.unsubscribe"
CONFIRM_DAYS = 7  # a pending subscription is deleted after a week
RESEND_AFTER = datetime.timedelta(minutes=10)  # no mail-bombing through the form
BATCH_SIZE = 50


# --- Subscribers -----------------------------------------------------------------


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def _absolute(site_url: str, name: str, **kwargs) -> str:
    return site_url.rstrip("/") + reverse(name, kwargs=kwargs)


def subscriber_subscribe(*, email: str, site_url: str) -> None:
    """Sign an address up, pending confirmation; says nothing about whether it was known.

    An unknown address gets a pending row and a confirmation mail; a pending one gets the
    mail again (not more often than every RESEND_AFTER); an active one gets nothing.
    """
    email = email.strip()
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, confirmation_sent_at=now)
            except IntegrityError:  # the same address, signed up at the same moment
                return
        elif _nothing_to_send(subscriber, now):
            return
        else:
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
        send_templated_mail(
            template="public/emails/newsletter_confirm",
            to=[subscriber.email],
            context={
                "confirm_url": _absolute(
                    site_url, "public:newsletter-confirm", token=confirm_token(subscriber)
                ),
                "days": CONFIRM_DAYS,
            },
        )


def _nothing_to_send(subscriber: Subscriber, now) -> bool:
    """Active: nothing to confirm. Pending: the last mail went out only just now."""
    if subscriber.status == Subscriber.Status.ACTIVE:
        return True
    sent = subscriber.confirmation_sent_at
    return sent is not None and now - sent < RESEND_AFTER


INVALID_LINK = _("This link is not valid. Please copy the whole link from the e-mail.")
EXPIRED_LINK = _(
    "This confirmation link has expired (it works for %(days)s days). "
    "Please sign up again; you will receive a new link."
)


def _expired() -> ValidationError:
    return ValidationError(EXPIRED_LINK, code="expired", params={"days": CONFIRM_DAYS})


def _confirmation_pk(token: str) -> int:
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS)
        )
    except signing.SignatureExpired as error:
        raise _expired() from error
    except signing.BadSignature as error:
        raise ValidationError(INVALID_LINK, code="invalid") from error


def subscriber_check_confirmation(*, token: str) -> None:
    """Refuse a bad or expired confirmation link before showing its confirm button."""
    pk = _confirmation_pk(token)
    if not Subscriber.objects.filter(pk=pk).exists():  # pruned after a week
        raise _expired()


def subscriber_confirm(*, token: str) -> Subscriber:
    """Double opt-in, second step: the link from the mail makes the subscription active."""
    pk = _confirmation_pk(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk).first()
        if subscriber is None:
            raise _expired()
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
            audit_event("newsletter.confirmed", object=subscriber)
    return subscriber


def _unsubscribe_pk(token: str) -> int:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError(INVALID_LINK, code="invalid") from error


def subscriber_check_unsubscribe(*, token: str) -> None:
    """Refuse a bad unsubscribe link before showing its button."""
    _unsubscribe_pk(token)


def subscriber_unsubscribe(*, token: str) -> None:
    """One-click unsubscribe: the address is deleted, with its deliveries. Idempotent."""
    pk = _unsubscribe_pk(token)
    deleted, _rows = Subscriber.objects.filter(pk=pk).delete()
    if deleted:
        audit_event("newsletter.unsubscribed", object=f"public.subscriber:{pk}")


def subscribers_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete subscriptions not confirmed within CONFIRM_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=CONFIRM_DAYS)
    deleted, _rows = (
        Subscriber.objects.filter(status=Subscriber.Status.PENDING)
        .filter(
            Q(confirmation_sent_at__lt=cutoff)
            | Q(confirmation_sent_at__isnull=True, created_at__lt=cutoff)
        )
        .delete()
    )
    return deleted


# --- Newsletters -----------------------------------------------------------------


def newsletter_queue(*, newsletter: Newsletter, by, site_url: str) -> Newsletter:
    """The secretariat sends a newsletter: stamped now, its mails queued in this transaction."""
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if newsletter.queued_at is not None:
            raise ValidationError(_("This newsletter has already been sent."), code="sent")
        if not (newsletter.intro or newsletter.advices.exists() or newsletter.news_items.exists()):
            raise ValidationError(
                {"intro": _("The newsletter is empty: write an introduction or choose items.")}
            )
        newsletter.queued_at = timezone.now()
        newsletter.queued_by = by
        newsletter.site_url = site_url.rstrip("/")
        newsletter.save(update_fields=["queued_at", "queued_by", "site_url"])
        audit_event("newsletter.queued", actor=by, object=newsletter)
        newsletter_deliver(newsletter=newsletter)
    return newsletter


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0


def newsletter_deliver(
    *, newsletter: Newsletter, batch_size: int = BATCH_SIZE, retry_failed: bool = False
) -> DeliveryReport:
    """Queue a sent newsletter's mail for every active subscriber it has not gone to yet.

    Safe to run again and to run twice at once: each address is claimed in the transaction
    that queues its mail. With `retry_failed`, deliveries that failed before the outbox
    (issue 15) are queued once more.
    """
    if newsletter.queued_at is None:
        raise ValidationError(_("This newsletter has not been sent yet."), code="not_queued")
    content = _content(newsletter)
    report = DeliveryReport()
    retried: set[int] = set()
    while True:
        with transaction.atomic():
            batch = _claim_batch(newsletter, batch_size, retry_failed, retried)
            if not batch:
                break
            report.sent += _queue_batch(newsletter, content, batch)
    _mark_sent_if_done(newsletter)
    return report


def _claim_batch(newsletter, size, retry_failed, retried) -> list[Delivery]:
    """Claim up to `size` addresses in a short transaction; claimers take turns."""
    with transaction.atomic():
        Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        claimed = []
        if retry_failed:
            claimed = list(
                Delivery.objects.filter(newsletter=newsletter, status=Delivery.Status.FAILED)
                .exclude(pk__in=retried)
                .select_related("subscriber")
                .order_by("pk")[:size]
            )
            retried.update(delivery.pk for delivery in claimed)
            Delivery.objects.filter(pk__in=[d.pk for d in claimed]).update(
                status=Delivery.Status.CLAIMED,
                claimed_at=timezone.now(),
                attempts=F("attempts") + 1,
            )
        fresh = (
            Subscriber.objects.active()
            .exclude(deliveries__newsletter=newsletter)
            .order_by("pk")[: size - len(claimed)]
        )
        claimed += Delivery.objects.bulk_create(
            [Delivery(newsletter=newsletter, subscriber=subscriber) for subscriber in fresh]
        )
    return claimed


def _queue_batch(newsletter, content, batch) -> int:
    """Queue the batch's mails in the outbox; the claim and the mails commit together."""
    for delivery in batch:
        mail_queue(_message(newsletter, content, delivery.subscriber))
    Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    return len(batch)


def _mark_sent_if_done(newsletter: Newsletter) -> None:
    unsent = newsletter.deliveries.exclude(status=Delivery.Status.SENT).exists()
    waiting = Subscriber.objects.active().exclude(deliveries__newsletter=newsletter).exists()
    if not (unsent or waiting):
        Newsletter.objects.filter(pk=newsletter.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )


# --- The mail itself -------------------------------------------------------------


def newsletter_context(newsletter: Newsletter, *, site_url: str) -> dict:
    """What the newsletter's templates show: also the admin's preview."""
    advices = [
        {
            "title": advice.subject,
            "summary": advice.public_summary,
            "url": _absolute(site_url, "advices_public:detail", slug=advice.slug),
        }
        for advice in newsletter.advices.order_by("-published_at")
    ]
    news = [
        {
            "title": item.title,
            "summary": item.summary,
            "url": _absolute(site_url, "public:news-detail", slug=item.slug),
        }
        for item in newsletter.news_items.order_by("-publish_at")
    ]
    return {
        "organisation": organisation_get(),
        "newsletter": newsletter,
        "intro_html": render_body(newsletter.intro),
        "intro_text": body_as_text(newsletter.intro),
        "advices": advices,
        "news": news,
        "site_url": site_url.rstrip("/"),
    }


def _content(newsletter: Newsletter) -> dict:
    return newsletter_context(newsletter, site_url=newsletter.site_url)


def _message(newsletter, content, subscriber) -> EmailMultiAlternatives:
    unsubscribe_url = _absolute(
        newsletter.site_url, "public:newsletter-unsubscribe", token=unsubscribe_token(subscriber)
    )
    context = {**content, "unsubscribe_url": unsubscribe_url}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("public/emails/newsletter.txt", context)
        html = render_to_string("public/emails/newsletter.html", context)
    message = EmailMultiAlternatives(
        subject=newsletter.subject,
        body=text,
        to=[subscriber.email],
        headers={
            # RFC 8058: mail programs offer a one-click unsubscribe that POSTs to this URL.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
