"""The per-project report laid out as Markdown, in either language.

One layout serves both the `md` format (written as is) and the terminal (shown through
Rich's Markdown renderer), so the two can never drift. Every data value is escaped, so a
title containing `*`, `|` or `[x]` prints as written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.model import lifecycle
from jiebang.present import indicators
from jiebang.present.render import cell, md_text, printable, shown_date

if TYPE_CHECKING:
    from collections.abc import Sequence


class Markdown(str):
    """Text laid out already, its data escaped (`rag_text`): `esc` passes it on as it is."""

    __slots__ = ()


def esc(value: Any) -> str:
    if isinstance(value, Markdown):
        return value
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        value = f"{value:g}"
    text = cell(value) if isinstance(value, dict | list | tuple) else printable(str(value))  # never a repr
    return md_text(text)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], t: _Labels | None = None) -> list[str]:
    """A Markdown table; on a screen (`t.width`) too narrow for it, one list item per row instead,
    so that titles and dates are read whole rather than cut to "2022-0…"."""
    if t is None or t.width is None or _table_width(headers, rows) <= t.width:
        out = ["| " + " | ".join(esc(h) for h in headers) + " |", "|" + "---|" * len(headers)]
        out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
        return [*out, ""]
    items = []
    for row in rows:
        lead = " ".join(esc(c) for c in row[:2] if c not in (None, ""))
        rest = [f"{esc(h)} {esc(c)}" for h, c in zip(headers[2:], row[2:], strict=True) if c not in (None, "")]
        items.append(f"- {lead}" + (t.p.colon + t.p.semicolon.join(rest) if rest else ""))
    return [*items, ""]


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], lang: str, *, width: int | None = None) -> list[str]:
    """A table laid out as the report lays out its own (cells escaped; a list on a narrow screen)."""
    return _table(headers, rows, _Labels(lang, width))


def rag_text(rag: dict[str, Any], lang: str) -> Markdown:
    """The report's RAG line (`红：评审为红、里程碑逾期`, then any override) for a `views.rag_entry`."""
    return Markdown(_rag({"rag": rag}, _Labels(lang)))


def _cells(text: str) -> int:
    """Terminal cells: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table_width(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """What the terminal needs for the table: each column as wide as its widest cell, plus padding."""
    columns = zip(headers, *rows, strict=True) if rows else ([h] for h in headers)
    return sum(2 + max(_cells("—" if c in (None, "") else str(c)) for c in column) for column in columns) + 2


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _number(value: Any) -> str | None:
    """A recorded figure as written (`30`, `2.5`); None when it is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return f"{value:g}"


@dataclass(frozen=True)
class _Punctuation:
    colon: str
    open: str
    close: str
    comma: str
    semicolon: str
    enumeration: str  # 、 between items of a list


PUNCTUATION = {
    "zh": _Punctuation("：", "（", "）", "，", "；", "、"),
    "en": _Punctuation(": ", " (", ")", ", ", "; ", ", "),
}


@dataclass(frozen=True)
class _Labels:
    lang: str
    width: int | None = None  # the terminal's, when the report is shown on one

    @property
    def p(self) -> _Punctuation:
        return PUNCTUATION.get(self.lang, PUNCTUATION["zh"])

    def __call__(self, key: str, **args: Any) -> str:
        text = i18n.label(i18n.REPORT_LABELS, key, self.lang)
        return text.format(**args) if args else text

    def of(self, table: dict[str, tuple[str, str]], key: Any) -> str:
        """The label of a key; a value that is not a key (reported by `validate`) shows as written."""
        if key is None or key == "":
            return ""
        return i18n.label(table, key, self.lang) if isinstance(key, str) else str(key)

    def name(self, person: dict[str, Any] | None) -> str:
        return str(person["name"]) if person else self("undisclosed")

    def paren(self, text: str) -> str:
        return f"{self.p.open}{text}{self.p.close}"

    def field(self, label: str, text: str) -> str:
        return f"{label}{self.p.colon}{text}"


