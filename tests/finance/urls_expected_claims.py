"""Expense claims (M9) and the reports in the portal (/portaal/begroting/...).

The role clients' accounts have no membership: the claims list answers 200, the claim
form answers with the "no membership" page. Pages about one claim take pk 999999, which
does not exist (404); the POST-only actions answer a GET with 405 before any other
check. Reports are for the steering group and the secretariat (finance.view_budgetline);
deciding on claims for the secretariat only (finance.decide_expenseclaim).
"""

from tests.url_matrix import (
    ANON,
    FORBIDDEN,
    LID,
    LOGIN,
    NOT_FOUND,
    OK,
    POST_ONLY,
    SEC,
    STUUR,
    logged_in,
    second_factor,
    steering_and_secretariat,
)

MISSING = {"pk": 999999}
YEAR = {"year": 2021}

PAGES = {
    "finance:claims": ({}, logged_in(OK)),
    "finance:claim-create": ({}, logged_in(OK)),
    # Issue 15.3: deciding on claims needs the second factor.
    "finance:claim-review": (
        {},
        second_factor({ANON: LOGIN, LID: FORBIDDEN, STUUR: FORBIDDEN, SEC: OK}),
    ),
    "finance:claim-detail": (MISSING, logged_in(NOT_FOUND)),
    "finance:claim-receipt": (MISSING, logged_in(NOT_FOUND)),
    "finance:claim-withdraw": (MISSING, logged_in(POST_ONLY)),
    "finance:claim-decide": (MISSING, logged_in(POST_ONLY)),
    "finance:report": (YEAR, steering_and_secretariat(OK)),
    "finance:report-csv": (YEAR, steering_and_secretariat(OK)),
    "finance:report-xlsx": (YEAR, steering_and_secretariat(OK)),
    "finance:report-pdf": (YEAR, steering_and_secretariat(OK)),
    "finance:forecast": (YEAR, steering_and_secretariat(OK)),
    "finance:years": ({}, steering_and_secretariat(OK)),
}


def sample_claim():
    from tests.finance.factories import ExpenseClaimFactory

    return ExpenseClaimFactory()


ADMIN_OBJECTS = {"finance.expenseclaim": sample_claim}
# Claims come from the portal and never change; the secretariat decides through actions.
ADMIN_RIGHTS = {"finance.expenseclaim": {STUUR: "v", SEC: "v"}}
