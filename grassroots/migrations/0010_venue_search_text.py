"""Venue.search_text: the venue's name, address and organisation's name, one per line, for the site
search's venue hits; filled for every venue, and on PostgreSQL a pg_trgm index on UPPER(search_text)
(icontains compiles to UPPER(col) LIKE UPPER('%…%')). The search read one column instead of a UNION
of three trigram reads that was planned anew on every call.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Concat

INDEX = "grassroots_venue_search_text_upper_trgm"


def fill(apps, schema_editor):
    Venue = apps.get_model("grassroots", "Venue")
    Organisation = apps.get_model("grassroots", "Organisation")
    place = Subquery(Organisation.objects.filter(pk=OuterRef("organisation_id")).values("name")[:1])
    Venue.objects.using(schema_editor.connection.alias).update(
        search_text=Concat(F("name"), Value("\n"), F("address"), Value("\n"), place, output_field=TextField())
    )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON grassroots_venue USING gin (UPPER(search_text) gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0009_finder_project_venue_indexes")]

    operations = [
        migrations.AddField(model_name="venue", name="search_text", field=models.TextField(default="", editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
