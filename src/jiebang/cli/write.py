"""Commands that change the register: add, assign, unassign, claim, select, move, milestone,
measure, update, review. Each is one `api.apply` call: validated before writing, one commit.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from jiebang import api, i18n
from jiebang.cli import output
from jiebang.cli.options import (
    WRITE_OPTIONS,
    CategoriesOpt,
    allowed_values,
    arg,
    day_opt,
    invocation,
    lifecycle_help,
    opt,
    person_opt,
    tr,
    with_options,
)
from jiebang.cli.usage import Command, SubGroup
from jiebang.errors import UsageError
from jiebang.queries import query

if TYPE_CHECKING:
    from collections.abc import Callable

    from jiebang.model.records import Register
    from jiebang.writes.edits import Change
    from jiebang.writes.journal import Checkup

OnOpt = Annotated[
    str | None,
    opt(
        "--on",
        metavar="YYYY[-MM[-DD]][~?]",
        zh="业务日期（默认今天；也可写 2026/12/1）；只知道月或年时写 2023-05 或 2023，推定的加 ~，存疑的加 ?。",
        en="Business date (default: today; 2026/12/1 works too); a month or a year alone (2023-05, 2023), "
        "followed by ~ when inferred or ? when uncertain.",
    ),
]
ProgrammeOpt = Annotated[
    str | None,
    opt("--programme", metavar="ID", zh="项目集（只有一个时可省略）。", en="Programme (optional when there is one)."),
]
# People are register-wide: a programme is named only in a register written the old way.
PeopleProgrammeOpt = Annotated[
    str | None,
    opt(
        "--programme",
        metavar="ID",
        zh="旧布局（每个项目集一个 people.yaml）时指定项目集；人员登记在整个登记册时不用写。",
        en="Only for a register with one people.yaml per programme (the old layout); people are register-wide.",
    ),
]
SameNameOpt = Annotated[
    bool,
    opt(
        "--same-name-ok",
        zh="确是另一位同名的人（默认拒绝与已登记者同名，繁简、全半角视为相同）。",
        en="It truly is a namesake (a name someone has, in either script or width, is refused otherwise).",
    ),
]
ProjectArg = Annotated[str, arg("PROJECT", zh="编号、标题或其中一段。", en="Number, title or part of it.")]
TierOpt = Annotated[
    str | None,
    opt(
        "--tier",
        metavar="key|normal|unknown",
        zh="重点、一般或未知（来源未说明）。",
        en="Key, normal or unknown (the source does not say).",
    ),
]
# Who, in which role: assign and unassign take the same four, exactly one of them.
LeaderOpt = Annotated[str | None, person_opt("--leader", zh="团队负责人。", en="Team leader.")]
MentorOpt = Annotated[str | None, person_opt("--mentor", zh="项目导师。", en="Mentor.")]
MemberOpt = Annotated[str | None, person_opt("--member", zh="团队成员。", en="Team member.")]
LeadOfficialOpt = Annotated[str | None, person_opt("--lead-official", zh="领衔领导。", en="Lead official (领衔领导).")]
TeamOpt = Annotated[str | None, opt("--team", zh="团队编号（默认第一个）。", en="Team id (default: the first).")]
# Setting up a team (add team, add project): several mentors and members, units paired with members.
MentorsOpt = Annotated[list[str] | None, person_opt("--mentor", zh="项目导师（可重复）。", en="Mentor (repeatable).")]
MembersOpt = Annotated[list[str] | None, person_opt("--member", zh="团队成员（可重复）。", en="Member (repeatable).")]
UnitsOpt = Annotated[
    list[str] | None,
    opt(
        "--unit",
        zh="成员所在单位，按顺序对应 --member；只写一个则用于全部。",
        en="Members' units, paired with --member in order; one applies to all.",
    ),
]

add_app = typer.Typer(
    cls=SubGroup,
    help=tr(
        "新增项目集、类别、项目、人员、单位、里程碑、指标或批次。",
        "Add a programme, category, project, person, unit, milestone, indicator or cohort.",
    ),
    no_args_is_help=True,
)


def _day(value: str | None, *, imprecise: bool = False) -> str:
    """A planned date (a due date, a launch): any date; `imprecise` where the record may stop at
    the month or year or carry a qualifier (a launch, a meeting, a cohort: 2023-05~)."""
    if value and imprecise:
        return query.parse_period(value)
    return (query.parse_day(value) if value else date.today()).isoformat()


def _recorded(value: str | None, *, exact: bool = False) -> str:
    """The date something happened (--on): today by default, never in the future. It may stop at
    the month or year and end in an EDTF qualifier (2023-05, 2023-05~: inferred, 2023?:
    uncertain), as every record of something that happened allows; `exact` asks for a day."""
    if not value:
        return date.today().isoformat()
    written = query.parse_day(value).isoformat() if exact else query.parse_period(value)
    if query.period_start(written) > date.today():
        raise UsageError("edit.future-date", value=written)
    return written


def ask(value: str | None, option: str, prompt_zh: str, prompt_en: str) -> str:
    """A required value: from its flag, else asked for in a terminal, else a usage error."""
    if value:
        return value
    if sys.stdin.isatty():
        return str(typer.prompt(prompt_en if output.state.lang == "en" else prompt_zh))
    raise UsageError("edit.missing-option", option=option)


def run(build: Callable[[Register], Change], *, restricted: bool = False, project: str | None = None) -> None:
    """Apply one change with the shared write options of the command being run; with
    `restricted`, the restricted store given (if any) is merged, and written when the change is its;
    `project`: the project whose file alone the change reads and writes (`api.apply`)."""
    outcome = api.apply(
        build,
        option=invocation.registry,
        env=os.environ.get("JIEBANG_REGISTRY"),
        commit=not invocation.no_commit,
        include_edits=invocation.include_edits,
        today=date.today(),
        restricted=invocation.restricted if restricted else None,
        project=project,
    )
    said(outcome)


def said(outcome: api.Outcome) -> None:
    """What a write did: the commit (or staged, or nothing to change) and any warnings."""
    recovered(outcome.recovered)
    subject = f"jiebang: {outcome.change.subject}"
    if not outcome.change.texts:  # every value given was already recorded
        output.notice("edit.unchanged", subject=subject)
    elif outcome.repo is None:
        output.notice("edit.no-git", subject=subject)
    elif outcome.staged:
        output.out().print(output.t("edit.staged", subject=subject), markup=False)
    elif outcome.commit is None:
        output.notice("edit.unchanged", subject=subject)
    else:
        output.out().print(output.t("edit.done", commit=outcome.commit[:7], subject=subject), markup=False)
    if outcome.warnings:  # never-store words: said now, while the commit can still be amended
        output.problems(outcome.warnings, stderr=True)
        if outcome.commit:
            output.notice("edit.never-store-committed", commit=outcome.commit[:7])
        else:
            output.notice("edit.never-store-uncommitted")


def recovered(checkup: Checkup | None) -> None:
    """Say what became of an interrupted earlier write that was finished or taken back first."""
    if checkup is None or checkup.journal is None or checkup.plan == "ask":
        return
    subject = checkup.journal.subject
    if checkup.plan == "roll-back":
        output.notice("journal.rolled-back", subject=subject)
    elif checkup.plan == "drop":
        output.notice("journal.dropped", subject=subject)
    elif checkup.commit:
        output.notice("journal.finished", commit=checkup.commit[:7], subject=subject)
    elif not checkup.journal.commit:
        output.notice("journal.finished-staged", subject=subject)


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
@with_options("no_commit", "registry", "lang")  # a new file: no hand edits to include
def add_programme(
    programme_id: Annotated[
        str | None, opt("--id", zh="项目集 id，如 ronggui-2022。", en="Programme id, e.g. ronggui-2022.")
    ] = None,
    name: Annotated[str | None, opt("--name", zh="名称。", en="Name.")] = None,
    organiser: Annotated[str | None, opt("--organiser", zh="发榜单位。", en="Organiser (发榜单位).")] = None,
    launched_on: Annotated[str | None, day_opt("--launched-on", zh="发榜日期。", en="Launch date.")] = None,
    category: CategoriesOpt = None,
    kind: Annotated[
        str,
        opt(
            "--kind",
            metavar="government|science|party_building|frontline",
            zh="项目集类型：政府、科技、党建或基层一线。",
            en="Kind of programme: government, science, party building or frontline.",
        ),
    ] = "government",
    region: Annotated[str | None, opt("--region", zh="地区。", en="Region.")] = None,
) -> None:
    from jiebang.writes import edits

    pid = ask(programme_id, "--id", "项目集 id（如 ronggui-2022）", "programme id (e.g. ronggui-2022)")
    title = ask(name, "--name", "名称", "name")
    org = ask(organiser, "--organiser", "发榜单位", "organiser")
    launched = _day(ask(launched_on, "--launched-on", "发榜日期 YYYY-MM-DD", "launch date YYYY-MM-DD"), imprecise=True)
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
    )


@add_app.command(
    "category",
    cls=Command,
    help=tr("新增类别。例：jiebang add category --key party --short 党建 --name 树立基层党建旗帜", "Add a category."),
)
@with_options(*WRITE_OPTIONS)
def add_category(
    key: Annotated[str | None, opt("--key", zh="英文键。", en="ASCII key.")] = None,
    short: Annotated[str | None, opt("--short", zh="简称（筛选用）。", en="Short name (for filters).")] = None,
    name: Annotated[str | None, opt("--name", zh="全称。", en="Full name.")] = None,
    alias: Annotated[list[str] | None, opt("--alias", zh="别名（可重复）。", en="Alias (repeatable).")] = None,
    programme: ProgrammeOpt = None,
) -> None:
    from jiebang.writes import edits

    k = ask(key, "--key", "英文键", "ASCII key")
    s = ask(short, "--short", "简称", "short name")
    n = ask(name, "--name", "全称", "full name")
    run(
        lambda reg: edits.add_category(reg, programme, key=k, short=s, name=n, aliases=alias),
    )


@add_app.command(
    "project",
    cls=Command,
    help=tr(
        "新增项目（榜单项目）。例：jiebang add project --title 农贸市场立体停车场建设 --category 民生",
        "Add a project (a list item).",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_project(
    title: Annotated[str | None, opt("--title", zh="标题。", en="Title.")] = None,
    category: Annotated[
        str | None,
        opt(
            "--category",
            "-c",
            metavar="CATEGORY",
            zh="类别（简称、序号或键）。",
            en="Category (short name, number or key).",
        ),
    ] = None,
    number: Annotated[
        int | None, opt("--number", min=1, zh="编号（默认下一个）。", en="Number (default: next).")
    ] = None,
    scope: Annotated[str | None, opt("--scope", zh="范围。", en="Scope.")] = None,
    due: Annotated[str | None, day_opt("--due", zh="完成期限。", en="Due date.")] = None,
    tier: TierOpt = None,
    status: Annotated[
        str,
        opt(
            "--status",
            metavar="STATUS",
            zh=f"初始状态：{allowed_values(i18n.STATUS_LABELS)}（assigned 组织点将时须同时给 --leader）。",
            en=f"Initial status: {allowed_values(i18n.STATUS_LABELS)} (assigned needs --leader).",
        ),
    ] = "draft",
    lead_unit: Annotated[str | None, opt("--lead-unit", zh="牵头单位。", en="Lead unit.")] = None,
    leader: LeaderOpt = None,
    mentor: MentorsOpt = None,
    member: MembersOpt = None,
    unit: UnitsOpt = None,
    lead_official: Annotated[
        list[str] | None, person_opt("--lead-official", zh="领衔领导（可重复）。", en="Lead official (repeatable).")
    ] = None,
    on: OnOpt = None,
    programme: ProgrammeOpt = None,
) -> None:
    from jiebang.writes import edits

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
            on=_recorded(on),
            lead_unit=lead_unit,
            leader=leader,
            mentors=mentor,
            members=member,
            units=unit,
            lead_officials=lead_official,
        ),
    )


@add_app.command(
    "person",
    cls=Command,
    help=tr(
        "登记人员（只记姓名、单位、公开职务）。例：jiebang add person --name 梁楚翔",
        "Add a person (name, unit and public post only).",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_person(
    name: Annotated[str | None, opt("--name", zh="姓名。", en="Name.")] = None,
    unit: Annotated[str | None, opt("--unit", zh="单位。", en="Unit.")] = None,
    post: Annotated[str | None, opt("--post", zh="公开职务。", en="Public post.")] = None,
    person_id: Annotated[
        str | None, opt("--id", zh="编号（默认下一个 P####）。", en="Id (default: next P####).")
    ] = None,
    programme: PeopleProgrammeOpt = None,
    same_name_ok: SameNameOpt = False,
) -> None:
    from jiebang.writes import edits

    n = ask(name, "--name", "姓名", "name")
    run(
        lambda reg: edits.add_person(
            reg, programme, name=n, unit=unit, post=post, person_id=person_id, same_name_ok=same_name_ok
        ),
    )


@add_app.command(
    "cohort",
    cls=Command,
    help=tr(
        "新增批次（轮岗、抽调、驻村、网格员、特训营）。例：jiebang add cohort --id longgang-2017-1 "
        "--name 首批抽调干部 --kind 抽调 --from 2017-10-09 --to 2018-01-08 --size 40 --host-unit 龙岗街道",
        "Add a cohort (rotation, secondment, village posting, grid work, training camp).",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_cohort(
    cohort_id: Annotated[str | None, opt("--id", zh="批次编号（即文件名）。", en="Cohort id (its file name).")] = None,
    name: Annotated[str | None, opt("--name", zh="名称。", en="Name.")] = None,
    kind: Annotated[
        str | None,
        opt("--kind", metavar="KIND", zh=f"类型：{allowed_values(i18n.COHORT_KIND_LABELS)}。", en="Kind of cohort."),
    ] = None,
    start: Annotated[str | None, day_opt("--from", zh="开始日期。", en="First day.")] = None,
    end: Annotated[str | None, day_opt("--to", zh="计划结束日期。", en="Planned last day.")] = None,
    size: Annotated[int | None, opt("--size", min=0, zh="公布的人数。", en="Published size.")] = None,
    host_unit: Annotated[
        list[str] | None, opt("--host-unit", zh="接收单位（可重复）。", en="Host unit (repeatable).")
    ] = None,
    batch: Annotated[int | None, opt("--batch", min=1, zh="第几批。", en="Batch number.")] = None,
    organiser: Annotated[str | None, opt("--organiser", zh="组织单位。", en="Organiser.")] = None,
    programme: Annotated[
        str | None, opt("--programme", metavar="ID", zh="所属项目集（可省略）。", en="Programme (optional).")
    ] = None,
) -> None:
    from jiebang.writes import postings

    cid = ask(cohort_id, "--id", "批次编号（如 longgang-2017-1）", "cohort id (e.g. longgang-2017-1)")
    title = ask(name, "--name", "名称", "name")
    sort = query.match_label(i18n.COHORT_KIND_LABELS, ask(kind, "--kind", "类型", "kind"), "usage.bad-cohort-kind")
    first = _day(ask(start, "--from", "开始日期 YYYY-MM-DD", "first day YYYY-MM-DD"), imprecise=True)
    last = _day(end, imprecise=True) if end else None
    run(
        lambda reg: postings.add_cohort(
            reg,
            cohort_id=cid,
            name=title,
            kind=sort,
            start=first,
            end=last,
            size=size,
            host_units=host_unit,
            programme=programme,
            batch=batch,
            organiser=organiser,
        ),
    )


@add_app.command(
    "unit",
    cls=Command,
    help=tr(
        "登记单位（镇街、区直部门、村社区、企业、学校、党组织）。例：jiebang add unit --name 华口社区 "
        "--kind 村社区 --parent 容桂街道",
        "Add a unit (town, department, community, enterprise, school, party organisation).",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_unit(
    name: Annotated[str | None, opt("--name", zh="单位全称。", en="Full name.")] = None,
    kind: Annotated[
        str | None,
        opt(
            "--kind",
            metavar="KIND",
            zh=f"类型：{allowed_values(i18n.UNIT_KIND_LABELS)}。",
            en=f"Kind: {allowed_values(i18n.UNIT_KIND_LABELS)}.",
        ),
    ] = None,
    parent: Annotated[
        str | None, opt("--parent", zh="上级单位（编号或名称）。", en="Parent unit (id or name).")
    ] = None,
    alias: Annotated[list[str] | None, opt("--alias", zh="别名（可重复）。", en="Alias (repeatable).")] = None,
) -> None:
    from jiebang.writes import edits

    n = ask(name, "--name", "单位全称", "unit name")
    k = query.match_label(i18n.UNIT_KIND_LABELS, ask(kind, "--kind", "类型", "kind"), "usage.bad-unit-kind")
    run(lambda reg: edits.add_unit(reg, name=n, kind=k, parent=parent, aliases=alias))


@add_app.command(
    "milestone",
    cls=Command,
    help=tr(
        "给项目新增里程碑。例：jiebang add milestone 24 --title 完成选址 --due 2022-06-30",
        "Add a milestone to a project.",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_milestone(
    project: ProjectArg,
    title: Annotated[str | None, opt("--title", zh="节点名称。", en="Milestone title.")] = None,
    due: Annotated[str | None, day_opt("--due", zh="期限。", en="Due date.")] = None,
    weight: Annotated[float | None, opt("--weight", min=0, zh="权重（默认 1）。", en="Weight (default 1).")] = None,
    milestone_id: Annotated[str | None, opt("--id", zh="编号（默认下一个 M#）。", en="Id (default: next M#).")] = None,
) -> None:
    from jiebang.writes import edits

    t = ask(title, "--title", "节点名称", "milestone title")
    d = _day(ask(due, "--due", "期限 YYYY-MM-DD", "due date YYYY-MM-DD"))
    run(
        lambda reg: edits.add_milestone(reg, project, title=t, due_on=d, weight=weight, milestone_id=milestone_id),
        project=project,
    )


@add_app.command(
    "indicator",
    cls=Command,
    help=tr(
        "给项目、项目集或批次新增考核指标。例：jiebang add indicator 24 --name 新增车位 --unit 个 --baseline 0 "
        "--target 300；jiebang add indicator longgang-grid-1 --name 采集核查人口信息 --unit 条 --aggregation 人均",
        "Add an indicator to a project, programme or cohort (by programme or cohort id).",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_indicator(
    project: Annotated[
        str,
        arg(
            "TARGET",
            zh="项目（编号或名称）、项目集编号或批次编号。",
            en="Project (number or title), programme id or cohort id.",
        ),
    ],
    name: Annotated[str | None, opt("--name", zh="指标名称。", en="Indicator name.")] = None,
    unit: Annotated[str | None, opt("--unit", zh="单位（个、户、%）。", en="Unit (个, 户, %).")] = None,
    baseline: Annotated[float | None, opt("--baseline", zh="基线。", en="Baseline.")] = None,
    target: Annotated[float | None, opt("--target", zh="目标值。", en="Target.")] = None,
    indicator_id: Annotated[str | None, opt("--id", zh="编号（默认下一个 I#）。", en="Id (default: next I#).")] = None,
    aggregation: Annotated[
        str | None,
        opt(
            "--aggregation",
            metavar="latest|sum|average|rate|per_person",
            zh="多个实际值的汇总方式：最新值（默认）、累计、平均、比率、人均。",
            en="How actuals combine: latest (the default), sum, average, rate, per_person.",
        ),
    ] = None,
    note: Annotated[str | None, opt("--note", zh="说明（统计口径等）。", en="Note (what it counts).")] = None,
) -> None:
    from jiebang.writes import edits

    n = ask(name, "--name", "指标名称", "indicator name")
    u = ask(unit, "--unit", "单位", "unit")
    how = query.match_label(i18n.AGGREGATION_LABELS, aggregation, "usage.bad-aggregation") if aggregation else None
    run(
        lambda reg: edits.add_indicator(
            reg,
            project,
            name=n,
            unit=u,
            baseline=baseline,
            target=target,
            indicator_id=indicator_id,
            aggregation=how,
            note=note,
        ),
        project=project,
    )


@add_app.command(
    "team",
    cls=Command,
    help=tr(
        "给项目新增团队（赛马制可有多个）。例：jiebang add team 24 --leader 梁楚翔 --mentor 李耀新 "
        "--member 吴刚 --unit 城管局",
        "Add a team to a project (a horse race has several).",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_team(
    project: ProjectArg,
    leader: LeaderOpt = None,
    mentor: MentorsOpt = None,
    member: MembersOpt = None,
    unit: UnitsOpt = None,
    name: Annotated[str | None, opt("--name", zh="团队名称。", en="Team name.")] = None,
    method: Annotated[
        str, opt("--method", zh="产生方式（默认组织点将）。", en="How it was formed (default: assigned).")
    ] = "organisation_assigned",
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    head = ask(leader, "--leader", "团队负责人", "team leader")
    how = query.match_label(i18n.METHOD_LABELS, method, "usage.bad-method")
    run(
        lambda reg: edits.add_team(
            reg,
            project,
            leader=head,
            on=_recorded(on),
            mentors=mentor,
            members=member,
            units=unit,
            name=name,
            method=how,
        ),
        project=project,
    )


@add_app.command(
    "programme-team",
    cls=Command,
    help=tr(
        "给项目集新增一个团队（如狮团），与项目分开登记，再用 jiebang attach 挂到项目上。"
        "例：jiebang add programme-team --name 第一狮团 --leader 徐淼 --programme huangyan-shituan",
        "Add a team to the programme (e.g. a 狮团), kept apart from projects; attach it to projects with "
        "jiebang attach.",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_programme_team(
    name: Annotated[str | None, opt("--name", zh="团队名称。", en="Team name.")] = None,
    leader: Annotated[
        str | None, person_opt("--leader", zh="团队负责人（可省略）。", en="Team leader (optional).")
    ] = None,
    work: Annotated[
        str | None, opt("--work", zh="未登记为项目的其他重点工作。", en="Other key work that is no project.")
    ] = None,
    programme: ProgrammeOpt = None,
) -> None:
    from jiebang.writes import teams

    title = ask(name, "--name", "团队名称", "team name")
    run(lambda reg: teams.add_programme_team(reg, programme, name=title, leader=leader, work=work))


@add_app.command(
    "meeting",
    cls=Command,
    help=tr(
        "登记一次会议活动（调度讲评、启动仪式、比武打擂、结业、述职会）；其结果是写明此会议的考核。"
        "例：jiebang add meeting --kind 比武打擂 --title 二季度比武 --on 2022-06-30 --project 24 --project 25",
        "Record a meeting or event (review, launch, contest, graduation, debrief); its results are the "
        "assessments that name it.",
    ),
)
@with_options(*WRITE_OPTIONS)
def add_meeting(
    title: Annotated[str | None, opt("--title", zh="名称。", en="Title.")] = None,
    kind: Annotated[
        str,
        opt(
            "--kind",
            metavar="KIND",
            zh=f"类型：{allowed_values(i18n.MEETING_KIND_LABELS)}。",
            en=f"Kind: {allowed_values(i18n.MEETING_KIND_LABELS)}.",
        ),
    ] = "review",
    meeting_id: Annotated[str | None, opt("--id", zh="编号（默认 日期-类型）。", en="Id (default: date-kind).")] = None,
    programme: ProgrammeOpt = None,
    cohort: Annotated[str | None, opt("--cohort", zh="批次编号。", en="Cohort id.")] = None,
    chair: Annotated[str | None, opt("--chair", zh="主持人或主持机构。", en="Who chaired it.")] = None,
    organiser: Annotated[str | None, opt("--organiser", zh="组织单位。", en="Organiser.")] = None,
    project: Annotated[
        list[str] | None, opt("--project", zh="涉及的项目（可重复）。", en="Project covered (repeatable).")
    ] = None,
    team: Annotated[
        list[str] | None,
        opt("--team", zh="涉及的团队，如 24/T1（可重复）。", en="Team covered, e.g. 24/T1 (repeatable)."),
    ] = None,
    person: Annotated[
        list[str] | None, person_opt("--person", zh="涉及的人员（可重复）。", en="Person covered (repeatable).")
    ] = None,
    notes: Annotated[str | None, opt("--notes", zh="备注。", en="Notes.")] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import assess

    t = ask(title, "--title", "名称", "title")
    sort = query.match_label(i18n.MEETING_KIND_LABELS, kind, "usage.bad-meeting-kind")
    run(
        lambda reg: assess.add_meeting(
            reg,
            kind=sort,
            title=t,
            on=_day(on, imprecise=True),  # a meeting may be planned ahead
            meeting_id=meeting_id,
            programme=programme,
            cohort=cohort,
            chair=chair,
            organiser=organiser,
            projects=project,
            teams=team,
            people=person,
            notes=notes,
        ),
    )


# ------------------------------------------------------------------------------ people on a project


def _role(leader: str | None, mentor: str | None, member: str | None, lead_official: str | None) -> tuple[str, str]:
    given = [
        (r, v)
        for r, v in (("leader", leader), ("mentor", mentor), ("member", member), ("lead-official", lead_official))
        if v
    ]
    if len(given) != 1:
        raise UsageError("edit.role-required")
    return given[0]


@with_options(*WRITE_OPTIONS)
def assign_command(
    project: ProjectArg,
    leader: LeaderOpt = None,
    mentor: MentorOpt = None,
    member: MemberOpt = None,
    lead_official: LeadOfficialOpt = None,
    unit: Annotated[str | None, opt("--unit", zh="成员所在单位。", en="The member's unit.")] = None,
    team: TeamOpt = None,
    replace: Annotated[
        bool, opt("--replace", zh="替换现任团队负责人。", en="Replace the current team leader.")
    ] = False,
    on: Annotated[
        str | None,
        day_opt("--on", zh="加入日期（写了才记录）。", en="Date the person joined (recorded when given)."),
    ] = None,
) -> None:
    from jiebang.writes import edits

    role, who = _role(leader, mentor, member, lead_official)
    run(
        lambda reg: edits.assign(
            reg, project, role, who, unit=unit, team=team, replace=replace, on=_recorded(on) if on else None
        ),
        project=project,
    )


@with_options(*WRITE_OPTIONS)
def unassign_command(
    project: ProjectArg,
    leader: LeaderOpt = None,
    mentor: MentorOpt = None,
    member: MemberOpt = None,
    lead_official: LeadOfficialOpt = None,
    team: TeamOpt = None,
    on: Annotated[
        str | None,
        day_opt(
            "--on",
            zh="离开日期：写了 --on 或 --reason，记录保留并标明已离开；都不写则删除这条（录错时用）。",
            en="Date the person left: with --on or --reason the entry stays, marked as left; "
            "with neither it is deleted (for a mistake).",
        ),
    ] = None,
    reason: Annotated[str | None, opt("--reason", zh="离开原因。", en="Why the person left.")] = None,
) -> None:
    from jiebang.writes import edits

    role, who = _role(leader, mentor, member, lead_official)
    left_on = _recorded(on) if on or reason else None
    run(
        lambda reg: edits.unassign(reg, project, role, who, team=team, left_on=left_on, reason=reason),
        project=project,
    )


# ------------------------------------------------------------------------------ lifecycle


@with_options(*WRITE_OPTIONS)
def claim_command(
    project: ProjectArg,
    by: Annotated[str | None, person_opt("--by", zh="揭榜人。", en="Who takes it on.")] = None,
    method: Annotated[
        str,
        opt(
            "--method",
            zh="个人报名 / 单位推荐 / 组织点将 / 揭榜申请（或英文键）。",
            en="self / unit_recommended / organisation_assigned / open_call.",
        ),
    ] = "self",
    plan: Annotated[str | None, opt("--plan", zh="揭榜方案摘要。", en="Plan summary.")] = None,
    withdraw: Annotated[
        str | None,
        opt("--withdraw", metavar="APPLICATION", zh="撤回一份申请，如 A2。", en="Withdraw an application, e.g. A2."),
    ] = None,
    reason: Annotated[str | None, opt("--reason", zh="撤回原因。", en="Why it is withdrawn.")] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    if withdraw:
        if by:
            raise UsageError("edit.withdraw-or-by")
        run(
            lambda reg: edits.withdraw(reg, project, withdraw, on=_recorded(on), reason=reason),
            project=project,
        )
        return
    who = ask(by, "--by", "揭榜人", "applicant")
    how = query.match_label(i18n.METHOD_LABELS, method, "usage.bad-method")
    run(
        lambda reg: edits.claim(reg, project, who, method=how, on=_recorded(on), plan=plan),
        project=project,
    )


@with_options(*WRITE_OPTIONS)
def select_command(
    project: ProjectArg,
    application: Annotated[str, arg("APPLICATION", zh="申请编号，如 A1。", en="Application id, e.g. A1.")],
    reason: Annotated[str | None, opt("--reason", zh="说明。", en="Reason.")] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    run(
        lambda reg: edits.select(reg, project, application, on=_recorded(on), reason=reason),
        project=project,
    )


@with_options(*WRITE_OPTIONS)
def move_command(
    project: ProjectArg,
    status: Annotated[
        str, arg("STATUS", zh="新状态（英文键或中文，见上表）。", en="New status (key or Chinese label, see above).")
    ],
    reason: Annotated[
        str | None,
        opt(
            "--reason",
            zh="原因（暂停、终止、延期、重启时必填）。",
            en="Reason (required to pause, terminate, extend, reopen).",
        ),
    ] = None,
    role: Annotated[
        str,
        opt(
            "--as-role",
            metavar="office|mentor|leader|member",
            zh="以谁的身份变更：专班、导师、负责人或成员。",
            en="Whose act it is: office, mentor, leader or member.",
        ),
    ] = "office",
    due: Annotated[
        str | None,
        day_opt(
            "--due",
            zh="延期后的完成期限（只用于 extended；原期限保留在 revisions）。",
            en="The new due date of an extension (extended only; the original is kept in revisions).",
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    target = query.match_label(i18n.STATUS_LABELS, status, "usage.bad-status")
    by_role = query.match_label(i18n.ROLE_LABELS, role, "usage.bad-role")
    new_due = _day(due) if due else None
    run(
        lambda reg: edits.move(reg, project, target, on=_recorded(on), reason=reason, role=by_role, due=new_due),
        project=project,
    )
    if target == "extended" and not due:  # allowed: the new date is often fixed later
        output.notice("notice.extended-no-due", project=project)


@with_options(*WRITE_OPTIONS)
def milestone_command(
    project: ProjectArg,
    milestone_id: Annotated[str, arg("MILESTONE", zh="里程碑编号，如 M2。", en="Milestone id, e.g. M2.")],
    done: Annotated[bool, opt("--done", zh="标记完成（完成日期取 --on）。", en="Mark done (on --on).")] = False,
    percent: Annotated[
        float | None,
        opt(
            "--percent",
            min=0,
            max=100,
            zh="进行中，完成百分比（记为 --on 当天的读数）。",
            en="In progress, percent done (a reading dated --on).",
        ),
    ] = None,
    due: Annotated[str | None, day_opt("--due", zh="新的期限。", en="New due date.")] = None,
    reason: Annotated[
        str | None,
        opt(
            "--reason",
            zh="原因（基线后调整期限、取消时必填）。",
            en="Why (required to move a baselined date, and to cancel).",
        ),
    ] = None,
    title: Annotated[str | None, opt("--title", zh="新的节点名称。", en="New milestone title.")] = None,
    cancel: Annotated[
        bool,
        opt(
            "--cancel",
            zh="取消（保留记录，不计入进度），须写 --reason。",
            en="Cancel (kept, not counted; needs --reason).",
        ),
    ] = False,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import amend, edits

    if title or cancel:
        if done or percent is not None or due:
            raise UsageError("edit.milestone-one-kind")
        day = _recorded(on)
        run(
            lambda reg: amend.milestone_fields(
                reg, project, milestone_id, on=day, title=title, cancel=cancel, reason=reason
            ),
            project=project,
        )
        return
    new_due = _day(due) if due else None
    run(
        lambda reg: edits.milestone(
            reg, project, milestone_id, on=_recorded(on), done=done, percent=percent, due=new_due, reason=reason
        ),
        project=project,
    )


@with_options(*WRITE_OPTIONS)
def measure_command(
    target: Annotated[
        str,
        arg(
            "TARGET",
            zh="项目（编号或名称）、项目集编号或批次编号。",
            en="Project (number or title), programme id or cohort id.",
        ),
    ],
    indicator: Annotated[str, arg("INDICATOR", zh="指标编号或名称。", en="Indicator id or name.")],
    value: Annotated[float, arg("VALUE", zh="实际值。", en="Actual value.")],
    note: Annotated[str | None, opt("--note", zh="说明。", en="Note.")] = None,
    on: Annotated[
        str | None,
        opt(
            "--on",
            metavar="YYYY-MM[-DD]",
            zh="数值对应的日期（默认今天；给了 --period 时默认不写），可只到月（2018-01）或年。",
            en="Date the figure is for (default: today, or none with --period); a month (2018-01) or a year will do.",
        ),
    ] = None,
    period: Annotated[
        str | None,
        opt("--period", metavar="YYYY|YYYYQn|YYYY-MM", zh="数值所属周期，如 2018Q1。", en="Period, e.g. 2018Q1."),
    ] = None,
    qualifier: Annotated[
        str | None,
        opt(
            "--qualifier",
            metavar="more_than|at_least|about|nearly|less_than",
            zh="来源对数值的限定：余（300余）、至少、约、近（近百）、不到（不到10）。",
            en="How the source qualifies the figure: more_than (300余), at_least, about, nearly (近百), less_than.",
        ),
    ] = None,
    person: Annotated[str | None, person_opt("--person", zh="按人分列：人员。", en="By person: who.")] = None,
    unit: Annotated[str | None, opt("--unit", zh="按单位分列：单位。", en="Broken down by unit: which.")] = None,
    count: Annotated[
        int | None,
        opt(
            "--count",
            min=1,
            zh="数值涵盖的人数或件数（人均、比率按它加权）。",
            en="People or cases it covers (weights a mean).",
        ),
    ] = None,
) -> None:
    from jiebang.writes import edits

    reading = edits.Reading(
        value,
        on=_recorded(on) if on or not period else None,
        period=period,
        qualifier=query.match_label(i18n.QUALIFIER_LABELS, qualifier, "usage.bad-qualifier") if qualifier else None,
        note=note,
        person=person,
        unit=unit,
        count=count,
    )
    run(lambda reg: edits.measure(reg, target, indicator, reading), project=target)


@with_options(*WRITE_OPTIONS)
def update_command(
    project: ProjectArg,
    author: Annotated[str | None, person_opt("--author", zh="报告人。", en="Who reports.")] = None,
    summary: Annotated[str | None, opt("--summary", "-m", zh="进展摘要。", en="Summary of progress.")] = None,
    progress: Annotated[
        float | None, opt("--progress", min=0, max=100, zh="自报完成百分比。", en="Self-reported percent done.")
    ] = None,
    need: Annotated[
        list[str] | None, opt("--need", zh="需协调事项（可重复）。", en="Item needing coordination (repeatable).")
    ] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    who = ask(author, "--author", "报告人", "author")
    text = ask(summary, "--summary", "进展摘要", "summary")
    run(
        lambda reg: edits.update(
            reg, project, author=who, summary=text, on=_recorded(on), progress_pct=progress, needs=need
        ),
        project=project,
    )


@with_options(*WRITE_OPTIONS)
def review_command(
    project: ProjectArg,
    reviewer: Annotated[
        str | None, person_opt("--reviewer", zh="讲评人（导师或专班）。", en="Reviewer (mentor or office).")
    ] = None,
    rating: Annotated[
        str | None, opt("--rating", metavar="red|amber|green", zh="评级：红/黄/绿。", en="Rating.")
    ] = None,
    kind: Annotated[
        str | None, opt("--kind", metavar="monthly|quarterly|midterm|ad_hoc", zh="讲评类型。", en="Kind of review.")
    ] = None,
    comments: Annotated[str | None, opt("--comments", "-m", zh="讲评意见。", en="Comments.")] = None,
    action: Annotated[
        list[str] | None, opt("--action", zh="整改要求（可重复）。", en="Action required (repeatable).")
    ] = None,
    action_owner: Annotated[
        list[str] | None,
        person_opt(
            "--action-owner",
            zh="整改责任人，按顺序对应 --action；只写一个则用于全部。",
            en="Action owner, paired with --action in order; one applies to all.",
        ),
    ] = None,
    action_due: Annotated[
        list[str] | None,
        day_opt(
            "--action-due",
            zh="整改期限，按顺序对应 --action；只写一个则用于全部。",
            en="Action due date, paired with --action in order; one applies to all.",
        ),
    ] = None,
    meeting: Annotated[
        str | None,
        opt(
            "--meeting", metavar="ID", zh="讲评所在的会议（调度讲评会）编号。", en="Id of the meeting it was given at."
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    who = ask(reviewer, "--reviewer", "讲评人", "reviewer")
    colour = query.match_label(i18n.RAG_COLOURS, rating, "usage.bad-rag") if rating else None
    sort = query.match_label(i18n.REVIEW_KIND_LABELS, kind, "usage.bad-kind") if kind else None
    dues = [_day(d) for d in action_due or ()]
    run(
        lambda reg: edits.review(
            reg,
            project,
            reviewer=who,
            on=_recorded(on),
            rating=colour,
            kind=sort,
            comments=comments,
            actions=action,
            action_owners=action_owner,
            action_dues=dues,
            meeting=meeting,
        ),
        project=project,
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
            "揭榜：记录一份申请，或撤回一份。例：jiebang claim 24 --by 梁楚翔 --method 个人报名；"
            "jiebang claim 24 --withdraw A2 --reason 个人原因",
            "Record an application (揭榜), or withdraw one. Example: jiebang claim 24 --by P0007 --method self; "
            "jiebang claim 24 --withdraw A2 --reason …",
        ),
    ),
    "select": (
        select_command,
        tr(
            "挂帅：选定申请，组建团队；其余待定的申请记为未入选。例：jiebang select 24 A1",
            "Select an application: it becomes a team; the other waiting ones are marked not selected.",
        ),
    ),
    "move": (
        move_command,
        tr(
            "按状态流转表变更状态。例：jiebang move 24 active；jiebang move 24 paused --reason …",
            "Move a project to a new status, following the lifecycle table. "
            "Example: jiebang move 24 active; jiebang move 24 paused --reason …",
        )
        + "\n\n"
        + lifecycle_help(),
    ),
    "milestone": (
        milestone_command,
        tr(
            "更新里程碑：完成、进度、期限、改名或取消。例：jiebang milestone 24 M1 --done；"
            "jiebang milestone 24 M2 --cancel --reason …",
            "Update a milestone: done, percent, due date, rename or cancel.",
        ),
    ),
    "measure": (
        measure_command,
        tr(
            "记录项目、项目集或批次指标的实际值，可带周期、限定（余/至少/约/近）和按人员或单位分列。"
            "例：jiebang measure 24 I1 120 --on 2022-06-30；jiebang measure longgang-grid I1 94.18 --period 2018Q1",
            "Record an actual for an indicator of a project, programme or cohort, with its period, qualifier "
            "(more_than/at_least/about/nearly/less_than) and breakdown by person or unit.",
        ),
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
