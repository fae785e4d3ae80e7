"""python manage.py demo_item_sets: one item set per task for the demo, unless one exists."""

from django.core.management.base import BaseCommand

from pipeline.items.services import item_set_build, item_set_create
from pipeline.models import ItemSet, Task

DEMO_SIZES = {Task.T1: 24, Task.T2: 40, Task.T3: 20}
DEMO_SEED = 2025


class Command(BaseCommand):
    help = "Build the demo's T1, T2 and T3 item sets from what the pipeline produced."

    def handle(self, *args, **options):
        for task, size in DEMO_SIZES.items():
            existing = ItemSet.objects.filter(
                task=task, seed=DEMO_SEED, status=ItemSet.Status.READY
            ).first()
            if existing is None:
                item_set = item_set_create(
                    user=None,
                    task=task,
                    size=size,
                    seed=DEMO_SEED,
                    name=f"Demo {task.upper()}",
                    enqueue=False,
                )
                existing = item_set_build(item_set.pk)
            self.stdout.write(
                f"{existing.name}: {existing.stats.get('items', 0)} items "
                f"({', '.join(f'{k} {v}' for k, v in existing.stats.get('by_origin', {}).items())})"
            )
