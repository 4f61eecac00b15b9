"""`jiebang milestones`: open milestones one per row, most overdue first."""

from __future__ import annotations

from typing import Annotated, Any

from jiebang import api, i18n
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
from jiebang.present import render

HELP = tr(
    "逐个里程碑列出尚未完成的节点：节点日期（有调整则为调整后）、逾期天数或剩余天数、负责人、状态，"
    "逾期最久的在前。终止、撤榜、已完成的项目和已完成、已取消的节点不列；加 --overdue 或 --due-within 时，"
    "暂停的项目也不列。\n\n"
    "例：jiebang milestones --overdue；jiebang milestones --due-within 14 --category 民生 --format csv",
    "Open milestones one per row: due date in force (revised if any), days overdue or days left, leaders, "
    "status, most overdue first. Terminated, withdrawn and done projects and done or cancelled milestones are "
    "left out; with --overdue or --due-within, paused projects too.\n\n"
    "Example: jiebang milestones --overdue; jiebang milestones --due-within 14 --category 民生 --format csv",
)

COLUMNS = (
    "number",
    "title",
    "milestone",
    "due_on",
    "original_due_on",
    "days_overdue",
    "days_left",
    "leaders",
    "status",
    "milestone_status",
)
# Report labels naming each column (the programme is a column when there are several, and in CSV).
LABELS = (
    "number",
    "project",
    "milestone",
    "milestone_due",
    "original_due",
    "days_overdue",
    "days_left_column",
    "leaders",
    "project_status",
    "milestone_status",
)


def _shown(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Labels for people: `M2 设备安装`, statuses in the chosen language, leaders joined."""
    out = []
    for row in rows:
        shown = render.localise(row, lang)
        shown["title"] = row["project"]
        shown["milestone"] = " ".join(str(x) for x in (row["milestone"], row["milestone_title"]) if x)
        shown["milestone_status"] = i18n.label(i18n.MILESTONE_STATUS_LABELS, row["milestone_status"], lang)
        out.append(shown)
    return out


@with_options(*FILTER_OPTIONS, *READ_OPTIONS)
def milestones_command(
    overdue: Annotated[
        bool, opt("--overdue", zh="只列已逾期的节点。", en="Only milestones past their due date.")
    ] = False,
    due_within: DueWithinOpt = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    criteria = common.criteria()
    reg = common.open_register(known_at)
    rows = api.milestones(reg, criteria, as_of=as_of(when), overdue=overdue, due_within=due_within)
    lang = output.state.lang
    columns, labels = COLUMNS, LABELS
    if fmt is RowFormat.csv or len({row["programme"] for row in rows}) > 1:
        columns, labels = ("programme", *columns), ("programme", *labels)
    headers = [i18n.label(i18n.REPORT_LABELS, key, lang) for key in labels]
    common.emit_rows(rows, fmt, columns, headers, shown=lambda: _shown(rows, lang))


COMMANDS = {
    "milestones": (milestones_command, HELP),
}
