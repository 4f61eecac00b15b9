"""`jiebang list`: projects, filtered, as a table or a machine format."""

from __future__ import annotations

from typing import Annotated

from jiebang import api, i18n, query, views
from jiebang.cli import common, output
from jiebang.cli.options import (
    AsOfOpt,
    FormatOpt,
    KnownAtOpt,
    LangOpt,
    ProgrammeFilterOpt,
    RegistryOpt,
    RowFormat,
    arg,
    as_of,
    day_opt,
    opt,
    person_opt,
    tr,
)

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
    "leaders",
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
        "Leaders",
        "Mentors",
        "Status",
        "Progress",
        "RAG",
        "Next milestone",
        "Due",
        "Last update",
    ),
}
PROGRAMME_HEADER = {"zh": "项目集", "en": "Programme"}
CSV_COLUMNS = ("programme", *COLUMNS, "progress_source", "due_on", "days_left", "overdue_milestones")


def list_command(
    text: Annotated[
        str | None, arg("TEXT", zh="在标题、别名和范围中查找。", en="Search titles, aliases and scope.")
    ] = None,
    programme: ProgrammeFilterOpt = None,
    category: Annotated[
        str | None, opt("--category", "-c", metavar="CATEGORY", zh="只列此类别。", en="Only this category.")
    ] = None,
    status: Annotated[
        list[str] | None,
        opt(
            "--status",
            "-s",
            metavar="STATUS",
            zh="只列此状态（可重复）：assigned/已挂帅、active/进行中……",
            en="Only this status (repeatable).",
        ),
    ] = None,
    person: Annotated[
        str | None,
        person_opt(
            "--person",
            "-p",
            zh="负责人、导师、成员或领衔领导（姓名或编号）。",
            en="Leader, mentor, member or lead official (name or id).",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        opt("--unit", "-u", metavar="UNIT", zh="牵头、配合或成员所在单位。", en="Lead, supporting or member unit."),
    ] = None,
    tier: Annotated[
        str | None,
        opt("--tier", metavar="key|normal", zh="重点（key）或一般（normal）项目。", en="Key or normal projects."),
    ] = None,
    rag: Annotated[
        str | None,
        opt("--rag", metavar="red|amber|green", zh="红黄绿（含人工设定）。", en="RAG colour (override included)."),
    ] = None,
    overdue: Annotated[
        bool,
        opt(
            "--overdue",
            zh="只列有逾期里程碑或已过期限的项目。",
            en="Only projects past due or with an overdue milestone.",
        ),
    ] = False,
    due_before: Annotated[
        str | None, day_opt("--due-before", zh="完成期限早于此日。", en="Due before this date.")
    ] = None,
    sort: Annotated[
        str,
        opt(
            "--sort",
            metavar="|".join(views.SORT_KEYS),
            zh="排序；前加 - 为倒序（-progress）。",
            en="Sort key; prefix - to reverse (-progress).",
        ),
    ] = "number",
    limit: Annotated[int | None, opt("--limit", "-n", min=1, zh="最多列几项。", en="At most this many.")] = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    criteria = views.Criteria(
        programme=programme,
        category=category,
        statuses=tuple(query.match_label(i18n.STATUS_LABELS, s, "usage.bad-status") for s in status or ()),
        person=person,
        unit=unit,
        tier=query.match_label(i18n.TIER_LABELS, tier, "usage.bad-tier") if tier else None,
        rag=query.match_label(i18n.RAG_COLOURS, rag, "usage.bad-rag") if rag else None,
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
    elif len({row["programme"] for row in rows}) > 1:  # numbers repeat across programmes: say whose
        common.emit_rows(rows, fmt, ("programme", *COLUMNS), (PROGRAMME_HEADER[lang], *HEADERS[lang]))
    else:
        common.emit_rows(rows, fmt, COLUMNS, HEADERS[lang])


COMMANDS = {
    "list": (list_command, HELP),
}
