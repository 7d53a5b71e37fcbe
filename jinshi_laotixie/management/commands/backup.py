"""manage.py backup: a consistent database dump plus the media files, in one .tar.gz with a manifest.

On PostgreSQL the row counts and pg_dump read the same snapshot (pg_export_snapshot in a
REPEATABLE READ transaction), so the manifest describes exactly what the dump holds, even while
the portal keeps writing. On SQLite the online backup API copies a consistent database and the
counts are read from that copy.
"""

import json
import sqlite3
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ._backup import (
    FORMAT_VERSION,
    count_rows,
    is_postgres,
    latest_migrations,
    media_files,
    pg_env,
    pg_tool,
    project_tables,
    run,
)


class Command(BaseCommand):
    help = "备份数据库（PostgreSQL 用 pg_dump，SQLite 用在线备份）和上传的文件，打成一个 .tar.gz，附清单。"

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="归档文件路径；默认写到 --dir 下，文件名带时间。")
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "backups"), help="默认输出目录。")
        parser.add_argument("--no-media", action="store_true", help="不打包 MEDIA_ROOT 里的文件。")

    def handle(self, *args, output=None, dir=None, no_media=False, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(output) if output else Path(dir) / f"jinshi-{stamp}.tar.gz"
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="jinshi-backup-") as tmp:
            work = Path(tmp)
            if is_postgres():
                db_file, counts = self._dump_postgres(work)
            else:
                db_file, counts = self._dump_sqlite(work)
            media_root = Path(settings.MEDIA_ROOT)
            files = [] if no_media else media_files(media_root)
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "engine": connection.vendor,
                "django": django.get_version(),
                "database_file": db_file.name,
                "migrations": latest_migrations(),
                "tables": counts,
                "total_rows": sum(counts.values()),
                "media_files": len(files),
                "media_bytes": sum(f.stat().st_size for f in files),
            }
            (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            partial = target.with_name(target.name + ".part")
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(work / "manifest.json", arcname="manifest.json")
                archive.add(db_file, arcname=db_file.name)
                for path in files:
                    archive.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
            partial.replace(target)  # a half-written archive never carries the final name
        self.stdout.write(
            f"备份完成：{target}（{len(counts)} 张表，{manifest['total_rows']} 行，{len(files)} 个文件）"
        )
        return None

    def _dump_postgres(self, work: Path):
        import psycopg

        db_file = work / "db.dump"
        env = pg_env()
        params = {k: env[v] for k, v in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")) if v in env}
        snapshot_conn = psycopg.connect(dbname=env["PGDATABASE"], **params)
        try:
            snapshot_conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            snapshot_conn.read_only = True
            with snapshot_conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = count_rows(cursor, project_tables())
                run(
                    [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                     "--file", str(db_file)],
                    env,
                )
        except Exception as exc:
            raise CommandError(f"PostgreSQL 备份失败：{exc}") from exc
        finally:
            snapshot_conn.rollback()
            snapshot_conn.close()
        return db_file, counts

    def _dump_sqlite(self, work: Path):
        db_file = work / "db.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(db_file)
        try:
            # The online backup API copies page by page under SQLite's own locking: consistent
            # even while others write, and it works for an in-memory database too.
            connection.connection.backup(destination)
            cursor = destination.cursor()
            existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            tables = [t for t in project_tables() if t in existing]
            cursor.execute(" UNION ALL ".join(f'SELECT \'{t}\', COUNT(*) FROM "{t}"' for t in tables))
            counts = {name: int(count) for name, count in cursor.fetchall()}
        finally:
            destination.close()
        return db_file, counts

