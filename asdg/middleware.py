from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class UrlLocaleMiddleware(LocaleMiddleware):
    """The address decides the language: /en/… is English, every other path Dutch
    (i18n_patterns with prefix_default_language=False, asdg.urls).

    Django's LocaleMiddleware marks every unprefixed answer `Vary: Accept-Language`, yet
    here the browser's language chooses nothing (the group works in Dutch; English is an
    explicit choice, the link in the header). Without that header a cache keeps one copy
    of a Dutch page, not one per browser language.
    """

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class PrivacyHeadersMiddleware:
    """Issue 15.14: no cache keeps personal data, and no page may use the browser's sensors.

    `Cache-Control: private, no-store` goes on every response that may hold personal data,
    so that neither a shared proxy nor the browser's disk (a library computer, the back
    button after logout) keeps a copy: every response to a signed-in user (portal, admin,
    downloads of registers, receipts and papers), every page under the prefixes below
    (the application form and its received page, the account pages, signed in or not),
    and every answer to a POST (a form shown again holds what was typed).

    `Permissions-Policy` (settings.PERMISSIONS_POLICY) goes on every response: the site
    uses no camera, microphone, location or payment, so no page of it, or anything
    injected into one, may ask for them.
    """

    NO_STORE_PREFIXES = ("/portaal/", "/admin/", "/account/", "/aanmelden/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self._personal(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _personal(self, request) -> bool:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return True
        if strip_language(request.path_info).startswith(self.NO_STORE_PREFIXES):
            return True
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated)


def strip_language(path: str) -> str:
    """The path without its language prefix: /en/portaal/ -> /portaal/."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


class RefuseNulMiddleware:
    """A NUL byte in the path or the query string is a 400, before any view looks it up.

    No URL of the site has one, and PostgreSQL refuses it in a text lookup: `/agenda/%00.ics`
    was a 500 (issue 15.10). Other characters reach the views, which answer them with a 404
    or a form error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return HttpResponseBadRequest("Bad request", content_type="text/plain")
        return self.get_response(request)
