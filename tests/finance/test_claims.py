"""M9: expense claims — submitted by a member, decided by the secretariat, booked once."""

import datetime
import threading
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import URLPattern, get_resolver, reverse

from finance.models import Booking, BudgetYear, ExpenseClaim
from finance.services import claim_approve, claim_reject, claim_submit, claim_withdraw
from tests.finance.factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES, ExpenseClaimFactory
from tests.harness import assert_queries_flat, deliver_outbox, login_verified
from tests.members.factories import MemberFactory, secretary, steering_member

pytestmark = pytest.mark.django_db

DAY = datetime.date(2021, 3, 1)


def _pdf(name="bon.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _submit(member, amount="12.50", date=DAY, receipt=None, description="Treinkaartje"):
    return claim_submit(
        member=member, date=date, amount=Decimal(amount), description=description,
        receipt=receipt or _pdf(),
    )  # fmt: skip


def _client_of(client, member):
    login_verified(client, member.user)
    return client


# --- Submitting ----------------------------------------------------------------------


def test_m9_member_claims_in_the_portal_with_a_receipt(client):
    member = MemberFactory()
    _client_of(client, member)
    response = client.post(
        reverse("finance:claim-create"),
        {"date": "2021-03-01", "amount": "12,50", "description": "Trein", "receipt": _pdf()},
    )
    claim = ExpenseClaim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:claim-detail", args=[claim.pk])
    assert (claim.member, claim.amount, claim.status) == (member, Decimal("12.50"), "submitted")
    assert claim.receipt.name.startswith("claims/") and claim.receipt_content_type == (
        "application/pdf"
    )
    assert claim.receipt.read() == PDF_BYTES
    listing = client.get(reverse("finance:claims")).content.decode()
    assert "Trein" in listing and "€ 12,50" in listing


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("bon.pdf", PDF_BYTES, True),
        ("bon.jpg", JPEG_BYTES, True),
        ("bon.jpeg", JPEG_BYTES, True),
        ("bon.png", PNG_BYTES, True),
        ("bon.pdf", b"<html><script>alert(1)</script></html>", False),  # not a PDF inside
        ("bon.pdf", PNG_BYTES, False),  # a PNG named .pdf
        ("bon.exe", b"MZ\x90\x00" + b"\x00" * 20, False),
        ("bon.png", JPEG_BYTES, False),
    ],
)
def test_m9_receipts_are_checked_by_their_content(name, content, accepted):
    member = MemberFactory()
    if accepted:
        assert _submit(member, receipt=SimpleUploadedFile(name, content)).pk
        return
    with pytest.raises(ValidationError) as error:
        _submit(member, receipt=SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert "receipt" in error.value.message_dict
    assert not ExpenseClaim.objects.exists()


def test_m9_receipts_are_size_limited(client, settings):
    settings.ASDG_MAX_UPLOAD_MB = 1
    member = MemberFactory()
    _client_of(client, member)
    too_big = _pdf(content=PDF_BYTES + b"0" * (1024 * 1024))
    response = client.post(
        reverse("finance:claim-create"),
        {"date": "2021-03-01", "amount": "12,50", "description": "Trein", "receipt": too_big},
    )
    assert response.status_code == 200
    assert "receipt" in response.context["form"].errors
    assert not ExpenseClaim.objects.exists()


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("amount", {"amount": "0"}),
        ("amount", {"amount": "-5"}),
        ("date", {"date": datetime.date(2099, 1, 1)}),
        ("date", {"date": datetime.date(1999, 1, 1)}),  # no budget for 1999
        ("description", {"description": "  "}),
    ],
)
def test_m9_a_bad_claim_is_refused_on_its_field(field, kwargs):
    with pytest.raises(ValidationError) as error:
        _submit(MemberFactory(), **kwargs)
    assert field in error.value.message_dict
    assert not ExpenseClaim.objects.exists()


