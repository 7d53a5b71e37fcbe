"""Count the queries each public page issues, through the test Client with the page cache off.

``python -m bench.querycount`` prints {"<page>": {"url", "status", "queries"}} as JSON for the
database in DATABASE_URL; `make bench` runs it against its scale-1 and its small database and fails
a page whose count grows with the data.
"""

import json
import os
import sys


def count_queries(pages=None) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from bench.pages import PAGES, resolve

    found, _notes = resolve(PAGES if pages is None else pages)
    client = Client()
    result = {}
    with override_settings(PUBLIC_PAGE_CACHE_ENABLED=False):
        for page, url in found:
            client.get(url)  # first request warms per-process caches (jieba, templates, role groups)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            result[page.name] = {"url": url, "status": response.status_code, "queries": len(captured.captured_queries)}
    return result


def compare(small: dict[str, dict], large: dict[str, dict]) -> list[str]:
    """Pages that issue more queries on the larger database, as messages."""
    problems = []
    for name, row in large.items():
        if name not in small or row.get("status", 200) != 200 or small[name].get("status", 200) != 200:
            continue  # a page that does not exist yet (404) says nothing about scale
        if row["queries"] > small[name]["queries"]:
            problems.append(f"{name}: {small[name]['queries']} → {row['queries']} 条查询（数据越多查询越多）")
    return problems


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jinshi_laotixie.settings.production")
    import django

    django.setup()
    json.dump(count_queries(), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
