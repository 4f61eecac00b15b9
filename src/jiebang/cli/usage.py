"""Parser errors (unknown option, missing argument, bad value) in the chosen language, and values
checked without pydantic wherever Typer's own check would not need it (start-up time)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from rich.text import Text
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice
from typer.core import TyperCommand, TyperGroup

from jiebang import textnorm
from jiebang.cli import complete, output
from jiebang.cli.options import tr
from jiebang.present import render

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


# Typer checks values with pydantic, whose messages are English; the common ones, in Chinese.
_DETAILS_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^Input should be greater than or equal to (\S+?)\.?$", "应不小于 {0}"),
        (r"^Input should be less than or equal to (\S+?)\.?$", "应不大于 {0}"),
        (r"^Input should be greater than (\S+?)\.?$", "应大于 {0}"),
        (r"^Input should be less than (\S+?)\.?$", "应小于 {0}"),
        (r"^Input should be a valid integer", "应为整数"),
        (r"^Input should be a valid number", "应为数字"),
        (r"^Input should be a valid boolean", "应为 true 或 false"),
        (r"^Value error, (.+) is not one of (.+?)\.?$", "{0} 不是可选值之一：{1}"),
    )
)


def _detail(message: str) -> str:
    if output.state.lang == "en":
        return message
    for pattern, template in _DETAILS_ZH:
        if m := pattern.search(message):
            return template.format(*m.groups())
    return message


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
        return "bad_value", {"name": str(hint).strip("'"), "detail": _detail(exc.message)}
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
        console.print(Text(ctx.get_usage()), style="bold")
    said = render.printable(table[key].format(**args))  # it quotes what was typed
    console.print(Text(output.t("severity.error") + ": ", style="bold red") + Text(said))
    possibilities = getattr(exc, "possibilities", None)
    if key == "no_such_command" and ctx is not None:  # `jiebang lst`: Click suggests nothing for commands
        possibilities = textnorm.close_matches(args["name"], ctx.command.list_commands(ctx), n=1)
    if possibilities:
        console.print(Text("  " + table["did_you_mean"].format(names=", ".join(sorted(possibilities)))))
    if ctx is not None:
        console.print(Text("  " + table["help"].format(command=ctx.command_path)), style="dim")


# Chinese punctuation that must not start a line (it stays with what comes before) or end
# one (it stays with what comes after).
_CLOSING = "，。、；：？！）》」』”’】"
_OPENING = "（《「『“‘【"


class _Cells(str):
    """A wrapping chunk whose length is its width in terminal cells (a Chinese character is two)."""

    def __len__(self) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(self))


# A line may break between two Chinese characters, but not inside an ASCII word or a
# `key/标签` pair, and not before closing punctuation.
_TOKEN = re.compile(r"[!-~]+/[^\x00-\x7f" + _CLOSING + r"]+|[\x00-\x7f]+|.", re.S)


def _cjk_chunks(chunk: str) -> list[str]:
    """Split one space-free chunk where a Chinese line may break."""
    if chunk.isascii():
        return [chunk]
    out: list[str] = []
    opening = ""
    for token in _TOKEN.findall(chunk):
        if token in _OPENING:
            opening += token
        elif out and not opening and token[0] in _CLOSING + ",.;:!?)":
            out[-1] = _Cells(out[-1] + token)
        else:
            piece, opening = opening + token, ""
            out.append(piece if piece.isascii() else _Cells(piece))
    if opening:
        out.append(_Cells(opening))
    return out


class _CellSplit:
    """Mixed into Click's TextWrapper: chunks split by `_cjk_chunks`, measured by `_Cells`."""

    def _split(self, text: str) -> list[str]:
        return [piece for chunk in super()._split(text) for piece in _cjk_chunks(chunk)]  # type: ignore[misc]


def wrap_by_cells() -> None:
    """Help text wrapped to the terminal by cells, breaking between Chinese characters.

    Click's wrapper breaks only at spaces and counts characters, so a Chinese sentence ran
    past the edge and broke at its one space ("按 JSON Schema\n检查"). Click looks its
    wrapper class up on each call, so replacing it (once) while help is shown is enough.
    """
    from typer._click import _textwrap

    if not issubclass(_textwrap.TextWrapper, _CellSplit):
        _textwrap.TextWrapper = type("CellWrapper", (_CellSplit, _textwrap.TextWrapper), {})  # type: ignore[misc]


