"""`make loadtest`: a bounded load on the bench site, then a check that no write was lost.

    .venv/bin/python -m bench.loadtest [--users 50] [--seconds 60]

The same site as `make bench` (bench.server: production settings, gunicorn with 2
workers, loopback). locust (headless, bench/locustfile.py) runs 30 visitors, 8
applicants and 12 members for 60 seconds. Passes when locust saw no failure (no 5xx,
no unexpected status) and every application and claim the site confirmed is stored.
Exits non-zero otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys

from bench import server

LOCUST = str(server.PROJECT_DIR / ".venv" / "bin" / "locust")


def stored(tags: dict[str, list[str]]) -> dict[str, int]:
    """How many of the confirmed writes the database holds."""
    from finance.models import ExpenseClaim
    from members.models import Application

    claims = 0
    for tag in tags["claims"]:
        claims += ExpenseClaim.objects.filter(description__endswith=tag).count() == 1
    return {
        "applications": Application.objects.filter(email__in=tags["applications"]).count(),
        "claims": claims,
    }


def summary(stats_csv) -> tuple[int, int, list[str]]:
    requests = failures = 0
    lines = []
    with open(stats_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                requests, failures = int(row["Request Count"]), int(row["Failure Count"])
                continue
            lines.append(
                f"  {row['Type']:<4} {row['Name']:<44} {int(row['Request Count']):>6} requests "
                f"{int(row['Failure Count']):>4} failed  median {row['Median Response Time']} ms"
                f"  p95 {row['95%']} ms"
            )
    return requests, failures, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--fresh", action="store_true", help="recreate the bench database")
    args = parser.parse_args(argv)

    server.prepare(fresh=args.fresh)
    server.setup_django()
    from advices.models import Trajectory
    from bench.seed import BENCH_EMAIL
    from members.models import User

    slugs = list(
        Trajectory.objects.published().order_by("-published_at").values_list("slug", flat=True)[:20]
    )
    # One account per simulated member (no two share one, so axes sees no burst on one),
    # the last ones of the bench data.
    first = max(1, User.objects.filter(email__startswith="bench-").count() - args.users)
    assert User.objects.filter(email=BENCH_EMAIL.format(n=first)).exists()
    prefix = server.WORK_DIR / "loadtest"
    writes = server.WORK_DIR / "loadtest-writes.json"
    env = {
        **server.environment(),
        "LOADTEST_SLUGS": ",".join(slugs),
        "LOADTEST_FIRST_MEMBER": str(first),
        "LOADTEST_WRITES": str(writes),
    }
    with server.Gunicorn():
        # As on a site that has run a while: each advice's PDF made (once per publication)
        # and its page cached.
        for slug in slugs:
            for path in (f"/adviezen/{slug}/", f"/adviezen/{slug}/pdf/"):
                status, _body = server.fetch(path)
                if status != 200:
                    raise SystemExit(f"loadtest: {path} answered {status}")
        print(
            f"loadtest: {args.users} simulated people for {args.seconds} s on {server.BASE_URL}",
            flush=True,
        )
        locust = subprocess.run(
            [
                LOCUST,
                "-f", str(server.PROJECT_DIR / "bench" / "locustfile.py"),
                "--headless",
                "--users", str(args.users),
                "--spawn-rate", str(max(1, args.users // 5)),
                "--run-time", f"{args.seconds}s",
                "--stop-timeout", "10",
                "--host", server.BASE_URL,
                "--csv", str(prefix),
                "--only-summary",
                "--loglevel", "WARNING",
            ],
            cwd=server.PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
        )  # fmt: skip
    requests, failures, lines = summary(f"{prefix}_stats.csv")
    tags = json.loads(writes.read_text())
    found = stored(tags)
    lost = {kind: len(tags[kind]) - found[kind] for kind in tags}
    print("\n".join(lines))
    print(
        f"loadtest: {requests} requests, {failures} failed; "
        f"{len(tags['applications'])} applications and {len(tags['claims'])} claims confirmed, "
        f"{found['applications']} and {found['claims']} of them stored"
    )
    if failures:
        print(locust.stderr[-4000:], file=sys.stderr)
        with open(f"{prefix}_failures.csv") as handle:
            print(handle.read()[-4000:], file=sys.stderr)
    ok = failures == 0 and not any(lost.values()) and requests > 0 and all(tags.values())
    print("loadtest: " + ("PASSED" if ok else f"FAILED (lost writes: {lost})"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
