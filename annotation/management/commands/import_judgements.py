"""python manage.py import_judgements CAMPAIGN_ID FILE.csv"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.errors import ApplicationError
from annotation.imports import ImportRefused, judgements_import
from annotation.models import Campaign

# Problems printed before "... and N more": a broken export can have a bad line per row.
MAX_PROBLEMS = 200


class Command(BaseCommand):
    help = (
        "Import judgements collected on another crowd platform into a campaign. CSV header: "
        "item,annotator,label[,seconds] (item = the campaign's item id, annotator = the "
        "platform's worker id, label 0/1 or true/false or yes/no). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("file", help="CSV file with columns item, annotator, label[, seconds]")

    def handle(self, *args, **options):
        try:
            campaign = Campaign.objects.get(pk=options["campaign_id"])
        except Campaign.DoesNotExist:
            raise CommandError(f"campaign_id: no campaign {options['campaign_id']}") from None
        path = Path(options["file"])
        try:
            stream = path.open("rb")
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror})") from None
        with stream:
            try:
                summary = judgements_import(campaign, stream, name=path.name)
            except ImportRefused as refused:
                for problem in refused.problems[:MAX_PROBLEMS]:
                    self.stderr.write(str(problem))
                if len(refused.problems) > MAX_PROBLEMS:
                    self.stderr.write(f"... and {len(refused.problems) - MAX_PROBLEMS} more")
                raise CommandError(refused.message) from None
            except ApplicationError as error:
                raise CommandError(error.message) from None
        self.stdout.write(
            f"{path.name}: imported {summary.judgements} judgements of {summary.items} items by "
            f"{summary.annotators} annotators into {campaign.name} (#{campaign.pk}); "
            f"{summary.items_completed} of those items now have all their votes."
        )
