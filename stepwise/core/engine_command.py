import importlib
import sys

from django.core.management.base import BaseCommand


class EngineCommand(BaseCommand):
    """Lists an engine's command-line door in `stepwise help`.

    `stepwise <name>` reaches the engine directly without starting Django (see cli.py); this
    class makes the same door work through Django's own dispatch too.
    """

    engine_module: str

    def run_from_argv(self, argv):
        sys.exit(importlib.import_module(self.engine_module).main(argv[2:]))

    def handle(self, *args, **options):
        raise NotImplementedError
