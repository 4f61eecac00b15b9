"""`jiebang status`: one row per category, then every project with a progress bar."""

from __future__ import annotations

from typing import Annotated, Any

from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from jiebang import api, i18n, render, views
from jiebang.cli import common, output
from jiebang.cli.options import AsOfOpt, FormatOpt, KnownAtOpt, LangOpt, RegistryOpt, RowFormat, as_of, opt, tr

HELP = tr(
    "各类别项目情况一览（按状态、红黄绿计数，平均进度，逾期里程碑），再列出每个项目及进度条。\n\n"
    "例：jiebang status --as-of 2022-02-24",
    "Status by category (counts by status and RAG, average progress, overdue milestones), then every project "
    "with a progress bar.\n\nExample: jiebang status --as-of 2022-02-24",
)

SUMMARY_COLUMNS = (
    "programme",
    "category",
    "projects",
    *views.STATUS_GROUPS,
    "red",
    "amber",
    "green",
    "unrated",
    "average_progress",
    "overdue_milestones",
)
DETAIL_COLUMNS = (
    "number",
    "title",
    "leaders",
    "status",
    "progress",
    "rag_label",
    "next_milestone",
    "next_due",
    "last_update",
)
DETAIL_HEADERS = {
    "zh": ("编号", "项目", "负责人", "状态", "进度", "红黄绿", "下一节点", "节点日期", "最近更新"),
    "en": ("No.", "Project", "Leaders", "Status", "Progress", "RAG", "Next milestone", "Due", "Last update"),
}
RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


def _summary_row(s: views.CategorySummary) -> dict[str, Any]:
    category = s.category or {}
    return {
        "programme": s.programme,
        "category": category.get("short"),
        "category_number": category.get("number"),
        "projects": s.projects,
        **s.by_group,
        **s.by_rag,
        "average_progress": s.average_progress,
        "overdue_milestones": s.overdue_milestones,
    }


def _summary_headers(lang: str) -> list[str]:
    fixed = {"zh": ("项目集", "类别", "项目数"), "en": ("Programme", "Category", "Projects")}[lang]
    groups = [i18n.label(i18n.STATUS_GROUP_LABELS, g, lang) for g in views.STATUS_GROUPS]
    rags = [i18n.label(i18n.RAG_LABELS, c, lang) for c in views.RAG_ORDER]
    tail = {
        "zh": ("未评", "平均进度", "逾期里程碑"),
        "en": ("Unrated", "Avg progress", "Overdue milestones"),
    }[lang]
    return [*fixed, *groups, *rags, *tail]


def status_command(
    category: Annotated[
        str | None, opt("--category", "-c", metavar="CATEGORY", zh="只看此类别。", en="Only this category.")
    ] = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    reg = common.open_register(registry, known_at)
    day = as_of(when)
    summaries, items = api.status(reg, as_of=day, category=category)
    summary_rows = [_summary_row(s) for s in summaries]
    detail_rows = [views.as_row(v) for v in items]
    lang = output.state.lang
    if fmt in (RowFormat.json, RowFormat.yaml):
        doc = {"as_of": day.isoformat(), "categories": summary_rows, "projects": detail_rows}
        output.write(render.as_json(doc) if fmt is RowFormat.json else render.as_yaml(doc))
    elif fmt is RowFormat.csv:
        output.write(render.rows_as_csv(summary_rows, SUMMARY_COLUMNS))
    elif fmt is RowFormat.md:
        headers = _summary_headers(lang)
        for row in summary_rows:
            row["average_progress"] = render.localise({"progress": row["average_progress"]}, lang)["progress"]
        output.write(render.rows_as_markdown(summary_rows, SUMMARY_COLUMNS, headers) + "\n")
        shown = [render.localise(r, lang) for r in detail_rows]
        output.write(render.rows_as_markdown(shown, DETAIL_COLUMNS, DETAIL_HEADERS[lang]))
    else:
        _tables(summary_rows, detail_rows, lang, day.isoformat())


def _tables(summary_rows: list[dict[str, Any]], detail_rows: list[dict[str, Any]], lang: str, day: str) -> None:
    console = output.out()
    title = {"zh": f"截至 {day}", "en": f"As of {day}"}[lang]
    summary = Table(title=Text(title), header_style="bold")
    for index, header in enumerate(_summary_headers(lang)):
        summary.add_column(Text(header), justify="left" if index < 2 else "right")
    for row in summary_rows:
        cells = [render.cell(row.get(c)) for c in SUMMARY_COLUMNS]
        cells[SUMMARY_COLUMNS.index("average_progress")] = render.localise({"progress": row["average_progress"]}, lang)[
            "progress"
        ]
        summary.add_row(*(Text(c) for c in cells))
    console.print(summary)
    detail = Table(header_style="bold")
    for header in DETAIL_HEADERS[lang]:
        detail.add_column(Text(header), overflow="fold")
    for row in detail_rows:
        shown = render.localise(row, lang)
        bar = Table.grid(padding=(0, 1))
        bar.add_row(ProgressBar(total=100, completed=row["progress"] or 0, width=10), Text(shown["progress"]))
        cells: list[Any] = [Text(render.cell(shown.get(c))) for c in DETAIL_COLUMNS]
        cells[DETAIL_COLUMNS.index("progress")] = bar
        cells[DETAIL_COLUMNS.index("rag_label")] = Text(shown["rag_label"], style=RAG_STYLE.get(row["rag"] or "", ""))
        detail.add_row(*cells)
    console.print(detail)


COMMANDS = {
    "status": (status_command, HELP),
}
