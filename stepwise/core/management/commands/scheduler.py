import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from stepwise.core import scheduler


class Command(BaseCommand):
    help = "Run time-driven jobs (go-ahead windows, nudges, digests, purges) on Europe/London time."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once, then exit.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks.")

    def handle(self, *args, once: bool, interval: int, **options):
        while True:
            claimed = scheduler.run_due_jobs(timezone.now())
            for name in claimed:
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(max(interval, 1))
