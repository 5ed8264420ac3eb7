"""Issue 15.2/15.9: the visitor's address behind the trusted proxies (members.client)."""

import pytest
from django.test import RequestFactory

from members.client import client_address


def _request(remote="", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        # Directly reachable: REMOTE_ADDR, whatever the visitor wrote in the header.
        (0, "198.51.100.7", "203.0.113.5", "198.51.100.7"),
        # nginx on the unix socket: REMOTE_ADDR is empty, nginx appended the visitor.
        (1, "", "203.0.113.5", "203.0.113.5"),
        # A visitor's own header is kept on the left by nginx and never read.
        (1, "", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (1, "", '\\", 203.0.113.5', "203.0.113.5"),
        # nginx over TCP: REMOTE_ADDR is nginx.
        (1, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        # A load balancer in front of nginx: two proxies.
        (2, "", "6.6.6.6, 203.0.113.5, 10.0.0.3", "203.0.113.5"),
        (1, "", "2001:db8::1", "2001:db8::1"),
        # Fewer hops than proxies (a health check on loopback): the furthest one known.
        (1, "127.0.0.1", None, "127.0.0.1"),
        # Nothing usable: no address rather than text in an inet column.
        (1, "", "not an address", None),
        (1, "", None, None),
        (1, "", "203.0.113.5\x00", None),
    ],
)
def test_client_address_is_what_the_outermost_trusted_proxy_saw(
    settings, proxies, remote, forwarded, expected
):
    settings.ASDG_TRUSTED_PROXIES = proxies
    assert client_address(_request(remote, forwarded)) == expected
