"""Small SVG charts with their text alternative; every label drawn is escaped."""

from collections.abc import Sequence
from datetime import date
from html import escape

from django.utils.safestring import SafeString, mark_safe

from stepwise.measures.spc import RunResult, describe, render_svg, run_chart

BAR = "#005eb8"
AXIS = "#4d4d4d"


def share_run_chart(months: Sequence[date], shares: Sequence[int | None], *, title: str
                    ) -> tuple[SafeString, str]:
    result: RunResult = run_chart(list(months), [None if s is None else float(s)
                                                 for s in shares])
    return mark_safe(render_svg(result, title=title)), describe(result)  # noqa: S308 - the engine escapes every text it draws


def cumulative_bars(months: Sequence[date], totals: Sequence[int], *, title: str,
                    width: int = 720, height: int = 300) -> SafeString:
    left, right, top, bottom = 48, 16, 40, 40
    peak = max([*totals, 1])
    span_x = (width - left - right) / max(len(totals), 1)
    span_y = height - top - bottom
    description = (f"{totals[-1]} in all by {months[-1]:%B %Y}, from {totals[0]} in "
                   f"{months[0]:%B %Y}." if totals else "No months to show.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}. '
        f'{escape(description)}" font-family="Arial, Helvetica, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="20" font-size="15" font-weight="bold" fill="#212b32">'
        f"{escape(title)}</text>",
        '<g aria-hidden="true">',
        f'<line x1="{left}" y1="{top + span_y}" x2="{width - right}" y2="{top + span_y}" '
        f'stroke="{AXIS}"/>',
    ]
    for index, (month, total) in enumerate(zip(months, totals, strict=True)):
        bar = span_y * total / peak
        x = left + index * span_x
        parts.append(f'<rect x="{x + span_x * 0.15:.1f}" y="{top + span_y - bar:.1f}" '
                     f'width="{span_x * 0.7:.1f}" height="{bar:.1f}" fill="{BAR}"/>')
        parts.append(f'<text x="{x + span_x / 2:.1f}" y="{top + span_y - bar - 4:.1f}" '
                     f'text-anchor="middle" fill="#212b32">{total}</text>')
        parts.append(f'<text x="{x + span_x / 2:.1f}" y="{height - bottom + 16}" '
                     f'text-anchor="middle" fill="{AXIS}">{month:%b}</text>')
    parts += ["</g>", "</svg>"]
    return mark_safe("\n".join(parts))  # noqa: S308 - numbers and escaped text only
