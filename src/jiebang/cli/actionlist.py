"""`jiebang actions`: review actions (整改事项) across projects, one per row, most overdue first."""

from __future__ import annotations

from typing import Annotated, Any

from jiebang import api
from jiebang.cli import common, output
from jiebang.cli.options import (
    FILTER_OPTIONS,
    READ_OPTIONS,
    AsOfOpt,
    DueWithinOpt,
    FormatOpt,
    KnownAtOpt,
    RowFormat,
    as_of,
    opt,
    tr,
    with_options,
)
from jiebang.i18n import REPORT_LABELS, label
from jiebang.present import render

HELP = tr(
    "列出各项目调度讲评提出的整改事项：项目、编号、内容、责任人、整改期限、逾期天数、讲评日期，逾期最久的在前。"
    "终止、撤榜、已完成项目的事项随项目关闭，不列；要看就用 --status 点名这些状态。"
    "完成一项用 jiebang action。\n\n"
    "例：jiebang actions --open；jiebang actions --overdue --category 民生 --format csv",
    "Review actions across projects: project, id, text, owner, due date, days overdue, review date, most "
    "overdue first. Actions of terminated, withdrawn and done projects closed with them and are left out; name "
    "those statuses with --status to see them. Close one with jiebang action.\n\n"
    "Example: jiebang actions --open; jiebang actions --overdue --category 民生 --format csv",
)

COLUMNS = ("number", "title", "action", "text", "owner", "due_on", "days_overdue", "review_date", "done_on")
# Report labels naming each column (the programme is a column when there are several, and in CSV).
LABELS = (
    "number",
    "project",
    "action",
    "action_text",
    "owner",
    "action_due",
    "days_overdue",
    "review_date",
    "action_done_on",
)


def _shown(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    return [{**render.localise(row, lang), "title": row["project"]} for row in rows]


@with_options(*FILTER_OPTIONS, *READ_OPTIONS)
def actions_command(
    only_open: Annotated[bool, opt("--open", zh="只列未完成的事项。", en="Only actions still open.")] = False,
    overdue: Annotated[
        bool, opt("--overdue", zh="只列已过整改期限的未完成事项。", en="Only open actions past their due date.")
    ] = False,
    due_within: DueWithinOpt = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    criteria = common.criteria()
    reg = common.open_register(known_at)
    rows = api.review_actions(
        reg, criteria, as_of=as_of(when), only_open=only_open, overdue=overdue, due_within=due_within
    )
    lang = output.state.lang
    columns, labels = COLUMNS, LABELS
    if fmt is RowFormat.csv or len({row["programme"] for row in rows}) > 1:
        columns, labels = ("programme", *columns), ("programme", *labels)
    headers = [label(REPORT_LABELS, key, lang) for key in labels]
    common.emit_rows(rows, fmt, columns, headers, shown=lambda: _shown(rows, lang))


COMMANDS = {
    "actions": (actions_command, HELP),
}
