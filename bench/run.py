"""`make bench`: throughput and latency of the site's pages against two floors (a benchmark).

    .venv/bin/python -m bench.run [--fresh] [--quick] [--seconds N] [--rounds N]

Prepares the bench database (bench.server), serves the site with gunicorn as in
production, and drives each page with wrk (Debian package) at concurrency 1 and 20:
the anonymous home page, /adviezen/, an advice page, a search, an advice's PDF and the
open-data CSV (measured, without a goal of its own); the portal home of a member; the
dashboard of the secretariat (on its portal home and on the admin index); the admin
member list (past the second factor).

Two floors, each measured right before the page, turn by turn, in the same run:
- the bare floor: a Django project of one view with Django's default middleware and
  nothing of ours (bench.floor), on a second gunicorn with the same configuration;
- the site's floor: a minimal view behind the site's own middleware (bench.urls).

The public pages are also measured uncached: the first request after a publication
(an advice taken off the website and put back through the services, as the
secretariat does it), at concurrency 1. Queries per page are counted once with Django's
test client on the same database. The table, and a verdict per goal of issue 20, go to
stdout and bench/results/latest.md. Never a timed test: nothing here fails on a slow
machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench import server

CONCURRENCIES = (1, 20)
UNCACHED = " — uncached (first request after a publication)"
# Issue 20.2's goals, at 10x data.
SERVED_SHARE, SERVED_P95_MS = 0.75, 25.0  # public pages as served, concurrency 20
UNCACHED_P50_MS = 30.0  # public pages, first request after a publication, concurrency 1
LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    "BENCH {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p95_us\\": %d, "
    .. "\\"non_2xx_3xx\\": %d, \\"socket_errors\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    summary.errors.status, errors))
end
"""


@dataclass
class Page:
    name: str
    path: str
    cookie: str = ""
    content_type: str = "text/html"
    base_url: str = server.BASE_URL
    public: bool = False  # an anonymous public page: also measured uncached
    p50_goal_ms: float | None = None  # at concurrency 1
    max_queries: int | None = None


