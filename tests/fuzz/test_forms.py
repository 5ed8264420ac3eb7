"""Issue 9: every POST form of the site and the admin, and every admin action, fed bad input.

The forms are not listed by hand: the suite seeds the demo data, reverses every URL
pattern of the URL-permission matrix, follows the site's links as anonymous, Lid,
Stuurgroep and Secretariaat, and parses every `<form method="post">` it meets (fields,
types, options, file inputs). Hypothesis then posts generated bad input to each form
(tests/fuzz/strategies.py): never a 500 or an escaping exception, and a refused request
leaves every table as it was (tests/fuzz/checks.py).
"""

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from members.models import User
from tests.asdg.test_url_permissions import PAGES
from tests.fuzz.checks import OUR_APPS, incomplete_rows, post_and_check, wrong_id
from tests.fuzz.forms import crawl, parse_forms
from tests.fuzz.strategies import bad_post, bad_value
from tests.url_matrix import ANON, LID, ROLES, SEC, STUUR

pytestmark = pytest.mark.django_db

DEMO = {LID: "lid@example.org", STUUR: "stuurgroep@example.org", SEC: "secretaris@example.org"}
# Files, feeds and exports hold no forms; the admin is crawled as the secretariat.
NOT_CRAWLED = (".pdf", ".xlsx", ".csv", ".ics", ".xml", ".txt", "/pdf/", "/feed/", "/history/")


