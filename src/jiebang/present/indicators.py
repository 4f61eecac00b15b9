"""Indicators of a project, programme or cohort, as shown: one row each, with the value its
aggregation gives, the period, the source's qualifier and the note.

The figure and its qualifier are one cell ("300余", "more than 300"), so a figure the source
gave as approximate is never read as exact. `build` gives machine values (json/yaml keep the
qualifier beside the number); `table` lays the rows out for people in either language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.model.fields import dicts, plain
from jiebang.present.render import LIST_SEPARATOR
from jiebang.queries import derive, units
from jiebang.queries.views import one_decimal

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from jiebang.model.records import Register

# The project report's columns since before issue 10: kept even when empty, so its layout stays put.
REPORT_COLUMNS = ("name", "unit", "baseline", "target", "value", "on", "progress", "trend")
COLUMNS_WITH_NOTE = (
    "name", "unit", "aggregation", "baseline", "target", "value", "period", "on", "covers", "progress", "trend", "note"
)  # fmt: skip


def names(reg: Register) -> dict[str, str]:
    """Person and unit ids with their names, for a breakdown people can read."""
    people = {pid: p.get("name") for pid, p in reg.everyone.person_ids().items()}
    return {k: str(v) for k, v in (people | {u: d.get("name") for u, d in units.of(reg).by_id.items()}).items() if v}


def build(
    indicator: Mapping[str, Any], as_of: date, period: str | None = None, named: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One indicator at `as_of`: its definition, its aggregated value with qualifier and period,
    the actuals of that period broken down by person or unit (with the names `named` gives), and
    the trend of all its actuals."""
    found = derive.indicator_value(indicator, as_of, period)
    progress = derive.indicator_progress(indicator, as_of) if period is None else None
    actuals = dicts(indicator.get("actuals"))
    chosen = [actuals[i] for i in found.used] if found else []
    notes = [indicator.get("note"), *(a.get("note") for a in chosen)]
    return {
        "id": indicator.get("id"),
        "name": indicator.get("name"),
        "unit": indicator.get("unit"),
        "aggregation": indicator.get("aggregation"),
        "baseline": indicator.get("baseline"),
        "baseline_on": plain(indicator.get("baseline_on")),
        "target": indicator.get("target"),
        "value": None if found is None else round(found.value, 4),
        "qualifier": found.qualifier if found else None,
        "period": found.period if found else None,
        "on": found.on if found else None,
        "covers": found.covers if found and found.covers else None,
        "progress": None if progress is None else one_decimal(progress),
        "breakdown": [
            {
                **{k: plain(a.get(k)) for k in ("person", "unit", "value", "qualifier", "on", "period")},
                "name": (named or {}).get(str(a.get("person") or a.get("unit"))),
            }
            for a in chosen
            if a.get("person") or a.get("unit")
        ],
        "trend": [{"on": on, "value": v, "qualifier": q} for on, v, q in derive.indicator_trend(indicator, as_of)],
        "note": "；".join(str(n) for n in notes if n) or None,
    }


def table(
    rows: list[dict[str, Any]], lang: str, keep: tuple[str, ...] = ("name", "value")
) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """Columns, headers and rows for people: labels in `lang`, figures with their qualifiers, the
    breakdown by person or unit after the note. Columns no indicator fills are left out, so the
    table fits a screen, except those in `keep`."""

    def cells(row: dict[str, Any]) -> dict[str, Any]:
        baseline = i18n.qualified(row["baseline"], None, lang)
        if baseline and row["baseline_on"]:
            baseline += f"（{row['baseline_on']}）" if lang == "zh" else f" ({row['baseline_on']})"
        how = row["aggregation"]
        shown = {
            **row,
            "aggregation": i18n.label(i18n.AGGREGATION_LABELS, how, lang) if how not in (None, "latest") else None,
            "baseline": baseline,
            "target": i18n.qualified(row["target"], None, lang),
            "value": i18n.qualified(row["value"], row["qualifier"], lang),
            "progress": None if row["progress"] is None else f"{row['progress']:g}%",
            "trend": " → ".join(filter(None, (i18n.qualified(p["value"], p["qualifier"], lang) for p in row["trend"])))
            if len(row["trend"]) > 1
            else None,
        }
        if row["breakdown"]:
            parts = [
                f"{b['name'] or b['person'] or b['unit']} {i18n.qualified(b['value'], b['qualifier'], lang)}"
                for b in row["breakdown"]
            ]
            shown["note"] = LIST_SEPARATOR[lang].join(filter(None, [row["note"], *parts]))
        return {c: shown.get(c) for c in COLUMNS_WITH_NOTE}

    shown = [cells(row) for row in rows]
    columns = [c for c in COLUMNS_WITH_NOTE if c in keep or any(r[c] not in (None, "") for r in shown)]
    return columns, [i18n.label(i18n.INDICATOR_LABELS, c, lang) for c in columns], shown
