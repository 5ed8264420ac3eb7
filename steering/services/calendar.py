"""The member's personal calendar feed: created on request, revoked by a new secret."""

from django.db import transaction

from members.audit import audit_event
from members.models import Member
from steering.models import CalendarFeed
from steering.models.calendar import new_token


@transaction.atomic
def calendar_feed_get_or_create(*, member: Member) -> CalendarFeed:
    feed, created = CalendarFeed.objects.get_or_create(member=member)
    if created:
        audit_event("calendar_feed.created", actor=member.user, object=feed)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, member: Member) -> CalendarFeed | None:
    """A new secret: the old address answers 404 from now on."""
    feed = CalendarFeed.objects.select_for_update().filter(member=member).first()
    if feed is None:
        return None
    feed.token = new_token()
    feed.save(update_fields=["token"])
    audit_event("calendar_feed.revoked", actor=member.user, object=feed)
    return feed
