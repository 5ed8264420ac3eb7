from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """The kinds of message a member may take as a weekly digest (issue 8)."""

    INVITATION = "invitation", _("invitations")
    VOTE = "vote", _("votes and elections")
    GROUP = "group", _("project groups")
    CLAIM = "claim", _("expense claims")
    SUBJECT = "subject", _("subjects you proposed")


class Notification(models.Model):
    """A message held for a member's weekly digest instead of its own e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(digested_at__isnull=True),
                name="notification_pending",
            )
        ]

    def __str__(self):
        return self.subject
