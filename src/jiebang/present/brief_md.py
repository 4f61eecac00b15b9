"""The 调度讲评 brief (`api.brief`) laid out as Markdown, in either language.

One layout serves the `md` format, the terminal (through Rich's Markdown renderer) and Word
(`present.docx` sets this Markdown in Word styles), as `report_md` does for the report: the
three can never drift. Data is escaped as the report escapes it; the RAG line and the words for
each change are the report's and `changes`' own.
"""

from __future__ import annotations

from typing import Any

from jiebang import i18n
from jiebang.model import lifecycle
from jiebang.present import changes, render
from jiebang.present.report_md import esc, rag_text, table

NUMERALS = "一二三四五六七八九十"


def build(doc: dict[str, Any], lang: str, *, width: int | None = None) -> str:
    """The brief as Markdown; `width`: the terminal it will be shown on (None: a document)."""

    def t(key: str, **args: Any) -> str:
        return i18n.text(f"briefing.{key}", lang, **args)

    one = len(doc["programmes"]) == 1  # then a number says which project
    sections = (
        ("overview", _overview(doc["counts"], lang)),
        ("changes", _changes(doc["changes"], lang, one)),
        ("red-amber", _red_amber(doc["red_amber"], lang, one)),
        ("overdue", _overdue(doc["overdue_milestones"], lang, one)),
        ("actions", _actions(doc["open_actions"], lang, one)),
        ("needs", _needs(doc["needs"], lang, one)),
    )
    period = doc["period"]
    names = render.LIST_SEPARATOR.get(lang, "、").join(str(p["name"] or p["id"]) for p in doc["programmes"])
    lines = [f"# {esc(t('title', start=period['start'], end=period['end']))}", ""]
    lines += [esc(t("subtitle", programmes=names, as_of=doc["as_of"])), ""]
    for number, (key, body) in enumerate(sections, start=1):
        head = f"{NUMERALS[number - 1]}、" if lang == "zh" else f"{number}. "
        lines += [f"## {esc(head + t(key))}", ""]
        if isinstance(body, tuple):
            headers, rows = body
            lines += table(headers, rows, lang, width=width) if rows else [esc(t("none")), ""]
        else:
            lines += [*body, ""]
    return "\n".join(lines)


def _project(row: dict[str, Any], one: bool, *, title: str = "title") -> str:
    """`24 农贸市场立体停车场建设`, or with the programme when the brief covers several."""
    key = row.get("number") if one else row.get("project") or f"{row.get('programme')}/{row.get('number')}"
    return " ".join(str(x) for x in (key, row.get(title)) if x not in (None, ""))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _overview(counts: dict[str, Any], lang: str) -> list[str]:
    sep = render.LIST_SEPARATOR.get(lang, "、")
    statuses = sep.join(
        f"{i18n.label(i18n.STATUS_LABELS, s, lang)} {n}"
        for s, n in counts["by_status"].items()
        if s in lifecycle.STATUSES
    )
    colours = sep.join(
        f"{i18n.label(i18n.RAG_LABELS, k, lang) if k != 'unrated' else i18n.text('briefing.unrated', lang)} {n}"
        for k, n in counts["by_rag"].items()
    )
    progress = counts["progress"]
    change = "—" if progress["change"] is None else i18n.text("briefing.points", lang, value=progress["change"])
    items = [
        i18n.text("briefing.projects", lang, count=counts["projects"], detail=statuses or "—"),
        i18n.text("briefing.rag", lang, detail=colours),
        i18n.text("briefing.milestones", lang, **counts["milestones"]),
        i18n.text("briefing.progress", lang, start=_pct(progress["start"]), end=_pct(progress["end"]), change=change),
    ]
    return [f"- {esc(item)}" for item in items]


def _headers(lang: str, *keys: str) -> list[str]:
    return [i18n.text(f"briefing.col-{k}", lang) for k in keys]


def _changes(rows: list[dict[str, Any]], lang: str, one: bool) -> tuple[list[str], list[list[Any]]]:
    return _headers(lang, "project", "kind", "detail"), [
        [
            _project({**c, "number": str(c["project"]).rpartition("/")[2]} if one else c, one),
            i18n.label(i18n.BRIEF_LABELS, c["kind"], lang),
            changes.describe(c["kind"], c["detail"], lang),
        ]
        for c in rows
    ]


def _red_amber(rows: list[dict[str, Any]], lang: str, one: bool) -> tuple[list[str], list[list[Any]]]:
    sep = render.LIST_SEPARATOR.get(lang, "、")
    return _headers(lang, "project", "rag", "progress", "leaders"), [
        [_project(p, one), rag_text(p["rag"], lang), _pct(p["progress"]), sep.join(p["leaders"]) or None] for p in rows
    ]


def _overdue(rows: list[dict[str, Any]], lang: str, one: bool) -> tuple[list[str], list[list[Any]]]:
    sep = render.LIST_SEPARATOR.get(lang, "、")
    return _headers(lang, "project", "milestone", "due", "late", "leaders"), [
        [
            _project(m, one, title="project"),
            " ".join(str(x) for x in (m["milestone"], m["milestone_title"]) if x),
            m["due_on"],
            m["days_overdue"],
            sep.join(m["leaders"]) or None,
        ]
        for m in rows
    ]


def _actions(rows: list[dict[str, Any]], lang: str, one: bool) -> tuple[list[str], list[list[Any]]]:
    return _headers(lang, "project", "action", "owner", "due", "late", "review"), [
        [
            _project(a, one, title="project"),
            " ".join(str(x) for x in (a["action"], a["text"]) if x),
            a["owner"],
            a["due_on"],
            a["days_overdue"],
            a["review_date"],
        ]
        for a in rows
    ]


def _needs(rows: list[dict[str, Any]], lang: str, one: bool) -> tuple[list[str], list[list[Any]]]:
    return _headers(lang, "project", "date", "author", "need"), [
        [_project(n, one), render.shown_date(n["date"], lang), n["author"], n["need"]] for n in rows
    ]
