"""`jiebang import` and `jiebang export`: the register as spreadsheets (CSV, XLSX), and back."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from jiebang import api, i18n
from jiebang.cli import output
from jiebang.cli.options import (
    READ_OPTIONS,
    AsOfOpt,
    as_of,
    invocation,
    opt,
    tr,
    with_options,
)
from jiebang.cli.write import OnOpt, ProgrammeOpt, _recorded, said
from jiebang.errors import Severity, UsageError
from jiebang.queries import columns


class Kind(StrEnum):
    projects = "projects"
    people = "people"
    units = "units"
    milestones = "milestones"
    readings = "readings"
    categories = "categories"


class TableFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"
    md = "md"


KindOpt = Annotated[
    Kind | None,
    opt(
        "--kind",
        zh="表的种类（省略时按表名或表头判断）。",
        en="What the sheet holds (default: from its name or headers).",
    ),
]

IMPORT_HELP = tr(
    "从 CSV（UTF-8 或 GBK/GB18030）或 XLSX 导入项目、人员、单位、类别、里程碑和指标读数，或从 .txt/.md 导入发布的"
    "榜单文本；表头可用中文或英文，"
    "其他表头用 --mapping 映射文件（YAML：columns: {表头: 字段}，可写 sheet、header_row、kind）。"
    "一次导入只做一次提交；任何一行有问题（文件:行:列）都不写入。已有的项目（按编号）、人员（按编号或姓名）、"
    "类别（按序号）、里程碑和读数不会重复：有变化的字段更新，其余报告为未变。"
    "“自动计算”列（红黄绿、进度）和汇总表不导入。\n\n"
    "例：jiebang import 榜单.xlsx --dry-run；jiebang import 项目.csv --kind projects --on 2022-02-24",
    "Import projects, people, units, categories, milestones and indicator readings from CSV (UTF-8 or "
    "GBK/GB18030) or XLSX with a header row in Chinese or English, or the published 榜单 from .txt/.md; "
    "other headers through --mapping (YAML: columns: {header: key}, optional sheet, header_row, kind). "
    "One import is one commit; a problem in any row (FILE:ROW:COLUMN) writes nothing. Records already there "
    "(a project by number, a person by id or name, a category by number, milestones, readings) are not "
    "duplicated: changed fields are updated, the rest reported unchanged. Derived columns (RAG, progress) and "
    "the summary sheet are not read.\n\n"
    "Example: jiebang import list.xlsx --dry-run; jiebang import projects.csv --kind projects --on 2022-02-24",
)

EXPORT_HELP = tr(
    "导出登记册为 XLSX（每个类别一张表，另有汇总、类别、人员、单位、里程碑、指标读数）、CSV、JSON 或 Markdown；"
    "导出的文件可用 jiebang import 导回。CSV：-o 为文件夹时每种表一个文件，或用 --kind 只导一种。\n\n"
    "例：jiebang export -o 登记册.xlsx；jiebang export --format csv -o 表格/；"
    "jiebang export --format md --kind projects",
    "Export the register as XLSX (a sheet per category, plus summary, categories, people, units, milestones, "
    "readings), CSV, JSON or Markdown; `jiebang import` reads the files back. CSV: one file per kind when -o is "
    "a folder, or one kind with --kind.\n\n"
    "Example: jiebang export -o register.xlsx; jiebang export --format csv -o tables/",
)

ACTION_LABELS = {
    "create": ("新建", "create"),
    "update": ("更新", "update"),
    "unchanged": ("未变", "unchanged"),
}


def _steps_table(steps: Any) -> None:
    lang = output.state.lang
    rows = [
        {
            "where": f"{s.source}:{s.line}",
            "kind": i18n.label(columns.SHEET_NAMES, s.kind, lang),
            "key": s.key,
            "action": i18n.label(ACTION_LABELS, s.action, lang),
            "fields": "、".join(s.fields),
        }
        for s in steps
    ]
    headers = [output.t(f"sheet.column-{c}") for c in ("where", "kind", "key", "action", "fields")]
    output.table(rows, ["where", "kind", "key", "action", "fields"], headers)


@with_options("no_commit", "include_edits", "registry", "lang")  # nothing of the restricted store
def import_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help=tr("CSV 或 XLSX 文件。", "CSV or XLSX files."))
    ],
    kind: KindOpt = None,
    mapping: Annotated[
        Path | None, opt("--mapping", metavar="MAP.yaml", zh="表头映射文件。", en="Header mapping file.")
    ] = None,
    programme: ProgrammeOpt = None,
    sheet: Annotated[
        str | None, opt("--sheet", metavar="NAME", zh="只读 XLSX 的这一张表。", en="Only this sheet of an XLSX.")
    ] = None,
    dry_run: Annotated[
        bool,
        opt(
            "--dry-run",
            zh="只显示将新建和更新的内容及全部问题，不写入。",
            en="Show what would change and every problem; write nothing.",
        ),
    ] = False,
    on: OnOpt = None,
    reason: Annotated[
        str | None,
        opt(
            "--reason",
            zh="修改期限、层级、类别，暂停、终止等状态变更，或取消里程碑时的原因。",
            en="Why a due date, tier or category changes, a status moves (paused, terminated …) or a milestone is "
            "cancelled.",
        ),
    ] = None,
) -> None:
    result = api.import_tables(
        files,
        kind=kind.value if kind else None,
        mapping=mapping,
        sheet=sheet,
        programme=programme,
        on=_recorded(on),
        reason=reason,
        dry_run=dry_run,
        option=invocation.registry,
        env=os.environ.get("JIEBANG_REGISTRY"),
        commit=not invocation.no_commit,
        include_edits=invocation.include_edits,
        today=date.today(),
    )
    if dry_run:
        _steps_table(result.steps)
        counts = {a: sum(s.action == a for s in result.steps) for a in ACTION_LABELS}
        output.notice("sheet.dry-run", **counts)
        output.problems(result.problems)
        if errors := [p for p in result.problems if p.severity is Severity.ERROR]:
            output.notice("sheet.would-refuse", count=len(errors))
            raise typer.Exit(1)
        return
    output.problems(result.problems, stderr=True)  # warnings only: an error refused the import
    assert result.outcome is not None  # not a dry run: the import was applied
    said(result.outcome)
    counts = {a: sum(s.action == a for s in result.steps) for a in ACTION_LABELS}
    output.notice("sheet.done", **counts)


def _export_text(sheets: list[Any], fmt: TableFormat, lang: str) -> str:
    from jiebang.present import tables

    if fmt is TableFormat.json:
        return tables.as_json(sheets)
    if fmt is TableFormat.md:
        return tables.as_markdown(sheets, lang)
    if len(sheets) != 1:
        raise UsageError("export.csv-one-kind")
    return tables.as_csv(sheets[0], lang)


@with_options(*READ_OPTIONS)
def export_command(
    fmt: Annotated[TableFormat, opt("--format", "-f", zh="文件格式。", en="File format.")] = TableFormat.xlsx,
    out: Annotated[
        Path | None,
        opt("--output", "-o", metavar="FILE", zh="输出文件（CSV 可为文件夹）。", en="Output file (a folder for CSV)."),
    ] = None,
    kind: Annotated[
        list[Kind] | None, opt("--kind", zh="只导出这种表（可重复）。", en="Only this kind of sheet (repeatable).")
    ] = None,
    programme: ProgrammeOpt = None,
    category: Annotated[str | None, opt("--category", "-c", zh="只导出此类别。", en="Only this category.")] = None,
    when: AsOfOpt = None,
) -> None:
    from jiebang.present import tables

    lang = output.state.lang
    reg, _ = api.open_register(invocation.registry, os.environ.get("JIEBANG_REGISTRY"))
    kinds = [k.value for k in kind] if kind else None
    day = as_of(when)
    if fmt is TableFormat.xlsx:
        if out is None:
            raise UsageError("export.needs-output", format=fmt.value)
        sheets = api.export_sheets(reg, as_of=day, lang=lang, programme=programme, category=category, kinds=kinds)
        _write(out, tables.as_xlsx(sheets, lang))
        output.notice("export.written", path=str(out), sheets=len(sheets))
        return
    sheets = api.export_sheets(
        reg, as_of=day, lang=lang, programme=programme, category=category, kinds=kinds, by_category=False
    )
    if fmt is TableFormat.csv and out is not None and (out.is_dir() or out.suffix.lower() != ".csv"):
        for sheet in sheets:
            _write(out / f"{sheet.kind}.csv", tables.as_csv(sheet, lang).encode("utf-8"))
        output.notice("export.written", path=str(out), sheets=len(sheets))
        return
    text = _export_text(sheets, fmt, lang)
    if out is None:
        output.write(text)
        return
    _write(out, text.encode("utf-8"))
    output.notice("export.written", path=str(out), sheets=len(sheets))


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError("export.cannot-write", path=str(path), detail=exc.strerror or str(exc)) from None


COMMANDS = {
    "import": (import_command, IMPORT_HELP),
    "export": (export_command, EXPORT_HELP),
}
