"""Issue 20.2: the portal home's parts that a worker keeps (the links by area in its
cache, the SQL of its queries) still show each person what is theirs."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from asdg.portal import coming_meetings
from steering.models import Invitation
from tests.harness import login_verified
from tests.members.factories import MemberFactory, secretary
from tests.projectgroups.factories import ParticipationFactory
from tests.steering.factories import InvitationFactory, PlenaryMeetingFactory

pytestmark = pytest.mark.django_db


def link(name: str, language: str = "nl") -> str:
    with translation.override(language):
        return f'href="{reverse(name)}"'


def portal(user, language: str = "nl") -> str:
    with translation.override(language):
        url = reverse("portal")
    return login_verified(Client(), user).get(url).content.decode()


def test_links_by_area_follow_each_persons_permissions_in_the_same_worker():
    member = MemberFactory().user
    page = portal(member)
    assert link("review:list") not in page
    assert link("finance:claims") in page
    page = portal(secretary(is_staff=True))
    assert link("review:list") in page
    assert link("accounts:two-factor") in page
    assert link("finance:claims") not in page  # no membership, so no claims of her own
    page = portal(member)
    assert link("review:list") not in page
    assert link("accounts:two-factor") not in page
    assert link("finance:claims") in page


def test_links_by_area_and_the_menus_are_in_the_pages_language():
    member = MemberFactory().user
    for language in ("nl", "en", "nl"):
        page = portal(member, language)
        assert link("membership:overview", language) in page
        assert link("public:about", language) in page  # the menu's


def test_coming_up_holds_each_members_own_group_meetings_and_answers():
    """The kept SQL of "Coming up" (asdg.portal._coming) filled in per person."""
    now = timezone.now()
    mine, other = MemberFactory(), MemberFactory()
    group = ParticipationFactory(member=mine).group
    group.meetings.create(starts_at=now + datetime.timedelta(days=2), place="Wijkcentrum")
    ParticipationFactory(member=other).group.meetings.create(
        starts_at=now + datetime.timedelta(days=1), place="Elders"
    )
    plenary = PlenaryMeetingFactory(starts_at=now + datetime.timedelta(days=3))
    InvitationFactory(meeting=plenary, member=mine, response=Invitation.Response.YES)
    PlenaryMeetingFactory(starts_at=now - datetime.timedelta(days=3))  # over

    def coming(member):
        return [
            (item.title, item.place, item.url, item.plenary, item.response)
            for item in coming_meetings(member=member, now=now)
        ]

    group_url = reverse("projectgroups:detail", args=[group.pk])
    plenary_url = reverse("steering_meeting:detail", args=[plenary.pk])
    assert coming(mine) == [
        (group.name, "Wijkcentrum", group_url, False, None),
        (plenary.title, plenary.location, plenary_url, True, Invitation.Response.YES),
    ]
    assert coming(None) == [(plenary.title, plenary.location, plenary_url, True, None)]
    assert [title for title, *_rest in coming(other)][1] == plenary.title
