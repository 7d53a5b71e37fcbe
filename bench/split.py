"""Where a cold page's server time goes: CPU per request, of which template rendering, and the
database's wall time and query count, for each public page on the bench database, page cache off.

    .venv/bin/python -m bench.split                  # every page, 40 requests each
    .venv/bin/python -m bench.split article news -n 100

CPU is this process's (time.process_time), so PostgreSQL's own work is not in it; "db" is the wall
time of the queries as the client saw it. Rendering includes any query a template sets off.
`bench.profile` explains one page function by function; this compares pages and changes quickly.
"""

import argparse
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names of bench/pages.py (default: all)")
    parser.add_argument("-n", "--repeat", type=int, default=40)
    args = parser.parse_args(argv)

    from bench.profile import setup_django

    setup_django()
    from django.db import connection
    from django.template.backends import django as django_backend
    from django.template.backends import jinja2 as jinja2_backend
    from django.test import Client

    from bench.pages import PAGES, resolve

    totals = {"render": 0.0, "db": 0.0, "queries": 0}

    def timed_render(original):
        def render(self, context=None, request=None):
            start = time.process_time()
            try:
                return original(self, context, request)
            finally:
                totals["render"] += time.process_time() - start
        return render

    django_backend.Template.render = timed_render(django_backend.Template.render)
    jinja2_backend.Template.render = timed_render(jinja2_backend.Template.render)

    def timed_query(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            totals["db"] += time.perf_counter() - start
            totals["queries"] += 1

    wanted = set(args.pages)
    found, notes = resolve([page for page in PAGES if not wanted or page.name in wanted])
    for note in notes:
        print(note)
    client = Client()
    n = args.repeat
    print(f"{'page':16s} {'cpu ms':>7s} {'render':>7s} {'db ms':>7s} {'queries':>7s}")
    for page, url in found:
        for _ in range(5):
            client.get(url)
        for key in totals:
            totals[key] = 0
        with connection.execute_wrapper(timed_query):
            start = time.process_time()
            for _ in range(n):
                client.get(url)
            cpu = (time.process_time() - start) / n * 1000
        # Nested renders (a Django page inside the Jinja2 skeleton) count once per level.
        print(f"{page.name:16s} {cpu:7.2f} {totals['render'] / n * 1000:7.2f} {totals['db'] / n * 1000:7.2f} {totals['queries'] / n:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
