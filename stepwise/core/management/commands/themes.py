from stepwise.cli import ENGINE_COMMANDS
from stepwise.core.engine_command import EngineCommand


class Command(EngineCommand):
    help = "Group notes (JSON lines) into themes; see 'stepwise themes --help'."
    engine_module = ENGINE_COMMANDS["themes"]
