import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q
from django.utils import timezone


def counters_fill(apps, schema_editor):
    """Today's judgements and the latest judgement of every existing member, from the rows."""
    CampaignAnnotator = apps.get_model("annotation", "CampaignAnnotator")
    Assignment = apps.get_model("annotation", "Assignment")
    today = timezone.localdate()
    start = timezone.make_aware(
        timezone.datetime.combine(today, timezone.datetime.min.time()),
        timezone.get_current_timezone(),
    )
    for member in CampaignAnnotator.objects.all().iterator():
        mine = Assignment.objects.filter(
            campaign_id=member.campaign_id, annotator_id=member.annotator_id, status="submitted"
        )
        member.judged_today = mine.aggregate(n=Count("id", filter=Q(submitted_at__gte=start)))["n"]
        member.judged_day = today
        member.last_judgement_id = (
            mine.order_by("-submitted_at", "-id").values_list("id", flat=True).first()
        )
        member.save(update_fields=["judged_today", "judged_day", "last_judgement"])


class Migration(migrations.Migration):
    dependencies = [
        ("annotation", "0004_release_exports"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaignannotator",
            name="judged_day",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="campaignannotator",
            name="judged_today",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="campaignannotator",
            name="last_judgement",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="annotation.assignment",
            ),
        ),
        migrations.AddConstraint(
            model_name="campaignannotator",
            constraint=models.CheckConstraint(
                condition=models.Q(("judged_today__lte", models.F("judged"))),
                name="campaignannotator_today_le_judged",
            ),
        ),
        # Last: the rows it writes leave deferred foreign-key checks pending, and PostgreSQL
        # refuses to alter a table with pending trigger events.
        migrations.RunPython(counters_fill, migrations.RunPython.noop),
    ]
