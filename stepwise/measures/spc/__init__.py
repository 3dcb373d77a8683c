from stepwise.measures.spc.render import render_svg
from stepwise.measures.spc.runs import RunPoint, RunResult, run_chart
from stepwise.measures.spc.text import describe, did_it_work
from stepwise.measures.spc.xmr import (
    Assurance,
    Improvement,
    PointType,
    Rule,
    XmrPoint,
    XmrResult,
    xmr,
)

__all__ = [
    "Assurance",
    "Improvement",
    "PointType",
    "Rule",
    "RunPoint",
    "RunResult",
    "XmrPoint",
    "XmrResult",
    "describe",
    "did_it_work",
    "render_svg",
    "run_chart",
    "xmr",
]
