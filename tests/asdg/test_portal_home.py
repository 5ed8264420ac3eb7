"""Issue 20.2: the portal home's parts that a worker keeps (the links by area in its
cache, the SQL of its queries) still show each person what is theirs."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.harness import login_verified
from tests.members.factories import MemberFactory, secretary

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
