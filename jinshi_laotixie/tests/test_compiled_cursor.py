"""common.compiled on PostgreSQL: fixed reads run on a psycopg cursor kept per connection, except
when queries are logged or counted, and they behave as Django's own cursor does: errors come as
django.db's, a broken transaction is refused, and a lost connection is noticed and replaced."""

import os
import time

import pytest
from django.db import DataError, OperationalError, connection, connections, transaction
from django.db.backends.utils import CursorWrapper
from django.test.utils import CaptureQueriesContext

from common.compiled import CompiledQuery
from grassroots.models import Project

# PostgreSQL only: on SQLite the tests are not collected at all (no skip in the report).
if os.environ.get("DATABASE_URL", "").startswith("postgres"):

    _project_names = CompiledQuery(
        lambda slug: Project.objects.filter(slug=slug).values_list("name", flat=False)
    )

    @pytest.fixture
    def counted_django_executes(monkeypatch):
        """How many statements went through Django's cursor wrapper."""
        calls = []
        original = CursorWrapper.execute

        def counting(self, sql, params=None):
            calls.append(sql)
            return original(self, sql, params)

        monkeypatch.setattr(CursorWrapper, "execute", counting)
        return calls

    @pytest.mark.postgres
    @pytest.mark.django_db
    def test_each_statement_keeps_its_cursor_outside_djangos_wrapper(counted_django_executes):
        Project.objects.create(name="柔力球（缓存游标）", slug="kept-cursor")
        counted_django_executes.clear()

        assert _project_names(slug="kept-cursor") == [("柔力球（缓存游标）",)]
        raw, cursors = connection._compiled_query_cursors
        assert raw is connection.connection
        first_sql = _project_names._compiled["default"][0]  # the statement as compiled
        first_cursor = cursors[first_sql][0]
        assert _project_names(slug="none-such") == []
        assert _project_names.first(1, slug="kept-cursor") == [("柔力球（缓存游标）",)]

        assert counted_django_executes == []
        assert cursors[first_sql][0] is first_cursor  # the same statement, the same cursor
        limited = [sql for sql in cursors if sql.startswith(first_sql) and sql != first_sql]
        assert len(limited) == 1 and cursors[limited[0]][0] is not first_cursor  # its LIMIT 1 form has its own
        # psycopg keeps a cursor's loaders while it executes the very same string again: the
        # statement's first string is the one executed.
        again = CompiledQuery._rows("default", "".join(list(first_sql)), ["kept-cursor"], [])
        assert again == [("柔力球（缓存游标）",)] and first_cursor._last_query is first_sql

    @pytest.mark.postgres
    @pytest.mark.django_db
    def test_logged_queries_still_see_every_read(counted_django_executes):
        Project.objects.create(name="门球（计数）", slug="counted")
        counted_django_executes.clear()
        with CaptureQueriesContext(connection) as captured:
            assert _project_names(slug="counted") == [("门球（计数）",)]
        assert len(captured.captured_queries) == 1
        assert "grassroots_project" in captured.captured_queries[0]["sql"]
        assert len(counted_django_executes) == 1

    @pytest.mark.postgres
    @pytest.mark.django_db
    def test_errors_are_djangos_and_a_broken_transaction_is_refused():
        # psycopg's DivisionByZero, translated as Django's cursor does (in a savepoint, which the
        # error rolls back, so the test's own transaction goes on).
        with pytest.raises(DataError), transaction.atomic():
            CompiledQuery._rows("default", "SELECT 1 / %s", [0], [])
        with pytest.raises(transaction.TransactionManagementError), transaction.atomic():
            connection.set_rollback(True)  # what an error caught inside the block leaves behind
            CompiledQuery._rows("default", "SELECT %s::int", [1], [])
        assert CompiledQuery._rows("default", "SELECT %s::int", [3], []) == [(3,)]

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True)
    def test_a_lost_connection_is_noticed_and_the_next_request_reconnects():
        assert CompiledQuery._rows("default", "SELECT %s::int", [1], []) == [(1,)]
        old_pid = connection.connection.info.backend_pid
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [old_pid])
        finally:
            other.close()
        deadline = time.monotonic() + 5
        while connection.is_usable() and time.monotonic() < deadline:
            time.sleep(0.02)

        with pytest.raises(OperationalError):  # the read in flight fails, as Django's would
            CompiledQuery._rows("default", "SELECT %s::int", [2], [])
        assert connection.errors_occurred

        # The end of the request closes the connection; the next request's read opens another one
        # and keeps a new cursor on it.
        connection.close_if_unusable_or_obsolete()
        assert connection.connection is None
        assert CompiledQuery._rows("default", "SELECT pg_backend_pid()", [], [])[0][0] != old_pid
        assert connection._compiled_query_cursors[0] is connection.connection
