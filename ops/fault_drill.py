#!/usr/bin/env python
"""Database fault drill (issue 10): does the portal survive its PostgreSQL server going away?

1. initdb a throwaway PostgreSQL cluster in a temporary folder (as the `postgres` OS user when run
   as root) on a free port (55432 if free). The shared server on 5432 is never touched.
2. migrate into it and start gunicorn on 127.0.0.1 with production settings pointed at it.
3. Run a bounded load (a few hundred requests) while this script writes rows through the ORM and
   records which writes were acknowledged (committed).
4. Stop the cluster (immediate shutdown, like a crash) for a few seconds: /healthz/ must answer 503.
5. Start it again and measure how long until /healthz/ answers 200 (CONN_HEALTH_CHECKS must make
   the workers reconnect by themselves).
6. Check that every acknowledged write is still there, print the figures (JSON on the last line),
   and clean up the cluster folder and every process it started, even on failure.

Usage: .venv/bin/python ops/fault_drill.py [--outage 3] [--json]
Exit status 0 when every check holds.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
def _pg_bin() -> Path:
    """The server binaries (initdb, pg_ctl): PG_BIN, else the newest /usr/lib/postgresql/<n>/bin."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
SHARED_PORT = 5432


def log(message):
    print(f"[drill {time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", flush=True)


def free_port(preferred=None):
    candidates = ([preferred] if preferred else []) + [0]
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


class Cluster:
    """A private PostgreSQL cluster; every command runs as `postgres` when we are root."""

    def __init__(self, base: Path, port: int):
        self.base, self.port = base, port
        self.data, self.logfile = base / "data", base / "postgres.log"
        assert port != SHARED_PORT, "the drill must never use the shared server's port"

    def _as_owner(self, args):
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return args

    def _run(self, args, **kw):
        return subprocess.run(self._as_owner(args), check=True, capture_output=True, text=True, **kw)

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        self._run([str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                   "--locale=C", "--no-instructions"])

    def start(self, *, setup=False):
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c max_connections=40"
        if setup:
            # Only while migrating: no fsync makes ~150 migrations take seconds instead of a minute.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.logfile), "-w", "-t", "30", "start"])

    def stop(self, mode="immediate"):
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop"])

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def createdb(self, name):
        self._run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name])


def http_get(url, timeout=5.0):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError, TimeoutError):
        return "error"


class Load:
    """A few threads requesting a mix of pages until stopped, recording (time, path, status)."""

    PATHS = ["/healthz/", "/", "/about/", "/robots.txt", "/healthz/", "/search/?q=%E9%97%A8%E7%90%83"]  # 门球

    def __init__(self, base_url, threads=3, pause=0.03):
        self.base_url, self.threads, self.pause = base_url, threads, pause
        self.results, self._stop, self._lock = [], threading.Event(), threading.Lock()
        self._workers = []

    def _work(self, offset):
        n = offset
        while not self._stop.is_set():
            path = self.PATHS[n % len(self.PATHS)]
            status = http_get(self.base_url + path)
            with self._lock:
                self.results.append((time.monotonic(), path, status))
            n += 1
            time.sleep(self.pause)

    def start(self):
        for i in range(self.threads):
            worker = threading.Thread(target=self._work, args=(i,), daemon=True)
            worker.start()
            self._workers.append(worker)

    def stop(self):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=10)


