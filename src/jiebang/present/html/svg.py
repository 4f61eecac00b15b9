"""Inline SVG drawings: the milestones on a timeline and each indicator's readings against its
target. Plain markup, no script and no external file, so a page prints and works offline.

Both take the report document's rows (`present.report`), so a chart shows exactly the figures
the table beside it lists.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jiebang import i18n
from jiebang.model.dates import parse_partial_date
from jiebang.present.html.layout import COLOURS, esc

WIDTH = 760
LABEL = 250  # room on the left of the timeline for the milestones' names
ROW = 26
MILESTONE_COLOURS = {"done": COLOURS["green"], "cancelled": COLOURS["grey"], "overdue": COLOURS["red"]}


def _day(value: object) -> date | None:
    return parse_partial_date(value) if value not in (None, "") else None


def _clip(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(milestones: list[dict[str, Any]], as_of: str, lang: str) -> str:
    """One row per milestone: its due date (a hollow mark where it was first due, when moved), the
    day it was done, and a dashed line at `as_of`. Colours: done green, overdue red, cancelled grey."""
    rows = [m for m in milestones if _day(m.get("revised_due_on")) or _day(m.get("due_on")) or _day(m.get("done_on"))]
    if not rows:
        return ""
    today = _day(as_of)
    days = [d for m in rows for k in ("due_on", "revised_due_on", "done_on") if (d := _day(m.get(k)))]
    days += [today] if today else []
    start, end = min(days), max(days)
    if end <= start:
        end = start + timedelta(days=30)
    span = (end - start).days
    plot = WIDTH - LABEL - 20

    def x(day: date) -> float:
        return round(LABEL + (day - start).days / span * plot, 1)

    height = 40 + ROW * len(rows)
    title = i18n.text("html.timeline", lang)
    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{esc(title)}">',
        f'<line x1="{LABEL}" y1="{height - 22}" x2="{WIDTH - 20}" y2="{height - 22}" stroke="#57606a"/>',
        f'<text x="{LABEL}" y="{height - 6}" font-size="11" fill="#57606a">{esc(start.isoformat())}</text>',
        f'<text x="{WIDTH - 20}" y="{height - 6}" font-size="11" fill="#57606a" text-anchor="end">'
        f"{esc(end.isoformat())}</text>",
    ]
    for index, m in enumerate(rows):
        y = 20 + ROW * index
        status = "overdue" if m.get("overdue_days") else str(m.get("status") or "")
        colour = MILESTONE_COLOURS.get(status, COLOURS["blue"])
        name = " ".join(str(v) for v in (m.get("id"), m.get("title")) if v not in (None, ""))
        shown = i18n.label(i18n.MILESTONE_STATUS_LABELS, m.get("status"), lang) if m.get("status") else ""
        out.append(f'<g class="milestone" data-id="{esc(m.get("id"))}">')
        out.append(f"<title>{esc(name)} {esc(shown)}</title>")
        out.append(f'<text x="{LABEL - 8}" y="{y + 4}" font-size="12" text-anchor="end">{esc(_clip(name))}</text>')
        out.append(f'<line x1="{LABEL}" y1="{y}" x2="{WIDTH - 20}" y2="{y}" stroke="#eef0f2"/>')
        first, moved, done = _day(m.get("due_on")), _day(m.get("revised_due_on")), _day(m.get("done_on"))
        due = moved or first
        if first and moved and moved != first:
            out.append(f'<circle cx="{x(first)}" cy="{y}" r="5" fill="none" stroke="{colour}" stroke-width="1.5"/>')
            out.append(
                f'<line x1="{x(first)}" y1="{y}" x2="{x(moved)}" y2="{y}" stroke="{colour}" stroke-dasharray="3 2"/>'
            )
        if due:
            out.append(f'<circle cx="{x(due)}" cy="{y}" r="6" fill="{colour}"/>')
        if done:
            side = f'<rect x="{x(done) - 5}" y="{y - 5}" width="10" height="10" fill="{COLOURS["green"]}"'
            out.append(side + f' transform="rotate(45 {x(done)} {y})"/>')
        out.append("</g>")
    if today:
        out.append(
            f'<line x1="{x(today)}" y1="8" x2="{x(today)}" y2="{height - 22}" stroke="#57606a" stroke-dasharray="4 3"/>'
        )
        out.append(
            f'<text x="{x(today)}" y="{height - 26}" font-size="11" fill="#57606a" text-anchor="middle">'
            f"{esc(as_of)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _figure(value: float) -> str:
    return f"{value:g}"


def indicator_chart(row: dict[str, Any], lang: str) -> str:
    """The readings up to the report's date as a line, the target (and baseline) as dashed lines;
    nothing when the indicator has no reading. Figures carry their qualifier ("300余")."""
    trend = [p for p in row.get("trend") or [] if isinstance(p.get("value"), int | float)]
    if not trend:
        return ""
    width, height, left, right, top, bottom = 540, 220, 60, 40, 24, 44
    target = row.get("target") if isinstance(row.get("target"), int | float) else None
    baseline = row.get("baseline") if isinstance(row.get("baseline"), int | float) else None
    values = [float(p["value"]) for p in trend] + [v for v in (target, baseline) if v is not None]
    low, high = min(0.0, *values), max(values)
    if high <= low:
        high = low + 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(value: float) -> float:
        return round(top + (high - value) / (high - low) * plot_h, 1)

    def x(index: int) -> float:
        return round(left + (plot_w / 2 if len(trend) == 1 else index / (len(trend) - 1) * plot_w), 1)

    name = str(row.get("name") or row.get("id") or "")
    unit = f" ({row['unit']})" if row.get("unit") else ""
    out = [
        f'<svg class="indicator" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{esc(name + unit)}" data-id="{esc(row.get("id"))}">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#57606a"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#57606a"/>',
        f'<text x="{left - 6}" y="{y(high) + 4}" font-size="11" text-anchor="end">{esc(_figure(high))}</text>',
        f'<text x="{left - 6}" y="{y(low) + 4}" font-size="11" text-anchor="end">{esc(_figure(low))}</text>',
    ]
    for value, key, colour in ((target, "target", COLOURS["green"]), (baseline, "baseline", COLOURS["grey"])):
        if value is None:
            continue
        label = f"{i18n.label(i18n.INDICATOR_LABELS, key, lang)} {_figure(value)}"
        out.append(
            f'<line class="{key}" x1="{left}" y1="{y(value)}" x2="{width - right}" y2="{y(value)}" '
            f'stroke="{colour}" stroke-dasharray="6 4"/>'
        )
        out.append(
            f'<text x="{width - right}" y="{y(value) - 4}" font-size="11" fill="{colour}" text-anchor="end">'
            f"{esc(label)}</text>"
        )
    points = " ".join(f"{x(i)},{y(float(p['value']))}" for i, p in enumerate(trend))
    out.append(f'<polyline points="{points}" fill="none" stroke="{COLOURS["blue"]}" stroke-width="2"/>')
    for i, p in enumerate(trend):
        shown = i18n.qualified(p["value"], p.get("qualifier"), lang) or _figure(float(p["value"]))
        out.append(
            f'<circle class="reading" cx="{x(i)}" cy="{y(float(p["value"]))}" r="4" fill="{COLOURS["blue"]}">'
            f"<title>{esc(p.get('on'))} {esc(shown)}</title></circle>"
        )
        out.append(
            f'<text x="{x(i)}" y="{y(float(p["value"])) - 8}" font-size="11" text-anchor="middle">{esc(shown)}</text>'
        )
        out.append(
            f'<text x="{x(i)}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle">{esc(p.get("on"))}</text>'
        )
    out.append(
        f'<text x="{left}" y="{height - 6}" font-size="12" font-weight="600">{esc(_clip(name + unit, 40))}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
