"""Mail that is never lost (issue 15): the outbox, its worker, its admin.

Every mail is a django-post-office Email row written in the transaction that causes it;
the worker (members.services.outbox) delivers it with retries and back-off, one worker
at a time under a PostgreSQL advisory lock.
"""

import datetime
import threading
import time

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from post_office.models import STATUS, Email

from members.mail import mail_queue
from members.models import Application, Member
from members.services.outbox import outbox_deliver, outbox_prune
from tests.harness import deliver_outbox
from tests.members.factories import ApplicationFactory, UserFactory
from tests.members.test_review import admit_data, detail_url

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
DOWN = "tests.members.test_mail_outbox.MailServerDown"
SLOW = "tests.members.test_mail_outbox.SlowMailServer"
COUNTING = "tests.members.test_mail_outbox.CountingMailServer"


class MailServerDown(BaseEmailBackend):
    """An SMTP server that cannot be reached."""

    calls = 0

    def send_messages(self, email_messages):
        MailServerDown.calls += 1
        raise ConnectionRefusedError("mail server down")


class SlowMailServer(LocmemBackend):
    """A mail server that takes three seconds per message."""

    calls = 0

    def send_messages(self, messages):
        SlowMailServer.calls += 1
        time.sleep(3)
        return super().send_messages(messages)


class CountingMailServer(LocmemBackend):
    """locmem, a little slow, so that two workers would overlap if they could."""

    def send_messages(self, messages):
        time.sleep(0.01)
        return super().send_messages(messages)


def deliver_with(settings, backend: str) -> None:
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}
    outbox_deliver()


