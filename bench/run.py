"""`make bench`: every public page against this server's own ceiling, in one run.

Steps: create the PostgreSQL database if missing, migrate, demo data, bulk data at --scale once
(reused on later runs), collectstatic; then gunicorn with production settings, cold (page cache
off) and warm (page cache on, in Redis), each page driven by wrk at 16 connections for a fixed
time, next to the baseline view measured by the same server; query counts against a database ten
times smaller; admin changelist timings; the Excel export and import probes. Prints a table and
writes bench/results/latest.json and a dated copy. See bench/README.md.
"""

import argparse
import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LOGS = ROOT / "bench" / "data"
PY = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/jinshi_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
# Chosen by measuring (bench/README.md, "Worker class and count"); override with --worker-class etc.
DEFAULT_WORKER_CLASS = "sync"
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 1
SWEEP = [("sync", 2, 1), ("sync", 3, 1), ("gthread", 2, 1), ("gthread", 3, 1), ("gthread", 2, 2), ("gthread", 2, 4), ("gthread", 4, 4)]


def parse_args(argv=None):
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=float(env("BENCH_SCALE", "1")), help="bulk data scale (1 = full)")
    parser.add_argument("--duration", type=int, default=int(env("BENCH_DURATION", "10")), help="seconds of wrk per page")
    parser.add_argument("--baseline-duration", type=int, default=int(env("BENCH_BASELINE_DURATION", "5")), help="seconds of wrk for the baseline reading after each page")
    parser.add_argument("--connections", type=int, default=int(env("BENCH_CONNECTIONS", "16")))
    parser.add_argument("--wrk-threads", type=int, default=int(env("BENCH_WRK_THREADS", "2")))
    parser.add_argument("--port", type=int, default=int(env("BENCH_PORT", "8100")))
    parser.add_argument("--worker-class", default=env("BENCH_WORKER_CLASS", DEFAULT_WORKER_CLASS), choices=["sync", "gthread"])
    parser.add_argument("--workers", type=int, default=int(env("WEB_CONCURRENCY", str(DEFAULT_WORKERS))))
    parser.add_argument("--threads", type=int, default=int(env("BENCH_THREADS", str(DEFAULT_THREADS))))
    parser.add_argument("--pages", default=env("BENCH_PAGES", ""), help="comma-separated page names (default: all)")
    parser.add_argument("--cache", default=env("BENCH_CACHE", "cold,warm"), help="cold, warm or cold,warm")
    parser.add_argument("--skip", default=env("BENCH_SKIP", ""), help="comma-separated: setup,queries,admin,export,import")
    parser.add_argument("--sweep", action="store_true", help="compare gunicorn worker classes and counts, then stop")
    parser.add_argument("--output", default=str(RESULTS), help="folder for latest.json and the dated copy")
    return parser.parse_args(argv)


# ---------------------------------------------------------------- environment and setup

def base_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "jinshi_laotixie.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": env.get("SECRET_KEY") or "bench-" + secrets.token_urlsafe(48),
        # testserver: the in-process test Client used for admin timings and query counts.
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # Plain HTTP on the loopback: no HTTPS redirect, no secure-only cookies, no HSTS.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": env.get("LOG_LEVEL", "WARNING"),
        "PYTHONPATH": str(ROOT),
    })
    env.pop("REDIS_URL", None)  # set per phase: only the warm runs use Redis
    env.pop("DEBUG", None)
    return env


