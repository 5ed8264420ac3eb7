"""A4: the publication version that every cached public advice page and its ETag carry.

Publishing, unpublishing or changing anything a public page shows bumps the version, so
the cached pages and the visitors' copies (ETag) are replaced at once. The version lives
in the cache (a shared one, Redis or dbcache, when several workers run: see CACHE_URL);
each worker keeps a copy for a second (LOCAL_SECONDS), so another worker's change shows
there within that second.
"""

import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "advices:publication-version"
PAGE_TIMEOUT = 60 * 10  # a cached page lives at most this long, even unchanged

# What a public advice page shows; a change to any of these rows bumps the version.
# The project group (an app above advices) is named by its label only: nothing imported.
SHOWN_MODELS = [
    "advices.Trajectory",
    "advices.Advice",
    "advices.Recommendation",
    "advices.CollegeResponse",
    "advices.Attachment",
    "members.Theme",
    "organisation.Organisation",
    "projectgroups.ProjectGroup",
]


# A worker keeps its own copy of the version this long before it asks the shared cache
# again: a page served from cache then costs no query at all. Another worker's change is
# seen within this time; the worker that made it forgets its copy at once.
LOCAL_SECONDS = 1.0
_local: dict = {}


def publication_version() -> str:
    now = time.monotonic()
    if _local.get("until", 0.0) > now:
        return _local["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)
        version = cache.get(VERSION_KEY)
    _local.update(version=version, until=now + LOCAL_SECONDS)
    return version


def forget_local() -> None:
    """Ask the shared cache for the version next time (after a change, or a cleared cache)."""
    _local.clear()


def publication_changed() -> None:
    """Forget every cached public advice page, now and once the transaction commits.

    Now, so this request sees its own change; after commit, so that a page cached by
    another request in between (still showing the old rows) is forgotten too.
    """
    forget_local()
    cache.set(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)
    transaction.on_commit(_changed_after_commit, robust=True)


def _changed_after_commit() -> None:
    forget_local()
    cache.set(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)


def _changed(sender, **kwargs):
    publication_changed()


def connect_signals() -> None:
    """Called from AdvicesConfig.ready(): a loosely coupled side effect, nothing more."""
    for label in SHOWN_MODELS:
        post_save.connect(_changed, sender=label, dispatch_uid=f"publication-save-{label}")
        post_delete.connect(_changed, sender=label, dispatch_uid=f"publication-delete-{label}")
    from advices.models import Trajectory

    m2m_changed.connect(_changed, sender=Trajectory.themes.through, dispatch_uid="pub-themes")
