"""common.db_backends.postgresql: the health check reads the socket instead of sending SELECT 1, and
still notices a connection the server has closed, so Django reconnects without failing a request."""

import os
import time

import pytest
from django.db import connection, connections

# PostgreSQL only: on SQLite the tests are not collected at all (no skip in the report).
if os.environ.get("DATABASE_URL", "").startswith("postgres"):

    def _last_statement(pid: int) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
            return cursor.fetchone()[0]

    @pytest.fixture
    def second_connection(db):
        """A connection of its own to the test database, which a test may have the server close."""
        other = connections.create_connection("default")
        other.ensure_connection()
        yield other
        other.close()

    @pytest.mark.postgres
    def test_the_settings_choose_this_backend():
        assert connection.settings_dict["ENGINE"] == "common.db_backends.postgresql"
        assert connection.vendor == "postgresql"
        assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True

    @pytest.mark.postgres
    def test_a_healthy_connection_is_usable_without_a_round_trip(second_connection):
        with second_connection.cursor() as cursor:
            cursor.execute("SELECT 'marker for the health check test'")
        pid = second_connection.connection.info.backend_pid

        assert second_connection.is_usable()
        # The server saw nothing after our statement: the stock check would have sent SELECT 1.
        assert _last_statement(pid) == "SELECT 'marker for the health check test'"

    @pytest.mark.postgres
    def test_a_connection_the_server_closed_is_not_usable_and_django_reconnects(second_connection):
        old_pid = second_connection.connection.info.backend_pid
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [old_pid])
            assert cursor.fetchone()[0] is True

        deadline = time.monotonic() + 5
        while second_connection.is_usable() and time.monotonic() < deadline:
            time.sleep(0.02)  # the server's goodbye takes a moment to arrive
        assert not second_connection.is_usable()

        # What Django does at the first query of a request: check, close, and connect again.
        second_connection.health_check_done = False
        second_connection.close_if_health_check_failed()
        assert second_connection.connection is None
        with second_connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != old_pid

    @pytest.mark.postgres
    @pytest.mark.parametrize("text", [
        "2026-11-30 13:32:05.762733+08",
        "2026-11-30 05:32:05+00",
        "1901-01-01 00:00:00+00",
        "2024-02-29 23:59:59.999999+00",
        "2026-06-30 12:00:00-03:30",
    ])
    def test_times_read_as_djangos_own_loader_reads_them(db, text):
        from django.db.backends.postgresql.psycopg_any import BaseTzLoader
        from django.utils import timezone
        from psycopg.pq import Format

        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::timestamptz, pg_typeof(%s::timestamptz)::text", [text, text])
            value, type_name = cursor.fetchone()
            raw = cursor.connection.execute("SELECT %s::timestamptz::text", [text]).fetchone()[0]
        loader = connection.connection.adapters.get_loader(
            connection.connection.adapters.types["timestamptz"].oid, Format.TEXT
        )
        assert loader.__name__ == "IsoTzLoader" and type_name == "timestamp with time zone"

        class Stock(BaseTzLoader):  # what Django's backend would have given
            timezone = connection.timezone

        assert value == Stock(0).load(raw.encode())
        assert value.tzinfo is connection.timezone and value.tzinfo is not None
        assert value == timezone.datetime.fromisoformat(text.replace(" ", "T"))

    @pytest.mark.postgres
    def test_a_time_the_fast_parser_refuses_goes_to_psycopgs_parser(db):
        from django.db import DataError

        # Python's datetime has no year before 1: psycopg's parser refuses it with its own message.
        with connection.cursor() as cursor, pytest.raises(DataError, match="BC"):
            cursor.execute("SELECT '0044-03-15 12:00:00+00 BC'::timestamptz")
            cursor.fetchone()
