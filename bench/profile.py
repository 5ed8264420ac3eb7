"""Where a page's time goes, in this process: milliseconds and queries per request.

    .venv/bin/python -m bench.profile [--times N] [--only WORDS] [--profile WORDS] [--top N]

The same pages as `make bench` (bench.run.pages), on the bench database (prepare it
once with `make bench` or bench.server.prepare()), requested with Django's test client
through the whole middleware stack, so no server, no network and no other process is
measured. The public pages are also requested uncached: each request right after a
publication (bench.run.publish_again). Per page: the median and the lowest wall time of
`times` requests, the median CPU time of this process (Python's share, steadier on a
loaded machine) and the queries of one. `--profile` prints cProfile's figures (by
cumulative time) of the pages whose name holds WORDS. Steadier than wrk on a shared
machine, for a before and after; never a timed test.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time

from bench import server


def _client(page):
    from django.test import Client

    client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME=server.HOST)
    if page.cookie:
        name, value = page.cookie.split("=", 1)
        client.cookies[name] = value
    return client


def _request(client, page, before, profiler=None) -> tuple[float, float]:
    """Wall and CPU milliseconds of one request (CPU: this process's, so without the
    database's time and steadier than wall time on a loaded machine)."""
    if before:
        before()
    if profiler:
        profiler.enable()
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(page.path)
    elapsed = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    if profiler:
        profiler.disable()
    assert response.status_code == 200, (page.path, response.status_code)
    return elapsed


def _queries(client, page, before, show=False) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    with CaptureQueriesContext(connection) as queries:
        client.get(page.path)
    if show:
        for query in queries.captured_queries:
            print(f"  {query['time']} {query['sql'][:300]}")
    return len(queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=15)
    parser.add_argument("--only", default="", help="pages whose name holds this")
    parser.add_argument("--profile", default="", help="cProfile the pages whose name holds this")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: tottime ...")
    args = parser.parse_args(argv)
    server.setup_django()
    from bench import run

    pages = [page for page in run.pages(run.sessions()) if page.content_type == "text/html"]
    cases = []
    for page in pages:
        cases.append((page.name, page, None))
        if page.public:
            cases.append((page.name + run.UNCACHED, page, run.publish_again))
    for name, page, before in cases:
        if args.only and args.only not in name:
            continue
        client = _client(page)
        _request(client, page, None)  # warm: templates, this worker's caches
        profiler = cProfile.Profile() if args.profile and args.profile in name else None
        measured = [_request(client, page, before, profiler) for _ in range(args.times)]
        times, cpu = [wall for wall, _cpu in measured], [cpu for _wall, cpu in measured]
        queries = _queries(client, page, before, show=args.sql)
        print(
            f"{name:<70} p50 {statistics.median(times):6.1f} ms  "
            f"min {min(times):6.1f} ms  CPU p50 {statistics.median(cpu):6.1f} ms  "
            f"{queries:3d} queries",
            flush=True,
        )
        if profiler:
            stats = pstats.Stats(profiler)
            stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
