"""The annual report (issue 8): /jaarverslag/<year>/ as a page and a PDF in house style.

The PDF is read back with pdftotext. Pages are asked in English (the language cookie), so
that the labels are the msgids whatever the Dutch catalogue holds.
"""

import datetime
import re
import subprocess
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from advices.impact import impact_per_year
from advices.models import Recommendation, Status, Trajectory
from asdg.annual_report import Period, annual_report, member_figures
from finance.models import Booking, BudgetLine
from members.models import Theme
from members.models.common import CulturalBackground
from steering.models import AnnualReport, Decision, PlenaryMeeting
from steering.services.reports import annual_report_publish
from tests.advices.public_factories import published_advice
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory, postcode_area, secretary
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.steering.factories import (
    InvitationFactory,
    PlenaryMeetingFactory,
    SeatFactory,
    TrainingActivityFactory,
)

pytestmark = pytest.mark.django_db

SEEDED_YEAR = 2023


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "jaarverslag.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def figure(text: str, label: str) -> str:
    """The value after a label in the PDF's text (first occurrence)."""
    match = re.search(re.escape(label) + r"\s+(€ [\d.,]+|\d+)", text)
    assert match, f"{label!r} not in the PDF"
    return match.group(1)


def publish(year: int, foreword: str = "Een jaar van hard werken.") -> AnnualReport:
    report = AnnualReport.objects.create(year=year, foreword=foreword)
    return annual_report_publish(report=report, by=secretary())


def url(name: str, year: int) -> str:
    return reverse(f"annual_report:{name}", kwargs={"year": year})


# --- The acceptance: a seeded year, checked through the PDF's text -------------------------


@pytest.mark.slow
def test_pdf_of_a_seeded_year_holds_the_right_counts(demo, client, settings, tmp_path):
    """The demo (seed_demo, loaded from the run's snapshot), its year through the PDF."""
    settings.DEBUG = True
    assert AnnualReport.objects.published().filter(year=SEEDED_YEAR).exists()  # demo.report

    started = time.process_time()
    response = client.get("/en" + url("pdf", SEEDED_YEAR))
    elapsed = time.process_time() - started
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="jaarverslag-2023.pdf"' in response["Content-Disposition"]
    # Measured: about 1.5–3 s; a generous bound that only catches a runaway render.
    assert elapsed < 30, elapsed

    text = pdf_text(response.content, tmp_path)
    flat = " ".join(text.split())
    assert "Annual report 2023" in flat
    assert re.search(r"page 1 of \d+", flat)  # the page numbers in the reader's language
    assert AnnualReport.objects.get(year=SEEDED_YEAR).foreword.split(".")[0] in flat

    held = PlenaryMeeting.objects.filter(status="held", starts_at__year=SEEDED_YEAR)
    decisions = Decision.objects.filter(meeting__in=held)
    assert held.count() >= 4
    assert figure(text, "Plenary meetings held") == str(held.count())
    assert figure(text, "Decisions of the plenary") == str(decisions.count())
    assert figure(text, "Proposals adopted") == str(decisions.filter(adopted=True).count())

    sent = Trajectory.objects.filter(sent_on__year=SEEDED_YEAR)
    assert sent.exists()
    assert figure(text, "Advices sent to the college") == str(sent.count())
    answered = Recommendation.objects.filter(advice__trajectory__in=sent)
    for label, response_value in (
        ("Partly adopted", Recommendation.Response.PARTLY),
        ("Not adopted", Recommendation.Response.NOT_ADOPTED),
    ):
        count = answered.filter(response=response_value).count()
        assert figure(text, label) == str(count), label
    adopted = answered.filter(response=Recommendation.Response.ADOPTED).count()
    assert re.search(rf"Response Recommendations Adopted {adopted} ", flat)

    lines = BudgetLine.objects.filter(budget_year__year=SEEDED_YEAR)
    budget = sum((line.budget_amount for line in lines), Decimal("0.00"))
    actual = Booking.objects.filter(line__in=lines).aggregate(total=Sum("amount"))["total"]
    assert actual > 0
    from finance.templatetags.money import format_money

    assert f"Total {format_money(budget)} {format_money(actual)}" in flat
    assert figure(text, "Money spent") == format_money(actual)


# --- Counts from factories, on the page ---------------------------------------------------


def _row(content: str, row_id: str) -> str:
    match = re.search(rf'<tr id="{row_id}">(.*?)</tr>', content, re.S)
    assert match, row_id
    return re.sub(r"<[^>]+>", " ", match.group(1))


def _numbers(content: str, row_id: str) -> list[str]:
    return re.findall(r"€ [\d.,]+|\d+", _row(content, row_id))


