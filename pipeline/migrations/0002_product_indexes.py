from django.db import migrations, models
import django.db.models.deletion


def toast_lz4(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                       "AND 'lz4' = ANY(enumvals)")
        if cursor.fetchone() is None:
            return
        for column in ("title", "features", "description", "categories", "details", "images",
                       "videos"):
            cursor.execute(
                f'ALTER TABLE pipeline_product ALTER COLUMN "{column}" SET COMPRESSION lz4'
            )
        for column in ("text", "title", "images"):
            cursor.execute(f'ALTER TABLE pipeline_review ALTER COLUMN "{column}" SET COMPRESSION lz4')


class Migration(migrations.Migration):

    dependencies = [
        ("pipeline", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name='product',
            name='category',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='products', to='pipeline.category'),
        ),
        migrations.AlterField(
            model_name='product',
            name='parent_asin',
            field=models.CharField(max_length=32),
        ),
        migrations.AddConstraint(
            model_name='product',
            constraint=models.UniqueConstraint(fields=('parent_asin',), name='product_unique_parent_asin'),
        ),
        # Product rows are about 2 kB, over the TOAST threshold: lz4 compresses them much
        # faster than the default pglz (PostgreSQL 14+ built with lz4; skipped elsewhere).
        migrations.RunPython(toast_lz4, migrations.RunPython.noop),
    ]
