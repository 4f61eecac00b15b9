"""The terminal side: Rich consoles, tables, and how messages and problems are printed.

Data values always go in as `rich.text.Text`, never as markup, so a title containing
`[x]` prints as written. Consoles look up `sys.stdout`/`sys.stderr` when printing, so
test runners that swap the streams capture everything.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jiebang import i18n, render

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.errors import JiebangError, Problem


@dataclass
class _State:
    lang: str = i18n.DEFAULT_LANG


state = _State()
PIPE_WIDTH = 400
TEXT_WIDTH = 100


def out(pipe_width: int | None = None) -> Console:
    """Stdout. When it is not a terminal, tables keep their natural width (lines stay greppable);
    flowing text such as a report is set to `pipe_width`."""
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = pipe_width or PIPE_WIDTH
    return console


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def t(key: str, **args: Any) -> str:
    return i18n.text(key, state.lang, **args)


def write(text: str) -> None:
    """Machine output goes to stdout untouched by Rich (no wrapping, no markup)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def notice(key: str, **args: Any) -> None:
    err().print(Text(t(key, **args), style="dim"))


def error(exc: JiebangError) -> None:
    console = err()
    console.print(Text(t("severity.error") + ": ", style="bold red") + Text(t(exc.key, **exc.args_)))
    hint_key = f"hint.{exc.key}"
    if i18n.has(hint_key):
        console.print(Text(f"  {t('label.hint')}: {t(hint_key, **exc.args_)}"))


def problems(items: Sequence[Problem]) -> None:
    """One problem per line, never wrapped, so editors and CI logs can jump to `file:line:col`."""
    console = Console(highlight=False, soft_wrap=True)
    for problem in items:
        style = "red" if problem.severity.value == "error" else "yellow"
        head, _, rest = render.problem_line(problem, state.lang).partition("\n")
        console.print(Text(head, style=style))
        if rest:
            console.print(Text(rest, style="dim"))


def table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    headers: Sequence[str],
    *,
    title: str | None = None,
) -> None:
    grid = Table(title=title, show_lines=False, header_style="bold")
    for header in headers:
        grid.add_column(Text(header), overflow="fold")
    for row in rows:
        grid.add_row(*(Text(render.cell(row.get(c))) for c in columns))
    out().print(grid)
