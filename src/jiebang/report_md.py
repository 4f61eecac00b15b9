"""The per-project report laid out as Markdown, in either language.

One layout serves both the `md` format (written as is) and the terminal (shown through
Rich's Markdown renderer), so the two can never drift. Every data value is escaped, so a
title containing `*`, `|` or `[x]` prints as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jiebang import i18n

if TYPE_CHECKING:
    from collections.abc import Sequence

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def esc(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        value = f"{value:g}"
    return _SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(esc(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


@dataclass(frozen=True)
class _Labels:
    lang: str

    def __call__(self, key: str, **args: Any) -> str:
        text = i18n.label(i18n.REPORT_LABELS, key, self.lang)
        return text.format(**args) if args else text

    def of(self, table: dict[str, tuple[str, str]], key: str | None) -> str:
        return i18n.label(table, key, self.lang) if key else ""

    def name(self, person: dict[str, Any] | None) -> str:
        return person["name"] if person else self("undisclosed")


def build(doc: dict[str, Any], lang: str) -> str:
    t = _Labels(lang)
    sections = (
        _header,
        _people,
        _task_order,
        _indicators,
        _milestones,
        _updates,
        _reviews,
        _history,
        _sources,
    )
    lines = [line for section in sections for line in section(doc, t)]
    return "\n".join([*lines, f"{t('file')}：`{doc['file']}`", ""])


def _header(doc: dict[str, Any], t: _Labels) -> list[str]:
    p = doc["project"]
    lines = [f"# 【{esc(p['number'])}】{esc(p['title'])}", ""]
    lines += [f"{t('as_of')} {doc['as_of']} · {esc(doc['programme']['name'])} · {esc(p['key'])}", ""]
    facts = [
        (t("published"), p["title_published"]),
        (t("scope"), p["scope"]),
        (t("category"), p["category"]["label"] if p["category"] else None),
        (t("tier"), t.of(i18n.TIER_LABELS, p["tier"]) or None),
        (t("status"), _status(doc, t)),
        (t("progress"), _progress(doc, t)),
        (t("rag"), _rag(doc, t)),
        (t("due"), _due(doc, t)),
        (t("goal"), p["goal"]),
    ]
    lines += [f"- **{k}**：{esc(v)}" for k, v in facts if v]
    lines.append("")
    return [*lines, f"*{t('missing_review')}*", ""] if doc["missing_review"] else lines


def _status(doc: dict[str, Any], t: _Labels) -> str:
    status = doc["status"]
    text = t.of(i18n.STATUS_LABELS, status["value"])
    return f"{text}（{t('since')} {status['since']}）" if status["since"] else text


def _progress(doc: dict[str, Any], t: _Labels) -> str:
    prog = doc["progress"]
    text = _pct(prog["value"])
    if not prog["source"]:
        return text
    detail = t.of(i18n.PROGRESS_SOURCES, prog["source"])
    if prog["expected"] is not None:
        detail += f"；{t('expected')} {_pct(prog['expected'])}，{t('variance')} {prog['variance']:+g} {t('points')}"
    return f"{text}（{detail}）"


def _rag(doc: dict[str, Any], t: _Labels) -> str:
    rag = doc["rag"]
    text = t.of(i18n.RAG_LABELS, rag["label"])
    if rag["reasons"]:
        text += "：" + "、".join(t.of(i18n.RAG_REASONS, r) for r in rag["reasons"])
    if o := rag["override"]:
        until = f"，{t('until')} {o['until']}" if o["until"] else ""
        text += f"；{t('override')}：{t.of(i18n.RAG_LABELS, o['value'])}（{o['reason']}，{t.name(o['by'])}{until}）"
    return text


def _due(doc: dict[str, Any], t: _Labels) -> str:
    due = doc["due"]
    days = due["days_left"]
    if days is None:
        return due["on"] or "—"
    return f"{due['on']}（{t('days_left', days=days) if days >= 0 else t('days_over', days=-days)}）"


def _people(doc: dict[str, Any], t: _Labels) -> list[str]:
    people = doc["people"]
    rows: list[tuple[Any, ...]] = [(t("leader"), t.name(x), x.get("unit")) for x in people["leader"]]
    rows = rows or [(t("leader"), t("undisclosed"), None)]
    mentors = [(t("mentors"), t.name(x), x.get("unit")) for x in people["mentors"]]
    rows += mentors or [(t("mentors"), t("undisclosed"), None)]
    rows += [(t("lead_officials"), t.name(x), x.get("unit")) for x in people["lead_officials"]]
    rows += [
        (t("members") + (f"（{m['role']}）" if m.get("role") else ""), m.get("name"), m.get("unit"))
        for m in people["members"]
    ]
    lines = [f"## {t('people')}", "", *_table([t("role"), t("name"), t("unit")], rows)]
    if people["lead_unit"]:
        lines += [f"{t('lead_unit')}：{esc(people['lead_unit'])}", ""]
    if people["co_units"]:
        lines += [f"{t('co_units')}：{esc('、'.join(people['co_units']))}", ""]
    return lines


def _task_order(doc: dict[str, Any], t: _Labels) -> list[str]:
    order = doc["task_order"] or {}
    text = " ".join(esc(order.get(k)) for k in ("issued_on", "issued_by", "doc_no") if order.get(k))
    return [f"## {t('task_order')}", "", text or t("none"), ""]


def _indicators(doc: dict[str, Any], t: _Labels) -> list[str]:
    head = [f"## {t('indicators')}", ""]
    if not doc["indicators"]:
        return [*head, t("none"), ""]
    headers = [t(k) for k in ("indicator", "unit", "baseline", "target", "actual", "as_of", "progress", "trend")]
    rows = [
        (
            i["name"],
            i["unit"],
            i["baseline"],
            i["target"],
            i["actual"],
            i["as_of"],
            _pct(i["progress"]),
            " → ".join(f"{t['value']:g}" for t in i["trend"]),
        )
        for i in doc["indicators"]
    ]
    return [*head, *_table(headers, rows)]


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
            t.of(i18n.MILESTONE_STATUS_LABELS, m["status"]),
            m["done_on"],
            m["overdue_days"],
            m["weight"],
        )
        for m in doc["milestones"]
    ]
    return [*head, *_table(headers, rows)]


def _updates(doc: dict[str, Any], t: _Labels) -> list[str]:
    lines = [f"## {t('updates')}", ""]
    for u in reversed(doc["updates"]):
        line = f"- {u['date']} {esc(t.name(u['author']))}：{esc(u['summary'])}"
        if u["progress_pct"] is not None:
            line += f"（{t('self_reported')} {u['progress_pct']:g}%）"
        lines.append(line)
        lines += [f"  - {t('needs_coordination')}：{esc(n)}" for n in u["needs_coordination"]]
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
        lines.append(line + (f"：{esc(r['comments'])}" if r["comments"] else ""))
        lines += [
            f"  - {t('open_action')}：{esc(a['text'])}（{esc(a['owner'] and t.name(a['owner']))}，{esc(a['due_on'])}）"
            for a in r["open_actions"]
        ]
    return [*lines, *([] if doc["reviews"] else [t("none")]), ""]


def _history(doc: dict[str, Any], t: _Labels) -> list[str]:
    head = [f"## {t('history')}", ""]
    if not doc["status_history"]:
        return [*head, t("none"), ""]
    rows = [
        (
            h["on"],
            t.of(i18n.STATUS_LABELS, h["from"]) or None,
            t.of(i18n.STATUS_LABELS, h["to"]),
            t.of(i18n.ROLE_LABELS, h["by_role"]) or None,
            h["reason"],
        )
        for h in doc["status_history"]
    ]
    return [*head, *_table([t("date"), t("from"), t("to"), t("role"), t("reason")], rows)]


def _sources(doc: dict[str, Any], t: _Labels) -> list[str]:
    items = [
        "- " + " ".join(esc(s[k]) for k in ("id", "title", "publisher", "url") if s.get(k)) for s in doc["sources"]
    ]
    return [f"## {t('sources')}", "", *(items or [t("none")]), ""]