@dataclass
class Row:
    page: str
    concurrency: int
    rps: float | None
    p50_ms: float
    p95_ms: float
    bare: float | None  # requests per second as a share of the bare floor's
    site: float | None  # ... and of the site's floor
    queries: int | None = None
    errors: int = 0


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def format_table(rows: list[Row]) -> str:
    """A Markdown table: page, concurrency, req/s, p50, p95, the two ratios, queries."""
    lines = [
        "| page | concurrency | req/s | p50 ms | p95 ms | of the bare floor "
        "| of the site's floor | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        queries = "—" if row.queries is None else str(row.queries)
        errors = f" ({row.errors} errors)" if row.errors else ""
        rps = "—" if row.rps is None else f"{row.rps:,.0f}"
        lines.append(
            f"| {row.page}{errors} | {row.concurrency} | {rps} | {row.p50_ms:.1f} "
            f"| {row.p95_ms:.1f} | {_share(row.bare)} | {_share(row.site)} | {queries} |"
        )
    return "\n".join(lines)


def wrk(page: Page, *, concurrency: int, seconds: int) -> dict:
    """Run wrk against one page; requests per second, p50/p95 in ms, errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    command = [
        "wrk",
        f"--threads={min(concurrency, 2)}",
        f"--connections={concurrency}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={script.name}",
        "--header=X-Forwarded-Proto: https",
    ]
    if page.cookie:
        command.append(f"--header=Cookie: {page.cookie}")
    try:
        output = subprocess.run(
            [*command, page.base_url + page.path], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50_ms": data["p50_us"] / 1000,
        "p95_ms": data["p95_us"] / 1000,
        "errors": data["non_2xx_3xx"] + data["socket_errors"],
    }


def sessions() -> dict[str, str]:
    """Session cookies of a member, the secretariat, and the secretariat past the 2nd factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from members.models import User

    cookies = {}
    for name, email, verified in (
        ("member", "lid@example.org", False),
        ("secretariat", "secretaris@example.org", False),
        ("secretariat-otp", "secretaris@example.org", True),
    ):
        user = User.objects.get(email=email)
        client = Client()
        client.force_login(user)
        if verified:
            device, _created = TOTPDevice.objects.get_or_create(
                user=user, name="bench", defaults={"confirmed": True}
            )
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        cookies[name] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


def _advice():
    """The newest published advice of the demo (not one of the bench's copies)."""
    from advices.models import Trajectory

    return (
        Trajectory.objects.published()
        .exclude(slug__contains="-x")
        .order_by("-published_at")
        .first()
    )


def floors() -> tuple[Page, Page]:
    from django.urls import reverse

    bare = Page("bare floor (Django's default middleware)", "/", base_url=server.FLOOR_URL)
    site = Page("site's floor (our middleware)", reverse("bench-floor"))
    return bare, site


def pages(cookies: dict[str, str]) -> list[Page]:
    from django.urls import reverse

    advice = _advice()
    detail = reverse("advices_public:detail", kwargs={"slug": advice.slug})
    pdf = reverse("advices_public:pdf", kwargs={"slug": advice.slug})
    search = urlencode({"q": max(advice.subject.split(), key=len)})  # a word of its subject
    return [
        Page("home (anonymous)", reverse("home"), public=True),
        Page("/adviezen/ (anonymous)", reverse("advices_public:list"), public=True),
        Page("advice page (anonymous)", detail, public=True),
        Page("search (anonymous)", f"{reverse('advices_public:list')}?{search}", public=True),
        Page("advice PDF (anonymous)", pdf, content_type="application/pdf"),
        # Issue 19.5: the open data, cached per publication version; no verdict (no goal).
        Page(
            "open-data CSV (anonymous)",
            reverse("advices_public:open-data-csv"),
            content_type="text/csv",
        ),
        Page("portal home (member)", reverse("portal"), cookies["member"], p50_goal_ms=25),
        Page(
            "dashboard on the portal home (secretariat)",
            reverse("portal"),
            cookies["secretariat"],
            p50_goal_ms=40,
            max_queries=15,
        ),
        Page(
            "dashboard on the admin index (secretariat)",
            reverse("admin:index"),
            cookies["secretariat-otp"],
            p50_goal_ms=40,
            max_queries=15,
        ),
        Page(
            "admin member list (secretariat)",
            reverse("admin:members_member_changelist"),
            cookies["secretariat-otp"],
            p50_goal_ms=60,
        ),
    ]


def count_queries(page: Page, *, after=None) -> int:
    """The queries of one request as served (the page requested once before), or of the
    first request after `after()` (a publication)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME=server.HOST)
    if page.cookie:
        name, value = page.cookie.split("=", 1)
        client.cookies[name] = value
    client.get(page.path)
    if after:
        after()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
    assert response.status_code == 200, (page.path, response.status_code)
    return len(queries)


def check(page: Page) -> None:
    """The page answers 200 with its content type (not a redirect to a login page)."""
    status, body = server.fetch(page.path, page.cookie, base_url=page.base_url)
    if status != 200:
        raise SystemExit(f"bench: {page.base_url}{page.path} answered {status}, not 200")
    if page.content_type == "application/pdf" and not body.startswith(b"%PDF"):
        raise SystemExit(f"bench: {page.path} is not a PDF")


def measure(page: Page, seconds: int, rounds: int, bare: Page, site: Page) -> list[Row]:
    """The page at each concurrency, each floor measured right before it, for the ratios.

    Measured side by side, page and floors see the same machine: whatever else runs on
    it weighs on all three, and the ratios stay fair. A shared machine still drifts from
    second to second, so each triple is measured `rounds` times, turn by turn, and the
    row holds the round with the median ratio to the bare floor.
    """
    check(page)
    wrk(page, concurrency=2, seconds=1)  # warm every worker
    rows = []
    for concurrency in CONCURRENCIES:
        turns = []
        for _round in range(rounds):
            floor_bare = wrk(bare, concurrency=concurrency, seconds=seconds)
            floor_site = wrk(site, concurrency=concurrency, seconds=seconds)
            result = wrk(page, concurrency=concurrency, seconds=seconds)
            turns.append((result["rps"] / floor_bare["rps"], floor_bare, floor_site, result))
        turns.sort(key=lambda turn: turn[0])
        share, floor_bare, floor_site, result = turns[len(turns) // 2]
        rows.append(
            Row(
                page=page.name,
                concurrency=concurrency,
                rps=result["rps"],
                p50_ms=result["p50_ms"],
                p95_ms=result["p95_ms"],
                bare=share,
                site=result["rps"] / floor_site["rps"],
                errors=sum(turn[3]["errors"] for turn in turns),
            )
        )
        print(
            f"bench: {page.name:<44} c={concurrency:<2} {result['rps']:8,.0f} req/s  "
            f"p50 {result['p50_ms']:6.1f} ms  p95 {result['p95_ms']:6.1f} ms  "
            f"(bare floor {floor_bare['rps']:,.0f} req/s, site's floor "
            f"{floor_site['rps']:,.0f}; shares of the bare floor "
            + ", ".join(f"{turn[0]:.0%}" for turn in turns)
            + ")",
            flush=True,
        )
    return rows


def publish_again() -> None:
    """A publication as the secretariat makes one: an advice taken off the website and put
    back through the services, at its own date (the data stay as they were). It is the
    oldest published one, never the advice page measured."""
    from advices.models import Trajectory
    from advices.services import advice_publish, advice_unpublish

    trajectory = Trajectory.objects.published().order_by("published_at").first()
    published_at = trajectory.published_at
    advice_unpublish(trajectory=trajectory, by=None)
    advice_publish(trajectory=trajectory, by=None, at=published_at)


# After a publication, a worker may go on trusting its own copy of what changed for
# up to a second; the request measured comes after that, so it is really uncached.
SETTLE_SECONDS = 1.1


def measure_uncached(page: Page, times: int) -> Row:
    """The page's first request after a publication, `times` times, at concurrency 1."""
    latencies = []
    for _ in range(times):
        publish_again()
        time.sleep(SETTLE_SECONDS)
        started = time.perf_counter()
        status, _body = server.fetch(page.path)
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"bench: {page.path} answered {status} after a publication")
    latencies.sort()
    row = Row(
        page=page.name + UNCACHED,
        concurrency=1,
        rps=None,
        p50_ms=statistics.median(latencies),
        p95_ms=latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))],
        bare=None,
        site=None,
    )
    print(
        f"bench: {row.page:<44} c=1  p50 {row.p50_ms:6.1f} ms  p95 {row.p95_ms:6.1f} ms "
        f"({times} publications)",
        flush=True,
    )
    return row


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (
        f"{system}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{(wrk_version.stdout or wrk_version.stderr).split(' [')[0].strip()}"
    )


