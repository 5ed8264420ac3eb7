"""The register in the admin: filters, search, flat query count (M5 flag, M10 origin)."""

import pytest
from django.utils import timezone

from members.models import IncompatibilityDeclaration
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory, theme

pytestmark = pytest.mark.django_db


def test_register_query_count_is_flat_at_ten_times_the_members(secretariat_client):
    def grow(n):
        for member in MemberFactory.create_batch(n):
            member.knowledge_themes.add(theme())

    assert_queries_flat(lambda: secretariat_client.get("/admin/members/member/"), grow)


def test_register_search_and_origin_filter(secretariat_client):
    MemberFactory(last_name="Huizinga", origin_council="haren")
    MemberFactory(last_name="Dijkstra")
    page = secretariat_client.get("/admin/members/member/?q=huizinga").content.decode()
    assert "Huizinga" in page and "Dijkstra" not in page
    page = secretariat_client.get("/admin/members/member/?origin_council=haren").content.decode()
    assert "Huizinga" in page and "Dijkstra" not in page


def test_m5_flagged_members_filter_in_the_register(secretariat_client):
    flagged = MemberFactory(last_name="Raadslid")
    MemberFactory(last_name="Gewoon")
    from django.utils import timezone

    IncompatibilityDeclaration.objects.create(
        member=flagged, year=timezone.localdate().year,
        m5_council=True, m5_employee=False, m5_commercial=False, m5_political=False,
    )  # fmt: skip
    page = secretariat_client.get("/admin/members/member/?m5=flagged").content.decode()
    assert "Raadslid" in page and "Gewoon" not in page


def test_m8_register_filters_members_without_a_project_group(secretariat_client):
    from tests.projectgroups.factories import ParticipationFactory

    busy = MemberFactory(last_name="Bezig")
    MemberFactory(last_name="Stilzitter")
    ParticipationFactory(member=busy, confirmed_on=timezone.localdate())
    page = secretariat_client.get("/admin/members/member/?m8=none").content.decode()
    assert "Stilzitter" in page and "Bezig" not in page


def test_m7_admin_edit_cannot_store_a_term_outside_the_rule(secretariat_client):
    """The term is read-only on the change form (issue 21.1); see test_m7_term_paths.py."""
    member = MemberFactory(term_years=2)
    url = f"/admin/members/member/{member.pk}/change/"
    form = secretariat_client.get(url).context["adminform"].form
    assert "term_years" not in form.fields and "extension_months" not in form.fields
    member.refresh_from_db()
    assert (member.term_years, member.extension_months) == (2, 0)
