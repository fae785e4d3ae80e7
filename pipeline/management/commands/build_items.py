"""python manage.py build_items --task t2 --size 5000 --seed 13"""

from django.core.management.base import BaseCommand, CommandError

from accounts.errors import ApplicationError
from pipeline.items.services import (
    DEFAULT_NEGATIVE_SHARE,
    DEFAULT_NO_NEED_SHARE,
    DEFAULT_SIZE,
    item_set_build,
    item_set_create,
)
from pipeline.models import ItemSet, Task


class Command(BaseCommand):
    help = (
        "Build a seeded item set of candidate items for T1, T2 or T3, stratified by category. "
        "The same data, options and seed give the same items."
    )

    def add_arguments(self, parser):
        parser.add_argument("--task", required=True, choices=Task.values)
        parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--name", default="")
        parser.add_argument("--categories", default="", help="comma-separated category names")
        parser.add_argument("--negative-share", type=float, default=DEFAULT_NEGATIVE_SHARE)
        parser.add_argument("--no-need-share", type=float, default=DEFAULT_NO_NEED_SHARE)

    def handle(self, *args, **options):
        try:
            item_set = item_set_create(
                user=None,
                task=options["task"],
                name=options["name"],
                size=options["size"],
                seed=options["seed"],
                categories=[c for c in options["categories"].split(",") if c],
                negative_share=options["negative_share"],
                no_need_share=options["no_need_share"],
                enqueue=False,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        item_set = item_set_build(item_set.pk)
        if item_set.status != ItemSet.Status.READY:
            raise CommandError(f"item set {item_set.pk} failed: {item_set.failure}")
        stats = item_set.stats
        self.stdout.write(
            f"Item set {item_set.pk} ({item_set.name}): {stats['items']} "
            f"{item_set.get_task_display()} items of {item_set.size_requested} asked"
        )
        for name, count in stats["by_origin"].items():
            self.stdout.write(f"  {name:<13} {count}")
        for name, count in stats["by_category"].items():
            self.stdout.write(f"  {name:<28} {count}")
        if stats["short_by"]:
            self.stdout.write(
                self.style.WARNING(f"  {stats['short_by']} short: the pool holds {stats['pool']}")
            )
