"""`jiebang migrate`: one people file for the whole register (see `jiebang.writes.migrate`)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

from jiebang import api
from jiebang.cli import output, write
from jiebang.cli.options import WRITE_OPTIONS, invocation, opt, tr, with_options

if TYPE_CHECKING:
    from jiebang.model.records import Register
    from jiebang.writes import migrate
    from jiebang.writes.edits import Change

HELP = tr(
    "把旧布局（每个项目集一个 programmes/*/people.yaml）迁移为整个登记册一个 people.yaml："
    "不同项目集里同名的人合并为一个编号（逐条列出，请核对），编号冲突的重新编号，"
    "项目集和项目文件里的引用随之改写（注释保留），旧文件删除，全部作为一次提交。"
    "--dry-run 只显示方案。再运行一次会提示无需迁移。\n\n例：jiebang migrate --dry-run；jiebang migrate",
    "Move a register written the old way (one programmes/*/people.yaml per programme) to one people.yaml for the "
    "whole register: the same name in two programmes becomes one id (each merge is listed: please check), "
    "colliding ids are renumbered, references in programme and project files are rewritten (comments kept), the "
    "old files are removed, all in one commit. --dry-run shows the plan. A second run says there is nothing to "
    "do.\n\nExample: jiebang migrate --dry-run; jiebang migrate",
)


@with_options(*WRITE_OPTIONS)
def migrate_command(
    dry_run: Annotated[
        bool, opt("--dry-run", zh="只显示迁移方案，不写入。", en="Show the plan; write nothing.")
    ] = False,
) -> None:
    from jiebang.writes import migrate  # the round-trip editor: imported only by writes
    from jiebang.writes.edits import Change

    reg, _problems = api.open_register(invocation.registry, os.environ.get("JIEBANG_REGISTRY"))
    target = str(reg.root / "people.yaml")
    found = migrate.plan(reg)
    if found.change is None or dry_run:
        _show(found, target)
        if found.change is not None:
            output.notice("migrate.dry-run")
        return
    plans: list[migrate.Plan] = []

    def build(reg: Register) -> Change:
        """Planned again under the write lock, from the register as it is then."""
        plans.append(migrate.plan(reg))
        return plans[-1].change or Change({}, "migrate people", "people")

    write.run(build)
    _show(plans[-1], target)


def _show(plan: migrate.Plan, target: str) -> None:
    """Every merge and new id (the office checks these), then what was rewritten and removed."""
    if plan.change is None:
        output.out().print(output.t("migrate.nothing"), markup=False)
        return
    lines = [output.t("migrate.merged", **_args(m)) for m in plan.merges]
    lines += [output.t("migrate.renumbered", **_args(m)) for m in plan.renumbered]
    lines += [output.t("migrate.rewritten", record=k, count=n) for k, n in plan.rewritten.items()]
    lines += [output.t("migrate.removed", path=path, target=target) for path in plan.removed]
    for line in lines:
        output.out().print(line, markup=False)


def _args(move: migrate.Move) -> dict[str, str]:
    return {"programme": move.programme, "old": move.old, "new": move.new, "name": move.name}


COMMANDS = {
    "migrate": (migrate_command, HELP),
}
