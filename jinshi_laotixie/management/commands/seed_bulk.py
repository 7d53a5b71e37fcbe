"""Large, deterministic benchmark data: ``manage.py seed_bulk --scale 1`` (0.1 for quick runs).

Contract for each app (the command finds them in settings.LOCAL_APPS order, so an app's bulk data
may use the rows of the apps before it):

``<app>/bulk.py`` defines

- ``seed(*, scale: float, rng: random.Random, stdout) -> None``: insert this app's rows for ``scale``
  (1 = ten years of a city of two million) with ``bulk_create`` in batches. Use only ``rng`` for
  randomness: each app gets its own generator seeded from ``--seed`` and the app label, so the data is
  the same on every run and adding an app does not change the others' data. ``stdout.progress(label,
  done, total)`` draws a progress bar on stderr; ``stdout.write()`` prints a line.
- ``has_data() -> bool``: whether this app's bulk rows are present.
- ``reset(*, stdout) -> None``: delete exactly this app's bulk rows (the command calls the apps in
  reverse order). Mark bulk rows so that demo data and real data are never touched: grassroots marks
  its organisations with the slug prefix ``bulk-`` and everything else it creates hangs under them.
- optionally ``bulk_counts() -> dict[str, int]``, printed at the end and by ``--status``.

Refuses to seed into a database that already holds bulk rows unless ``--reset`` (delete them, then
seed again) or ``--if-empty`` (do nothing; ``make bench`` reuses its data this way).
"""

import importlib
import random
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

DEFAULT_SEED = 20230303


def bulk_modules():
    """(app_label, module) for every app that has a bulk.py, in settings.LOCAL_APPS order."""
    found = []
    for app_label in settings.LOCAL_APPS:
        try:
            module = importlib.import_module(f"{app_label}.bulk")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_label}.bulk":
                raise
            continue
        found.append((app_label, module))
    return found


def bulk_present() -> bool:
    return any(getattr(module, "has_data", lambda: False)() for _label, module in bulk_modules())


def bulk_counts() -> dict[str, int]:
    result = {}
    for label, module in bulk_modules():
        if hasattr(module, "bulk_counts"):
            result.update({f"{label}.{key}": value for key, value in module.bulk_counts().items()})
    return result


class ProgressOutput:
    """What an app's seed() writes to: lines to stdout, a one-line progress bar to stderr."""

    def __init__(self, stdout, stderr, *, quiet: bool = False):
        self._stdout, self._stderr, self._quiet = stdout, stderr, quiet
        self._last = 0.0

    def write(self, text: str = "") -> None:
        self._stdout.write(text)

    def progress(self, label: str, done: int, total: int) -> None:
        if self._quiet:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.5:
            return
        self._last = now
        width = 30
        filled = width * done // max(total, 1)
        self._stderr.write(f"\r  {label:<8} [{'#' * filled}{'.' * (width - filled)}] {done:>7}/{total}")
        if done >= total:
            self._stderr.write("\n")
        self._stderr.flush()


class Command(BaseCommand):
    help = "载入大批量基准测试数据（固定随机种子，可复现）。--scale 1 约十万人员；--reset 先删除已有的批量数据。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="数据规模，1 为完整规模，0.1 用于快速运行。")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子（默认固定，保证每次数据相同）。")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--reset", action="store_true", help="先删除已有的批量数据再重新载入。")
        group.add_argument("--if-empty", action="store_true", help="已有批量数据时什么也不做（基准测试复用数据）。")
        group.add_argument("--status", action="store_true", help="只打印已有批量数据的条数。")
        group.add_argument("--delete", action="store_true", help="只删除批量数据。")
        parser.add_argument("--force", action="store_true", help="在 DEBUG 关闭时也运行（基准测试数据库）。")
        parser.add_argument("--quiet-progress", action="store_true", help="不画进度条。")

    def handle(self, *args, scale, seed, reset, if_empty, status, delete, force, quiet_progress, **options):
        if status:
            for key, value in bulk_counts().items():
                self.stdout.write(f"{key}: {value}")
            return
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG 已关闭：批量数据是虚构的，不应进入生产环境。基准测试数据库请加 --force。")
        if scale <= 0:
            raise CommandError("--scale 必须大于 0。")
        out = ProgressOutput(self.stdout, sys.stderr, quiet=quiet_progress)
        modules = bulk_modules()
        present = bulk_present()
        if present and if_empty:
            self.stdout.write("已有批量数据，直接复用：")
            for key, value in bulk_counts().items():
                self.stdout.write(f"  {key}: {value}")
            return
        if present and not (reset or delete):
            raise CommandError("数据库里已经有批量数据。要重新载入请加 --reset，要复用请加 --if-empty。")
        started = time.monotonic()
        with transaction.atomic():
            if present:
                for _label, module in reversed(modules):
                    module.reset(stdout=out)
            if delete:
                self.stdout.write(self.style.SUCCESS("批量数据已删除。"))
                return
            for label, module in modules:
                self.stdout.write(f"· {label}")
                # One generator per app, derived from the seed and the label: adding an app later
                # leaves the data of every other app unchanged.
                module.seed(scale=scale, rng=random.Random(f"{seed}:{label}"), stdout=out)
        # Fresh statistics for the planner: before autovacuum gets round to it, PostgreSQL guessed
        # 420 organisations instead of 2,741 and sorted all 100,000 people for one admin page.
        # VACUUM too (PostgreSQL; it cannot run in a transaction): it sets the visibility map, without
        # which every COUNT and index-only scan visits the heap: the news list's count fell from
        # 19 ms to 3.8 ms on 20,000 articles. A live database gets the same from autovacuum.
        with connection.cursor() as cursor:
            can_vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # tests run in one
            cursor.execute("VACUUM ANALYZE" if can_vacuum else "ANALYZE")
        elapsed = time.monotonic() - started
        for key, value in bulk_counts().items():
            self.stdout.write(f"  {key}: {value}")
        self.stdout.write(self.style.SUCCESS(f"批量数据已载入（规模 {scale:g}，用时 {elapsed:.1f} 秒）。"))
