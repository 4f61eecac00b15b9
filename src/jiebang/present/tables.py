"""The register as sheets (`jiebang export`): projects by category, a summary, people, units,
milestones and indicator readings, as XLSX, CSV, JSON or Markdown.

The columns are `queries.columns`' so that `jiebang import` reads back what is written here.
Cells keep their Python type until the format is chosen: a due date stays a `date` (a real date
cell in XLSX), a list of names a list (joined by 、 in text formats). Derived columns (RAG,
progress, the summary) are computed at `as_of` and marked, and import ignores them.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.model import roster
from jiebang.present import render
from jiebang.queries import columns, query, units, views

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.model.records import Programme, Register


@dataclass(frozen=True, slots=True)
class Sheet:
    kind: str  # a `columns.KINDS` kind, or "summary"
    name: str  # the XLSX sheet name
    columns: tuple[columns.Column, ...]
    rows: list[dict[str, Any]]

    def headers(self, lang: str) -> list[str]:
        return [c.header(lang) for c in self.columns]


SUMMARY_COLUMNS = (
    columns.Column("category", "类别序号", "category number", kind="int", derived=True),
    columns.Column("name", "类别名称", "category name", derived=True),
    columns.Column("projects", "项目数", "projects", kind="int", derived=True),
    columns.Column("red", "红", "red", kind="int", derived=True),
    columns.Column("amber", "黄", "amber", kind="int", derived=True),
    columns.Column("green", "绿", "green", kind="int", derived=True),
    columns.Column("average_progress", "平均进度（%）", "average progress (%)", kind="number", derived=True),
)


def _day(value: object) -> date | str | None:
    """A recorded date as a `date` when it is a whole day; a month or a qualified date stays text."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return value if isinstance(value, str) else None


def _names(programme: Programme, ids: Sequence[object]) -> list[str]:
    people = programme.person_ids()
    return [str(people.get(str(p), {}).get("name") or p) for p in ids if p]


def _team_people(programme: Programme, data: dict[str, Any], field: str) -> list[str]:
    teams = [t for t in query.as_list(data.get("teams")) if isinstance(t, dict)]
    if not teams:
        return []
    entries = roster.entries(teams[0], field)
    return _names(programme, [roster.person_of(e) for e in entries if roster.current(e)])


def _project_row(view: views.ProjectView, lang: str) -> dict[str, Any]:
    data, programme = view.data, view.programme
    teams = [t for t in query.as_list(data.get("teams")) if isinstance(t, dict)]
    leader = teams[0].get("leader") if teams else None
    officials = [roster.person_of(e) for e in roster.entries(data, "lead_officials") if roster.current(e)]
    rag = view.rag.effective or view.rag.label
    row: dict[str, Any] = {
        "category": data.get("category"),
        "number": data.get("number"),
        **{k: data.get(k) for k in ("title", "title_published", "title_full", "scope", "scope_published")},
        "status": i18n.label(i18n.STATUS_LABELS, data.get("status"), lang) if data.get("status") else None,
        "tier": i18n.label(i18n.TIER_LABELS, data.get("tier"), lang) if data.get("tier") else None,
        "due_on": _day(data.get("due_on")),
        "lead_unit": data.get("lead_unit"),
        "leader": _names(programme, [leader])[0] if leader else None,
        "mentors": _team_people(programme, data, "mentors"),
        "leading_officials": _names(programme, officials),
        "members": _team_people(programme, data, "members"),
        "rag": i18n.label(i18n.RAG_LABELS, rag, lang),
        "rag_key": view.rag.effective,  # the fill colour (not a column)
        "progress": view.progress.value,
    }
    return row


