"""Structured logs and audit events; nothing special-category ever reaches a log.

The main test runs a whole application (cultural background and lived experience
given) through apply -> decide -> admit, logs in and out, fails logins until the
lockout, is refused a page, ends a membership, and then greps every captured log
record for the special-category values and the application's free texts.
"""

import json
import logging
import sys

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from asdg.logging import JsonFormatter, redact
from members.audit import attempted_login, audit_event
from members.models import Application, Member
from members.models.common import CulturalBackground
from members.roles import MEMBER
from members.services import member_end
from tests.harness import deliver_outbox
from tests.members.factories import (
    PASSWORD,
    MemberFactory,
    RecruitmentRoundFactory,
    UserFactory,
    postcode_area,
    theme,
)

pytestmark = pytest.mark.django_db

BACKGROUND = CulturalBackground.OUTSIDE_EUROPE
LIVED_EXPERIENCE = "Dakloosheid"  # an experience theme: special-category here
MOTIVATION = "Ik wil meedenken vanuit mijn eigen ervaring met de schuldhulp."
NETWORK = "Inloophuis De Kansel, wijkteam Vinkhuizen"
DECISION_REASON = "Brengt ervaringskennis over dakloosheid mee."
END_NOTE = "Verhuisd naar een zorginstelling."


def secret_values() -> list[str]:
    values = [BACKGROUND.value, LIVED_EXPERIENCE, MOTIVATION, NETWORK, DECISION_REASON, END_NOTE]
    for language in ("nl", "en"):
        with translation.override(language):
            values.append(str(BACKGROUND.label))
    return values


@pytest.fixture
def every_logger_at_debug(caplog):
    """caplog at DEBUG for the root and every logger there is, except the SQL logger,
    which production pins at INFO (test_sql_is_never_logged proves that pin)."""
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        if not name.startswith("django.db.backends"):
            caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def json_lines(records) -> list[str]:
    formatter = JsonFormatter()
    return [formatter.format(record) for record in records]


def audit(records, event) -> list[dict]:
    return [r.audit for r in records if getattr(r, "audit", {}).get("event") == event]


def test_nothing_special_category_in_any_log_of_a_whole_application(
    every_logger_at_debug, steering_client, member_client, django_capture_on_commit_callbacks
):
    caplog = every_logger_at_debug
    postcode_area("9712", "Binnenstad", "city")
    RecruitmentRoundFactory()
    knowledge, lived = theme("Armoede", 5), theme(LIVED_EXPERIENCE, 7)
    applicant = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(
            reverse("apply:form"),
            {
                "first_name": "Amina",
                "last_name": "Yilmaz",
                "email": "amina@example.org",
                "phone": "",
                "street_address": "Herestraat 1",
                "postcode": "9712ab",
                "date_of_birth": "1979-06-12",
                "motivation": MOTIVATION,
                "network": NETWORK,
                "cultural_background": BACKGROUND.value,
                "knowledge_themes": [knowledge.pk],
                "experience_themes": [lived.pk],
                "special_consent": "on",
                "personal_capacity": "on",
                "m5_council": "no",
                "m5_employee": "no",
                "m5_commercial": "no",
                "m5_political": "no",
            },
        )
    deliver_outbox()
    assert response.status_code == 302
    application = Application.objects.get(email="amina@example.org")
    assert application.cultural_background == BACKGROUND  # the values really were there

    with django_capture_on_commit_callbacks(execute=True):
        response = steering_client.post(
            reverse("review:detail", kwargs={"pk": application.pk}),
            {
                "decision": "admitted",
                "reason": DECISION_REASON,
                "start_date": timezone.localdate().isoformat(),
                "term_years": "4",
            },
        )
    deliver_outbox()
    assert response.status_code == 302
    member = Member.objects.get(email="amina@example.org")
    assert list(member.experience_themes.all()) == [lived]

    # Logins: success, failure (an account; a typo), logout, and a lockout.
    account = UserFactory(role=MEMBER, email="piet@example.org")
    visitor = Client()
    login = reverse("accounts:login")
    visitor.post(login, {"username": account.email, "password": PASSWORD})
    visitor.post(reverse("accounts:logout"))
    visitor.post(login, {"username": account.email, "password": "wrong"})
    visitor.post(login, {"username": "pjet@exmaple.org", "password": "wrong"})
    locked = UserFactory(role=MEMBER, email="klaas@example.org")
    for _attempt in range(5):
        response = visitor.post(login, {"username": locked.email, "password": "wrong"})
    assert response.status_code == 429

    # Denied access: a member asks for the steering group's review list.
    assert member_client.get(reverse("review:list")).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        member_end(member=member, on=timezone.localdate(), reason="other", note=END_NOTE)
    deliver_outbox()

    records = caplog.records
    lines = json_lines(records)
    # Every line is one JSON object.
    for line in lines:
        assert isinstance(json.loads(line), dict)
        assert "\n" not in line
    # The audit events are there, with ids, not names.
    decided = audit(records, "application.decided")
    assert decided == [
        {
            "event": "application.decided",
            "application": f"members.application:{application.pk}",
            "decision": "admitted",
            "by": f"members.user:{steering_client.user.pk}",
            "member": f"members.member:{member.pk}",
        }
    ]
    assert audit(records, "auth.login")[-1]["user"] == f"members.user:{account.pk}"
    assert audit(records, "auth.logout")[-1]["user"] == f"members.user:{account.pk}"
    failed = audit(records, "auth.login_failed")
    assert failed[0]["account"] == f"members.user:{account.pk}"
    assert failed[1]["account"] is None and len(failed[1]["username_hash"]) == 16
    assert audit(records, "auth.lockout")[0]["account"] == f"members.user:{locked.pk}"
    denied = audit(records, "access.denied")
    assert denied[-1]["path"] == reverse("review:list")
    assert denied[-1]["user"] == f"members.user:{member_client.user.pk}"
    assert audit(records, "membership.ended")[0]["member"] == f"members.member:{member.pk}"

    # And nothing special-category or free text, in any record.
    everything = "\n".join(lines + [r.getMessage() for r in records])
    assert "pjet@exmaple.org" not in everything  # a typed username that is no account
    leaked = [value for value in secret_values() if value.lower() in everything.lower()]
    assert not leaked, f"in the logs: {leaked}"


