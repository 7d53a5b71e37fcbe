"""Querysets whose SQL is compiled once per process: the public pages' fixed reads.

Building and compiling a queryset costs 0.5-1 ms of Python per query on the production machines,
several times what sending it and reading its rows costs (bench.profile: a committee page spent half
its time in the ORM's compiler). The SQL of a fixed read does not change while a process runs, only
its values do (a slug, a primary key, today's date): so the queryset is compiled on first use, once
per database, and later calls bind their values into the same SQL. With psycopg's server-side
binding PostgreSQL also prepares that statement once per connection.

    _events = CompiledQuery(lambda committee_id, today: Event.objects.filter(
        committee_id=committee_id, start_date__gte=today).order_by("start_date").values_list("pk", "title")[:8])
    rows = _events(committee_id=committee.pk, today=timezone.localdate())  # [(pk, title), ...]

Rules for ``build``: it returns a ``values_list()`` queryset, and every value that may change between
calls is one of its arguments: a string, integer, date or aware datetime compared as it is (exact,
gt, gte, lt, lte, a SearchQuery's text) or a string inside a LIKE pattern (contains, icontains,
startswith, endswith and their i- forms: the value is escaped as the lookup escapes it); not ``year``
or ``iexact`` on SQLite, which change the value otherwise. Never
``timezone.now()`` or ``localdate()`` inside. Compiling checks that each argument reaches the SQL
as a parameter and that a second compile with other values gives the same statement (a hidden clock
fails there), else it raises. ``slice()`` and ``count()`` serve a paginator with the same SQL;
``first(n)`` reads a fixed number of rows (a search's few hits) with the number in the SQL.
Reads go to the database the router names for the queryset's model (the replica, for public pages).
"""

import contextlib
import datetime as dt
import re
import threading
from collections.abc import Callable

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable


