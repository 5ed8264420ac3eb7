"""Issue 18.3: no English on any admin page the secretariat opens.

Every admin index, app list, changelist, add page and change page (of a demo object) is
rendered in Dutch for the secretariat; a text or label that holds an English word
(from a list that no Dutch text uses) fails the test, with the page it is on. The demo
data is Dutch, so what is English comes from a msgid without a translation or from a
third-party string that was never translatable.
"""

import contextlib
import html
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import Promise

from members.models import User
from tests.asdg.test_constraints import OUR_APPS
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)
from tests.harness import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_world")]

ENGLISH = re.compile(
    r"\b(the|and|with|for|this|that|these|are|by|at|to|from|on|an|your|you|Add|Change|"
    r"Delete|Search|Select|Save|Show|View|History|Created|Updated|Last|Used|Devices?|"
    r"Attempts?|Logs?|Users?|Yes|No|Date|Time|Name|Data|Address|Path|Username|Password|"
    r"Groups?|Permissions|Token|Key|Confirmed|Throttling|Failures?|Expires|Nominated|"
    r"Recorded|Queued|Failed|Sent|Subject|Message|Priority|Template|Attachments?)\b",
    re.IGNORECASE,
)
# Whole words that Dutch texts use as they are.
DUTCH_TOO = {"data", "status", "update", "token"}
TEXT = re.compile(r">([^<>]+)<")
LABELS = re.compile(
    r'(?:title|placeholder|aria-label|alt)="([^"]+)"|type="submit"[^>]*value="([^"]+)"'
)


def _english_on(body: str) -> set[str]:
    body = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<textarea.*?</textarea>", "", body)
    found = set()
    texts = [*TEXT.findall(body), *(a or b for a, b in LABELS.findall(body))]
    for text in texts:
        text = html.unescape(text).strip()
        words = {word.lower() for word in ENGLISH.findall(text)} - DUTCH_TOO
        if words:
            found.add(text[:120])
    return found


def _admin_pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:app_list", args=[info[0]]))
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    return sorted(set(pages))


def test_no_english_on_the_secretariats_admin_pages(client):
    login_verified(client, User.objects.get(email="secretaris@example.org"))
    english = {}
    with translation.override("nl"):
        for page in _admin_pages():
            response = client.get(page, HTTP_ACCEPT_LANGUAGE="nl")
            if response.status_code != 200:
                continue  # a page the role may not open (403) says so in Dutch elsewhere
            for text in _english_on(response.content.decode()):
                english.setdefault(text, page)
    assert not english, "\n".join(f"{page}: {text!r}" for text, page in sorted(english.items()))


def test_every_field_and_model_of_ours_has_a_translatable_name():
    """The admin shows field and model names; one without gettext stays English."""
    untranslated = []
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy:
                continue
            if not isinstance(model._meta.original_attrs.get("verbose_name"), Promise):
                untranslated.append(model._meta.label)
            for field in model._meta.get_fields():
                named = isinstance(getattr(field, "_verbose_name", None), Promise)
                if field.concrete and not field.auto_created and not named:
                    untranslated.append(f"{model._meta.label}.{field.name}")
    assert not untranslated, untranslated
