"""Trigram indexes for the site search's venue hits, PostgreSQL only.

icontains compiles to UPPER(col) LIKE UPPER('%…%'): over every venue (name, address and its
organisation's name) that was a scan with an UPPER() per row and column, 5 ms at scale. With a
pg_trgm GIN index on each UPPER(column), and each condition in its own subquery
(grassroots.hooks.search_venues_and_teams), a query of three characters or more reads the indexes
(0.6 ms).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = (
    ("grassroots_venue", "name"),
    ("grassroots_venue", "address"),
    ("grassroots_organisation", "name"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_upper_trgm ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_upper_trgm")


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0007_evidence_photo_checks_content")]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
