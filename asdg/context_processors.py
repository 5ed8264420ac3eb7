"""What the frame of every page (templates/base.html) needs."""

import functools
from functools import cache, lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

from asdg.tasks import open_task_count
from organisation.selectors import organisation_get

# The frame's links: name in the template -> URL name.
FRAME_LINKS = {
    "home": "home",
    "advices": "advices_public:list",
    "news": "public:news-list",
    "about": "public:about",
    "newsletter": "public:newsletter",
    "apply": "apply:form",
    "portal": "portal",
    "admin": "admin:index",
    "logout": "accounts:logout",
    "login": "accounts:login",
    "set_language": "set_language",
    "accessibility": "accessibility",
}


@cache
def _frame_links(urlconf: str, prefix: str) -> dict[str, str]:
    return {key: reverse(name, urlconf=urlconf) for key, name in FRAME_LINKS.items()}


@cache
def _language_options(current: str) -> SafeString:
    """The language switch's <option> elements, each language named in its own language."""
    return format_html_join(
        "",
        '<option value="{0}" lang="{0}"{1}>{2}</option>',
        (
            (
                code,
                mark_safe(" selected") if code == current else "",
                capfirst(get_language_info(code)["name_local"]),
            )
            for code, _name in settings.LANGUAGES
        ),
    )


# What the footer shows of the organisation.
FOOTER_DETAILS = ("name", "postal_address", "email", "phone")


@lru_cache(maxsize=32)
def _frame_parts(language: str, urlconf: str, prefix: str, details: tuple) -> dict:
    """The menu's public links and the footer: the same for every visitor, so drawn once
    per language and organisation's details (templates/frame/), not on every page."""
    context = {
        "links": _frame_links(urlconf, prefix),
        "organisation": dict(zip(FOOTER_DETAILS, details, strict=True)),
    }
    return {
        part: mark_safe(render_to_string(f"frame/{part}.html", context).strip())
        for part in ("menu_links", "footer")
    }


def frame_links(request):
    """The frame's links, language options and fixed parts, made once per worker."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    prefix = get_script_prefix()
    language = get_language()
    organisation = organisation_get()
    details = tuple(getattr(organisation, name) for name in FOOTER_DETAILS)
    return {
        "links": _frame_links(urlconf, prefix),
        "language_options": _language_options(language),
        "frame": _frame_parts(language, urlconf, prefix, details),
        "next_path": request.get_full_path(),  # where the language switch returns to
        # Issue 16: "To do (3)" in the menu; a callable, so it is counted only when drawn.
        "todo_count": functools.partial(_todo_count, request),
    }


def _todo_count(request) -> int:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return open_task_count(user=user)
