import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from stepwise.measures.spc.arithmetic import r_median
from stepwise.measures.spc.xmr import sort_series


@dataclass(slots=True, frozen=True)
class RunPoint:
    date: date
    value: float | None


@dataclass(slots=True, frozen=True)
class RunResult:
    points: list[RunPoint]
    median: float | None
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    runs_signal: bool


def run_chart(dates: Sequence[date], values: Sequence[float | None]) -> RunResult:
    ordered_dates, ordered_values = sort_series(dates, values)
    points = [RunPoint(d, v) for d, v in zip(ordered_dates, ordered_values, strict=True)]
    present = [v for v in ordered_values if v is not None]
    if not present:
        return RunResult(points, None, 0, None, None, None, None, False)
    median = r_median(present)
    # Points on the median carry no information about which side the process is on.
    sides = [(v > median) - (v < median) for v in present if v != median]
    n_useful = len(sides)
    if not n_useful:
        return RunResult(points, median, 0, None, None, None, None, False)
    run_lengths = []
    length = 1
    for previous, current in pairwise(sides):
        if current == previous:
            length += 1
        else:
            run_lengths.append(length)
            length = 1
    run_lengths.append(length)
    longest_run = max(run_lengths)
    longest_run_max = round(math.log2(n_useful)) + 3
    n_crossings = len(run_lengths) - 1
    n_crossings_min = binomial_quantile_half(0.05, n_useful - 1)
    return RunResult(
        points=points,
        median=median,
        n_useful=n_useful,
        longest_run=longest_run,
        longest_run_max=longest_run_max,
        n_crossings=n_crossings,
        n_crossings_min=n_crossings_min,
        runs_signal=longest_run > longest_run_max or n_crossings < n_crossings_min,
    )


def binomial_quantile_half(p: float, size: int) -> int:
    """R's qbinom(p, size, 0.5): the smallest k with P(X <= k) >= p, computed exactly."""
    if not 0 < p < 1:
        raise ValueError("p must lie strictly between 0 and 1")
    if size < 0:
        raise ValueError("size must not be negative")
    numerator, denominator = p.as_integer_ratio()
    return _binomial_quantile_half(numerator, denominator, size)


@lru_cache(maxsize=4096)
def _binomial_quantile_half(numerator: int, denominator: int, size: int) -> int:
    # P(X <= k) >= numerator/denominator  <=>  denominator * sum(C(size, i)) >= numerator * 2**size
    threshold = numerator << size
    coefficient = 1
    cumulative = 0
    for k in range(size + 1):
        cumulative += coefficient
        if denominator * cumulative >= threshold:
            return k
        coefficient = coefficient * (size - k) // (k + 1)
    return size
