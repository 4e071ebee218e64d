from django.core.management.base import BaseCommand

from feedback.crypto import reencrypt


class Command(BaseCommand):
    help = "Re-encrypt feedback case text and contact details with the first key (rotation)."

    def handle(self, *args, **options):
        count = reencrypt()
        self.stdout.write(f"Re-encrypted {count} rows.")
