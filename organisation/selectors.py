import logging

from django.core.cache import cache, caches
from django.db import DatabaseError

from organisation.models import SINGLETON_ID, Organisation

logger = logging.getLogger(__name__)

CACHE_KEY = "organisation:current"

# Every page shows the organisation (header, footer): each worker keeps a copy in its
# "local" cache this long before it asks the shared cache again, so most pages read it
# without a query. A change made in another worker shows here within this time.
LOCAL_SECONDS = 1


def organisation_get() -> Organisation:
    """The organisation's current name and contact details, cached.

    Never fails: when the database cannot answer (the 500 page, a broken migration)
    the shipped defaults stand in, unsaved.
    """
    organisation = caches["local"].get(CACHE_KEY)
    if organisation is not None:
        return organisation
    organisation = cache.get(CACHE_KEY)
    if organisation is None:
        try:
            organisation = Organisation.objects.filter(pk=SINGLETON_ID).first()
        except DatabaseError:
            logger.warning("Organisation details unavailable; showing the defaults.", exc_info=True)
            return Organisation(pk=SINGLETON_ID)
        if organisation is None:
            return Organisation(pk=SINGLETON_ID)
        cache.set(CACHE_KEY, organisation, timeout=300)
    caches["local"].set(CACHE_KEY, organisation, LOCAL_SECONDS)
    return organisation


def organisation_forget() -> None:
    caches["local"].delete(CACHE_KEY)
    cache.delete(CACHE_KEY)
