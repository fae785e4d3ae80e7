from django.db import migrations, models

# Room on every page of the campaign item table for new versions of its rows: a reservation
# (taken) and a judgement (judged) then update a row on its own page without touching the
# indexes (a HOT update), as long as no indexed column changes. Vacuumed after about 2% of
# its rows changed instead of 20%, so the dead versions the load leaves go soon.
ITEM_STORAGE = (
    "fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05"
)
ITEM_STORAGE_RESET = "fillfactor, autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor"


def storage_set(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("annotation", "CampaignItem")._meta.db_table
    schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(table)} SET ({ITEM_STORAGE})")


def storage_reset(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("annotation", "CampaignItem")._meta.db_table
    schema_editor.execute(
        f"ALTER TABLE {schema_editor.quote_name(table)} RESET ({ITEM_STORAGE_RESET})"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("annotation", "0005_annotator_progress_counters"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="campaignitem",
            name="campaignitem_open_queue",
        ),
        migrations.AddIndex(
            model_name="campaignitem",
            index=models.Index(
                condition=models.Q(("full", False)),
                fields=["campaign", "is_control", "position"],
                name="campaignitem_open_by_position",
            ),
        ),
        migrations.RunPython(storage_set, storage_reset),
    ]
