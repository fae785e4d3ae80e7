"""python manage.py run_pipeline --stages intentions,objectives,scripts,needs --limit N"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accounts.errors import ApplicationError
from pipeline.generation.runs import (
    DriveResult,
    pipeline_run_create,
    pipeline_run_drive,
    pipeline_run_resume,
)
from pipeline.models import PipelineRun, PipelineStageProgress
from pipeline.stage_registry import PIPELINE_STAGES


class Command(BaseCommand):
    help = (
        "Run pipeline stages over the catalogue in this process, with a progress bar. "
        f"Stages: {', '.join(PIPELINE_STAGES)}. Work already done is not done again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stages", default=",".join(PIPELINE_STAGES), help="comma-separated stage names"
        )
        parser.add_argument("--limit", type=int, help="products in scope (spread over categories)")
        parser.add_argument("--categories", default="", help="comma-separated category names")
        parser.add_argument("--resume", type=int, metavar="RUN_ID", help="continue a run")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand the run to the Celery workers instead of running it here",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        try:
            if options["resume"]:
                run = PipelineRun.objects.get(pk=options["resume"])
                if run.status != PipelineRun.Status.QUEUED:
                    pipeline_run_resume(run, enqueue=options["queue"])
            else:
                run = pipeline_run_create(
                    user=None,
                    stages=options["stages"].split(","),
                    categories=[c for c in options["categories"].split(",") if c],
                    limit=options["limit"],
                    enqueue=options["queue"],
                )
        except PipelineRun.DoesNotExist:
            raise CommandError(f"no run {options['resume']}") from None
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Run {run.pk}: {', '.join(run.stages)} with {run.generator_model}")
        if options["queue"]:
            self.stdout.write(f"Queued for the workers; watch it at /pipeline/runs/{run.pk}/")
            return
        bars: dict[str, tqdm] = {}

        def on_chunk(run):
            if options["no_progress"]:
                return
            for progress in PipelineStageProgress.objects.filter(run=run):
                bar = bars.get(progress.stage)
                if bar is None and progress.total:
                    bar = bars[progress.stage] = tqdm(
                        total=progress.total, desc=progress.stage, unit="unit", file=sys.stderr
                    )
                if bar is not None:
                    bar.total = progress.total
                    bar.update(progress.done - bar.n)
                    bar.set_postfix(rejected=progress.rejected, tokens_out=progress.tokens_out)

        result = pipeline_run_drive(run.pk, on_chunk=on_chunk)
        on_chunk(run)
        for bar in bars.values():
            bar.close()
        run.refresh_from_db()
        if result is DriveResult.BUSY:
            raise CommandError(f"run {run.pk} is being driven by another process")
        for progress in PipelineStageProgress.objects.filter(run=run):
            self.stdout.write(
                f"  {progress.stage:<11} {progress.done}/{progress.total} done, "
                f"{progress.rejected} answers rejected, {progress.calls} calls "
                f"({progress.cached_calls} cached), {progress.tokens_in} tokens in, "
                f"{progress.tokens_out} out"
            )
        if run.status != PipelineRun.Status.FINISHED:
            raise CommandError(f"run {run.pk} {run.get_status_display().lower()}: {run.failure}")
        self.stdout.write(self.style.SUCCESS(f"Run {run.pk} finished."))