def _category_sheet_name(category: dict[str, Any]) -> str:
    """`1 产业`: unique by number, within Excel's 31 characters and without the characters it refuses."""
    name = f"{category.get('number')} {category.get('short') or category.get('name') or ''}".strip()
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def build(
    reg: Register,
    *,
    as_of: date,
    lang: str,
    programme: str | None = None,
    category: str | None = None,
    kinds: Sequence[str] = columns.KINDS,
    by_category: bool = True,
) -> list[Sheet]:
    """The sheets of one programme (named, or the only one): with `by_category`, one projects sheet
    per category and a summary first (the XLSX layout); else one sheet per kind."""
    chosen = query.programmes(reg, programme)
    if len(chosen) != 1:
        from jiebang.errors import UsageError

        raise UsageError("export.which-programme", choices=", ".join(p.id for p in chosen) or "—")
    prog = chosen[0]
    criteria = views.Criteria(programme=prog.id, category=category)
    items = views.select_views(reg, as_of, criteria)
    cats = query.categories_of(prog)
    sheets: list[Sheet] = []
    project_columns = columns.columns("projects")
    if "projects" in kinds:
        if by_category:
            sheets.append(_summary(items, cats, lang))
            for cat in cats:
                rows = [_project_row(v, lang) for v in items if v.category is cat]
                if rows or category is None:
                    sheets.append(Sheet("projects", _category_sheet_name(cat), project_columns, rows))
            stray = [_project_row(v, lang) for v in items if v.category is None]
            if stray:
                sheets.append(Sheet("projects", columns.SHEET_NAMES["projects"][lang == "en"], project_columns, stray))
        else:
            rows = [_project_row(v, lang) for v in items]
            sheets.append(Sheet("projects", columns.SHEET_NAMES["projects"][lang == "en"], project_columns, rows))
    makers = {
        "categories": lambda: [_category_row(c) for c in cats],
        "people": lambda: [_person_row(pid, p) for pid, p in prog.person_ids().items()],
        "units": lambda: _unit_rows(reg, lang),
        "milestones": lambda: _milestone_rows(items, lang),
        "readings": lambda: _reading_rows(prog, items),
    }
    for kind in columns.KINDS:
        if kind in kinds and kind in makers:
            name = columns.SHEET_NAMES[kind][lang == "en"]
            sheets.append(Sheet(kind, name, columns.columns(kind), makers[kind]()))
    return sheets


def _summary(items: list[views.ProjectView], cats: list[dict[str, Any]], lang: str) -> Sheet:
    rows = []
    for line in views.summarise(items):
        if line.category is None:
            continue
        rows.append(
            {
                "category": line.category.get("number"),
                "name": line.category.get("name"),
                "projects": line.projects,
                **{k: line.by_rag.get(k, 0) for k in ("red", "amber", "green")},
                "average_progress": line.average_progress,
            }
        )
    return Sheet("summary", columns.SUMMARY_NAMES[lang == "en"], SUMMARY_COLUMNS, rows)


def _category_row(cat: dict[str, Any]) -> dict[str, Any]:
    return {c.key: cat.get(c.key) for c in columns.columns("categories")}


def _person_row(pid: str, person: dict[str, Any]) -> dict[str, Any]:
    return {"id": pid, **{k: person.get(k) for k in ("name", "name_published", "unit", "post")}}


def _unit_rows(reg: Register, lang: str) -> list[dict[str, Any]]:
    known = units.of(reg)
    rows = []
    for uid, unit in known.by_id.items():
        parent = unit.get("parent")
        rows.append(
            {
                "id": uid,
                "name": unit.get("name"),
                "aliases": query.texts(unit.get("aliases")),
                "kind": i18n.label(i18n.UNIT_KIND_LABELS, unit.get("kind"), lang) if unit.get("kind") else None,
                "parent": known.name(parent) if parent else None,
            }
        )
    return rows


def _milestone_rows(items: list[views.ProjectView], lang: str) -> list[dict[str, Any]]:
    rows = []
    for view in items:
        for m in query.as_list(view.data.get("milestones")):
            if not isinstance(m, dict):
                continue
            status = m.get("status")
            rows.append(
                {
                    "project": view.number,
                    "id": m.get("id"),
                    "title": m.get("title"),
                    "due_on": _day(m.get("revised_due_on") or m.get("due_on")),  # the date in force
                    "status": i18n.label(i18n.MILESTONE_STATUS_LABELS, status, lang) if status else None,
                    "done_on": _day(m.get("done_on")),
                    "weight": m.get("weight"),
                }
            )
    return rows


