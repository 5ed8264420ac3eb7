"""What every page built on templates/base.html needs beyond Django's own context."""

import functools

from django.conf import settings
from django.urls import translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

from asdg.tasks import open_task_count


def languages(request):
    """This page in each language: the hreflang links in <head> and the language switch.

    The language is in the address (asdg.urls), so each is a plain link: /adviezen/ and
    /en/adviezen/. `x_default` is the Dutch page, for browsers of any other language.
    """
    path = request.get_full_path()
    current = get_language()
    page_languages = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        page_languages.append(
            {
                "code": code,
                "name": capfirst(get_language_info(code)["name_local"]),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return {"page_languages": page_languages, "x_default": page_languages[0]}


def todo(request):
    """Issue 16: "To do (3)" in the menu; a callable, so it is counted only when the menu
    shows it (for a logged-in person), never for an anonymous visitor."""
    return {"todo_count": functools.partial(_todo_count, request)}


def _todo_count(request) -> int:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return open_task_count(user=user)
