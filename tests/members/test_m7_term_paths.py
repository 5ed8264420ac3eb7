"""M7 on every path that writes a term: the admin, the database, the services (issue 21.1).

A term is set once, at admission; it grows only by a granted extension request, so the
member's extension always equals the request on record.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction

from members.models import Member, TermExtensionRequest
from members.services import term_extension_decide, term_extension_request
from tests.members.factories import MemberFactory, secretary

pytestmark = pytest.mark.django_db
EXTENSION = "m7_extension_is_the_granted_request"
FINAL = "m7_extension_decision_is_final"
FIXED = "m7_term_fixed_at_admission"


def _granted(member, months):
    request = term_extension_request(member=member, months=months)
    term_extension_decide(request=request, grant=True, by=secretary())
    member.refresh_from_db()
    return member


def _change_form_data(client, url):
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["knowledge_themes"] = []
    data["experience_themes"] = []
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): value for name, value in management.initial.items()}
        )
        for form in inline.formset.forms:
            data.update(
                {
                    form.add_prefix(name): form[name].value()
                    for name in form.fields
                    if form[name].value() is not None
                }
            )
    return data


def test_m7_admin_change_cannot_enlarge_a_granted_extension(secretariat_client):
    member = _granted(MemberFactory(start_date=datetime.date(2025, 1, 1), term_years=2), 6)
    url = f"/admin/members/member/{member.pk}/change/"
    data = _change_form_data(secretariat_client, url)
    data.update(extension_months="12", phone="050 999 99 99")
    response = secretariat_client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.extension_months == 6
    assert member.term_end == datetime.date(2027, 6, 30)
    assert member.phone == "050 999 99 99"  # the rest of the form still saves


def test_m7_admin_change_cannot_lengthen_or_move_the_term(secretariat_client):
    member = MemberFactory(start_date=datetime.date(2025, 1, 1), term_years=2)
    url = f"/admin/members/member/{member.pk}/change/"
    data = _change_form_data(secretariat_client, url)
    data.update(term_years="4", start_date="2026-01-01")
    secretariat_client.post(url, data)
    member.refresh_from_db()
    assert (member.start_date, member.term_years) == (datetime.date(2025, 1, 1), 2)
    assert member.term_end == datetime.date(2026, 12, 31)


def test_m7_admin_change_page_shows_the_term_read_only_with_the_extension_history(
    secretariat_client,
):
    member = _granted(MemberFactory(term_years=2), 6)
    page = secretariat_client.get(f"/admin/members/member/{member.pk}/change/")
    form = page.context["adminform"].form
    assert not {"start_date", "term_years", "extension_months"} & set(form.fields)
    inline = page.context["inline_admin_formsets"][0]
    assert inline.opts.model is TermExtensionRequest
    assert [request.months for request in inline.formset.queryset] == [6]


def test_m7_extension_without_a_granted_request_is_refused_by_the_database():
    member = MemberFactory()
    with pytest.raises(IntegrityError, match=EXTENSION), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(extension_months=6)


def test_m7_extension_other_than_the_granted_request_is_refused_by_the_database():
    member = _granted(MemberFactory(), 6)
    with pytest.raises(IntegrityError, match=EXTENSION), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(extension_months=12)


def test_m7_new_member_with_an_extension_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match=EXTENSION), transaction.atomic():
        MemberFactory(extension_months=12)


@pytest.mark.parametrize(
    "change", [{"term_years": 4}, {"start_date": datetime.date(2026, 6, 1)}], ids=str
)
def test_m7_term_changed_after_admission_is_refused_by_the_database(change):
    member = MemberFactory(start_date=datetime.date(2025, 1, 1), term_years=2)
    with pytest.raises(IntegrityError, match=FIXED), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(**change)


def test_m7_a_granted_request_sets_the_extension_in_the_database():
    """Whatever writes the request (service, shell, demo), the term follows it."""
    member = MemberFactory(start_date=datetime.date(2021, 1, 1), term_years=4)
    TermExtensionRequest.objects.create(
        member=member,
        months=12,
        status=TermExtensionRequest.Status.GRANTED,
        decided_at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC),
    )
    member.refresh_from_db()
    assert (member.extension_months, member.term_end) == (12, datetime.date(2025, 12, 31))


def test_m7_a_decided_request_is_final_in_the_database():
    member = _granted(MemberFactory(), 6)
    granted = member.extension_requests.get()
    with pytest.raises(IntegrityError, match=FINAL), transaction.atomic():
        TermExtensionRequest.objects.filter(pk=granted.pk).update(months=12)
    with pytest.raises(IntegrityError, match=FINAL), transaction.atomic():
        TermExtensionRequest.objects.filter(pk=granted.pk).update(status="refused")
    member.refresh_from_db()
    assert member.extension_months == 6


def test_m7_member_with_a_granted_extension_can_still_be_deleted():
    member = _granted(MemberFactory(), 6)
    member.delete()
    assert not TermExtensionRequest.objects.exists()


def test_m7_admin_keeps_a_granted_request(secretariat_client):
    member = _granted(MemberFactory(), 6)
    granted = member.extension_requests.get()
    url = f"/admin/members/termextensionrequest/{granted.pk}/delete/"
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 403
    secretariat_client.post(
        "/admin/members/termextensionrequest/",
        {"action": "delete_selected", "_selected_action": [granted.pk], "post": "yes"},
    )
    member.refresh_from_db()
    assert member.extension_requests.get() == granted
    assert member.extension_months == 6