def test_sql_is_never_logged(caplog):
    # With query logging switched on (as DEBUG does), the SQL logger still says nothing:
    # the settings pin it at INFO, so values in queries never reach a log.
    caplog.set_level(logging.DEBUG)
    connection.force_debug_cursor = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s", [BACKGROUND.value])
    finally:
        connection.force_debug_cursor = False
    assert not [r for r in caplog.records if r.name.startswith("django.db")]
    assert logging.getLogger("django.db.backends").getEffectiveLevel() >= logging.INFO


def test_a_failed_insert_does_not_put_the_row_in_the_log():
    # PostgreSQL repeats a refused row's values ("Failing row contains (...)"); the JSON
    # formatter blanks them, also in the traceback.
    member = MemberFactory()
    try:
        with transaction.atomic():
            Member.objects.filter(pk=member.pk).update(
                cultural_background=BACKGROUND.value, special_consent_at=None
            )
    except IntegrityError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            ("/x/",), sys.exc_info(),
        )  # fmt: skip
    else:
        pytest.fail("the consent constraint should refuse this row")
    assert "Failing row contains" in record.exc_info[1].args[0]
    line = JsonFormatter().format(record)
    assert BACKGROUND.value not in line
    assert "Failing row contains (…)" in line


def test_redact_blanks_key_values():
    message = "DETAIL:  Key (email)=(amina@example.org) already exists."
    assert redact(message) == "DETAIL:  Key (email)=(…) already exists."


def test_error_mail_to_admins_shows_no_posted_values(client, settings, monkeypatch):
    # A 500 while applying: the report to ADMINS names the posted fields, not their values.
    settings.ADMINS = [("Beheer", "beheer@example.org")]
    postcode_area("9712")
    RecruitmentRoundFactory()

    def crash(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("members.apply_views.application_submit", crash)
    client.raise_request_exception = False
    response = client.post(
        reverse("apply:form"),
        {
            "first_name": "Amina", "last_name": "Yilmaz", "email": "amina@example.org",
            "street_address": "Herestraat 1", "postcode": "9712ab",
            "date_of_birth": "1979-06-12", "motivation": MOTIVATION, "network": NETWORK,
            "cultural_background": BACKGROUND.value, "special_consent": "on",
            "personal_capacity": "on", "m5_council": "no", "m5_employee": "no",
            "m5_commercial": "no", "m5_political": "no",
        },
    )  # fmt: skip
    assert response.status_code == 500
    deliver_outbox()
    assert len(mail.outbox) == 1
    alternatives = getattr(mail.outbox[0], "alternatives", [])  # none: plain text only
    report = mail.outbox[0].body + "".join(str(a[0]) for a in alternatives)
    assert "cultural_background" in report  # the field is named ...
    for value in (MOTIVATION, NETWORK, "amina@example.org", "Herestraat"):
        assert value not in report  # ... its value is not


def test_audit_event_logs_models_as_references(caplog):
    caplog.set_level(logging.INFO, logger="asdg.audit")
    member = MemberFactory()
    audit_event("example.happened", member=member, count=2, note=None)
    (record,) = caplog.records
    assert record.audit == {
        "event": "example.happened",
        "member": f"members.member:{member.pk}",
        "count": 2,
        "note": None,
    }
    line = json.loads(JsonFormatter().format(record))
    assert line["audit"] == record.audit
    assert line["logger"] == "asdg.audit" and line["level"] == "INFO"
    assert line["time"].endswith("+00:00")


def test_attempted_login_names_accounts_and_hashes_the_rest():
    account = UserFactory(email="anna@example.org")
    assert attempted_login("ANNA@example.org") == {"account": f"members.user:{account.pk}"}
    unknown = attempted_login("hunter2-my-password")
    assert unknown["account"] is None
    assert "hunter2" not in json.dumps(unknown)
    assert attempted_login("hunter2-my-password") == unknown  # the same text, the same hash
