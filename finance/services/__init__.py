"""Writes of finance: bookings (never changed), expense claims (M9), booking sources."""

from finance.services.bookings import booking_add, booking_correct
from finance.services.claims import claim_approve, claim_reject, claim_submit, claim_withdraw
from finance.services.sources import book_sources

__all__ = [
    "book_sources",
    "booking_add",
    "booking_correct",
    "claim_approve",
    "claim_reject",
    "claim_submit",
    "claim_withdraw",
]
