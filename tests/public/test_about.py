"""The about page: the steering group, the composition in aggregate, how to apply."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from members.models.common import CulturalBackground
from steering.models import SeatRole, Task
from tests.members.factories import MemberFactory, RecruitmentRoundFactory, postcode_area, theme
from tests.public.factories import PageFactory
from tests.steering.factories import SeatFactory

pytestmark = pytest.mark.django_db


def _born(age: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - age, month=1, day=1)


def test_steering_group_members_and_roles_are_shown(client):
    chair = SeatFactory(role=SeatRole.CHAIR, tasks=[Task.CHAIRING])
    member = SeatFactory(role=SeatRole.MEMBER)
    ended = SeatFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=900), term_years=1
    )  # its term is over
    response = client.get(reverse("public:about"))
    group = response.context["steering_group"]
    assert [person.name for person in group] == [str(chair.member), str(member.member)]
    assert group[0].role == str(SeatRole.CHAIR.label)
    assert group[0].tasks == [str(Task.CHAIRING.label)]
    content = response.content.decode()
    assert str(chair.member) in content and str(ended.member) not in content


def test_composition_in_aggregate_with_small_groups_suppressed(client):
    city = postcode_area()
    haren = postcode_area(digits="9751", district="Haren", area="haren")
    ten_boer = postcode_area(digits="9791", district="Ten Boer", area="ten_boer")
    for _ in range(7):
        MemberFactory(postcode_area=city, date_of_birth=_born(50))
    for _ in range(6):
        MemberFactory(postcode_area=haren, date_of_birth=_born(30))
    for _ in range(2):
        MemberFactory(postcode_area=ten_boer, date_of_birth=_born(70))
    MemberFactory(postcode_area=city, date_of_birth=_born(50), ended_on=timezone.localdate(),
                  end_reason="resigned")  # fmt: skip
    composition = client.get(reverse("public:about")).context["composition"]
    assert composition.sitting == 15
    areas = [(str(row.label), row.count) for row in composition.areas]
    # Ten Boer (2) is under 5; with the total shown, the next smallest (Haren) goes too.
    assert [count for _label, count in areas] == [7, None, None]
    ages = {row.label: row.count for row in composition.ages}
    assert sorted(ages.values(), key=lambda c: (c is None, c)) == [6, 7, None, None]


def test_about_page_shows_suppressed_cells_as_under_five(client):
    area = postcode_area(digits="9791", district="Ten Boer", area="ten_boer")
    MemberFactory.create_batch(2, postcode_area=area)
    content = client.get(reverse("public:about")).content.decode()
    table = content.split('id="composition-areas"')[1].split("</table>")[0]
    assert "&lt; 5" in table
    assert ">2<" not in table


def test_about_page_has_no_special_category_figures(client):
    experience = theme(name="Mantelzorg")
    for _ in range(6):
        member = MemberFactory(
            cultural_background=CulturalBackground.OUTSIDE_EUROPE,
            special_consent_at=timezone.now(),
        )
        member.experience_themes.add(experience)
    response = client.get(reverse("public:about"))
    composition = response.context["composition"]
    assert set(vars(composition)) == {"sitting", "target", "areas", "ages"}
    content = response.content.decode()
    labels = [
        str(CulturalBackground.OUTSIDE_EUROPE.label),
        "Born abroad",
        "Geboren in het buitenland",
        "Mantelzorg",
    ]
    for label in labels:
        assert label not in content, label


def test_about_page_links_to_the_application_with_the_rounds_dates(client):
    today = timezone.localdate()
    RecruitmentRoundFactory(
        year=today.year + 1,
        opens_on=datetime.date(today.year + 1, 3, 1),
        closes_on=datetime.date(today.year + 1, 4, 15),
    )
    response = client.get(reverse("public:about"))
    assert response.context["round"].year == today.year + 1
    assert response.context["round_is_open"] is False
    content = response.content.decode()
    assert f'href="{reverse("apply:form")}"' in content
    assert f"{today.year + 1}" in content.split('id="round-dates"')[1].split("</p>")[0]

    RecruitmentRoundFactory()  # open today
    response = client.get(reverse("public:about"))
    assert response.context["round_is_open"] is True


def test_about_text_is_the_editable_page(client):
    PageFactory(slug="wie-we-zijn", title="Wie we zijn", body="<p>Veertig inwoners.</p>")
    response = client.get(reverse("public:about"))
    assert "<p>Veertig inwoners.</p>" in response.content.decode()
    # Its own address leads to /over-ons/.
    response = client.get(reverse("public:page", kwargs={"slug": "wie-we-zijn"}))
    assert response.status_code == 301 and response.headers["Location"] == reverse("public:about")


def test_about_page_queries_do_not_grow_with_members(client):
    from tests.harness import assert_queries_flat

    assert_queries_flat(
        lambda: client.get(reverse("public:about")),
        lambda n: [SeatFactory() for _ in range(min(n, 5))] and MemberFactory.create_batch(n),
    )


def test_m4_complement_cell_says_hidden_with_a_footnote_never_under_five(client):
    """A band of 5 or more hidden only to protect a small one is labelled "hidden" (issue 19.2)."""
    city = postcode_area()
    haren = postcode_area(digits="9751", district="Haren", area="haren")
    ten_boer = postcode_area(digits="9791", district="Ten Boer", area="ten_boer")
    MemberFactory.create_batch(11, postcode_area=city, date_of_birth=_born(50))
    MemberFactory.create_batch(6, postcode_area=haren, date_of_birth=_born(30))  # the complement
    MemberFactory.create_batch(2, postcode_area=ten_boer, date_of_birth=_born(30))  # small
    with translation.override("en"):
        response = client.get(reverse("public:about"))
    rows = {str(row.label): row for row in response.context["composition"].areas}
    assert [(row.count, row.complementary) for row in rows.values()] == [
        (11, False), (None, True), (None, False)
    ]  # fmt: skip
    content = response.content.decode()
    table = content.split('id="composition-areas"')[1].split("</table>")[0]
    assert table.count("&lt; 5") == 1  # Ten Boer's 2: genuinely small
    # The complement says "hidden" (msgid; "verborgen" in Dutch), with a link to the note.
    hidden = r"Haren</th>\s*<td[^>]*><span class=\"suppressed\">(hidden|verborgen)<sup>"
    assert re.search(hidden, table)
    after = content.split('id="composition-areas"')[1].split("</table>")[1]
    assert 'id="composition-areas-note"' in after.split("<table")[0]
    assert re.search("fewer than five|minder dan vijf", after.split("<table")[0])
