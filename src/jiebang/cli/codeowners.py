"""`jiebang codeowners`: a CODEOWNERS file from the register and roles.yaml, for forges that enforce it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from jiebang import api
from jiebang.cli import output
from jiebang.cli.common import open_register
from jiebang.cli.options import READ_OPTIONS, opt, tr, with_options

HELP = tr(
    "按登记册和 roles.yaml 生成 CODEOWNERS 文件（GitHub、GitLab 通用）：专班拥有整个登记册，"
    "每个项目文件另归其负责人和导师的 git 身份，合并请求须经他们同意。\n\n"
    "例：jiebang codeowners --output .github/CODEOWNERS",
    "Generate a CODEOWNERS file (GitHub and GitLab syntax) from the register and roles.yaml: the office owns the "
    "whole register, and each project file is also owned by its leader's and mentors' git identities, whose approval "
    "a pull request then needs.\n\nExample: jiebang codeowners --output .github/CODEOWNERS",
)


@with_options(*READ_OPTIONS)
def codeowners_command(
    output_path: Annotated[
        Path | None,
        opt("--output", "-o", zh="写入此文件（默认输出到标准输出）。", en="Write to this file (default: stdout)."),
    ] = None,
) -> None:
    reg = open_register()
    text = api.codeowners(reg, output_path)
    for project, person in api.codeowners_gaps(reg):
        output.notice("codeowners.no-identity", project=project, person=person)
    if output_path is None:
        output.write(text)
    else:
        output.notice("codeowners.written", path=str(output_path))


COMMANDS = {
    "codeowners": (codeowners_command, HELP),
}
