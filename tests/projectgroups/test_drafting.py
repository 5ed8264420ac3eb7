"""Drafting the advice together (issue 5, item 6): comments, versions, ready for the plenary."""

import pytest
from django.urls import reverse

from advices.models import AdviceVersion, Comment, Status
from advices.services import advice_save_draft
from projectgroups.models import Participation
from tests.advices.factories import advance_to
from tests.harness import assert_queries_flat, login_verified
from tests.members.factories import MemberFactory, secretary, steering_member
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    group = ProjectGroupFactory(trajectory__subject="Beleidsplan armoede en schulden")
    group.trajectory = advance_to(group.trajectory, Status.GROUP_FORMED)
    return group


@pytest.fixture
def member(group):
    user = ParticipationFactory(group=group).member.user
    user.first_name, user.last_name = "Fatima", "Yilmaz"
    user.save(update_fields=["first_name", "last_name"])
    return user


def logged_in(client, user):
    return login_verified(client, user)


def url(name, group, **kwargs):
    return reverse(f"drafting:{name}", kwargs={"pk": group.pk, **kwargs})


def drafted(group, by, *, introduction="Het college vraagt advies.", recommendations=None):
    advice = advice_save_draft(
        advice=group.trajectory.advice,
        by=by,
        data={"introduction": introduction, "way_of_working": "", "considerations": ""},
        recommendations=recommendations or ["Maak de regeling eenvoudiger."],
    )
    return advice


def edit_data(advice, **overrides):
    data = {
        "version": advice.version,
        "introduction": advice.introduction,
        "way_of_working": advice.way_of_working,
        "considerations": advice.considerations,
    }
    for number, recommendation in enumerate(advice.recommendations.all(), start=1):
        data[f"recommendation_{number}"] = recommendation.text
    data.update(overrides)
    return data


# --- Comments per section and per recommendation ------------------------------------


def test_group_member_comments_on_a_section_and_is_shown_as_author(client, group, member):
    logged_in(client, member)
    response = client.post(
        url("comment", group),
        {"section": "introduction", "text": "De inleiding mag korter."},
        follow=True,
    )
    comment = Comment.objects.get()
    assert (comment.author, comment.section, comment.recommendation) == (
        member,
        "introduction",
        None,
    )
    section = response.content.decode().split('id="introduction"')[1].split("</section>")[0]
    assert "De inleiding mag korter." in section
    assert "Fatima Yilmaz" in section


def test_group_member_comments_on_a_recommendation(client, group, member):
    advice = drafted(group, member, recommendations=["Eerste.", "Verlaag de eigen bijdrage."])
    second = advice.recommendations.get(number=2)
    logged_in(client, member)
    response = client.post(
        url("comment", group),
        {"section": "recommendation", "recommendation": second.pk, "text": "Noem een bedrag."},
        follow=True,
    )
    comment = Comment.objects.get()
    assert (comment.author, comment.recommendation) == (member, second)
    page = response.content.decode()
    recommendation_2 = page.split('id="recommendation-2"')[1].split("</section>")[0]
    assert "Noem een bedrag." in recommendation_2
    assert "Noem een bedrag." not in page.split('id="recommendation-1"')[1].split("</section>")[0]


def test_empty_comment_is_refused_with_a_message(client, group, member):
    logged_in(client, member)
    response = client.post(
        url("comment", group), {"section": "introduction", "text": "  "}, follow=True
    )
    assert not Comment.objects.exists()
    assert "niet opgeslagen" in response.content.decode()


def test_comment_on_a_recommendation_of_another_advice_is_refused(client, group, member):
    other = ProjectGroupFactory()
    foreign = drafted(other, member).recommendations.get()
    logged_in(client, member)
    client.post(
        url("comment", group),
        {"section": "recommendation", "recommendation": foreign.pk, "text": "Hier?"},
    )
    assert not Comment.objects.exists()


