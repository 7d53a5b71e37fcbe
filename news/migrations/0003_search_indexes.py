"""Search indexes, PostgreSQL only: a GIN index on each tsvector and pg_trgm GIN indexes on
UPPER(search_text), because icontains compiles to UPPER(…) LIKE UPPER(…)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

TABLES = ("news_article", "news_document")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {table}_search_vector_gin ON {table} USING gin (search_vector)")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_text_trgm ON {table} USING gin (UPPER(search_text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_vector_gin")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("news", "0002_sections")]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
