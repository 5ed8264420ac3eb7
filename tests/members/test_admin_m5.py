"""Issue 18.2: the admin warns on an M5 answer that disqualifies, never a green tick."""

import pytest
from django.urls import reverse
from django.utils import translation

from members.admin import m5_answer
from members.models import IncompatibilityDeclaration
from tests.members.factories import ApplicationFactory, MemberFactory

pytestmark = pytest.mark.django_db

GREEN_TICK = "icon-yes.svg"


def test_m5_disqualifying_answer_is_a_warning_with_words_for_screen_readers():
    with translation.override("en"):
        html = m5_answer(True)
        assert "⚠" in html and '<span aria-hidden="true">⚠</span>' in html
        assert "Yes" in html and "disqualifies (M5)" in html
        assert m5_answer(False) == "No"


def test_m5_application_page_warns_on_working_for_the_municipality(secretariat_client):
    application = ApplicationFactory(m5_employee=True)
    page = secretariat_client.get(
        reverse("admin:members_application_change", args=[application.pk])
    ).content.decode()
    m5_rows = page[page.index("field-m5_council_answer") : page.index("field-decision")]
    assert m5_rows.count('<span aria-hidden="true">⚠</span>') == 1  # only the "yes"
    assert GREEN_TICK not in m5_rows


def test_m5_declarations_list_warns_on_a_yes(secretariat_client):
    member = MemberFactory()
    IncompatibilityDeclaration.objects.create(
        member=member, year=2026, m5_council=False, m5_employee=True,
        m5_commercial=False, m5_political=False,
    )  # fmt: skip
    page = secretariat_client.get(
        reverse("admin:members_incompatibilitydeclaration_changelist")
    ).content.decode()
    assert page.count('<span aria-hidden="true">⚠</span>') == 1
    assert GREEN_TICK not in page
