"""Production responses scored as Mozilla's HTTP Observatory scores them: A+ (>= 100).

The rules and modifiers are those of the Observatory's published scoring
(github.com/mozilla/http-observatory, httpobs/docs/scoring.md and its analyzer; MDN's
"HTTP Observatory: tests and scoring"): start at 100, subtract the penalties, and only
when the result is 90 or more add the bonuses. A+ is 100 or more. The scorer below
re-implements the tests that a server controls; the ones that need the live internet
(the HSTS preload list, certificate chains, CORS files on the host) score 0 here.

Besides the score, the test asks what the brief asks beyond it: HSTS includeSubDomains,
and a CSP with object-src 'none', base-uri, form-action and frame-ancestors set.
"""

import re
from http.cookies import Morsel
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from members.roles import MEMBER
from tests.members.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

MODIFIERS = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Redirection
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    # Referrer-Policy
    "referrer-policy-private": 5,
    "referrer-policy-no-referrer-when-downgrade": 0,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # Strict-Transport-Security
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    # Subresource Integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    # X-XSS-Protection (dropped by the newest Observatory; with a strong CSP it is 0 anyway)
    "x-xss-protection-not-needed-due-to-csp": 0,
    "x-xss-protection-enabled-mode-block": 0,
    "x-xss-protection-disabled": -10,
    "x-xss-protection-not-implemented": -10,
}
SIX_MONTHS = 15768000
BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


# --- The scorer -------------------------------------------------------------------------


def parse_csp(header: str) -> dict[str, set[str]]:
    policy = {}
    for part in header.replace("\r", "").replace("\n", "").split(";"):
        words = part.split()
        if not words:
            continue
        if words[0] in policy:
            raise ValueError("repeated directive")
        policy[words[0]] = {w.lower() for w in words[1:]} or {"'none'"}
    if not policy:
        raise ValueError("empty policy")
    return policy


def csp_result(headers) -> tuple[str, dict]:
    if "Content-Security-Policy" not in headers:
        return "csp-not-implemented", {}
    try:
        csp = parse_csp(headers["Content-Security-Policy"])
    except ValueError:
        return "csp-header-invalid", {}
    default = csp.get("default-src")
    script = set(csp.get("script-src") or default or {"*"})
    style = set(csp.get("style-src") or default or {"*"})
    objects = csp.get("object-src") or default or {"*"}
    for sources in (script, style):
        if any(s.startswith(NONCES_HASHES) for s in sources):
            sources.discard("'unsafe-inline'")
    active = [
        s for d, v in csp.items() if d not in ("img-src", "media-src", "script-src") for s in v
    ]
    active += list(script)
    passive = [s for d in ("img-src", "media-src") for s in csp.get(d, default or set())]
    flags = {
        "anti_clickjacking": not (csp.get("frame-ancestors", {"*"}) & BROAD),
        "insecure_base_uri": bool((csp.get("base-uri") or {"*"}) & (BROAD | UNSAFE_INLINE)),
        "insecure_form_action": bool((csp.get("form-action") or {"*"}) & BROAD),
        "object_src_none": objects == {"'none'"},
        "policy": csp,
    }
    if script & (BROAD | UNSAFE_INLINE) or objects & BROAD:
        result = "csp-implemented-with-unsafe-inline"
    elif any("http:" in s or "ftp:" in s for s in active):
        result = "csp-implemented-with-insecure-scheme"
    elif (script | style) & {"'unsafe-eval'"}:
        result = "csp-implemented-with-unsafe-eval"
    elif any("http:" in s or "ftp:" in s for s in passive):
        result = "csp-implemented-with-insecure-scheme-in-passive-content-only"
    elif style & (BROAD | UNSAFE_INLINE):
        result = "csp-implemented-with-unsafe-inline-in-style-src-only"
    elif default == {"'none'"}:
        result = "csp-implemented-with-no-unsafe-default-src-none"
    else:
        result = "csp-implemented-with-no-unsafe"
    return result, flags


def hsts_result(headers) -> tuple[str, bool]:
    value = headers.get("Strict-Transport-Security")
    if value is None:
        return "hsts-not-implemented", False
    parts = [p.strip().lower() for p in value.split(";")]
    ages = [p.removeprefix("max-age=") for p in parts if p.startswith("max-age=")]
    if "," in value or len(ages) != 1 or not ages[0].isdigit() or int(ages[0]) == 0:
        return "hsts-header-invalid", False
    subdomains = "includesubdomains" in parts
    if int(ages[0]) < 15552000:  # the Observatory's "white lie" for six months
        return "hsts-implemented-max-age-less-than-six-months", subdomains
    return "hsts-implemented-max-age-at-least-six-months", subdomains