def test_page_counts_meetings_decisions_advices_training_of_the_year(client):
    today = timezone.localdate()
    year = today.year
    publish(year)
    this_year = timezone.make_aware(datetime.datetime(year, 1, 10, 19))
    last_year = this_year.replace(year=year - 1)
    meetings = [
        PlenaryMeetingFactory(starts_at=this_year + datetime.timedelta(days=i), status="held")
        for i in range(2)
    ]
    PlenaryMeetingFactory(starts_at=last_year, status="held")  # another year
    PlenaryMeetingFactory(starts_at=this_year, status="cancelled")
    for votes_for, against in ((10, 2), (3, 9), (8, 1)):
        Decision.objects.create(
            meeting=meetings[0], proposal=f"Voorstel {votes_for}", votes_for=votes_for,
            votes_against=against, abstentions=1, recorded_by=secretary(),
        )  # fmt: skip
    for attended in (True, True, False):
        InvitationFactory(meeting=meetings[0], attended=attended)
    TrainingActivityFactory(date=today, cost=Decimal("120.50"))
    TrainingActivityFactory(date=today.replace(year=year - 1), cost=Decimal("99.00"))

    content = client.get("/en" + url("detail", year)).content.decode()
    assert _numbers(content, "n-meetings") == ["2"]
    assert _numbers(content, "n-decisions") == ["3"]
    assert _numbers(content, "n-decisions-adopted") == ["2"]
    assert _numbers(content, "n-trainings") == ["1"]
    assert _numbers(content, "training-total") == ["0", "€ 120,50"]
    assert "Voorstel 3" in content and "Defeated" in content  # issue 16.5: Verworpen
    assert 'id="concept-banner"' not in content


def test_impact_figures_are_those_of_impact_per_year(client):
    year = timezone.localdate().year
    publish(year)
    published_advice(
        Status.RESPONDED,
        recommendations=["Een", "Twee", "Drie"],
        responses=["adopted", "partly", "not_adopted"],
    )
    published_advice(Status.SENT, recommendations=["Vier"])
    impact = next(row for row in impact_per_year() if row.year == year)
    content = client.get("/en" + url("detail", year)).content.decode()
    assert _numbers(content, "impact-adopted") == [str(impact.adopted)] == ["1"]
    assert _numbers(content, "impact-partly") == ["1"]
    assert _numbers(content, "impact-not-adopted") == ["1"]
    assert _numbers(content, "impact-outstanding") == ["1"]
    assert _numbers(content, "n-advices-sent") == ["2"]


def test_members_at_start_plus_joined_minus_left_is_members_at_end():
    year = timezone.localdate().year - 1
    day = lambda month, d: datetime.date(year, month, d)  # noqa: E731
    ended = {"end_reason": "resigned"}
    MemberFactory(start_date=datetime.date(2021, 1, 1))  # sitting throughout
    MemberFactory(start_date=day(1, 1))  # joined on the first day
    MemberFactory(start_date=datetime.date(2021, 1, 1), ended_on=day(3, 1), **ended)
    MemberFactory(start_date=day(2, 1), ended_on=day(6, 1), **ended)  # joined and left
    MemberFactory(
        start_date=datetime.date(2021, 1, 1), ended_on=day(1, 1).replace(year=year - 1), **ended
    )
    figures = member_figures(Period.of(year, timezone.localdate()))
    assert (figures.at_start, figures.joined, figures.left, figures.at_end) == (2, 2, 2, 2)


# --- Who sees what -------------------------------------------------------------------------


def test_unpublished_report_is_404_for_the_public_and_a_concept_for_staff(
    client, member_client, steering_client, secretariat_client
):
    year = timezone.localdate().year - 1
    AnnualReport.objects.create(year=year, foreword="Nog niet klaar.")
    for anyone in (client, member_client):
        assert anyone.get(url("detail", year)).status_code == 404
        assert anyone.get(url("pdf", year)).status_code == 404
    for staff in (steering_client, secretariat_client):
        response = staff.get(url("detail", year))
        assert response.status_code == 200
        assert 'id="concept-banner"' in response.content.decode()
    assert steering_client.get(url("pdf", year)).status_code == 200


def test_published_report_is_public_without_the_concept_banner(client, member_client):
    year = timezone.localdate().year - 1
    publish(year, foreword="Wij kijken terug op een goed jaar.")
    for anyone in (client, member_client):
        response = anyone.get(url("detail", year))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Wij kijken terug op een goed jaar." in content
        assert 'id="concept-banner"' not in content
        assert 'id="archive-link"' not in content  # the archive is for staff only


def test_years_before_2021_and_after_this_year_have_no_report(steering_client):
    next_year = timezone.localdate().year + 1
    for year in (2020, next_year):
        assert steering_client.get(url("detail", year)).status_code == 404


def test_index_lists_published_years_for_the_public_and_every_year_for_staff(
    client, steering_client
):
    this_year = timezone.localdate().year
    publish(2022)
    AnnualReport.objects.create(year=2023, foreword="Concept.")
    public = client.get(reverse("annual_report:index")).content.decode()
    assert url("detail", 2022) in public
    assert url("detail", 2023) not in public
    staff = steering_client.get(reverse("annual_report:index")).content.decode()
    for year in range(2021, this_year + 1):
        assert url("detail", year) in staff
    assert reverse("annual_report:archive", kwargs={"year": 2022}) in staff