def test_m9_a_closed_year_takes_no_claims():
    BudgetYear.objects.filter(year=2021).update(closed=True)
    with pytest.raises(ValidationError) as error:
        _submit(MemberFactory())
    assert "date" in error.value.message_dict


def test_m9_money_is_never_float_and_rounds_half_up():
    with pytest.raises(TypeError):
        claim_submit(member=MemberFactory(), date=DAY, amount=12.5, description="x", receipt=_pdf())
    assert _submit(MemberFactory(), amount="12.345").amount == Decimal("12.35")


def test_m9_the_database_refuses_a_claim_of_zero():
    with pytest.raises(IntegrityError, match="m9_claim_amount_positive"), transaction.atomic():
        ExpenseClaimFactory(amount=Decimal("0"))


def test_m9_a_submitted_claim_never_changes():
    claim = _submit(MemberFactory())
    with pytest.raises(IntegrityError, match="finance_claim_final"), transaction.atomic():
        ExpenseClaim.objects.filter(pk=claim.pk).update(amount=Decimal("99.00"))
    claim_reject(claim=claim, by=secretary(), reason="Geen onkosten voor de ASDG")
    with pytest.raises(IntegrityError, match="finance_claim_final"), transaction.atomic():
        ExpenseClaim.objects.filter(pk=claim.pk).update(status="submitted")


# --- Deciding ------------------------------------------------------------------------


def test_m9_approval_books_the_claim_on_the_expense_line_once(django_capture_on_commit_callbacks):
    member = MemberFactory(first_name="Fatima")
    claim = _submit(member, amount="12.50")
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_approve(claim=claim, by=secretary())
    deliver_outbox()
    booking = Booking.objects.get()
    assert claim.status == "approved" and claim.booking == booking
    assert claim.decided_by is not None and claim.decided_at is not None
    assert booking.line.kind == "expenses" and booking.line.budget_year.year == 2021
    assert (booking.amount, booking.date, booking.source) == (Decimal("12.50"), DAY, "claim")
    assert booking.source_key == f"claim:{claim.pk}"
    with pytest.raises(ValidationError):
        claim_approve(claim=claim, by=secretary())
    assert Booking.objects.count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    assert "Treinkaartje" in mail.outbox[0].body and "€ 12,50" in mail.outbox[0].body


def test_m9_rejection_needs_a_reason_and_tells_the_member(django_capture_on_commit_callbacks):
    claim = _submit(MemberFactory())
    with pytest.raises(ValidationError) as error:
        claim_reject(claim=claim, by=secretary(), reason="  ")
    assert "reason" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_reject(claim=claim, by=secretary(), reason="Geen bon van de reis")
    deliver_outbox()
    assert claim.status == "rejected" and not Booking.objects.exists()
    assert "Geen bon van de reis" in mail.outbox[0].body


def test_m9_the_database_refuses_a_rejection_without_reason():
    claim = ExpenseClaimFactory()
    with (
        pytest.raises(IntegrityError, match="m9_rejected_claim_has_a_reason"),
        transaction.atomic(),
    ):
        ExpenseClaim.objects.filter(pk=claim.pk).update(
            status="rejected",
            decided_by=secretary(),
            decided_at=datetime.datetime.now(datetime.UTC),
        )


def test_m9_only_the_secretariat_decides():
    claim = _submit(MemberFactory())
    for user in (steering_member(), claim.member.user):
        with pytest.raises(PermissionDenied):
            claim_approve(claim=claim, by=user)
        with pytest.raises(PermissionDenied):
            claim_reject(claim=claim, by=user, reason="Nee")
    assert ExpenseClaim.objects.get().status == "submitted"


