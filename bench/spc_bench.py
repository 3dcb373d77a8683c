"""Time the SPC engine: recomputing many weekly measures, and rendering one chart as SVG.

Run from the repository root: python bench/spc_bench.py [--measures 10000] [--points 104]
All data is generated here from a fixed seed; it describes no real service.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stepwise.measures.spc import render_svg, run_chart, xmr  # noqa: E402

START = date(2023, 1, 2)


def make_measure(seed: int, points: int) -> tuple[list[date], list[float | None], list[date]]:
    rng = random.Random(seed)
    dates = [START + timedelta(weeks=i) for i in range(points)]
    level = rng.uniform(20, 80)
    spread = rng.uniform(1, 8)
    values: list[float | None] = []
    for _ in range(points):
        if rng.random() < 0.02:
            level += rng.choice([-1, 1]) * spread * rng.uniform(1, 3)
        values.append(None if rng.random() < 0.01 else round(rng.gauss(level, spread), 1))
    rebase = [dates[rng.randrange(20, points)]] if points > 20 and rng.random() < 0.3 else []
    return dates, values, rebase


def recompute(measures, chart: str) -> int:
    signals = 0
    for dates, values, rebase in measures:
        if chart == "xmr":
            result = xmr(dates, values, rebase=rebase, target=50.0)
            signals += sum(p.rule is not None for p in result.points)
        else:
            signals += run_chart(dates, values).runs_signal
    return signals


def _recompute_share(args: tuple[range, int, str]) -> float:
    seeds, points, chart = args
    # Each worker builds its own share of the data, as a worker would load it from the
    # database, so only seeds and a timing cross process boundaries; only the compute is timed.
    measures = [make_measure(s, points) for s in seeds]
    started = time.perf_counter()
    recompute(measures, chart)
    return time.perf_counter() - started


def time_serial(measures, chart: str) -> float:
    started = time.perf_counter()
    recompute(measures, chart)
    return time.perf_counter() - started


def time_parallel(count: int, points: int, processes: int, chart: str) -> float:
    shares = [range(i, count, processes) for i in range(processes)]
    with get_context("fork").Pool(processes) as pool:
        return max(pool.map(_recompute_share, [(share, points, chart) for share in shares]))


def time_svg(points: int, repeats: int) -> list[float]:
    dates, values, _ = make_measure(7, points)
    result = xmr(dates, values, rebase=[dates[points // 2]], target=50.0)
    markers = [(dates[points // 3], "PDSA 1"), (dates[points // 2], "PDSA 2")]
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        render_svg(result, title="Visits within 10 working days", markers=markers, target=50.0)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=104)
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--svg-repeats", type=int, default=300)
    options = parser.parse_args()

    count, points = options.measures, options.points
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    measures = [make_measure(seed, points) for seed in range(count)]
    for chart in ("xmr", "run"):
        serial = time_serial(measures, chart)
        print(
            f"{chart}: {count} measures x {points} points, 1 process: {serial:.2f} s "
            f"({serial / count * 1e6:.0f} us per measure)"
        )
    if options.processes > 1:
        slowest = time_parallel(count, points, options.processes, "xmr")
        print(
            f"xmr: {count} measures x {points} points, {options.processes} processes: "
            f"{slowest:.2f} s (slowest worker)"
        )
    timings = time_svg(points, options.svg_repeats)
    quantiles = statistics.quantiles(timings, n=20)
    print(
        f"svg: one {points}-point chart, {options.svg_repeats} renders: "
        f"p50 {statistics.median(timings):.2f} ms, p95 {quantiles[18]:.2f} ms"
    )


if __name__ == "__main__":
    main()