# --- Who may draft ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["draft", "edit", "versions"])
def test_member_outside_the_group_gets_403(client, group, name):
    outsider = MemberFactory().user
    logged_in(client, outsider)
    assert client.get(url(name, group)).status_code == 403


def test_member_outside_the_group_cannot_comment_or_mark_ready(client, group):
    outsider = MemberFactory().user
    logged_in(client, outsider)
    response = client.post(url("comment", group), {"section": "introduction", "text": "Hoi"})
    assert response.status_code == 403
    assert client.post(url("ready", group)).status_code == 403
    assert not Comment.objects.exists()


def test_member_who_only_signed_up_gets_403(client, group):
    waiting = ParticipationFactory(
        group=group, status=Participation.Status.REQUESTED, confirmed_on=None
    )
    logged_in(client, waiting.member.user)
    assert client.get(url("draft", group)).status_code == 403


def test_steering_group_reads_the_draft_but_neither_edits_nor_comments(client, group, member):
    drafted(group, member, introduction="Een inleiding om te lezen.")
    logged_in(client, steering_member())
    page = client.get(url("draft", group)).content.decode()
    assert "Een inleiding om te lezen." in page
    assert "Opmerking toevoegen" not in page
    assert url("edit", group) not in page
    assert client.get(url("versions", group)).status_code == 200
    assert client.get(url("edit", group)).status_code == 403
    response = client.post(url("comment", group), {"section": "introduction", "text": "Nee"})
    assert response.status_code == 403


