"""python manage.py import_catalog FILE [FILE ...] [--kind meta|reviews] [--strict]"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accounts.errors import ApplicationError
from pipeline.catalog.reader import KINDS, CatalogFile
from pipeline.catalog.services import catalog_import


class Command(BaseCommand):
    help = (
        "Import Amazon Reviews 2023 JSON Lines files (plain or gzip): item metadata "
        "(meta_<Category>.jsonl) and reviews (<Category>.jsonl). Metadata files are imported "
        "first. Re-importing the same files changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="catalogue files, .jsonl or .jsonl.gz")
        parser.add_argument(
            "--kind", choices=KINDS, help="treat every file as this kind instead of detecting it"
        )
        parser.add_argument(
            "--category",
            help="category for the products (default: from the file name, else main_category)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="abort on the first bad line and leave the database exactly as it was",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--max-problems", type=int, default=200, help="bad lines to print (all are counted)"
        )

    def handle(self, *args, **options):
        files = [CatalogFile.of(path) for path in options["files"]]
        bar = None
        if not options["no_progress"]:
            total = sum(f.size for f in files if f.path.is_file())
            bar = tqdm(
                total=total, unit="B", unit_scale=True, desc="import", file=sys.stderr, leave=True
            )
        printed = 0

        def on_progress(progress):
            if bar is not None:
                bar.update(progress.bytes_done - bar.n)
                bar.set_postfix_str(f"{progress.lines} lines, {progress.current_file}")

        def on_problem(problem):
            nonlocal printed
            if printed < options["max_problems"]:
                line = str(problem)
                (bar.write(line, file=sys.stderr) if bar else self.stderr.write(line))
            printed += 1

        try:
            summary = catalog_import(
                files,
                strict=options["strict"],
                kind=options["kind"],
                category=options["category"],
                on_progress=on_progress,
                on_problem=on_problem,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        finally:
            if bar is not None:
                bar.close()
        if printed > options["max_problems"]:
            self.stderr.write(f"... and {printed - options['max_problems']} more bad lines")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {summary.lines} lines: {summary.describe()}")
        )
