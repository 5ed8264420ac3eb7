from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models import Member, User


class SubjectProposal(ConstraintMessages, models.Model):
    """A subject a member puts forward (Wmo 2015 art. 2.1.3 lid 3 (a) and (e))."""

    constraint_messages = {
        "subject_declined_with_reason": Refusal(
            "answer", _("A declined proposal is answered with the reason.")
        ),
    }

    class Purpose(models.TextChoices):
        PLENARY = "plenary", _("for the agenda of a plenary meeting")
        UNSOLICITED = "unsolicited", _("for an unsolicited advice")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        SCHEDULED = "scheduled", _("scheduled")
        DECLINED = "declined", _("not taken up")

    proposer = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="subject_proposals",
        verbose_name=_("proposer"),
    )
    title = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("explanation"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    answer = models.TextField(_("answer of the steering group"), blank=True)
    answered_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subject proposal")
        verbose_name_plural = _("subject proposals")
        ordering = ["-created_at"]
        permissions = [("answer_subjectproposal", _("Can schedule or decline a subject proposal"))]
        constraints = [
            # Not taken up is always explained.
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(answer=""),
                name="subject_declined_with_reason",
            ),
        ]

    def __str__(self):
        return self.title


class SubjectSupport(ConstraintMessages, models.Model):
    constraint_messages = {
        "support_once_per_member": Refusal("member", _("You already support this proposal.")),
    }

    proposal = models.ForeignKey(
        SubjectProposal, on_delete=models.CASCADE, related_name="supports",
        verbose_name=_("subject"),
    )  # fmt: skip
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="support_once_per_member"),
        ]

    def __str__(self):
        return f"{self.member} — {self.proposal}"
