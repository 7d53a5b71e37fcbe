"""Where a page's CPU goes under load: milliseconds of CPU per request in the gunicorn workers and in
PostgreSQL's backends, read from /proc before and after wrk drives the page (page cache off).

    .venv/bin/python -m bench.cpu search find article
    .venv/bin/python -m bench.cpu --duration 20 search

At 16 connections on two cores a page's req/s is about 2,000 / (its CPU ms per request), so this
says which side to work on: the workers' Python, or the database's statements. It is steadier than
req/s on these shared machines, because time stolen by the host is nobody's CPU time; the baseline
row shows the cost of the server and the middleware alone. wrk's own CPU is not in it (wrk has
ended when the second reading is taken); "other" is whatever else ran. Runs on the bench database
(`DATABASE_URL`, default the local jinshi_bench) with the same production settings as `make bench`.
"""

import argparse
import os
import re
import subprocess
import time

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int | str) -> tuple[str, str, float]:
    """(name, command line, CPU seconds so far: user + system) of a running process."""
    with open(f"/proc/{pid}/stat") as stat_file:
        stat = stat_file.read()
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline_file:
        command = cmdline_file.read().replace(b"\0", b" ").decode(errors="replace")
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    return name, command, (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND  # utime, stime


def cpu_seconds_by_kind() -> dict[str, float]:
    """CPU seconds so far of every running process, summed by kind: gunicorn, postgres, or other.
    (A process that ends between two readings takes its seconds with it: "other" can shrink.)"""
    totals: dict[str, float] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            name, command, seconds = process_cpu(pid)
        except OSError:  # the process ended while we looked
            continue
        kind = "gunicorn" if "gunicorn" in command else "postgres" if name.startswith("postgres") else "other"
        totals[kind] = totals.get(kind, 0.0) + seconds
    return totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names of bench/pages.py (default: all)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8100")))
    args = parser.parse_args(argv)

    from bench.profile import setup_django

    setup_django()
    from bench.pages import BASELINE, PAGES, resolve
    from bench.run import DEFAULT_DATABASE_URL, Server, base_env, encode_url

    wanted = set(args.pages)
    found, notes = resolve([BASELINE, *(page for page in PAGES if not wanted or page.name in wanted)])
    for note in notes:
        print(note)
    env = base_env(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    env["PUBLIC_PAGE_CACHE"] = "off"
    # Connections kept for the whole run: a backend that ends between two readings takes its CPU
    # seconds with it, and PostgreSQL's column read negative when CONN_MAX_AGE (60 s) ran out.
    env["CONN_MAX_AGE"] = "3600"
    print(f"{'page':16s} {'req/s':>8s} {'gunicorn':>9s} {'postgres':>9s} {'other':>7s} {'total':>7s}  (CPU ms per request)")
    with Server(env, port=args.port, worker_class="sync", workers=2, threads=1, label="cpu") as server:
        for page, url in found:
            address = f"http://{server.base}{encode_url(url)}"
            subprocess.run(["wrk", "-t2", "-c16", "-d2s", address], capture_output=True, check=True)  # warm up
            before, started = cpu_seconds_by_kind(), time.monotonic()
            output = subprocess.run(["wrk", "-t2", "-c16", f"-d{args.duration}s", address], capture_output=True, text=True, check=True).stdout
            after, elapsed = cpu_seconds_by_kind(), time.monotonic() - started
            requests = int(re.search(r"(\d+) requests in", output).group(1))
            per_request = {kind: (after.get(kind, 0.0) - before.get(kind, 0.0)) * 1000 / requests for kind in ("gunicorn", "postgres", "other")}
            print(f"{page.name:16s} {requests / elapsed:8.1f} {per_request['gunicorn']:9.2f} {per_request['postgres']:9.2f} "
                  f"{per_request['other']:7.2f} {sum(per_request.values()):7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
