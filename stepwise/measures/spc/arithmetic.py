import math
from collections.abc import Sequence
from fractions import Fraction


def r_mean(values: Sequence[float]) -> float:
    # R's mean() sums in long double and adds a correction pass, which in practice yields the
    # correctly rounded mean. A naive sum(values) / n differs in the last bit often enough to
    # move a point "onto" or "off" the mean, which changes rule outcomes.
    n = len(values)
    try:
        first = math.fsum(values) / n
        if not math.isfinite(first):
            raise OverflowError
        residual = math.fsum([*values, *([-first] * n)])
        return first + residual / n
    except OverflowError:
        return float(sum(map(Fraction, values)) / n)


def r_median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    half, odd = divmod(len(ordered), 2)
    if odd:
        return ordered[half]
    return r_mean(ordered[half - 1 : half + 1])


def sign(x: float) -> int:
    return (x > 0) - (x < 0)
