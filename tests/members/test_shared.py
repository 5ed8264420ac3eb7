"""The helpers every app shares (members/shared.py, issue 20.4), and that no app copies them."""

import datetime
import re
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from members.models import Member
from members.shared import YearFilter, add_refusal, error_text, member_of
from tests.asdg.test_architecture import LAYERS
from tests.members.factories import MemberFactory, UserFactory

PROJECT_DIR = Path(__file__).resolve().parents[2]


class NameForm(forms.Form):
    name = forms.CharField()


def test_member_of_is_the_users_member_or_none(db):
    member = MemberFactory()
    assert member_of(member.user) == member
    assert member_of(UserFactory()) is None  # a staff account without a membership
    assert member_of(AnonymousUser()) is None


def test_error_text_is_every_message_on_one_line():
    error = ValidationError({"name": ["Too short."], "__all__": ["Not now."]})
    assert error_text(error) == "Too short. Not now."
    assert error_text(ValidationError("Refused.")) == "Refused."


def test_add_refusal_puts_messages_on_the_fields_they_name_and_the_rest_on_top():
    form = NameForm({"name": "x"})
    form.is_valid()
    taken = ValidationError("Taken.", code="taken")
    add_refusal(form, ValidationError({"name": taken, "elsewhere": "Full."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Full."]
    assert form.has_error("name", code="taken")  # the code survives, for the tests that ask

    plain = NameForm({"name": "x"})
    plain.is_valid()
    add_refusal(plain, ValidationError("Closed."))
    assert plain.non_field_errors() == ["Closed."]


class StartYearFilter(YearFilter):
    lookup = "start_date__year"


def _filter(value: str | None) -> YearFilter:
    request = RequestFactory().get("/")
    params = {"year": [value]} if value is not None else {}
    return StartYearFilter(request, params, Member, admin.site._registry[Member])


def test_year_filter_offers_the_rows_years_newest_first_and_filters_by_one(db):
    MemberFactory(start_date=datetime.date(2022, 1, 1))
    MemberFactory(start_date=datetime.date(2024, 3, 1))
    MemberFactory(start_date=datetime.date(2024, 6, 1))
    year_filter = _filter("2024")
    lookups = year_filter.lookups(None, admin.site._registry[Member])
    assert lookups == [("2024", "2024"), ("2022", "2022")]
    assert year_filter.queryset(None, Member.objects.all()).count() == 2
    # Anything but a year filters nothing (no error page for a hand-typed address).
    assert _filter("twee").queryset(None, Member.objects.all()).count() == 3


# A copy of a shared helper, by what it starts with. Each may stand only in members/shared.py.
COPIES = {
    "refusal text": re.compile(r"def _?error_text\("),
    "refusal onto a form": re.compile(r"for \w+, \w+ in error\.(error|message)_dict\.items\(\)"),
    "labelled inline formset": re.compile(r"class LabelledInlineFormSet\("),
    "read-only inline": re.compile(r"class ReadOnlyInlineMixin\b"),
    "year filter": re.compile(r"class \w*YearFilter\(admin\.SimpleListFilter\)"),
    "the user's member": re.compile(r"def _?member(_of)?\(user"),
    "Content-Disposition by hand": re.compile(r"""\["Content-Disposition"\] = f?["']"""),
}


@pytest.mark.parametrize("name", COPIES)
def test_no_app_copies_a_shared_helper(name):
    found = [
        f"{path.relative_to(PROJECT_DIR)}:{number}"
        for app in LAYERS
        for path in sorted((PROJECT_DIR / app).rglob("*.py"))
        if path != PROJECT_DIR / "members" / "shared.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if COPIES[name].search(line)
    ]
    assert not found, f"{name} written again (use members.shared): {found}"
