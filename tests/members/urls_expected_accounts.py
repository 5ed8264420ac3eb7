"""Account pages beyond Django's own (issue 8: messages by e-mail)."""

from tests.url_matrix import ANON, LOGIN, OK, logged_in

PAGES = {
    "accounts:mail-preference": ({}, {**logged_in(OK), ANON: LOGIN}),
}
