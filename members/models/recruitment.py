from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear, Lower
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models.common import IncompatibilityAnswers
from members.models.register import (
    MOTIVATION_MAX_LENGTH,
    NETWORK_MAX_LENGTH,
    Member,
    PersonalData,
    Theme,
)


class RecruitmentRound(ConstraintMessages, models.Model):
    """M2: the steering group recruits once a year."""

    constraint_messages = {
        "round_closes_after_it_opens": Refusal(
            "closes_on", _("The round closes on or after the day it opens.")
        ),
        "m2_round_within_its_year": Refusal(
            "opens_on", _("A round opens and closes within its own calendar year.")
        ),
    }

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the application form.")
    )

    class Meta:
        verbose_name = _("recruitment round")
        verbose_name_plural = _("recruitment rounds")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="round_closes_after_it_opens"
            ),
            # M2: one round per calendar year, inside that year.
            models.CheckConstraint(
                condition=Q(year=ExtractYear("opens_on")) & Q(year=ExtractYear("closes_on")),
                name="m2_round_within_its_year",
            ),
        ]

    def __str__(self):
        return str(_("Recruitment %(year)s") % {"year": self.year})

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Application(ConstraintMessages, PersonalData, IncompatibilityAnswers):
    """An application in a recruitment round, and the steering group's decision on it (M3)."""

    constraint_messages = {
        "one_application_per_email_per_round": Refusal(
            "email",
            _("An application with this e-mail address has already been received in this round."),
        ),
        "m6_personal_capacity": Refusal(
            "personal_capacity",
            _("Membership is personal: confirm that you apply in a personal capacity."),
        ),
        "m5_ineligible_never_admitted": Refusal(
            "decision", _("This applicant is ineligible and cannot be admitted.")
        ),
        "m5_ineligible_never_on_reserve_list": Refusal(
            "decision",
            _("This applicant is ineligible and cannot be put on the reserve list."),
        ),
        **PersonalData.text_length_refusals(
            "application", {"network": NETWORK_MAX_LENGTH, "motivation": MOTIVATION_MAX_LENGTH}
        ),
        "m3_decision_records_who_when_why": Refusal(
            "decision_reason", _("A decision records who decided, when and why.")
        ),
        "only_admitted_applications_have_a_member": Refusal(
            "member", _("Only an admitted application leads to a membership.")
        ),
        "application_special_data_needs_consent": Refusal(
            "cultural_background",
            _("Cultural background is recorded only with the person's explicit consent."),
        ),
    }

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        ADMITTED = "admitted", _("Admitted")
        DECLINED = "declined", _("Declined")
        RESERVE = "reserve", _("Reserve list")

    round = models.ForeignKey(
        RecruitmentRound,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("recruitment round"),
    )
    motivation = models.TextField(
        _("motivation"),
        max_length=MOTIVATION_MAX_LENGTH,
        validators=[MaxLengthValidator(MOTIVATION_MAX_LENGTH)],
    )
    knowledge_themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("knowledge")
    )
    experience_themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("lived experience")
    )
    personal_capacity = models.BooleanField(
        _("I take part in a personal capacity, not on behalf of an organisation (M6)")
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    member = models.OneToOneField(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("member"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        permissions = [("decide_application", _("Can decide on applications"))]
        constraints = [
            models.UniqueConstraint(
                "round", Lower("email"), name="one_application_per_email_per_round"
            ),
            # M6: membership is personal.
            models.CheckConstraint(
                condition=Q(personal_capacity=True), name="m6_personal_capacity"
            ),
            # M5: no one can admit an applicant who answered yes to an incompatibility.
            models.CheckConstraint(
                condition=~Q(decision="admitted") | IncompatibilityAnswers.compatible_q(),
                name="m5_ineligible_never_admitted",
            ),
            # ... nor put on the reserve list, from which they could be admitted later.
            models.CheckConstraint(
                condition=~Q(decision="reserve") | IncompatibilityAnswers.compatible_q(),
                name="m5_ineligible_never_on_reserve_list",
            ),
            # M3: a decision records who decided, when and why.
            models.CheckConstraint(
                condition=Q(decision="pending", decided_at__isnull=True, decided_by__isnull=True)
                | ~Q(decision="pending")
                & Q(decided_at__isnull=False, decided_by__isnull=False)
                & ~Q(decision_reason=""),
                name="m3_decision_records_who_when_why",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(decision="admitted"),
                name="only_admitted_applications_have_a_member",
            ),
            PersonalData.special_data_needs_consent("application"),
            PersonalData.text_within_length("application", "network", NETWORK_MAX_LENGTH),
            PersonalData.text_within_length("application", "motivation", MOTIVATION_MAX_LENGTH),
        ]

    @property
    def is_eligible(self) -> bool:
        return self.is_compatible
