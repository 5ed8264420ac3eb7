"""The secretariat's register screens in the admin: axe-core and the export."""

import pytest
from django.utils import timezone

from tests.browser.login import log_in_to_admin
from tests.harness import assert_accessible
from tests.members.factories import ApplicationFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def secretary_page(page, settings):
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in_to_admin(page, "sec@example.org")
    return page


def test_register_screens_have_no_axe_violations(secretary_page):
    page = secretary_page
    member = MemberFactory(last_name="Huizinga", special_consent_at=timezone.now())
    application = ApplicationFactory(last_name="Kandidaat")
    for url in [
        "/admin/",
        "/admin/members/member/",
        f"/admin/members/member/{member.pk}/change/",
        "/admin/members/application/",
        f"/admin/members/application/{application.pk}/change/",
    ]:
        page.goto(url)
        assert_accessible(page)