def with_database_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def ensure_database(url: str) -> None:
    """CREATE DATABASE when it does not exist yet (a fresh machine)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg.connect(
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password or None, dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"创建数据库 {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def manage(env: dict, *args: str, capture: bool = False) -> str:
    completed = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return completed.stdout or ""


def bulk_status(env: dict) -> dict[str, int]:
    counts = {}
    for line in manage(env, "seed_bulk", "--status", capture=True).splitlines():
        key, _sep, value = line.partition(": ")
        counts[key] = int(value)
    return counts


def prepare_database(env: dict, scale: float) -> dict[str, int]:
    """Migrate and load data at ``scale`` once; later runs reuse it, unless it is another scale."""
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--force")
    manage(env, "seed_bulk", "--scale", f"{scale:g}", "--force", "--if-empty")
    counts = bulk_status(env)
    wanted = round(100_000 * scale)
    people = counts.get("grassroots.people", 0)
    # An app whose bulk.py landed after the data was loaded has none of its rows yet: reload all.
    missing = [key for key in ("events.events", "news.articles", "training.courses") if not counts.get(key)]
    if abs(people - wanted) > wanted * 0.02 + 5 or missing:
        print(f"  库里有 {people} 名批量人员（规模 {scale:g} 应为 {wanted}），缺 {missing or '无'}：按规模 {scale:g} 重新载入")
        manage(env, "seed_bulk", "--scale", f"{scale:g}", "--force", "--reset")
        counts = bulk_status(env)
    return counts


# ---------------------------------------------------------------- gunicorn and wrk

class Server:
    """gunicorn in its own process group, stopped on exit."""

    def __init__(self, env: dict, *, port: int, worker_class: str, workers: int, threads: int, label: str):
        self.env, self.port, self.label = env, port, label
        self.command = [
            str(Path(PY).with_name("gunicorn")), "jinshi_laotixie.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--worker-class", worker_class, "--keep-alive", "5",
            "--error-logfile", str(LOGS / f"gunicorn-{label}.log"), "--log-level", "warning",
        ]
        if worker_class == "gthread":
            self.command += ["--threads", str(threads)]
        self.process = None

    def __enter__(self):
        LOGS.mkdir(parents=True, exist_ok=True)
        if port_in_use(self.port):
            raise SystemExit(f"端口 {self.port} 已被占用：请用 --port 或 BENCH_PORT 换一个。")
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn 启动失败，见 {LOGS / f'gunicorn-{self.label}.log'}")
            try:
                if http_get(self.base, "/healthz/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn 60 秒内没有就绪。")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.port}"


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def encode_url(url: str) -> str:
    return quote(url, safe="/?=&%:+,;@")


def http_get(base: str, url: str) -> tuple[int, dict]:
    host, port = base.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", encode_url(url))
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def parse_wrk(output: str) -> dict:
    """req/s, p50, p99 (ms) and errors (non-2xx/3xx responses plus socket errors) from `wrk --latency`."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        errors += sum(int(value) for value in sockets.groups())
    requests = re.search(r"(\d+) requests in", output)
    return {
        "rps": round(rps, 1), "p50_ms": round(_ms(p50.group(1)), 2) if p50 else None,
        "p99_ms": round(_ms(p99.group(1)), 2) if p99 else None, "errors": errors,
        "requests": int(requests.group(1)) if requests else None,
    }


def run_wrk(base: str, url: str, *, duration: int, connections: int, threads: int) -> dict:
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s",
        f"http://{base}{encode_url(url)}",
    ]
    completed = subprocess.run(command, check=True, text=True, capture_output=True)
    return parse_wrk(completed.stdout)


