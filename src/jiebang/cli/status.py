"""`jiebang status`: one row per category, then every project with a progress bar."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from rich.table import Table
from rich.text import Text

from jiebang import api, i18n
from jiebang.cli import common, output
from jiebang.cli.options import (
    FILTER_OPTIONS,
    READ_OPTIONS,
    AsOfOpt,
    FormatOpt,
    KnownAtOpt,
    RowFormat,
    as_of,
    opt,
    tr,
    with_options,
)
from jiebang.present import render
from jiebang.queries import units, views

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

HELP = tr(
    "各类别项目情况一览（按状态、红黄绿计数，平均进度，逾期里程碑）和合计行，再列出每个项目及进度条。"
    "暂停的项目单独计数，不计红黄绿；暂停、终止、撤榜的项目不计入平均进度和逾期里程碑。"
    "筛选条件与 jiebang list 相同。\n\n"
    "例：jiebang status --as-of 2022-02-24；jiebang status --rag red,amber --format csv",
    "Status by category (counts by status and RAG, average progress, overdue milestones) and a total row, then "
    "every project with a progress bar. Paused projects are counted on their own, without a colour; paused, "
    "terminated and withdrawn ones are left out of average progress and overdue milestones. Filters as in "
    "jiebang list.\n\nExample: jiebang status --as-of 2022-02-24; jiebang status --rag red,amber --format csv",
)

SUMMARY_COLUMNS = (
    "programme",
    "category",
    "projects",
    *views.STATUS_GROUPS,
    "red",
    "amber",
    "green",
    "paused",
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
    "en": ("No.", "Project", "Leaders", "Status", "Progress", "RAG", "Next milestone", "Next due", "Last update"),
}
RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
# Progress bars take the project's colour; done is green, anything not rated grey.
BAR_STYLE = {"red": "red", "amber": "yellow", "green": "green", "done": "green"}
BAR_WIDTH = 10
# On a narrow terminal the project table gives way in this order (see output.Fit).
DETAIL_FITS = {
    "title": output.Fit("title"),
    "last_update": output.Fit(drop=1),
    "leaders": output.Fit("text", cap=12, drop=2),
    "next_due": output.Fit(drop=3),
    "next_milestone": output.Fit("text", cap=16, drop=4),
    "status": output.Fit(drop=5),
}
# Where a summary header may break when the table is too wide for one-line headers.
HEADER_BREAKS = {"平均进度": "平均\n进度", "逾期里程碑": "逾期\n里程碑"}
# A stacked Chinese header needs no "/" (已挂帅 over 进行中 reads as both): the slash would make
# the column one cell wider than a 60-column terminal allows, and it was cut to "已挂 …".


class By(StrEnum):
    category = "category"
    unit = "unit"
    programme = "programme"


def _columns(by: By) -> tuple[str, ...]:
    """The summary's columns: the first after the programme says what a row counts (by
    programme, the programme itself does)."""
    if by is By.programme:
        return tuple(c for c in SUMMARY_COLUMNS if c != "category")
    return tuple(by.value if c == "category" else c for c in SUMMARY_COLUMNS)


def _summary_row(s: views.CategorySummary, known: units.Units, by: By = By.category) -> dict[str, Any]:
    """Machine values; a project whose category is not defined counts under category null, one
    without a lead unit under unit null (and so does the total)."""
    if by is By.programme:
        head: dict[str, Any] = {"depth": s.depth, "rollup": s.rollup}
    elif by is By.unit:
        head = {
            "unit": known.name(s.unit) or None,
            "unit_id": s.unit if s.unit in known.by_id else None,
        }
    else:
        category = s.category or {}
        head = {"category": category.get("short"), "category_number": category.get("number")}
    return {
        "programme": s.programme,
        **head,
        "projects": s.projects,
        **s.by_group,
        **s.by_rag,
        "average_progress": s.average_progress,
        "overdue_milestones": s.overdue_milestones,
    }


def _shown_summary(s: views.CategorySummary, lang: str, known: units.Units, by: By) -> dict[str, Any]:
    """The row as people read it: the category's short name or the unit's name (or 合计 /
    未知类别 / 无牵头单位), progress as a percentage."""
    row = _summary_row(s, known, by)
    if s.total:
        row[by.value] = i18n.label(i18n.REPORT_LABELS, "total", lang)
    elif by is By.programme:  # strands indented under their parent; a parent's rollup says so
        total = i18n.label(i18n.REPORT_LABELS, "total", lang)
        row["programme"] = "  " * s.depth + (f"{s.programme} {total}" if s.rollup else str(s.programme))
        del row["depth"], row["rollup"]
    elif s.unit == "":
        row["unit"] = i18n.label(i18n.REPORT_LABELS, "no_lead_unit", lang)
    elif s.category is None and s.unit is None:
        row["category"] = i18n.label(i18n.REPORT_LABELS, "unknown_category", lang)
    row["average_progress"] = render.localise({"progress": s.average_progress}, lang)["progress"]
    return {k: render.cell(v) for k, v in row.items()}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary_headers(lang: str, by: By = By.category) -> list[str]:
    fixed = {
        "zh": ("项目集", "类别" if by is By.category else "牵头单位", "项目数"),
        "en": ("Programme", "Category" if by is By.category else "Lead unit", "Projects"),
    }[lang]
    if by is By.programme:
        fixed = (fixed[0], fixed[2])
    # labels read inside sentences are lower case; as English column headers they are capitalised
    groups = [_capital(i18n.label(i18n.STATUS_GROUP_LABELS, g, lang)) for g in views.STATUS_GROUPS]
    rags = [_capital(i18n.label(i18n.RAG_LABELS, c, lang)) for c in (*views.RAG_ORDER, "paused")]
    tail = {
        "zh": ("未评", "平均进度", "逾期里程碑"),
        "en": ("Unrated", "Avg progress", "Overdue milestones"),
    }[lang]
    return [*fixed, *groups, *rags, *tail]


@with_options(*FILTER_OPTIONS, *READ_OPTIONS)
def status_command(
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
    by: Annotated[
        By,
        opt(
            "--by",
            zh="按类别（category）、牵头单位（unit）或项目集（programme：上级项目集在前，子项目集缩进，另有上级合计行）分行。",
            en="One row per category, per lead unit, or per programme (a parent before its strands, then the "
            "parent's rollup row).",
        ),
    ] = By.category,
) -> None:
    if (fed := common.open_federation(known_at)) is not None:
        from jiebang.cli import federated

        federated.show_status(fed, when, fmt, by)
        return
    criteria = common.criteria()
    read = common.open_indexed(known_at, criteria, when) if by is By.category else None
    summaries: list[views.CategorySummary]
    items: Sequence[views.Shown]
    if read is not None:
        reg, day = read.register, read.as_of
        summaries, items = api.status_indexed(read, criteria)
    else:
        reg = common.open_register(known_at)
        day = as_of(when)
        summaries, items = api.status(reg, criteria, as_of=day, by_unit=by is By.unit, by_programme=by is By.programme)
    summaries.append(views.total(items))
    detail_rows = [views.as_row(v) for v in items]
    lang = output.state.lang
    known = units.of(reg)
    if fmt in (RowFormat.json, RowFormat.yaml):
        doc = {
            "as_of": day.isoformat(),
            {By.category: "categories", By.unit: "units", By.programme: "programmes"}[by]: [
                _summary_row(s, known, by) for s in summaries[:-1]
            ],
            "total": _summary_row(summaries[-1], known, by),
            "projects": detail_rows,
        }
        output.write(render.as_json(doc) if fmt is RowFormat.json else render.as_yaml(doc))
        return
    shown = [_shown_summary(s, lang, known, by) for s in summaries]
    columns, headers = _columns(by), _summary_headers(lang, by)
    if fmt is RowFormat.csv:
        output.write(render.rows_as_csv(shown, columns, headers))
    elif fmt is RowFormat.md:
        output.write(render.rows_as_markdown(shown, columns, headers) + "\n")
        details = [render.localise(r, lang) for r in detail_rows]
        output.write(render.rows_as_markdown(details, DETAIL_COLUMNS, DETAIL_HEADERS[lang]))
    else:
        _tables(shown, detail_rows, lang, day.isoformat(), by)


def _tables(summary_rows: list[dict[str, Any]], detail_rows: list[dict[str, Any]], lang: str, day: str, by: By) -> None:
    console = output.out()
    for table in _summary_tables(summary_rows, lang, day, console.width, by):
        console.print(table)
    _detail_table(detail_rows, lang, console)


def _summary_tables(rows: list[dict[str, Any]], lang: str, day: str, width: int, by: By = By.category) -> list[Table]:
    """One row per category and the 合计 row under a rule (`rows` as `_shown_summary` words them).
    The programme is a column only when there are several; when the table is too wide its
    headers break at "/" and spaces, and if still too wide it is split in two (counts by
    status; RAG, progress and overdue milestones), both keyed by category."""
    # the 合计 row names a programme only when all are of it (by programme, it is the 合计 row's label)
    whole = rows[-1]["programme"] if rows and by is not By.programme else ""
    several = by is By.programme or (not whole and any(row["programme"] for row in rows))
    title = {"zh": f"截至 {day}", "en": f"As of {day}"}[lang]
    if whole:
        title = {"zh": f"{whole}，{title}", "en": f"{whole}, {title[0].lower()}{title[1:]}"}[lang]
    headers = dict(zip(_columns(by), _summary_headers(lang, by), strict=True))
    keys = [c for c in _columns(by) if several or c != "programme"]
    cells = [{c: render.cell(row[c]) for c in keys} for row in rows]
    ident = keys[: keys.index(by.value) + 1]
    counts = [*ident, "projects", *views.STATUS_GROUPS]
    parts_options = ([keys], [counts, [*ident, *(c for c in keys if c not in counts)]])

    def head(key: str, stacked: bool) -> str:
        text = headers[key]
        if not stacked:
            return text
        if text in HEADER_BREAKS:
            return HEADER_BREAKS[text]
        if lang == "zh":
            return text.replace("/", "\n")
        return text.replace("/", "/\n").replace(" ", "\n")

    def wide(part: list[str], stacked: bool) -> int:
        widths = [max([output.width_of(head(c, stacked)), *(output.width_of(r[c]) for r in cells)]) for c in part]
        return 1 + 3 * len(part) + sum(widths)

    choices = [(parts, stacked) for parts in parts_options for stacked in (False, True)]
    parts, stacked = next(
        ((parts, stacked) for parts, stacked in choices if all(wide(p, stacked) <= width for p in parts)),
        choices[-1],
    )
    tables = []
    for index, part in enumerate(parts):
        table = Table(title=Text(render.printable(title)) if index == 0 else None, header_style="bold")
        for key in part:
            text = key in ident
            table.add_column(Text(head(key, stacked)), justify="left" if text else "right", no_wrap=text)
        for index_row, shown in enumerate(cells):
            table.add_row(*(Text(shown[c]) for c in part), end_section=index_row == len(cells) - 2)
        tables.append(table)
    return tables


def _detail_table(rows: list[dict[str, Any]], lang: str, console: Console) -> None:
    """Every project with a progress bar in its RAG colour. Columns empty for every project are
    left out; on a narrow terminal the table gives way as DETAIL_FITS says."""
    from jiebang.cli import grid

    shown_rows = [render.localise(row, lang) for row in rows]
    if len({row["programme"] for row in rows}) > 1:  # numbers repeat across programmes: say whose
        shown_rows = [{**shown, "number": f"{shown['programme']}/{shown['number']}"} for shown in shown_rows]
    texts = [{c: render.cell(shown.get(c)) for c in DETAIL_COLUMNS} for shown in shown_rows]
    used = [c for c in DETAIL_COLUMNS if not texts or any(t[c] not in output.EMPTY for t in texts)]
    fits = [DETAIL_FITS.get(c, output.KEEP) for c in used]
    naturals = [  # each distinct text measured once: names, statuses and categories repeat
        max((output.width_of(v) + (BAR_WIDTH + 1 if c == "progress" else 0) for v in {t[c] for t in texts}), default=0)
        for c in used
    ]
    headers = dict(zip(DETAIL_COLUMNS, DETAIL_HEADERS[lang], strict=True))
    shown, widths = output.plan([headers[c] for c in used], naturals, fits, console.width)
    columns: list[list[grid.Cell]] = []  # built a column at a time, then read across
    for k, width in zip(shown, widths, strict=True):
        key = used[k]
        if key == "progress":
            columns.append(
                [
                    grid.Bar(
                        row["progress"] or 0,
                        BAR_STYLE.get(row["rag"] or row["rag_label"] or "", "grey50"),
                        text[key],
                        BAR_WIDTH,
                    )
                    for row, text in zip(rows, texts, strict=True)
                ]
            )
        elif key == "rag_label":  # never cut: one of a few short labels
            colours = [RAG_STYLE.get(row["rag"] or "") for row in rows]
            columns.append([grid.Styled(t[key], c) if c else t[key] for t, c in zip(texts, colours, strict=True)])
        else:
            columns.append([t[key] if width is None else output.clip(t[key], width) for t in texts])
    cells = list(zip(*columns, strict=True))
    grid.show(console, output.grid_columns([headers[used[k]] for k in shown], [fits[k] for k in shown], widths), cells)
    output.hidden_notice([headers[used[k]] for k in range(len(used)) if k not in shown])


COMMANDS = {
    "status": (status_command, HELP),
}
