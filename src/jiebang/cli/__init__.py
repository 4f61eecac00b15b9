"""The `jiebang` command: Typer app, the one error boundary, and command registration.

Domain errors become exit codes in exactly one place (`_Group.invoke`); usage errors are
reworded in the chosen language in `_Group.main`; anything else is a bug and exits 3 with
a short message (the traceback only with `JIEBANG_DEBUG=1`).

Exit codes: 0 ok · 1 register invalid · 2 usage error or cannot proceed · 3 internal error
· 130 interrupted.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import re
import sys
import unicodedata
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from jiebang import __version__, textnorm
from jiebang.cli import output
from jiebang.cli.options import HELP_LANG, LangOpt, opt, startup_lang, tr
from jiebang.cli.usage import ChecksOnDemand, Command, LocalisedHelp, show_usage_error, wrap_by_cells
from jiebang.errors import ExitCode, InvalidRegister, JiebangError
from jiebang.files import cache

_TYPER_WORDS_ZH = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Error": "错误",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
}


def _chinese_help() -> None:
    """Typer's own words in help pages (section titles, default/env var notes) in Chinese.

    Typer looks them up through gettext at render time; jiebang ships no .mo catalogue, so
    the lookup is replaced for the process, and only when help is being shown.
    """
    if HELP_LANG != "zh":
        return
    import typer.core

    typer.core._ = lambda message: _TYPER_WORDS_ZH.get(message, message)  # type: ignore[attr-defined]


_FULLWIDTH_NUMBER = re.compile(r"[0-9０-９+\-.＋－．]*[０-９＋－．][0-9０-９+\-.＋－．]*")


def _ascii_number(arg: str) -> str:
    """`３０` typed with a Chinese input method is 30 (only arguments that are wholly a number)."""
    return unicodedata.normalize("NFKC", arg) if _FULLWIDTH_NUMBER.fullmatch(arg) else arg


def _typed(arg: str) -> str:
    """An argument as jiebang takes it: a wholly full-width number made ASCII, and pinyin glosses
    pasted with the text (發(fā)展) dropped, so no write command stores them and no filter needs them."""
    return _ascii_number(textnorm.strip_glosses(arg))


_COMPLETION_HELP = {
    "install_completion": (
        "为当前 shell 安装 TAB 补全（项目、人员、类别、状态）。",
        "Install TAB completion for the current shell.",
    ),
    "show_completion": (
        "显示当前 shell 的补全脚本，可复制或自行安装。",
        "Show the completion script for the current shell.",
    ),
}


class _Group(ChecksOnDemand, LocalisedHelp, TyperGroup):
    def get_params(self, ctx: Any) -> Any:
        """Typer's completion options, with their help in the chosen language."""
        params = super().get_params(ctx)
        for param in params:
            if param.name in _COMPLETION_HELP:
                param.help = tr(*_COMPLETION_HELP[param.name])
        return params

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidRegister as exc:
            output.problems(exc.problems)
            output.error(exc)
            raise typer.Exit(exc.exit_code) from None
        except JiebangError as exc:
            if isinstance(cause := getattr(exc, "cause", None), JiebangError):
                output.error(cause)  # why a write failed; `exc` then says what is on disk now
            output.error(exc)
            raise typer.Exit(exc.exit_code) from None

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = [_typed(a) for a in (sys.argv[1:] if args is None else list(args))]
        # The language and the cache switch are process-wide: set for this run, put back after it,
        # so an in-process caller (a test, a script) is left as it was.
        was_lang, was_cached = output.state.lang, cache.enabled()
        output.state.lang = startup_lang(argv)
        cache.set_enabled(os.environ.get("JIEBANG_NO_CACHE", "") in ("", "0"))
        try:
            code = self._run(argv, prog_name, complete_var, **extra)
        finally:
            output.state.lang = was_lang
            cache.set_enabled(was_cached)
        if standalone_mode:
            sys.exit(int(code))
        return int(code)

    def _run(self, argv: list[str], prog_name: str | None, complete_var: str | None, **extra: Any) -> int:
        """The command's exit code; a usage error, an interruption or a bug are reported here."""
        if not argv or "--help" in argv or "-h" in argv:
            _chinese_help()
            wrap_by_cells()
        try:
            result = super().main(argv, prog_name or "jiebang", complete_var, standalone_mode=False, **extra)
            return result if isinstance(result, int) else 0
        except typer.Abort:
            return ExitCode.INTERRUPTED
        except Exception as exc:  # a usage error from the parser, or a bug
            from typer._click.exceptions import ClickException

            if isinstance(exc, ClickException):
                show_usage_error(exc)
                return ExitCode.USAGE
            if os.environ.get("JIEBANG_DEBUG"):  # the traceback too; the exit code stays the documented one
                import traceback

                traceback.print_exc()
            output.err().print(output.t("internal", detail=f"{type(exc).__name__}: {exc}"), markup=False)
            return ExitCode.INTERNAL


