"""M9: expense claims. A member claims; the secretariat approves (booked on the year's
expense-allowance line) or rejects with a reason; the member hears the decision by mail.

Every step locks the member's row first, so two decisions on one member's claims cannot
both read the same allowance; the claim itself is locked before its status moves.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finance.models import Booking, ExpenseClaim
from finance.selectors.claims import claim_allowance, expense_line
from finance.services.bookings import _money, booking_add
from finance.uploads import validate_receipt
from members.audit import audit_event
from members.mail import send_templated_mail
from members.models import Member, Topic, User

DECIDE = "finance.decide_expenseclaim"


def _line_for(date: datetime.date):
    line = expense_line(year=date.year)
    if line is None:
        raise ValidationError(
            {
                "date": _("There is no budget with an expense allowance for %(year)s.")
                % {"year": date.year}
            }
        )
    if line.budget_year.closed:
        raise ValidationError(
            {
                "date": _("The year %(year)s is closed: it takes no new claims.")
                % {"year": date.year}
            }
        )
    return line


@transaction.atomic
def claim_submit(
    *, member: Member, date: datetime.date, amount: Decimal, description: str, receipt
) -> ExpenseClaim:
    """A member claims an expense; a claim over the yearly allowance is flagged (M9)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    errors = {}
    amount = _money(amount)
    if amount <= 0:
        errors["amount"] = _("A claim is for an amount above € 0,00.")
    if date > timezone.localdate():
        errors["date"] = _("A claim is for expenses already made: the date cannot lie ahead.")
    if not description.strip():
        errors["description"] = _("Say what the expense was for.")
    if receipt is None:
        errors["receipt"] = _("Add the receipt.")
    else:
        try:
            content_type = validate_receipt(receipt)
        except ValidationError as error:
            errors["receipt"] = error.messages
    if errors:
        raise ValidationError(errors)
    line = _line_for(date)
    allowance = claim_allowance(member=member, year=date.year, line=line)
    claim = ExpenseClaim(
        member=member,
        date=date,
        amount=amount,
        description=description.strip(),
        receipt_content_type=content_type,
        over_allowance=allowance.exceeded_by(amount),
    )
    claim.receipt.save(receipt.name, receipt, save=False)
    claim.save()
    audit_event("claim.submitted", object=claim, member=member, over_allowance=claim.over_allowance)
    return claim


def _lock_for_decision(claim: ExpenseClaim, by: User) -> ExpenseClaim:
    if not by.has_perm(DECIDE):
        raise PermissionDenied
    Member.objects.select_for_update().filter(pk=claim.member_id).first()
    claim = ExpenseClaim.objects.select_for_update().select_related("member").get(pk=claim.pk)
    if claim.status != ExpenseClaim.Status.SUBMITTED:
        raise ValidationError(_("This claim has already been decided or withdrawn."))
    return claim


def _decided(claim: ExpenseClaim, by: User) -> None:
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.save(
        update_fields=["status", "decided_by", "decided_at", "reason", "booking", "over_allowance"]
    )
    audit_event(
        "claim.decided",
        actor=by,
        object=claim,
        outcome=claim.status,
        over_allowance=claim.over_allowance,
    )
    if claim.member.email:
        send_templated_mail(
            template="finance/emails/claim_decided",
            to=[claim.member.email],
            context={"claim": claim, "member": claim.member},
            topic=Topic.CLAIM,
        )


@transaction.atomic
def claim_approve(*, claim: ExpenseClaim, by: User, note: str = "") -> ExpenseClaim:
    """Approve and book the claim on its year's expense line (once: source_key claim:<pk>).

    Over the allowance is allowed: the flag is recorded again now, for the books.
    """
    claim = _lock_for_decision(claim, by)
    line = _line_for(claim.date)
    allowance = claim_allowance(member=claim.member, year=claim.date.year, line=line)
    booking, _created = booking_add(
        line=line,
        date=claim.date,
        amount=claim.amount,
        description=_("Expense claim: %(description)s") % {"description": claim.description},
        counterparty=str(claim.member),
        source=Booking.Source.CLAIM,
        source_key=f"claim:{claim.pk}",
        by=by,
    )
    claim.status = ExpenseClaim.Status.APPROVED
    claim.booking = booking
    claim.reason = note.strip()
    claim.over_allowance = allowance.exceeded_by(claim.amount)
    _decided(claim, by)
    return claim


@transaction.atomic
def claim_reject(*, claim: ExpenseClaim, by: User, reason: str) -> ExpenseClaim:
    """Reject the claim; the reason is required (and held by a constraint) and mailed."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for rejecting the claim.")})
    claim = _lock_for_decision(claim, by)
    allowance = claim_allowance(member=claim.member, year=claim.date.year)
    claim.status = ExpenseClaim.Status.REJECTED
    claim.reason = reason.strip()
    claim.over_allowance = allowance.exceeded_by(claim.amount)
    _decided(claim, by)
    return claim


@transaction.atomic
def claim_withdraw(*, claim: ExpenseClaim, member: Member) -> ExpenseClaim:
    """The member takes back a claim that awaits a decision."""
    claim = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.member_id != member.pk:
        raise PermissionDenied
    if claim.status != ExpenseClaim.Status.SUBMITTED:
        raise ValidationError(_("This claim has already been decided or withdrawn."))
    claim.status = ExpenseClaim.Status.WITHDRAWN
    claim.save(update_fields=["status"])
    audit_event("claim.withdrawn", object=claim, member=member)
    return claim
