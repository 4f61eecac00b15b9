"""The programme card: what a programme is, who runs it, and how much of its published list is in.

`build` gives a plain document (machine values) for json/yaml/csv; `markdown` lays it out for
people in either language, as `report_md` does for a project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.model.fields import dicts, plain
from jiebang.present import indicators
from jiebang.present.render import rows_as_markdown
from jiebang.present.report_md import esc
from jiebang.queries import strands
from jiebang.queries.query import categories_of, category_label, category_of, entered_counts

if TYPE_CHECKING:
    from datetime import date

    from jiebang.model.records import Programme, Register

FACTS = ("organiser", "leading_body", "kind", "level", "region", "batch", "prep_started_on", "launched_on", "ends_on")
COUNTED = ("categories", "projects", "key_projects", "applications", "teams", "people")
SELECTION = ("by", "on", "notes")
OVERSIGHT = ("tracked_by", "tracking", "applies_to", "reviews", "assessment", "notes")


def _fields(value: object, fields: tuple[str, ...]) -> dict[str, Any] | None:
    """The named fields of a mapping, dates as text; None when the programme has no such part."""
    return {f: plain(value.get(f)) for f in fields} if isinstance(value, dict) else None


def _oversight(value: object) -> dict[str, Any] | None:
    doc = _fields(value, OVERSIGHT)
    if doc is not None:
        doc["assessment"] = _fields(doc["assessment"], ("kind", "name", "subject_type"))
    return doc


def build(reg: Register, programme: Programme, as_of: date) -> dict[str, Any]:
    data = programme.record.data if programme.record else {}
    declared = data.get("declared") if isinstance(data.get("declared"), dict) else {}
    entered = entered_counts(reg, programme)
    categories = categories_of(programme)
    per_category = [category_of(categories, p.data.get("category")) for p in programme.projects]
    named = indicators.names(reg)
    return {
        "id": programme.id,
        "name": data.get("name"),
        **{field: plain(data.get(field)) for field in FACTS},
        "categories": [
            {
                "number": c.get("number"),
                "key": c.get("key"),
                "short": c.get("short"),
                "label": category_label(c),
                "projects": sum(own is c for own in per_category),
            }
            for c in categories
        ],
        "uncategorised_projects": sum(own is None for own in per_category),
        "counts": [
            {"field": field, "declared": declared.get(field), "entered": entered.get(field)}
            for field in COUNTED
            if isinstance(declared.get(field), int) or field in ("categories", "projects")
        ],
        "complete": declared.get("complete") is True,
        "applicant_groups": [
            {"group": g.get("group"), "count": g.get("count")} for g in dicts(declared.get("applicant_groups"))
        ],
        "selection": _fields(data.get("selection"), SELECTION),
        "oversight": _oversight(data.get("oversight")),
        "parent": strands.parent_of(programme),
        "strands": [_strand(reg, cid) for cid in strands.children(reg, programme.id)],
        "teams": [_team(t) for t in strands.teams(programme)],
        "without_lead_team": [
            p.data.get("number") for p in programme.projects if not strands.has_lead(programme, p.data)
        ],
        "documents": [
            {k: plain(d.get(k)) for k in ("title", "issuer", "doc_no", "date", "url", "parts", "articles", "notes")}
            for d in dicts(data.get("documents"))
        ],
        "sources": [
            {k: plain(s.get(k)) for k in ("id", "title", "publisher", "date", "url")}
            for s in dicts(data.get("sources"))
        ],
        "indicators": [indicators.build(i, as_of, named=named) for i in dicts(data.get("indicators"))],
        "notes": data.get("notes") if isinstance(data.get("notes"), str) else None,
        "file": programme.record.display if programme.record else None,
    }


def _strand(reg: Register, pid: str) -> dict[str, Any]:
    """A child programme as its parent's card lists it: what it declares against what is in."""
    child = reg.programmes[pid]
    data = child.record.data if child.record else {}
    declared = data.get("declared") if isinstance(data.get("declared"), dict) else {}
    entered = entered_counts(reg, child)
    return {
        "id": pid,
        "name": data.get("name"),
        **{f"declared_{f}": declared.get(f) for f in COUNTED},
        "entered_projects": entered.get("projects"),
        "entered_teams": entered.get("teams"),
    }


