"""Project groups in the member portal (P1–P4) and the steering group's trajectory overview."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from advices.models import Status
from projectgroups.models import Participation, ProjectGroup
from tests.advices.factories import TrajectoryFactory
from tests.harness import assert_queries_flat, login_verified
from tests.members.factories import MemberFactory, steering_member
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projectgroups:list")
OVERVIEW = reverse("projectgroups:trajectories")


def client_for(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


@pytest.fixture
def member():
    return MemberFactory(first_name="Fatima", last_name="Yilmaz")


@pytest.fixture
def member_portal(member):
    return client_for(member.user)


@pytest.fixture
def group():
    return ProjectGroupFactory(
        trajectory=TrajectoryFactory(subject="Wmo-ondersteuning thuis"),
        workload="3 uur per maand",
        meeting_rhythm="Eens per maand",
    )


def sign_up(client, group):
    return client.post(reverse("projectgroups:signup", args=[group.pk]), follow=True)


def decide(client, participation, decision="confirm"):
    url = reverse("projectgroups:confirm", args=[participation.group_id, participation.pk])
    return client.post(url, {"decision": decision}, follow=True)


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- P1: open groups and sign-up ------------------------------------------------------


def test_p1_list_shows_open_groups_only(member_portal, group):
    ProjectGroupFactory(
        trajectory=TrajectoryFactory(subject="Gesloten groep"), open_for_signup=False
    )
    ProjectGroupFactory(
        trajectory=TrajectoryFactory(subject="Opgeheven groep"),
        phase=ProjectGroup.Phase.DISSOLVED,
        dissolved_on=datetime.date(2025, 12, 1),
    )
    ParticipationFactory.create_batch(3, group=group)
    response = member_portal.get(LIST)
    html = response.content.decode()
    assert "Wmo-ondersteuning thuis" in html
    assert "3 uur per maand" in html and "Eens per maand" in html
    assert "3 van 10" in html
    assert "Gesloten groep" not in html
    assert "Opgeheven groep" not in html
    assert reverse("projectgroups:signup", args=[group.pk]) in html


def test_p1_user_without_membership_sees_the_groups_but_cannot_sign_up(steering_client, group):
    response = steering_client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wmo-ondersteuning thuis" in html
    assert "Er is geen lidmaatschap aan dit account gekoppeld" in html
    assert reverse("projectgroups:signup", args=[group.pk]) not in html
    response = sign_up(steering_client, group)
    assert "Alleen leden kunnen zich aanmelden voor een projectgroep." in page_messages(response)
    assert not Participation.objects.exists()


def test_p1_member_signs_up_and_sees_it_under_my_groups(member_portal, member, group):
    response = sign_up(member_portal, group)
    assert response.redirect_chain[-1][0] == LIST
    assert any("Wmo-ondersteuning thuis" in text for text in page_messages(response))
    participation = Participation.objects.get(member=member, group=group)
    assert participation.status == Participation.Status.REQUESTED
    mine = response.content.decode().split('id="my-groups"')[1]
    assert group.name in mine and "Aangemeld, wacht op bevestiging" in mine


def test_p1_signing_up_twice_is_refused_with_a_message(member_portal, member, group):
    sign_up(member_portal, group)
    response = sign_up(member_portal, group)
    assert "U hebt zich al aangemeld voor deze projectgroep." in page_messages(response)
    assert Participation.objects.filter(member=member, group=group).count() == 1


# --- P2: confirmation by the steering group, at most 10 -------------------------------


def test_p2_sign_up_and_confirmation(member_portal, member, group):
    steering = client_for(steering_member())
    ParticipationFactory.create_batch(9, group=group)
    sign_up(member_portal, group)
    participation = Participation.objects.get(member=member)
    # Signed up while a place was free; the service still refuses to confirm an eleventh.
    eleventh = MemberFactory(first_name="Kees", last_name="Elf")
    sign_up(client_for(eleventh.user), group)

    detail = steering.get(reverse("projectgroups:detail", args=[group.pk])).content.decode()
    assert "Fatima Yilmaz" in detail.split('id="pending-signups"')[1]
    response = decide(steering, participation)
    assert "Fatima Yilmaz is nu lid van de groep." in page_messages(response)
    participation.refresh_from_db()
    assert participation.status == Participation.Status.CONFIRMED

    late = Participation.objects.get(member=eleventh)
    response = decide(steering, late)
    with translation.override("nl"):  # issue 16.5: in the members' words, no rule id
        full = translation.gettext(
            "A project group has at most %(max)s members; this one is full."
        ) % {"max": 10}
    assert full in page_messages(response)
    assert full in response.content.decode()
    late.refresh_from_db()
    assert late.status == Participation.Status.REQUESTED
    assert group.participations.filter(status=Participation.Status.CONFIRMED).count() == 10


def test_p2_steering_group_declines_a_sign_up(member_portal, member, group):
    steering = client_for(steering_member())
    sign_up(member_portal, group)
    participation = Participation.objects.get(member=member)
    response = decide(steering, participation, "decline")
    assert "Fatima Yilmaz is niet bevestigd." in page_messages(response)
    participation.refresh_from_db()
    assert participation.status == Participation.Status.DECLINED


def test_p2_member_cannot_confirm_or_change_the_phase(member_portal, member, group):
    other = ParticipationFactory(
        group=group, status=Participation.Status.REQUESTED, confirmed_on=None
    )
    assert decide(member_portal, other).status_code == 403
    other.refresh_from_db()
    assert other.status == Participation.Status.REQUESTED
    url = reverse("projectgroups:phase", args=[group.pk])
    assert member_portal.post(url, {"phase": "advising"}).status_code == 403
    detail = member_portal.get(reverse("projectgroups:detail", args=[group.pk])).content.decode()
    assert 'id="pending-signups"' not in detail
    assert url not in detail


def test_p2_advising_with_fewer_than_five_is_refused_on_the_page(steering_client, group):
    ParticipationFactory.create_batch(4, group=group)
    url = reverse("projectgroups:phase", args=[group.pk])
    response = steering_client.post(url, {"phase": "advising"}, follow=True)
    with translation.override("nl"):  # issue 16.5: in the members' words, no rule id
        few = translation.gettext(
            "Advising needs %(min)s to %(max)s members; this group has %(size)s."
        )
    assert few % {"min": 5, "max": 10, "size": 4} in page_messages(response)
    group.refresh_from_db()
    assert group.phase == ProjectGroup.Phase.THINKING_ALONG

    ParticipationFactory(group=group)
    response = steering_client.post(url, {"phase": "advising"}, follow=True)
    group.refresh_from_db()
    assert group.phase == ProjectGroup.Phase.ADVISING
    assert "Adviseren" in response.content.decode().split('id="group-phase"')[1][:80]


# --- P4: the group records its own way of working -------------------------------------


def test_p4_group_records_its_way_of_working(member_portal, member, group):
    ParticipationFactory(group=group, member=member)
    url = reverse("projectgroups:way-of-working", args=[group.pk])
    assert member_portal.get(url).status_code == 200
    data = {
        "way_of_working": "We spreken ervaringsdeskundigen in de wijk.",
        "external_support_hours": "6.5",
    }
    response = member_portal.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projectgroups:detail", args=[group.pk])
    html = response.content.decode()
    assert "We spreken ervaringsdeskundigen in de wijk." in html
    group.refresh_from_db()
    assert group.external_support_hours == 6.5

    outsider = client_for(MemberFactory().user)
    assert outsider.get(url).status_code == 403
    assert outsider.post(url, {**data, "way_of_working": "Gekaapt"}).status_code == 403
    group.refresh_from_db()
    assert group.way_of_working == "We spreken ervaringsdeskundigen in de wijk."


def test_p4_negative_support_hours_are_refused_and_nothing_saved(member_portal, member, group):
    ParticipationFactory(group=group, member=member)
    url = reverse("projectgroups:way-of-working", args=[group.pk])
    response = member_portal.post(url, {"way_of_working": "Nieuw", "external_support_hours": "-2"})
    assert response.status_code == 200
    assert response.context["form"].errors["external_support_hours"]
    group.refresh_from_db()
    assert group.way_of_working == ""


def test_p4_a_requested_member_is_not_yet_in_the_group(member_portal, member, group):
    sign_up(member_portal, group)
    url = reverse("projectgroups:way-of-working", args=[group.pk])
    assert member_portal.get(url).status_code == 403


# --- Who sees the members' names -------------------------------------------------------


def test_member_names_are_hidden_from_non_members(member_portal, member, group, steering_client):
    ParticipationFactory(group=group, member=MemberFactory(first_name="Henk", last_name="Groen"))
    url = reverse("projectgroups:detail", args=[group.pk])
    outsider_view = member_portal.get(url).content.decode()
    assert "Henk Groen" not in outsider_view
    assert "1 bevestigd lid" in outsider_view
    assert "Henk Groen" in steering_client.get(url).content.decode()

    ParticipationFactory(group=group, member=member)
    assert "Henk Groen" in member_portal.get(url).content.decode()


def test_meeting_notes_are_for_the_group_only(member_portal, member, group):
    group.meetings.create(
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Wijkcentrum De Wijert",
        notes="Vertrouwelijk: casus mevrouw K.",
    )
    url = reverse("projectgroups:detail", args=[group.pk])
    html = member_portal.get(url).content.decode()
    assert "Wijkcentrum De Wijert" in html
    assert "Vertrouwelijk" not in html
    ParticipationFactory(group=group, member=member)
    assert "Vertrouwelijk" in member_portal.get(url).content.decode()


# --- The steering group's overview of all trajectories --------------------------------


def test_trajectories_overview_is_for_steering_and_secretariat(
    member_portal, member_client, steering_client, secretariat_client, group
):
    assert member_portal.get(OVERVIEW).status_code == 403
    assert member_client.get(OVERVIEW).status_code == 403
    for client in (steering_client, secretariat_client):
        html = client.get(OVERVIEW).content.decode()
        assert "Wmo-ondersteuning thuis" in html
        assert group.name in html


def test_trajectories_overview_filters_by_status(steering_client, group):
    TrajectoryFactory(subject="Jeugdhulp naar WIJ", status=Status.WITHDRAWN, withdrawn_reason="x")
    response = steering_client.get(OVERVIEW, {"status": Status.WITHDRAWN})
    table = response.content.decode().split('id="trajectories"')[1]
    assert "Jeugdhulp naar WIJ" in table
    assert "Wmo-ondersteuning thuis" not in table
    response = steering_client.get(OVERVIEW, {"status": Status.GROUP_FORMED})
    assert "Jeugdhulp naar WIJ" not in response.content.decode()


def test_a5_overview_flags_near_deadlines_and_overdue_college_responses(steering_client, settings):
    settings.ASDG_RESPONSE_REMINDER_WEEKS = 8
    today = timezone.localdate()
    TrajectoryFactory(subject="Deadline dichtbij", deadline=today + datetime.timedelta(days=10))
    TrajectoryFactory(subject="Deadline ver weg", deadline=today + datetime.timedelta(days=60))
    adopted = {"adopted_on": today, "adoption_reference": "Brede bijeenkomst"}
    TrajectoryFactory(
        subject="Reactie te laat", status=Status.SENT, **adopted,
        sent_on=today - datetime.timedelta(weeks=9),
    )  # fmt: skip
    TrajectoryFactory(
        subject="Reactie op tijd", status=Status.SENT, **adopted,
        sent_on=today - datetime.timedelta(weeks=2),
    )  # fmt: skip
    html = steering_client.get(OVERVIEW).content.decode()
    rows = {row.split("</th>")[0].split(">")[-1]: row for row in html.split('<th scope="row">')[1:]}
    assert "Binnen 14 dagen" in rows["Deadline dichtbij"]
    assert "Binnen 14 dagen" not in rows["Deadline ver weg"]
    assert "Geen reactie van het college na 8 weken" in rows["Reactie te laat"]
    assert "Geen reactie van het college" not in rows["Reactie op tijd"]


# --- Query counts do not grow with the data -------------------------------------------


def _grow_groups(n):
    for _ in range(n):
        group = ProjectGroupFactory()
        ParticipationFactory.create_batch(2, group=group)
        ParticipationFactory(group=group, status=Participation.Status.REQUESTED, confirmed_on=None)


def test_list_query_count_is_flat(member_portal, member):
    def grow(n):
        _grow_groups(n)
        group = ProjectGroupFactory()
        ParticipationFactory(group=group, member=member)

    assert_queries_flat(lambda: member_portal.get(LIST), grow)


def test_detail_query_count_is_flat(steering_client, group):
    def grow(n):
        ParticipationFactory.create_batch(n, group=group)
        ParticipationFactory.create_batch(
            n, group=group, status=Participation.Status.REQUESTED, confirmed_on=None
        )
        for day in range(n):
            group.meetings.create(starts_at=timezone.now(), place=f"Zaal {day}")

    url = reverse("projectgroups:detail", args=[group.pk])
    assert_queries_flat(lambda: steering_client.get(url), grow)


def test_trajectories_overview_query_count_is_flat(steering_client):
    def grow(n):
        _grow_groups(n)
        TrajectoryFactory.create_batch(n)

    assert_queries_flat(lambda: steering_client.get(OVERVIEW), grow)


def test_attachments_download_for_the_group_only_when_not_public(client, member_client):
    from django.core.files.base import ContentFile

    from advices.models import Attachment

    group = ProjectGroupFactory()
    member = ParticipationFactory(group=group).member
    document = Attachment(
        trajectory=group.trajectory,
        title="Conceptnotitie",
        content_type="application/pdf",
        size=9,
        uploaded_by=member.user,
        public=False,
    )
    document.file.save("notitie.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    url = f"/portaal/projectgroepen/bijlage/{document.pk}/"
    assert member_client.get(url).status_code == 403  # not in the group
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert 'filename="Conceptnotitie.pdf"' in response.headers["Content-Disposition"]


def test_a5_overview_shows_this_years_advices_against_10_to_15(steering_client):
    year = timezone.localdate().year
    for n in range(16):
        TrajectoryFactory(received_on=datetime.date(year, 1, 1 + n))
    TrajectoryFactory(received_on=datetime.date(year - 1, 5, 1))
    page = steering_client.get("/portaal/projectgroepen/trajecten/").content.decode()
    with translation.override("nl"):  # issue 16.5: no rule id in the member's words
        capacity = translation.ngettext(
            "%(count)s advice in %(year)s; the group is sized for %(minimum)s to "
            "%(maximum)s a year.",
            "%(count)s advices in %(year)s; the group is sized for %(minimum)s to "
            "%(maximum)s a year.",
            16,
        ) % {"count": 16, "year": year, "minimum": 10, "maximum": 15}
    assert capacity in page and "A5" not in page
    assert "Meer dan waarop de groep is ingericht." in page


def test_p3_steering_group_chooses_monitoring_then_closes(steering_client):
    from tests.advices.factories import advance_to

    group = ProjectGroupFactory()
    advance_to(group.trajectory, Status.RESPONDED)
    url = f"/portaal/projectgroepen/{group.pk}/"
    page = steering_client.get(url).content.decode()
    assert "De projectgroep monitort het advies" in page
    steering_client.post(url + "traject/", {"action": "monitor_group"})
    group.refresh_from_db()
    assert group.phase == "monitoring"
    steering_client.post(url + "traject/", {"action": "close"})
    group.refresh_from_db()
    group.trajectory.refresh_from_db()
    assert (group.phase, group.trajectory.status) == ("dissolved", Status.CLOSED)


def test_p3_a_member_cannot_close_the_trajectory(member_client):
    group = ProjectGroupFactory()
    response = member_client.post(
        f"/portaal/projectgroepen/{group.pk}/traject/", {"action": "close"}
    )
    assert response.status_code == 403