def build(doc: dict[str, Any], lang: str, *, width: int | None = None) -> str:
    """The report as Markdown; `width`: the terminal it will be shown on (None: a document)."""
    t = _Labels(lang, width)
    sections = (
        _header,
        _people,
        _applications,
        _task_order,
        _indicators,
        _milestones,
        _updates,
        _reviews,
        _history,
        _revisions,
        _sources,
        _restricted,
    )
    lines = [line for section in sections for line in section(doc, t)]
    return "\n".join([*lines, t.field(t("file"), f"`{doc['file']}`"), ""])


def _header(doc: dict[str, Any], t: _Labels) -> list[str]:
    """Number, title and the facts; each helper escapes the data it quotes, never the punctuation."""
    p = doc["project"]
    title = f"【{esc(p['number'])}】{esc(p['title'])}" if t.lang == "zh" else f"{esc(p['number'])}. {esc(p['title'])}"
    lines = [f"# {title}", ""]
    lines += [f"{t('as_of')} {doc['as_of']} · {esc(doc['programme']['name'])} · {esc(p['key'])}", ""]
    facts = [
        (t("published"), _data(p["title_published"])),
        (t("scope"), _data(p["scope"])),
        (t("category"), _category(p["category"], t)),
        (t("tier"), _data(t.of(i18n.TIER_LABELS, p["tier"]))),
        (t("status"), _status(doc, t)),
        (t("progress"), _progress(doc, t)),
        (t("rag"), _rag(doc, t)),
        (t("due"), _due(doc, t)),
        (t("goal"), _data(p["goal"])),
    ]
    lines += ["- " + t.field(f"**{esc(k)}**", v) for k, v in facts if v]
    lines.append("")
    if doc["stale"]:
        lines += [f"*{t('stale', days=doc['idle_days'])}*", ""]
    return [*lines, f"*{t('missing_review')}*", ""] if doc["missing_review"] else lines


def _data(value: Any) -> str | None:
    return esc(value) if value else None


def _category(category: dict[str, Any] | None, t: _Labels) -> str | None:
    """`四 持续增进民生福祉（民生）`; in English `4 持续增进民生福祉 (民生)` (the names are data)."""
    if not category:
        return None
    if t.lang == "zh":
        return esc(category["label"])
    number, name, short = (category.get(k) for k in ("number", "name", "short"))
    text = esc(" ".join(str(x) for x in (number, name) if x is not None and x != ""))
    return text + (t.paren(esc(short)) if short is not None and short != "" else "")


def _status(doc: dict[str, Any], t: _Labels) -> str:
    status = doc["status"]
    text = esc(t.of(i18n.STATUS_LABELS, status["value"]))
    since = shown_date(status["since"], t.lang)
    return text + t.paren(esc(f"{t('since')} {since}")) if since else text


def _progress(doc: dict[str, Any], t: _Labels) -> str:
    prog = doc["progress"]
    text = esc(_pct(prog["value"]))
    if not prog["source"]:
        return text
    detail = esc(t.of(i18n.PROGRESS_SOURCES, prog["source"]))
    if prog["expected"] is not None and prog["variance"] is not None:
        expected = esc(f"{t('expected')} {_pct(prog['expected'])}")
        variance = esc(f"{t('variance')} {prog['variance']:+g} {t('points')}")
        detail += f"{t.p.semicolon}{expected}{t.p.comma}{variance}"
    return text + t.paren(detail)


def _rag(doc: dict[str, Any], t: _Labels) -> str:
    rag = doc["rag"]
    text = esc(t.of(i18n.RAG_LABELS, rag["label"]))
    if rag["reasons"]:
        text = t.field(text, t.p.enumeration.join(esc(t.of(i18n.RAG_REASONS, r)) for r in rag["reasons"]))
    if o := rag["override"]:
        parts = [*([esc(o["reason"])] if o["reason"] else []), esc(t.name(o["by"]))]
        if o["until"]:
            parts.append(esc(f"{t('until')} {o['until']}"))
        override = esc(t.of(i18n.RAG_LABELS, o["value"])) + t.paren(t.p.comma.join(parts))
        text += t.p.semicolon + t.field(esc(t("override")), override)
    return text


