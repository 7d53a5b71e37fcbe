"""manage.py restore ARCHIVE: bring a `manage.py backup` archive back into an EMPTY database.

PostgreSQL: pg_restore into the database of DATABASE_URL (create it first: createdb). SQLite: the
backup copy is written into the database file through SQLite's backup API. Media files go back
under MEDIA_ROOT (existing files are never overwritten). Afterwards every table's row count is
compared with the manifest; any difference fails the command.
"""

import json
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ._backup import FORMAT_VERSION, count_rows, is_postgres, pg_env, pg_tool, project_tables, run


def _safe_members(archive: tarfile.TarFile):
    """Only plain files and folders with relative paths inside the archive (no ../, no links)."""
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise CommandError(f"归档里有不安全的条目：{member.name}")
        yield member


class Command(BaseCommand):
    help = "把 manage.py backup 生成的归档恢复到一个空数据库（及 MEDIA_ROOT）。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="backup 生成的 .tar.gz 文件")
        parser.add_argument("--no-media", action="store_true", help="只恢复数据库，不恢复上传的文件。")

    def handle(self, *args, archive, no_media=False, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"找不到归档文件：{source}")
        existing = [t for t in connection.introspection.table_names() if not t.startswith("sqlite_")]
        if existing:
            raise CommandError(
                f"目标数据库不是空的（已有 {len(existing)} 张表，例如 {existing[0]}）。"
                "恢复只能进入新建的空数据库，以免覆盖现有数据。"
            )
        with tempfile.TemporaryDirectory(prefix="jinshi-restore-") as tmp:
            work = Path(tmp)
            with tarfile.open(source, "r:gz") as tar:
                tar.extractall(work, members=list(_safe_members(tar)), filter="data")
            manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT_VERSION:
                raise CommandError(f"不认识的归档格式：{manifest.get('format')}")
            engine = "postgresql" if is_postgres() else "sqlite"
            if manifest["engine"] != engine:
                raise CommandError(f"归档来自 {manifest['engine']}，不能恢复到 {engine}。")
            db_file = work / manifest["database_file"]
            if is_postgres():
                env = pg_env()
                run([pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                     "--dbname", env["PGDATABASE"], str(db_file)], env)
            else:
                connection.ensure_connection()
                source_db = sqlite3.connect(db_file)
                try:
                    source_db.backup(connection.connection)
                finally:
                    source_db.close()
            restored_files = 0 if no_media else self._restore_media(work / "media")
        connection.close()  # forget any cached introspection of the empty database
        with connection.cursor() as cursor:
            counts = count_rows(cursor, project_tables())
        differences = {
            t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n
        }
        if differences:
            raise CommandError(f"恢复后的行数与清单不符：{differences}")
        self.stdout.write(
            f"恢复完成：{len(counts)} 张表，{sum(counts.values())} 行，与清单一致；{restored_files} 个文件。"
        )

    def _restore_media(self, folder: Path) -> int:
        if not folder.exists():
            return 0
        root = Path(settings.MEDIA_ROOT)
        restored = 0
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            target = root / path.relative_to(folder)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            restored += 1
        return restored
