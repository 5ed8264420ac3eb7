from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models import Member


class TrainingActivity(ConstraintMessages, models.Model):
    """Expertise promotion (deskundigheidsbevordering, S8); finance books its cost."""

    constraint_messages = {
        "training_cost_not_negative": Refusal("cost", _("The cost cannot be negative.")),
    }

    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        WORKSHOP = "workshop", _("workshop")
        VISIT = "visit", _("working visit")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Member, blank=True, related_name="training_activities", verbose_name=_("participants")
    )
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("training activity")
        verbose_name_plural = _("training activities")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="training_cost_not_negative"),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"
