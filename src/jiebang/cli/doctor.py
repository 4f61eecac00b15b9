"""`jiebang doctor`: what interrupted writes left behind, and (with --fix) dealing with it."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from jiebang import api
from jiebang.cli import output
from jiebang.cli.options import LangOpt, RegistryOpt, opt, tr
from jiebang.cli.write import recovered
from jiebang.errors import ExitCode

HELP = tr(
    "检查被中断的写入留下了什么：没做完的修改、残留的临时文件、被中断的 git 留下的锁文件。"
    "不加 --fix 只报告，不改任何东西；加 --fix 则像下一次写入那样处理：文件全是新内容就用原来的提交说明提交，"
    "否则撤回；之后又被手工改过的文件不碰，交给你决定。可能有 git 正在使用的锁文件从不删除。\n\n"
    "退出码：0 没有问题或已全部处理；1 有待处理的项（未加 --fix）；2 需要你来决定。\n\n"
    "另外报告登记册缓存（.jiebang-cache/）的大小；--clear-cache 清除它。\n\n"
    "例：jiebang doctor；jiebang doctor --fix",
    "Check what interrupted writes left behind: an unfinished change, leftover temporary files, lock files of an "
    "interrupted git. Without --fix it only reports; with --fix it does what the next write would: a change whose "
    "files all hold the new content is committed with its own message, otherwise taken back; files edited by hand "
    "since are left for you to decide. A lock file a running git may hold is never removed.\n\n"
    "Exit codes: 0 nothing to do, or all dealt with; 1 something to deal with (without --fix); 2 you decide.\n\n"
    "It also says how large the register's cache (.jiebang-cache/) is; --clear-cache removes it.\n\n"
    "Example: jiebang doctor; jiebang doctor --fix",
)


def doctor_command(
    fix: Annotated[
        bool, opt("--fix", zh="处理发现的问题（默认只报告）。", en="Deal with what is found (default: report only).")
    ] = False,
    forget: Annotated[
        bool,
        opt(
            "--forget",
            zh="放下被中断修改的记录，文件保持现状（看过文件之后用）。",
            en="Drop the interrupted change's record and leave the files as they are (after looking at them).",
        ),
    ] = False,
    clear_cache: Annotated[
        bool,
        opt(
            "--clear-cache",
            zh="清除登记册的缓存（.jiebang-cache/，只为加快读取，清除后自动重建）。",
            en="Clear the register's cache (.jiebang-cache/: it only saves time, and is rebuilt as needed).",
        ),
    ] = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    env = os.environ.get("JIEBANG_REGISTRY")
    folder, entries, size = api.cache_state(option=registry, env=env, clear=clear_cache)
    if clear_cache:
        output.notice("doctor.cache-cleared", entries=entries, path=str(folder))
    elif entries:
        shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
        output.notice("doctor.cache", entries=entries, size=shown, path=str(folder))
    checkup = api.doctor(option=registry, env=env, fix=fix, forget=forget)
    if forget:
        output.notice("doctor.forgot")
    if checkup.clean:
        output.out().print(output.t("doctor.clean"), markup=False)
        return
    lines = []
    if (journal := checkup.journal) is not None:
        lines.append(output.t("doctor.interrupted", subject=journal.subject, pid=journal.pid, host=journal.host))
        lines += [output.t(f"doctor.file-{state}", path=path) for path, state in checkup.states]
        lines.append(output.t(f"doctor.plan-{checkup.plan}"))
    lines += [output.t("doctor.temp-file", path=str(path)) for path in checkup.temp_files]
    lines += [output.t("doctor.stale-lock", path=str(path)) for path in checkup.stale_locks]
    lines += [output.t("doctor.held-lock", path=str(path)) for path in checkup.held_locks]
    for line in lines:
        output.out().print(line, markup=False)
    if not checkup.done:
        if checkup.journal or checkup.temp_files or checkup.stale_locks:  # what --fix would deal with
            output.notice("doctor.run-fix")
        raise typer.Exit(ExitCode.INVALID)
    recovered(checkup)
    if checkup.plan == "ask" or checkup.held_locks:
        raise typer.Exit(ExitCode.USAGE)
    output.notice("doctor.fixed")


COMMANDS = {
    "doctor": (doctor_command, HELP),
}
