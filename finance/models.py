"""Budget years, funding (F1), budget lines as formulas (F2) and bookings."""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.formats import format_date, format_money

CENT = Decimal("0.01")


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class BudgetYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("A closed year takes no new bookings.")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class FundingSource(ConstraintMessages, models.Model):
    """F1: where the year's money comes from."""

    constraint_messages = {
        "f1_funding_not_negative": Refusal("amount", _("An amount available cannot be negative.")),
    }

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.CASCADE, related_name="sources", verbose_name=_("year")
    )
    name = models.CharField(_("name"), max_length=200)
    amount = money_field(_("amount"))

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["budget_year", "amount"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="f1_funding_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} {self.budget_year}"


class BudgetLine(ConstraintMessages, models.Model):
    """F2: a line of the budget; its amount is a formula, or a fixed amount.

    The stated amount may differ from the formula (the guideline rounds €52.800 to
    €53.000): then the difference is shown with its note, never hidden.
    """

    constraint_messages = {
        "f2_line_has_what_its_formula_needs": Refusal(
            None,
            _("This budget line lacks an amount or number its basis needs."),
            "BudgetLine.clean names each missing field of the basis (FORMULA_NEEDS); "
            "this is the sum of them",
        ),
        "f2_unit_amount_not_negative": Refusal(
            "unit_amount", _("The amount per unit cannot be negative.")
        ),
    }

    class Basis(models.TextChoices):
        FIXED = "fixed", _("Fixed amount")
        PER_MEMBER = "per_member", _("Per member")
        PER_MEETING_MEMBER = "per_meeting_member", _("Per plenary meeting per member")
        PER_TRAJECTORY = "per_trajectory", _("Per advice trajectory")
        ENTERED = "entered", _("Unit amount × an entered quantity")

    class Kind(models.TextChoices):
        """What the line pays for: the sources of automatic bookings find their line by it."""

        PLENARY = "plenary", _("Plenary meetings")
        TRAJECTORIES = "trajectories", _("Advice trajectories")
        TRAINING = "training", _("Training")
        EXPENSES = "expenses", _("Expense allowance")
        SUPPORT = "support", _("External support")
        OTHER = "other", _("Other")

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.CASCADE, related_name="lines", verbose_name=_("year")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    basis = models.CharField(_("basis"), max_length=20, choices=Basis)
    unit_amount = money_field(_("unit amount"), null=True, blank=True)
    assumed_members = models.PositiveSmallIntegerField(_("members assumed"), null=True, blank=True)
    assumed_meetings = models.PositiveSmallIntegerField(
        _("meetings assumed"), null=True, blank=True
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, null=True, blank=True,
        help_text=_("Trajectories assumed, or the entered quantity (e.g. 0,66 fte)."),
    )  # fmt: skip
    stated_amount = money_field(
        _("stated amount"), null=True, blank=True,
        help_text=_("The budgeted amount if it differs from the formula; say why in the note."),
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget_year", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(basis="fixed", stated_amount__isnull=False)
                | Q(basis="per_member", unit_amount__isnull=False, assumed_members__isnull=False)
                | Q(
                    basis="per_meeting_member",
                    unit_amount__isnull=False,
                    assumed_members__isnull=False,
                    assumed_meetings__isnull=False,
                )
                | Q(basis__in=["per_trajectory", "entered"], unit_amount__isnull=False)
                & Q(quantity__isnull=False),
                name="f2_line_has_what_its_formula_needs",
            ),
            models.CheckConstraint(
                condition=Q(unit_amount__isnull=True) | Q(unit_amount__gte=0),
                name="f2_unit_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.budget_year}: {self.name}"

    def clean(self):
        """F2, as the constraint f2_line_has_what_its_formula_needs holds it: each field
        the line's basis needs, named on that field."""
        missing = {
            name: _("Needed with this basis.")
            for name in FORMULA_NEEDS.get(self.basis, [])
            if getattr(self, name) is None
        }
        if missing:
            raise ValidationError(missing)

    @property
    def formula_amount(self) -> Decimal | None:
        """The amount the formula gives with the budget's assumptions (None for fixed lines)."""
        return self.formula_with(
            members=self.assumed_members, meetings=self.assumed_meetings, quantity=self.quantity
        )

    def formula_with(self, *, members, meetings, quantity) -> Decimal | None:
        """The unit amount times the basis's factors; None for a fixed line and for one
        that misses a factor (F2: never stored so, but a refused form shows it again)."""
        unit = self.unit_amount
        if self.basis == self.Basis.FIXED or unit is None:
            return None
        if self.basis == self.Basis.PER_MEMBER:
            factors = [members]
        elif self.basis == self.Basis.PER_MEETING_MEMBER:
            factors = [meetings, members]
        else:
            factors = [quantity]
        if None in factors:
            return None
        result = unit
        for factor in factors:
            result *= Decimal(factor)
        return result.quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def budget_amount(self) -> Decimal:
        return self.stated_amount if self.stated_amount is not None else self.formula_amount

    @property
    def difference(self) -> Decimal:
        """Stated minus formula: what the budget rounds or adds, shown with the note."""
        formula = self.formula_amount
        if formula is None or self.stated_amount is None:
            return Decimal("0.00")
        return self.stated_amount - formula


# F2: what each basis needs to give an amount (the constraint on BudgetLine says the same).
FORMULA_NEEDS = {
    BudgetLine.Basis.FIXED: ["stated_amount"],
    BudgetLine.Basis.PER_MEMBER: ["unit_amount", "assumed_members"],
    BudgetLine.Basis.PER_MEETING_MEMBER: ["unit_amount", "assumed_members", "assumed_meetings"],
    BudgetLine.Basis.PER_TRAJECTORY: ["unit_amount", "quantity"],
    BudgetLine.Basis.ENTERED: ["unit_amount", "quantity"],
}


class Booking(ConstraintMessages, models.Model):
    """An actual amount against a line. Never edited or deleted: a correction is a new
    booking with a reason (the database refuses changes, finance migration 0002)."""

    constraint_messages = {
        "correction_has_a_reason": Refusal("reason", _("A correction gives its reason.")),
        "correction_is_marked_as_such": Refusal(
            "source", _("A booking that corrects another is a correction.")
        ),
    }

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by the secretariat")
        CLAIM = "claim", _("Expense claim")
        ATTENDANCE = "attendance", _("Plenary attendance")
        TRAJECTORY = "trajectory", _("Advice trajectory started")
        TRAINING = "training", _("Training")
        CORRECTION = "correction", _("Correction")

    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("line")
    )
    date = models.DateField(_("date"))
    amount = money_field(_("amount"))
    description = models.CharField(_("description"), max_length=300)
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    receipt = models.FileField(_("receipt"), upload_to="receipts/%Y/", blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source, default=Source.MANUAL)
    source_key = models.CharField(
        _("source key"), max_length=100, null=True, blank=True, unique=True,
        help_text=_("Identifies what an automatic booking stands for, so it is booked once."),
    )  # fmt: skip
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections",
        verbose_name=_("corrects"),
    )  # fmt: skip
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("booked by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""),
                name="correction_has_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | Q(source="correction"),
                name="correction_is_marked_as_such",
            ),
        ]

    def __str__(self):
        return f"{format_date(self.date)}, {format_money(self.amount)}: {self.description}"


