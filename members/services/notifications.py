"""The weekly digest of held notifications (issue 8), headed by the open tasks (issue 16)."""

from collections.abc import Callable, Sequence

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from members.mail import mail_queue, render_templated_mail
from members.models import MailPreference, Notification, User
from organisation.selectors import organisation_get


@transaction.atomic
def mail_preference_set(*, user: User, preference: str) -> User:
    """Choose immediate e-mails or the weekly digest; held messages follow in the next one."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.mail_preference = MailPreference(preference)
    user.save(update_fields=["mail_preference"])
    return user


def digest_send(*, tasks_for: Callable[[User], Sequence] | None = None) -> int:
    """Send every user with held notifications one digest; returns the number of digests.

    `tasks_for(user)` gives the user's open tasks (asdg.tasks.open_tasks: they read every
    app, so the roof passes them in), listed at the top of the digest.

    Idempotent: each user's notifications are locked and stamped in the transaction
    that queues the mail in the outbox, so a second run (or a concurrent one) finds nothing to send.
    """
    user_ids = (
        Notification.objects.filter(digested_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(user_ids):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(user_id=user_id, digested_at__isnull=True)
                .select_related("user")
            )
            if not pending:
                continue
            user = pending[0].user
            subject, body = render_templated_mail(
                template="members/emails/digest",
                context={
                    "user": user,
                    "notifications": pending,
                    "tasks": tasks_for(user) if tasks_for else [],
                    "site_url": organisation_get().website.rstrip("/"),
                },
            )
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                digested_at=timezone.now()
            )
            mail_queue(EmailMessage(subject=subject, body=body, to=[user.email]))
            sent += 1
    return sent
