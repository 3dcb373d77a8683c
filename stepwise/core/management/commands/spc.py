from stepwise.cli import ENGINE_COMMANDS
from stepwise.core.engine_command import EngineCommand


class Command(EngineCommand):
    help = "XmR and run charts from CSV (date,value) as JSON, CSV or SVG; see 'stepwise spc --help'."
    engine_module = ENGINE_COMMANDS["spc"]
