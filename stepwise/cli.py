import importlib
import os
import sys

# Engine commands need no database and no settings, so they skip Django's start-up.
ENGINE_COMMANDS = {
    "spc": "stepwise.measures.spc.cli",
    "redact": "stepwise.privacy.deid.cli",
    "themes": "stepwise.themes.engine.cli",
}


def main() -> None:
    argv = sys.argv
    if len(argv) > 1 and argv[1] in ENGINE_COMMANDS:
        module = importlib.import_module(ENGINE_COMMANDS[argv[1]])
        sys.exit(module.main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepwise.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
