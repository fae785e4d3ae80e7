"""python manage.py run_baseline --release R --baseline random|majority|embedding|llm
[--limit N] [--model-name NAME] [--json]

Runs a built-in baseline in this process and submits its predictions as the "baselines"
author; the submission is validated and scored like any other and appears on the leaderboard
with the baseline badge. R is a release id or name:version. ``--limit N`` (llm only) judges
the first N test items of each task and gives the rest the train majority label. The LLM
judge uses the configured client (LLM_BASE_URL, LLM_MODEL; empty = the embedded SmolLM2) and
the response cache, so a rerun makes no second call.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accounts.errors import ApplicationError
from evaluation.baselines.services import BASELINE_KINDS, baseline_run
from evaluation.management.commands.score_predictions import release_find


class Command(BaseCommand):
    help = "Run a built-in baseline on a release's test inputs and score it as a submission."

    def add_arguments(self, parser):
        parser.add_argument("--release", required=True, help="release id or name:version")
        parser.add_argument("--baseline", required=True, choices=BASELINE_KINDS)
        parser.add_argument("--limit", type=int, help="llm only: items judged per task")
        parser.add_argument("--model-name", help="leaderboard name of the model")
        parser.add_argument("--seed", type=int, default=0, help="random only: the coin's seed")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        release = release_find(options["release"])
        bar = None

        def on_progress(done, total):
            nonlocal bar
            if options["no_progress"]:
                return
            if bar is None:
                bar = tqdm(total=total, desc=options["baseline"], unit="item", file=sys.stderr)
            bar.update(done - bar.n)

        try:
            outcome = baseline_run(
                release,
                options["baseline"],
                limit=options["limit"],
                model_name=options["model_name"],
                seed=options["seed"],
                on_progress=on_progress,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        finally:
            if bar is not None:
                bar.close()
        submission, report = outcome.submission, outcome.report
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, sort_keys=True))
            return
        self.stdout.write(
            f"{report['model']} on {release}: submission {submission.pk} {submission.status}"
        )
        for score in submission.scores.filter(part="public").order_by("task"):
            self.stdout.write(f"  {score.task} public accuracy {score.accuracy:.4f} (n={score.n})")
        for task, task_report in (report.get("tasks") or {}).items():
            self.stdout.write(
                f"  {task} {task_report['prompt']}: judged {task_report['judged']}/"
                f"{task_report['items']}, unparseable {task_report['unparseable']}, "
                f"calls {task_report['calls']}, cached {task_report['cached']}, "
                f"{task_report['items_per_second'] or 0:.2f} items/s"
            )