def test_the_about_page_and_the_portal_link_to_the_reports(client, member_client):
    index = reverse("annual_report:index")
    assert index in client.get(reverse("public:about")).content.decode()
    assert index in member_client.get(reverse("portal")).content.decode()


def test_publishing_needs_a_foreword_and_keeps_its_date():
    report = AnnualReport.objects.create(year=2022, foreword="  ")
    with pytest.raises(ValidationError) as refused:
        annual_report_publish(report=report, by=secretary())
    assert "foreword" in refused.value.message_dict
    report.foreword = "Voorwoord."
    report.save()
    first = annual_report_publish(report=report, by=secretary()).published_at
    assert first is not None
    assert annual_report_publish(report=report, by=secretary()).published_at == first


# --- Privacy: small groups suppressed, no special-category figures -------------------------


def _members(area: str, count: int, **fields):
    digits = {"city": "9712", "haren": "9751", "ten_boer": "9791"}[area]
    place = postcode_area(digits=digits, district=digits, area=area)
    return MemberFactory.create_batch(
        count, postcode_area=place, start_date=datetime.date(2021, 1, 1), **fields
    )


def test_small_groups_are_suppressed_in_the_composition(client):
    """7 in the city, 2 in Haren, 5 in Ten Boer: Haren is under 5, and Ten Boer (the
    smallest other group) is hidden too, or the total would give Haren away."""
    year = timezone.localdate().year
    publish(year)
    _members("city", 7)
    _members("haren", 2)
    _members("ten_boer", 5)
    figures = member_figures(Period.of(year, timezone.localdate()))
    assert [row.count for row in figures.areas] == [7, None, None]
    content = client.get("/en" + url("detail", year)).content.decode()
    areas = _row_table(content, "composition-areas")
    # Haren (2) is small: "< 5"; Ten Boer (5) is hidden only to protect it (issue 19.2).
    assert areas.count("&lt; 5") == 1
    assert areas.count(">hidden<sup>") == 1
    assert 'id="composition-areas-note"' in content
    assert ">7<" in areas and ">2<" not in areas and ">5<" not in areas
    ages = _row_table(content, "composition-ages")  # all 14 born in 1970: one age band
    assert ">14<" in ages and ages.count("&lt; 5") == 3


def _row_table(content: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', content, re.S)
    assert match, table_id
    return match.group(0)


def test_no_special_category_figures_in_the_report(client, tmp_path):
    """Cultural background and lived experience never appear, not even as large groups."""
    year = timezone.localdate().year
    publish(year)
    experience = Theme.objects.create(name="Ervaring met schuldhulp", position=90)
    people = _members(
        "city",
        12,
        cultural_background=CulturalBackground.OUTSIDE_EUROPE,
        special_consent_at=timezone.now(),
        special_consent_version="1",
    )
    for person in people:
        person.experience_themes.add(experience)
    context = annual_report(year=year, today=timezone.localdate())
    assert not {"background", "experience", "special"} & set(context)
    assert not {"background", "experience"} & set(vars(context["members"]))
    detail, pdf = "/en" + url("detail", year), "/en" + url("pdf", year)
    page = client.get(detail).content.decode()
    text = " ".join(pdf_text(client.get(pdf).content, tmp_path).split())
    for content in (page, text):
        assert "Ervaring met schuldhulp" not in content
        assert "Born abroad" not in content and "Born in the Netherlands" not in content
        assert "Lived-experience" not in content and "Cultural background" not in content
    assert 'id="privacy-note"' in page


# --- Speed: the page's queries do not grow with the data -----------------------------------


def test_report_page_queries_do_not_grow_with_the_data(client):
    year = timezone.localdate().year
    publish(year)
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime(year, 1, 5, 19))

    def grow(n):
        for _ in range(n):
            meeting = PlenaryMeetingFactory(starts_at=start, status="held")
            Decision.objects.create(
                meeting=meeting, proposal="Voorstel", votes_for=5, votes_against=1,
                abstentions=0, recorded_by=secretary(),
            )  # fmt: skip
            InvitationFactory(meeting=meeting, attended=True)
            activity = TrainingActivityFactory(date=today)
            activity.participants.add(MemberFactory())
            group = ProjectGroupFactory(trajectory__received_on=today.replace(month=1, day=1))
            ParticipationFactory(group=group, confirmed_on=today)
            SeatFactory(starts_on=today.replace(month=1, day=1))
            published_advice(
                Status.RESPONDED, recommendations=["Een", "Twee"], responses=["adopted", "partly"]
            )

    assert_queries_flat(lambda: client.get(url("detail", year)), grow)
