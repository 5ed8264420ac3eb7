"""Gunicorn for ASDG: `gunicorn -c deploy/gunicorn.conf.py asdg.wsgi`.

Every value can be changed through the environment (systemd's EnvironmentFile):
GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_TIMEOUT. Logs go to stdout/stderr, where
journald collects them: the access log as one JSON object per request (path without
the query string, so no search terms or tokens end up in it).
"""

import multiprocessing
import os

wsgi_app = "asdg.wsgi:application"

# nginx talks to gunicorn over this socket (deploy/nginx.conf, upstream asdg).
bind = os.environ.get("GUNICORN_BIND", "unix:/run/asdg/gunicorn.sock").split(",")
umask = 0o007  # the socket: for the asdg user and its group (nginx is in it)

# Synchronous workers: 2 per core plus one, unless told otherwise.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Load the application once in the master: a broken setting fails the start, not each
# worker, and workers share the imported code's memory.
preload_app = True
# A worker that takes longer than this on one request is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, staggered, so that no leak grows for ever.
max_requests = 2000
max_requests_jitter = 200
# Limits on what a client may send before Django sees it.
limit_request_line = 8190
limit_request_fields = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The access log: one JSON object per request, made with json.dumps (asdg.logging), so
# each line parses as JSON whatever a client sends in its path or X-Forwarded-For.
logger_class = "asdg.logging.GunicornAccessLogger"
# The visitor's address: nginx appends it to X-Forwarded-For and Django reads it there
# (members.client, ASDG_TRUSTED_PROXIES); gunicorn itself leaves REMOTE_ADDR as it is
# (empty on the unix socket). X-Forwarded-Proto: Django reads it too
# (SECURE_PROXY_SSL_HEADER, ASDG_BEHIND_PROXY).
proc_name = "asdg"
