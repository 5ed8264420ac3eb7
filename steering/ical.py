"""iCalendar (RFC 5545) feeds: a member's meetings, and the public plenary dates.

Built with the `icalendar` library: every event has a UID, DTSTAMP, and DTSTART/DTEND in
Europe/Amsterdam with its VTIMEZONE. Project-group meetings are read from projectgroups'
models (steering sits above projectgroups); they have no end, so they last two hours.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from members.models import Member
from organisation.selectors import organisation_get
from projectgroups.models import GroupMeeting, Participation
from steering.models import PlenaryMeeting

GROUP_MEETING_LENGTH = datetime.timedelta(hours=2)
UID_DOMAIN = "asdg.example.org"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//ASDG//Vergaderingen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _event(*, uid: str, summary: str, starts_at, ends_at, location: str, stamp, status="") -> Event:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at.astimezone(zone))
    event.add("dtend", ends_at.astimezone(zone))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if status:
        event.add("status", status)
    return event


def _plenary_event(meeting: PlenaryMeeting, stamp) -> Event:
    cancelled = meeting.status == PlenaryMeeting.Status.CANCELLED
    return _event(
        uid=f"plenary-{meeting.pk}",
        summary=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        stamp=stamp,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )


def _finish(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def member_calendar(member: Member) -> bytes:
    """The plenary meetings the member is invited to (a cancelled one as CANCELLED) and
    the meetings of the project groups the member takes part in. Two queries."""
    stamp = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        name = _("%(organisation)s: my meetings") % {"organisation": organisation_get().short_name}
        calendar = _calendar(name)
        for meeting in PlenaryMeeting.objects.filter(invitations__member=member).order_by(
            "starts_at", "pk"
        ):
            calendar.add_component(_plenary_event(meeting, stamp))
        group_meetings = (
            GroupMeeting.objects.filter(
                group__participations__member=member,
                group__participations__status=Participation.Status.CONFIRMED,
            )
            .select_related("group")
            .distinct()
            .order_by("starts_at", "pk")
        )
        for meeting in group_meetings:
            calendar.add_component(
                _event(
                    uid=f"groupmeeting-{meeting.pk}",
                    summary=_("Project group: %(group)s") % {"group": meeting.group.name},
                    starts_at=meeting.starts_at,
                    ends_at=meeting.starts_at + GROUP_MEETING_LENGTH,
                    location=meeting.place,
                    stamp=stamp,
                )
            )
    return _finish(calendar)


def public_calendar() -> bytes:
    """The public plenary meetings (planned or held), for the public and the press."""
    stamp = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(
            _("%(organisation)s: plenary meetings")
            % {"organisation": organisation_get().short_name}
        )
        meetings = PlenaryMeeting.objects.filter(public=True).exclude(
            status=PlenaryMeeting.Status.CANCELLED
        )
        for meeting in meetings.order_by("starts_at", "pk"):
            calendar.add_component(_plenary_event(meeting, stamp))
    return _finish(calendar)