def make_due() -> None:
    """The back-off has passed."""
    Email.objects.filter(status=STATUS.requeued).update(
        scheduled_time=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_admission_is_saved_and_its_mail_sent_once_when_the_mail_server_is_back(
    settings, steering_client
):
    """SMTP down: the member is admitted, the set-password mail waits and goes once later."""
    application = ApplicationFactory(email="anna@example.org")
    response = steering_client.post(detail_url(application), admit_data())
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision == Application.Decision.ADMITTED
    assert Member.objects.filter(user__email="anna@example.org").exists()

    MailServerDown.calls = 0
    for _attempt in range(3):  # down for three rounds of the worker
        deliver_with(settings, DOWN)
        make_due()
    assert MailServerDown.calls == 3
    assert mail.outbox == []
    queued = Email.objects.get(to=["anna@example.org"])
    assert queued.status == STATUS.requeued
    assert (
        queued.logs.filter(status=STATUS.failed, exception_type="ConnectionRefusedError").count()
        == 3
    )

    deliver_with(settings, LOCMEM)  # the server is back
    deliver_with(settings, LOCMEM)  # and the worker runs again: nothing more
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert "/account/wachtwoord/herstellen/" in mail.outbox[0].body
    queued.refresh_from_db()
    assert queued.status == STATUS.sent


@pytest.mark.django_db
def test_password_reset_mail_survives_a_mail_server_outage(settings, client):
    UserFactory(email="bert@example.org")
    response = client.post("/account/wachtwoord/vergeten/", {"email": "bert@example.org"})
    assert response.status_code == 302
    deliver_with(settings, DOWN)
    assert mail.outbox == []
    make_due()
    deliver_with(settings, LOCMEM)
    assert [message.to for message in mail.outbox] == [["bert@example.org"]]


@pytest.mark.django_db
def test_retries_back_off_and_end_as_failed_in_the_admin(settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 3}
    mail_queue(EmailMessage(subject="Hallo", body="Tekst", to=["c@example.org"]))
    waits = []
    for _attempt in range(3):
        deliver_with(settings, DOWN)
        email = Email.objects.get()
        assert email.status == STATUS.requeued
        waits.append(email.scheduled_time - email.last_updated)
        make_due()
    # RETRY_INTERVAL (1 minute) doubled per attempt.
    assert waits == [datetime.timedelta(minutes=m) for m in (1, 2, 4)]
    deliver_with(settings, DOWN)
    assert Email.objects.get().status == STATUS.failed  # kept, shown, retried by hand
    deliver_with(settings, LOCMEM)
    assert mail.outbox == []  # a failed mail waits for the secretariat


@pytest.mark.django_db
def test_mail_of_a_rolled_back_change_is_never_queued():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue(EmailMessage(subject="Hallo", body="Tekst", to=["d@example.org"]))
        raise RuntimeError("the change fails")
    assert not Email.objects.exists()
    assert deliver_outbox() == []


@pytest.mark.django_db
def test_the_request_does_not_wait_for_the_mail_server(settings, client):
    """A mail server that takes 3 s per mail: the page answers at once, nothing was sent."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": SLOW}}
    SlowMailServer.calls = 0
    UserFactory(email="eva@example.org")
    started = time.monotonic()
    response = client.post("/account/wachtwoord/vergeten/", {"email": "eva@example.org"})
    assert time.monotonic() - started < 1.5
    assert response.status_code == 302
    assert SlowMailServer.calls == 0  # no delivery during the request
    assert Email.objects.get().status == STATUS.queued


@pytest.mark.django_db
def test_the_request_does_not_fail_when_the_mail_server_is_down(settings, steering_client):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": DOWN}}
    MailServerDown.calls = 0
    application = ApplicationFactory()
    response = steering_client.post(detail_url(application), admit_data())
    assert response.status_code == 302
    assert MailServerDown.calls == 0
    assert Email.objects.filter(status=STATUS.queued).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_send_one_mail_twice(settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": COUNTING}}
    addresses = [f"lid{n}@example.org" for n in range(30)]
    for address in addresses:
        mail_queue(EmailMessage(subject="Uitnodiging", body="Tekst", to=[address]))
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            for _round in range(3):
                outbox_deliver()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(message.to[0] for message in mail.outbox) == sorted(addresses)
    assert Email.objects.filter(status=STATUS.sent).count() == 30


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_finds_the_lock_taken_sends_nothing():
    mail_queue(EmailMessage(subject="Hallo", body="Tekst", to=["f@example.org"]))
    taken = threading.Event()
    release = threading.Event()

    def other_worker():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [0x4153_4447_4D41_494C])
            taken.set()
            release.wait(10)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [0x4153_4447_4D41_494C])
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    taken.wait(10)
    report = outbox_deliver()
    release.set()
    thread.join()
    assert not report.locked and mail.outbox == []
    assert outbox_deliver().sent == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_mail_worker_command_once():
    mail_queue(EmailMessage(subject="Hallo", body="Tekst", to=["g@example.org"]))
    call_command("mail_worker", "--once")
    assert [message.to for message in mail.outbox] == [["g@example.org"]]


@pytest.mark.django_db
def test_sent_mail_is_deleted_after_the_retention_period(settings):
    mail_queue(EmailMessage(subject="Oud", body="Tekst", to=["h@example.org"]))
    mail_queue(EmailMessage(subject="Wacht", body="Tekst", to=["i@example.org"]))
    deliver_with(settings, LOCMEM)
    mail_queue(EmailMessage(subject="Nieuw", body="Tekst", to=["j@example.org"]))
    later = timezone.now() + datetime.timedelta(days=settings.ASDG_MAIL_RETENTION_DAYS + 1)
    assert outbox_prune(now=later) == 2
    assert list(Email.objects.values_list("subject", flat=True)) == ["Nieuw"]  # not yet sent


# --- The admin ---------------------------------------------------------------------


@pytest.mark.django_db
def test_secretariat_sees_failed_mail_without_its_body_and_sends_it_again(
    settings, secretariat_client
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 0}
    mail_queue(EmailMessage(subject="Welkom", body="GEHEIME-LINK", to=["k@example.org"]))
    deliver_with(settings, DOWN)
    email = Email.objects.get()
    assert email.status == STATUS.failed
    changelist = reverse("admin:members_outgoingmail_changelist")

    page = secretariat_client.get(changelist, {"status": "failed"}).content.decode()
    assert "k@example.org" in page and "Welkom" in page
    detail = secretariat_client.get(
        reverse("admin:members_outgoingmail_change", args=[email.pk])
    ).content.decode()
    assert "ConnectionRefusedError" in detail
    attempt = email.logs.get()
    assert date_format(localtime(attempt.date), "DATETIME_FORMAT") in detail  # Dutch, local
    assert str(attempt.date.year) + "-" not in detail  # not the raw ISO timestamp
    assert "GEHEIME-LINK" not in detail  # a body may hold a reset link or art. 9 data

    response = secretariat_client.post(
        changelist, {"action": "send_again", "_selected_action": [email.pk]}
    )
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == STATUS.queued
    assert mail.outbox == []  # the admin only queues; the worker sends
    deliver_with(settings, LOCMEM)
    assert [message.to for message in mail.outbox] == [["k@example.org"]]


@pytest.mark.django_db
def test_steering_group_cannot_see_or_retry_the_outbox(steering_client):
    mail_queue(EmailMessage(subject="Welkom", body="Tekst", to=["l@example.org"]))
    email = Email.objects.get()
    changelist = reverse("admin:members_outgoingmail_changelist")
    assert steering_client.get(changelist).status_code == 403
    response = steering_client.post(
        changelist, {"action": "send_again", "_selected_action": [email.pk]}
    )
    assert response.status_code == 403


# --- Configuration and deployment ------------------------------------------------------


def test_every_mail_goes_through_the_outbox_in_the_project_settings():
    from asdg import settings as project

    assert project.EMAIL_BACKEND == "post_office.EmailBackend"
    assert project.POST_OFFICE["BACKENDS"]["default"] == project.EMAIL_CONFIG["EMAIL_BACKEND"]
    assert "post_office" not in project.POST_OFFICE["BACKENDS"]["default"]
    assert project.POST_OFFICE["MAX_RETRIES"] > 0


def test_the_mail_worker_runs_in_deployment_and_in_make_run():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    service = (root / "deploy" / "asdg-mail.service").read_text().splitlines()
    for line in (
        "ExecStart=/srv/asdg/.venv/bin/python manage.py mail_worker",
        "User=asdg",
        "EnvironmentFile=/etc/asdg/env",
        "Restart=always",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
    ):
        assert line in service
    makefile = (root / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") : makefile.index("\n## test")]
    assert "mail_worker" in run and "runserver" in run
    assert "asdg-mail" in (root / "README.md").read_text()


@pytest.mark.django_db
def test_a_sent_mail_is_never_queued_again_from_the_admin(settings, secretariat_client):
    mail_queue(EmailMessage(subject="Welkom", body="Tekst", to=["m@example.org"]))
    deliver_with(settings, LOCMEM)
    email = Email.objects.get()
    secretariat_client.post(
        reverse("admin:members_outgoingmail_changelist"),
        {"action": "send_again", "_selected_action": [email.pk]},
    )
    email.refresh_from_db()
    assert email.status == STATUS.sent
    deliver_with(settings, LOCMEM)
    assert len(mail.outbox) == 1
