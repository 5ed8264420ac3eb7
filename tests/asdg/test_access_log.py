"""Issue 15.11: gunicorn's logs are one JSON object per line, whatever a client sends.

The access log was a hand-built JSON format string: a `\\"` in X-Forwarded-For ended the
string early and a NUL in the path was written raw, so `journalctl ... | jq` failed.
(Through a real gunicorn on a unix socket: tests/asdg/test_proxy_gunicorn.py.)
"""

import datetime
import json
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from asdg.logging import GunicornAccessLogger

HOSTILE = [
    '\\"',
    '"}, {"injected": true',
    "\x00",
    "\x01\x1b[31m\x7f",
    '\n{"forged": 1}\n',
    "é\xff",
    "x" * 9000,
]


@pytest.fixture
def logger(tmp_path):
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = GunicornAccessLogger(config)
    yield logger
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            handler.close()
            log.removeHandler(handler)


@pytest.mark.parametrize("value", HOSTILE)
def test_every_access_log_line_is_json_whatever_the_client_sent(logger, tmp_path, value):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/agenda/{value}.ics",
        "QUERY_STRING": "q=secret",
        "REMOTE_ADDR": "",
        "HTTP_X_FORWARDED_FOR": f"{value}, 203.0.113.5",
        "RAW_URI": "/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = SimpleNamespace(status="404 Not Found", sent=123, headers=[])
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", environ["HTTP_X_FORWARDED_FOR"])])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    lines = (tmp_path / "access.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["logger"] == "gunicorn.access"
    assert entry["path"] == environ["PATH_INFO"]
    assert entry["status"] == 404 and entry["bytes"] == 123 and entry["duration_ms"] == 12
    assert entry["forwarded_for"] == environ["HTTP_X_FORWARDED_FOR"][:512]
    assert "secret" not in lines[0]  # never the query string


def test_gunicorn_error_log_lines_are_json_too(logger, tmp_path):
    # gunicorn quotes a refused request's header in its warning.
    logger.warning("Invalid request from ip=%s: %s", "", 'Invalid header "\\"\x00"')
    logger.error_log.log(logging.ERROR, "boom", exc_info=(ValueError, ValueError("x"), None))
    lines = (tmp_path / "error.log").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [entry["level"] for entry in entries] == ["WARNING", "ERROR"]
    assert entries[0]["message"].endswith('Invalid header "\\"\x00"')
