"""`jiebang set project|programme|person`: change what is already recorded, one commit each.

Each command only parses options and hands them to `jiebang.writes.amend`, through the same
`run` as the other write commands (validated before writing, one commit).
"""

from __future__ import annotations

from typing import Annotated

import typer

from jiebang import i18n
from jiebang.cli.options import WRITE_OPTIONS, arg, day_opt, opt, person_opt, tr, with_options
from jiebang.cli.usage import Command, SubGroup
from jiebang.cli.write import (
    OnOpt,
    PeopleProgrammeOpt,
    ProgrammeOpt,
    ProjectArg,
    SameNameOpt,
    TierOpt,
    _day,
    _recorded,
    run,
)
from jiebang.errors import UsageError
from jiebang.queries import query

set_app = typer.Typer(
    cls=SubGroup,
    help=tr(
        "修改已登记的项目、项目集或人员的字段。",
        "Change recorded fields of a project, the programme or a person.",
    ),
    no_args_is_help=True,
)


def _text(value: str | None) -> str | None:
    """A text option: surrounding blanks dropped; blank is not given."""
    return value.strip() or None if value is not None else None


@set_app.command(
    "project",
    cls=Command,
    help=tr(
        "修改项目字段，可一次改多项（一次提交）。完成期限、层级、类别已有值时须写 --reason，"
        "调整连同原值、日期和原因记入 revisions。例：jiebang set project 4 --due 2026-12-31 --reason 选址变更",
        "Change project fields, several in one commit. Changing a due date, tier or category that has a value "
        "needs --reason; the change is kept in revisions with the original, the date and the reason. "
        "Example: jiebang set project 4 --due 2026-12-31 --reason 'site changed'",
    ),
)
@with_options(*WRITE_OPTIONS)
def set_project(
    project: ProjectArg,
    title: Annotated[str | None, opt("--title", zh="标题。", en="Title.")] = None,
    scope: Annotated[str | None, opt("--scope", zh="范围。", en="Scope.")] = None,
    category: Annotated[str | None, opt("--category", "-c", zh="类别。", en="Category.")] = None,
    tier: TierOpt = None,
    due: Annotated[str | None, day_opt("--due", zh="完成期限。", en="Due date.")] = None,
    lead_unit: Annotated[str | None, opt("--lead-unit", zh="牵头单位。", en="Lead unit.")] = None,
    co_unit: Annotated[
        list[str] | None,
        opt(
            "--co-unit",
            metavar="UNIT",
            zh="配合单位（可重复；替换原列表）。",
            en="Supporting unit (repeatable; replaces the list).",
        ),
    ] = None,
    goal: Annotated[str | None, opt("--goal", zh="目标。", en="Goal.")] = None,
    start: Annotated[str | None, day_opt("--start", zh="开始日期。", en="Start date.")] = None,
    task_order_no: Annotated[str | None, opt("--task-order-no", zh="任务令文号。", en="Task order number.")] = None,
    task_order_on: Annotated[
        str | None, day_opt("--task-order-on", zh="任务令颁发日期。", en="Task order issued on.")
    ] = None,
    task_order_by: Annotated[
        str | None, opt("--task-order-by", zh="任务令颁发者。", en="Who issued the task order.")
    ] = None,
    alias: Annotated[
        list[str] | None,
        opt("--alias", metavar="ALIAS", zh="别名（可重复；替换原列表）。", en="Alias (repeatable; replaces the list)."),
    ] = None,
    notes: Annotated[str | None, opt("--notes", zh="备注。", en="Notes.")] = None,
    reason: Annotated[
        str | None,
        opt(
            "--reason",
            zh="原因（调整完成期限、层级、类别时必填）。",
            en="Reason (required to change a due date, tier or category).",
        ),
    ] = None,
    on: OnOpt = None,
    by: Annotated[
        str | None, person_opt("--by", zh="批准或经办人（可省略）。", en="Who approved it (optional).")
    ] = None,
) -> None:
    from jiebang.writes import amend

    wanted = {
        ("title",): _text(title),
        ("scope",): _text(scope),
        ("category",): _text(category),
        ("tier",): query.match_label(i18n.TIER_LABELS, tier, "usage.bad-tier") if tier else None,
        ("due_on",): _day(due) if due else None,
        ("lead_unit",): _text(lead_unit),
        ("co_units",): [u for u in map(_text, co_unit) if u] if co_unit else None,
        ("goal",): _text(goal),
        ("start_on",): _day(start) if start else None,
        ("task_order", "doc_no"): _text(task_order_no),
        ("task_order", "issued_on"): _day(task_order_on) if task_order_on else None,
        ("task_order", "issued_by"): _text(task_order_by),
        ("aliases",): [a for a in map(_text, alias) if a] if alias else None,
        ("notes",): _text(notes),
    }
    if all(value is None for value in wanted.values()):
        raise UsageError("edit.nothing-given", what="project")
    day = _recorded(on)
    run(
        lambda reg: amend.set_project(reg, project, wanted, on=day, reason=_text(reason), by=by),
    )


