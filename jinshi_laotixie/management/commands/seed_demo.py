"""Demo data: Jincheng's real units and the seed document's 2022 activities.

Each app contributes a `demo.py` with `seed(*, stdout, password)`; they run in dependency order
(settings.LOCAL_APPS), every one idempotent, all in one transaction.
"""

import importlib
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEFAULT_DEMO_PASSWORD = "jincheng2023"


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，结果相同）。仅在 DEBUG 开启时运行，除非加 --force。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="在 DEBUG 关闭时也运行（例如测试或演示服务器）。")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG 已关闭：演示数据含有演示密码，不应进入生产环境。确需运行请加 --force。")
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        with transaction.atomic():
            for app_label in settings.LOCAL_APPS:
                try:
                    module = importlib.import_module(f"{app_label}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_label}.demo":
                        raise
                    continue
                self.stdout.write(f"· {app_label}")
                module.seed(stdout=self.stdout, password=password)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
