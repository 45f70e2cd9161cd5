"""Small inline SVG charts for the HTML report: no plotting library, nothing fetched.

Every string that reaches the SVG goes through :func:`html.escape`; numbers are formatted here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def _num(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _count(n: float) -> str:
    return f"{n:,.0f}" if n >= 1 else f"{n:g}"


def histogram(
    counts: Sequence[int],
    edges: Sequence[float],
    *,
    title: str,
    x_label: str,
    color: str = "#4a6fa5",
    marker: float | None = None,
    marker_label: str = "",
    width: int = 460,
    height: int = 170,
    percent_axis: bool = False,
) -> str:
    """A bar per bin (``len(edges) == len(counts) + 1``), a tooltip per bar, an optional
    vertical marker (the threshold, say)."""
    left, right, top, bottom = 44, 20, 22, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(counts, default=0) or 1
    lo, hi = edges[0], edges[-1]
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return left + (v - lo) / span * plot_w

    def fmt(v: float) -> str:
        return f"{v * 100:.0f}%" if percent_axis else f"{v:g}"

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{left}" y="14" class="chart-title">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" class="axis"/>',
        f'<text x="{left - 4}" y="{top + 4}" class="tick" text-anchor="end">{_count(peak)}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" class="tick" text-anchor="end">0</text>',
    ]
    for i, n in enumerate(counts):
        a, b = edges[i], edges[i + 1]
        h = n / peak * plot_h
        parts.append(
            f'<rect x="{_num(x(a) + 0.5)}" y="{_num(top + plot_h - h)}" '
            f'width="{_num(max(x(b) - x(a) - 1, 0.5))}" height="{_num(h)}" fill="{escape(color)}">'
            f"<title>{escape(fmt(a))}–{escape(fmt(b))}: {n:,}</title></rect>"
        )
    for v in (lo, (lo + hi) / 2, hi):
        parts.append(
            f'<text x="{_num(x(v))}" y="{top + plot_h + 13}" class="tick" '
            f'text-anchor="middle">{escape(fmt(v))}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.0f}" y="{height - 4}" class="axis-label" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )
    if marker is not None and lo <= marker <= hi:
        mx = _num(x(marker))
        parts.append(
            f'<line x1="{mx}" y1="{top - 4}" x2="{mx}" y2="{top + plot_h}" class="marker"/>'
            f'<text x="{mx}" y="{top - 6}" class="tick marker-label" text-anchor="end">'
            f"{escape(marker_label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bars(
    items: Sequence[tuple[str, float, str]], *, title: str, width: int = 460, unit: str = ""
) -> str:
    """Horizontal bars, one per ``(label, value, color)``."""
    row, left, right, top = 20, 130, 70, 24
    height = top + row * max(len(items), 1) + 6
    plot_w = width - left - right
    peak = max((v for _, v, _ in items), default=0) or 1
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="4" y="14" class="chart-title">{escape(title)}</text>',
    ]
    for i, (label, value, color) in enumerate(items):
        y = top + i * row
        w = value / peak * plot_w
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" class="tick" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{_num(max(w, 0.5 if value else 0))}" height="14" '
            f'fill="{escape(color)}"><title>{escape(label)}: {_count(value)}{escape(unit)}</title>'
            f"</rect>"
            f'<text x="{_num(left + w + 4)}" y="{y + 13}" class="tick">'
            f"{_count(value)}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
