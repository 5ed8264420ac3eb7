"""Every change to membership data goes through these services (DESIGN.md §2)."""

from members.services.accounts import totp_device_confirm, totp_device_start
from members.services.membership import (
    consent_withdraw,
    declaration_delete,
    declaration_submit,
    member_end,
    member_ensure_not_ending,
    term_extension_decide,
    term_extension_request,
    terms_daily,
)
from members.services.recruitment import (
    application_decide,
    application_submit,
    postcode_area_for,
    round_next_after,
    round_open_on,
)

__all__ = [
    "application_decide",
    "application_submit",
    "consent_withdraw",
    "declaration_delete",
    "declaration_submit",
    "member_end",
    "member_ensure_not_ending",
    "postcode_area_for",
    "round_next_after",
    "round_open_on",
    "term_extension_decide",
    "term_extension_request",
    "terms_daily",
    "totp_device_confirm",
    "totp_device_start",
]
