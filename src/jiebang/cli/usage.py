"""Parser errors (unknown option, missing argument, bad value) in the chosen language."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from typer.core import TyperCommand, TyperGroup

from jiebang.cli import output
from jiebang.cli.options import tr

_ZH = {
    "no_such_option": "没有选项 {name}",
    "missing": "缺少{kind} {name}",
    "bad_value": "{name} 的值无效：{detail}",
    "needs_value": "选项 {name} 需要一个值",
    "no_such_command": "没有命令 {name}",
    "extra_args": "多余的参数：{detail}",
    "generic": "用法错误：{detail}",
    "did_you_mean": "是不是 {names}？",
    "help": "运行 {command} --help 查看用法",
    "option": "选项",
    "argument": "参数",
}
_EN = {
    "no_such_option": "no such option: {name}",
    "missing": "missing {kind} {name}",
    "bad_value": "invalid value for {name}: {detail}",
    "needs_value": "option {name} needs a value",
    "no_such_command": "no such command: {name}",
    "extra_args": "unexpected extra arguments: {detail}",
    "generic": "usage error: {detail}",
    "did_you_mean": "did you mean {names}?",
    "help": "run {command} --help for usage",
    "option": "option",
    "argument": "argument",
}


def _describe(exc: Any) -> tuple[str, dict[str, str]]:  # noqa: PLR0911 — one return per kind of error
    name = type(exc).__name__
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if name == "NoSuchOption":
        return "no_such_option", {"name": exc.option_name}
    if name == "MissingParameter":
        param = exc.param
        kind = "option" if getattr(param, "param_type_name", "") == "option" else "argument"
        label = "/".join(getattr(param, "opts", []) or [getattr(param, "name", "")])
        return "missing", {"kind": kind, "name": label.upper() if kind == "argument" else label}
    if name == "BadParameter":
        hint = exc.param_hint or (exc.param.opts[0] if exc.param is not None else "")
        if isinstance(hint, list | tuple):
            hint = "/".join(hint)
        return "bad_value", {"name": str(hint).strip("'"), "detail": exc.message}
    if name == "BadOptionUsage" and (m := re.search(r"Option '([^']+)' requires", message)):
        return "needs_value", {"name": m.group(1)}
    if m := re.match(r"No such command '([^']+)'", message):
        return "no_such_command", {"name": m.group(1)}
    if m := re.match(r"Got unexpected extra arguments? \((.*)\)", message):
        return "extra_args", {"detail": m.group(1)}
    return "generic", {"detail": message}


def show_usage_error(exc: Any) -> None:
    table = _EN if output.state.lang == "en" else _ZH
    key, args = _describe(exc)
    if "kind" in args:
        args["kind"] = table[args["kind"]]
    console = output.err()
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()
        if output.state.lang != "en":
            usage = (
                usage.replace("Usage:", "用法：", 1)
                .replace("[OPTIONS]", "[选项]")
                .replace("COMMAND [ARGS]...", "命令 [参数]...")
            )
        console.print(Text(usage), style="bold")
    console.print(Text(output.t("severity.error") + ": ", style="bold red") + Text(table[key].format(**args)))
    possibilities = getattr(exc, "possibilities", None)
    if possibilities:
        console.print(Text("  " + table["did_you_mean"].format(names=", ".join(sorted(possibilities)))))
    if ctx is not None:
        console.print(Text("  " + table["help"].format(command=ctx.command_path)), style="dim")


class LocalisedHelp:
    """The built-in --help option's own line, in the chosen language."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = tr("显示此帮助并退出。", "Show this message and exit.")
        return option


class Command(LocalisedHelp, TyperCommand):
    pass


class SubGroup(LocalisedHelp, TyperGroup):
    pass
