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

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.text import Text

from jiebang import i18n
from jiebang.present import render

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.cli import grid
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
    """A message for the terminal; data it quotes (a title, a typed value) is made `printable`."""
    return render.printable(i18n.text(key, state.lang, **args))


def write(text: str) -> None:
    """Machine output goes to stdout untouched by Rich (no wrapping, no markup) and, where the
    stream has a byte buffer, as UTF-8 bytes: Windows' newline translation would turn a CSV's
    CRLF into CR CR LF, and its code page cannot hold every name."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def notice(key: str, **args: Any) -> None:
    err().print(Text(t(key, **args), style="dim"))


def error(exc: JiebangError) -> None:
    console = err()
    console.print(Text(t("severity.error") + ": ", style="bold red") + Text(t(exc.key, **exc.args_)))
    hint_key = f"hint.{exc.key}"
    if i18n.has(hint_key):
        console.print(Text(f"  {t('label.hint')}: {t(hint_key, **exc.args_)}"))
    elif exc.args_.get("suggestion"):  # a word typed wrong that looks like an allowed one
        console.print(Text(f"  {t('label.hint')}: {t('hint.did-you-mean', **exc.args_)}"))


def problems(items: Sequence[Problem], *, stderr: bool = False) -> None:
    """One problem per line, never wrapped, so editors and CI logs can jump to `file:line:col`
    (on stderr for warnings beside a command's own output)."""
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    for problem in items:
        style = "red" if problem.severity.value == "error" else "yellow"
        head, _, rest = render.problem_line(problem, state.lang).partition("\n")
        console.print(Text(head, style=style))
        if rest:
            console.print(Text(rest, style="dim"))


# ------------------------------------------------------------------------------ tables for people


@dataclass(frozen=True)
class Fit:
    """How a column gives way when a table is wider than the terminal.

    `keep` columns (numbers, dates, status, RAG) are never cut. `text` columns (scope, names,
    milestones) are cut first, with "…", to `cap` and then to a few characters; the `title`
    column is cut last (never below TITLE_MIN); `wrap` columns wrap instead. When cutting is not
    enough, columns with a `drop` rank are hidden, lowest first. Headers are never cut: they may
    only wrap at spaces."""

    kind: str = "keep"
    cap: int | None = None
    drop: int | None = None


KEEP = Fit()
TITLE_MIN = 16
TITLE_ROOMY = 24
TEXT_MIN = 8
EMPTY = ("", "—")

# Columns of people's tables, by key (list, changes); others are kept whole.
FITS = {
    "title": Fit("title"),
    "mentors": Fit("text", cap=12, drop=1),
    "scope": Fit("text", cap=20, drop=2),
    "last_update": Fit(drop=3),
    "leaders": Fit("text", cap=12, drop=4),
    "next_due": Fit(drop=5),
    "category": Fit(drop=6),
    "next_milestone": Fit("text", cap=16, drop=7),
    "detail": Fit("wrap"),
    # --- milestones (h4)
    "milestone": Fit("text", cap=20),
    "original_due_on": Fit(drop=0),
    "milestone_status": Fit(drop=1),
    # --- history: the change in words gets the room; the commit's own message goes first
    "change": Fit("wrap"),
    "subject": Fit("text", cap=24, drop=1),
    "commit": Fit(drop=2),
    "how": Fit(drop=3),
}


_CELLS: dict[str, int] = {}


class _CharCells(dict[str, int]):
    """Display cells of each character, as Rich counts it, asked of Rich once per character."""

    def __missing__(self, char: str) -> int:
        width = self[char] = get_character_cell_size(char)
        return width


_CHAR_CELLS = _CharCells()
_JOINERS = ("\u200d", "\ufe0f")  # a zero-width joiner, a variation selector: Rich measures those in context


def cell_width(text: str) -> int:
    """Display cells of `text` as Rich counts them (CJK characters take two), remembered per
    distinct string: a table of thousands of rows repeats its names, statuses and categories,
    and outgrows Rich's own cache of 4096. Text without a joiner is the sum of its characters'
    cells (as Rich sums them), from a table per character: titles rarely repeat."""
    width = _CELLS.get(text)
    if width is None:
        joined = _JOINERS[0] in text or _JOINERS[1] in text
        width = _CELLS[text] = cell_len(text) if joined else sum(map(_CHAR_CELLS.__getitem__, text))
    return width


def width_of(text: str) -> int:
    """Display cells of the widest line (CJK characters take two). Printable text has no line
    break (every character splitlines breaks at is a control or separator), so it is one line."""
    if text.isprintable():
        return cell_width(text)
    return max((cell_width(line) for line in text.splitlines()), default=0)


def clip(text: str, width: int | None) -> str:
    """`text` cut to `width` cells with a closing "…" (Rich pads a half-filled CJK cell
    before its own "…", which reads as a gap)."""
    if width is None or cell_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _header_min(header: str) -> int:
    """A header may wrap at spaces ("Next / milestone") but no word is ever split."""
    return max((cell_len(word) for word in header.split()), default=0)


def plan(
    headers: Sequence[str], naturals: Sequence[int], fits: Sequence[Fit], width: int
) -> tuple[list[int], list[int | None]]:
    """Which columns to show (indexes) and how wide (None: as wide as its content) so that a
    boxed table with one cell of padding each side fits in `width` cells.

    Text is cut first, then the title down to TITLE_MIN, then columns are hidden by rank. On a
    terminal too narrow even for that, the remaining columns are cut down to their headers'
    widths (short values too, as a last resort); past that Rich squeezes them as it can."""
    full = [max(cell_len(h), n) for h, n in zip(headers, naturals, strict=True)]
    ranked = [i for _, i in sorted((f.drop, i) for i, f in enumerate(fits) if f.drop is not None)]
    normal = {"text": TEXT_MIN, "title": TITLE_MIN, "wrap": TITLE_MIN}
    squeezed = dict.fromkeys(("text", "title", "wrap"), 1)
    attempts = [(hidden, normal) for hidden in range(len(ranked) + 1)]
    attempts += [(len(ranked), squeezed), (len(ranked), {**squeezed, "keep": 1})]
    for hidden, least in attempts:
        floor = [
            w if f.kind not in least else max(1, _header_min(h), min(w, least[f.kind]))
            for h, f, w in zip(headers, fits, full, strict=True)
        ]
        shown = [i for i in range(len(headers)) if i not in ranked[:hidden]]
        widths = _shrink(shown, full, floor, fits, width - 1 - 3 * len(shown))
        if widths is not None:
            return shown, [None if widths[i] == full[i] else widths[i] for i in shown]
    return shown, [None] * len(shown)


def _shrink(
    shown: list[int], full: list[int], floor: list[int], fits: Sequence[Fit], budget: int
) -> dict[int, int] | None:
    """Narrow the shown columns, in stages and widest first, until they fit in `budget`."""
    widths = {i: full[i] for i in shown}
    excess = sum(widths.values()) - budget
    stages = (
        ("text", lambda i: fits[i].cap or full[i]),
        ("wrap", lambda i: floor[i]),
        ("title", lambda i: TITLE_ROOMY),
        ("text", lambda i: floor[i]),
        ("title", lambda i: floor[i]),
        ("keep", lambda i: floor[i]),
    )
    for kind, target in stages:
        goal = {i: max(floor[i], target(i)) for i in shown if fits[i].kind == kind}
        while excess > 0:
            over = [i for i in goal if widths[i] > goal[i]]
            if not over:
                break
            widest = max(over, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths if excess <= 0 else None


def grid_columns(headers: Sequence[str], fits: Sequence[Fit], widths: Sequence[int | None]) -> list[grid.Column]:
    """The shown columns as `plan` sized them; a `wrap` column folds what does not fit."""
    from jiebang.cli import grid

    return [grid.Column(h, w, f.kind == "wrap") for h, f, w in zip(headers, fits, widths, strict=True)]


def hidden_notice(headers: Sequence[str]) -> None:
    if headers:
        names = ("、" if state.lang == "zh" else ", ").join(headers)
        err().print(Text(t("notice.columns-hidden", columns=names), style="dim"))


def table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    headers: Sequence[str],
    *,
    title: str | None = None,
    overrides: dict[str, Fit] | None = None,
) -> None:
    """A table for people: columns empty in every row are left out, and on a narrow terminal
    long text gives way first, then the title, then the least needed columns (`overrides`:
    how this table's columns give way where FITS does not say it for them)."""
    from jiebang.cli import grid

    console = out()
    cells = [[render.cell(row.get(c)) for c in columns] for row in rows]
    used = [i for i in range(len(columns)) if not cells or any(r[i] not in EMPTY for r in cells)]
    fits = [{**FITS, **(overrides or {})}.get(columns[i], KEEP) for i in used]
    naturals = [max((width_of(r[i]) for r in cells), default=0) for i in used]
    shown, widths = plan([headers[i] for i in used], naturals, fits, console.width)
    # The title may quote data (a project's title): as Text, never markup, and printable.
    grid.show(
        console,
        grid_columns([headers[used[k]] for k in shown], [fits[k] for k in shown], widths),
        [
            [
                clip(row[used[k]], w) if fits[k].kind != "wrap" else row[used[k]]
                for k, w in zip(shown, widths, strict=True)
            ]
            for row in cells
        ],
        title=render.printable(title) if title else None,
    )
    hidden_notice([headers[used[k]] for k in range(len(used)) if k not in shown])
