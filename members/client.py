"""The visitor's address: one function for the login lockout, rate limits and the audit log.

Behind the documented deployment (nginx → gunicorn on a unix socket) REMOTE_ADDR is
empty, and behind any proxy it is the proxy's: every visitor would share one address.
Each proxy appends the address it received the request from to X-Forwarded-For, so with
settings.ASDG_TRUSTED_PROXIES proxies in front of the site the visitor is the address the
outermost one added: the N-th from the right, REMOTE_ADDR counted as the last hop. What a
visitor wrote further left into the header is never read, so it cannot be forged.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The visitor's IP address as the trusted proxies saw it, or None when unusable."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    hops.append(request.META.get("REMOTE_ADDR", "").strip())
    # Fewer hops than proxies: the request did not pass them all; the furthest one we
    # know is then the best answer (the test client, a health check on loopback).
    index = max(len(hops) - 1 - settings.ASDG_TRUSTED_PROXIES, 0)
    try:
        return str(ipaddress.ip_address(hops[index]))
    except ValueError:
        return None