class LocalisedHelp:
    """The usage line and the built-in --help option's own line, in the chosen language."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = tr("显示此帮助并退出。", "Show this message and exit.")
        return option

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        words = {"[OPTIONS]": tr("[选项]", "[OPTIONS]"), "COMMAND [ARGS]...": tr("命令 [参数]...", "COMMAND [ARGS]...")}
        return [words.get(piece, piece) for piece in pieces]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=tr("用法：", "Usage: ")
        )


def _refuse_repeats(command: Any, ctx: Any, args: list[str]) -> None:
    """An option that takes one value, given twice, would silently keep only the last one
    (`--sort due --sort rag`); say so instead. Repeatable options and flags are left alone."""
    from typer._click.exceptions import BadOptionUsage

    takes_value: dict[str, Any] = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option" and not param.is_flag and not param.count:
            takes_value.update(dict.fromkeys([*param.opts, *param.secondary_opts], param))
    seen: dict[str, list[str]] = {}
    words = iter(args)
    for word in words:
        if word == "--":
            break
        name, equals, value = word.partition("=") if word.startswith("--") else (word[:2], "", word[2:])
        param = takes_value.get(name)
        if param is None:
            continue
        if not value and not equals:
            value = next(words, "")
        if not param.multiple:
            seen.setdefault(param.opts[0], []).append(value)
    for name, values in seen.items():
        if len(values) > 1:
            message = output.t("usage.repeated-option", name=name, values=", ".join(values))
            raise BadOptionUsage(name, message, ctx)


def _metavar(param: Any) -> str:
    """A placeholder a person can read, from the parameter's type (Typer would print `<list[str]>`)."""
    desc = param.type_descriptor
    if desc.choices is not None:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    item = get_args(desc.annotation)[0] if desc.is_list else desc.annotation
    if desc.is_path or item is Path:
        return "PATH"
    return {int: "N", float: "NUMBER"}.get(item, "TEXT")


def _percent_sign_ignored(process: Any) -> Any:
    """`--progress 70%` (or `７０％`, typed with a Chinese input method) is the number 70."""

    def process_value(ctx: Any, value: Any) -> Any:
        if isinstance(value, str) and value.strip().endswith(("%", "％")):
            value = unicodedata.normalize("NFKC", value).strip().removesuffix("%")
        return process(ctx, value)

    return process_value


def _as_typed(desc: TypeDescriptor, value: Any, ctx: Any) -> tuple[bool, Any]:
    """(True, what Typer's own check returns) for a value that needs no pydantic: text for a text
    parameter, a list of texts for a repeatable one, and one of an enum's choices (Typer's check is
    the same function, run inside pydantic). Anything else (a number, a path, a word that is not a
    choice) is (False, None): Typer checks it itself, and says what is wrong in its own words."""
    if desc.parameter_info.parser is not None or desc.file_annotation is not None:
        return False, None
    annotation = desc.annotation
    if annotation is str and type(value) is str:
        return True, value
    texts = get_origin(annotation) is list and get_args(annotation) == (str,) and isinstance(value, list | tuple)
    if texts and all(type(item) is str for item in value):
        return True, list(value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return True, coerce_cli_choice(value, choices=list(annotation), case_sensitive=desc.case_sensitive, ctx=ctx)
        except ValueError:
            return False, None
    return False, None


@dataclass(frozen=True)
class _CheckedOnDemand(RuntimeParam):
    """A parameter's value check that builds Typer's own (a pydantic TypeAdapter) only for a value
    that needs one. Typer builds it for every parameter of the command run, values absent
    included, and importing pydantic for that was a third of `jiebang list`'s start-up (~100 ms CPU)."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        typed, result = _as_typed(self.descriptor, value, ctx)
        if typed:
            return result
        param._runtime_param = checked = build_runtime_param(self.descriptor)
        return checked._coerce_value(value, param=param, ctx=ctx)


class ChecksOnDemand:
    """Mixed into every command and group: their parameters (Typer's completion options, added
    after the group is made, too) check values with `_CheckedOnDemand`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if getattr(param, "_runtime_param", False) is None:  # Typer's own check, not built yet
                desc = param.type_descriptor
                param._runtime_param = _CheckedOnDemand(desc.parameter_info, desc.annotation, desc)
        return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]


class Command(ChecksOnDemand, LocalisedHelp, TyperCommand):
    """Every option and argument shows a placeholder in help, never a Python type name, and
    completes its values on TAB where the placeholder says what they are (PROJECT, PERSON…).

    Options declared without a metavar get one from their type; arguments (which Typer
    always follows with `<type>`) show only their metavar. Done here, once, so commands added
    later are covered too.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if getattr(param, "is_flag", False) or not hasattr(param, "type_descriptor"):
                continue
            if param.metavar is None:
                param.metavar = _metavar(param)
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None
            if param.type_descriptor.annotation is float:
                param.process_value = _percent_sign_ignored(param.process_value)
            if (values := complete.completer(param)) is not None:
                param._custom_shell_complete = values  # what Click's own `shell_complete=` sets

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _refuse_repeats(self, ctx, args)
        return super().parse_args(ctx, args)


class SubGroup(ChecksOnDemand, LocalisedHelp, TyperGroup):
    pass