@set_app.command(
    "programme",
    cls=Command,
    help=tr(
        "修改项目集的基本字段（名称、发榜单位、日期等）。例：jiebang set programme --ends-on 2023-12-31",
        "Change the programme's plain fields (name, organiser, dates …). "
        "Example: jiebang set programme --ends-on 2023-12-31",
    ),
)
@with_options(*WRITE_OPTIONS)
def set_programme(
    programme: ProgrammeOpt = None,
    name: Annotated[str | None, opt("--name", zh="名称。", en="Name.")] = None,
    organiser: Annotated[str | None, opt("--organiser", zh="发榜单位。", en="Organiser (发榜单位).")] = None,
    launched_on: Annotated[str | None, day_opt("--launched-on", zh="发榜日期。", en="Launch date.")] = None,
    ends_on: Annotated[str | None, day_opt("--ends-on", zh="计划结束日期。", en="Planned end date.")] = None,
    region: Annotated[str | None, opt("--region", zh="地区。", en="Region.")] = None,
    level: Annotated[str | None, opt("--level", zh="层级（街道、区、市）。", en="Level (street, district …).")] = None,
    leading_body: Annotated[str | None, opt("--leading-body", zh="领导机构。", en="Leading body.")] = None,
    batch: Annotated[int | None, opt("--batch", min=1, zh="批次。", en="Batch number.")] = None,
    notes: Annotated[str | None, opt("--notes", zh="备注。", en="Notes.")] = None,
    parent: Annotated[
        str | None, opt("--parent", metavar="ID", zh="上级项目集（本项目集是其子项目集）。", en="Parent programme.")
    ] = None,
) -> None:
    from jiebang.writes import amend

    wanted = {
        ("parent",): _text(parent),
        ("name",): _text(name),
        ("organiser",): _text(organiser),
        ("launched_on",): _day(launched_on, imprecise=True) if launched_on else None,
        ("ends_on",): _day(ends_on) if ends_on else None,
        ("region",): _text(region),
        ("level",): _text(level),
        ("leading_body",): _text(leading_body),
        ("batch",): batch,
        ("notes",): _text(notes),
    }
    if all(value is None for value in wanted.values()):
        raise UsageError("edit.nothing-given", what="programme")
    run(
        lambda reg: amend.set_programme(reg, programme, wanted),
    )


@set_app.command(
    "person",
    cls=Command,
    help=tr(
        "修改人员姓名、单位、职务，或停用人员（保留记录，不再安排新任务）。改名后原名仍可查找。"
        "例：jiebang set person 测试丙 --retire --on 2023-06-30 --reason 调离",
        "Rename a person, change unit or post, or retire them (kept in the record, no new roles). "
        "The old name still finds them. Example: jiebang set person P0003 --retire --reason 'moved post'",
    ),
)
@with_options(*WRITE_OPTIONS)
def set_person(
    person: Annotated[str, arg("PERSON", zh="编号或姓名（含曾用名）。", en="Id or name (a former name too).")],
    name: Annotated[str | None, opt("--name", zh="新姓名。", en="New name.")] = None,
    unit: Annotated[str | None, opt("--unit", zh="单位。", en="Unit.")] = None,
    post: Annotated[str | None, opt("--post", zh="公开职务。", en="Public post.")] = None,
    retire: Annotated[
        bool, opt("--retire", zh="停用（调离、退休等），须写 --reason。", en="Retire (needs --reason).")
    ] = False,
    reason: Annotated[
        str | None, opt("--reason", zh="停用原因（停用时必填）。", en="Why (required to retire).")
    ] = None,
    on: OnOpt = None,
    programme: PeopleProgrammeOpt = None,
    same_name_ok: SameNameOpt = False,
) -> None:
    from jiebang.writes import amend

    if not retire and (reason or on):
        raise UsageError("edit.retire-needs-on")
    if not (retire or name or unit or post):
        raise UsageError("edit.nothing-given", what="person")
    day = _recorded(on, exact=True) if retire else None
    run(
        lambda reg: amend.set_person(
            reg,
            programme,
            person,
            name=_text(name),
            unit=_text(unit),
            post=_text(post),
            retire_on=day,
            reason=_text(reason),
            same_name_ok=same_name_ok,
        ),
    )