def _team(team: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": team.get("id"),
        "name": team.get("name"),
        "leader": team.get("leader"),
        "projects": [{"project": n, "role": role} for n, role in strands.attachments(team)],
        "work": team.get("work"),
    }


def markdown(doc: dict[str, Any], lang: str) -> str:
    """The card for people: facts, declared against entered counts, categories, documents, sources."""

    def t(key: str) -> str:
        return i18n.label(i18n.REPORT_LABELS, key, lang)

    colon = "：" if lang == "zh" else ": "
    lines = [f"# {esc(doc['name'] or doc['id'])}", "", f"`{doc['id']}`", ""]
    lines += [f"- **{t(field)}**{colon}{esc(doc[field])}" for field in FACTS if doc[field] not in (None, "")]
    if doc["parent"]:
        lines.append(f"- **{t('parent_programme')}**{colon}`{esc(doc['parent'])}`")
    lines += ["", f"## {t('counts')}", ""]
    counts = [{**row, "field": t("count_" + row["field"])} for row in doc["counts"]]
    lines += [rows_as_markdown(counts, ("field", "declared", "entered"), (t("item"), t("declared"), t("entered")))]
    if doc["applicant_groups"]:
        groups = ("、" if lang == "zh" else ", ").join(
            f"{esc(g['group'])} {g['count']}" for g in doc["applicant_groups"]
        )
        lines += [f"- **{t('applicant_groups')}**{colon}{groups}", ""]
    lines += [f"*{t('list_complete' if doc['complete'] else 'list_incomplete')}*", ""]
    lines += _selection(doc, lang) + _oversight_lines(doc, lang)
    rows = list(doc["categories"])
    if doc["uncategorised_projects"]:
        rows.append({"label": t("unknown_category"), "projects": doc["uncategorised_projects"]})
    lines += [f"## {t('categories')}", ""]
    lines += [rows_as_markdown(rows, ("label", "projects"), (t("category"), t("projects_column")))]
    if doc["indicators"]:
        columns, headers, rows = indicators.table(doc["indicators"], lang)
        lines += [f"## {t('indicators')}", "", rows_as_markdown(rows, columns, headers)]
    lines += _strands_and_teams(doc, t, lang)
    for key in ("documents", "sources"):
        lines += [f"## {t(key)}", ""]
        lines += [_item(item, lang) for item in doc[key]] or [t("none")]
        lines.append("")
    if doc["notes"]:  # an article's figures the register cannot hold as data yet, and what it leaves unsaid
        lines += [f"## {t('programme_notes')}", ""]
        lines += [line for text in doc["notes"].splitlines() if text.strip() for line in (esc(text), "")]
    lines += [f"{t('file')}{colon}`{doc['file']}`", ""]
    return "\n".join(lines)


def _strands_and_teams(doc: dict[str, Any], t: Any, lang: str) -> list[str]:
    """The child programmes (declared against entered), the programme's own teams with the
    projects they lead or support, and the projects no team leads."""
    lines: list[str] = []
    if doc["strands"]:
        lines += [f"## {t('strands')}", ""]
        rows = [
            {**s, **{k: "—" if v is None else v for k, v in s.items() if k.startswith(("declared_", "entered_"))}}
            for s in doc["strands"]
        ]
        keys = (
            "id",
            "name",
            "declared_projects",
            "entered_projects",
            "declared_teams",
            "entered_teams",
            "declared_people",
        )
        heads = tuple(t("strand_" + k) for k in keys)
        lines += [rows_as_markdown(rows, keys, heads), ""]
    if doc["teams"]:
        lines += [f"## {t('programme_teams')}", ""]
        for team in doc["teams"]:
            attached = "、".join(
                f"{a['project']}（{i18n.label(i18n.TEAM_ROLE_LABELS, a['role'], lang)}）" for a in team["projects"]
            )
            parts = [p for p in (team["name"], attached, team["work"]) if p]
            lines.append(f"- `{esc(team['id'])}` " + esc(" · ".join(parts)))
        lines.append("")
    if doc["without_lead_team"]:
        numbers = "、".join(str(n) for n in doc["without_lead_team"])
        lines += [f"*{t('without_lead_team')}：{esc(numbers)}*", ""]
    return lines


