"""Backups (issue 10): make data, `manage.py backup`, `manage.py restore` into a fresh database in
another process, compare every table's row count and a sample of rows, and the media files."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accounts.roles import Role

from .authz_support import row_counts

SAMPLES = {
    # table -> columns compared row by row (ordered by id)
    "accounts_user": "id, username, full_name, is_staff",
    "grassroots_person": "id, name, id_number, birth_date, organisation_id",
    "grassroots_organisation": "id, name, slug, level, parent_id, member_unit_id",
    "grassroots_unitassignment": "id, user_id, organisation_id, role",
    "committees_committeeofficeraccount": "id, user_id, committee_id",
    "accounts_historicaluser": "history_id, id, username, history_type",
}


def _make_data(make_user, make_person, zezhou, gaoping, media: Path):
    from committees.models import Committee

    make_user("bk_staff", role=Role.SECRETARIAT, is_staff=True, full_name="备份秘书")
    make_user("bk_zezhou", role=Role.COORDINATOR, unit=zezhou, full_name="备份泽州")
    make_user("bk_menqiu", role=Role.COMMITTEE_OFFICER, committee=Committee.objects.get(slug="menqiu"), is_staff=True)
    for n in range(12):
        make_person(zezhou if n % 2 else gaoping, name=f"备份人员{n}")
    (media / "news" / "2023").mkdir(parents=True)
    (media / "news" / "2023" / "门球决赛.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo bytes " * 50)
    (media / "documents").mkdir()
    (media / "documents" / "通知.pdf").write_bytes(b"%PDF-1.4 notice")


def _sample(cursor, table, columns):
    order = columns.split(",")[0]
    cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")
    # a raw sqlite3 cursor gives booleans as 1/0, Django's as True/False
    normal = {"True": "1", "False": "0"}
    return [tuple(normal.get(str(v), str(v)) for v in row) for row in cursor.fetchall()]


def _restore_env(database_url, media):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(DJANGO_SETTINGS_MODULE="jinshi_laotixie.settings.dev", DATABASE_URL=database_url, MEDIA_ROOT=str(media), DEBUG="false")
    return env


def _run_restore(archive, env):
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        env=env, cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_into_a_fresh_database(tmp_path, settings, make_user, make_person, zezhou, gaoping):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    _make_data(make_user, make_person, zezhou, gaoping, media)
    live_counts = row_counts()
    with connection.cursor() as cursor:
        live_samples = {t: _sample(cursor, t, c) for t, c in SAMPLES.items()}
    archive = tmp_path / "nightly.tar.gz"

    call_command("backup", output=str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "media/news/2023/门球决赛.jpg" in names and "media/documents/通知.pdf" in names
    assert manifest["engine"] == connection.vendor and manifest["media_files"] == 2
    assert manifest["tables"]["grassroots_person"] == 12
    for table, count in live_counts.items():
        assert manifest["tables"].get(table, 0) == count, table

    restored_media = tmp_path / "restored-media"
    if connection.vendor == "postgresql":
        restored_counts, restored_samples = _restore_postgres(archive, restored_media)
    else:
        restored_counts, restored_samples = _restore_sqlite(archive, tmp_path, restored_media)

    assert {t: n for t, n in restored_counts.items() if t in live_counts} == live_counts
    assert restored_samples == live_samples
    assert (restored_media / "news" / "2023" / "门球决赛.jpg").read_bytes() == (media / "news" / "2023" / "门球决赛.jpg").read_bytes()
    assert (restored_media / "documents" / "通知.pdf").read_bytes() == b"%PDF-1.4 notice"


def _restore_sqlite(archive, tmp_path, restored_media):
    target = tmp_path / "restored.sqlite3"
    output = _run_restore(archive, _restore_env(f"sqlite:///{target}", restored_media))
    assert "与清单一致" in output
    db = sqlite3.connect(target)
    try:
        cursor = db.cursor()
        tables = [r[0] for r in cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        counts = {t: cursor.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        samples = {t: _sample(cursor, t, c) for t, c in SAMPLES.items()}
    finally:
        db.close()
    return counts, samples


def _restore_postgres(archive, restored_media):
    import psycopg

    db = connection.settings_dict
    scratch = f"{db['NAME']}_restore"[:63]
    params = {k.lower(): db[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if db.get(k)}
    admin = psycopg.connect(dbname="postgres", **params)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        url = f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{scratch}"
        output = _run_restore(archive, _restore_env(url, restored_media))
        assert "与清单一致" in output
        restored = psycopg.connect(dbname=scratch, **params)
        try:
            with restored.cursor() as cursor:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                tables = [r[0] for r in cursor.fetchall()]
                counts = {}
                for t in tables:
                    cursor.execute(f'SELECT COUNT(*) FROM "{t}"')
                    counts[t] = cursor.fetchone()[0]
                samples = {t: _sample(cursor, t, c) for t, c in SAMPLES.items()}
        finally:
            restored.close()
        return counts, samples
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, db, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_restore_refuses_an_archive_with_a_path_outside(tmp_path, db):
    evil = tmp_path / "evil.tar.gz"
    payload = tmp_path / "x.txt"
    payload.write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(payload, arcname="../../escaped.txt")
    from jinshi_laotixie.management.commands.restore import _safe_members

    with tarfile.open(evil) as tar, pytest.raises(CommandError, match="不安全"):
        list(_safe_members(tar))