def referrer_result(headers) -> str:
    value = headers.get("Referrer-Policy")
    if value is None:
        return "referrer-policy-not-implemented"
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    unsafe = {"origin", "origin-when-cross-origin", "unsafe-url"}
    valid = private | unsafe | {"no-referrer-when-downgrade"}
    tokens = [t.strip() for t in value.lower().split(",") if t.strip() in valid]
    policy = tokens[-1] if tokens else None
    if policy in private:
        return "referrer-policy-private"
    if policy == "no-referrer-when-downgrade":
        return "referrer-policy-no-referrer-when-downgrade"
    return "referrer-policy-unsafe" if policy in unsafe else "referrer-policy-header-invalid"


def nosniff_result(headers) -> str:
    value = headers.get("X-Content-Type-Options")
    if value is None:
        return "x-content-type-options-not-implemented"
    if value.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def frame_result(headers, csp_flags) -> str:
    if csp_flags.get("anti_clickjacking") and "frame-ancestors" in csp_flags.get("policy", {}):
        return "x-frame-options-implemented-via-csp"
    value = headers.get("X-Frame-Options")
    if value is None:
        return "x-frame-options-not-implemented"
    if value.strip().lower() in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    return "x-frame-options-header-invalid"


def xss_result(headers, csp_name) -> str:
    value = headers.get("X-XSS-Protection")
    strong = csp_name in (
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-no-unsafe",
    )
    if value is None:
        return (
            "x-xss-protection-not-needed-due-to-csp"
            if strong
            else "x-xss-protection-not-implemented"
        )
    if value.strip().startswith("0"):
        return "x-xss-protection-disabled"
    return "x-xss-protection-enabled-mode-block"


def cors_result(headers) -> str:
    value = headers.get("Access-Control-Allow-Origin")
    if value is None:
        return "cross-origin-resource-sharing-not-implemented"
    if value.strip() == "*" and headers.get("Access-Control-Allow-Credentials") == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def sri_result(headers, html: str, host: str) -> str:
    if "html" not in headers.get("Content-Type", ""):
        return "sri-not-implemented-response-not-html"
    scripts = re.findall(r"<script\b([^>]*)>", html, flags=re.IGNORECASE)
    sources = [re.search(r'\bsrc="([^"]*)"', attrs) for attrs in scripts]
    sources = [match.group(1) for match in sources if match]
    if not sources:
        return "sri-not-implemented-but-no-scripts-loaded"
    external = [s for s in sources if urlsplit(s).netloc and urlsplit(s).netloc != host]
    if not external:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
    if any(not s.startswith("https://") for s in external):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely"
    return "sri-not-implemented-but-external-scripts-loaded-securely"


def cookies_result(cookies: list[Morsel], hsts_ok: bool) -> str:
    order = [
        "cookies-without-secure-flag-but-protected-by-hsts",
        "cookies-without-secure-flag",
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        "cookies-samesite-flag-invalid",
        "cookies-anticsrf-without-samesite-flag",
        "cookies-session-without-httponly-flag",
        "cookies-session-without-secure-flag",
    ]
    if not cookies:
        return "cookies-not-found"
    worst, samesite_seen = None, False

    def worse(result):
        nonlocal worst
        if worst is None or order.index(result) > order.index(worst):
            worst = result

    for cookie in cookies:
        name = cookie.key.lower()
        session = "login" in name or "sess" in name
        samesite = str(cookie["samesite"]).strip().lower()
        if samesite in ("lax", "strict"):
            samesite_seen = True
        elif samesite:
            worse("cookies-samesite-flag-invalid")
        if not cookie["secure"]:
            worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_ok
                else "cookies-without-secure-flag"
            )
            if session:
                worse(
                    "cookies-session-without-secure-flag-but-protected-by-hsts"
                    if hsts_ok
                    else "cookies-session-without-secure-flag"
                )
        if "csrf" in name and not samesite:
            worse("cookies-anticsrf-without-samesite-flag")
        if session and not cookie["httponly"]:
            worse("cookies-session-without-httponly-flag")
    if worst:
        return worst
    if samesite_seen:
        return "cookies-secure-with-httponly-sessions-and-samesite"
    return "cookies-secure-with-httponly-sessions"


def page_results(response, host="testserver") -> tuple[list[str], dict]:
    headers = response.headers
    csp_name, csp_flags = csp_result(headers)
    hsts_name, _subdomains = hsts_result(headers)
    html = response.content.decode(errors="replace") if not response.streaming else ""
    return [
        csp_name,
        hsts_name,
        referrer_result(headers),
        nosniff_result(headers),
        frame_result(headers, csp_flags),
        xss_result(headers, csp_name),
        cors_result(headers),
        sri_result(headers, html, host),
    ], csp_flags


def observatory_score(results: list[str]) -> int:
    """Round one: the penalties; round two, only from 90 up: the bonuses."""
    modifiers = [MODIFIERS[result] for result in results]
    score = 100 + sum(m for m in modifiers if m < 0)
    if score >= 90:
        score += sum(m for m in modifiers if m > 0)
    return max(score, 0)


