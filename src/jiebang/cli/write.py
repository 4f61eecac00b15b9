"""Commands that change the register: add, assign, unassign, claim, select, move, milestone,
measure, update, review. Each is one `api.apply` call: validated before writing, one commit.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from jiebang import api, i18n, query
from jiebang.cli import output
from jiebang.cli.options import LangOpt, RegistryOpt, tr
from jiebang.cli.usage import Command, SubGroup
from jiebang.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from jiebang.edits import Change
    from jiebang.model import Register

OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="YYYY-MM-DD", help=tr("业务日期（默认今天）。", "Business date (default: today).")),
]
NoCommitOpt = Annotated[
    bool, typer.Option("--no-commit", help=tr("只写入并暂存，不提交。", "Write and stage, do not commit."))
]
IncludeEditsOpt = Annotated[
    bool,
    typer.Option(
        "--include-edits",
        help=tr("文件有未提交的手工修改时，一并提交。", "Commit uncommitted hand edits of the touched files too."),
    ),
]
ProgrammeOpt = Annotated[
    str | None,
    typer.Option(
        "--programme", metavar="ID", help=tr("项目集（只有一个时可省略）。", "Programme (optional when there is one).")
    ),
]
ProjectArg = Annotated[
    str,
    typer.Argument(metavar="PROJECT", help=tr("编号、标题或其中一段。", "Number, title or part of it.")),
]

add_app = typer.Typer(
    cls=SubGroup,
    help=tr(
        "新增项目集、类别、项目、人员、里程碑或指标。",
        "Add a programme, category, project, person, milestone or indicator.",
    ),
    no_args_is_help=True,
)


def _day(value: str | None) -> str:
    return (query.parse_day(value) if value else date.today()).isoformat()


def ask(value: str | None, option: str, prompt_zh: str, prompt_en: str) -> str:
    """A required value: from its flag, else asked for in a terminal, else a usage error."""
    if value:
        return value
    if sys.stdin.isatty():
        return str(typer.prompt(prompt_en if output.state.lang == "en" else prompt_zh))
    raise UsageError("edit.missing-option", option=option)


def run(
    build: Callable[[Register], Change], registry: str | None, *, no_commit: bool = False, include_edits: bool = False
) -> None:
    outcome = api.apply(
        build,
        option=registry,
        env=os.environ.get("JIEBANG_REGISTRY"),
        commit=not no_commit,
        include_edits=include_edits,
    )
    subject = f"jiebang: {outcome.change.subject}"
    if outcome.repo is None:
        output.notice("edit.no-git", subject=subject)
    elif outcome.staged:
        output.out().print(output.t("edit.staged", subject=subject), markup=False)
    elif outcome.commit is None:
        output.notice("edit.unchanged", subject=subject)
    else:
        output.out().print(output.t("edit.done", commit=outcome.commit[:7], subject=subject), markup=False)


# ------------------------------------------------------------------------------ add


@add_app.command(
    "programme",
    cls=Command,
    help=tr(
        "新增项目集（含类别）。例：jiebang add programme --id demo-2024 --name … "
        "--organiser … --launched-on 2024-03-01 --category 产业 --category 民生",
        "Add a programme with its categories.",
    ),
)
def add_programme(
    programme_id: Annotated[
        str | None, typer.Option("--id", help=tr("项目集 id，如 ronggui-2022。", "Programme id, e.g. ronggui-2022."))
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help=tr("名称。", "Name."))] = None,
    organiser: Annotated[
        str | None, typer.Option("--organiser", help=tr("发榜单位。", "Organiser (发榜单位)."))
    ] = None,
    launched_on: Annotated[
        str | None, typer.Option("--launched-on", metavar="YYYY-MM-DD", help=tr("发榜日期。", "Launch date."))
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            help=tr("类别：简称，或 键:简称:全称（可重复）。", "Category: short, or key:short:name (repeatable)."),
        ),
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="government|science|party_building|frontline")] = "government",
    region: Annotated[str | None, typer.Option("--region", help=tr("地区。", "Region."))] = None,
    no_commit: NoCommitOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    pid = ask(programme_id, "--id", "项目集 id（如 ronggui-2022）", "programme id (e.g. ronggui-2022)")
    title = ask(name, "--name", "名称", "name")
    org = ask(organiser, "--organiser", "发榜单位", "organiser")
    launched = _day(ask(launched_on, "--launched-on", "发榜日期 YYYY-MM-DD", "launch date YYYY-MM-DD"))
    categories = category or [ask(None, "--category", "类别简称", "category short name")]
    run(
        lambda reg: edits.add_programme(
            reg,
            programme_id=pid,
            name=title,
            organiser=org,
            launched_on=launched,
            categories=categories,
            kind=kind,
            region=region,
        ),
        registry,
        no_commit=no_commit,
    )


@add_app.command(
    "category",
    cls=Command,
    help=tr("新增类别。例：jiebang add category --key party --short 党建 --name 树立基层党建旗帜", "Add a category."),
)
def add_category(
    key: Annotated[str | None, typer.Option("--key", help=tr("英文键。", "ASCII key."))] = None,
    short: Annotated[
        str | None, typer.Option("--short", help=tr("简称（筛选用）。", "Short name (for filters)."))
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help=tr("全称。", "Full name."))] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help=tr("别名（可重复）。", "Alias (repeatable)."))
    ] = None,
    programme: ProgrammeOpt = None,
    no_commit: NoCommitOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    k = ask(key, "--key", "英文键", "ASCII key")
    s = ask(short, "--short", "简称", "short name")
    n = ask(name, "--name", "全称", "full name")
    run(
        lambda reg: edits.add_category(reg, programme, key=k, short=s, name=n, aliases=alias),
        registry,
        no_commit=no_commit,
    )


@add_app.command(
    "project",
    cls=Command,
    help=tr(
        "新增项目（榜单项目）。例：jiebang add project --title 农贸市场立体停车场建设 --category 民生",
        "Add a project (a list item).",
    ),
)
def add_project(
    title: Annotated[str | None, typer.Option("--title", help=tr("标题。", "Title."))] = None,
    category: Annotated[str | None, typer.Option("--category", "-c", help=tr("类别。", "Category."))] = None,
    number: Annotated[
        int | None, typer.Option("--number", min=1, help=tr("编号（默认下一个）。", "Number (default: next)."))
    ] = None,
    scope: Annotated[str | None, typer.Option("--scope", help=tr("范围。", "Scope."))] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="YYYY-MM-DD", help=tr("完成期限。", "Due date."))] = None,
    tier: Annotated[
        str | None, typer.Option("--tier", metavar="key|normal", help=tr("重点或一般。", "Key or normal."))
    ] = None,
    status: Annotated[str, typer.Option("--status", help=tr("初始状态。", "Initial status."))] = "draft",
    on: OnOpt = None,
    programme: ProgrammeOpt = None,
    no_commit: NoCommitOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    t = ask(title, "--title", "标题", "title")
    c = ask(category, "--category", "类别", "category")
    first = query.match_label(i18n.STATUS_LABELS, status, "usage.bad-status")
    level = query.match_label(i18n.TIER_LABELS, tier, "usage.bad-tier") if tier else None
    due_on = _day(due) if due else None
    run(
        lambda reg: edits.add_project(
            reg,
            programme,
            title=t,
            category=c,
            number=number,
            scope=scope,
            due_on=due_on,
            tier=level,
            status=first,
            on=_day(on),
        ),
        registry,
        no_commit=no_commit,
    )


@add_app.command(
    "person",
    cls=Command,
    help=tr(
        "登记人员（只记姓名、单位、公开职务）。例：jiebang add person --name 梁楚翔",
        "Add a person (name, unit and public post only).",
    ),
)
def add_person(
    name: Annotated[str | None, typer.Option("--name", help=tr("姓名。", "Name."))] = None,
    unit: Annotated[str | None, typer.Option("--unit", help=tr("单位。", "Unit."))] = None,
    post: Annotated[str | None, typer.Option("--post", help=tr("公开职务。", "Public post."))] = None,
    person_id: Annotated[
        str | None, typer.Option("--id", help=tr("编号（默认下一个 P####）。", "Id (default: next P####)."))
    ] = None,
    programme: ProgrammeOpt = None,
    no_commit: NoCommitOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    n = ask(name, "--name", "姓名", "name")
    run(
        lambda reg: edits.add_person(reg, programme, name=n, unit=unit, post=post, person_id=person_id),
        registry,
        no_commit=no_commit,
    )


@add_app.command(
    "milestone",
    cls=Command,
    help=tr(
        "给项目新增里程碑。例：jiebang add milestone 24 --title 完成选址 --due 2022-06-30",
        "Add a milestone to a project.",
    ),
)
def add_milestone(
    project: ProjectArg,
    title: Annotated[str | None, typer.Option("--title", help=tr("节点名称。", "Milestone title."))] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="YYYY-MM-DD", help=tr("期限。", "Due date."))] = None,
    weight: Annotated[
        float | None, typer.Option("--weight", min=0, help=tr("权重（默认 1）。", "Weight (default 1)."))
    ] = None,
    milestone_id: Annotated[
        str | None, typer.Option("--id", help=tr("编号（默认下一个 M#）。", "Id (default: next M#)."))
    ] = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    t = ask(title, "--title", "节点名称", "milestone title")
    d = _day(ask(due, "--due", "期限 YYYY-MM-DD", "due date YYYY-MM-DD"))
    run(
        lambda reg: edits.add_milestone(reg, project, title=t, due_on=d, weight=weight, milestone_id=milestone_id),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


@add_app.command(
    "indicator",
    cls=Command,
    help=tr(
        "给项目新增考核指标。例：jiebang add indicator 24 --name 新增车位 --unit 个 --baseline 0 --target 300",
        "Add an indicator to a project.",
    ),
)
def add_indicator(
    project: ProjectArg,
    name: Annotated[str | None, typer.Option("--name", help=tr("指标名称。", "Indicator name."))] = None,
    unit: Annotated[str | None, typer.Option("--unit", help=tr("单位（个、户、%）。", "Unit (个, 户, %)."))] = None,
    baseline: Annotated[float | None, typer.Option("--baseline", help=tr("基线。", "Baseline."))] = None,
    target: Annotated[float | None, typer.Option("--target", help=tr("目标值。", "Target."))] = None,
    indicator_id: Annotated[
        str | None, typer.Option("--id", help=tr("编号（默认下一个 I#）。", "Id (default: next I#)."))
    ] = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    n = ask(name, "--name", "指标名称", "indicator name")
    u = ask(unit, "--unit", "单位", "unit")
    run(
        lambda reg: edits.add_indicator(
            reg, project, name=n, unit=u, baseline=baseline, target=target, indicator_id=indicator_id
        ),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


# ------------------------------------------------------------------------------ people on a project

ROLE_HELP = {
    "leader": tr("团队负责人。", "Team leader."),
    "mentor": tr("项目导师。", "Mentor."),
    "member": tr("团队成员。", "Team member."),
    "lead-official": tr("领衔领导。", "Lead official (领衔领导)."),
}
PersonOpt = Annotated[str | None, typer.Option(metavar="PERSON")]


def _role(leader: str | None, mentor: str | None, member: str | None, lead_official: str | None) -> tuple[str, str]:
    given = [
        (r, v)
        for r, v in (("leader", leader), ("mentor", mentor), ("member", member), ("lead-official", lead_official))
        if v
    ]
    if len(given) != 1:
        raise UsageError("edit.role-required")
    return given[0]


def assign_command(
    project: ProjectArg,
    leader: Annotated[str | None, typer.Option("--leader", metavar="PERSON", help=ROLE_HELP["leader"])] = None,
    mentor: Annotated[str | None, typer.Option("--mentor", metavar="PERSON", help=ROLE_HELP["mentor"])] = None,
    member: Annotated[str | None, typer.Option("--member", metavar="PERSON", help=ROLE_HELP["member"])] = None,
    lead_official: Annotated[
        str | None, typer.Option("--lead-official", metavar="PERSON", help=ROLE_HELP["lead-official"])
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help=tr("成员所在单位。", "The member's unit."))] = None,
    team: Annotated[
        str | None, typer.Option("--team", help=tr("团队编号（默认第一个）。", "Team id (default: the first)."))
    ] = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    role, who = _role(leader, mentor, member, lead_official)
    run(
        lambda reg: edits.assign(reg, project, role, who, unit=unit, team=team),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def unassign_command(
    project: ProjectArg,
    leader: Annotated[str | None, typer.Option("--leader", metavar="PERSON", help=ROLE_HELP["leader"])] = None,
    mentor: Annotated[str | None, typer.Option("--mentor", metavar="PERSON", help=ROLE_HELP["mentor"])] = None,
    member: Annotated[str | None, typer.Option("--member", metavar="PERSON", help=ROLE_HELP["member"])] = None,
    lead_official: Annotated[
        str | None, typer.Option("--lead-official", metavar="PERSON", help=ROLE_HELP["lead-official"])
    ] = None,
    team: Annotated[
        str | None, typer.Option("--team", help=tr("团队编号（默认第一个）。", "Team id (default: the first)."))
    ] = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    role, who = _role(leader, mentor, member, lead_official)
    run(
        lambda reg: edits.unassign(reg, project, role, who, team=team),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


# ------------------------------------------------------------------------------ lifecycle


def claim_command(
    project: ProjectArg,
    by: Annotated[str | None, typer.Option("--by", metavar="PERSON", help=tr("揭榜人。", "Who takes it on."))] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            help=tr(
                "个人报名 / 单位推荐 / 组织点将 / 揭榜申请（或英文键）。",
                "self / unit_recommended / organisation_assigned / open_call.",
            ),
        ),
    ] = "self",
    plan: Annotated[str | None, typer.Option("--plan", help=tr("揭榜方案摘要。", "Plan summary."))] = None,
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    who = ask(by, "--by", "揭榜人", "applicant")
    how = query.match_label(i18n.METHOD_LABELS, method, "usage.bad-method")
    run(
        lambda reg: edits.claim(reg, project, who, method=how, on=_day(on), plan=plan),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def select_command(
    project: ProjectArg,
    application: Annotated[
        str, typer.Argument(metavar="APPLICATION", help=tr("申请编号，如 A1。", "Application id, e.g. A1."))
    ],
    reason: Annotated[str | None, typer.Option("--reason", help=tr("说明。", "Reason."))] = None,
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    run(
        lambda reg: edits.select(reg, project, application, on=_day(on), reason=reason),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def move_command(
    project: ProjectArg,
    status: Annotated[
        str,
        typer.Argument(metavar="STATUS", help=tr("新状态（英文键或中文）。", "New status (key or Chinese label).")),
    ],
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help=tr("原因（暂停、终止、延期、重启时必填）。", "Reason (required to pause, terminate, extend, reopen)."),
        ),
    ] = None,
    role: Annotated[str, typer.Option("--as-role", help="office|mentor|leader|member")] = "office",
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    target = query.match_label(i18n.STATUS_LABELS, status, "usage.bad-status")
    by_role = query.match_label(i18n.ROLE_LABELS, role, "usage.bad-role")
    run(
        lambda reg: edits.move(reg, project, target, on=_day(on), reason=reason, role=by_role),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def milestone_command(
    project: ProjectArg,
    milestone_id: Annotated[
        str, typer.Argument(metavar="MILESTONE", help=tr("里程碑编号，如 M2。", "Milestone id, e.g. M2."))
    ],
    done: Annotated[
        bool, typer.Option("--done", help=tr("标记完成（完成日期取 --on）。", "Mark done (on --on)."))
    ] = False,
    percent: Annotated[
        float | None,
        typer.Option("--percent", min=0, max=100, help=tr("进行中，完成百分比。", "In progress, percent done.")),
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="YYYY-MM-DD", help=tr("新的期限。", "New due date."))
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help=tr("调整期限的原因（基线后必填）。", "Why the date moves (required after baseline).")
        ),
    ] = None,
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    new_due = _day(due) if due else None
    run(
        lambda reg: edits.milestone(
            reg, project, milestone_id, on=_day(on), done=done, percent=percent, due=new_due, reason=reason
        ),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def measure_command(
    project: ProjectArg,
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", help=tr("指标编号或名称。", "Indicator id or name."))
    ],
    value: Annotated[float, typer.Argument(metavar="VALUE", help=tr("实际值。", "Actual value."))],
    note: Annotated[str | None, typer.Option("--note", help=tr("说明。", "Note."))] = None,
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    run(
        lambda reg: edits.measure(reg, project, indicator, value, on=_day(on), note=note),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def update_command(
    project: ProjectArg,
    author: Annotated[
        str | None, typer.Option("--author", metavar="PERSON", help=tr("报告人。", "Who reports."))
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", "-m", help=tr("进展摘要。", "Summary of progress."))
    ] = None,
    progress: Annotated[
        float | None,
        typer.Option("--progress", min=0, max=100, help=tr("自报完成百分比。", "Self-reported percent done.")),
    ] = None,
    need: Annotated[
        list[str] | None,
        typer.Option("--need", help=tr("需协调事项（可重复）。", "Item needing coordination (repeatable).")),
    ] = None,
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    who = ask(author, "--author", "报告人", "author")
    text = ask(summary, "--summary", "进展摘要", "summary")
    run(
        lambda reg: edits.update(
            reg, project, author=who, summary=text, on=_day(on), progress_pct=progress, needs=need
        ),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


def review_command(
    project: ProjectArg,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            metavar="PERSON",
            help=tr("讲评人（导师或专班）。", "Reviewer (mentor or office)."),
        ),
    ] = None,
    rating: Annotated[
        str | None, typer.Option("--rating", metavar="red|amber|green", help=tr("评级：红/黄/绿。", "Rating."))
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="monthly|quarterly|midterm|ad_hoc", help=tr("讲评类型。", "Kind of review.")),
    ] = None,
    comments: Annotated[str | None, typer.Option("--comments", "-m", help=tr("讲评意见。", "Comments."))] = None,
    action: Annotated[
        list[str] | None, typer.Option("--action", help=tr("整改要求（可重复）。", "Action required (repeatable)."))
    ] = None,
    action_owner: Annotated[
        str | None,
        typer.Option("--action-owner", metavar="PERSON", help=tr("整改责任人。", "Action owner.")),
    ] = None,
    action_due: Annotated[
        str | None, typer.Option("--action-due", metavar="YYYY-MM-DD", help=tr("整改期限。", "Action due date."))
    ] = None,
    on: OnOpt = None,
    no_commit: NoCommitOpt = False,
    include_edits: IncludeEditsOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    from jiebang import edits

    who = ask(reviewer, "--reviewer", "讲评人", "reviewer")
    colour = (
        query.match_label({k: i18n.RAG_LABELS[k] for k in ("red", "amber", "green")}, rating, "usage.bad-rag")
        if rating
        else None
    )
    sort = query.match_label(i18n.REVIEW_KIND_LABELS, kind, "usage.bad-kind") if kind else None
    due = _day(action_due) if action_due else None
    run(
        lambda reg: edits.review(
            reg,
            project,
            reviewer=who,
            on=_day(on),
            rating=colour,
            kind=sort,
            comments=comments,
            actions=action,
            action_owner=action_owner,
            action_due=due,
        ),
        registry,
        no_commit=no_commit,
        include_edits=include_edits,
    )


COMMANDS: dict[str, tuple[Callable[..., None], str]] = {
    "assign": (
        assign_command,
        tr(
            "给项目指派负责人、导师、成员或领衔领导。例：jiebang assign 24 --leader 梁楚翔",
            "Assign a leader, mentor, member or lead official. Example: jiebang assign 24 --leader P0007",
        ),
    ),
    "unassign": (unassign_command, tr("取消指派。例：jiebang unassign 24 --mentor P0004", "Remove an assignment.")),
    "claim": (
        claim_command,
        tr(
            "揭榜：记录一份申请。例：jiebang claim 24 --by 梁楚翔 --method 个人报名",
            "Record an application (揭榜). Example: jiebang claim 24 --by P0007 --method self",
        ),
    ),
    "select": (
        select_command,
        tr("挂帅：选定申请，组建团队。例：jiebang select 24 A1", "Select an application: it becomes a team."),
    ),
    "move": (
        move_command,
        tr(
            "按状态流转表变更状态。例：jiebang move 24 active；jiebang move 24 paused --reason …",
            "Move a project to a new status, following the lifecycle table.",
        ),
    ),
    "milestone": (
        milestone_command,
        tr(
            "更新里程碑：完成、进度或期限。例：jiebang milestone 24 M1 --done",
            "Update a milestone: done, percent, or due date.",
        ),
    ),
    "measure": (
        measure_command,
        tr("记录指标实际值。例：jiebang measure 24 I1 120 --on 2022-06-30", "Record a dated actual for an indicator."),
    ),
    "update": (
        update_command,
        tr(
            "报告进展。例：jiebang update 24 --author 梁楚翔 -m 完成选址 --need 用地指标",
            "Post a progress update, with items needing coordination.",
        ),
    ),
    "review": (
        review_command,
        tr(
            "记录调度讲评。例：jiebang review 24 --reviewer 李耀新 --rating amber --action 补充方案",
            "Record a 调度讲评 review with rating and actions.",
        ),
    ),
}
