"""The login lockout (django-axes), per account and address, with a ceiling per account.

Five failures for one account from one address lock that combination (the address from
members.client, the account's e-mail lower-cased, so `LID@example.org` and
`lid@example.org` count together): somebody elsewhere cannot lock a member out by
guessing at their account. Many failures for one account from many addresses (a guess
spread over a botnet) reach ASDG_LOGIN_ACCOUNT_CEILING and lock the account everywhere;
the member then gets back in with a password-reset mail (which clears the account's
failures), so even that lock-out is harmless to its owner and useless to the guesser.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def normalised_username(value) -> str | None:
    value = (value or "").strip().lower() if isinstance(value, str) else value
    return value or None


def login_username(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the e-mail address tried, lower-cased."""
    if credentials:
        return normalised_username(credentials.get(settings.AXES_USERNAME_FORM_FIELD))
    data = getattr(request, "POST", None) or {}
    return normalised_username(data.get(settings.AXES_USERNAME_FORM_FIELD))


def account_failures(username: str | None, request=None) -> int:
    """Failures for this account from every address within the cool-off time."""
    if not username:
        return 0
    attempts = AccessAttempt.objects.filter(username=username)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def account_locked(username: str | None, request=None) -> bool:
    return account_failures(username, request) >= settings.ASDG_LOGIN_ACCOUNT_CEILING


def account_unlock(*, email: str) -> None:
    """After a completed password reset: the owner proved the mailbox, so the account's
    failures from every address are forgotten."""
    username = normalised_username(email)
    if username:  # axes' reset without a username would forget every account's failures
        reset(username=username)


class AccountLockoutBackend(AxesStandaloneBackend):
    """Axes' check of the account+address combination, then the per-account ceiling."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        super().authenticate(request, username=username, password=password, **kwargs)
        if settings.AXES_ENABLED and account_locked(normalised_username(username), request):
            request.axes_locked_out = True
            request.asdg_account_locked = True
            raise AxesBackendPermissionDenied("The account reached its failure ceiling.")
