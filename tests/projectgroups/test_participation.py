"""M8: members without a project group, in the portal and in the September e-mail."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from projectgroups.models import Participation, ParticipationReminder, ProjectGroup
from tests.harness import assert_queries_flat, deliver_outbox
from tests.members.factories import MemberFactory, postcode_area
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
SEPTEMBER_DAY = f"{YEAR}-09-15"


@pytest.fixture
def groups():
    open_group = ProjectGroupFactory(
        name="Projectgroep Mantelzorg",
        trajectory__subject="Ondersteuning van mantelzorgers",
        workload="3 uur per maand",
        meeting_rhythm="Eens per vier weken",
    )
    closed = ProjectGroupFactory(name="Projectgroep Jeugdhulp", open_for_signup=False)
    dissolved = ProjectGroupFactory(
        name="Projectgroep Schulden",
        phase=ProjectGroup.Phase.DISSOLVED,
        dissolved_on=datetime.date(YEAR, 2, 1),
        open_for_signup=True,
    )
    return open_group, closed, dissolved


@pytest.fixture
def people(groups):
    open_group, closed, _dissolved = groups
    haren = postcode_area("9751", "Haren", "haren")
    idle = MemberFactory(
        first_name="Ilse", last_name="Zonder", postcode_area=haren,
        start_date=datetime.date(YEAR - 1, 3, 1), email="ilse@example.org",
    )  # fmt: skip
    active = MemberFactory(first_name="Bram", last_name="Actief", email="bram@example.org")
    ParticipationFactory(group=closed, member=active, confirmed_on=datetime.date(YEAR, 2, 1))
    # Signed up but never confirmed: that is not taking part.
    waiting = MemberFactory(first_name="Wim", last_name="Wachtend", email="wim@example.org")
    ParticipationFactory(group=open_group, member=waiting, status=Participation.Status.REQUESTED,
                         confirmed_on=None)  # fmt: skip
    # Ended last year: not a member this year.
    MemberFactory(
        first_name="Oud", last_name="Lid", start_date=datetime.date(YEAR - 4, 1, 1),
        ended_on=datetime.date(YEAR - 1, 12, 31), end_reason="term_ended",
    )  # fmt: skip
    return idle, active, waiting


def overview(client, **query):
    return client.get(reverse("participation:overview"), query)


def test_m8_overview_lists_members_without_a_group(steering_client, people):
    page = overview(steering_client).content.decode()
    assert "Ilse Zonder" in page and "Haren" in page and f"1 maart {YEAR - 1}" in page
    assert "Wim Wachtend" in page
    assert "Bram Actief" not in page
    assert "Oud Lid" not in page
    assert f"2 van de 3 leden die in {YEAR} zitting hadden" in page
    # The open groups they could join, listed once: not the closed or dissolved ones.
    assert page.count("Projectgroep Mantelzorg") == 1
    assert "Ondersteuning van mantelzorgers" in page and "Eens per vier weken" in page
    assert "Projectgroep Jeugdhulp" not in page
    assert "Projectgroep Schulden" not in page


def test_m8_overview_of_another_year(secretariat_client, people):
    _idle, active, _waiting = people
    ParticipationFactory(
        member=MemberFactory(first_name="Vorig", last_name="Jaar"),
        confirmed_on=datetime.date(YEAR, 1, 2),
    )
    page = overview(secretariat_client, jaar=YEAR - 1).content.decode()
    # Last year: Ilse and the member who ended then sat, and took part in nothing.
    assert "Ilse Zonder" in page and "Oud Lid" in page
    assert "Bram Actief" not in page and "Vorig Jaar" not in page
    assert f'<option value="{YEAR - 1}" selected>' in page


def test_m8_overview_refuses_an_unknown_year(steering_client):
    assert overview(steering_client, jaar="1999").status_code == 404
    assert overview(steering_client, jaar="abc").status_code == 404


def test_m8_overview_is_not_for_members(member_client, people):
    response = overview(member_client)
    assert response.status_code == 403
    assert "Ilse Zonder" not in response.content.decode()


def test_m8_overview_query_count_is_flat(steering_client):
    def grow(n):
        for _ in range(n):
            ProjectGroupFactory()
            MemberFactory(postcode_area=postcode_area("9711", "Oosterpoort"))
            ParticipationFactory()

    assert_queries_flat(lambda: overview(steering_client), grow)


def remind(*args):
    call_command("participation_reminder", *args, stdout=(out := _Out()))
    return out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_m8_reminder_dry_run_lists_and_sends_nothing(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = remind("--today", SEPTEMBER_DAY)
    deliver_outbox()
    assert "Ilse Zonder <ilse@example.org>" in out and "Wim Wachtend" in out
    assert "Bram Actief" not in out and "Oud Lid" not in out
    assert mail.outbox == []
    assert not ParticipationReminder.objects.exists()


def test_m8_reminder_mails_each_member_without_a_group_once(
    people, django_capture_on_commit_callbacks
):
    idle, _active, waiting = people
    with django_capture_on_commit_callbacks(execute=True):
        out = remind("--send", "--today", SEPTEMBER_DAY, "--site-url", "https://asdg.example")
    deliver_outbox()
    assert "2 participation reminders sent" in out
    assert sorted(message.to[0] for message in mail.outbox) == [idle.email, waiting.email]
    body = next(m for m in mail.outbox if m.to == [idle.email]).body
    assert "Beste Ilse" in body
    assert "Projectgroep Mantelzorg" in body and "Ondersteuning van mantelzorgers" in body
    assert "3 uur per maand" in body and "Eens per vier weken" in body
    assert "https://asdg.example/portaal/projectgroepen/" in body
    assert "Projectgroep Jeugdhulp" not in body and "Projectgroep Schulden" not in body

    # Cron runs again later in September: nobody gets it twice.
    with django_capture_on_commit_callbacks(execute=True):
        out = remind("--send", "--today", f"{YEAR}-09-16")
    deliver_outbox()
    assert "0 participation reminders sent" in out
    assert len(mail.outbox) == 2
    assert ParticipationReminder.objects.filter(year=YEAR).count() == 2


def test_m8_reminder_skips_members_who_left_before_september(
    groups, django_capture_on_commit_callbacks
):
    MemberFactory(
        email="weg@example.org", start_date=datetime.date(YEAR - 2, 1, 1),
        ended_on=datetime.date(YEAR, 6, 30), end_reason="resigned",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        remind("--send", "--today", SEPTEMBER_DAY)
    deliver_outbox()
    assert mail.outbox == []


def test_m8_reminder_sends_nothing_outside_september(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = remind("--send", "--today", f"{YEAR}-10-01")
    deliver_outbox()
    assert "not September" in out
    assert mail.outbox == []
    assert not ParticipationReminder.objects.exists()
    # --force runs it anyway (catching up).
    with django_capture_on_commit_callbacks(execute=True):
        remind("--send", "--force", "--today", f"{YEAR}-10-01")
    deliver_outbox()
    assert len(mail.outbox) == 2


def test_m8_reminder_without_open_groups_sends_nothing(django_capture_on_commit_callbacks):
    MemberFactory(email="ilse@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        out = remind("--send", "--today", SEPTEMBER_DAY)
    deliver_outbox()
    assert "no open project groups" in out
    assert mail.outbox == []