def _due(doc: dict[str, Any], t: _Labels) -> str:
    """`2026-12-31`; after a revision `原定 2026-10-31，延期至 2026-12-31`, then the days left."""
    due = doc["due"]
    days = due["days_left"]
    text = esc(due["on"])
    if due.get("original") and due["original"] != due["on"]:
        moved = "extended_to" if str(due["on"]) > str(due["original"]) else "changed_to"
        text = esc(t("originally", day=due["original"])) + t.p.comma + esc(t(moved, day=due["on"]))
    if days is None:
        return text
    return text + t.paren(esc(t("days_left", days=days) if days >= 0 else t("days_over", days=-days)))


def _people(doc: dict[str, Any], t: _Labels) -> list[str]:
    people = doc["people"]
    # A team that was given a 任务令 but whose leader or mentor was not published reads 未公开;
    # before a team exists there is simply nobody yet.
    nobody = t("undisclosed") if doc["status"]["value"] in lifecycle.NEEDS_TEAM else None
    rows: list[tuple[Any, ...]] = [(t("leader"), t.name(x), x.get("unit")) for x in people["leader"]]
    rows = rows or [(t("leader"), nobody, None)]
    mentors = [(t("mentors"), t.name(x), x.get("unit")) for x in people["mentors"]]
    rows += mentors or [(t("mentors"), nobody, None)]
    rows += [(t("lead_officials"), t.name(x), x.get("unit")) for x in people["lead_officials"]]
    rows += [
        (t("members") + (t.paren(str(m["role"])) if m.get("role") else ""), m.get("name"), m.get("unit"))
        for m in people["members"]
    ]
    for x in people.get("former", ()):  # people who left, kept on record
        left = " ".join(str(part) for part in (t("left"), x.get("left_on")) if part)
        left = t.field(left, str(x["reason"])) if x.get("reason") else left
        rows.append((t(x["role"]) + t.paren(left), t.name(x), x.get("unit")))
    lines = [f"## {t('people')}", "", *_table([t("role"), t("name"), t("unit")], rows, t)]
    if people["lead_unit"]:
        lines += [t.field(t("lead_unit"), esc(people["lead_unit"])), ""]
    if people["co_units"]:
        lines += [t.field(t("co_units"), esc(t.p.enumeration.join(map(str, people["co_units"])))), ""]
    attached = [
        " ".join(str(x) for x in (team["id"], team["name"]) if x) + t.paren(t.of(i18n.TEAM_ROLE_LABELS, team["role"]))
        for team in people.get("programme_teams", ())
    ]
    if attached:
        lines += [t.field(t("programme_teams"), esc(t.p.enumeration.join(attached))), ""]
    return lines


def _applications(doc: dict[str, Any], t: _Labels) -> list[str]:
    """Who applied and what became of each application; nothing for a project nobody applied to."""
    if not doc.get("applications"):
        return []
    headers = [t(k) for k in ("id", "applicant", "app_method", "app_status", "app_submitted", "app_closed", "reason")]
    rows = [
        (
            a["id"],
            t.name(a["applicant"]) + (t.paren(str(a["applicant_unit"])) if a.get("applicant_unit") else ""),
            t.of(i18n.METHOD_LABELS, a["method"]),
            t.of(i18n.APPLICATION_STATUS_LABELS, a["status"]),
            a["submitted_on"],
            a["closed_on"],
            a["reason"],
        )
        for a in doc["applications"]
    ]
    return [f"## {t('applications_section')}", "", *_table(headers, rows, t)]


