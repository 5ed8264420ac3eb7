"""Settings for ASDG, read from the environment (see .env.example for every variable)."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from asdg import devdb

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY",
    # Only a local, debugging site may run without a configured key.
    default="django-insecure-local-development-only" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "asdg.apps.ASDGAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "asdg.apps.AxesConfig",
    "csp",
    "django_otp",
    "asdg.apps.OTPTOTPConfig",
    "asdg.apps.OTPStaticConfig",
    # Ours, ground floor first (DESIGN.md §2).
    "organisation",
    "members",
    "relations",
    "advices",
    "projectgroups",
    "steering",
    "finance",
    "public",
    "asdg",
    # The demo data (seed_demo) on top: it may use every app, and no app uses it.
    "demo",
]

MIDDLEWARE = [
    # First: a path or query with a NUL byte is a 400 before anything looks it up.
    "asdg.middleware.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is in the address: /en/… English, every other path Dutch (asdg.urls).
    "asdg.middleware.UrlLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Logs every 403 with path and user; before CSRF, to see its refusals too.
    "members.audit.DeniedAccessAuditMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Cache-Control: no-store on personal data, Permissions-Policy everywhere (issue 15.14).
    "asdg.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "asdg.urls"
WSGI_APPLICATION = "asdg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "organisation.context_processors.organisation",
                "asdg.context_processors.languages",
                "asdg.context_processors.todo",
            ],
        },
    },
]

# Database: PostgreSQL only, named by DATABASE_URL. Only a local, debugging site may go
# without: it uses the project-local cluster (`make run` starts it; `python3 -m asdg.devdb
# start` does it by hand). The tests name that cluster themselves (tests/settings.py).
database_url = env.str("DATABASE_URL", default="")  # lower case: no setting to show
if not database_url:
    if not DEBUG:
        raise environ.ImproperlyConfigured(
            "DATABASE_URL is not set: ASDG needs a PostgreSQL database, such as "
            "DATABASE_URL=postgres://asdg:secret@db.example.org:5432/asdg in the environment "
            "or in .env (see .env.example). Only with DEBUG=true does it fall back to the "
            "project-local cluster (`python3 -m asdg.devdb url` prints its URL)."
        )
    database_url = devdb.database_url()
DATABASES = {"default": env.db_url_config(database_url)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise environ.ImproperlyConfigured(
        "ASDG runs on PostgreSQL only: DATABASE_URL must be postgres://…"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" is shared by every worker (PostgreSQL or Redis in production: CACHE_URL); it
# holds the publication version (advices.publication). "local" is each worker's own
# memory: the anonymous public pages and what they are made of, keyed by that version.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://asdg"),
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "asdg-local",
        "TIMEOUT": 60 * 10,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "members.lockout.AccountLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# Issue 15: the visitor's address, the login lockout and hostile input.
# The visitor's address (members.client.client_address, used by the lockout, the rate
# limits and the audit log): the number of proxies in front of the site that append to
# X-Forwarded-For. 1 behind nginx (deploy/nginx.conf), 0 when visitors reach gunicorn
# directly (then the header is the visitor's own text and is never read). AXES_PROXY_COUNT,
# its former name, is still read.
ASDG_TRUSTED_PROXIES = env.int(
    "ASDG_TRUSTED_PROXIES",
    default=env.int("AXES_PROXY_COUNT", default=int(env.bool("ASDG_BEHIND_PROXY", default=True))),
)
# Login lockout (django-axes, members.lockout): after AXES_FAILURE_LIMIT failures for one
# account (e-mail lower-cased) from one address, that combination is locked for
# AXES_COOLOFF_TIME; after ASDG_LOGIN_ACCOUNT_CEILING failures for one account from any
# addresses, the account itself, until the cool-off ends or a password-reset mail is used.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "members.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "members.client.client_address"
AXES_LOCKOUT_CALLABLE = "members.views.lockout"
AXES_RESET_ON_SUCCESS = True
ASDG_LOGIN_ACCOUNT_CEILING = env.int("ASDG_LOGIN_ACCOUNT_CEILING", default=4 * AXES_FAILURE_LIMIT)

# A session cookie that is no key Django could have made (NUL, quotes, any length) is no
# session, rather than a query that fails (asdg.sessions).
SESSION_ENGINE = "asdg.sessions"

# Second factor for staff in /admin/ (django-otp, TOTP). Only the local demo turns it off.
ASDG_ADMIN_REQUIRE_OTP = env.bool("ASDG_ADMIN_REQUIRE_OTP", default=True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="ASDG")
# Nobody, not even the secretariat, sees another person's TOTP secret in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# ASDG's own settings (rules in ../shared/DESIGN.md).
ASDG_TARGET_MEMBERS = env.int("ASDG_TARGET_MEMBERS", default=40)  # M1
# Privacy: declined applicants' data goes this many months after their round closed,
# ended members' personal data is anonymised this many months after they ended.
ASDG_DECLINED_RETENTION_MONTHS = env.int("ASDG_DECLINED_RETENTION_MONTHS", default=6)
ASDG_ENDED_RETENTION_MONTHS = env.int("ASDG_ENDED_RETENTION_MONTHS", default=24)
# Issue 23.1: a contact person linked to no contact, project group or trajectory of the
# last this many days is deleted by the daily job (membership_daily runs it).
ASDG_RELATIONS_RETENTION_DAYS = env.int("ASDG_RELATIONS_RETENTION_DAYS", default=730)
# M5: a sitting member who declares an incompatibility leaves within this many days.
ASDG_M5_END_WITHIN_DAYS = env.int("ASDG_M5_END_WITHIN_DAYS", default=30)
# A3: weeks after sending an advice before a missing college response is flagged.
ASDG_RESPONSE_REMINDER_WEEKS = env.int("ASDG_RESPONSE_REMINDER_WEEKS", default=8)
# S6: days before a plenary meeting that invitees who have not answered are reminded.
ASDG_MEETING_REMINDER_DAYS = env.int("ASDG_MEETING_REMINDER_DAYS", default=7)
# Attachments of advices: the largest file accepted, in megabytes.
ASDG_MAX_UPLOAD_MB = env.int("ASDG_MAX_UPLOAD_MB", default=10)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail (issue 15): every message goes into a durable outbox in PostgreSQL (django-post-office),
# in the transaction of the change that causes it; the mail worker (`manage.py mail_worker`,
# deploy/asdg-mail.service) delivers it through EMAIL_URL's backend, retrying with back-off
# (members.outbox). Before our apps, so that our admin replaces post_office's.
INSTALLED_APPS.insert(INSTALLED_APPS.index("organisation"), "post_office")
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # a hanging mail server stalls no worker
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_CONFIG["EMAIL_BACKEND"]},
    # A failed attempt is tried again after RETRY_INTERVAL, doubled per attempt up to
    # ASDG_MAIL_RETRY_MAX; after MAX_RETRIES the mail is "failed" and waits in the admin.
    "MAX_RETRIES": env.int("ASDG_MAIL_MAX_RETRIES", default=24),
    "RETRY_INTERVAL": datetime.timedelta(minutes=1),
    # One thread, in order: one SMTP connection per batch, mails in the order they were queued.
    "THREADS_PER_PROCESS": 1,
    "SENDING_ORDER": ["-priority", "id"],
    "BATCH_SIZE": 50,
    "LOG_LEVEL": 2,  # every attempt is a Log row: the admin shows when and why
    "MESSAGE_ID_ENABLED": True,
}
ASDG_MAIL_RETRY_MAX = datetime.timedelta(hours=1)
ASDG_MAIL_WORKER_INTERVAL = env.float("ASDG_MAIL_WORKER_INTERVAL", default=5.0)  # seconds
# Sent mail (bodies hold personal data and password-reset links) is deleted after this.
ASDG_MAIL_RETENTION_DAYS = env.int("ASDG_MAIL_RETENTION_DAYS", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ASDG <secretariaat@example.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Beheer", address) for address in env.list("ADMINS", default=[])]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Production is the default; DEBUG (the local demo) relaxes the HTTPS parts.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer's health check may speak plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind the TLS proxy (deploy/nginx.conf sets X-Forwarded-Proto). Turn off only when the
# app server is reachable without that proxy, where a visitor could forge the header.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("ASDG_BEHIND_PROXY", default=True) else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by asdg.middleware.PrivacyHeadersMiddleware: features the site never uses, for no
# origin at all (an empty list is "()"). Django has no setting of its own for this header.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from our own host, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Logs: JSON lines on stderr (journald or the container collects them), audit events on
# the "asdg.audit" logger (members.audit). Nothing special-category may reach a log:
# SQL is never logged (its values would be personal data), error reports hide POST
# values, and asdg.logging blanks the row values in PostgreSQL's error messages.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "asdg.logging.JsonFormatter"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("ASDG_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's records reach the root's JSON handler once (not its plain default one).
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "axes": {"level": "WARNING"},
        "asdg.audit": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        # Its own handler here, or django-post-office installs a plain-text one (issue 15).
        "post_office": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "asdg.logging.PostDataHidingFilter"
