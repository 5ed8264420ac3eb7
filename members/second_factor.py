"""The second factor outside the admin (issue 15.1 and 15.3).

- `second_factor_required`: a view that shows special-category (art. 9) data, decides
  applications, claims or elections, or exports the register needs a session verified
  with the second factor, in the portal as in the admin. Without it, the user is sent
  to the verify page and back.
- `may_enrol`: who may add a device. With a device already: only a session verified
  with it. For the very first device: a fresh password re-entry plus a code mailed to
  the account's address, both in this session and within FIRST_DEVICE_GRANT.
"""

import datetime
import functools
import secrets

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp import user_has_device

FIRST_DEVICE_GRANT = datetime.timedelta(minutes=15)
FIRST_DEVICE_CODE_TRIES = 5
# Codes mailed per account per hour: the password alone cannot flood the holder's mailbox.
FIRST_DEVICE_CODES_PER_HOUR = 5
_CODE_KEY = "asdg_second_factor_code"
_GRANT_KEY = "asdg_second_factor_grant"


def second_factor_enforced() -> bool:
    """Off only in the local demo (ASDG_ADMIN_REQUIRE_OTP), as for the admin."""
    return settings.ASDG_ADMIN_REQUIRE_OTP


def is_verified(request) -> bool:
    user = request.user
    return not second_factor_enforced() or (user.is_authenticated and user.is_verified())


def redirect_to_verify(request):
    """To the verify page, and back here afterwards (a GET; after a POST, to the portal)."""
    next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
    return redirect_to_login(next_url, reverse("accounts:two-factor-verify"))


def second_factor_required(view):
    """Issue 15.3: the view needs a session verified with the second factor.

    Put it below login_required and permission_required: who lacks the permission
    gets 403 as before; who has it but only a password is asked for the code.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_verified(request):
            return redirect_to_verify(request)
        return view(request, *args, **kwargs)

    return wrapped


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def may_enrol(request) -> bool:
    """Issue 15.1: a password alone never adds a device."""
    if has_device(request.user):
        return request.user.is_verified()
    return first_device_granted(request)


# --- The first device: a fresh password plus a mailed code ----------------------------


def _digest(code: str) -> str:
    return salted_hmac("asdg.second_factor.code", code, algorithm="sha256").hexdigest()


def first_device_code_may_send(user) -> bool:
    key = f"asdg:second-factor-codes:{user.pk}"
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) <= FIRST_DEVICE_CODES_PER_HOUR
    except ValueError:  # expired between add and incr
        return True


def first_device_code_new(request) -> str:
    """A new 8-digit code for this session; only its keyed hash is kept."""
    code = f"{secrets.randbelow(10**8):08d}"
    request.session[_CODE_KEY] = {
        "user": request.user.pk,
        "digest": _digest(code),
        "until": (timezone.now() + FIRST_DEVICE_GRANT).isoformat(),
        "tries": 0,
    }
    request.session.pop(_GRANT_KEY, None)
    return code


def first_device_code_pending(request) -> bool:
    pending = request.session.get(_CODE_KEY)
    return bool(pending) and pending["user"] == request.user.pk and not _expired(pending)


def first_device_code_check(request, code: str) -> bool:
    """True (and the grant given) for the mailed code; a few wrong tries end the code."""
    pending = request.session.get(_CODE_KEY)
    if not first_device_code_pending(request):
        return False
    if constant_time_compare(_digest(code.strip()), pending["digest"]):
        del request.session[_CODE_KEY]
        request.session[_GRANT_KEY] = {
            "user": request.user.pk,
            "until": (timezone.now() + FIRST_DEVICE_GRANT).isoformat(),
        }
        return True
    pending["tries"] += 1
    if pending["tries"] >= FIRST_DEVICE_CODE_TRIES:
        del request.session[_CODE_KEY]
    else:
        request.session[_CODE_KEY] = pending
    return False


def first_device_granted(request) -> bool:
    grant = request.session.get(_GRANT_KEY)
    return bool(grant) and grant["user"] == request.user.pk and not _expired(grant)


def first_device_grant_end(request) -> None:
    request.session.pop(_GRANT_KEY, None)
    request.session.pop(_CODE_KEY, None)


def _expired(entry: dict) -> bool:
    return timezone.now() >= datetime.datetime.fromisoformat(entry["until"])
