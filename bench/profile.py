"""Why is a page slow? In-process profile of public pages on the bench database, page cache off.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jinshi_bench .venv/bin/python -m bench.profile home news
    .venv/bin/python -m bench.profile --repeat 50 --top 30 article

For each page: mean server time over --repeat requests through the test Client (the whole
middleware stack, production settings), the number of queries and the share of time spent in the
database, then the functions with the most cumulative time (cProfile). `make bench` measures; this
explains. Page names are those of bench/pages.py.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from types import SimpleNamespace


def setup_django() -> None:
    """Django in this process on the bench database: production settings, page cache off, no Redis."""
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jinshi_bench")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "jinshi_laotixie.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "profile-" + secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "PUBLIC_PAGE_CACHE": "off",
        "LOG_LEVEL": "ERROR",
    })
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names (default: all)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--queries", action="store_true", help="print each query with its time")
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection
    from django.test import Client

    from bench.pages import PAGES, resolve

    wanted = set(args.pages)
    found, notes = resolve([page for page in PAGES if not wanted or page.name in wanted])
    for note in notes:
        print(note)
    client = Client()
    for page, url in found:
        response = client.get(url)  # warm the template loader and the connection
        if response.status_code != 200:
            print(f"{page.name}: {url} 返回 {response.status_code}")
            continue
        # Not CaptureQueriesContext: the request_started signal empties the connection's query log
        # at the start of each request, so the test client's request left it reporting none.
        captured = []

        def record(execute, sql, params, many, context, captured=captured):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append({"sql": sql, "time": time.perf_counter() - start})

        with connection.execute_wrapper(record):
            client.get(url)
        queries = SimpleNamespace(captured_queries=captured)
        db_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        started = time.perf_counter()
        for _ in range(args.repeat):
            client.get(url)
        mean_ms = (time.perf_counter() - started) * 1000 / args.repeat
        print(f"\n== {page.name} {url}: {mean_ms:.1f} ms/请求，{len(queries.captured_queries)} 条查询，数据库 {db_ms:.1f} ms")
        if args.queries:
            for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(max(1, args.repeat // 3)):
            client.get(url)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