def _receipt_path(claim, filename):
    """A random name: a receipt is downloaded only through the permission-checked view."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"claims/{uuid.uuid4().hex}.{extension}"


class ExpenseClaim(ConstraintMessages, models.Model):
    """M9: a member's claim for expenses made for the advisory group.

    The secretariat approves it (booked on the year's expense-allowance line) or rejects
    it with a reason. A claim beyond the member's yearly allowance is flagged, not refused.
    """

    constraint_messages = {
        "m9_claim_amount_positive": Refusal("amount", _("The amount must be more than 0.")),
        "m9_rejected_claim_has_a_reason": Refusal(
            "reason", _("A rejected claim gives the reason.")
        ),
        "m9_decided_claim_has_who_and_when": Refusal(
            "status", _("A decided claim records who decided and when.")
        ),
        "m9_approved_claim_is_booked": Refusal(
            "booking", _("An approved claim is booked; any other is not.")
        ),
    }

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting a decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="expense_claims",
        verbose_name=_("member"),
    )  # fmt: skip
    date = models.DateField(_("date of the expense"))
    amount = money_field(_("amount"))
    description = models.CharField(_("description"), max_length=300)
    receipt = models.FileField(_("receipt"), upload_to=_receipt_path)
    receipt_content_type = models.CharField(_("kind of receipt"), max_length=50)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUBMITTED)
    over_allowance = models.BooleanField(
        _("over the yearly allowance"), default=False,
        help_text=_("Recorded when the claim is submitted and again when it is decided."),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.PROTECT, null=True, blank=True, related_name="claim",
        verbose_name=_("booking"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("decide_expenseclaim", _("Can approve or reject expense claims"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="m9_claim_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="m9_rejected_claim_has_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn"], decided_at__isnull=True)
                | Q(
                    status__in=["approved", "rejected"],
                    decided_at__isnull=False,
                    decided_by__isnull=False,
                ),
                name="m9_decided_claim_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=Q(status="approved", booking__isnull=False)
                | ~Q(status="approved") & Q(booking__isnull=True),
                name="m9_approved_claim_is_booked",
            ),
        ]

    def __str__(self):
        return f"{self.member}, {format_date(self.date)}, {format_money(self.amount)}"
