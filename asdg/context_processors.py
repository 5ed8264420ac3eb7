"""What the frame of every page (templates/base.html) needs."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

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


def frame_links(request):
    """The frame's links and language options, made once per worker, not on every page."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return {
        "links": _frame_links(urlconf, get_script_prefix()),
        "language_options": _language_options(get_language()),
    }