def _login(client, role):
    """As tests.harness.login_verified, with the device the crawl may have added."""
    user = User.objects.get(email=DEMO[role])
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, name="fuzz").first()
    device = device or TOTPDevice.objects.create(user=user, name="fuzz", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _client(role):
    client = Client()
    if role != ANON:
        _login(client, role)
    return client


def _seeds():
    urls = ["/", "/portaal/", "/admin/"]
    for name, (kwargs, _answers) in PAGES.items():
        if 999999 in kwargs.values() or not (":" in name or name.isidentifier()):
            continue
        try:
            urls.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return urls


def _extras() -> list[str]:
    """Objects in the states the demo lacks, so that every POST-only URL shows its form."""
    from advices.models import Status
    from steering.services.votes import vote_open
    from tests.advices.factories import advance_to
    from tests.members.factories import secretary
    from tests.projectgroups.factories import ProjectGroupFactory
    from tests.steering.factories import (
        CandidateFactory,
        SubjectProposalFactory,
        election_in_nomination,
        item_of,
        meeting_in_session,
    )

    election = election_in_nomination(term_years=1)  # a term the crawling members can serve (S1)
    lid = User.objects.get(email=DEMO[LID]).member
    CandidateFactory(election=election, member=lid)  # Lid may withdraw the nomination
    proposal = SubjectProposalFactory()
    group = ProjectGroupFactory()
    advance_to(group.trajectory, Status.RESPONDED)
    # Two meetings in session today (the demo's are not): the chair's page of one shows
    # the presence form and "open a vote", of the other the open vote's "close".
    quiet, voting = meeting_in_session(present=[lid]), meeting_in_session(present=[lid])
    vote_open(item=item_of(voting), proposal="Het jaarplan vaststellen.", secret=False,
              by=secretary())  # fmt: skip
    return [
        reverse("steering_meeting:chair", args=[quiet.pk]),
        reverse("steering_meeting:chair", args=[voting.pk]),
        reverse("steering_election:detail", args=[election.pk]),
        reverse("steering_subject:detail", args=[proposal.pk]),
        reverse("projectgroups:detail", args=[group.pk]),
    ]


def _crawlable(role):
    def wanted(url):
        path = url.split("?", 1)[0]
        if "?" in url or path.endswith(NOT_CRAWLED):
            return False
        return role == SEC or not path.startswith("/admin/")

    return wanted


@pytest.fixture(scope="module")
def discovered(demo_world, django_db_blocker):
    """Every distinct POST form found, each with the first role (least rights) that saw it."""
    forms, pages = {}, {}
    with django_db_blocker.unblock():
        seeds = _extras() + _seeds()
        for role in ROLES:
            found, visited = crawl(_client(role), seeds, role=role, wanted=_crawlable(role))
            pages[role] = visited
            for form in found:
                forms.setdefault(form.signature, form)
        baseline = incomplete_rows()
    return {"forms": list(forms.values()), "pages": pages, "baseline": baseline}


def _fuzz(form, client, relogin, baseline, *, wrong_ids=True):
    @given(data=bad_post(form), target=st.integers(0, 2 if wrong_ids else 0))
    def run(data, target):
        cookie = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
        post_and_check(client, wrong_id(form.action, target), data, baseline=baseline)
        if client.cookies.get(django_settings.SESSION_COOKIE_NAME) != cookie:
            relogin()  # logged out or the session key cycled (rolled back meanwhile)

    run()


def _fuzz_all(forms, role, baseline, settings):
    settings.ASDG_MAX_UPLOAD_MB = 1
    client = _client(role)

    def relogin():
        if role != ANON:
            _login(client, role)

    failures = []
    for form in forms:
        try:
            _fuzz(form, client, relogin, baseline)
        except Exception as error:  # collect them all: one report lists every bad form
            failures.append(f"{form.action} (form on {form.page}): {error}")
    assert not failures, f"{len(failures)} form(s) failed:\n" + "\n\n".join(failures)


def _portal_forms(discovered, role):
    return [
        form
        for form in discovered["forms"]
        if form.role == role and not form.view_name.startswith("admin:")
    ]


def test_the_crawl_finds_the_forms_of_every_area(discovered):
    names = {form.view_name for form in discovered["forms"]}
    # One form per area at least; the fuzz tests below cover all of them.
    for expected in [
        "apply:form",
        "public:newsletter",
        "accounts:login",
        "finance:claim-create",
        "membership:profile",
        "steering_subject:create",
        "steering_meeting:respond",
        "steering_election:vote",
        "projectgroups:signup",
        "review:detail",
        "finance:claim-decide",
        "admin:members_member_change",  # no add page: members come from an application (M5)
        "admin:finance_booking_add",
        "admin:advices_trajectory_change",
    ]:
        assert expected in names, expected
    visited = [page for pages in discovered["pages"].values() for page in pages]
    crashed = [page for page in visited if page[2] >= 500]
    assert not crashed, crashed


def test_every_post_only_url_has_a_form_that_is_fuzzed(discovered):
    """Each URL pattern that only answers POST (405 to a GET) is reached by a crawled form."""
    post_only = {name for name, (_kw, answers) in PAGES.items() if 405 in answers.values()}
    fuzzed = {form.view_name for form in discovered["forms"]}
    missing = post_only - fuzzed - UNREACHED_POST_ONLY
    assert not missing, f"POST-only URLs no crawled form posts to: {sorted(missing)}"


# POST-only URLs the demo data offers no form for (checked by their own tests instead).
UNREACHED_POST_ONLY = set()


@pytest.mark.parametrize("role", [ANON, LID, STUUR, SEC])
def test_portal_and_public_forms_never_500_nor_half_save(discovered, role, settings):
    forms = _portal_forms(discovered, role)
    assert forms or role == ANON
    _fuzz_all(forms, role, discovered["baseline"], settings)


def test_admin_forms_never_500_nor_half_save(discovered, settings):
    forms = [
        form
        for form in discovered["forms"]
        if form.view_name.startswith("admin:")
        and form.role == SEC
        # The changelists' action forms: test_admin_action_never_500_nor_half_save;
        # a delete confirmation has no input but its own "yes".
        and not form.view_name.endswith(("_changelist", "_delete"))
    ]
    assert len(forms) > 40
    _fuzz_all(forms, SEC, discovered["baseline"], settings)


def _admin_actions():
    request = RequestFactory().get("/admin/")
    request.user = type("Superuser", (), {"has_perm": lambda *a: True, "is_active": True})()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        for name in model_admin.actions or []:
            yield model, model_admin, name


ACTIONS = [(m._meta.label_lower, name) for m, _ma, name in _admin_actions()]


@pytest.mark.parametrize(("label", "action"), ACTIONS, ids=[f"{m}.{a}" for m, a in ACTIONS])
def test_admin_action_never_500_nor_half_save(discovered, label, action, settings):
    """The action with bad ids, then its confirmation page's form with bad input."""
    settings.ASDG_MAX_UPLOAD_MB = 1
    client = _client(SEC)
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    pks = [str(pk) for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)]
    baseline = discovered["baseline"]

    def relogin():
        _login(client, SEC)

    ids = st.lists(
        st.one_of(st.sampled_from(pks or ["1"]), bad_value, st.just("999999999")), max_size=3
    )

    @given(selected=ids, across=st.sampled_from(["0", "1", "", "x"]))
    def run(selected, across):
        data = {"action": [action], ACTION_CHECKBOX_NAME: selected, "select_across": [across]}
        post_and_check(client, url, data, baseline=baseline)

    run()

    # The confirmation page (actions that ask for a reason, a date, a document...).
    for chosen in sorted(set(pks[:1] + pks[-1:])):
        data = {"action": action, ACTION_CHECKBOX_NAME: [chosen], "index": "0"}
        response = post_and_check(client, url, data, baseline=baseline)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue  # done at once, or a file (the exports)
        for form in parse_forms(response.content.decode(), url):
            if any(field.name == "action" for field in form.fields):
                _fuzz(form, client, relogin, baseline, wrong_ids=False)
