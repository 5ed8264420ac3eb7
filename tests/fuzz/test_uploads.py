"""Issue 9: every upload field is checked by its content and its size.

One test per upload field of the project (FileField in a model or form): a file whose
content is not what its name says, HTML called PDF, and a file over the limit
(settings.ASDG_MAX_UPLOAD_MB, lowered to 1 MB here) are refused with a message on that
field, and nothing is stored: no row, no file under MEDIA_ROOT.
"""

import datetime

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse

from advices.models import Attachment, CollegeResponse, Status
from finance.models import Booking, ExpenseClaim
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.advices.test_uploads import _change_form_data
from tests.finance.urls_expected_budget import sample_booking
from tests.fuzz.checks import OUR_APPS
from tests.fuzz.strategies import PDF_BYTES, upload
from tests.harness import login_verified
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

BAD_FILES = {
    "renamed-executable": ("stuk.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    "html-called-pdf": ("stuk.pdf", b"<!doctype html><script>alert(1)</script>"),
    "empty": ("stuk.pdf", b""),
    "oversize": ("stuk.pdf", None),
}
# Every upload field, as "app.Model.field" or "module.Form.field": the tests below.
UPLOAD_FIELDS = {
    "advices.Attachment.file": "test_advice_attachment_is_checked",
    "advices.CollegeResponse.document": "test_college_response_document_is_checked",
    "advices.admin.CollegeResponseForm.document": "test_college_response_action_document",
    "finance.ExpenseClaim.receipt": "test_claim_receipt_is_checked",
    "finance.Booking.receipt": "test_booking_receipt_is_checked",
    "steering.MeetingPaper.file": "test_meeting_paper_is_checked",
}


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.ASDG_MAX_UPLOAD_MB = 1


def _bad(kind):
    name, content = BAD_FILES[kind]
    return upload(name, content, limit_mb=1)


def _stored(settings):
    return sorted(path for path in settings.MEDIA_ROOT.glob("**/*") if path.is_file())


def _assert_refused(errors, kind):
    assert errors, "no message on the field"
    if kind == "oversize":
        assert any("1 MB" in message for message in errors), errors


def test_every_upload_field_has_its_test():
    found = set()
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.fields:
                if isinstance(field, models.FileField):
                    found.add(f"{model._meta.label}.{field.name}")
    from advices import admin as advices_admin
    from finance import forms as finance_forms

    for module in (advices_admin, finance_forms):
        for name, form in vars(module).items():
            model_form = getattr(getattr(form, "_meta", None), "model", None)
            if isinstance(form, type) and hasattr(form, "base_fields") and not model_form:
                for field_name, field in form.base_fields.items():
                    if isinstance(field, forms.FileField):
                        found.add(f"{module.__name__}.{name}.{field_name}")
    found.discard("finance.forms.ClaimForm.receipt")  # the claim's receipt (same test)
    assert found == set(UPLOAD_FIELDS), found ^ set(UPLOAD_FIELDS)
    assert all(name in globals() for name in UPLOAD_FIELDS.values())


@pytest.mark.parametrize("kind", BAD_FILES)
def test_advice_attachment_is_checked(secretariat_client, settings, kind):
    trajectory = TrajectoryFactory()
    url = reverse("admin:advices_trajectory_change", args=[trajectory.pk])
    data = _change_form_data(secretariat_client.get(url).context["adminform"].form, trajectory)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-title": "Bijlage",
            "attachments-0-file": _bad(kind),
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    inlines = response.context["inline_admin_formsets"]
    formset = next(f.formset for f in inlines if f.formset.prefix == "attachments")
    _assert_refused(formset.forms[0].errors.get("file"), kind)
    assert not Attachment.objects.exists()
    assert not _stored(settings)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_college_response_document_is_checked(secretariat_client, settings, kind):
    response_row = advance_to(TrajectoryFactory(), Status.RESPONDED).college_response
    before = CollegeResponse.objects.values().get(pk=response_row.pk)
    url = reverse("admin:advices_collegeresponse_change", args=[response_row.pk])
    data = {
        "received_on": str(response_row.received_on),
        "council_proposal_number": response_row.council_proposal_number or "RV-1",
        "council_proposal_date": str(response_row.council_proposal_date),
        "document": _bad(kind),
    }
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    _assert_refused(response.context["adminform"].form.errors.get("document"), kind)
    assert CollegeResponse.objects.values().get(pk=response_row.pk) == before
    assert not _stored(settings)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_college_response_action_document(secretariat_client, settings, kind):
    trajectory = advance_to(TrajectoryFactory(), Status.SENT)
    recommendations = list(trajectory.advice.recommendations.all())
    data = {
        "action": "record_college_response",
        "_selected_action": [trajectory.pk],
        "apply": "1",
        "council_proposal_number": "RV-2026-1",
        "council_proposal_date": "2026-01-05",
        "received_on": "2026-01-10",
        "document": _bad(kind),
    }
    for recommendation in recommendations:
        data[f"response_{recommendation.pk}"] = "adopted"
    url = reverse("admin:advices_trajectory_changelist")
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    _assert_refused(response.context["form"].errors.get("document"), kind)
    assert not CollegeResponse.objects.filter(trajectory=trajectory).exists()
    trajectory.refresh_from_db()
    assert trajectory.status == Status.SENT
    assert not _stored(settings)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_claim_receipt_is_checked(client, settings, kind):
    login_verified(client, MemberFactory().user)
    response = client.post(
        reverse("finance:claim-create"),
        {"date": "2021-03-01", "amount": "12,50", "description": "Trein", "receipt": _bad(kind)},
    )
    assert response.status_code == 200
    _assert_refused(response.context["form"].errors.get("receipt"), kind)
    assert not ExpenseClaim.objects.exists()
    assert not _stored(settings)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_booking_receipt_is_checked(secretariat_client, settings, kind):
    """Was unchecked: the admin stored any file as a booking's receipt (found by fuzzing)."""
    line = sample_booking().line
    count = Booking.objects.count()
    data = {
        "line": line.pk,
        "date": "2021-03-02",
        "amount": "10,00",
        "description": "Boek",
        "receipt": _bad(kind),
    }
    response = secretariat_client.post(reverse("admin:finance_booking_add"), data)
    assert response.status_code == 200
    _assert_refused(response.context["adminform"].form.errors.get("receipt"), kind)
    assert Booking.objects.count() == count
    assert not _stored(settings)


def test_good_files_are_still_accepted(secretariat_client, settings):
    line = sample_booking().line
    data = {
        "line": line.pk,
        "date": "2021-03-02",
        "amount": "10,00",
        "description": "Boek",
        "receipt": upload("bon.pdf", PDF_BYTES),
    }
    response = secretariat_client.post(reverse("admin:finance_booking_add"), data)
    assert response.status_code == 302
    assert Booking.objects.filter(description="Boek", date=datetime.date(2021, 3, 2)).exists()
    assert len(_stored(settings)) == 1


@pytest.mark.parametrize("kind", BAD_FILES)
def test_meeting_paper_is_checked(settings, kind):
    """Issue 17.1: a paper of an agenda item gets the same checks, on its file field."""
    from django.core.exceptions import ValidationError

    from steering.models import MeetingPaper
    from steering.services.papers import paper_add
    from tests.steering.factories import PlenaryMeetingFactory

    item = PlenaryMeetingFactory().agenda.first()
    before = _stored(settings)  # what other tests of this module left there
    with pytest.raises(ValidationError) as refused:
        paper_add(item=item, title="Stuk", file=_bad(kind), audience="members", by=None)
    _assert_refused(refused.value.message_dict.get("file"), kind)
    assert not MeetingPaper.objects.exists()
    assert _stored(settings) == before
