"""Bookings: added once, never changed; corrections are bookings with a reason."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from finance.models import CENT, Booking, BudgetLine, BudgetYear
from finance.uploads import validate_receipt
from members.audit import audit_event
from members.models import User


def _open_year(line: BudgetLine, date: datetime.date) -> None:
    year = BudgetYear.objects.select_for_update().get(pk=line.budget_year_id)
    if year.closed:
        raise ValidationError(
            _("The year %(year)s is closed: it takes no new bookings.") % {"year": year.year}
        )
    if date.year != year.year:
        raise ValidationError(
            {
                "date": _("A booking on the %(year)s budget is dated in %(year)s.")
                % {"year": year.year}
            }
        )


def _money(amount) -> Decimal:
    if isinstance(amount, float):
        raise TypeError("Money is Decimal, never float.")
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def booking_add(
    *,
    line: BudgetLine,
    date: datetime.date,
    amount: Decimal,
    description: str,
    by: User | None,
    counterparty: str = "",
    source: str = Booking.Source.MANUAL,
    source_key: str | None = None,
    receipt=None,
) -> tuple[Booking, bool]:
    """Book an amount on a line; with a `source_key`, booking it again books nothing.

    Returns the booking and whether it was created now.
    """
    if source_key:
        existing = Booking.objects.filter(source_key=source_key).first()
        if existing is not None:
            return existing, False
    _open_year(line, date)
    booking = Booking(
        line=line,
        date=date,
        amount=_money(amount),
        description=description,
        counterparty=counterparty,
        source=source,
        source_key=source_key,
        created_by=by,
    )
    if receipt is not None:
        try:
            validate_receipt(receipt)  # by content and size, as a claim's receipt
        except ValidationError as error:
            raise ValidationError({"receipt": error.messages}) from error
        booking.receipt = receipt
    booking.full_clean(exclude=["line", "created_by", "corrects", "receipt"])
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        # Booked at the same moment by another run: that booking stands.
        return Booking.objects.get(source_key=source_key), False
    audit_event("booking.added", actor=by, object=booking, line=line, source=source)
    return booking, True


@transaction.atomic
def booking_correct(
    *, booking: Booking, amount: Decimal, reason: str, by: User, date: datetime.date
) -> Booking:
    """Correct a booking by booking the difference, with the reason; the original stays."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    booking = Booking.objects.select_related("line").get(pk=booking.pk)
    _open_year(booking.line, date)
    correction = Booking.objects.create(
        line=booking.line,
        date=date,
        amount=_money(amount),
        description=_("Correction of: %(description)s") % {"description": booking.description},
        counterparty=booking.counterparty,
        source=Booking.Source.CORRECTION,
        corrects=booking,
        reason=reason.strip(),
        created_by=by,
    )
    audit_event("booking.added", actor=by, object=correction, corrects=booking, source="correction")
    return correction
