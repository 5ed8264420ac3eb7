"""Django's database sessions, refusing a session key Django could not have made.

A visitor chooses the cookie's text. A key with a NUL byte made PostgreSQL refuse the
lookup (a 500 on every page, issue 15.10); quotes, control characters or 10 kB are as
useless. Django's keys are 32 lower-case letters and digits: anything else is no session.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

KEY_LENGTHS = range(8, 65)


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return isinstance(key, str) and len(key) in KEY_LENGTHS and key.isascii() and key.isalnum()