class CompiledQuery:
    """``prepared=False``: PostgreSQL plans the statement for each call's values instead of reusing
    a generic plan once psycopg has prepared it. For searches: how many rows a word matches decides
    the plan (the newest rows by date for 柔力球, which 15,000 articles contain; the full-text index
    for a rare word), and the generic plan, made for neither, took 29 ms where each custom plan
    takes 2 ms (bench: the search page at scale)."""

    def __init__(self, build: Callable[..., QuerySet], *, prepared: bool = True):
        self.build = build
        self.prepared = prepared
        self._compiled: dict[str, tuple] = {}
        self._lock = threading.Lock()
        self._model = None

    def db(self) -> str:
        """The database a read of this query goes to, as the router says (a replica for public reads)."""
        if self._model is None:
            raise RuntimeError("db() is known after the first call")
        return router.db_for_read(self._model)

    def __call__(self, *, using: str | None = None, **values) -> list[tuple]:
        """The rows of ``build(**values)`` as tuples, converted like values_list() converts them."""
        using, sql, params, converters = self._bind(using, values)
        return self._rows(using, sql, params, converters, self.prepared)

    def slice(self, start: int, stop: int, *, using: str | None = None, **values) -> list[tuple]:
        """Rows ``start`` to ``stop`` (a page), the bounds bound like the values: one statement for every page."""
        using, sql, params, converters = self._bind(using, values)
        if isinstance(sql, _SlicedSQL):
            raise TypeError(f"{self.build!r}: slice() needs a queryset that is not sliced itself")
        return self._rows(
            using, f"{sql} LIMIT %s OFFSET %s", [*params, max(stop - start, 0), start], converters, self.prepared
        )

    def first(self, count: int, *, using: str | None = None, **values) -> list[tuple]:
        """The first ``count`` rows, the number written into the SQL: one statement per count.
        Knowing how few rows are wanted, PostgreSQL keeps a generic plan for a prepared statement
        where with ``LIMIT $n`` it planned every call anew (the search page's team read: 1.3 ms a
        call replanned, 0.3 ms on its generic plan; pg_prepared_statements.custom_plans)."""
        using, sql, params, converters = self._bind(using, values)
        if isinstance(sql, _SlicedSQL):
            raise TypeError(f"{self.build!r}: first() needs a queryset that is not sliced itself")
        return self._rows(using, f"{sql} LIMIT {int(count)}", params, converters, self.prepared)

    def count(self, *, using: str | None = None, **values) -> int:
        """How many rows ``build(**values)`` has (for a paginator)."""
        using, sql, params, _ = self._bind(using, values)
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
            return cursor.fetchone()[0]

    def _bind(self, using: str | None, values: dict) -> tuple:
        if using is None:
            if self._model is None:
                self._model = self.build(**_sentinels(values, 0)).model
            using = router.db_for_read(self._model)
        compiled = self._compiled.get(using)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(using) or self._compile(using, values)
                self._compiled[using] = compiled
        sql, params, slots, converters = compiled
        if slots:
            connection = connections[using]
            params = list(params)
            for position, name, around in slots:
                if around is None:
                    params[position] = _adapt(connection, values[name])
                else:
                    prefix, suffix = around
                    params[position] = prefix + connection.ops.prep_for_like_query(values[name]) + suffix
        return using, sql, params, converters

    @staticmethod
    def _rows(using: str, sql: str, params, converters, prepared: bool = True) -> list[tuple]:
        connection = connections[using]
        kept = _kept_cursor(connection, sql)
        if kept is None:
            with connection.cursor() as cursor, _unprepared(connection, not prepared):
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        else:
            # The statement's first string, not an equal one: psycopg compares them by identity.
            cursor, sql = kept
            connection.validate_no_broken_transaction()
            with connection.wrap_database_errors, _unprepared(connection, not prepared):
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        if converters:
            rows = [_convert(row, converters, connection) for row in rows]
        return rows

    def _compile(self, using: str, values: dict) -> tuple:
        connection = connections[using]
        first = _sentinels(values, 0)
        second = _sentinels(values, 1)
        sql, params, slots, compiler = self._sql(using, connection, first)
        sql_again, params_again, slots_again, _ = self._sql(using, connection, second)
        bound = {position for position, _name, _pattern in slots}
        fixed = [p for i, p in enumerate(params) if i not in bound]
        fixed_again = [p for i, p in enumerate(params_again) if i not in bound]
        found = {name for _, name, _pattern in slots}
        if found != set(values):
            raise ValueError(f"{self.build!r}: {sorted(set(values) - found)} do not reach the SQL as parameters")
        if sql != sql_again or slots != slots_again or fixed != fixed_again:
            raise ValueError(f"{self.build!r}: the SQL changes with more than its arguments")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = [(i, convs, expr) for i, (convs, expr) in compiler.get_converters(fields).items()]
        if connection.vendor == "postgresql":
            sql, params, slots = _constants_written_in(connection, sql, params, slots)
        if compiler.query.is_sliced:
            sql = _SlicedSQL(sql)  # slice() cannot add its own LIMIT
        return sql, tuple(params), tuple(slots), converters

    def _sql(self, using, connection, sentinels):
        queryset = self.build(**sentinels)
        if queryset._iterable_class is not ValuesListIterable:
            raise TypeError(f"{self.build!r}: build a values_list() queryset")
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        adapted = {_adapt(connection, value): name for name, value in sentinels.items()}
        slots = []
        for i, p in enumerate(params):
            if _hashable(p) and p in adapted:
                slots.append((i, adapted[p], None))
            elif isinstance(p, str):
                # A LIKE pattern around a string argument ("%" + value + "%"): what is around the
                # value is remembered, the value's wildcards escaped at each call.
                inside = [(name, value) for name, value in sentinels.items() if isinstance(value, str) and value in p]
                if len(inside) == 1:
                    name, value = inside[0]
                    prefix, _, suffix = p.partition(value)
                    slots.append((i, name, (prefix, suffix)))
        return sql, list(params), tuple(slots), compiler


_PLACEHOLDER = re.compile(r"%%|%s")


