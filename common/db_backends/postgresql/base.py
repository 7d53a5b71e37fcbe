"""Django's PostgreSQL backend with a health check that costs no round trip while the connection is
healthy, and times read by a parser written in C.

With CONN_HEALTH_CHECKS, Django asks ``is_usable()`` at the first query of every request that reuses a
persistent connection, and the stock check sends ``SELECT 1``: one more round trip for each page.
Under wrk that was about a twentieth of an article page's time (py-spy: 6 % of the worker's samples
in ``is_usable``), and the public pages make two to seven queries each.

An idle, healthy connection has nothing waiting to be read: the client speaks first. When the server
goes away (a restart, a crash, an administrator's ``pg_terminate_backend``) the socket becomes readable,
with the server's goodbye or end-of-file. So the check looks at the socket without waiting, and only
when something is there does it ask the server with Django's own check. The outcome is the same as
the stock check in every case the stock check could see, which the fault drill
(``ops/fault_drill.py``: an immediate shutdown under load, recovery timed) keeps proving. A network
that drops packets silently is noticed by neither before the query itself fails; the request fails
and Django closes the connection at its end, as it does without health checks.
"""

import datetime as dt
import select

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper
from django.db.backends.postgresql.psycopg_any import BaseTzLoader, is_psycopg3


class IsoTzLoader(BaseTzLoader):
    """Django's timestamptz loader, with the text parsed by ``datetime.fromisoformat`` (C, about 3 µs)
    instead of psycopg's Python parser, which Django's loader inherits because psycopg's C loader
    cannot be subclassed (about 12 µs a value: 0.25 ms of a search page's 20 candidates, and every
    list page reads a time per row). PostgreSQL writes "2026-11-30 05:32:05.762733+00" with the
    ISO DateStyle that psycopg requires; the fields are the same either way, and the tzinfo is
    replaced by the connection's zone as Django's loader does. What fromisoformat refuses (BC
    dates, infinity) goes to psycopg's parser, which says what is wrong with it."""

    def load(self, data):
        try:
            value = dt.datetime.fromisoformat(bytes(data).decode())
        except ValueError:
            return super().load(data)
        return value.replace(tzinfo=self.timezone)


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if is_psycopg3:
            # Keyed on the same zone as Django's loader, so create_cursor() keeps this one.
            loader = type("IsoTzLoader", (IsoTzLoader,), {"timezone": self.timezone})
            connection.adapters.register_loader("timestamptz", loader)
        return connection

    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the descriptor is gone
            return False
        if not readable:
            return True
        # Something arrived while the connection sat idle: a notice, or the server closing it.
        return super().is_usable()
