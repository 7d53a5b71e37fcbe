from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery

# (child model, its foreign key, parent model, the parent's counter): news.models.counters.COUNTED
COUNTED = (
    ("ArticlePhoto", "article", "Article", "photo_count"),
    ("ArticleAttachment", "article", "Article", "attachment_count"),
    ("DocumentAttachment", "document", "Document", "attachment_count"),
)


def fill_counts(apps, schema_editor):
    """One UPDATE per counter, for the parents that have children (the others keep the default 0)."""
    for child_name, fk, parent_name, counter in COUNTED:
        child = apps.get_model("news", child_name)
        parent = apps.get_model("news", parent_name)
        counts = child.objects.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk")).values("n")
        parent.objects.filter(pk__in=child.objects.values(fk)).update(**{counter: Subquery(counts)})


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_admin_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="attachment_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="附件数"),
        ),
        migrations.AddField(
            model_name="article",
            name="photo_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="照片数"),
        ),
        migrations.AddField(
            model_name="document",
            name="attachment_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="附件数"),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]
