"""Structured audit events (logins, denied access, decisions), one logger for all apps.

`audit_event("admission.decided", actor=user, object=application, outcome="admitted")`
writes one record to the "asdg.audit" logger with the event name and its fields in
`extra["audit"]`. Never pass personal data beyond ids and e-mail addresses of accounts:
nothing special-category (cultural background, lived experience) may reach a log, and
no free text (motivations, notes, reasons).

This module also logs, for every app: logins, failed logins, logouts and lock-outs
(signals, connected in MembersConfig.ready) and every 403 answer
(`DeniedAccessAuditMiddleware`).
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.crypto import salted_hmac

logger = logging.getLogger("asdg.audit")


def _ref(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    pk = getattr(value, "pk", None)
    if pk is not None:
        return f"{value._meta.label_lower}:{pk}"
    return str(value)


def _data(event: str, fields: dict) -> dict:
    return {"event": event, **{key: _ref(value) for key, value in fields.items()}}


def audit_event(event: str, **fields) -> None:
    """Log one audit event; model instances are logged as 'app.model:pk'."""
    logger.info(event, extra={"audit": _data(event, fields)})


def audit_event_on_commit(event: str, **fields) -> None:
    """Log a decision once its transaction commits: a rolled-back one never happened.

    (Outside a transaction it logs at once. Tests: django_capture_on_commit_callbacks.)
    """
    data = _data(event, fields)
    transaction.on_commit(lambda: logger.info(event, extra={"audit": data}))


def attempted_login(username: str | None) -> dict:
    """Who a login attempt was for: the account when one has that e-mail address.

    What someone typed that is no account (a typo, or a password in the wrong box) is
    logged only as a keyed hash: repeated attempts with it can be told apart, the text
    cannot be read back.
    """
    username = (username or "").strip()
    if not username:
        return {"account": None}
    account = get_user_model().objects.filter(email__iexact=username).first()
    if account is not None:
        return {"account": _ref(account)}
    digest = salted_hmac("asdg.audit.username", username.lower(), algorithm="sha256")
    return {"account": None, "username_hash": digest.hexdigest()[:16]}


def _client_ip(request) -> str | None:
    if request is None:
        return None
    from members.client import client_address

    return client_address(request)


def on_logged_in(sender, request, user, **kwargs):
    audit_event("auth.login", user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or credentials.get("email")
    audit_event("auth.login_failed", **attempted_login(username), ip=_client_ip(request))


def on_logged_out(sender, request, user, **kwargs):
    audit_event("auth.logout", user=user)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    audit_event("auth.lockout", **attempted_login(username), ip=ip_address)


def connect_signals() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(on_logged_in, dispatch_uid="asdg_audit_logged_in")
    user_login_failed.connect(on_login_failed, dispatch_uid="asdg_audit_login_failed")
    user_logged_out.connect(on_logged_out, dispatch_uid="asdg_audit_logged_out")
    user_locked_out.connect(on_locked_out, dispatch_uid="asdg_audit_locked_out")


class DeniedAccessAuditMiddleware:
    """Logs every 403 answer (PermissionDenied, CSRF failures, forbidden views) with path
    and user. Placed before CsrfViewMiddleware, so that it sees that one's refusals too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            audit_event(
                "access.denied",
                user=user if user is not None and user.is_authenticated else None,
                method=request.method,
                path=request.path,
            )
        return response
