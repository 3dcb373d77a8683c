import hashlib
import math
from collections.abc import Sequence
from datetime import date
from html import escape
from itertools import groupby

from stepwise.measures.spc.runs import RunResult
from stepwise.measures.spc.text import describe, long_date
from stepwise.measures.spc.xmr import PointType, XmrResult

# NHS "Making Data Count" palette as standardised in NHSRplotthedots 0.2.2.
POINT_COLOURS = {
    PointType.COMMON_CAUSE: "#a6a6a6",
    PointType.SPECIAL_CAUSE_IMPROVEMENT: "#00b0f0",
    PointType.SPECIAL_CAUSE_CONCERN: "#e46c0a",
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "#490092",
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "#490092",
}
POINT_LABELS = {
    PointType.COMMON_CAUSE: "common cause",
    PointType.SPECIAL_CAUSE_IMPROVEMENT: "special cause improvement",
    PointType.SPECIAL_CAUSE_CONCERN: "special cause concern",
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "special cause, high",
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "special cause, low",
}
VALUE_LINE = "#a6a6a6"
MEAN_LINE = "#000000"
LIMIT_LINE = "#6b6b6b"
TARGET_LINE = "#de1b1b"
MARKER_LINE = "#005eb8"
AXIS = "#4d4d4d"
GRID = "#e8e8e8"
MONTH_ABBREVIATIONS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


def render_svg(
    result: XmrResult | RunResult,
    *,
    title: str,
    markers: Sequence[tuple[date, str]] = (),
    target: float | None = None,
    width: int = 720,
    height: int = 360,
) -> str:
    if target is None and isinstance(result, XmrResult):
        target = result.target
    chart = _Chart(result, title=title, markers=markers, target=target, width=width, height=height)
    return chart.svg()


