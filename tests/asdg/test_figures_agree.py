"""Issue 18.6: a figure that appears in two places says the same in both, on the demo data.

The number of sitting members (dashboard, composition, annual report, register, about
page), who joined in a year against the applications admitted, and the money spent
(budget page, annual report, comparison of years, dashboard) each come from one selector.
"""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation

from asdg.annual_report import annual_report
from asdg.dashboard import dashboard
from finance.models import Booking, BudgetYear
from finance.selectors import budget_summary
from finance.selectors.reports import years_comparison
from members.composition import active_themes, composition_overview, sitting_members
from members.models import Application, Member
from members.selectors import members_sitting, membership_size
from public.selectors import composition_public
from steering.models.reports import FIRST_REPORT_YEAR
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_world")]


def test_the_number_of_sitting_members_agrees_everywhere(secretariat_client):
    today = timezone.localdate()
    sitting = members_sitting(on=today).count()
    composition = composition_overview(
        special=True, people=sitting_members(today=today, special=True), themes=active_themes()
    )
    report = annual_report(year=today.year, today=today)
    register = secretariat_client.get(
        reverse("admin:members_member_changelist") + "?status=sitting"
    ).context["cl"]
    assert sitting > 0
    assert composition["sitting"] == sitting
    assert report["members"].at_end == sitting
    assert register.result_count == sitting
    assert composition_public(today=today).sitting == sitting
    # The dashboard names the figure when it is out of the band around the target (M1).
    size = membership_size(sitting=sitting)
    items = {item.key: item.label for section in dashboard(today=today) for item in section.items}
    if size.state != size.AROUND:
        key = "members_above_target" if size.state == size.ABOVE else "members_below_target"
        assert items[key].startswith(f"{sitting} ")
    else:
        assert "members_above_target" not in items and "members_below_target" not in items


def test_new_members_of_each_year_came_through_an_admitted_application_or_were_founders():
    """The symptom of issue 18.6: "Nieuwe leden 12" beside "Aanmeldingen 0 / Toegelaten 0"."""
    today = timezone.localdate()
    for year in range(FIRST_REPORT_YEAR, today.year + 1):
        members = annual_report(year=year, today=today)["members"]
        admitted_starting = Application.objects.filter(
            decision=Application.Decision.ADMITTED, member__start_date__year=year
        ).count()
        assert members.joined == members.joined_admitted + members.joined_founders, year
        assert members.joined_admitted == admitted_starting, year
        assert members.admitted <= members.applications, year
    # Every admitted application counts once: in the round, and in the year its member starts.
    admitted = Application.objects.filter(decision=Application.Decision.ADMITTED)
    in_rounds = sum(
        annual_report(year=year, today=today)["members"].admitted
        for year in set(admitted.values_list("round__year", flat=True))
    )
    assert in_rounds == admitted.count() == admitted.exclude(member=None).count()
    assert Member.objects.filter(origin_council="", application=None).count() == 0


def test_the_2025_report_shows_the_round_that_admitted_the_2026_cohort():
    members = annual_report(year=2025, today=timezone.localdate())["members"]
    assert members.joined > 0 and members.joined == members.joined_admitted
    assert members.applications > 0 and members.admitted > 0


def test_money_spent_agrees_with_the_bookings_everywhere():
    today = timezone.localdate()
    comparison = {column.year: column for column in years_comparison().years}
    years = list(BudgetYear.objects.values_list("year", flat=True))
    assert years, "the demo has budgets"
    for year in years:
        booked = Booking.objects.filter(line__budget_year__year=year).aggregate(
            total=Sum("amount")
        )["total"] or Decimal("0.00")
        summary = budget_summary(year=year)
        assert sum((f.actual for f in summary.lines), Decimal("0.00")) == booked, year
        assert comparison[year].actual == booked, year
        if FIRST_REPORT_YEAR <= year <= today.year:
            assert annual_report(year=year, today=today)["finance"].actual == booked, year


def test_the_composition_page_says_where_the_members_stand_against_the_target(
    secretariat_client,
):
    today = timezone.localdate()
    size = membership_size(sitting=members_sitting(on=today).count())
    with translation.override("en"):
        page = secretariat_client.get(reverse("composition:overview")).content.decode()
    words = {
        size.ABOVE: "That is above the target.",
        size.AROUND: "That is around the target.",
        size.BELOW: "members short.",
    }
    assert words[size.state] in page
    assert "The target has been reached." not in page
