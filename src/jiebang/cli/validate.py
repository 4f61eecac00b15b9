"""`jiebang validate`: check a register; the CI and pre-commit entry point."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from jiebang import api
from jiebang.cli import output
from jiebang.cli.options import (
    READ_OPTIONS,
    ProblemFormat,
    arg,
    invocation,
    opt,
    tr,
    with_options,
)
from jiebang.errors import ExitCode
from jiebang.files import parallel
from jiebang.present import render

HELP = tr(
    "校验登记册：逐个文件按 JSON Schema 检查，再做跨文件检查（人员、类别、编号、数量、状态流转、个人信息）。"
    "一次列出全部问题，每个都带文件:行:列、代码和提示。受限记录（人员考核、容错免责、问责）出现在共享登记册即报错；"
    "加 --restricted 路径 另查受限库。\n\n"
    "例：jiebang validate；jiebang validate registry/ --format github",
    "Check a register: every file against its JSON Schema, then across files (people, categories, numbers, "
    "declared counts, status history, personal data). Lists every problem at once with file:line:col, a code "
    "and a hint. Restricted records (assessments of people, exemptions, accountability) in the shared register are "
    "errors; --restricted PATH also checks the restricted store.\n\n"
    "Example: jiebang validate; jiebang validate registry/ --format github",
)


@with_options(*READ_OPTIONS)
def validate_command(
    paths: Annotated[
        list[Path] | None,
        arg(
            "PATHS",
            zh="要校验的登记册（或其中的文件/目录）；默认为当前登记册。",
            en="Registers (or files/folders inside them) to check; default: the current register.",
        ),
    ] = None,
    fmt: Annotated[
        ProblemFormat,
        opt(
            "--format",
            "-f",
            zh="输出格式：text、json，或 github（GitHub Actions 注释）。",
            en="Output: text, json, or github (GitHub Actions annotations).",
        ),
    ] = ProblemFormat.text,
    since: Annotated[
        str | None,
        opt(
            "--since",
            metavar="DATE|REV",
            zh="另外逐个检查此后的提交：非法状态变更、基线期限被改而无原因、状态记录被改写、编号重用。",
            en="Also check every commit since then: illegal status moves, baselined dates moved without a reason, "
            "rewritten status records, reused numbers.",
        ),
    ] = None,
    authorize: Annotated[
        bool,
        opt(
            "--authorize",
            zh="另外逐个检查 --since 之后的提交：作者（按 roles.yaml）的角色能否做这些改动"
            "（负责人不能改已定基线的期限，只有专班能验收、考核、调整团队）。",
            en="Also check every commit since --since against what its author's role (from roles.yaml) may change "
            "(a leader may not move a baselined date; only the office accepts, assesses and edits teams).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        opt(
            "--jobs",
            "-j",
            envvar="JIEBANG_JOBS",
            min=1,
            zh="同时用几个进程读取和逐个检查文件（文件多且无缓存时才分开做）；默认为本机 CPU 核数，1 为不分。",
            en="Processes to read and check files with (used only when many files are not in the cache); "
            "default: this machine's cores, 1 for one process.",
        ),
    ] = None,
) -> None:
    with parallel.jobs(jobs or os.cpu_count() or 1):
        result = api.validate(
            paths or (),
            option=invocation.registry,
            env=os.environ.get("JIEBANG_REGISTRY"),
            since=since,
            today=date.today(),
            restricted=invocation.restricted,
            authorize=authorize,
        )
    lang = output.state.lang
    counts = {"errors": result.errors, "warnings": result.warnings, "files": result.files}
    if fmt is ProblemFormat.json:
        output.write(render.problems_as_json(result.problems, lang, **counts, projects=result.projects))
    elif fmt is ProblemFormat.github:
        output.write(render.problems_as_github(result.problems, lang))
    else:
        output.problems(result.problems)
        for namespace, errors, warnings in result.members:  # a federation: whose they are
            if errors or warnings:
                style = "red" if errors else "yellow"
                line = output.t("validate.member", namespace=namespace, errors=errors, warnings=warnings)
                output.err().print(line, style=style, markup=False)
        if any(r.origin == "bundled" for r in result.registers):
            output.notice("notice.bundled")
        if result.errors:
            output.err().print(output.t("validate.summary", **counts), style="red", markup=False)
        else:  # one line: the files counted once, and the warnings printed above named
            ok = "validate.ok-warnings" if result.warnings else "validate.ok"
            output.out().print(output.t(ok, **counts, projects=result.projects), markup=False)
    if result.errors:
        raise typer.Exit(ExitCode.INVALID)


COMMANDS = {
    "validate": (validate_command, HELP),
}
