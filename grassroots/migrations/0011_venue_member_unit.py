"""Venue.member_unit: a copy of the venue's organisation's member unit (county), filled for every
venue, with an index on the public venues' copy. The finder reads a county's venues by it instead of
scanning every venue of the city and joining its organisation.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Venue = apps.get_model("grassroots", "Venue")
    Organisation = apps.get_model("grassroots", "Organisation")
    member_unit = Subquery(Organisation.objects.filter(pk=OuterRef("organisation_id")).values("member_unit_id")[:1])
    Venue.objects.using(schema_editor.connection.alias).update(member_unit_id=member_unit)


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0010_venue_search_text")]

    operations = [
        migrations.AddField(
            model_name="venue",
            name="member_unit",
            field=models.ForeignKey(
                blank=True, db_index=False, editable=False, null=True,
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="grassroots.organisation",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="venue",
            index=models.Index(condition=models.Q(("is_public", True)), fields=["member_unit"], name="venue_public_member_unit"),
        ),
    ]
