"""`jiebang attach` and `detach`: a programme team (kept in programme.yaml, apart from projects)
takes on a project as lead or support, or leaves it. `add programme-team` creates one."""

from __future__ import annotations

from typing import Annotated

from jiebang import i18n
from jiebang.cli.options import WRITE_OPTIONS, allowed_values, arg, opt, tr, with_options
from jiebang.cli.write import ProgrammeOpt, ProjectArg, run
from jiebang.queries import query

TeamArg = Annotated[str, arg("TEAM", zh="项目集团队编号，如 T1。", en="Programme team id, e.g. T1.")]


@with_options(*WRITE_OPTIONS)
def attach_command(
    team: TeamArg,
    project: ProjectArg,
    role: Annotated[
        str,
        opt(
            "--role",
            metavar="ROLE",
            zh=f"角色：{allowed_values(i18n.TEAM_ROLE_LABELS)}（默认牵头）。",
            en=f"Role: {allowed_values(i18n.TEAM_ROLE_LABELS)} (default: lead).",
        ),
    ] = "lead",
    programme: ProgrammeOpt = None,
) -> None:
    from jiebang.writes import teams

    key = query.match_label(i18n.TEAM_ROLE_LABELS, role, "usage.bad-team-role")
    run(lambda reg: teams.attach(reg, programme, team, project, key))


@with_options(*WRITE_OPTIONS)
def detach_command(team: TeamArg, project: ProjectArg, programme: ProgrammeOpt = None) -> None:
    from jiebang.writes import teams

    run(lambda reg: teams.detach(reg, programme, team, project))


COMMANDS = {
    "attach": (
        attach_command,
        tr(
            "把项目集团队（jiebang add programme-team 建立）挂到一个项目上，角色为牵头或协同；已挂接的改为新角色。"
            "一个项目可有多个牵头团队（赛马）。例：jiebang attach T1 9 --role 协同",
            "Attach a programme team (made with jiebang add programme-team) to a project as lead or support; "
            "one already attached takes the new role. A project may have several lead teams (a horse race). "
            "Example: jiebang attach T1 9 --role support",
        ),
    ),
    "detach": (
        detach_command,
        tr(
            "把项目集团队从一个项目上撤下（团队本身保留）。例：jiebang detach T1 9",
            "Take a programme team off a project (the team stays). Example: jiebang detach T1 9",
        ),
    ),
}
