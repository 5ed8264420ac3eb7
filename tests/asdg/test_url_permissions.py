"""Every URL pattern of the project, for every role: the answer it must give.

The test discovers the patterns itself; a pattern without an expectation here fails
`test_every_url_pattern_has_an_expectation`. Add new pages to PAGES (or, for a model
registered in the admin, a sample object to ADMIN_OBJECTS and its rights to
ADMIN_RIGHTS).
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import IncompatibilityDeclaration, TermExtensionRequest, User
from members.roles import MEMBER
from organisation.models import Organisation
from tests.conftest import fresh_caches
from tests.finance.urls_expected_budget import sample_booking, sample_budget_year
from tests.harness import isolated_settings, login_verified
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    UserFactory,
    postcode_area,
    theme,
)
from tests.url_matrix import (
    ADMIN_LOGIN,
    ANON,
    FORBIDDEN,
    LID,
    LOGIN,
    MATRIX_ROLES,
    NOT_FOUND,
    OK,
    PASSWORD_ONLY,
    POST_ONLY,
    REDIRECT,
    ROLES,
    SEC,
    SEC_PW,
    STUUR,
    STUUR_PW,
    VERIFY,
    everyone,
    expectations_from_modules,
    expected,
    logged_in,
    staff,
)

# name (or route, for unnamed patterns) -> (kwargs, expected answer per role)
PAGES = {
    "home": ({}, everyone(OK)),
    "accessibility": ({}, everyone(OK)),
    "portal": ({}, logged_in(OK)),
    "set_language": ({}, everyone(REDIRECT)),
    "accounts:login": ({}, {ANON: OK, LID: REDIRECT, STUUR: REDIRECT, SEC: REDIRECT}),
    "accounts:logout": ({}, everyone(POST_ONLY)),
    "accounts:password-change": ({}, logged_in(OK)),
    "accounts:password-change-done": ({}, logged_in(OK)),
    "accounts:password-reset": ({}, everyone(OK)),
    "accounts:password-reset-done": ({}, everyone(OK)),
    "accounts:password-reset-confirm": ({"uidb64": "MQ", "token": "bad-token"}, everyone(OK)),
    "accounts:password-reset-complete": ({}, everyone(OK)),
    "accounts:two-factor": ({}, logged_in(OK)),
    # The admin's own pages (model pages follow from ADMIN_OBJECTS / ADMIN_RIGHTS).
    "admin:index": ({}, staff(OK)),
    "admin:login": (
        {},
        {ANON: OK, LID: OK, STUUR: REDIRECT, SEC: REDIRECT, STUUR_PW: OK, SEC_PW: OK},
    ),
    "admin:logout": (
        {},
        {
            **{ANON: REDIRECT, LID: REDIRECT, STUUR: POST_ONLY, SEC: POST_ONLY},
            **{STUUR_PW: REDIRECT, SEC_PW: REDIRECT},
        },
    ),
    "admin:password_change": ({}, staff(OK)),
    "admin:password_change_done": ({}, staff(OK)),
    "admin:jsi18n": ({}, staff(OK)),
    "admin:autocomplete": ({}, staff(FORBIDDEN)),
    "admin:view_on_site": ({"content_type_id": 1, "object_id": 1}, staff(NOT_FOUND)),
    "admin:app_list": ({"app_label": "members"}, staff(OK)),
    "admin/(?P<url>.*)$": ({"url": "nergens"}, staff(NOT_FOUND)),
    # Pages of later issues: tests/<app>/urls_expected_*.py, each with its own PAGES.
    **expectations_from_modules(),
}


# Admin pages beyond the standard five per model: name -> (sample model, kwarg, answers).
ADMIN_EXTRA_PAGES = {
    "admin:auth_user_password_change": ("members.user", "id", {STUUR: FORBIDDEN, SEC: OK}),
    # Other staff's TOTP secrets are never shown (OTP_ADMIN_HIDE_SENSITIVE_DATA).
    "admin:otp_totp_totpdevice_config": ("otp_totp.totpdevice", "pk", staff(FORBIDDEN)),
    "admin:otp_totp_totpdevice_qrcode": ("otp_totp.totpdevice", "pk", staff(FORBIDDEN)),
    # Issue 18.2: both roles decide applications (members.decide_application).
    "admin:members_application_decide": ("members.application", "pk", staff(OK)),
    "admin:finance_expenseclaim_decide": (
        "finance.expenseclaim",
        "pk",
        {STUUR: FORBIDDEN, SEC: OK},
    ),
    # Issue 18.1: the trajectory's next step, taken by the secretariat (POST); a GET goes
    # back to the trajectory's page. The steering group reads the steps only.
    "admin:advices_trajectory_flow": (
        "advices.trajectory",
        "pk",
        staff(REDIRECT, steering=FORBIDDEN),
    ),
}


def _sample_user():
    # One sample account, shared by the user, TOTP device and static device samples.
    return User.objects.filter(email="voorbeeld@example.org").first() or UserFactory(
        email="voorbeeld@example.org"
    )


# A sample object for every model in the admin: its change/delete/history pages need one.
ADMIN_OBJECTS = {
    "members.user": _sample_user,
    "auth.group": lambda: Group.objects.get_or_create(name=MEMBER)[0],
    "organisation.organisation": lambda: Organisation.objects.get_or_create(pk=1)[0],
    "otp_totp.totpdevice": lambda: TOTPDevice.objects.create(user=_sample_user(), name="app"),
    "otp_static.staticdevice": lambda: StaticDevice.objects.create(user=_sample_user(), name="s"),
    "axes.accessattempt": lambda: _axes("AccessAttempt"),
    "axes.accesslog": lambda: _axes("AccessLog"),
    "axes.accessfailurelog": lambda: _axes("AccessFailureLog"),
    "members.member": lambda: MemberFactory(),
    "members.application": lambda: ApplicationFactory(),
    "members.recruitmentround": lambda: RecruitmentRoundFactory(),
    "members.theme": lambda: theme(),
    "members.postcodearea": lambda: postcode_area(),
    "members.termextensionrequest": lambda: TermExtensionRequest.objects.create(
        member=MemberFactory(), months=6
    ),
    "members.incompatibilitydeclaration": lambda: IncompatibilityDeclaration.objects.create(
        member=MemberFactory(),
        year=2026,
        m5_council=False,
        m5_employee=False,
        m5_commercial=False,
        m5_political=False,
    ),
    "advices.trajectory": lambda: _sample_trajectory(),
    "advices.advice": lambda: _sample_trajectory().advice,
    "advices.collegeresponse": lambda: _sample_college_response(),
    "projectgroups.projectgroup": lambda: _sample_projectgroup(),
    # Transactional tests flush the 2021 budget of the data migration: get_or_create.
    "finance.budgetyear": lambda: sample_budget_year(),
    "finance.booking": lambda: sample_booking(),
}

# What the steering group and the secretariat may do per admin model:
# v = view, a = add, c = change, d = delete.
ADMIN_RIGHTS = {
    "members.user": {STUUR: "v", SEC: "vacd"},
    "auth.group": {STUUR: "", SEC: "v"},
    "organisation.organisation": {STUUR: "", SEC: "vc"},  # one row: no add, no delete
    "otp_totp.totpdevice": {STUUR: "", SEC: "vd"},
    "otp_static.staticdevice": {STUUR: "", SEC: "vd"},
    "axes.accessattempt": {STUUR: "", SEC: "vd"},
    "axes.accesslog": {STUUR: "", SEC: "v"},
    "axes.accessfailurelog": {STUUR: "", SEC: ""},
    "members.member": {STUUR: "v", SEC: "vcd"},
    # Applications are decided in the portal, through the service: read-only here.
    "members.application": {STUUR: "v", SEC: "vd"},
    "members.recruitmentround": {STUUR: "v", SEC: "vacd"},
    "members.theme": {STUUR: "v", SEC: "vacd"},
    "members.postcodearea": {STUUR: "v", SEC: "vacd"},
    "members.termextensionrequest": {STUUR: "v", SEC: "vcd"},
    "members.incompatibilitydeclaration": {STUUR: "v", SEC: "vd"},
    # The status moves through the services (admin actions), never through a field.
    "advices.trajectory": {STUUR: "v", SEC: "vacd"},
    # Made by trajectory_create, saved through advice_save_draft; never deleted alone.
    "advices.advice": {STUUR: "v", SEC: "vc"},
    # A3: recorded by the trajectory's action "Record the college's response".
    "advices.collegeresponse": {STUUR: "v", SEC: "vc"},
    # P1: the steering group sets up project groups and confirms their members.
    "projectgroups.projectgroup": {STUUR: "vac", SEC: "vacd"},
    # The secretariat keeps the budget; the steering group reads it.
    "finance.budgetyear": {STUUR: "v", SEC: "vacd"},
    # Bookings are never changed or deleted: a correction is a new booking (action).
    "finance.booking": {STUUR: "v", SEC: "va"},
}

# Areas may declare their admin models next to their own pages, in
# tests/<app>/urls_expected_*.py (ADMIN_OBJECTS, ADMIN_RIGHTS).
for _name, _shared in (("ADMIN_OBJECTS", ADMIN_OBJECTS), ("ADMIN_RIGHTS", ADMIN_RIGHTS)):
    _area = expectations_from_modules(_name)
    assert not set(_area) & set(_shared), f"{_name} declared twice: {set(_area) & set(_shared)}"
    _shared.update(_area)


def _sample_trajectory():
    from tests.advices.factories import TrajectoryFactory

    return TrajectoryFactory()


def _sample_college_response():
    from advices.models import Status
    from tests.advices.factories import TrajectoryFactory, advance_to

    return advance_to(TrajectoryFactory(), Status.RESPONDED).college_response


def _sample_projectgroup():
    from tests.projectgroups.factories import ProjectGroupFactory

    return ProjectGroupFactory()


def _axes(model_name):
    from django.apps import apps

    model = apps.get_model("axes", model_name)
    fields = {"ip_address": "10.0.0.1", "username": "x@example.org", "user_agent": "test"}
    if model_name == "AccessAttempt":
        fields.update(
            failures_since_start=1, get_data="", post_data="", http_accept="", path_info="/"
        )
    elif model_name == "AccessLog":
        fields.update(http_accept="", path_info="/")
    else:
        fields.update(http_accept="", path_info="/", locked_out=False)
    return model.objects.create(**fields)


def _admin_model_pages():
    """(name, kwargs factory, answers) for every page of every model in the admin."""
    pages = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        rights = ADMIN_RIGHTS.get(label, {})

        def answer(letter, rights=rights, *, missing=FORBIDDEN):
            return {
                role: OK if letter in rights.get(role, "") else missing for role in (STUUR, SEC)
            }

        def with_view_or_change(rights=rights):
            return {
                role: OK if set(rights.get(role, "")) & {"v", "c"} else FORBIDDEN
                for role in (STUUR, SEC)
            }

        pages[f"{info}_changelist"] = (None, "", with_view_or_change())
        pages[f"{info}_add"] = (None, "", answer("a"))
        pages[f"{info}_change"] = (label, "object_id", with_view_or_change())
        pages[f"{info}_history"] = (label, "object_id", with_view_or_change())
        pages[f"{info}_delete"] = (label, "object_id", answer("d"))
        # The admin's old-style object URL only redirects to the change page.
        old_style = f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"
        pages[old_style] = (label, "object_id", everyone(REDIRECT))
    pages.update(ADMIN_EXTRA_PAGES)
    return pages


def _discover(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _discover(pattern, ns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else prefix + str(pattern.pattern)


def test_every_url_pattern_has_an_expectation():
    known = set(PAGES) | set(_admin_model_pages())
    missing = [name for name in _discover() if name not in known]
    assert not missing, f"URL patterns without an expectation in the matrix: {missing}"
    models = {model._meta.label_lower for model in admin.site._registry}
    assert models <= set(ADMIN_OBJECTS), models - set(ADMIN_OBJECTS)
    assert models <= set(ADMIN_RIGHTS), models - set(ADMIN_RIGHTS)


def _mismatch(response, expected, role):
    """Why the response is not the expected answer for the role (None when it is)."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if expected == LOGIN:
        ok = status == 302 and location.startswith(reverse("accounts:login"))
    elif expected == ADMIN_LOGIN:
        ok = status == 302 and location.startswith(reverse("admin:login"))
    elif expected == VERIFY:
        ok = status == 302 and location.startswith(reverse("accounts:two-factor-verify"))
    elif expected == REDIRECT:
        ok = status == 302
    else:
        ok = status == expected
    return None if ok else f"{role}: expected {expected}, got {status} {location}".rstrip()


