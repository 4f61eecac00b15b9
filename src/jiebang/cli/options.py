"""Options every command shares, declared once.

Help text is chosen when the CLI is imported, from `--lang` on the command line or
`JIEBANG_LANG`, because Typer builds help before any option callback runs.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from jiebang import i18n
from jiebang.cli import output
from jiebang.errors import JiebangError
from jiebang.model import lifecycle
from jiebang.queries import query


def startup_lang(argv: list[str] | None = None) -> str:
    args = sys.argv[1:] if argv is None else argv
    value = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    try:
        return i18n.pick_lang(value, os.environ.get(i18n.ENV_VAR))
    except JiebangError:
        return i18n.DEFAULT_LANG


HELP_LANG = startup_lang()


def tr(zh: str, en: str) -> str:
    """Help text in the language chosen at start-up."""
    return en if HELP_LANG == "en" else zh


def opt(*names: str, zh: str, en: str, **kwargs: Any) -> Any:
    """A Typer option with its help in both languages; the rest is passed on as given."""
    return typer.Option(*names, help=tr(zh, en), **kwargs)


def person_opt(*names: str, zh: str, en: str) -> Any:
    """An option naming a person (by name or id)."""
    return opt(*names, metavar="PERSON", zh=zh, en=en)


def day_opt(*names: str, zh: str, en: str) -> Any:
    """An option taking a date."""
    return opt(*names, metavar="YYYY-MM-DD", zh=zh, en=en)


def arg(metavar: str, *, zh: str, en: str) -> Any:
    """A Typer argument with its help in both languages."""
    return typer.Argument(metavar=metavar, help=tr(zh, en))


def _set_lang(value: str | None) -> str:
    """Both the root and each command accept --lang; an absent one keeps what start-up chose."""
    if value is not None:
        output.state.lang = i18n.pick_lang(value, None)
    return output.state.lang


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class RowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"
    md = "md"


LangOpt = Annotated[
    str | None,
    opt(
        "--lang",
        callback=_set_lang,
        is_eager=True,
        metavar="zh|en",
        zh="界面语言：zh（默认）或 en；也可设环境变量 JIEBANG_LANG。",
        en="Language of messages: zh (default) or en; or set JIEBANG_LANG.",
    ),
]
RegistryOpt = Annotated[
    str | None,
    opt(
        "--registry",
        "-r",
        envvar="JIEBANG_REGISTRY",
        metavar="PATH",
        zh="登记册目录（含 programmes/ 的目录或其上一级）。默认：向上查找 registry/，找不到则用内置示例。",
        en="Register folder (the one holding programmes/, or its parent). Default: the nearest "
        "registry/ upward, else the bundled sample.",
    ),
]


def as_of(value: str | None) -> date:
    """The business date to evaluate at; the only place a read command looks at the clock."""
    return query.parse_day(value) if value else date.today()


AsOfOpt = Annotated[
    str | None,
    day_opt(
        "--as-of",
        zh="按哪一天评估进度、红黄绿和逾期（默认今天）。",
        en="Evaluate progress, RAG and overdue at this date (default: today).",
    ),
]
KnownAtOpt = Annotated[
    str | None,
    opt(
        "--known-at",
        metavar="DATE|REV",
        zh="按 git 中当时的登记册显示（某日最后一次提交，或某个提交）。",
        en="Show the register as it stood in git then (the last commit of that day, or a commit).",
    ),
]
FormatOpt = Annotated[RowFormat, opt("--format", "-f", zh="输出格式。", en="Output format.")]


class DocFormat(StrEnum):
    """The formats of a document (a report, a brief): the row formats, and Word."""

    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"
    md = "md"
    docx = "docx"


DocFormatOpt = Annotated[
    DocFormat,
    opt("--format", "-f", zh="输出格式；docx（Word）须加 -o 文件名。", en="Output format; docx (Word) needs -o FILE."),
]
OutputFileOpt = Annotated[
    Path | None,
    opt(
        "--output",
        "-o",
        metavar="FILE",
        zh="写入此文件（docx 必须；md、json、yaml、csv 也可），整个写入或不写；已有的文件不覆盖，除非加 --force。",
        en="Write to this file (needed for docx; md, json, yaml and csv too), whole or not at all; an existing "
        "file is kept unless --force.",
    ),
]
ForceOpt = Annotated[bool, opt("--force", zh="覆盖已有的输出文件。", en="Replace an existing output file.")]
CategoriesOpt = Annotated[
    list[str] | None,
    opt(
        "--category",
        zh="类别：简称，或 键:简称:全称（可重复）。",
        en="Category: short, or key:short:name (repeatable).",
    ),
]

ProgrammeFilterOpt = Annotated[
    str | None,
    opt(
        "--programme",
        metavar="ID",
        zh="只看此项目集（登记册有多个项目集时）。",
        en="Only this programme (when the register has several).",
    ),
]

# Filters of the read commands. Each may be given several times or as a comma list
# (`--rag red,amber`); a project matches when it matches any value (views.Criteria).
_MANY_ZH = "（可重复，或用逗号分隔）"
_MANY_EN = " (repeatable, or a comma list)"
CategoryFilterOpt = Annotated[
    list[str] | None,
    opt(
        "--category",
        "-c",
        metavar="CATEGORY",
        zh="只看此类别" + _MANY_ZH + "。",
        en="Only this category" + _MANY_EN + ".",
    ),
]
StatusFilterOpt = Annotated[
    list[str] | None,
    opt(
        "--status",
        "-s",
        metavar="STATUS",
        zh="只看此状态" + _MANY_ZH + "：assigned/已挂帅、active/进行中……",
        en="Only this status" + _MANY_EN + ": assigned, active, …",
    ),
]
PersonFilterOpt = Annotated[
    list[str] | None,
    person_opt(
        "--person",
        "-p",
        zh="负责人、导师、成员或领衔领导（姓名或编号）" + _MANY_ZH + "。",
        en="Leader, mentor, member or lead official (name or id)" + _MANY_EN + ".",
    ),
]
UnitFilterOpt = Annotated[
    list[str] | None,
    opt(
        "--unit",
        "-u",
        metavar="UNIT",
        zh="牵头、配合或成员所在单位（编号、名称或别名，含下级单位）" + _MANY_ZH + "。",
        en="Lead, supporting or member unit (id, name or alias; units below it too)" + _MANY_EN + ".",
    ),
]
TierFilterOpt = Annotated[
    list[str] | None,
    opt(
        "--tier",
        metavar="key|normal|unknown",
        zh="重点（key）、一般（normal）或来源未说明（unknown）的项目。",
        en="Key, normal, or unknown (the source does not say) projects.",
    ),
]
RagFilterOpt = Annotated[
    list[str] | None,
    opt(
        "--rag",
        metavar="red|amber|green",
        zh="红黄绿（含人工设定）" + _MANY_ZH + "，如 --rag red,amber。",
        en="RAG colour, override included" + _MANY_EN + ", e.g. --rag red,amber.",
    ),
]

# --- allowed values in help


def allowed_values(table: dict[str, tuple[str, str]]) -> str:
    """`draft/拟定, open/待揭榜, …`: what an option accepts (key or label), for its help text."""
    if HELP_LANG == "en":
        return ", ".join(table)
    return ", ".join(f"{key}/{labels[0]}" for key, labels in table.items())  # (a space lets help wrap)


def lifecycle_help() -> str:
    """The statuses, then the lifecycle table one line per status (kept unwrapped by the `\\b` marker)."""

    def name(status: str) -> str:
        return i18n.label(i18n.STATUS_LABELS, status, HELP_LANG) if HELP_LANG == "zh" else status

    sep = "、" if HELP_LANG == "zh" else ", "
    lines = [tr("允许的变更：", "Allowed moves:")]
    for source, targets in lifecycle.TRANSITIONS.items():
        allowed = [name(t) for t in lifecycle.STATUSES if t in targets]
        if source in lifecycle.REOPEN:
            allowed.append(name(lifecycle.REOPEN[source]) + tr("（重启）", " (reopen)"))
        lines.append(f"  {name(source)} → {sep.join(allowed)}")
    reasons = sep.join(name(s) for s in lifecycle.STATUSES if s in lifecycle.REASON_REQUIRED)
    lines.append(tr(f"变为{reasons}或重启时须加 --reason。", f"Moving to {reasons}, or reopening, needs --reason."))
    return tr("状态：", "Statuses: ") + allowed_values(i18n.STATUS_LABELS) + "\n\n\b\n" + "\n".join(lines)


DueWithinOpt = Annotated[
    int | None,
    opt(
        "--due-within",
        min=0,
        metavar="DAYS",
        zh="只列此天数内到期、尚未完成的（可与 --overdue 同用）。",
        en="Only those still open and falling due within this many days (may be combined with --overdue).",
    ),
]

# --- options every write command shares, declared once

NoCommitOpt = Annotated[bool, opt("--no-commit", zh="只写入并暂存，不提交。", en="Write and stage, do not commit.")]
RestrictedOpt = Annotated[
    str | None,
    opt(
        "--restricted",
        envvar="JIEBANG_RESTRICTED",
        metavar="PATH",
        zh="受限库目录（人员与单位考核、容错免责、问责），须在共享登记册之外。",
        en="Restricted store folder (assessments of people and units, exemptions, accountability), "
        "outside the shared register.",
    ),
]
IncludeRestrictedOpt = Annotated[
    bool,
    opt(
        "--include-restricted",
        zh="合并受限库中的记录一并显示（须有受限库）。",
        en="Merge the restricted store's records into what is shown (the store must be present).",
    ),
]
IncludeEditsOpt = Annotated[
    bool,
    opt(
        "--include-edits",
        zh="文件有未提交的手工修改时，一并提交。",
        en="Commit uncommitted hand edits of the touched files too.",
    ),
]


@dataclass
class Invocation:
    """The shared options of the command being run, as `with_options` received them."""

    registry: str | None = None
    no_commit: bool = False
    include_edits: bool = False
    restricted: str | None = None
    include_restricted: bool = False
    filters: dict[str, Any] = field(default_factory=dict)  # the read filters, by option name


invocation = Invocation()
_SHARED: dict[str, tuple[Any, Any]] = {
    "no_commit": (NoCommitOpt, False),
    "include_edits": (IncludeEditsOpt, False),
    "registry": (RegistryOpt, None),
    "restricted": (RestrictedOpt, None),
    "include_restricted": (IncludeRestrictedOpt, False),
    "lang": (LangOpt, None),  # its callback sets the language; nothing to keep
    "programme": (ProgrammeFilterOpt, None),
    "category": (CategoryFilterOpt, None),
    "status": (StatusFilterOpt, None),
    "person": (PersonFilterOpt, None),
    "unit": (UnitFilterOpt, None),
    "tier": (TierFilterOpt, None),
    "rag": (RagFilterOpt, None),
}
WRITE_OPTIONS = ("no_commit", "include_edits", "registry", "restricted", "lang")
READ_OPTIONS = ("registry", "restricted", "include_restricted", "lang")
FILTER_OPTIONS = ("programme", "category", "status", "person", "unit", "tier", "rag")
F = TypeVar("F", bound=Callable[..., Any])


def _route(kwargs: dict[str, Any]) -> None:
    """In a federation, a project named `<namespace>/<name>` is its member's: the command runs
    on that member register, given the name the member knows (a write then commits in the git
    repository holding the member, a submodule's own). Any command naming a project so works."""
    from jiebang import api

    routed = api.member_for(kwargs["project"], invocation.registry, os.environ.get("JIEBANG_REGISTRY"))
    if routed is not None:
        member, kwargs["project"] = routed
        invocation.registry = str(member.root)


def with_options(*names: str) -> Callable[[F], F]:
    """Add the shared options `names` to a command and keep their values in `invocation`.

    Typer builds a command's options from its signature, so the options are appended to the
    `__signature__` it reads instead of being spelled out in every command; the command itself
    never sees them as arguments.
    """

    def decorate(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        extra = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=_SHARED[name][1], annotation=_SHARED[name][0]
            )
            for name in names
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            # A command that does not take an option must not see the value an earlier command
            # in the same process (tests, the Python API) gave it: a site rendered after a
            # `report --include-restricted` would otherwise look for that report's store.
            vars(invocation).update(vars(Invocation()))
            for name in names:
                value = kwargs.pop(name, _SHARED[name][1])
                if name in FILTER_OPTIONS:
                    invocation.filters[name] = value
                elif hasattr(invocation, name):
                    setattr(invocation, name, value)
            if "registry" in names and isinstance(kwargs.get("project"), str):
                _route(kwargs)
            return command(*args, **kwargs)

        parameters = [*signature.parameters.values(), *extra]
        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run  # type: ignore[return-value]

    return decorate
