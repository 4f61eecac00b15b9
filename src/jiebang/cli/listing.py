"""`jiebang list`: projects, filtered, as a table or a machine format."""

from __future__ import annotations

from typing import Annotated, Any

from jiebang import api, i18n
from jiebang.cli import common, output
from jiebang.cli.options import (
    FILTER_OPTIONS,
    READ_OPTIONS,
    AsOfOpt,
    FormatOpt,
    KnownAtOpt,
    RowFormat,
    arg,
    as_of,
    day_opt,
    opt,
    tr,
    with_options,
)
from jiebang.present import render
from jiebang.queries import query, views

HELP = tr(
    "列出项目。筛选条件可以组合；文字匹配不分繁简体、全角半角，标题也可用拼音首字母（tccjs）。\n\n"
    "类别可写序号、一…六、简称（民生）、别名、英文键、全称或其中一段。\n\n"
    "例：jiebang list --category 民生；jiebang list 停车场；jiebang list --rag red,amber --sort due",
    "List projects. Filters combine; text matching ignores Traditional/Simplified and full/half width, and titles "
    "also match pinyin initials (tccjs).\n\nA category may be named by number, 一…六, short name (民生), alias, "
    "ASCII key, full name or a unique part of it.\n\n"
    "Example: jiebang list --category 民生; jiebang list 停车场; jiebang list --rag red,amber --sort due",
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
        "Next due",
        "Last update",
    ),
}
CSV_COLUMNS = ("programme", *COLUMNS, "progress_source", "due_on", "days_left", "overdue_milestones")
# Report labels of the columns only the CSV carries ("project_due": the next milestone's is "Next due").
CSV_EXTRA_LABELS = ("progress_source", "project_due", "days_left_column", "overdue_milestones")


def _csv_headers(lang: str) -> tuple[str, ...]:
    extra = (i18n.label(i18n.REPORT_LABELS, key, lang) for key in CSV_EXTRA_LABELS)
    return (i18n.label(i18n.REPORT_LABELS, "programme", lang), *HEADERS[lang], *extra)


@with_options(*FILTER_OPTIONS, *READ_OPTIONS)
def list_command(
    text: Annotated[
        str | None, arg("TEXT", zh="在标题、别名和范围中查找。", en="Search titles, aliases and scope.")
    ] = None,
    overdue: Annotated[
        bool,
        opt(
            "--overdue",
            zh="只列有逾期里程碑或已过期限的项目（暂停的除外）；逐个节点看用 jiebang milestones --overdue。",
            en="Only projects past due or with an overdue milestone (paused ones aside); "
            "milestone by milestone: jiebang milestones --overdue.",
        ),
    ] = False,
    missing_review: Annotated[
        bool,
        opt(
            "--missing-review",
            zh="只列本讲评周期内没有调度讲评的项目（周期见项目集 settings.review_cadence_days，默认 30 天）；"
            "与 --tier 重点 同用即“哪些重点项目最近没有讲评”。",
            en="Only projects with no review within the review cadence (the programme's "
            "settings.review_cadence_days, 30 days by default); with --tier key: which key projects "
            "lack a recent review.",
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
) -> None:
    criteria = common.criteria(
        overdue=overdue,
        missing_review=missing_review,
        due_before=query.parse_day(due_before) if due_before else None,
        text=text,
        sort=sort.lstrip("-"),
        descending=sort.startswith("-"),
        limit=limit,
    )
    found: list[views.Shown]
    lang = output.state.lang
    lead: tuple[str, ...] = ()  # in a federation, the member each row is of
    if (fed := common.open_federation(known_at)) is not None:
        chosen = api.select_federated(common.read_members(fed, criteria, when), criteria)
        found = [v for _, v in chosen]
        lead = ("namespace",)
    elif (read := common.open_indexed(known_at, criteria, when)) is not None:
        found = list(api.select_indexed(read, criteria))
    else:
        found = list(api.select(common.open_register(known_at), criteria, as_of=as_of(when)))
    rows = [views.as_row(v) for v in found]
    if lead:
        rows = [{"namespace": namespace, **row} for (namespace, _), row in zip(chosen, rows, strict=True)]
    columns, headers = (*lead, *COLUMNS), (*(output.t("federation.namespace") for _ in lead), *HEADERS[lang])
    csv_columns, csv_headers = (*lead, *CSV_COLUMNS), (*headers[: len(lead)], *_csv_headers(lang))
    if criteria.person:  # whose projects: say in which role (leader, mentor, member, lead official)
        for row, v in zip(rows, found, strict=True):
            row["roles"] = views.person_roles(v, criteria.person)
        role = i18n.label(i18n.COHORT_LABELS, "role", lang)
        at = columns.index("leaders")
        columns, headers = (*columns[:at], "roles", *columns[at:]), (*headers[:at], role, *headers[at:])
        csv_columns, csv_headers = (*csv_columns, "roles"), (*csv_headers, role)
    if fmt is RowFormat.csv:
        common.emit_rows(rows, fmt, csv_columns, csv_headers, shown=lambda: _shown(rows, lang))
    elif len({row["programme"] for row in rows}) > 1:  # numbers repeat across programmes: say whose
        programme, at = i18n.label(i18n.REPORT_LABELS, "programme", lang), len(lead)
        columns, headers = (*columns[:at], "programme", *columns[at:]), (*headers[:at], programme, *headers[at:])
        common.emit_rows(rows, fmt, columns, headers, shown=lambda: _shown(rows, lang))
    else:
        common.emit_rows(rows, fmt, columns, headers, shown=lambda: _shown(rows, lang))


def _shown(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Each row localised; roles, when asked for a person, in words."""
    out = []
    for row in rows:
        shown = render.localise(row, lang)
        if "roles" in row:
            shown["roles"] = render.LIST_SEPARATOR.get(lang, "、").join(
                i18n.label(i18n.PERSON_ROLE_LABELS, r, lang) for r in row["roles"]
            )
        out.append(shown)
    return out


COMMANDS = {
    "list": (list_command, HELP),
}