def test_secretariat_edits_the_draft_of_any_group(client, group):
    logged_in(client, secretary())
    advice = group.trajectory.advice
    response = client.post(
        url("edit", group), edit_data(advice, introduction="Door het secretariaat.")
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.introduction == "Door het secretariaat."


# --- Versions -----------------------------------------------------------------------


def test_saving_the_draft_makes_a_version_and_moves_the_trajectory_to_drafting(
    client, group, member
):
    logged_in(client, member)
    advice = group.trajectory.advice
    response = client.post(
        url("edit", group),
        edit_data(
            advice,
            introduction="Armoede raakt veel inwoners.",
            recommendation_1="Maak de regeling eenvoudiger.",
        ),
        follow=True,
    )
    assert "opgeslagen als versie 2" in response.content.decode()
    version = AdviceVersion.objects.get()
    assert (version.number, version.by, version.introduction) == (
        2,
        member,
        "Armoede raakt veel inwoners.",
    )
    assert version.at is not None
    assert version.recommendations == ["Maak de regeling eenvoudiger."]
    group.trajectory.refresh_from_db()
    assert group.trajectory.status == Status.DRAFTING
    assert group.trajectory.events.last().by == member

    versions = client.get(url("versions", group)).content.decode()
    assert "Fatima Yilmaz" in versions
    assert url("diff", group, number=2) in versions


def test_empty_recommendations_are_dropped_and_the_rest_renumbered(client, group, member):
    advice = drafted(group, member, recommendations=["Een.", "Twee.", "Drie."])
    logged_in(client, member)
    client.post(
        url("edit", group),
        edit_data(advice, recommendation_2="", recommendation_4="Vier."),
    )
    texts = list(advice.recommendations.values_list("number", "text"))
    assert texts == [(1, "Een."), (2, "Drie."), (3, "Vier.")]


def test_save_over_a_newer_version_is_refused(client, group, member):
    advice = group.trajectory.advice
    stale = edit_data(advice, introduction="Mijn versie.")
    drafted(group, secretary(), introduction="Intussen opgeslagen.")
    logged_in(client, member)
    response = client.post(url("edit", group), stale)
    assert response.status_code == 200
    assert "Iemand anders heeft versie 2" in response.content.decode()
    advice.refresh_from_db()
    assert advice.introduction == "Intussen opgeslagen."


def test_diff_page_shows_the_removed_and_added_words(client, group, member):
    drafted(group, member, introduction="De eigen bijdrage is te hoog.", recommendations=["A."])
    drafted(
        group, member, introduction="De eigen bijdrage is veel te hoog.", recommendations=["B."]
    )
    drafted(group, member, introduction="De bijdrage is veel te hoog.", recommendations=["B."])
    logged_in(client, member)
    page = client.get(url("diff", group, number=4)).content.decode()
    assert '<del><span class="visually-hidden">verwijderd: </span>eigen ' in page
    assert "<ins>" not in page.split("diff-recommendations")[0]
    page = client.get(url("diff", group, number=3)).content.decode()
    assert '<ins><span class="visually-hidden">toegevoegd: </span>veel ' in page
    assert "verwijderd: </span>A.</del>" in page
    assert "toegevoegd: </span>B.</ins>" in page
    assert " style=" not in page
    assert client.get(url("diff", group, number=9)).status_code == 404


def test_first_version_is_compared_with_the_empty_draft(client, group, member):
    drafted(group, member, introduction="Nieuw.")
    logged_in(client, member)
    page = client.get(url("diff", group, number=2)).content.decode()
    assert "lege concept" in page
    assert "toegevoegd: </span>Nieuw.</ins>" in page


# --- Frozen and ready ---------------------------------------------------------------


def test_adopted_advice_refuses_edits_with_the_message(client, group, member):
    drafted(group, member, introduction="Vastgestelde tekst.")
    advance_to(group.trajectory, Status.ADOPTED)
    advice = group.trajectory.advice
    advice.refresh_from_db()
    logged_in(client, member)
    page = client.get(url("edit", group)).content.decode()
    assert "kan niet meer veranderen" in page
    assert "<textarea" not in page
    response = client.post(url("edit", group), edit_data(advice, introduction="Toch anders."))
    assert "kan niet meer veranderen" in response.content.decode()
    advice.refresh_from_db()
    assert advice.introduction == "Vastgestelde tekst."
    assert AdviceVersion.objects.count() == 1
    response = client.post(url("comment", group), {"section": "introduction", "text": "Te laat"})
    assert not Comment.objects.exists()


def test_group_marks_the_draft_ready_for_the_plenary(client, group, member):
    logged_in(client, member)
    advice = group.trajectory.advice
    client.post(url("edit", group), edit_data(advice, recommendation_1="Doe het."))
    page = client.get(url("draft", group)).content.decode()
    assert "Concept gereed melden voor de brede bijeenkomst" in page
    response = client.post(url("ready", group), follow=True)
    advice.refresh_from_db()
    assert advice.ready_for_plenary
    assert "Gereed voor de brede bijeenkomst." in response.content.decode()


def test_draft_without_recommendations_cannot_be_marked_ready(client, group, member):
    advance_to(group.trajectory, Status.DRAFTING)
    logged_in(client, member)
    response = client.post(url("ready", group), follow=True)
    assert not group.trajectory.advice.__class__.objects.get().ready_for_plenary
    assert "ten minste één aanbeveling" in response.content.decode()


def test_draft_cannot_be_marked_ready_before_drafting(client, group, member):
    advice = group.trajectory.advice
    advice.recommendations.create(number=1, text="Zonder concept.")
    logged_in(client, member)
    client.post(url("ready", group))
    advice.refresh_from_db()
    assert not advice.ready_for_plenary


# --- Query count --------------------------------------------------------------------


def test_draft_page_queries_stay_flat_with_ten_times_the_comments(client, group, member):
    advice = drafted(group, member, recommendations=["Een.", "Twee."])
    recommendation = advice.recommendations.first()
    logged_in(client, member)

    def grow(n):
        for i in range(n):
            author = ParticipationFactory(group=group).member.user
            Comment.objects.create(
                advice=advice, section="introduction", author=author, text=f"Sectie {i}"
            )
            Comment.objects.create(
                advice=advice, section="recommendation", recommendation=recommendation,
                author=author, text=f"Aanbeveling {i}",
            )  # fmt: skip

    assert_queries_flat(lambda: client.get(url("draft", group)), grow)
