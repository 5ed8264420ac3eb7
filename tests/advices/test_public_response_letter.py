"""Issue 19.1: everything the college sent is linked from the public advice page (A3, A4)."""

import datetime
import subprocess
import warnings

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from advices.models import CollegeResponse, Status
from advices.services import advice_unpublish
from tests.advices.public_factories import published_advice

pytestmark = pytest.mark.django_db

LETTER = b"%PDF-1.4\n% de reactie van het college\n"
URL = "https://raad.example.org/vergaderingen/rv-2026-140"


def _respond(trajectory, *, document=True, url=URL):
    return CollegeResponse.objects.create(
        trajectory=trajectory,
        received_on=datetime.date(2026, 3, 1),
        council_proposal_number="RV 2026-140",
        council_proposal_date=datetime.date(2026, 2, 20),
        council_proposal_url=url,
        document=ContentFile(LETTER, name="reactie.pdf") if document else "",
    )


def _page(client, trajectory) -> str:
    url = reverse("advices_public:detail", kwargs={"slug": trajectory.slug})
    return client.get(url).content.decode()


def test_a3_the_response_letter_and_the_council_proposal_are_linked(client):
    trajectory = published_advice(Status.SENT, slug="werk-2026")
    _respond(trajectory)
    page = _page(client, trajectory)
    letter_url = reverse("advices_public:response-letter", kwargs={"slug": "werk-2026"})
    assert f'href="{letter_url}"' in page
    assert f'<a href="{URL}" rel="external">' in page
    response = client.get(letter_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == LETTER
    assert "reactie-college-werk-2026.pdf" in response["Content-Disposition"]


def test_a3_without_an_address_or_a_letter_nothing_is_linked(client):
    trajectory = published_advice(Status.SENT, slug="werk-2026")
    _respond(trajectory, document=False, url="")
    page = _page(client, trajectory)
    assert "RV 2026-140" in page
    assert 'id="response-letter"' not in page and 'rel="external"' not in page
    letter_url = reverse("advices_public:response-letter", kwargs={"slug": "werk-2026"})
    assert client.get(letter_url).status_code == 404


def test_a4_the_response_letter_of_an_unpublished_advice_is_not_served(client):
    trajectory = published_advice(Status.SENT, slug="werk-2026")
    _respond(trajectory)
    advice_unpublish(trajectory=trajectory, by=None)
    letter_url = reverse("advices_public:response-letter", kwargs={"slug": "werk-2026"})
    assert client.get(letter_url).status_code == 404


def test_a3_the_letter_pdf_lists_the_response_letter_as_an_appendix(client, tmp_path):
    trajectory = published_advice(Status.SENT, slug="werk-2026")
    pdf_url = reverse("advices_public:pdf", kwargs={"slug": "werk-2026"})
    before = client.get(pdf_url).content
    _respond(trajectory)
    content = client.get(pdf_url).content
    assert content != before  # the stored letter of the publication is not reused
    path = tmp_path / "advies.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "RV 2026-140" in " ".join(text.split())


def test_council_proposal_url_must_be_https_with_a_message_on_the_field():
    trajectory = published_advice(Status.SENT, slug="werk-2026")
    response = CollegeResponse(
        trajectory=trajectory,
        received_on=datetime.date(2026, 3, 1),
        council_proposal_number="RV 2026-140",
        council_proposal_date=datetime.date(2026, 2, 20),
        council_proposal_url="http://raad.example.org/rv-2026-140",
    )
    with pytest.raises(ValidationError) as refused:
        response.full_clean()
    assert list(refused.value.message_dict) == ["council_proposal_url"]
    with pytest.raises(IntegrityError), transaction.atomic():
        response.save()
    response.council_proposal_url = URL
    response.full_clean()


def test_a3_the_secretariat_gives_the_proposal_address_when_recording_the_response(
    secretariat_client,
):
    from tests.advices import test_admin as admin_pages

    trajectory = admin_pages.sent_with_recommendations()
    first, second = trajectory.advice.recommendations.order_by("number")
    data = {
        "apply": "1", "council_proposal_number": "RV 2026-140",
        "council_proposal_date": "2026-10-01", "received_on": "2026-10-02",
        "council_proposal_url": "http://raad.example.org/rv-2026-140",
        f"response_{first.pk}": "adopted", f"response_{second.pk}": "adopted",
    }  # fmt: skip
    refused = admin_pages.action(
        secretariat_client, admin_pages.CHANGELIST, "record_college_response", [trajectory], **data
    )
    assert list(refused.context["form"].errors) == ["council_proposal_url"]
    data["council_proposal_url"] = URL
    admin_pages.action(
        secretariat_client, admin_pages.CHANGELIST, "record_college_response", [trajectory], **data
    )
    trajectory.refresh_from_db()
    assert trajectory.college_response.council_proposal_url == URL


def test_college_response_admin_form_takes_an_address_as_https_without_a_warning():
    """An address typed without a scheme is read as https (Django 6's default, no warning)."""
    from advices.admin import CollegeResponseAdminForm

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        field = CollegeResponseAdminForm.base_fields["council_proposal_url"]
    assert field.clean("raad.example.org/rv-2026-140") == "https://raad.example.org/rv-2026-140"
