"""Account pages beyond Django's own (issue 8: messages by e-mail)."""

from tests.url_matrix import (
    ANON,
    LOGIN,
    OK,
    POST_ONLY,
    REDIRECT,
    SEC_PW,
    STUUR_PW,
    VERIFY,
    logged_in,
)

PAGES = {
    "accounts:mail-preference": ({}, {**logged_in(OK), ANON: LOGIN}),
    # Issue 15.1: the role clients have a device and a verified session.
    "accounts:two-factor-verify": ({}, logged_in(OK)),
    "accounts:two-factor-first": ({}, logged_in(REDIRECT)),
    # A password alone never adds a device: first the code of the device one has.
    "accounts:two-factor-add": ({}, {**logged_in(OK), STUUR_PW: VERIFY, SEC_PW: VERIFY}),
    "accounts:two-factor-remove": ({}, logged_in(POST_ONLY)),
}