def measure_phase(env: dict, args, cache: str, pages: list, *, label: str | None = None, worker=None) -> tuple[dict, list[str]]:
    """Start a server for one cache mode and measure the baseline and every page with it."""
    from bench.pages import BASELINE

    worker_class, workers, threads = worker or (args.worker_class, args.workers, args.threads)
    phase_env = dict(env)
    notes = []
    if cache == "cold":
        phase_env["PUBLIC_PAGE_CACHE"] = "off"
    else:
        phase_env["PUBLIC_PAGE_CACHE"] = "on"
        redis_url = os.environ.get("REDIS_URL") or (DEFAULT_REDIS_URL if port_in_use(6379) else "")
        if redis_url:
            phase_env["REDIS_URL"] = redis_url
            # A fresh prefix per run: every page starts as a miss, and nothing of another run is read.
            phase_env["CACHE_KEY_PREFIX"] = f"jinshi-bench-{os.getpid()}-{int(time.time())}"
        else:
            notes.append("没有 Redis：热缓存用每个进程自己的本地内存缓存。")
    rows = {}
    readings: list[float] = []  # the baseline's req/s, measured before the first page and after each
    with Server(phase_env, port=args.port, worker_class=worker_class, workers=workers, threads=threads, label=label or cache) as server:
        for page, url in [(BASELINE, BASELINE.url()), *pages]:
            status, headers = http_get(server.base, url)
            if status != 200:
                notes.append(f"{page.name}: 跳过（{url} 返回 {status}）")
                continue
            # The probe above filled the page cache; say so when a warm page is not cached at all.
            hit = cache == "warm" and http_get(server.base, url)[1].get("X-Page-Cache") == "hit"
            if cache == "warm" and not hit and page is not BASELINE:
                notes.append(f"{page.name}: 热缓存下没有命中页面缓存（未用 @public_page？）")
            result = run_wrk(server.base, url, duration=args.duration, connections=args.connections, threads=args.wrk_threads)
            result.update({"url": url, "cache": cache, "target": page.warm_target if cache == "warm" else page.cold_target})
            rows[page.name] = result
            print(f"  {cache:<4} {page.name:<14} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms  错误 {result['errors']}", flush=True)
            if page is BASELINE:
                readings.append(result["rps"])
                continue
            if page.name == "search" and cache == "cold":
                # What one reader waits for a search: one connection, nothing queued ahead of it.
                # (At 16 connections on two cores p50 is mostly queueing: 16 / req/s.)
                alone = run_wrk(server.base, url, duration=args.duration, connections=1, threads=1)
                result["one_connection"] = {k: alone[k] for k in ("rps", "p50_ms", "p99_ms", "errors")}
                print(f"  {cache:<4} {'search ×1':<14} {alone['rps']:>8.1f} req/s  p50 {alone['p50_ms']} ms  p99 {alone['p99_ms']} ms  （单连接）", flush=True)
            if readings:
                # The ceiling again right after each page, and the page divided by the mean of the
                # readings just before and just after it: these shared machines drift by a quarter
                # within one phase (2,079 -> 2,584 req/s seen), which a mean of the phase's first
                # and last readings spread over every page.
                again = run_wrk(server.base, BASELINE.url(), duration=args.baseline_duration, connections=args.connections, threads=args.wrk_threads)
                result["baseline_rps"] = round((readings[-1] + again["rps"]) / 2, 1)
                readings.append(again["rps"])
                print(f"  {cache:<4} {'baseline':<14} {again['rps']:>8.1f} req/s（本页比值的基准 {result['baseline_rps']}）", flush=True)
        if "baseline" in rows:
            first = rows["baseline"]
            first["readings"] = readings
            first["rps_start"], first["rps_end"] = readings[0], readings[-1]
            first["rps"] = round(statistics.mean(readings), 1)
            first["baseline_rps"] = first["rps"]
    if "CACHE_KEY_PREFIX" in phase_env:
        _clear_redis_prefix(phase_env["REDIS_URL"], phase_env["CACHE_KEY_PREFIX"])
    baseline = rows.get("baseline", {}).get("rps") or float("nan")
    for row in rows.values():
        row["ratio"] = round(row["rps"] / row.get("baseline_rps", baseline), 3)
    return rows, notes