def redirection_result(response) -> str:
    if response.status_code not in (301, 302, 307, 308):
        return "redirection-missing"
    target = urlsplit(response["Location"])
    if target.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection"
    if target.netloc != "testserver":
        return "redirection-off-host-from-http"
    return "redirection-to-https"


# --- The site ---------------------------------------------------------------------------

PAGES = {
    "home": "/",
    "advices": "/adviezen/",
    "login": reverse("accounts:login"),
    "not found": "/deze-pagina-bestaat-niet/",
    "health check": "/healthz",
}


@pytest.fixture
def production(settings):
    """As in production: the HTTPS redirect on (the test settings turn it off)."""
    settings.SECURE_SSL_REDIRECT = True
    return settings


def collect_cookies(*responses) -> list[Morsel]:
    return [morsel for response in responses for morsel in response.cookies.values()]


def site_results(client) -> tuple[dict, list[Morsel]]:
    responses = {name: client.get(path, secure=True) for name, path in PAGES.items()}
    user = UserFactory(role=MEMBER)
    login = client.post(PAGES["login"], {"username": user.email, "password": PASSWORD}, secure=True)
    assert "sessionid" in login.cookies, "the login did not succeed"
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    responses["portal"] = client.get(reverse("portal"), secure=True)
    cookies = collect_cookies(*responses.values(), login, language)
    return responses, cookies


def test_every_production_response_scores_a_plus(production):
    client = Client()
    redirect = redirection_result(client.get("/", secure=False))
    responses, cookies = site_results(client)
    assert {c.key for c in cookies} >= {"csrftoken", "sessionid", "django_language"}
    report = {}
    for name, response in responses.items():
        results, _flags = page_results(response)
        hsts_ok = results[1] == "hsts-implemented-max-age-at-least-six-months"
        results += [redirect, cookies_result(cookies, hsts_ok)]
        report[name] = (observatory_score(results), response.status_code, results)
    failing = {name: entry for name, entry in report.items() if entry[0] < 100}
    assert not failing, f"below A+ (100): {failing}"


def test_the_site_takes_every_bonus_but_default_src_none(production):
    # 100 + CSP 5 + cookies 5 + referrer 5 + frame-ancestors 5 = 120 (default-src is
    # 'self'; 'none' would add 5 more). No penalty at all.
    responses, cookies = site_results(Client())
    results, _flags = page_results(responses["home"])
    results += ["redirection-to-https", cookies_result(cookies, True)]
    assert observatory_score(results) >= 120, results


def test_csp_hsts_and_cookies_are_as_strict_as_the_brief_asks(production):
    responses, cookies = site_results(Client())
    for name, response in responses.items():
        _results, flags = page_results(response)
        policy = flags["policy"]
        assert flags["object_src_none"], name
        assert not flags["insecure_base_uri"] and "base-uri" in policy, name
        assert not flags["insecure_form_action"] and "form-action" in policy, name
        assert policy["frame-ancestors"] == {"'none'"}, name
        assert not {"'unsafe-inline'", "'unsafe-eval'"} & policy["script-src"], name
        assert policy["default-src"] in ({"'none'"}, {"'self'"}), name
        hsts, subdomains = hsts_result(response.headers)
        assert hsts == "hsts-implemented-max-age-at-least-six-months" and subdomains, name
        assert int(response["Strict-Transport-Security"].split("max-age=")[1].split(";")[0]) >= (
            SIX_MONTHS
        )
    for cookie in cookies:
        if not cookie.value:  # a deletion (logout) carries no secret
            continue
        assert cookie["secure"], cookie.key
        assert cookie["httponly"], cookie.key
        assert str(cookie["samesite"]).lower() in ("lax", "strict"), cookie.key


def test_http_is_redirected_to_https_on_the_same_host(production):
    assert redirection_result(Client().get("/adviezen/")) == "redirection-to-https"


def test_the_scorer_marks_down_a_weak_site():
    # The scorer can fail: a response without the headers, with an unsafe cookie.
    class Weak:
        headers = {"Content-Type": "text/html"}
        content = b'<script src="http://cdn.example.com/x.js"></script>'
        streaming = False

    results, _flags = page_results(Weak())
    cookie = Morsel()
    cookie.set("sessionid", "x", "x")
    results += ["redirection-missing", cookies_result([cookie], hsts_ok=False)]
    assert observatory_score(results) == 0
    unsafe_csp = {
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'"
    }
    assert csp_result(unsafe_csp)[0] == "csp-implemented-with-unsafe-inline"
    assert hsts_result({"Strict-Transport-Security": "max-age=86400"})[0] == (
        "hsts-implemented-max-age-less-than-six-months"
    )