def _item(item: dict[str, Any], lang: str) -> str:
    """`- 标题（发文单位 · 文号 · 日期） <url>`: whatever there is of it; then a document's parts
    (八方面 …), its number of articles and notes, one line each."""
    title = esc(item.get("title") or item.get("id"))
    extra = " · ".join(esc(item[k]) for k in ("issuer", "publisher", "doc_no", "date") if item.get(k))
    url = f" <{item['url']}>" if item.get("url") else ""
    if extra:
        title += f"（{extra}）" if lang == "zh" else f" ({extra})"
    lines = [f"- {title}{url}"]
    parts = [p for p in item.get("parts") or [] if isinstance(p, str)]
    if parts:
        said = {"zh": f"{len(parts)} 个方面：", "en": f"{len(parts)} parts: "}[lang]
        lines.append(f"  - {said}{esc('、'.join(parts))}")
    if isinstance(item.get("articles"), int):
        lines.append("  - " + {"zh": f"共 {item['articles']} 条", "en": f"{item['articles']} articles"}[lang])
    if item.get("notes"):
        lines.append(f"  - {esc(item['notes'])}")
    return "\n".join(lines)


def _bullets(pairs: list[tuple[str, object]], lang: str) -> list[str]:
    colon = "：" if lang == "zh" else ": "
    return [f"- **{i18n.label(i18n.REPORT_LABELS, key, lang)}**{colon}{esc(value)}" for key, value in pairs if value]


def _selection(doc: dict[str, Any], lang: str) -> list[str]:
    """Who selected the key projects and when; a date the source leaves out is said to be missing."""
    chosen = doc["selection"]
    if chosen is None:
        return []
    when = chosen["on"] or i18n.label(i18n.REPORT_LABELS, "date_not_given", lang)
    pairs = [("selected_by", chosen["by"]), ("selected_on", when), ("notes", chosen["notes"])]
    return [f"## {i18n.label(i18n.REPORT_LABELS, 'selection', lang)}", "", *_bullets(pairs, lang), ""]


def _oversight_lines(doc: dict[str, Any], lang: str) -> list[str]:
    """How the projects are tracked, reviewed and assessed, as the programme file states it."""
    over = doc["oversight"]
    if over is None:
        return []
    assessment = over["assessment"] or {}
    assessed = " · ".join(
        str(v)
        for v in (
            assessment.get("name"),
            assessment.get("kind") and i18n.label(i18n.ASSESSMENT_KIND_LABELS, assessment["kind"], lang),
            assessment.get("subject_type") and i18n.label(i18n.SUBJECT_TYPE_LABELS, assessment["subject_type"], lang),
        )
        if v
    )
    applies = over["applies_to"] and i18n.label(i18n.APPLIES_TO_LABELS, over["applies_to"], lang)
    pairs = [
        ("tracked_by", over["tracked_by"]),
        ("tracking", over["tracking"]),
        ("applies_to", applies),
        ("reviews_held", over["reviews"]),
        ("assessed_in", assessed),
        ("notes", over["notes"]),
    ]
    return [f"## {i18n.label(i18n.REPORT_LABELS, 'oversight', lang)}", "", *_bullets(pairs, lang), ""]
