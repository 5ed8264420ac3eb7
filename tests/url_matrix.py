"""Vocabulary of the URL-permission matrix (tests/asdg/test_url_permissions.py).

Each area of the site declares its pages in a module `tests/<app>/urls_expected_<area>.py`
holding `PAGES = {url_name: (reverse_kwargs, {role: answer})}`; the matrix merges them all.
"""

import importlib
from pathlib import Path

from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP

ANON, LID, STUUR, SEC = "anonymous", MEMBER, STEERING_GROUP, SECRETARIAT
ROLES = [ANON, LID, STUUR, SEC]

OK, LOGIN, ADMIN_LOGIN, REDIRECT, FORBIDDEN, NOT_FOUND, POST_ONLY = (
    200, "login", "admin-login", "redirect", 403, 404, 405,
)  # fmt: skip
# Issue 15.3: staff whose session has only the password (their device not entered).
VERIFY = "verify"  # a redirect to the second-factor verify page
STUUR_PW, SEC_PW = f"{STEERING_GROUP} (password only)", f"{SECRETARIAT} (password only)"
PASSWORD_ONLY = {STUUR_PW: STUUR, SEC_PW: SEC}
MATRIX_ROLES = [*ROLES, STUUR_PW, SEC_PW]


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def logged_in(answer):
    return {ANON: LOGIN, LID: answer, STUUR: answer, SEC: answer}


def steering_and_secretariat(answer=OK):
    """Pages for the steering group and the secretariat; members get 403."""
    return {ANON: LOGIN, LID: FORBIDDEN, STUUR: answer, SEC: answer}


def second_factor(answers):
    """Issue 15.3: a page staff reach only with a verified second factor.

    Who may see it with the second factor is sent to the verify page with only the
    password; who may not still gets the same refusal. Unmarked pages answer the
    password-only roles as their verified role (see `expected`).
    """
    refused = (FORBIDDEN, LOGIN, ADMIN_LOGIN)
    return {
        **answers,
        **{pw: VERIFY for pw, role in PASSWORD_ONLY.items() if answers[role] not in refused},
    }


def expected(name: str, answers: dict, role: str):
    """The answer a role must get; password-only roles default to their verified role's,
    except in the admin, which lets no password-only session in."""
    if role in answers:
        return answers[role]
    if name.startswith("admin"):
        return ADMIN_LOGIN
    return answers[PASSWORD_ONLY[role]]


def staff(answer, *, steering=None):
    return {ANON: ADMIN_LOGIN, LID: ADMIN_LOGIN, STUUR: steering or answer, SEC: answer}


def expectations_from_modules(name: str = "PAGES", pattern: str = "urls_expected_*") -> dict:
    """Merge the dict `name` of every tests/<app>/<pattern>.py module (absent: skipped).

    PAGES, ADMIN_OBJECTS and ADMIN_RIGHTS live next to each area's tests, so that areas
    add their pages without editing one shared file.
    """
    tests_dir = Path(__file__).resolve().parent
    merged = {}
    for path in sorted(tests_dir.glob(f"*/{pattern}.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        declared = getattr(module, name, {})
        overlap = set(merged) & set(declared)
        assert not overlap, f"{path.name} declares {name} declared elsewhere: {overlap}"
        merged.update(declared)
    return merged
