"""Structured logs: one JSON object per line, and nothing special-category in them.

`JsonFormatter` writes time (UTC), level, logger and message; an audit event
(`members.audit.audit_event`) adds its fields under "audit"; Django's request logs add
the method and path (never the query string or the body). PostgreSQL's error details
that repeat a row's values ("Failing row contains (...)", "Key (...)=(...)") are
blanked, so that a failed insert cannot write a person's data into the log.

`GunicornAccessLogger` (deploy/gunicorn.conf.py, logger_class) writes gunicorn's access
log the same way: one object made with json.dumps, so that every line parses whatever a
client puts in its path or headers (a hand-built JSON format string did not, issue 15.11).

`PostDataHidingFilter` (DEFAULT_EXCEPTION_REPORTER_FILTER) hides every POST value and
every local variable in error reports (the 500 mail to ADMINS), not only the ones a
view marked sensitive: a form may hold a cultural background or lived experience.
"""

import datetime
import json
import logging
import re

from django.views.debug import SafeExceptionReporterFilter
from gunicorn.glogging import Logger as GunicornLogger

# Values PostgreSQL repeats in an error's DETAIL line.
_ROW_DETAIL = re.compile(r"(Failing row contains )\(.*?\)(?=\.?\s*$)", re.MULTILINE)
_KEY_DETAIL = re.compile(r"(Key \([^)]*\)=)\(.*?\)(?= already exists| is not present|\s|$)")
REDACTED = "(…)"
# A header value longer than this is cut in the access log (gunicorn allows 8 kB each).
HEADER_LOG_LIMIT = 512


def redact(text: str) -> str:
    """Blank the row and key values PostgreSQL puts in its error messages."""
    text = _ROW_DETAIL.sub(lambda m: m.group(1) + REDACTED, text)
    return _KEY_DETAIL.sub(lambda m: m.group(1) + REDACTED, text)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        audit = getattr(record, "audit", None)
        if isinstance(audit, dict):
            entry["audit"] = audit
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int):
            entry["status"] = status_code
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["request"] = {"method": getattr(request, "method", None), "path": request.path}
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class PostDataHidingFilter(SafeExceptionReporterFilter):
    """Error reports show which fields were posted and which variables a frame had, never
    their values (the code that failed may have held an application's data)."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def cleanse_special_types(self, request, value):
        # Django passes every frame variable's value through here: none is shown.
        return self.cleansed_substitute


def access_entry(*, method, path, status, sent, duration, remote, forwarded_for) -> str:
    """One access-log line: a JSON object, whatever the client sent (NUL, quotes, bytes)."""
    code = str(status).split(None, 1)[0] if status else ""
    status = int(code) if code.isdigit() else status
    entry = {
        "time": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="milliseconds"),
        "logger": "gunicorn.access",
        "method": method,
        "path": path,  # PATH_INFO: never the query string (search terms, tokens)
        "status": status,
        "bytes": sent,
        "duration_ms": round(duration.total_seconds() * 1000),
        "remote": remote,
        "forwarded_for": forwarded_for[:HEADER_LOG_LIMIT] if forwarded_for else forwarded_for,
    }
    # ensure_ascii: a control character or a stray byte from the path is escaped, never raw.
    return json.dumps(entry, ensure_ascii=True, default=str)


class GunicornAccessLogger(GunicornLogger):
    """gunicorn's logger, JSON lines throughout: its error log through JsonFormatter (a
    refused request's warning quotes the client's header), the access log by access_entry.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            if getattr(handler, "_gunicorn", False):
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        try:
            line = access_entry(
                method=environ.get("REQUEST_METHOD"),
                path=environ.get("PATH_INFO"),
                status=resp.status,
                sent=getattr(resp, "sent", None),
                duration=request_time,
                remote=environ.get("REMOTE_ADDR"),
                forwarded_for=environ.get("HTTP_X_FORWARDED_FOR"),
            )
            self.access_log.info("%s", line)
        except Exception:
            self.exception("The access log could not be written.")