def _task_order(doc: dict[str, Any], t: _Labels) -> list[str]:
    order = doc["task_order"] if isinstance(doc["task_order"], dict) else {}
    text = " ".join(esc(order.get(k)) for k in ("issued_on", "issued_by", "doc_no") if order.get(k))
    return [f"## {t('task_order')}", "", text or t("none"), ""]


def _indicators(doc: dict[str, Any], t: _Labels) -> list[str]:
    head = [f"## {t('indicators')}", ""]
    if not doc["indicators"]:
        return [*head, t("none"), ""]
    columns, headers, rows = indicators.table(doc["indicators"], t.lang, keep=indicators.REPORT_COLUMNS)
    below = ("aggregation", "note")  # under the table, so that its columns stay as they were
    shown = [(c, h) for c, h in zip(columns, headers, strict=True) if c not in below]
    table = _table([h for _, h in shown], [[r[c] for c, _ in shown] for r in rows], t)
    notes = [
        f"- {t.field(esc(r['name']), t.p.semicolon.join(esc(r[c]) for c in below if r[c]))}"
        for r in rows
        if any(r[c] for c in below)
    ]
    return [*head, *table, *notes, *([""] if notes else [])]


def _milestones(doc: dict[str, Any], t: _Labels) -> list[str]:
    head = [f"## {t('milestones')}", ""]
    if not doc["milestones"]:
        return [*head, t("none"), ""]
    headers = [t(k) for k in ("id", "title", "due", "revised", "status", "done_on", "overdue_days", "weight")]
    rows = [
        (
            m["id"],
            m["title"],
            m["due_on"],
            m["revised_due_on"],
            _milestone_status(m, t),
            m["done_on"],
            m["overdue_days"],
            m["weight"],
        )
        for m in doc["milestones"]
    ]
    # A column empty for every milestone (no revised dates, default weights) only takes room.
    kept = [i for i in range(len(headers)) if i < 3 or any(row[i] not in (None, "") for row in rows)]
    return [*head, *_table([headers[i] for i in kept], [[row[i] for i in kept] for row in rows], t)]


def _milestone_status(m: dict[str, Any], t: _Labels) -> str:
    """`取消（2023-02-01，并入 M2）`: a cancelled milestone says when and why (the cell is escaped later)."""
    status = t.of(i18n.MILESTONE_STATUS_LABELS, m["status"])
    details = [str(x) for x in (m.get("cancelled_on"), m.get("cancel_reason")) if x]
    return status + t.paren(t.p.comma.join(details)) if details else status


def _updates(doc: dict[str, Any], t: _Labels) -> list[str]:
    lines = [f"## {t('updates')}", ""]
    for u in reversed(doc["updates"]):
        line = f"- {esc(u['date'])} " + t.field(esc(t.name(u["author"])), esc(u["summary"]))
        if (pct := _number(u["progress_pct"])) is not None:
            line += t.paren(f"{t('self_reported')} {pct}%")
        lines.append(line)
        lines += ["  - " + t.field(t("needs_coordination"), esc(n)) for n in u["needs_coordination"]]
    return [*lines, *([] if doc["updates"] else [t("none")]), ""]


def _reviews(doc: dict[str, Any], t: _Labels) -> list[str]:
    lines = [f"## {t('reviews')}", ""]
    for r in reversed(doc["reviews"]):
        head = [
            r["date"],
            t.name(r["reviewer"]),
            t.of(i18n.REVIEW_KIND_LABELS, r["kind"]),
            t.of(i18n.RAG_LABELS, r["rating"]),
        ]
        line = "- " + " ".join(esc(h) for h in head if h)
        lines.append(t.field(line, esc(r["comments"])) if r["comments"] else line)
        for a in r["open_actions"]:
            detail = [esc(a["owner"] and t.name(a["owner"])), esc(a["due_on"])]
            if a.get("overdue_days"):
                detail.append(esc(t("action_overdue", days=a["overdue_days"])))
            head = t.field(t("open_action"), esc(f"{a['id']} {a['text']}" if a.get("id") else a["text"]))
            lines.append("  - " + head + t.paren(t.p.comma.join(detail)))
        lines += [
            "  - "
            + t.field(t("closed_action"), esc(f"{a['id']} {a['text']}"))
            + t.paren(t.p.comma.join(esc(x) for x in (a["owner"] and t.name(a["owner"]), a["done_on"], a["note"]) if x))
            for a in r.get("closed_actions", ())
        ]
        lines += [
            "  - " + t.field(t("ended_action"), esc(f"{a['id']} {a['text']}")) for a in r.get("ended_actions", ())
        ]
    return [*lines, *([] if doc["reviews"] else [t("none")]), ""]


