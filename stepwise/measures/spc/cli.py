import argparse
import csv
import io
import json
import math
import re
import sys
from datetime import date
from typing import NoReturn

from stepwise.measures.spc.render import render_svg
from stepwise.measures.spc.runs import RunResult, run_chart
from stepwise.measures.spc.series_csv import (
    Series,
    SeriesError,
    parse_decimal,
    parse_iso_date,
    read_series,
)
from stepwise.measures.spc.xmr import XmrResult, xmr

PROG = "stepwise spc"
XMR_POINT_KEYS = ("date", "value", "mean", "lpl", "upl", "point_type")
RUN_KEYS = (
    "median",
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
    "runs_signal",
)
XMR_ONLY_OPTIONS = {
    "improvement": "--improvement",
    "target": "--target",
    "rebase": "--rebase",
    "fix_after": "--fix-after",
    "screen_outliers": "--no-screen-outliers",
}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse prints the usage and the message on two lines and exits; the contract is one
    # line on standard error and exit code 2, returned rather than raised.
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _target(text: str) -> float:
    try:
        return parse_decimal(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _rebase_date(text: str) -> date:
    try:
        return parse_iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _fix_after(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text.strip()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of points, 1 or more")
    return int(text)


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="XmR and run charts with the NHS 'Making Data Count' and Anhoej rules. "
        "Reads CSV with the columns date,value.",
    )
    parser.add_argument(
        "--input", metavar="FILE", help="CSV file; '-' or none reads standard input"
    )
    parser.add_argument("--chart", choices=("xmr", "run"), default="xmr")
    parser.add_argument("--improvement", choices=("increase", "decrease", "neutral"))
    parser.add_argument("--target", type=_target, metavar="NUMBER")
    parser.add_argument("--rebase", type=_rebase_date, action="append", metavar="DATE")
    parser.add_argument("--fix-after", type=_fix_after, metavar="N")
    parser.add_argument(
        "--no-screen-outliers", dest="screen_outliers", action="store_false", default=None
    )
    parser.add_argument("--format", choices=("json", "csv", "svg"), default="json")
    parser.add_argument("--title", help="chart title for --format svg")
    return parser


def main(argv: list[str]) -> int:
    try:
        options = _parser().parse_args(argv)
        if options.chart == "run":
            misplaced = _xmr_only_options_given(options)
            if misplaced:
                raise UsageError(f"{misplaced[0]} does not apply to --chart run")
        if options.title is not None and options.format != "svg":
            raise UsageError("--title applies only to --format svg")
    except UsageError as error:
        print(f"{PROG}: error: {_one_line(str(error))}", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0

    try:
        series = _read(options.input)
    except SeriesError as error:
        print(f"{PROG}: {_one_line(str(error))}", file=sys.stderr)
        return 1

    if options.chart == "run":
        output = _run_output(run_chart(series.dates, series.values), options)
    else:
        output = _xmr_output(_xmr(series, options), options)
    sys.stdout.write(output)
    return 0


def _one_line(message: str) -> str:
    # Arguments and file names can hold line breaks; the contract is one line on stderr.
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _xmr_only_options_given(options: argparse.Namespace) -> list[str]:
    return [flag for name, flag in XMR_ONLY_OPTIONS.items() if getattr(options, name) is not None]


def _read(path: str | None) -> Series:
    if path is None or path == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise SeriesError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SeriesError("the input is not UTF-8 text") from None
    return read_series(text)


def _xmr(series: Series, options: argparse.Namespace) -> XmrResult:
    return xmr(
        series.dates,
        series.values,
        improvement=options.improvement or "increase",
        target=options.target,
        rebase=options.rebase or (),
        fix_after=options.fix_after,
        screen_outliers=options.screen_outliers is not False,
    )


def _number(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _xmr_rows(result: XmrResult) -> list[dict]:
    return [
        {
            "date": point.date.isoformat(),
            "value": _number(point.value),
            "mean": _number(point.mean),
            "lpl": _number(point.lpl),
            "upl": _number(point.upl),
            "point_type": point.point_type.value,
        }
        for point in result.points
    ]


def _xmr_output(result: XmrResult, options: argparse.Namespace) -> str:
    if options.format == "svg":
        return render_svg(result, title=options.title or "XmR chart")
    rows = _xmr_rows(result)
    if options.format == "csv":
        return _csv(XMR_POINT_KEYS, rows)
    assurance = result.assurance.value if result.assurance else None
    return json.dumps({"points": rows, "assurance": assurance}, allow_nan=False) + "\n"


def _run_output(result: RunResult, options: argparse.Namespace) -> str:
    if options.format == "svg":
        return render_svg(result, title=options.title or "Run chart")
    summary = {key: getattr(result, key) for key in RUN_KEYS}
    summary["median"] = _number(summary["median"])
    if options.format == "csv":
        return _csv(RUN_KEYS, [summary])
    return json.dumps(summary, allow_nan=False) + "\n"


def _csv(keys: tuple[str, ...], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_csv_cell(row[key]) for key in keys])
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
