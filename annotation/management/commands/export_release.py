"""python manage.py export_release RELEASE_ID [--with-test-labels] [--output DIR]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accounts.errors import ApplicationError
from annotation.curation.exports import (
    export_directory,
    release_export_create,
    release_export_run,
)
from annotation.models import Release


class Command(BaseCommand):
    help = (
        "Export a published release (JSON Lines, CSV, Parquet per task and split, dataset card, "
        "Croissant metadata, SHA256SUMS), in this process. The export is recorded like one "
        "started from the web, and downloadable there unless --output puts it elsewhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("release_id", type=int)
        parser.add_argument(
            "--with-test-labels",
            action="store_true",
            help="also write private/<task>/test_labels.* (curators only; never offered to "
            "model authors)",
        )
        parser.add_argument(
            "--output", type=Path, help="write into DIR instead of MEDIA_ROOT/exports/..."
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        release = Release.objects.filter(pk=options["release_id"]).first()
        if release is None:
            raise CommandError(f"release {options['release_id']}: no such release")
        try:
            export = release_export_create(
                release,
                user=None,
                include_test_labels=options["with_test_labels"],
                enqueue=False,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        bar = None
        if not options["no_progress"]:
            bar = tqdm(total=export.rows_total, unit="rows", desc="export", file=sys.stderr)

        def on_progress(progress):
            if bar is not None:
                bar.update(progress.rows_done - bar.n)
                bar.set_postfix_str(progress.table)

        try:
            export = release_export_run(
                export.pk, output=options["output"], on_progress=on_progress
            )
        except Exception as error:
            raise CommandError(f"export {export.pk} failed: {error}") from None
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Export {export.pk} of {release}: {len(export.files)} files, "
                f"{export.rows_total:,} rows, in {export_directory(export)}"
            )
        )