def _history(doc: dict[str, Any], t: _Labels) -> list[str]:
    head = [f"## {t('history')}", ""]
    if not doc["status_history"]:
        return [*head, t("none"), ""]
    rows = [
        (
            shown_date(h["on"], t.lang),
            t.of(i18n.STATUS_LABELS, h["from"]) or None,
            t.of(i18n.STATUS_LABELS, h["to"]),
            t.of(i18n.ROLE_LABELS, h["by_role"]) or None,
            h["reason"],
        )
        for h in doc["status_history"]
    ]
    return [*head, *_table([t("date"), t("from"), t("to"), t("role"), t("reason")], rows, t)]


def _revisions(doc: dict[str, Any], t: _Labels) -> list[str]:
    """Changes of due date, tier and category with their reasons; no section when there are none."""
    if not doc["revisions"]:
        return []

    def value(field: str, raw: Any) -> str | None:
        return (t.of(i18n.TIER_LABELS, raw) if field == "tier" else raw) or None

    rows = [
        (
            r["on"],
            t.of(i18n.REVISED_FIELD_LABELS, r["field"]),
            value(r["field"], r["from"]),
            value(r["field"], r["to"]),
            r["reason"],
            t.name(r["by"]) if r["by"] else None,
        )
        for r in doc["revisions"]
    ]
    headers = [t("date"), t("field"), t("was"), t("now"), t("reason"), t("by")]
    return [f"## {t('revisions')}", "", *_table(headers, rows, t)]


def _sources(doc: dict[str, Any], t: _Labels) -> list[str]:
    items = [
        "- " + " ".join(esc(s[k]) for k in ("id", "title", "publisher", "url") if s.get(k)) for s in doc["sources"]
    ]
    return [f"## {t('sources')}", "", *(items or [t("none")]), ""]


def _restricted(doc: dict[str, Any], t: _Labels) -> list[str]:
    """Only when a restricted store is configured: its count, or (merged, office only) its records."""
    found = doc.get("restricted")
    if found is None:
        return []
    if "count" in found:
        return [f"*{esc(t('restricted_count', count=found['count']))}*", ""]
    head = [f"## {t('restricted')}", ""]
    if not found["records"]:
        return [*head, t("none"), ""]
    rows = [
        (
            t(r["type"]),
            r.get("id"),
            r.get("date"),
            f"{r['name']} ({r.get('subject') or r.get('person')})"
            if r.get("name")
            else r.get("subject") or r.get("person"),
            _restricted_detail(r, t),
        )
        for r in found["records"]
    ]
    headers = [t("record_type"), t("id"), t("date"), t("subject"), t("detail")]
    return [*head, *_table(headers, rows, t)]


def _restricted_detail(r: dict[str, Any], t: _Labels) -> str:
    """What the record says: kind, level, score, outcome (in words), basis, or the reference."""
    fields = {
        "assessments": ("kind", "level", "score", "rank", "outcome", "basis"),
        "exemptions": ("matter", "basis", "decided_by"),
        "accountability": ("reference", "notes"),
    }[r["type"]]
    shown = i18n.labelled(r, i18n.ASSESSMENT_FIELD_LABELS, t.lang) if r["type"] == "assessments" else r
    return " · ".join(str(shown[f]) for f in fields if r.get(f) not in (None, ""))
