"""What the frame of every page (templates/base.html) needs."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

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


def frame_links(request):
    """The frame's links, reversed once per worker rather than on every page."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return {"links": _frame_links(urlconf, get_script_prefix())}
