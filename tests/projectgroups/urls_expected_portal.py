"""Project groups in the portal (/portaal/projectgroepen/).

The role clients' accounts have no membership: the list answers them 200 and shows the
open groups without a sign-up button. Pages about one group take pk 999999, which does
not exist (404); the POST-only actions answer a GET with 405 before any other check.
"""

from tests.url_matrix import NOT_FOUND, OK, POST_ONLY, logged_in, steering_and_secretariat

MISSING = {"pk": 999999}

PAGES = {
    "projectgroups:list": ({}, logged_in(OK)),
    "projectgroups:detail": (MISSING, logged_in(NOT_FOUND)),
    "projectgroups:way-of-working": (MISSING, logged_in(NOT_FOUND)),
    "projectgroups:signup": (MISSING, logged_in(POST_ONLY)),
    "projectgroups:confirm": ({**MISSING, "participation_pk": 999999}, logged_in(POST_ONLY)),
    "projectgroups:phase": (MISSING, logged_in(POST_ONLY)),
    "projectgroups:trajectory-step": (MISSING, logged_in(POST_ONLY)),
    "projectgroups:trajectories": ({}, steering_and_secretariat(OK)),
    "projectgroups:attachment": (MISSING, logged_in(NOT_FOUND)),
}