def test_m9_a_claim_over_the_yearly_allowance_is_flagged_not_refused():
    member = MemberFactory()
    claim_approve(claim=_submit(member, amount="40.00"), by=secretary())
    within = _submit(member, amount="10.00")  # € 50 − € 40 = € 10 left
    over = _submit(member, amount="10.01")
    assert not within.over_allowance and over.over_allowance
    claim_approve(claim=within, by=secretary())
    # Recorded again at the decision: nothing is left now, and it is approved anyway.
    over = claim_approve(claim=over, by=secretary())
    assert over.status == "approved" and over.over_allowance
    assert not _submit(MemberFactory(), amount="50.00").over_allowance  # another member


def test_m9_the_allowance_is_the_lines_per_member_amount_of_that_year():
    year = BudgetYear.objects.create(year=2022)
    year.lines.create(
        name="Onkosten", kind="expenses", basis="per_member",
        unit_amount=Decimal("75.00"), assumed_members=40,
    )  # fmt: skip
    member = MemberFactory()
    assert not _submit(member, amount="75.00", date=datetime.date(2022, 5, 1)).over_allowance
    assert _submit(member, amount="50.01").over_allowance  # 2021: € 50


def test_m9_member_withdraws_a_submitted_claim_only():
    member = MemberFactory()
    claim = claim_withdraw(claim=_submit(member), member=member)
    assert claim.status == "withdrawn"
    with pytest.raises(ValidationError):
        claim_withdraw(claim=claim, member=member)
    with pytest.raises(PermissionDenied):
        claim_withdraw(claim=_submit(member), member=MemberFactory())


@pytest.mark.django_db(transaction=True)
def test_m9_two_approvals_at_once_book_the_claim_once():
    # Transactional tests flush the data migration's 2021 budget: load it again.
    import_module("finance.migrations.0003_budget_2021").load(apps, None)
    claim = _submit(MemberFactory())
    deciders = [secretary(), secretary()]
    barrier = threading.Barrier(2)
    errors = []

    def approve(by):
        try:
            barrier.wait()
            claim_approve(claim=claim, by=by)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(by,)) for by in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Booking.objects.filter(source_key=f"claim:{claim.pk}").count() == 1
    assert ExpenseClaim.objects.get().status == "approved"
    assert len(errors) == 1


# --- Pages ---------------------------------------------------------------------------


def _namespace(patterns, name):
    """The URLResolver of namespace `name`, also inside i18n_patterns' language prefix."""
    for pattern in patterns:
        if getattr(pattern, "namespace", None) == name:
            return pattern
        found = _namespace(getattr(pattern, "url_patterns", []), name)
        if found is not None:
            return found
    return None


def _claim_urls():
    """Every URL pattern of the claims area that names one claim."""
    finance = _namespace(get_resolver().url_patterns, "finance")
    names = [
        p.name
        for p in finance.url_patterns
        if isinstance(p, URLPattern) and "pk" in p.pattern.regex.groupindex
    ]
    assert {"claim-detail", "claim-receipt", "claim-withdraw", "claim-decide"} <= set(names)
    return names


def test_m9_another_member_cannot_see_or_change_a_claim_idor(client):
    """Every claim URL, GET and POST: someone else's claim is not found; nothing changes."""
    claim = _submit(MemberFactory(), description="Reiskosten Anna")
    _client_of(client, MemberFactory())
    for name in _claim_urls():
        url = reverse(f"finance:{name}", kwargs={"pk": claim.pk})
        get = client.get(url)
        assert get.status_code in (404, 405), (name, get.status_code)
        assert b"Reiskosten Anna" not in get.content
        post = client.post(url, {"decision": "approve", "reason": "x"})
        assert post.status_code in (403, 404, 405), (name, post.status_code)
        assert post.status_code != 405 or get.status_code == 404, name
    claim.refresh_from_db()
    assert claim.status == "submitted" and not Booking.objects.exists()
    listing = client.get(reverse("finance:claims")).content.decode()
    assert "Reiskosten Anna" not in listing


