"""A4: the publication version that every cached public advice page and its ETag carry.

Publishing, unpublishing or changing anything a public page shows bumps the version, so
the cached pages and the visitors' copies (ETag) are replaced at once. The version lives
in the cache (a shared one, Redis or dbcache, when several workers run: see CACHE_URL).
"""

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


def publication_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def publication_changed() -> None:
    """Forget every cached public advice page, now and once the transaction commits.

    Now, so this request sees its own change; after commit, so that a page cached by
    another request in between (still showing the old rows) is forgotten too.
    """
    cache.set(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)
    transaction.on_commit(
        lambda: cache.set(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None), robust=True
    )


def _changed(sender, **kwargs):
    publication_changed()


def connect_signals() -> None:
    """Called from AdvicesConfig.ready(): a loosely coupled side effect, nothing more."""
    for label in SHOWN_MODELS:
        post_save.connect(_changed, sender=label, dispatch_uid=f"publication-save-{label}")
        post_delete.connect(_changed, sender=label, dispatch_uid=f"publication-delete-{label}")
    from advices.models import Trajectory

    m2m_changed.connect(_changed, sender=Trajectory.themes.through, dispatch_uid="pub-themes")
