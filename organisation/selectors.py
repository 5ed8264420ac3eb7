import logging

from django.core.cache import cache
from django.db import DatabaseError

from organisation.models import SINGLETON_ID, Organisation

logger = logging.getLogger(__name__)

CACHE_KEY = "organisation:current"


def organisation_get() -> Organisation:
    """The organisation's current name and contact details, cached.

    Never fails: when the database cannot answer (the 500 page, a broken migration)
    the shipped defaults stand in, unsaved.
    """
    organisation = cache.get(CACHE_KEY)
    if organisation is not None:
        return organisation
    try:
        organisation = Organisation.objects.filter(pk=SINGLETON_ID).first()
    except DatabaseError:
        logger.warning("Organisation details unavailable; showing the defaults.", exc_info=True)
        return Organisation(pk=SINGLETON_ID)
    if organisation is None:
        return Organisation(pk=SINGLETON_ID)
    cache.set(CACHE_KEY, organisation, timeout=300)
    return organisation


def organisation_forget() -> None:
    cache.delete(CACHE_KEY)
