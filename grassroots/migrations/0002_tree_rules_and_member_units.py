"""The database keeps the tree's level rule too, and the city with its eight member units exists
after migrate on every installation (not only in demo data)."""

from django.db import migrations

POSTGRES_TRIGGER = """
CREATE OR REPLACE FUNCTION grassroots_org_level_check() RETURNS trigger AS $$
DECLARE parent_level smallint;
BEGIN
  IF NEW.parent_id IS NOT NULL THEN
    SELECT level INTO parent_level FROM grassroots_organisation WHERE id = NEW.parent_id;
    IF parent_level IS NULL OR NEW.level <> parent_level + 1 THEN
      RAISE EXCEPTION 'organisation level % must be exactly one below its parent (level %)', NEW.level, parent_level
        USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER grassroots_org_level_check
  BEFORE INSERT OR UPDATE OF parent_id, level ON grassroots_organisation
  FOR EACH ROW EXECUTE FUNCTION grassroots_org_level_check();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS grassroots_org_level_check ON grassroots_organisation;
DROP FUNCTION IF EXISTS grassroots_org_level_check();
"""
SQLITE_TRIGGERS = [
    """CREATE TRIGGER grassroots_org_level_check_insert BEFORE INSERT ON grassroots_organisation
    WHEN NEW.parent_id IS NOT NULL AND NEW.level != (SELECT level FROM grassroots_organisation WHERE id = NEW.parent_id) + 1
    BEGIN SELECT RAISE(ABORT, 'organisation level must be exactly one below its parent'); END;""",
    """CREATE TRIGGER grassroots_org_level_check_update BEFORE UPDATE OF parent_id, level ON grassroots_organisation
    WHEN NEW.parent_id IS NOT NULL AND NEW.level != (SELECT level FROM grassroots_organisation WHERE id = NEW.parent_id) + 1
    BEGIN SELECT RAISE(ABORT, 'organisation level must be exactly one below its parent'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS grassroots_org_level_check_insert;",
    "DROP TRIGGER IF EXISTS grassroots_org_level_check_update;",
]


def add_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


CITY = "晋城市老年人体育协会"
MEMBER_UNITS = [
    # slug, name, short name, kind
    ("chengqu", "城区老年人体育协会", "城区", "county"),
    ("zezhou", "泽州县老年人体育协会", "泽州县", "county"),
    ("gaoping", "高平市老年人体育协会", "高平市", "county"),
    ("yangcheng", "阳城县老年人体育协会", "阳城县", "county"),
    ("lingchuan", "陵川县老年人体育协会", "陵川县", "county"),
    ("qinshui", "沁水县老年人体育协会", "沁水县", "county"),
    ("jinrong", "市老体协金融分会", "金融分会", "sector"),
    ("jinneng", "晋能装备制造集团老体协", "晋能装备", "enterprise"),
]


def create_tree(apps, schema_editor):
    Organisation = apps.get_model("grassroots", "Organisation")
    city, _ = Organisation.objects.get_or_create(
        level=1, defaults={"name": CITY, "short_name": "市老体协", "slug": "city", "sort_order": 0}
    )
    for order, (slug, name, short, kind) in enumerate(MEMBER_UNITS, start=1):
        unit, _ = Organisation.objects.get_or_create(
            parent=city,
            name=name,
            defaults={"short_name": short, "slug": slug, "level": 2, "unit_kind": kind, "sort_order": order},
        )
        if unit.member_unit_id != unit.pk:
            Organisation.objects.filter(pk=unit.pk).update(member_unit_id=unit.pk)


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0001_initial")]
    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
        migrations.RunPython(create_tree, migrations.RunPython.noop),
    ]
