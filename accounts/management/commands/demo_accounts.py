"""Create (or reset) the demo accounts and print them. For the local demo only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import ADMIN, ANNOTATOR, CURATOR, MODEL_AUTHOR
from accounts.services import user_create_with_roles

DEMO_ACCOUNTS = [
    ("admin", [ADMIN]),
    ("curator", [CURATOR]),
    ("annotator1", [ANNOTATOR]),
    ("annotator2", [ANNOTATOR]),
    ("annotator3", [ANNOTATOR]),
    ("author", [MODEL_AUTHOR]),
]


class Command(BaseCommand):
    help = "Create the demo accounts (one per role) with a shared demo password, and print them."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo-pass-2025", help="password for all")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts have a published password; refusing with DEBUG off.")
        password = options["password"]
        self.stdout.write(f"Demo accounts (password for all: {password}):")
        for username, roles in DEMO_ACCOUNTS:
            user_create_with_roles(username=username, password=password, roles=roles)
            self.stdout.write(f"  {username:<12} {', '.join(roles)}")
