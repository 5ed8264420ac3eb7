"""M1: about 40 members. Within 10% of the target the group is around it; the dashboard
and the composition page say below or above when it is outside that band (issue 18.6)."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from asdg.dashboard import dashboard
from members.selectors import MembershipSize, membership_size
from tests.members.factories import MemberFactory


@pytest.mark.parametrize(
    "sitting, state",
    [(35, "below"), (36, "around"), (40, "around"), (44, "around"), (45, "above"), (57, "above")],
)
def test_m1_about_40_is_a_band_around_the_target(settings, sitting, state):
    settings.ASDG_TARGET_MEMBERS = 40
    assert membership_size(sitting=sitting).state == state


@pytest.mark.django_db
def test_m1_above_the_target_is_said_so_not_reached(settings, secretariat_client):
    """57 against about 40 was "Het streefaantal is bereikt"; it is above the target."""
    settings.ASDG_TARGET_MEMBERS = 2
    for _ in range(4):
        MemberFactory(start_date=timezone.localdate().replace(month=1, day=1))
    assert membership_size(sitting=4).state == MembershipSize.ABOVE
    with translation.override("en"):
        items = {
            item.key: item.label
            for section in dashboard(today=timezone.localdate())
            for item in section.items
        }
        assert "members_below_target" not in items
        assert items["members_above_target"].startswith("4 members sit: 2 above")
        page = secretariat_client.get(reverse("composition:overview")).content.decode()
    assert "That is above the target." in page
    assert "The target has been reached." not in page
