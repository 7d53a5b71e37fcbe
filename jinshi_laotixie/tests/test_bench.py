"""The benchmark's own parts: baseline view, cache switch, wrk parsing, page list, query counts at scale."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from bench.pages import BASELINE, PAGES, Page, Skip, resolve
from bench.querycount import compare, count_queries
from bench.run import _ms, encode_url, parse_wrk, target_misses, with_database_name

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8107/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    70.45ms   50.12ms 509.67ms   80.00%
    Req/Sec    95.12     20.33   150.00     70.00%
  Latency Distribution
     50%  812.00us
     75%   90.00ms
     90%  120.00ms
     99%    1.21s
  381 requests in 2.00s, 1.20MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    190.70
Transfer/sec:    600.00KB
"""


def test_baseline_view_is_tiny_and_goes_through_the_middleware(client):
    response = client.get(reverse("bench_baseline"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    # The middleware stack ran: security headers and the content security policy are on it.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert client.post(reverse("bench_baseline")).status_code == 405


def test_page_cache_switch(client, db):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with override_settings(PUBLIC_PAGE_CACHE_ENABLED=False):
        response = client.get("/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_parse_wrk_reads_rate_percentiles_and_every_kind_of_error():
    result = parse_wrk(WRK_OUTPUT)
    assert result == {"rps": 190.7, "p50_ms": 0.81, "p99_ms": 1210.0, "errors": 7, "requests": 381}
    clean = parse_wrk(WRK_OUTPUT.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "").replace(
        "  Non-2xx or 3xx responses: 4\n", ""))
    assert clean["errors"] == 0
    assert _ms("2.5m") == 150_000


def test_urls_for_wrk_are_ascii_and_database_names_swap():
    assert encode_url("/search/?q=柔力球") == "/search/?q=%E6%9F%94%E5%8A%9B%E7%90%83"
    assert with_database_name("postgres://u:p@h:5432/jinshi_bench", "jinshi_bench_small") == "postgres://u:p@h:5432/jinshi_bench_small"


def test_pages_of_apps_not_there_yet_are_skipped_with_a_note(db):
    def missing():
        raise Skip("模型 news.Article 尚不存在")

    found, notes = resolve([Page("here", "/"), Page("later", missing), BASELINE])
    assert [(page.name, url) for page, url in found] == [("here", "/"), ("baseline", "/bench/baseline/")]
    assert notes == ["later: 跳过（模型 news.Article 尚不存在）"]
    names = [page.name for page in PAGES]
    for wanted in ("home", "news", "article", "documents", "events", "calendar_ics", "committees", "training", "find", "search"):
        assert wanted in names


def test_compare_flags_a_page_whose_queries_grow():
    small = {"home": {"queries": 3}, "find": {"queries": 5}}
    assert compare(small, {"home": {"queries": 3}, "find": {"queries": 5}}) == []
    problems = compare(small, {"home": {"queries": 3}, "find": {"queries": 7}})
    assert len(problems) == 1 and problems[0].startswith("find: 5 → 7")


@pytest.mark.slow
def test_no_public_page_issues_more_queries_with_more_data(db):
    def load(scale, *extra):
        call_command("seed_bulk", "--scale", scale, "--force", "--quiet-progress", *extra, stdout=io.StringIO())
        return count_queries()

    small = load("0.002")
    large = load("0.02", "--reset")  # ten times the people, venues and teams
    assert set(small) == set(large)
    assert {name: row["status"] for name, row in small.items()} == {name: row["status"] for name, row in large.items()}
    assert sum(row["status"] == 200 for row in large.values()) >= 5
    assert compare(small, large) == []


def test_target_misses_names_each_missed_target():
    def row(rps, ratio, target, p50=10.0, p99=50.0, errors=0):
        return {"rps": rps, "ratio": ratio, "target": target, "p50_ms": p50, "p99_ms": p99, "errors": errors}

    pages = {
        "baseline:warm": row(4500, 1.0, 1.0, p99=500),
        "home:warm": row(4000, 0.89, 0.5),
        "find:warm": row(1000, 0.22, 0.5, p99=250, errors=3),
        "search:cold": row(600, 0.13, 0.1, p50=140),
    }
    misses = target_misses(pages, {"people": 120.0, "articles": 450.0}, {"seconds": 12, "peak_mb": 80}, {"seconds": 70})
    assert misses == [
        "find:warm: 0.220× 基准 < 0.5×", "find:warm: 3 个错误", "find:warm: p99 250 ms > 200 ms",
        "search:cold: p50 140 ms > 100 ms（单连接）", "admin articles: 450.0 ms > 300 ms", "import: 70 s > 60 s",
    ]
    assert target_misses({"home:warm": row(4000, 0.89, 0.5)}, {}, {}, {}) == []
    # Search latency is judged on the one-connection run when there is one (16 connections queue).
    queued = {**row(60, 0.013, 0.1, p50=400), "one_connection": {"rps": 25, "p50_ms": 38.0, "p99_ms": 60.0, "errors": 0}}
    assert target_misses({"search:cold": queued}, {}, {}, {}) == ["search:cold: 0.013× 基准 < 0.1×"]


def test_each_page_is_divided_by_the_baseline_readings_just_before_and_after_it(monkeypatch):
    """The machine drifts within a phase: a page's ratio uses the baseline measured next to it."""
    from types import SimpleNamespace

    from bench import run

    class FakeServer:
        base = "127.0.0.1:1"

        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    baseline_readings = iter([1000.0, 2000.0, 3000.0])
    page_rps = {"/a/": 150.0, "/b/": 250.0}

    def fake_wrk(base, url, **kwargs):
        rps = next(baseline_readings) if url == BASELINE.url() else page_rps[url]
        return {"rps": rps, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}

    monkeypatch.setattr(run, "Server", FakeServer)
    monkeypatch.setattr(run, "http_get", lambda base, url: (200, {}))
    monkeypatch.setattr(run, "run_wrk", fake_wrk)
    args = SimpleNamespace(worker_class="sync", workers=2, threads=1, port=1, duration=1, baseline_duration=1,
                           connections=16, wrk_threads=2)
    pages = [(Page("a", lambda: "/a/", cold_target=0.1), "/a/"), (Page("b", lambda: "/b/", cold_target=0.1), "/b/")]
    rows, _notes = run.measure_phase({}, args, "cold", pages)
    assert rows["a"]["baseline_rps"] == 1500.0 and rows["a"]["ratio"] == 0.1
    assert rows["b"]["baseline_rps"] == 2500.0 and rows["b"]["ratio"] == 0.1
    assert rows["baseline"]["readings"] == [1000.0, 2000.0, 3000.0] and rows["baseline"]["rps"] == 2000.0


def test_cpu_accounting_reads_a_process_and_sorts_processes_by_kind():
    import os
    import time as clock

    from bench.cpu import cpu_seconds_by_kind, process_cpu

    _name, command, before = process_cpu(os.getpid())
    deadline = clock.process_time() + 0.3
    while clock.process_time() < deadline:  # burn 0.3 s of this process's CPU
        pass
    assert process_cpu(os.getpid())[2] - before >= 0.25
    assert "pytest" in command or "python" in command
    assert set(cpu_seconds_by_kind()) <= {"gunicorn", "postgres", "other"}


def test_ab_alternates_the_versions_and_compares_medians():
    from bench.ab import alternate, summary

    order = []
    current = {"on": None}

    def set_version(on):
        current["on"] = on

    def measure(on):
        assert current["on"] is on  # each block runs the version it is measuring
        order.append(on)
        return (1.0 if on else 2.0) + 0.01 * len(order), 0.5

    readings = alternate(measure, set_version, rounds=4)
    assert order == [True, False, False, True, True, False, False, True]
    assert current["on"] is True  # the code is left as it is
    figures = summary(readings)
    assert figures["on_python"] < figures["off_python"]
    assert -52 < figures["python_change_pct"] < -48
    assert figures["on_postgres"] == figures["off_postgres"] == 0.5


def test_ab_switch_replaces_a_module_attribute_and_puts_it_back():
    import common.search
    from bench.ab import Switch

    switch = Switch.parse("common.search:OVERVIEW_CANDIDATES=OVERVIEW_CANDIDATES // 2")
    original = common.search.OVERVIEW_CANDIDATES
    switch.set(False)
    halved = common.search.OVERVIEW_CANDIDATES
    switch.set(True)
    restored = common.search.OVERVIEW_CANDIDATES
    assert (halved, restored) == (original // 2, original)
    with pytest.raises(Exception, match="module:attribute=expression"):
        Switch.parse("common.search:OVERVIEW_CANDIDATES")
