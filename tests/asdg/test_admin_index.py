"""Issue 20.2: the admin index shows its app list from a cached fragment.

The list is built (a reverse() per link) and rendered once per worker for everyone whom
the model admins allow the same links, in the same language (AdminSite.app_list_key);
another permission set or language gets its own.
"""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.test import RequestFactory
from django.utils import translation

pytestmark = pytest.mark.django_db


def _index(client, **headers):
    response = client.get("/admin/", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_app_list_is_built_once_and_then_served_from_the_cache(secretariat_client):
    with mock.patch.object(AdminSite, "_build_app_dict", autospec=True,
                           side_effect=AdminSite._build_app_dict) as built:  # fmt: skip
        first = _index(secretariat_client)
        second = _index(secretariat_client)
    assert built.call_count == 1
    assert 'href="/admin/advices/trajectory/add/"' in first
    start, end = first.index('id="content-main"'), first.index("</main>")
    assert second[second.index('id="content-main"') :].startswith(first[start:end])


def test_other_rights_or_another_language_get_their_own_list(secretariat_client, steering_client):
    with mock.patch.object(AdminSite, "_build_app_dict", autospec=True,
                           side_effect=AdminSite._build_app_dict) as built:  # fmt: skip
        secretariat = _index(secretariat_client)
        steering = _index(steering_client)  # the admin read-only: view links, no add links
    assert built.call_count == 2
    assert 'href="/admin/advices/trajectory/add/"' in secretariat
    assert 'href="/admin/advices/trajectory/add/"' not in steering
    assert 'href="/admin/advices/trajectory/"' in steering
    # The admin is Dutch at its address; the key holds the language all the same.
    request = RequestFactory().get("/admin/")
    request.user = secretariat_client.user
    with translation.override("en"):
        english = admin.site.app_list_key(request)
    with translation.override("nl"):
        dutch = admin.site.app_list_key(request)
    assert english != dutch


def test_the_key_follows_what_a_model_admin_allows_not_only_the_permissions(secretariat_client):
    # The organisation's details can be added only while the row does not exist: a
    # model admin's own decision, which the key follows.
    from organisation.models import Organisation

    Organisation.objects.all().delete()
    empty = _index(secretariat_client)
    assert 'href="/admin/organisation/organisation/add/"' in empty
    from organisation.selectors import organisation_get

    organisation_get().save()
    assert 'href="/admin/organisation/organisation/add/"' not in _index(secretariat_client)


def _sidebar(page):
    return page[
        page.index('id="nav-sidebar"') : page.index("</nav>", page.index('id="nav-sidebar"'))
    ]


def test_the_nav_sidebar_is_built_once_per_model_and_marks_the_current_one(secretariat_client):
    with mock.patch.object(AdminSite, "_build_app_dict", autospec=True,
                           side_effect=AdminSite._build_app_dict) as built:  # fmt: skip
        members = secretariat_client.get("/admin/members/member/").content.decode()
        again = secretariat_client.get("/admin/members/member/?o=1").content.decode()
        themes = secretariat_client.get("/admin/members/theme/").content.decode()
    assert built.call_count == 2  # the members' pages once, the themes' pages once
    assert _sidebar(members) == _sidebar(again)
    current = 'href="/admin/members/member/" aria-current="page"'
    assert current in _sidebar(members) and current not in _sidebar(themes)
    assert 'href="/admin/members/theme/" aria-current="page"' in _sidebar(themes)
    assert 'class="app-members module current-app"' in _sidebar(themes)


def test_the_nav_sidebar_follows_the_rights_too(secretariat_client, steering_client):
    secretariat = _sidebar(secretariat_client.get("/admin/members/theme/").content.decode())
    steering = _sidebar(steering_client.get("/admin/members/theme/").content.decode())
    assert 'href="/admin/members/theme/add/"' in secretariat
    assert 'href="/admin/members/theme/add/"' not in steering
