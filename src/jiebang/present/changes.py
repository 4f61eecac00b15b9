"""One change of the meeting brief (`audit.Brief`: its kind and detail) in words, in either language.

`changes` shows these in its table; the 调度讲评 brief (`brief`, Word, the HTML site) in its
"what changed" section: one wording for all of them.
"""

from __future__ import annotations

from typing import Any

from jiebang import i18n
from jiebang.present import render


def describe(kind: str, d: dict[str, Any], lang: str) -> str:
    """One line of the meeting brief, in the chosen language."""

    def status(key: str | None) -> str:
        return i18n.label(i18n.STATUS_LABELS, key, lang) if key else "—"

    reason = f"（{d['reason']}）" if d.get("reason") else ""
    match kind:
        case "added":
            text = f"{d.get('on') or ''} {status(d.get('status'))}".strip()
        case "moved":
            text = f"{d.get('on')} {status(d.get('from'))} → {status(d.get('to'))}{reason}"
        case "update":
            need = i18n.label(i18n.REPORT_LABELS, "needs_coordination", lang)
            text = f"{d.get('date')} {d.get('summary')}" + "".join(f"；{need}：{n}" for n in d["needs_coordination"])
        case "milestone-done":
            text = f"{d.get('id')} {d.get('title')} {d.get('on') or ''}".strip()
        case "milestone-slipped":
            on = f"{d['on']} " if d.get("on") else ""
            text = f"{on}{d.get('id')} {d.get('title')} {d.get('from')} → {d.get('to')}{reason}"
        case "measured":
            figure = i18n.qualified(d.get("value"), d.get("qualifier"), lang) or d.get("value")
            text = f"{d.get('name')} {figure}{d.get('unit') or ''}（{d.get('on') or d.get('period')}）"
        case "reviewed":
            rating = i18n.label(i18n.RAG_LABELS, d["rating"], lang) if d.get("rating") else None
            text = " ".join(str(x) for x in (d.get("date"), rating, d.get("comments")) if x)
        case "revised":
            field = i18n.label(i18n.REVISED_FIELD_LABELS, d.get("field"), lang)
            values = [i18n.label(i18n.TIER_LABELS, d.get(k), lang) if d.get(k) else "—" for k in ("from", "to")]
            text = f"{d.get('on')} {field} {values[0]} → {values[1]}{reason}"
        case "action-done":
            text = f"{d.get('id')} {d.get('text')} {d.get('on') or ''}".strip()
        case "assessed":
            kind_, level, result = (
                i18n.label(table, d[k], lang) if d.get(k) else None
                for table, k in (
                    (i18n.ASSESSMENT_KIND_LABELS, "assessment_kind"),
                    (i18n.LEVEL_LABELS, "level"),
                    (i18n.OUTCOME_LABELS, "outcome"),
                )
            )
            shown = (d.get("date"), d.get("team"), d.get("id"), kind_, d.get("score"), level, result)
            text = " ".join(str(x) for x in shown if x is not None)
        case "joined" | "left" | "applied" | "application-closed":
            text = _people_detail(kind, d, lang, reason)
        case _:
            text = ""
    return text


def _people_detail(kind: str, d: dict[str, Any], lang: str, reason: str) -> str:
    """A person joining or leaving, an application made or decided: `2026-11-18 成员 吴磊 (P0007) 离开（工作调动）`."""
    who = f"{d['name']} ({d.get('person')})" if d.get("name") else str(d.get("person"))
    labels = {
        "role": i18n.label(i18n.ASSIGN_ROLE_LABELS, d.get("role"), lang),
        "method": i18n.label(i18n.METHOD_LABELS, d.get("method"), lang),
        "status": i18n.label(i18n.APPLICATION_STATUS_LABELS, d.get("status"), lang),
    }
    team = f"{d['team']} " if d.get("team") else ""
    args = {"person": who, "id": d.get("id"), "team": team, "reason": reason, **labels}
    text = render.printable(i18n.text(f"brief.{kind}", lang, **args))
    return f"{d.get('on') or ''} {text}".strip()