def django_env(db_url, static_root):
    drop = ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="jinshi_laotixie.settings.production",
        SECRET_KEY="drill-" + secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=db_url,
        STATIC_ROOT=str(static_root),
        CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    return env


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=3.0, help="seconds the database stays down")
    parser.add_argument("--before", type=float, default=2.5, help="seconds of load before the outage")
    parser.add_argument("--after", type=float, default=2.5, help="seconds of load after recovery")
    parser.add_argument("--recovery-limit", type=float, default=5.0, help="seconds allowed to recover")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args(argv)

    base = Path(tempfile.mkdtemp(prefix="jinshi-drill-"))
    os.chmod(base, 0o755)
    cluster = Cluster(base, free_port(55432))
    gunicorn = None
    load = None
    report = {"ok": False}
    try:
        started = time.monotonic()
        log(f"initdb in {base}, port {cluster.port}")
        cluster.init()
        cluster.start(setup=True)
        cluster.createdb("jinshi_drill")
        db_url = f"postgres://postgres@127.0.0.1:{cluster.port}/jinshi_drill"
        env = django_env(db_url, base / "static")
        python = sys.executable
        log("migrate and collectstatic (production settings)")
        # side by side: collectstatic does not need the database
        steps = [
            subprocess.Popen([python, "manage.py", step, "--noinput", "-v0"], cwd=ROOT, env=env)
            for step in ("migrate", "collectstatic")
        ]
        if any(step.wait(timeout=600) != 0 for step in steps):
            raise RuntimeError("migrate or collectstatic failed")
        # the drill itself runs with PostgreSQL's normal durability settings
        cluster.stop("fast")
        cluster.start()

        web_port = free_port()
        base_url = f"http://127.0.0.1:{web_port}"
        gunicorn_bin = str(Path(python).parent / "gunicorn")
        gunicorn_log = open(base / "gunicorn.log", "w")  # noqa: SIM115 - lives as long as gunicorn
        gunicorn = subprocess.Popen(
            [gunicorn_bin, "jinshi_laotixie.wsgi", "--bind", f"127.0.0.1:{web_port}", "--workers", "2",
             "--timeout", "30", "--graceful-timeout", "5", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=gunicorn_log,
        )
        deadline = time.monotonic() + 30
        while http_get(base_url + "/healthz/", timeout=1) != 200:
            if time.monotonic() > deadline or gunicorn.poll() is not None:
                raise RuntimeError("gunicorn did not come up: " + (base / "gunicorn.log").read_text()[-2000:])
            time.sleep(0.2)
        log(f"gunicorn up at {base_url} after {time.monotonic() - started:.1f} s of setup")

        # The drill's own ORM connection writes the rows whose survival we check.
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import close_old_connections, connection
        from django.db.utils import DatabaseError, InterfaceError

        from accounts.models import User

        acknowledged, refused = [], 0

        def write(tag):
            nonlocal refused
            name = f"drill-{tag}-{len(acknowledged) + refused}"
            try:
                User.objects.create(username=name, full_name="演练")
            except (DatabaseError, InterfaceError):
                refused += 1
                connection.close()  # a broken connection is thrown away; the next write reconnects
                return
            acknowledged.append(name)  # create() returned: the row is committed (autocommit)

        def loaded(seconds, tag):
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                write(tag)
                time.sleep(0.05)

        load = Load(base_url)
        load.start()
        loaded(args.before, "before")

        log("stopping PostgreSQL (immediate)")
        down_at = time.monotonic()
        cluster.stop("immediate")
        stopped_at = time.monotonic()
        outage_health = []
        while time.monotonic() - stopped_at < args.outage:
            write("outage")
            outage_health.append(http_get(base_url + "/healthz/"))
            time.sleep(0.1)

        log("starting PostgreSQL again")
        start_began = time.monotonic()
        cluster.start()
        up_at = time.monotonic()
        close_old_connections()
        recovered_at = None
        while time.monotonic() - up_at < 30:
            if http_get(base_url + "/healthz/", timeout=2) == 200:
                recovered_at = time.monotonic()
                break
            time.sleep(0.05)
        loaded(args.after, "after")
        load.stop()

        connection.close()
        found = set(User.objects.filter(username__startswith="drill-").values_list("username", flat=True))
        missing = [name for name in acknowledged if name not in found]

        during = [s for t, p, s in load.results if p == "/healthz/" and stopped_at + 0.2 < t < start_began - 0.2]  # clear of both edges of the outage
        statuses = Counter(str(s) for _t, _p, s in load.results)
        report = {
            "port": cluster.port,
            "requests": len(load.results) + len(outage_health),
            "statuses": dict(statuses),
            "outage_seconds": round(up_at - down_at, 2),
            "restart_seconds": round(up_at - start_began, 2),
            "recovery_seconds": round(recovered_at - up_at, 3) if recovered_at else None,
            "healthz_during_outage": dict(Counter(str(s) for s in outage_health + during)),
            "writes_acknowledged": len(acknowledged),
            "writes_refused_during_outage": refused,
            "acknowledged_missing": missing,
        }
        problems = []
        if not outage_health or any(s != 503 for s in outage_health + during):
            problems.append("/healthz/ did not answer 503 throughout the outage")
        if recovered_at is None or recovered_at - up_at > args.recovery_limit:
            problems.append(f"no recovery within {args.recovery_limit}s")
        if missing:
            problems.append(f"{len(missing)} acknowledged writes lost")
        if not any(n.startswith("drill-after") for n in acknowledged):
            problems.append("no write succeeded after recovery")
        if report["requests"] < 100:
            problems.append("load too small to mean anything")
        report["problems"] = problems
        report["ok"] = not problems
        log(
            f"outage {report['outage_seconds']} s (of which PostgreSQL's own restart {report['restart_seconds']} s), recovery {report['recovery_seconds']} s, "
            f"{report['requests']} requests {report['statuses']}, healthz while down {report['healthz_during_outage']}, "
            f"{len(acknowledged)} acknowledged writes, {len(missing)} missing"
        )
    except Exception as exc:  # report, then clean up below
        report["problems"] = [f"{type(exc).__name__}: {exc}"]
        log(f"FAILED: {exc}")
    finally:
        if load is not None:
            load.stop()
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGINT)  # gunicorn's quick shutdown
            try:
                gunicorn.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
        try:
            if cluster.running():
                cluster.stop("fast")
        except subprocess.CalledProcessError as exc:
            log(f"could not stop the drill cluster cleanly: {exc.stderr}")
        shutil.rmtree(base, ignore_errors=True)
        log(f"cleaned up {base}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
