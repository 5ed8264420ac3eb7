"""Structured audit events (logins, denied access, decisions), one logger for all apps.

`audit_event("admission.decided", actor=user, object=application, outcome="admitted")`
writes one record to the "asdg.audit" logger with the event name and its fields in
`extra["audit"]`. Never pass personal data beyond ids and e-mail addresses of accounts:
nothing special-category (cultural background, lived experience) may reach a log.
"""

import logging

logger = logging.getLogger("asdg.audit")


def _ref(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    pk = getattr(value, "pk", None)
    if pk is not None:
        return f"{value._meta.label_lower}:{pk}"
    return str(value)


def audit_event(event: str, **fields) -> None:
    """Log one audit event; model instances are logged as 'app.model:pk'."""
    data = {"event": event, **{key: _ref(value) for key, value in fields.items()}}
    logger.info(event, extra={"audit": data})