def _version(value: bool) -> None:
    if value:
        output.write(f"jiebang {__version__}\n")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, opt("--version", callback=_version, is_eager=True, zh="显示版本号。", en="Show the version.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """jiebang"""


# Command name → the module under jiebang.cli that defines it (in its COMMANDS table).
_MODULES = {
    "list": "listing", "status": "status", "report": "report", "show": "report", "history": "audit",
    "changes": "audit", "validate": "validate", "init": "audit", "add": "write", "assign": "write",
    "unassign": "write", "claim": "write", "select": "write", "move": "write", "milestone": "write",
    "measure": "write", "update": "write", "review": "write", "set": "amend", "action": "actions",
    "milestones": "milestones", "programme": "programme", "doctor": "doctor",
    "actions": "actionlist", "assess": "assess", "meeting": "assess", "rank": "assess",
    "post": "cohorts", "end-posting": "cohorts", "cohort": "cohorts", "cohorts": "cohorts", "person": "person",
    "codeowners": "codeowners", "migrate": "migrate",
    "attach": "teams", "detach": "teams", "brief": "brief", "render": "render",
    "import": "tables", "export": "tables",
}  # fmt: skip


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just `only` for a fast start-up.

    Typer builds a Click command (and imports its module) for every registered command
    before it runs any, so the entry point registers only the one being invoked.
    """
    app = typer.Typer(
        cls=_Group,
        name="jiebang",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        help=tr(
            "揭榜挂帅登记册工具：校验、查询、报告。登记册是 git 管理下的 YAML 文件。\n\n"
            "退出码：0 正常；1 登记册有问题；2 用法错误或无法继续；3 内部错误。",
            "Run a 揭榜挂帅 programme from a register of YAML files under git: validate, list, report.\n\n"
            "Exit codes: 0 ok; 1 register invalid; 2 usage error or cannot proceed; 3 internal error.",
        ),
    )
    app.callback()(_root)
    for name in [only] if only in _MODULES else list(_MODULES):
        module = importlib.import_module(f"jiebang.cli.{_MODULES[name]}")
        if name in ("add", "set", "render"):  # groups of subcommands
            app.add_typer(getattr(module, f"{name}_app"), name=name)
        else:
            command, text = module.COMMANDS[name]
            app.command(name, help=text, short_help=_first_sentence(text), cls=Command)(command)
    return app


def _first_sentence(text: str) -> str:
    """The line `jiebang --help` shows for a command. Click's own cuts at a space, and Chinese has
    none, so a long first sentence used to show as a bare "..."."""
    for stop in ("。", ". ", "\n"):
        if stop in text:
            text = text.split(stop, 1)[0] + stop.strip()
    return text.strip()


def _invoked(argv: list[str]) -> str | None:
    """The subcommand named on the command line, or None when help or the root itself is asked for."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-h", "--help", "--version"):
            return None
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


@functools.cache
def full_app() -> typer.Typer:
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # `from jiebang.cli import app`: every command (tests, documentation)
        return full_app()
    raise AttributeError(name)


# Collections of the cyclic garbage collector: one young pass per this many new objects, and
# full passes rarer still (Python's defaults are 700, 10, 10).
GC_THRESHOLDS = (50_000, 50, 1000)


def main() -> None:
    """Console-script entry point. The process runs one command and exits, and what it builds
    (rows, records, decoded cache entries) holds no cycles: with Python's default thresholds,
    the collector's full passes over the ten thousand rows of a large register's read took a
    quarter of it, so they are made rare."""
    gc.set_threshold(*GC_THRESHOLDS)
    build_app(_invoked(sys.argv[1:]))()
