from django.core.management.base import BaseCommand

from stepwise.core.tenancy import tenant_context
from stepwise.organisations.models import Organisation
from stepwise.privacy.services import outside_texts_backfill


class Command(BaseCommand):
    help = ("Compute what people outside each text's team see, for text saved before that "
            "existed or by a path that skipped it (safe to run again). Pages never show "
            "unchecked text meanwhile: they de-identify it on the spot.")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true",
                            help="Recompute every row, not only missing or out-of-date ones.")

    def handle(self, *args, **options):
        total = 0
        for organisation in Organisation.objects.order_by("pk"):
            with tenant_context(organisation):
                count = outside_texts_backfill(organisation=organisation,
                                               stale_only=not options["all"])
            total += count
            if count:
                self.stdout.write(f"{organisation.name}: {count} texts de-identified")
        self.stdout.write(f"Outside texts: {total} computed.")
