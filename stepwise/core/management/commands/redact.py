from stepwise.cli import ENGINE_COMMANDS
from stepwise.core.engine_command import EngineCommand


class Command(EngineCommand):
    help = "De-identify JSON lines or plain text; see 'stepwise redact --help'."
    engine_module = ENGINE_COMMANDS["redact"]
