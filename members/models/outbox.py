from django.utils.translation import gettext_lazy as _
from post_office.models import Email


class OutgoingMail(Email):
    """The outbox's mail (django-post-office's Email) as the secretariat sees it (issue 15)."""

    class Meta:
        proxy = True
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