# The role users (and the admin's sample objects) are made once per module, inside one
# transaction rolled back at the module's end; each test runs in a savepoint of it.


def _session_of(role):
    client = Client()
    user = UserFactory(role=PASSWORD_ONLY.get(role, role))
    if role in PASSWORD_ONLY:  # issue 15.3: a device, its code not entered
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        client.force_login(user)
    else:
        login_verified(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """{"sessions": role -> session key, "samples": admin model label -> sample pk}."""
    with isolated_settings(tmp_path_factory.mktemp("media")):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            sessions = {role: _session_of(role) for role in MATRIX_ROLES if role != ANON}
            samples = {label: make().pk for label, make in ADMIN_OBJECTS.items()}
        try:
            yield {"sessions": sessions, "samples": samples}
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


def _check_every_role(world, url, answers):
    """GET `url` as each role of `answers` (role -> expected answer), each in a fresh
    client, with emptied caches and in a savepoint of its own (as if it were the only
    request of its test); fail listing every role that got another answer."""
    problems, checked = [], 0
    for role, answer in answers.items():
        fresh_caches()
        client = Client()
        if role != ANON:
            client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        problems.append(_mismatch(response, answer, role))
        checked += 1
    assert checked == len(answers)
    problems = [problem for problem in problems if problem]
    assert not problems, f"{url}:\n" + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(PAGES))
def test_page_answers_each_role_as_expected(name, matrix_world):
    kwargs, answers = PAGES[name]
    if ":" in name or name.isidentifier():
        url = reverse(name, kwargs=kwargs)
    else:
        url = "/admin/" + kwargs["url"]
    answers = {role: expected(name, answers, role) for role in MATRIX_ROLES}
    _check_every_role(matrix_world, url, answers)


def _admin_roles(name):
    # Issue 15.3: no admin list opens to a session with the password only.
    return [*ROLES, STUUR_PW, SEC_PW] if name.endswith("_changelist") else ROLES


ADMIN_PAGES = _admin_model_pages()


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(ADMIN_PAGES))
def test_admin_page_answers_each_role_as_expected(name, matrix_world):
    sample, kwarg, answers = ADMIN_PAGES[name]
    pk = matrix_world["samples"][sample] if sample else None
    if name.startswith("admin:"):
        url = reverse(name, kwargs={kwarg: pk} if sample else {})
    else:
        url = "/" + name.replace("<path:object_id>", str(pk))
    _check_every_role(
        matrix_world, url, {role: answers.get(role, ADMIN_LOGIN) for role in _admin_roles(name)}
    )
