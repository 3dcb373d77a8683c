from django.core.management.base import BaseCommand

from stepwise.core.policy import capability_table_markdown


class Command(BaseCommand):
    help = "Print the role × capability table (as in the README) that the code enforces."

    def handle(self, *args, **options):
        self.stdout.write(capability_table_markdown())
