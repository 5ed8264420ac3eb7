"""The contact log (afstemming), the agreed rhythm, retention, the annual report's
contacts and who sees which contacts (issue 23)."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advices.models import Status
from asdg import dashboard
from asdg.annual_report import annual_report
from projectgroups.models import ProjectGroup
from projectgroups.services import projectgroup_update_way_of_working
from relations.models import ContactPerson, Organisation
from steering.models import ContactLogEntry
from steering.selectors.relations import (
    contact_figures,
    contacts_visible_to,
    lapsed_relations,
)
from steering.services.relations import contact_log_record, relations_retention_apply
from tests.advices.factories import TrajectoryFactory
from tests.members.factories import MemberFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.projectgroups.test_portal import client_for
from tests.relations.factories import ContactPersonFactory, OrganisationFactory
from tests.steering.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def log(day, *, organisations=(), persons=(), **links):
    return contact_log_record(
        data={"date": day, "subject": f"Overleg {day}", **links},
        ours=[MemberFactory()],
        organisations=organisations,
        contact_persons=persons,
        by=None,
    )


# --- 23.2 The contact log ----------------------------------------------------------------


def test_23_2_a_contact_is_with_someone():
    with pytest.raises(ValidationError) as refused:
        log(TODAY)
    assert "organisations" in refused.value.message_dict
    assert not ContactLogEntry.objects.exists()


def test_23_2_the_admin_asks_with_whom_on_the_field(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:steering_contactlogentry_add"),
        {"date": "2026-03-01", "ours": [MemberFactory().pk], "subject": "Overleg"},
    )
    assert response.status_code == 200
    assert "organisations" in response.context["adminform"].form.errors
    assert not ContactLogEntry.objects.exists()


def test_23_2_the_steering_group_logs_a_contact_in_the_admin(steering_client):
    organisation = OrganisationFactory()
    trajectory = TrajectoryFactory()
    consultation = ConsultationFactory(held_on=TODAY, planned_on=TODAY)
    response = steering_client.post(
        reverse("admin:steering_contactlogentry_add"),
        {
            "date": "2026-03-01", "ours": [MemberFactory().pk], "subject": "Overleg",
            "organisations": [organisation.pk], "trajectory": trajectory.pk,
            "consultation": consultation.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    entry = ContactLogEntry.objects.get()
    assert entry.recorded_by == steering_client.user
    assert list(entry.organisations.all()) == [organisation]
    assert entry.trajectory == trajectory and entry.consultation == consultation


def test_23_2_a_contact_in_the_future_is_refused():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as refused:
        log(timezone.localdate() + datetime.timedelta(days=1), organisations=[organisation])
    assert "date" in refused.value.message_dict


def test_23_2_trajectory_and_organisation_pages_show_their_contacts_in_time_order(
    secretariat_client,
):
    organisation = OrganisationFactory()
    person = ContactPersonFactory(organisation=organisation)
    trajectory = TrajectoryFactory()
    later = log(datetime.date(2026, 5, 1), organisations=[organisation], trajectory=trajectory)
    earlier = log(datetime.date(2026, 2, 1), persons=[person], trajectory=trajectory)
    log(datetime.date(2026, 3, 1), organisations=[OrganisationFactory()])  # someone else
    for url in (
        reverse("admin:advices_trajectory_change", args=[trajectory.pk]),
        reverse("admin:relations_organisation_change", args=[organisation.pk]),
    ):
        html = secretariat_client.get(url).content.decode()
        assert html.index(earlier.subject) < html.index(later.subject), url
        assert "Overleg 2026-03-01" not in html


# --- 23.4 The agreed rhythm ------------------------------------------------------------


def _dashboard_item(today):
    items = [item for section in dashboard.dashboard(today=today) for item in section.items]
    return next((item for item in items if item.key == "relations_lapsed"), None)


@pytest.mark.parametrize(("days_ago", "lapsed"), [(182, False), (183, True)])
def test_23_4_twice_a_year_lapses_the_day_after_182_days(days_ago, lapsed):
    organisation = OrganisationFactory(contacts_per_year=2)  # 365 // 2 = 182 days
    log(TODAY - datetime.timedelta(days=days_ago), organisations=[organisation])
    assert bool(lapsed_relations(TODAY)) is lapsed
    assert (_dashboard_item(TODAY) is not None) is lapsed


@pytest.mark.parametrize(("days_ago", "lapsed"), [(60, False), (61, True)])
def test_23_4_a_contact_with_one_of_its_people_counts_for_the_organisation(days_ago, lapsed):
    person = ContactPersonFactory(organisation=OrganisationFactory(contacts_per_year=6))
    log(TODAY - datetime.timedelta(days=days_ago), persons=[person])
    assert bool(lapsed_relations(TODAY)) is lapsed


def test_23_4_never_in_contact_is_lapsed_and_no_rhythm_is_never_flagged():
    with_rhythm = OrganisationFactory(contacts_per_year=1)
    OrganisationFactory(contacts_per_year=None)
    assert [lapsed.organisation for lapsed in lapsed_relations(TODAY)] == [with_rhythm]
    item = _dashboard_item(TODAY)
    assert item.key == "relations_lapsed" and len(item.examples) == 1


def test_23_4_a_contact_after_today_does_not_keep_the_rhythm():
    organisation = OrganisationFactory(contacts_per_year=2)
    log(TODAY - datetime.timedelta(days=200), organisations=[organisation])
    assert lapsed_relations(TODAY - datetime.timedelta(days=201)) != []  # never before then
    assert lapsed_relations(TODAY - datetime.timedelta(days=100)) == []


# --- 23.1 Retention ----------------------------------------------------------------------


def _old_person(**kwargs):
    person = ContactPersonFactory(**kwargs)
    long_ago = timezone.now() - datetime.timedelta(days=3000)
    ContactPerson.objects.filter(pk=person.pk).update(created_at=long_ago)
    return person


@pytest.mark.parametrize(("days_ago", "kept"), [(730, True), (731, False)])
def test_23_1_a_contact_person_goes_when_their_last_contact_is_past_the_retention(
    settings, days_ago, kept
):
    settings.ASDG_RELATIONS_RETENTION_DAYS = 730
    person = _old_person()
    log(TODAY - datetime.timedelta(days=days_ago), persons=[person])
    deleted = relations_retention_apply(today=TODAY)
    assert ContactPerson.objects.filter(pk=person.pk).exists() is kept
    assert deleted == (0 if kept else 1)
    assert ContactLogEntry.objects.count() == 1  # the log keeps the contact itself


def test_23_1_open_trajectories_active_groups_and_new_records_keep_a_person(settings):
    settings.ASDG_RELATIONS_RETENTION_DAYS = 730
    contact = _old_person()
    TrajectoryFactory(municipal_contact=contact, received_on=datetime.date(2020, 1, 1))
    officer = _old_person()
    ProjectGroupFactory(trajectory=TrajectoryFactory()).policy_officers.add(officer)
    new = ContactPersonFactory()
    forgotten = _old_person()
    assert relations_retention_apply(today=TODAY) == 1
    assert set(ContactPerson.objects.all()) == {contact, officer, new}
    assert not ContactPerson.objects.filter(pk=forgotten.pk).exists()


def test_23_1_the_daily_job_deletes_and_is_idempotent(settings):
    settings.ASDG_RELATIONS_RETENTION_DAYS = 730
    _old_person()
    out = StringIO()
    call_command("relations_daily", "--today", TODAY.isoformat(), stdout=out)
    call_command("relations_daily", "--today", TODAY.isoformat(), stdout=out)
    assert "1 contact persons deleted" in out.getvalue()
    assert "0 contact persons deleted" in out.getvalue()
    assert not ContactPerson.objects.exists()


# --- 23.5 The annual report -------------------------------------------------------------


def test_23_5_the_annual_report_counts_the_contacts_per_kind_without_names():
    body = OrganisationFactory(name="Cliëntenraad Groningen", kind=Organisation.Kind.PARTICIPATION)
    wij = OrganisationFactory(name="WIJ Groningen", kind=Organisation.Kind.CARE)
    person = ContactPersonFactory(organisation=wij, name="K. Postma")
    log(datetime.date(2025, 3, 1), organisations=[body])
    log(datetime.date(2025, 4, 1), organisations=[body, wij])  # counts for both kinds
    log(datetime.date(2025, 5, 1), persons=[person])  # counts for its organisation's kind
    log(datetime.date(2024, 5, 1), organisations=[body])  # another year
    figures = contact_figures(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    per_kind = dict(figures.per_kind)
    assert figures.total == 3
    assert per_kind[str(Organisation.Kind.PARTICIPATION.label)] == 2
    assert per_kind[str(Organisation.Kind.CARE.label)] == 2
    assert per_kind[str(Organisation.Kind.COUNCIL.label)] == 0
    assert figures.participation_bodies == ["Cliëntenraad Groningen"]
    context = annual_report(year=2025, today=TODAY)
    assert context["contacts"] == figures


def test_23_5_the_report_page_shows_the_counts_and_no_private_names(steering_client):
    wij = OrganisationFactory(name="WIJ Groningen", kind=Organisation.Kind.CARE)
    person = ContactPersonFactory(organisation=wij, name="K. Postma")
    log(datetime.date(2025, 5, 1), persons=[person])
    html = steering_client.get(
        reverse("annual_report:detail", kwargs={"year": 2025})
    ).content.decode()
    assert 'id="contacts-table"' in html
    assert "K. Postma" not in html


# --- 23.6 Who sees which contacts ------------------------------------------------------


@pytest.fixture
def two_groups():
    mine = ProjectGroupFactory()
    theirs = ProjectGroupFactory()
    own_contact = ContactPersonFactory(name="A. Eigen")
    mine.trajectory.municipal_contact = own_contact
    mine.trajectory.save()
    own_officer = ContactPersonFactory(name="B. Eigen")
    mine.policy_officers.add(own_officer)
    logged = ContactPersonFactory(name="C. Eigen")
    log(datetime.date(2026, 3, 1), persons=[logged], trajectory=mine.trajectory)
    other = ContactPersonFactory(name="D. Ander", role="programmamanager")
    theirs.policy_officers.add(other)
    member = MemberFactory()
    ParticipationFactory(group=mine, member=member)
    return mine, theirs, member, {own_contact, own_officer, logged}, other


def test_23_6_a_member_sees_only_their_own_groups_contacts(two_groups):
    mine, theirs, member, own, other = two_groups
    assert set(contacts_visible_to(member.user)) == own
    page = client_for(member.user).get(reverse("steering_relations:contacts"))
    html = page.content.decode()
    for person in own:
        assert person.name in html and person.role in html
    assert other.name not in html
    assert person.email not in html  # names and roles only


def test_23_6_the_other_groups_member_sees_theirs_not_mine(two_groups):
    mine, theirs, member, own, other = two_groups
    outsider = MemberFactory()
    ParticipationFactory(group=theirs, member=outsider)
    html = client_for(outsider.user).get(reverse("steering_relations:contacts")).content.decode()
    assert other.name in html
    assert not any(person.name in html for person in own)
    stranger = MemberFactory()  # in no group at all
    assert not contacts_visible_to(stranger.user).exists()


def test_23_6_steering_group_and_secretariat_see_the_whole_register(
    two_groups, steering_client, secretariat_client
):
    for client in (steering_client, secretariat_client):
        html = client.get(reverse("steering_relations:contacts")).content.decode()
        assert all(name in html for name in ("A. Eigen", "B. Eigen", "C. Eigen", "D. Ander"))


def test_23_6_group_page_shows_policy_officers_to_the_group_only(two_groups):
    mine, theirs, member, own, other = two_groups
    url = reverse("projectgroups:detail", args=[theirs.pk])
    assert "D. Ander" not in client_for(member.user).get(url).content.decode()
    mine_url = reverse("projectgroups:detail", args=[mine.pk])
    assert "B. Eigen" in client_for(member.user).get(mine_url).content.decode()


# --- 23.3 Policy officers from the register (P4) --------------------------------------


def test_p4_the_steering_group_chooses_policy_officers_from_the_register(steering_client):
    group = ProjectGroupFactory()
    officer = ContactPersonFactory()
    response = steering_client.post(
        reverse("projectgroups:way-of-working", args=[group.pk]),
        {"way_of_working": "", "external_support_hours": "0", "policy_officers": [officer.pk]},
    )
    assert response.status_code == 302
    assert list(group.policy_officers.all()) == [officer]


def test_p4_a_member_cannot_choose_policy_officers(two_groups):
    mine, theirs, member, own, other = two_groups
    url = reverse("projectgroups:way-of-working", args=[mine.pk])
    page = client_for(member.user).get(url)
    assert "policy_officers" not in page.context["form"].fields  # the register stays hidden
    client_for(member.user).post(
        url, {"way_of_working": "", "external_support_hours": "0", "policy_officers": [other.pk]}
    )
    assert other not in mine.policy_officers.all()
    with pytest.raises(PermissionDenied):
        projectgroup_update_way_of_working(
            group=mine, by=member.user, data={"policy_officers": [other]}
        )


def test_p4_the_admin_saves_a_groups_policy_officers(secretariat_client):
    trajectory = TrajectoryFactory()
    officer = ContactPersonFactory()
    response = secretariat_client.post(
        reverse("admin:projectgroups_projectgroup_add"),
        {
            "trajectory": trajectory.pk, "name": "Projectgroep X", "external_support_hours": "0",
            "policy_officers": [officer.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    group = ProjectGroup.objects.get()
    assert list(group.policy_officers.all()) == [officer]
    assert group.trajectory.status == Status.GROUP_FORMED
