"""Issue 16.1: the person's open tasks, first on the portal home, in the menu and the digest.

Each kind of task appears exactly when it is to be done and leaves the list once done.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advices.models import Status
from asdg.tasks import open_task_count, open_tasks
from finance.services import claim_reject
from members.models import MailPreference, Notification
from members.services import declaration_submit, term_extension_request
from projectgroups.services import draft_comment, draft_save
from steering.services.elections import ballot_cast
from steering.services.meetings import invitation_respond
from steering.services.subjects import subject_decline
from tests.advices.factories import advance_to
from tests.finance.factories import ExpenseClaimFactory
from tests.harness import assert_queries_flat, deliver_outbox, login_verified
from tests.members.factories import MemberFactory, secretary, steering_member
from tests.projectgroups.factories import ParticipationFactory
from tests.steering.factories import (
    CandidateFactory,
    ElectionFactory,
    InvitationFactory,
    PlenaryMeetingFactory,
    SubjectProposalFactory,
)

pytestmark = pytest.mark.django_db

NO = {"m5_council": False, "m5_employee": False, "m5_commercial": False, "m5_political": False}


def keys(user) -> set[str]:
    return {task.key for task in open_tasks(user=user)}


def declared(member):
    declaration_submit(member=member, year=timezone.localdate().year, answers=NO)
    return member


def test_m5_yearly_declaration_is_a_task_until_made():
    member = MemberFactory()
    assert "declaration" in keys(member.user)
    declared(member)
    assert "declaration" not in keys(member.user)


def test_s2_open_election_is_a_task_until_voted():
    member = declared(MemberFactory())
    election = ElectionFactory(seats=1)
    candidate = CandidateFactory(election=election)
    assert f"vote-{election.pk}" in keys(member.user)
    ballot_cast(election=election, member=member, candidate_ids=[candidate.pk])
    assert f"vote-{election.pk}" not in keys(member.user)


def test_the_kept_sql_asks_anew_for_each_member_and_moment():
    """Issue 20.2: the tasks' SQL is built once per worker (asdg.tasks._sql); the member,
    the moment and the day are filled in per request."""
    election = ElectionFactory(seats=1)
    CandidateFactory(election=election)
    undeclared, done = MemberFactory(), declared(MemberFactory())
    assert "declaration" in keys(undeclared.user)  # builds and keeps the SQL
    assert "declaration" not in keys(done.user)
    vote = f"vote-{election.pk}"
    assert vote in keys(done.user)
    before = election.voting_opens_at - datetime.timedelta(minutes=1)
    assert vote not in {task.key for task in open_tasks(user=done.user, now=before)}
    next_year = timezone.now() + datetime.timedelta(days=366)
    assert "declaration" in {task.key for task in open_tasks(user=done.user, now=next_year)}


def test_s6_unanswered_invitation_is_a_task_until_answered():
    member = declared(MemberFactory())
    meeting = PlenaryMeetingFactory()
    invitation = InvitationFactory(meeting=meeting, member=member)
    past = PlenaryMeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
    InvitationFactory(meeting=past, member=member)
    assert keys(member.user) == {f"rsvp-{meeting.pk}"}
    invitation_respond(invitation=invitation, response="yes", member=member)
    assert keys(member.user) == set()


def test_draft_of_my_group_is_a_task_until_i_comment_and_again_after_a_new_version():
    participation = ParticipationFactory(member=declared(MemberFactory()))
    group, user = participation.group, participation.member.user
    group.trajectory = advance_to(group.trajectory, Status.GROUP_FORMED)
    assert f"draft-{group.pk}" not in keys(user)  # nothing drafted yet
    data = {
        "introduction": "Het college vraagt advies.",
        "way_of_working": "",
        "considerations": "",
    }
    draft_save(group=group, by=secretary(), data=data, recommendations=[])  # now drafting
    assert f"draft-{group.pk}" in keys(user)
    draft_comment(group=group, by=user, section="introduction", text="Eens, maar korter.")
    assert f"draft-{group.pk}" not in keys(user)
    draft_save(
        group=group, by=secretary(), data={**data, "considerations": "Nieuw"}, recommendations=[]
    )
    assert f"draft-{group.pk}" in keys(user)


def test_draft_after_its_deadline_is_no_task():
    participation = ParticipationFactory(
        member=declared(MemberFactory()),
        group__trajectory__deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    group = participation.group
    group.trajectory = advance_to(group.trajectory, Status.GROUP_FORMED)
    data = {"introduction": "Tekst", "way_of_working": "", "considerations": ""}
    draft_save(group=group, by=secretary(), data=data, recommendations=[])
    assert keys(participation.member.user) == set()


def test_m9_refused_claim_is_a_task():
    member = declared(MemberFactory())
    claim = ExpenseClaimFactory(member=member)
    assert keys(member.user) == set()  # awaiting a decision: nothing for the member to do
    claim_reject(claim=claim, by=secretary(), reason="Geen bon van de reis")
    assert keys(member.user) == {f"claim-{claim.pk}"}


def test_m7_extension_is_a_task_in_the_last_months_until_requested():
    today = timezone.localdate()
    start = today.replace(year=today.year - 1) + datetime.timedelta(days=30)
    ending = declared(MemberFactory(start_date=start, term_years=1))
    assert "extension" in keys(ending.user)
    far = declared(MemberFactory(start_date=today - datetime.timedelta(days=30), term_years=4))
    assert "extension" not in keys(far.user)
    term_extension_request(member=ending, months=12, motivation="Ik wil graag door.")
    assert "extension" not in keys(ending.user)


def test_answered_subject_is_a_task():
    member = declared(MemberFactory())
    proposal = SubjectProposalFactory(proposer=member)
    assert keys(member.user) == set()
    subject_decline(proposal=proposal, reason="Staat al op de agenda.", by=steering_member())
    assert keys(member.user) == {f"subject-{proposal.pk}"}


def test_tasks_with_a_deadline_come_first_soonest_first():
    member = declared(MemberFactory())
    later = PlenaryMeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=40))
    sooner = PlenaryMeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=5))
    for meeting in (later, sooner):
        InvitationFactory(meeting=meeting, member=member)
    claim = ExpenseClaimFactory(member=member)
    claim_reject(claim=claim, by=secretary(), reason="Dubbel ingediend")
    ordered = [task.key for task in open_tasks(user=member.user)]
    assert ordered[:2] == [f"rsvp-{sooner.pk}", f"rsvp-{later.pk}"]
    assert ordered[-1] == f"claim-{claim.pk}"


@pytest.mark.parametrize("role", ["steering", "secretariat"])
def test_steering_and_secretariat_also_get_the_dashboards_items(role):
    MemberFactory()  # has not declared: the dashboard's M5 item holds
    user = steering_member() if role == "steering" else secretary()
    assert "dashboard-declarations_missing" in keys(user)


def test_a_member_does_not_get_the_dashboards_items():
    member = MemberFactory()
    MemberFactory()
    assert not {key for key in keys(member.user) if key.startswith("dashboard-")}


def test_portal_home_shows_the_tasks_first_with_a_button_that_does_it(client):
    member = MemberFactory()
    login_verified(client, member.user)
    page = client.get(reverse("portal")).content.decode()
    todo = page.index('id="te-doen"')
    assert todo < page.index('id="binnenkort"') < page.index('id="mijn-asdg"')
    assert 'data-task="declaration"' in page
    assert f'href="{reverse("membership:declaration")}"' in page[todo:]


def test_portal_home_says_plainly_that_there_is_nothing_to_do(client):
    member = declared(MemberFactory())
    login_verified(client, member.user)
    page = client.get(reverse("portal")).content.decode()
    assert 'id="todo-empty"' in page and "data-task=" not in page


def test_menu_counts_the_open_tasks(client):
    member = MemberFactory()
    InvitationFactory(meeting=PlenaryMeetingFactory(), member=member)
    login_verified(client, member.user)
    assert open_task_count(user=member.user) == 2
    page = client.get(reverse("membership:overview")).content.decode()
    assert 'class="menu-todo"' in page and f"{reverse('portal')}#te-doen" in page
    declared(member)
    client.get(reverse("portal"))  # the portal home recounts at once
    assert open_task_count(user=member.user) == 1


def test_portal_home_writes_the_menus_count_only_when_it_changed(client, monkeypatch):
    # Issue 20.2: a write to the shared cache is four queries in PostgreSQL; a read one.
    from asdg import tasks

    member = MemberFactory()
    login_verified(client, member.user)
    client.get(reverse("portal"))
    written = []
    monkeypatch.setattr(tasks.cache, "set", lambda *args, **kwargs: written.append(args))
    client.get(reverse("portal"))
    assert written == []
    declared(member)
    client.get(reverse("portal"))
    assert [value for _key, value, *_rest in written] == [len(open_tasks(user=member.user))]


def test_menu_shows_no_count_without_tasks(client):
    member = declared(MemberFactory())
    login_verified(client, member.user)
    assert 'class="menu-todo"' not in client.get(reverse("portal")).content.decode()


def test_weekly_digest_starts_with_the_open_tasks(django_capture_on_commit_callbacks):
    member = MemberFactory()
    member.user.mail_preference = MailPreference.WEEKLY
    member.user.save(update_fields=["mail_preference"])
    Notification.objects.create(user=member.user, topic="claim", subject="Declaratie", body="x")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    deliver_outbox()
    (digest,) = mail.outbox
    assert reverse("membership:declaration") in digest.body


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_portal_home_queries_stay_flat_at_10x_data(client, role, django_assert_max_num_queries):
    """Issue 16: the portal home asks as many queries with 10× data as with 1×, and few."""
    member = MemberFactory()
    user = member.user
    if role == "secretariat":
        user.groups.add(secretary().groups.get())
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    login_verified(client, user)
    decider = secretary()

    def grow(n):
        for _ in range(n):
            CandidateFactory(election=ElectionFactory(seats=1))
            InvitationFactory(meeting=PlenaryMeetingFactory(), member=member)
            participation = ParticipationFactory(member=member)
            participation.group.meetings.create(
                starts_at=timezone.now() + datetime.timedelta(days=3), place="Wijkcentrum"
            )
            claim_reject(claim=ExpenseClaimFactory(member=member), by=decider, reason="Geen bon")
            subject_decline(
                proposal=SubjectProposalFactory(proposer=member), reason="Nee", by=decider
            )

    assert_queries_flat(lambda: client.get(reverse("portal")), grow)
    # Issue 20.2: no BEGIN and COMMIT; issue 17.5 added one task kind (a vote in the room);
    # the task kinds are one query (asdg.tasks._rows), "Coming up" one and "My ASDG" one
    # (asdg.portal._coming, _mine).
    limit = 9 if role == "member" else 15
    with django_assert_max_num_queries(limit):
        client.get(reverse("portal"))


def test_apply_link_leaves_the_menu_once_logged_in(client):
    """Issue 16.5: "Aanmelden als lid" is for visitors, not for who is logged in."""
    apply_link = f'href="{reverse("apply:form")}"'
    assert apply_link in client.get(reverse("home")).content.decode()
    login_verified(client, MemberFactory().user)
    assert apply_link not in client.get(reverse("home")).content.decode()
