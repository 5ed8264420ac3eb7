"""A4: the publication version, part of the key of every cached public page.

Publishing or unpublishing an advice (advices.services), or changing anything a public
page shows, writes a new version into the shared cache ("default": PostgreSQL or Redis
when several workers run, see CACHE_URL). Every anonymous request reads it there, and
each worker keeps its pages under that version in its own memory (the "local" cache):
the next request on every worker asks for pages of the new version, so a publication
shows at once. Pages of an old version are never asked for again and expire.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page
from django.views.decorators.http import condition

VERSION_KEY = "advices:publication-version"
PAGE_TIMEOUT = 60 * 10  # a cached page lives at most this long, even unchanged


def publication_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def publication_version_of(request) -> str:
    """The version this request read already (cache_public_page keeps it on the request,
    so a page rendered after a publication asks the shared cache once), else read now."""
    return getattr(request, "publication_version", None) or publication_version()


def publication_changed() -> None:
    """Invalidate every cached public page, now and once the transaction commits.

    Now, so this request sees its own change; after commit, so that a page cached by
    another request in between (still showing the old rows) is not used either.
    """
    _new_version()
    transaction.on_commit(_new_version, robust=True)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)


def _changed(sender, **kwargs):
    publication_changed()


def connect_signals() -> None:
    """What a public page shows besides the advices' publication (which the services
    invalidate): an edit in the admin of an advice's texts, its recommendations, the
    college's response, an attachment, a monitoring note, a theme's name, the
    organisation's details.
    Called from AdvicesConfig.ready(); apps above advices connect their own models."""
    from advices.models import (
        Advice,
        Attachment,
        CollegeResponse,
        MonitoringNote,
        Recommendation,
        Trajectory,
    )
    from members.models import Theme
    from organisation.models import Organisation

    for model in (
        Trajectory, Advice, Recommendation, CollegeResponse, Attachment, MonitoringNote, Theme,
    ):  # fmt: skip
        invalidate_on_change(model)
    invalidate_on_change(Organisation)
    m2m_changed.connect(_changed, sender=Trajectory.themes.through, dispatch_uid="pub-themes")


def invalidate_on_change(model) -> None:
    """A saved or deleted row of `model` invalidates the cached public pages."""
    label = model._meta.label
    post_save.connect(_changed, sender=model, dispatch_uid=f"publication-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"publication-delete-{label}")


# --- The public pages' cache ----------------------------------------------------------


def _digest(*parts) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]


def _anonymous(request) -> bool:
    """Nobody logged in and nothing kept for this visitor: no session, no message cookie."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _not_stored_if_per_request(view):
    """A page that holds a per-request value (a CSRF token, a CSP nonce) is marked
    private, which cache_page never stores: it would be wrong for the next visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
            patch_cache_control(response, private=True)
        return response

    return wrapper


def cache_public_page(view):
    """A4: an anonymous visitor gets the page from this worker's cache (cache_page): one
    copy per publication version and address (the language is in the address). A visitor
    with a session or a one-time message gets it rendered for them alone.

    The anonymous page is rendered for AnonymousUser without looking into a session: it
    has none, so the answer does not vary on Cookie and sets no cookie. Its ETag is the
    version and address (@condition): a repeat is a 304, a publication a new page.
    """
    per_request = _not_stored_if_per_request(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _anonymous(request):
            return view(request, *args, **kwargs)
        request.user = AnonymousUser()
        version = request.publication_version = publication_version()
        cached = cache_page(PAGE_TIMEOUT, cache="local", key_prefix=f"public-page:{version}")(
            per_request
        )
        etag = _digest(version, request.build_absolute_uri())
        response = condition(etag_func=lambda *args, **kwargs: etag)(cached)(
            request, *args, **kwargs
        )
        # The browser keeps it but asks each time (a 304 while nothing changed), so a
        # publication shows at once there too; cache_page's own max-age is lowered to 0.
        patch_cache_control(response, no_cache=True, max_age=0)
        response.headers.pop("Expires", None)
        return response

    return wrapper
