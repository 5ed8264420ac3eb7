from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SINGLETON_ID = 1


class Organisation(models.Model):
    """The one row holding the name and contact details every page, mail and PDF shows."""

    name = models.CharField(
        _("name"),
        max_length=200,
        default="Adviesgroep Sociaal Domein Groningen",
        help_text=_("Full name, as used in letters and the page footer."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        default="ASDG",
        help_text=_("Used in page titles, the admin header and e-mail subjects."),
    )
    email = models.EmailField(_("e-mail address"), default="secretariaat@example.org")
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        default="Postbus 0000\n9700 AA Groningen",
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")
        constraints = [
            models.CheckConstraint(condition=Q(pk=SINGLETON_ID), name="organisation_is_singleton"),
        ]

    def __str__(self):
        return self.name