def _constants_written_in(connection, sql: str, params: list, slots: tuple) -> tuple[str, list, tuple]:
    """The statement with every value that is not an argument written into it as a literal
    (``status = 'published'``, ``level = 2``, ``is_public = true``), and the slots renumbered.

    The ORM sends such constants as parameters like any value. A prepared statement's generic plan
    cannot see a parameter, so PostgreSQL judged it by averages: a rare value such as the 8 member
    units among 2,764 organisations looked common, the generic plan looked dear (a sequential scan
    against an index read), and PostgreSQL planned the statement again at every call
    (pg_prepared_statements: 0 generic plans for the finder's choices, the venue search, the events
    and news lists). Written in, the constants are as visible to the generic plan as to a plan made
    for the values, and only the real arguments stay unknown. They are the same on every call by
    construction (_compile checks it), so the statement is still one per process."""
    bound = {position: (name, around) for position, name, around in slots}
    kept, new_slots, index = [], [], 0

    def replace(match):
        nonlocal index
        if match.group() == "%%":
            return "%%"
        position = index
        index += 1
        if position in bound:
            name, around = bound[position]
            new_slots.append((len(kept), name, around))
            kept.append(params[position])
            return "%s"
        # A literal holding % would read as a placeholder to the driver.
        return connection.ops.compose_sql("%s", [params[position]]).replace("%", "%%")

    written = _PLACEHOLDER.sub(replace, sql)
    if index != len(params):  # placeholders we could not account for: keep the statement as it was
        return sql, params, slots
    return written, kept, tuple(new_slots)


def _kept_cursor(connection, sql: str) -> tuple | None:
    """(A driver cursor kept for this statement on this connection, the statement's first string),
    or None where Django's own cursor is needed: when queries are logged or counted (DEBUG, the
    query-budget tests, execute wrappers), and on databases other than PostgreSQL.

    Django's cursor() builds a driver cursor and two wrappers for every statement, and its execute()
    passes through three decorators before reaching psycopg: 85 µs of Python for ``SELECT 1``
    against 38 µs for a kept psycopg cursor (measured in-process on the bench machine), and a public
    page makes three to seven such reads. One cursor per statement, because psycopg keeps a cursor's
    column loaders and parameter dumpers only while it executes the same statement (the same string
    object) again; otherwise it sets up new ones for every execution.

    What Django's path does for a read is still done here: the health check and a connection when
    there is none (ensure_connection), the check for a broken transaction, and errors translated to
    django.db's and noted for the end of the request (wrap_database_errors). The cursors are made by
    the backend's create_cursor(), with its time zone, and made again when the driver connection
    changes (a reconnection). A kept cursor holds its last rows until it runs again: the fixed reads
    are pages of a few dozen rows, and a process has at most about a hundred such statements."""
    if connection.vendor != "postgresql" or connection.queries_logged or connection.execute_wrappers:
        return None
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    kept = getattr(connection, "_compiled_query_cursors", None)
    if kept is None or kept[0] is not raw:
        kept = connection._compiled_query_cursors = (raw, {})
    found = kept[1].get(sql)
    if found is None or found[0].closed:
        with connection.wrap_database_errors:
            found = kept[1][sql] = (connection.create_cursor(), sql)
    return found


@contextlib.contextmanager
def _unprepared(connection, wanted: bool):
    """psycopg 3 prepares nothing while its connection's prepare_threshold is None; set for one
    statement, so that Django's execute wrappers (query logging, counting) still see it."""
    raw = connection.connection
    if not wanted or raw is None or not hasattr(raw, "prepare_threshold"):
        yield
        return
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold


class _SlicedSQL(str):
    """The SQL of a sliced queryset: it has its LIMIT already."""


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _sentinels(values: dict, variant: int) -> dict:
    """Values of the same types as the real ones that no real query would use."""
    sentinels = {}
    for index, (name, value) in enumerate(sorted(values.items())):
        n = index + 1 + 100 * variant
        if isinstance(value, bool) or value is None:
            raise TypeError(f"{name}: booleans and None belong in the SQL, not in the arguments")
        if isinstance(value, str):
            sentinels[name] = f"\ue000{name}-{n}\ue000"
        elif isinstance(value, int):
            sentinels[name] = 1_999_000_000 + n
        elif isinstance(value, dt.datetime):
            sentinels[name] = dt.datetime(1901, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=n)
        elif isinstance(value, dt.date):
            sentinels[name] = dt.date(1901, 1, 1) + dt.timedelta(days=n)
        else:
            raise TypeError(f"{name}: {type(value).__name__} is not a string, integer, date or datetime")
    return sentinels


def _adapt(connection, value):
    """The parameter Django's lookups make of a value (dates become text on SQLite, for example)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _convert(row, converters, connection) -> tuple:
    row = list(row)
    for position, convs, expression in converters:
        value = row[position]
        for converter in convs:
            value = converter(value, expression, connection)
        row[position] = value
    return tuple(row)
