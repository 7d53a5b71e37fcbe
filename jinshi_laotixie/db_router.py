"""Send the public pages' reads to a read replica, everything else to the primary.

Enabled by REPLICA_DATABASE_URL (settings/base.py adds the "replica" alias, this router and the
middleware). Only anonymous GET/HEAD requests outside /admin/, /portal/ and /accounts/ read from the
replica: a visitor reading public pages does not notice a second of replication lag, while a
coordinator who has just saved a form must see it at once, so logged-in requests, writes, and every
read inside a transaction stay on the primary. Code outside a request (a feed job, a report) can
opt in with ``with replica_reads(): ...``.
"""

import contextlib
import contextvars

from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PRIVATE_PREFIXES = ("/admin/", "/portal/", "/accounts/")

# A context variable, not a thread-local: correct under gthread workers and in async code alike.
_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("jinshi_use_replica", default=False)


@contextlib.contextmanager
def replica_reads(enabled: bool = True):
    token = _use_replica.set(enabled)
    try:
        yield
    finally:
        _use_replica.reset(token)


def replica_available() -> bool:
    return REPLICA in connections.settings


def _in_transaction() -> bool:
    # Blocks opened by a TestCase do not count, as in Django's own check of atomic(durable=True).
    return any(not getattr(block, "_from_testcase", False) for block in connections[PRIMARY].atomic_blocks)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _use_replica.get() or not replica_available():
            return PRIMARY
        # Inside a transaction on the primary, read what that transaction wrote.
        if _in_transaction():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary through replication, never through migrate.
        return db == PRIMARY


def is_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(PRIVATE_PREFIXES):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class ReplicaReadsMiddleware:
    """Placed after AuthenticationMiddleware: the session itself is read from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with replica_reads(is_public_read(request)):
            return self.get_response(request)
