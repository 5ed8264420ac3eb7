"""The steering group's review of applications (M3): only who may decide sees it."""

from tests.url_matrix import (
    ANON,
    FORBIDDEN,
    LID,
    LOGIN,
    NOT_FOUND,
    OK,
    SEC,
    STUUR,
    second_factor,
    steering_and_secretariat,
)

PAGES = {
    # Issue 15.3: applicants' data and the decision need the second factor.
    "review:list": ({}, second_factor(steering_and_secretariat(OK))),
    # The permission is checked before the application is looked up.
    "review:detail": (
        {"pk": 999999},
        second_factor({ANON: LOGIN, LID: FORBIDDEN, STUUR: NOT_FOUND, SEC: NOT_FOUND}),
    ),
}