def test_m9_the_steering_group_does_not_see_claims_or_receipts(steering_client):
    claim = _submit(MemberFactory())
    for name in _claim_urls():
        url = reverse(f"finance:{name}", kwargs={"pk": claim.pk})
        assert steering_client.get(url).status_code in (404, 405)
        assert steering_client.post(url, {"decision": "approve"}).status_code in (404, 405)
    assert ExpenseClaim.objects.get().status == "submitted"


def test_m9_receipt_is_downloaded_by_its_owner_and_the_secretariat(client, secretariat_client):
    member = MemberFactory()
    claim = _submit(member, receipt=SimpleUploadedFile("foto.png", PNG_BYTES))
    url = reverse("finance:claim-receipt", args=[claim.pk])
    for who in (_client_of(client, member), secretariat_client):
        response = who.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == PNG_BYTES
    client.logout()
    assert client.get(url).status_code == 302  # to the login


def test_m9_a_receipt_missing_on_disk_is_a_404_not_a_traceback(secretariat_client):
    claim = _submit(MemberFactory(), receipt=SimpleUploadedFile("foto.png", PNG_BYTES))
    claim.receipt.storage.delete(claim.receipt.name)
    response = secretariat_client.get(reverse("finance:claim-receipt", args=[claim.pk]))
    assert response.status_code == 404


def test_m9_the_member_sees_status_and_withdraws_in_the_portal(client):
    member = MemberFactory()
    claim = _submit(member)
    _client_of(client, member)
    detail = client.get(reverse("finance:claim-detail", args=[claim.pk])).content.decode()
    assert 'id="withdraw"' in detail and 'id="decision-heading"' not in detail
    response = client.post(reverse("finance:claim-withdraw", args=[claim.pk]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "withdrawn"


def test_m9_secretariat_reviews_and_decides_in_the_portal(secretariat_client):
    member = MemberFactory()
    claim_approve(claim=_submit(member, amount="45.00"), by=secretary())
    over = _submit(member, amount="20.00")
    review = secretariat_client.get(reverse("finance:claim-review")).content.decode()
    assert "€ 20,00" in review and "over-allowance" in review
    detail = secretariat_client.get(reverse("finance:claim-detail", args=[over.pk]))
    assert 'id="over-allowance"' in detail.content.decode()
    decide = reverse("finance:claim-decide", args=[over.pk])
    no_reason = secretariat_client.post(decide, {"decision": "reject", "reason": ""})
    assert no_reason.status_code == 200 and "reason" in no_reason.context["decision_form"].errors
    response = secretariat_client.post(decide, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    over.refresh_from_db()
    assert over.status == "approved" and over.booking.amount == Decimal("20.00")


def test_an_account_without_membership_gets_a_friendly_page(member_client):
    assert member_client.get(reverse("finance:claims")).status_code == 200
    response = member_client.get(reverse("finance:claim-create"))
    assert response.status_code == 200
    assert "finance/claims/no_membership.html" in [t.name for t in response.templates]


def test_portal_links_to_my_claims_and_the_queue(client, secretariat_client):
    """Issue 16: the portal's money card; a refused claim is among the tasks (tests/asdg)."""
    member = MemberFactory()
    _submit(member, description="Parkeerkosten stadhuis")
    _client_of(client, member)
    home = client.get(reverse("portal")).content.decode()
    assert reverse("finance:claims") in home and reverse("finance:claim-create") in home
    assert 'id="claims-awaiting-link"' not in home
    queue = secretariat_client.get(reverse("portal")).content.decode()
    assert 'id="claims-awaiting-link"' in queue and reverse("finance:claim-review") in queue


def test_claims_list_queries_stay_flat(client):
    member = MemberFactory()
    _client_of(client, member)
    assert_queries_flat(
        lambda: client.get(reverse("finance:claims")),
        lambda n: ExpenseClaimFactory.create_batch(n, member=member),
    )


def test_claims_review_queries_stay_flat(secretariat_client):
    assert_queries_flat(
        lambda: secretariat_client.get(reverse("finance:claim-review")),
        lambda n: ExpenseClaimFactory.create_batch(n),
    )
