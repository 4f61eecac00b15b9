"""`jiebang list`: projects, filtered, as a table or a machine format."""

from __future__ import annotations

from typing import Annotated

import typer

from jiebang import api, i18n, query, views
from jiebang.cli import common, output
from jiebang.cli.options import AsOfOpt, FormatOpt, KnownAtOpt, LangOpt, RegistryOpt, RowFormat, as_of, tr

HELP = tr(
    "列出项目。筛选条件可以组合；文字匹配不分繁简体、全角半角，标题也可用拼音首字母（tccjs）。\n\n"
    "类别可写序号、一…六、简称（民生）、别名、英文键、全称或其中一段。\n\n"
    "例：jiebang list --category 民生；jiebang list 停车场；jiebang list --rag red --sort due",
    "List projects. Filters combine; text matching ignores Traditional/Simplified and full/half width, and titles "
    "also match pinyin initials (tccjs).\n\nA category may be named by number, 一…六, short name (民生), alias, "
    "ASCII key, full name or a unique part of it.\n\n"
    "Example: jiebang list --category 民生; jiebang list 停车场; jiebang list --rag red --sort due",
)

COLUMNS = (
    "number",
    "title",
    "scope",
    "category",
    "leader",
    "mentors",
    "status",
    "progress",
    "rag_label",
    "next_milestone",
    "next_due",
    "last_update",
)
HEADERS = {
    "zh": (
        "编号",
        "项目",
        "范围",
        "类别",
        "负责人",
        "导师",
        "状态",
        "进度",
        "红黄绿",
        "下一节点",
        "节点日期",
        "最近更新",
    ),
    "en": (
        "No.",
        "Project",
        "Scope",
        "Category",
        "Leader",
        "Mentors",
        "Status",
        "Progress",
        "RAG",
        "Next milestone",
        "Due",
        "Last update",
    ),
}
CSV_COLUMNS = (
    "programme",
    "number",
    "title",
    "scope",
    "category",
    "leader",
    "mentors",
    "status",
    "progress",
    "progress_source",
    "rag_label",
    "due_on",
    "days_left",
    "overdue_milestones",
    "next_milestone",
    "next_due",
    "last_update",
)


def list_command(
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="[TEXT]",
            help=tr("在标题、别名和范围中查找。", "Search titles, aliases and scope."),
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", metavar="CATEGORY", help=tr("只列此类别。", "Only this category.")),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help=tr("只列此状态（可重复）：assigned/已挂帅、active/进行中……", "Only this status (repeatable)."),
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            "-p",
            metavar="PERSON",
            help=tr(
                "负责人、导师、成员或领衔领导（姓名或编号）。",
                "Leader, mentor, member or lead official (name or id).",
            ),
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="UNIT",
            help=tr("牵头、配合或成员所在单位。", "Lead, supporting or member unit."),
        ),
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier",
            metavar="key|normal",
            help=tr("重点（key）或一般（normal）项目。", "Key or normal projects."),
        ),
    ] = None,
    rag: Annotated[
        str | None,
        typer.Option(
            "--rag",
            metavar="red|amber|green",
            help=tr("红黄绿（含人工设定）。", "RAG colour (override included)."),
        ),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue",
            help=tr("只列有逾期里程碑或已过期限的项目。", "Only projects past due or with an overdue milestone."),
        ),
    ] = False,
    due_before: Annotated[
        str | None,
        typer.Option("--due-before", metavar="YYYY-MM-DD", help=tr("完成期限早于此日。", "Due before this date.")),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="|".join(views.SORT_KEYS),
            help=tr("排序；前加 - 为倒序（-progress）。", "Sort key; prefix - to reverse (-progress)."),
        ),
    ] = "number",
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help=tr("最多列几项。", "At most this many."))
    ] = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    criteria = views.Criteria(
        category=category,
        statuses=tuple(query.match_label(i18n.STATUS_LABELS, s, "usage.bad-status") for s in status or ()),
        person=person,
        unit=unit,
        tier=query.match_label(i18n.TIER_LABELS, tier, "usage.bad-tier") if tier else None,
        rag=query.match_label({k: i18n.RAG_LABELS[k] for k in views.RAG_ORDER}, rag, "usage.bad-rag") if rag else None,
        overdue=overdue,
        due_before=query.parse_day(due_before) if due_before else None,
        text=text,
        sort=sort.lstrip("-"),
        descending=sort.startswith("-"),
        limit=limit,
    )
    reg = common.open_register(registry, known_at)
    rows = [views.as_row(v) for v in api.select(reg, criteria, as_of=as_of(when))]
    lang = output.state.lang
    if fmt is RowFormat.csv:
        common.emit_rows(rows, fmt, CSV_COLUMNS, CSV_COLUMNS)
    else:
        common.emit_rows(rows, fmt, COLUMNS, HEADERS[lang])


COMMANDS = {
    "list": (list_command, HELP),
}
