"""Validate and score prediction files against a release's hidden test labels, directly
(no Submission row): the same validation and metrics as the web and API submissions.

    python manage.py score_predictions --release 3 predictions.csv
    python manage.py score_predictions --release EcomScriptBench:1.0.0 t1=t1.csv t2=t2.jsonl --json

A FILE has a task column, or is written TASK=FILE for one task. A file with problems prints
its report and the command exits with status 1.
"""

import json
import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotation.models import Release
from evaluation.scoring.metrics import SCORER_VERSION
from evaluation.scoring.predictions import PredictionFile
from evaluation.services import predictions_score, predictions_validate

_TASK_PREFIX = re.compile(r"^(t[123])=(.+)$", re.IGNORECASE)


def release_find(value: str) -> Release:
    """A release by id or by name:version."""
    if value.isdigit():
        release = Release.objects.filter(pk=int(value)).first()
    elif ":" in value:
        name, version = value.rsplit(":", 1)
        release = Release.objects.filter(name=name, version=version).first()
    else:
        raise CommandError(f"--release {value!r}: give a release id or name:version")
    if release is None:
        raise CommandError(f"--release {value!r}: no such release")
    return release


class Command(BaseCommand):
    help = "Validate and score prediction files against a release's test split."

    def add_arguments(self, parser):
        parser.add_argument("--release", required=True, help="release id or name:version")
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="FILE with a task column, or TASK=FILE"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options):
        release = release_find(options["release"])
        handles, files = [], []
        try:
            for argument in options["files"]:
                match = _TASK_PREFIX.match(argument)
                task, path = (match.group(1).lower(), match.group(2)) if match else (None, argument)
                if not Path(path).is_file():
                    raise CommandError(f"{path}: no such file")
                handle = open(path, "rb")  # noqa: SIM115 - closed below, after validation
                handles.append(handle)
                files.append(PredictionFile(Path(path).name, handle, task))
            result = predictions_validate(release, files)
        finally:
            for handle in handles:
                handle.close()
        if not result.ok:
            if options["json"]:
                self.stdout.write(json.dumps({"ok": False, "report": result.to_dict()}, indent=1))
            else:
                self.stderr.write(result.report_text())
            sys.exit(1)
        scores = predictions_score(release, result.predictions)
        if options["json"]:
            body = {
                "ok": True,
                "release": {"id": release.pk, "name": release.name, "version": release.version},
                "scorer_version": SCORER_VERSION,
                "scores": [
                    {"task": task, "part": part, "n": n, **score} for task, part, n, score in scores
                ],
            }
            self.stdout.write(json.dumps(body, indent=1))
            return
        self.stdout.write(
            f"{release} (release version {release.version}), scorer {SCORER_VERSION}\n"
            f"{'task':<5}{'part':<9}{'n':>7}  {'accuracy [95% CI]':<24}"
            f"{'macro-F1 [95% CI]':<24}{'AUC [95% CI]':<24}"
        )
        for task, part, n, score in scores:
            self.stdout.write(
                f"{task:<5}{part:<9}{n:>7}  {_estimate(score['accuracy']):<24}"
                f"{_estimate(score['macro_f1']):<24}{_estimate(score['auc']):<24}"
            )


def _estimate(estimate: dict) -> str:
    if estimate["value"] is None:
        return "-"
    low, high = estimate["ci_low"], estimate["ci_high"]
    interval = f" [{low:.4f}, {high:.4f}]" if low is not None and high is not None else ""
    return f"{estimate['value']:.4f}{interval}"
