"""`jiebang action`: close a review's action (整改事项) by its id, as `report` shows it."""

from __future__ import annotations

from typing import Annotated

from jiebang.cli.options import WRITE_OPTIONS, arg, opt, tr, with_options
from jiebang.cli.write import OnOpt, ProjectArg, _recorded, run
from jiebang.errors import UsageError


@with_options(*WRITE_OPTIONS)
def action_command(
    project: ProjectArg,
    action_id: Annotated[str, arg("ACTION", zh="整改事项编号，如 R2.1。", en="Action id, e.g. R2.1.")],
    done: Annotated[bool, opt("--done", zh="标记完成（日期取 --on）。", en="Mark done (on --on).")] = False,
    note: Annotated[str | None, opt("--note", zh="完成情况说明。", en="How it was done.")] = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import edits

    if not done:
        raise UsageError("edit.action-what")
    run(
        lambda reg: edits.close_action(reg, project, action_id, on=_recorded(on), note=note),
        project=project,
    )


COMMANDS = {
    "action": (
        action_command,
        tr(
            "完成一项讲评提出的整改事项（编号见 jiebang report；各项目的事项清单用 jiebang actions）。"
            "例：jiebang action 24 R2.1 --done --on 2026-12-08",
            "Close an action raised by a review (ids are in jiebang report; the list across projects is "
            "jiebang actions). Example: jiebang action 24 R2.1 --done --on 2026-12-08",
        ),
    ),
}
