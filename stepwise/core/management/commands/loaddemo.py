import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Each app that has demo content adds its module here, in dependency order.
DEMO_MODULES = [
    "stepwise.organisations.demo",
    "stepwise.learning.demo",
    "stepwise.measures.demo",
    "stepwise.improvements.demo",
    "stepwise.themes.demo",
    "stepwise.recognition.demo",
    "stepwise.privacy.demo",
]


class Command(BaseCommand):
    help = "Load the fictional demo organisations (safe to run again) and print the log-ins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is loaded only when DEBUG=1.")
        for name in DEMO_MODULES:
            importlib.import_module(name).load(self.stdout)
        from stepwise.organisations.demo import DEMO_PASSWORD, email_for

        self.stdout.write(self.style.SUCCESS("\nDemo log-ins (password for all: "
                                             f"{DEMO_PASSWORD}):"))
        for label, local in [
            ("Practitioner", "practitioner"),
            ("Team manager", "manager"),
            ("Improvement lead", "lead"),
            ("Performance analyst", "analyst"),
            ("Organisation admin (two-factor)", "admin"),
        ]:
            self.stdout.write(f"  {label:34} {email_for(local)}")
        self.stdout.write(
            "  The admin's two-factor code: .venv/bin/stepwise democode "
            f"{email_for('admin')}\n  (or add key GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ to an "
            "authenticator app)"
        )