def _reading_rows(programme: Programme, items: list[views.ProjectView]) -> list[dict[str, Any]]:
    owners: list[tuple[Any, dict[str, Any]]] = []
    if programme.record is not None:
        owners.append((programme.id, programme.record.data))
    owners += [(v.number, v.data) for v in items]
    rows = []
    for target, data in owners:
        for indicator in query.as_list(data.get("indicators")):
            if not isinstance(indicator, dict):
                continue
            for actual in query.as_list(indicator.get("actuals")):
                if isinstance(actual, dict):
                    rows.append(
                        {
                            "target": target,
                            "indicator": indicator.get("id"),
                            "on": _day(actual.get("on")),
                            **{k: actual.get(k) for k in ("period", "value", "qualifier", "note")},
                        }
                    )
    return rows


# ------------------------------------------------------------------------------ text formats


def _text(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return columns.LIST_JOIN.join(map(str, value))
    return value


def as_csv(sheet: Sheet, lang: str) -> str:
    rows = [{c.key: _text(row.get(c.key)) for c in sheet.columns} for row in sheet.rows]
    return render.rows_as_csv(rows, [c.key for c in sheet.columns], sheet.headers(lang))


def as_markdown(sheets: Sequence[Sheet], lang: str) -> str:
    parts = []
    for sheet in sheets:
        rows = [{c.key: _text(row.get(c.key)) for c in sheet.columns} for row in sheet.rows]
        table = render.rows_as_markdown(rows, [c.key for c in sheet.columns], sheet.headers(lang))
        parts.append(f"## {render.md_text(sheet.name)}\n\n{table}")
    return "\n".join(parts)


def as_json(sheets: Sequence[Sheet]) -> str:
    doc = [
        {
            "sheet": s.name,
            "kind": s.kind,
            "rows": [{c.key: _text(row.get(c.key)) for c in s.columns} for row in s.rows],
        }
        for s in sheets
    ]
    return render.as_json(doc)


# ------------------------------------------------------------------------------ XLSX

RAG_FILLS = {"red": "FFC7CE", "amber": "FFEB9C", "green": "C6EFCE"}
DERIVED_FILL = "E7E6E6"
DATE_FORMAT = "yyyy-mm-dd"


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(render.FORMULA_START)


def as_xlsx(sheets: Sequence[Sheet], lang: str) -> bytes:
    """The workbook's bytes. Text that a spreadsheet would run as a formula is stored as a plain
    string (openpyxl would otherwise write `=…` as a formula) and shown with Excel's quote prefix."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    note = i18n.text("export.derived-note", lang)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        ws.append(sheet.headers(lang))
        widths = [display_width(h) for h in sheet.headers(lang)]
        for index, column in enumerate(sheet.columns, 1):
            head = ws.cell(row=1, column=index)
            head.font = bold
            if column.derived:
                head.fill = PatternFill("solid", fgColor=DERIVED_FILL)
                head.comment = Comment(note, "jiebang")
        for r, row in enumerate(sheet.rows, 2):
            for index, column in enumerate(sheet.columns, 1):
                value = row.get(column.key)
                if isinstance(value, list):
                    value = columns.LIST_JOIN.join(map(str, value))
                cell = ws.cell(row=r, column=index)
                if _formula_like(value):
                    cell.value = value
                    cell.data_type = "s"  # text, never a formula
                    cell.alignment = Alignment(horizontal="general")
                    cell.quotePrefix = True
                else:
                    cell.value = value
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                    widths[index - 1] = max(widths[index - 1], 10)
                elif value is not None:
                    widths[index - 1] = max(widths[index - 1], display_width(str(value)))
                if column.key == "rag" and row.get("rag_key") in RAG_FILLS:
                    cell.fill = PatternFill("solid", fgColor=RAG_FILLS[row["rag_key"]])
        ws.freeze_panes = "A2"
        for index, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(index)].width = min(max(width, 4) + 2, 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