class _Chart:
    left, right, top, bottom = 64, 24, 48, 58

    def __init__(
        self,
        result: XmrResult | RunResult,
        *,
        title: str,
        markers: Sequence[tuple[date, str]],
        target: float | None,
        width: int,
        height: int,
    ) -> None:
        self.result = result
        self.title = title
        self.markers = [m for m in markers if isinstance(m[0], date)]
        self.target = target
        self.width = width
        self.height = height
        self.dates = [p.date for p in result.points]
        # Ids must be unique when several charts share a page, and stable for caching.
        digest = hashlib.sha1(
            f"{title}|{self.dates[:1]}|{self.dates[-1:]}|{len(self.dates)}".encode()
        ).hexdigest()[:10]
        self.id = f"spc-{digest}"
        self._scale()

    def _scale(self) -> None:
        days = [d.toordinal() for d in self.dates] + [m[0].toordinal() for m in self.markers]
        self.x_min, self.x_max = (min(days), max(days)) if days else (0, 1)
        if self.x_min == self.x_max:
            self.x_min, self.x_max = self.x_min - 1, self.x_max + 1
        levels = [p.value for p in self.result.points if p.value is not None]
        if isinstance(self.result, XmrResult):
            for p in self.result.points:
                levels.extend(v for v in (p.mean, p.lpl, p.upl) if v is not None)
        elif self.result.median is not None:
            levels.append(self.result.median)
        if self.target is not None:
            levels.append(self.target)
        low, high = (min(levels), max(levels)) if levels else (0.0, 1.0)
        if low == high:
            low, high = low - 1, high + 1
        self.ticks = _nice_ticks(low, high)
        self.y_min, self.y_max = min(self.ticks[0], low), max(self.ticks[-1], high)

    def x(self, day: date) -> float:
        span = self.width - self.left - self.right
        return self.left + span * (day.toordinal() - self.x_min) / (self.x_max - self.x_min)

    def y(self, value: float) -> float:
        span = self.height - self.top - self.bottom
        return self.top + span * (self.y_max - value) / (self.y_max - self.y_min)

    def svg(self) -> str:
        description = describe(self.result)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" '
            f'aria-labelledby="{self.id}-title {self.id}-desc" '
            'font-family="Arial, Helvetica, sans-serif" font-size="12">',
            f'<title id="{self.id}-title">{escape(self.title)}</title>',
            f'<desc id="{self.id}-desc">{escape(self._long_description(description))}</desc>',
            f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>',
            f'<text x="{self.left}" y="20" font-size="15" font-weight="bold" fill="#212b32">'
            f"{escape(self.title)}</text>",
            f'<text x="{self.left}" y="37" fill="#4d4d4d">{escape(description)}</text>',
        ]
        parts += self._axes()
        if isinstance(self.result, XmrResult):
            parts += self._xmr_lines()
        else:
            parts += self._median_line()
        parts += self._target_line()
        parts += self._marker_lines()
        parts += self._value_line()
        parts += self._points()
        parts += self._legend()
        parts.append("</svg>")
        return "\n".join(parts) + "\n"

    def _long_description(self, description: str) -> str:
        if not self.dates:
            return description
        span = f"{len(self.dates)} points from {long_date(self.dates[0])} to {long_date(self.dates[-1])}"
        extra = [span]
        if self.target is not None:
            extra.append(f"target {_format(self.target)}")
        extra += [f"{label} on {long_date(day)}" for day, label in self.markers]
        joined = "; ".join(extra)
        return f"{description} {joined[0].upper()}{joined[1:]}."

    def _axes(self) -> list[str]:
        left, right = self.left, self.width - self.right
        bottom = self.height - self.bottom
        parts = ['<g aria-hidden="true">']
        for tick in self.ticks:
            y = self.y(tick)
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
            )
            parts.append(
                f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS}">'
                f"{escape(_format(tick))}</text>"
            )
        parts.append(
            f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{AXIS}"/>'
        )
        ticks = _date_ticks(self.dates)
        for index, day in enumerate(ticks):
            x = self.x(day)
            anchor = "middle"
            if len(ticks) > 1 and index in (0, len(ticks) - 1):
                anchor = "start" if index == 0 else "end"
            parts.append(
                f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="{AXIS}"/>'
            )
            label = f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"
            parts.append(
                f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="{anchor}" fill="{AXIS}">'
                f"{label}</text>"
            )
        parts.append("</g>")
        return parts

    def _xmr_lines(self) -> list[str]:
        assert isinstance(self.result, XmrResult)
        parts = ['<g class="spc-limits" aria-hidden="true" fill="none">']
        for _, segment in groupby(self.result.points, key=lambda p: p.segment):
            points = list(segment)
            x1, x2 = self.x(points[0].date), self.x(points[-1].date)
            if x1 == x2:
                x1, x2 = x1 - 4, x2 + 4
            first = points[0]
            for level, colour, dash in (
                (first.mean, MEAN_LINE, ""),
                (first.upl, LIMIT_LINE, ' stroke-dasharray="6 4"'),
                (first.lpl, LIMIT_LINE, ' stroke-dasharray="6 4"'),
            ):
                if level is None:
                    continue
                y = self.y(level)
                parts.append(
                    f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" '
                    f'stroke="{colour}" stroke-width="1.5"{dash}/>'
                )
        parts.append("</g>")
        return parts

    def _median_line(self) -> list[str]:
        assert isinstance(self.result, RunResult)
        if self.result.median is None or not self.dates:
            return []
        y = self.y(self.result.median)
        x1, x2 = self.x(self.dates[0]), self.x(self.dates[-1])
        return [
            f'<line class="spc-median" aria-hidden="true" x1="{x1:.1f}" y1="{y:.1f}" '
            f'x2="{x2:.1f}" y2="{y:.1f}" stroke="{MEAN_LINE}" stroke-width="1.5"/>'
        ]

    def _target_line(self) -> list[str]:
        if self.target is None:
            return []
        y = self.y(self.target)
        right = self.width - self.right
        return [
            f'<g class="spc-target" aria-hidden="true"><line x1="{self.left}" y1="{y:.1f}" '
            f'x2="{right}" y2="{y:.1f}" stroke="{TARGET_LINE}" stroke-width="1.5" '
            'stroke-dasharray="2 3"/>'
            f'<text x="{right}" y="{y - 4:.1f}" text-anchor="end" fill="{TARGET_LINE}">'
            f"Target {escape(_format(self.target))}</text></g>"
        ]

    def _marker_lines(self) -> list[str]:
        parts = []
        top, bottom = self.top, self.height - self.bottom
        middle = (self.left + self.width - self.right) / 2
        for index, (day, label) in enumerate(sorted(self.markers)):
            x = self.x(day)
            # Labels step down so that cycles a few weeks apart do not print over each other,
            # and sit left of their line in the right half so they stay inside the picture.
            y = top + 10 + 13 * (index % 3)
            anchor, dx = ("end", -3) if x > middle else ("start", 3)
            parts.append(
                f'<g class="spc-marker" aria-hidden="true"><line x1="{x:.1f}" y1="{top}" '
                f'x2="{x:.1f}" y2="{bottom}" stroke="{MARKER_LINE}" stroke-dasharray="4 3"/>'
                f'<text x="{x + dx:.1f}" y="{y}" text-anchor="{anchor}" fill="{MARKER_LINE}">'
                f"{escape(label)}</text></g>"
            )
        return parts

    def _value_line(self) -> list[str]:
        path = []
        pen_down = False
        for point in self.result.points:
            if point.value is None:
                pen_down = False
                continue
            path.append(
                f"{'L' if pen_down else 'M'}{self.x(point.date):.1f},{self.y(point.value):.1f}"
            )
            pen_down = True
        if not path:
            return []
        return [
            f'<path class="spc-values" aria-hidden="true" d="{" ".join(path)}" fill="none" '
            f'stroke="{VALUE_LINE}" stroke-width="1.5"/>'
        ]

    def _points(self) -> list[str]:
        parts = ['<g class="spc-points">']
        for point in self.result.points:
            if point.value is None:
                continue
            kind = getattr(point, "point_type", PointType.COMMON_CAUSE)
            note = f"{long_date(point.date)}: {_format(point.value)}"
            if isinstance(self.result, XmrResult):
                note += f" ({POINT_LABELS[kind]})"
            parts.append(
                f'<circle class="{kind.value}" cx="{self.x(point.date):.1f}" '
                f'cy="{self.y(point.value):.1f}" r="4" fill="{POINT_COLOURS[kind]}">'
                f"<title>{escape(note)}</title></circle>"
            )
        parts.append("</g>")
        return parts

    def _legend(self) -> list[str]:
        if not isinstance(self.result, XmrResult):
            return []
        present = {p.point_type for p in self.result.points if p.value is not None}
        x, y = float(self.left), self.height - 10
        parts = ['<g class="spc-legend" aria-hidden="true">']
        for kind in POINT_COLOURS:
            if kind not in present:
                continue
            label = POINT_LABELS[kind].capitalize()
            parts.append(
                f'<circle cx="{x + 4:.1f}" cy="{y - 4}" r="4" fill="{POINT_COLOURS[kind]}"/>'
                f'<text x="{x + 12:.1f}" y="{y}" fill="{AXIS}">{escape(label)}</text>'
            )
            x += 24 + 6.5 * len(label)
        parts.append("</g>")
        return parts


def _format(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}" if abs(value) >= 1e5 or abs(value) < 1e-3 else f"{value:.3f}".rstrip("0")


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    tick = start
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _date_ticks(dates: list[date], count: int = 6) -> list[date]:
    if len(dates) <= count:
        return dates
    stride = (len(dates) - 1) / (count - 1)
    return [dates[round(i * stride)] for i in range(count)]
