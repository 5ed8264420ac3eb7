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
    steering_and_secretariat,
)

PAGES = {
    "review:list": ({}, steering_and_secretariat(OK)),
    # The permission is checked before the application is looked up.
    "review:detail": (
        {"pk": 999999},
        {ANON: LOGIN, LID: FORBIDDEN, STUUR: NOT_FOUND, SEC: NOT_FOUND},
    ),
}