def verdicts(pages: list[Page], rows: list[Row]) -> list[str]:
    """Issue 20.2's goals, one line each, ending in 'ok' or 'NOT MET'."""
    by = {(row.page, row.concurrency): row for row in rows}
    lines = []

    def verdict(text: str, met: bool) -> None:
        lines.append(f"- {text}: " + ("ok" if met else "NOT MET"))

    for page in pages:
        if page.public and (row := by.get((page.name, 20))):
            verdict(
                f"{page.name} as served, concurrency 20: {_share(row.bare)} of the bare floor "
                f"(needs ≥ {SERVED_SHARE:.0%}; {_share(row.site)} of the site's floor), "
                f"p95 {row.p95_ms:.1f} ms (needs ≤ {SERVED_P95_MS:.0f})",
                row.bare is not None and row.bare >= SERVED_SHARE and row.p95_ms <= SERVED_P95_MS,
            )
        if page.public and (row := by.get((page.name + UNCACHED, 1))):
            verdict(
                f"{page.name} uncached (first request after a publication), concurrency 1: "
                f"p50 {row.p50_ms:.1f} ms (needs ≤ {UNCACHED_P50_MS:.0f})",
                row.p50_ms <= UNCACHED_P50_MS,
            )
        if page.p50_goal_ms and (row := by.get((page.name, 1))):
            text = (
                f"{page.name}, concurrency 1: p50 {row.p50_ms:.1f} ms "
                f"(needs ≤ {page.p50_goal_ms:.0f})"
            )
            met = row.p50_ms <= page.p50_goal_ms
            if page.max_queries is not None:
                text += f", {row.queries} queries (needs ≤ {page.max_queries})"
                met = met and row.queries is not None and row.queries <= page.max_queries
            verdict(text, met)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="recreate the bench database")
    parser.add_argument(
        "--quick", action="store_true", help="1 s per measurement, 1 round: a first look"
    )
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 3)))
    parser.add_argument(
        "--rounds",
        type=int,
        default=int(os.environ.get("BENCH_ROUNDS", 3)),
        help="floors and page measured this many times, turn by turn; the median ratio counts",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 1, 1
    uncached_times = 5 if args.quick else 9
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing (apt-get install wrk; `make bench` does it)")

    server.prepare(fresh=args.fresh)
    server.setup_django()
    from django.core.cache import cache

    cookies = sessions()
    bare, site = floors()
    measured = pages(cookies)
    rows: list[Row] = []
    cache.clear()
    floor_server = server.Gunicorn(server.FLOOR_APP, port=server.FLOOR_PORT, ready="/")
    with floor_server, server.Gunicorn():
        check(bare)
        check(site)
        for page in measured:
            rows += measure(page, args.seconds, args.rounds, bare, site)
            if page.public:
                rows.append(measure_uncached(page, uncached_times))
    queries = {page.name: count_queries(page) for page in measured}
    queries |= {
        page.name + UNCACHED: count_queries(page, after=publish_again)
        for page in measured
        if page.public
    }
    for row in rows:
        row.queries = queries[row.page]

    table = format_table(rows)
    verdict = verdicts(measured, rows)
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    report = "\n".join(
        [
            "# `make bench`: latest figures",
            "",
            f"Measured {when} on {machine()}.",
            f"gunicorn (deploy/gunicorn.conf.py), {server.WORKERS} sync workers, DEBUG off, "
            "cache in PostgreSQL (CACHE_URL=dbcache://asdg_cache, as in production), "
            "PostgreSQL on the same machine over its socket, wrk on the same 2 cores; "
            f"{args.seconds} s per measurement; data: the demo × 10. Anonymous requests "
            "carry no cookie; logged-in ones a session made with Django's session store "
            '(the admin\'s past the second factor). "Of the bare floor": requests per '
            "second as a share of a Django project of one view with Django's default "
            "middleware (session, locale, common, CSRF, auth, messages, clickjacking; "
            "bench/floor/) on a second gunicorn of the same configuration; \"of the site's "
            "floor\": of a minimal view behind the site's own middleware (bench.urls). "
            "Both floors are measured right before the page at the same concurrency; each "
            f"such triple {args.rounds} times, turn by turn, and the round with the median "
            "share of the bare floor is shown (this shared machine drifts by ±20% from "
            "minute to minute). Uncached: the first request after a publication (an advice "
            "taken off the website and put back through the services), "
            f"{uncached_times} times, one request at a time. Queries: one request, counted "
            "with Django's test client on the same database (the cache's reads included: "
            "it is in PostgreSQL).",
            "",
            table,
            "",
            "Goals (issue 20.2, at 10× data):",
            "",
            *verdict,
            "",
        ]
    )
    print()
    print(table)
    print()
    print("\n".join(verdict))
    server.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (server.RESULTS_DIR / "latest.md").write_text(report)
    print(f"\nbench: written to {server.RESULTS_DIR / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
