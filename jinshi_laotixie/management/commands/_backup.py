"""What `manage.py backup` and `manage.py restore` share: the archive layout and the row counts.

Archive (one .tar.gz):
    manifest.json   engine, time, Django version, latest migration per app, row count per table
    db.dump         PostgreSQL: pg_dump --format=custom
    db.sqlite3      SQLite: a copy made with SQLite's online backup API
    media/...       every file under MEDIA_ROOT
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection

FORMAT_VERSION = 1


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pg_env() -> dict:
    """libpq environment for pg_dump / pg_restore from the Django connection settings."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def pg_tool(name: str) -> str:
    """pg_dump/pg_restore: the client on PATH (postgresql-client 15 on these machines)."""
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"找不到 {name}：请安装 postgresql-client。")
    return found


def run(cmd: list[str], env: dict) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:2])} 失败：{result.stderr.strip()[-2000:]}")


def project_tables() -> list[str]:
    """Every table Django manages here (our apps, contrib, history tables, m2m tables)."""
    existing = set(connection.introspection.table_names())
    tables = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    return sorted(tables & existing)


def count_rows(cursor, tables) -> dict[str, int]:
    if not tables:
        return {}
    qn = connection.ops.quote_name
    cursor.execute(" UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {qn(t)}" for t in tables))
    return {name: int(count) for name, count in cursor.fetchall()}


def latest_migrations() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app")
        return dict(cursor.fetchall())


def media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())