def _clear_redis_prefix(url: str, prefix: str) -> None:
    try:
        import redis

        client = redis.Redis.from_url(url)
        keys = list(client.scan_iter(f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except Exception as exc:  # cleaning up is a courtesy, never a failure
        print(f"  （清理 Redis 键失败：{exc}）")


# ---------------------------------------------------------------- in-process measures

def admin_timings(repeat: int = 5) -> tuple[dict[str, float], list[str]]:
    """Server time of the staff changelists with a filter and a search, through the test Client."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import ADMIN_PAGES, Skip, admin_filters, admin_url

    user, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    timings, notes = {}, []
    for page in ADMIN_PAGES:
        try:
            url = admin_url(page)
        except Skip as reason:
            notes.append(f"admin {page.name}: 跳过（{reason}）")
            continue
        filters = admin_filters(page)
        query = "&".join(part for part in (filters, f"q={page.search}" if page.search else "") if part)
        response = client.get(f"{url}?{query}")
        if response.status_code != 200:
            # An unknown filter makes the admin redirect to ?e=1: time the search alone, and say so.
            notes.append(f"admin {page.name}: 筛选 {filters} 无效（{response.status_code}），只计搜索")
            query = f"q={page.search}"
            response = client.get(f"{url}?{query}")
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(f"{url}?{query}")
            samples.append((time.perf_counter() - started) * 1000)
        timings[page.name] = round(statistics.median(samples), 1)
        print(f"  admin {page.name:<14} {timings[page.name]:>7.1f} ms  {len(captured.captured_queries)} 条查询  ({response.status_code}) {url}?{query}")
    return timings, notes


def run_json(env: dict, *args: str) -> dict:
    completed = subprocess.run([PY, "-m", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=True)
    return json.loads(completed.stdout)


def query_check(env: dict, scale: float) -> tuple[dict, list[str]]:
    """Query counts on this database and on one ten times smaller: none may grow with the data."""
    from bench.querycount import compare

    small_url = with_database_name(env["DATABASE_URL"], urlsplit(env["DATABASE_URL"]).path.lstrip("/") + "_small")
    small_env = {**env, "DATABASE_URL": small_url}
    print(f"· 小库 {urlsplit(small_url).path.lstrip('/')}（规模 {scale / 10:g}）")
    prepare_database(small_env, scale / 10)
    large = run_json(env, "bench.querycount")
    small = run_json(small_env, "bench.querycount")
    problems = compare(small, large)
    for name, row in large.items():
        flag = "" if row["queries"] <= small.get(name, row)["queries"] else "  ← 增加了"
        flag += "" if row["status"] == 200 else f"  （{row['status']}，不计）"
        print(f"  {name:<14} 小库 {small.get(name, {}).get('queries', '-'):>3}  本库 {row['queries']:>3} 条查询{flag}")
    return {"small": small, "large": large}, problems


# ---------------------------------------------------------------- report

def print_table(pages: dict, baseline: dict[str, float]) -> None:
    header = f"{'page':<16}{'cache':<6}{'req/s':>9}{'ratio':>8}{'target':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    print("\n" + header + "\n" + "-" * len(header))
    for key, row in pages.items():
        name = key.rsplit(":", 1)[0]
        ok = "" if row["ratio"] >= row["target"] and row["errors"] == 0 else "  ✗"
        print(f"{name:<16}{row['cache']:<6}{row['rps']:>9.1f}{row['ratio']:>8.3f}{row['target']:>8.2f}"
              f"{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}{row['errors']:>8}{ok}")
    print("baseline req/s: " + ", ".join(f"{cache} {value:.1f}" for cache, value in baseline.items()))


def target_misses(pages: dict, admin_ms: dict, export: dict, import_: dict) -> list[str]:
    """Every target of issue 9 that this run missed, as a line each."""
    misses = []
    for key, row in pages.items():
        name, _sep, cache = key.rpartition(":")
        if name == "baseline":
            continue
        if row["ratio"] < row["target"]:
            misses.append(f"{key}: {row['ratio']:.3f}× 基准 < {row['target']}×")
        if row["errors"]:
            misses.append(f"{key}: {row['errors']} 个错误")
        if cache == "warm" and row["p99_ms"] > 200:
            misses.append(f"{key}: p99 {row['p99_ms']} ms > 200 ms")
        if name == "search" and cache == "cold":
            p50 = row.get("one_connection", row)["p50_ms"]
            if p50 > 100:
                misses.append(f"{key}: p50 {p50} ms > 100 ms（单连接）")
    misses += [f"admin {name}: {ms} ms > 300 ms" for name, ms in admin_ms.items() if ms > 300]
    if export and (export["seconds"] > 60 or export["peak_mb"] > 300):
        misses.append(f"export: {export['seconds']} s, {export['peak_mb']} MB（目标 60 s、300 MB 以内）")
    if import_ and import_["seconds"] > 60:
        misses.append(f"import: {import_['seconds']} s > 60 s")
    return misses


def write_results(folder: Path, result: dict, meta: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    (folder / "latest.json").write_text(text)
    (folder / f"{stamp}.json").write_text(text)
    meta_text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    (folder / "latest-meta.json").write_text(meta_text)
    (folder / f"{stamp}-meta.json").write_text(meta_text)
    return folder / "latest.json"


def sweep(env: dict, args, pages: list) -> None:
    """Worker class and count: the baseline and the given pages per configuration, in each of the
    --cache phases (cold and warm by default: threads help the warm pages, which wait on Redis,
    and can hurt the cold ones, which are CPU-bound and share one interpreter lock per process)."""
    table = []
    for cache in [part.strip() for part in args.cache.split(",") if part.strip()]:
        for worker in SWEEP:
            print(f"· {cache} {worker[0]} workers={worker[1]} threads={worker[2]}")
            rows, _notes = measure_phase(env, args, cache, pages, label="sweep", worker=worker)
            table.append({"cache": cache, "worker_class": worker[0], "workers": worker[1], "threads": worker[2],
                          **{name: {"rps": row["rps"], "p50_ms": row["p50_ms"], "p99_ms": row["p99_ms"], "errors": row["errors"]}
                             for name, row in rows.items()}})
    print(json.dumps(table, ensure_ascii=False, indent=1))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"workers-{dt.datetime.now(dt.UTC):%Y-%m-%dT%H%M%SZ}.json").write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n")


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("需要 wrk：apt-get install wrk")
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("make bench 只在 PostgreSQL 上运行：请把 DATABASE_URL 设为 postgres://…")
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    env = base_env(database_url)
    started = time.monotonic()

    counts = {}
    if "setup" not in skip:
        print(f"· 数据库 {urlsplit(database_url).path.lstrip('/')}：迁移、演示数据、规模 {args.scale:g} 的批量数据")
        counts = prepare_database(env, args.scale)
        manage(env, "collectstatic", "--noinput", "-v0")

    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from bench.pages import PAGES, resolve

    wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
    found, notes = resolve([page for page in PAGES if not wanted or page.name in wanted])
    for note in notes:
        print("  " + note)
    if args.sweep:
        sweep(env, args, found)
        return 0

    pages, baseline = {}, {}
    for cache in [part.strip() for part in args.cache.split(",") if part.strip()]:
        print(f"· {cache}：gunicorn {args.worker_class} ×{args.workers}" + (f"（{args.threads} 线程）" if args.worker_class == "gthread" else "")
              + f"，wrk {args.connections} 连接 × {args.duration} 秒")
        rows, phase_notes = measure_phase(env, args, cache, found)
        notes += phase_notes
        baseline[cache] = rows.get("baseline", {}).get("rps", 0.0)
        pages.update({f"{name}:{cache}": row for name, row in rows.items()})

    queries, problems = {}, []
    if "queries" not in skip:
        print("· 查询数随数据量的变化")
        queries, problems = query_check(env, args.scale)
        notes += problems
    admin_ms = {}
    if "admin" not in skip:
        print("· 管理后台列表（服务器端用时，中位数）")
        admin_ms, admin_notes = admin_timings()
        notes += admin_notes
    export = import_ = {}
    if "export" not in skip:
        print("· Excel 导出（独立进程）")
        export = run_json(env, "bench.probes", "export")
        print(f"  {export}")
    if "import" not in skip:
        print("· Excel 导入 10,000 人（独立进程）")
        import_ = run_json(env, "bench.probes", "import")
        print(f"  {import_}")

    print_table(pages, baseline)
    for note in dict.fromkeys(notes):
        print("注：" + note)
    misses = target_misses(pages, admin_ms, export, import_)
    print("全部目标达成。" if not misses else "未达标：\n  " + "\n  ".join(misses))
    result = {
        "pages": {key: {k: row[k] for k in ("rps", "ratio", "baseline_rps", "p50_ms", "p99_ms", "errors", "cache", "one_connection") if k in row}
                  for key, row in pages.items()},
        "baseline_rps": round(statistics.mean(baseline.values()), 1) if baseline else None,
        "admin_ms": admin_ms,
        "export": export,
        "import": import_,
    }
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scale": args.scale, "bulk_counts": counts, "duration_s": args.duration, "connections": args.connections,
        "gunicorn": {"worker_class": args.worker_class, "workers": args.workers, "threads": args.threads},
        "baseline_rps_by_cache": baseline, "baseline_start_end": {key: [row.get("rps_start"), row.get("rps_end")] for key, row in pages.items() if key.startswith("baseline:")},
        "baseline_readings": {key: row.get("readings") for key, row in pages.items() if key.startswith("baseline:")}, "urls": {key: row["url"] for key, row in pages.items()},
        "targets": {key: row["target"] for key, row in pages.items()}, "queries": queries, "notes": list(dict.fromkeys(notes)), "target_misses": misses,
        "cpu_count": os.cpu_count(), "load_average": os.getloadavg(), "elapsed_s": round(time.monotonic() - started, 1),
    }
    path = write_results(Path(args.output), result, meta)
    print(f"结果已写入 {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
