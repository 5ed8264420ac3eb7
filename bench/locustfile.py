"""`make loadtest`: 50 simulated people on the bench site for 60 seconds (locust, headless).

Run by bench.loadtest, which prepares the site and checks the database afterwards.
Visitors browse and search /adviezen/ and open advices and their PDFs; applicants send
the application form of the open recruitment round (/aanmelden/); members log in with
their own account (bench-<n>@example.net: no two share one, so no lockout) and submit
expense claims with a small PNG receipt. Every write carries a unique tag; the tags of
the writes the site confirmed go to the file named by LOADTEST_WRITES, to be found in
the database afterwards. The site sees what nginx would pass: X-Forwarded-Proto https.
Any answer other than the expected one counts as a failure.
"""

import datetime
import itertools
import json
import os
import random
import re
import threading
import uuid

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "bench-asdg-2026")
SLUGS = os.environ.get("LOADTEST_SLUGS", "").split(",")
FIRST_MEMBER = int(os.environ.get("LOADTEST_FIRST_MEMBER", "1"))
WRITES = os.environ.get("LOADTEST_WRITES", "loadtest-writes.json")
SEARCHES = ["armoede", "jeugd", "mantelzorg", "wmo", "eenzaamheid", "schulden", "werk"]
# The smallest valid PNG: a 1×1 transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000185d28b1b0000000049454e44ae426082"
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THEME = re.compile(r'name="knowledge_themes" value="(\d+)"')

_lock = threading.Lock()
_members = itertools.count(FIRST_MEMBER)
confirmed: dict[str, list[str]] = {"applications": [], "claims": []}


def _record(kind: str, tag: str) -> None:
    with _lock:
        confirmed[kind].append(tag)


@events.test_stop.add_listener
def _write_confirmed(**_kwargs):
    with open(WRITES, "w") as out:
        json.dump(confirmed, out)


class Browser(HttpUser):
    """Speaks to gunicorn as nginx would; follows no redirect by itself."""

    abstract = True
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.origin = "https://" + self.host.split("://", 1)[1].rstrip("/")

    def _unsecure_cookies(self):
        # The cookies are Secure (production settings); this client speaks plain HTTP to
        # gunicorn, as nginx does, so it must send them back all the same.
        for cookie in self.client.cookies:
            cookie.secure = False

    def get(self, path, *, name=None, expect=200, **kwargs):
        with self.client.get(
            path, name=name or path, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code}, expected {expect}")
        self._unsecure_cookies()
        return response

    def post(self, path, data, *, name=None, files=None, expect=302):
        with self.client.post(
            path,
            data=data,
            files=files,
            name=name or path,
            allow_redirects=False,
            catch_response=True,
            headers={"Origin": self.origin, "Referer": self.origin + path},
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code}, expected {expect}")
        self._unsecure_cookies()
        return response

    def form_token(self, path, *, name=None):
        response = self.get(path, name=name)
        found = CSRF.search(response.text or "")
        return response, found.group(1) if found else ""


class Visitor(Browser):
    fixed_count = 30

    @task(4)
    def advices(self):
        self.get("/adviezen/")

    @task(2)
    def search(self):
        self.get(f"/adviezen/?q={random.choice(SEARCHES)}", name="/adviezen/?q=…")

    @task(3)
    def advice(self):
        self.get(f"/adviezen/{random.choice(SLUGS)}/", name="/adviezen/<slug>/")

    @task(1)
    def pdf(self):
        self.get(f"/adviezen/{random.choice(SLUGS)}/pdf/", name="/adviezen/<slug>/pdf/")


class Applicant(Browser):
    fixed_count = 8

    @task
    def apply(self):
        response, token = self.form_token("/aanmelden/")
        theme = THEME.search(response.text or "")
        tag = f"load-{uuid.uuid4().hex[:12]}@example.net"
        data = {
            "csrfmiddlewaretoken": token,
            "first_name": "Belasting",
            "last_name": "Test",
            "email": tag,
            "phone": "",
            "street_address": "Herestraat 1",
            "postcode": "9712 AB",
            "date_of_birth": "1980-04-02",
            "motivation": "Ik wil meedenken over het sociaal domein.",
            "network": "Buurtvereniging",
            "cultural_background": "",
            "personal_capacity": "on",
            "m5_council": "no",
            "m5_employee": "no",
            "m5_commercial": "no",
            "m5_political": "no",
        }
        if theme:
            data["knowledge_themes"] = theme.group(1)
        sent = self.post("/aanmelden/", data)
        if sent.status_code == 302 and sent.headers.get("Location", "").endswith("/ontvangen/"):
            _record("applications", tag)
            self.get("/aanmelden/ontvangen/")


class MemberUser(Browser):
    fixed_count = 12

    def on_start(self):
        super().on_start()
        self.email = f"bench-{next(_members)}@example.net"
        _response, token = self.form_token("/account/inloggen/")
        self.post(
            "/account/inloggen/",
            {"csrfmiddlewaretoken": token, "username": self.email, "password": PASSWORD},
            name="/account/inloggen/ (POST)",
        )

    @task(2)
    def portal(self):
        self.get("/portaal/")

    @task(1)
    def claims(self):
        self.get("/portaal/begroting/declaraties/")

    @task(2)
    def claim(self):
        _response, token = self.form_token("/portaal/begroting/declaraties/nieuw/")
        tag = f"load-{uuid.uuid4().hex[:12]}"
        sent = self.post(
            "/portaal/begroting/declaraties/nieuw/",
            {
                "csrfmiddlewaretoken": token,
                "date": datetime.date.today().isoformat(),
                "amount": "4,50",
                "description": f"Parkeerkosten bijeenkomst {tag}",
            },
            files={"receipt": ("bon.png", PNG, "image/png")},
            name="/portaal/begroting/declaraties/nieuw/ (POST)",
        )
        if sent.status_code == 302 and "/declaraties/" in sent.headers.get("Location", ""):
            _record("claims", tag)
