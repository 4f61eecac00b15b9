"""The line-by-line table renderer (cli/grid.py) prints exactly what Rich's Table printed.

The reference below is the Rich Table that `output.table` and `status` built before the
renderer: title as Text, bold headers that fold, cells cut with "…" or folded, RAG labels in
colour, progress bars in a nested grid. Random tables go through both, on terminals of many
widths, with colour and without, and on consoles that substitute the box (legacy Windows,
a code page without box characters); the printed strings, escape codes included, must match.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from jiebang.cli import grid, output

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ASCII, CJK (two cells), the ellipsis clip adds, spaces that wrapping breaks at, and now and
# then a tab or a line break (cells Rich reads differently from their characters).
WORDS = st.text(alphabet=st.sampled_from("ab Zz09-民生项目停车场进度…"), max_size=14)
ODD = st.text(alphabet=st.sampled_from("a 民\t\n"), max_size=6)
TEXT = st.one_of(WORDS, WORDS, WORDS, ODD, st.just(""), st.just("—"))
STYLED = st.builds(grid.Styled, TEXT, st.sampled_from(["bold red", "bold yellow", "bold green"]))
BAR = st.builds(
    grid.Bar,
    st.integers(0, 100) | st.floats(0, 100, allow_nan=False),
    st.sampled_from(["red", "yellow", "green", "grey50"]),
    st.sampled_from(["0%", "45%", "100%", "—"]),
    st.sampled_from([10, 3]),
)
COLUMN = st.builds(
    grid.Column,
    st.text(alphabet=st.sampled_from("ab Zz编号项目 "), min_size=1, max_size=12),
    st.none() | st.integers(1, 24),
    st.booleans(),
)


# A console's colours (none, 16, true colour), whether it is a legacy Windows one, whether its
# encoding lacks box characters.
Kind = tuple[str | None, bool, bool]
KINDS = st.tuples(st.sampled_from([None, "standard", "truecolor"]), st.booleans(), st.booleans())
PLAIN: Kind = (None, False, False)
COLOUR: Kind = ("truecolor", False, False)
Table_ = tuple[list[grid.Column], list[list[grid.Cell]]]


class _CodePage(io.StringIO):
    """A stream whose encoding has no box-drawing characters: Rich draws the box in ASCII."""

    encoding = "cp1252"  # type: ignore[assignment]


def _reference(columns: list[grid.Column], rows: list[list[grid.Cell]], title: str | None) -> Table:
    """The Rich Table jiebang built before cli/grid.py."""
    table = Table(title=Text(title) if title else None, show_lines=False, header_style="bold")
    for column in columns:
        wraps = column.wraps
        table.add_column(
            Text(column.header, no_wrap=False, overflow="fold"),
            width=column.width,
            no_wrap=not wraps,
            overflow="fold" if wraps else "ellipsis",
        )
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, grid.Bar):
                bar = ProgressBar(
                    total=100,
                    completed=cell.completed,
                    width=cell.width,
                    complete_style=cell.style,
                    finished_style=cell.style,
                )
                nested = Table.grid(padding=(0, 1))
                nested.add_row(bar, Text(cell.label))
                cells.append(nested)
            elif isinstance(cell, grid.Styled):
                cells.append(Text(cell.text, style=cell.style))
            else:
                cells.append(Text(cell))
        table.add_row(*cells)
    return table


def _console(width: int, colour: str | None, legacy: bool, ascii_only: bool) -> Console:
    file = _CodePage() if ascii_only else io.StringIO()
    return Console(file=file, width=width, color_system=colour, legacy_windows=legacy, highlight=False, soft_wrap=False)


def _both(
    columns: list[grid.Column], rows: list[list[grid.Cell]], title: str | None, width: int, kind: Kind
) -> tuple[str, str]:
    before = _console(width, *kind)
    before.print(_reference(columns, rows, title))
    after = _console(width, *kind)
    grid.show(after, columns, rows, title)
    return before.file.getvalue(), after.file.getvalue()  # type: ignore[attr-defined]


@st.composite
def tables(draw: st.DrawFn) -> Table_:
    columns = draw(st.lists(COLUMN, min_size=1, max_size=5))
    cell = st.one_of(TEXT, TEXT, TEXT, STYLED, BAR)
    rows = draw(st.lists(st.lists(cell, min_size=len(columns), max_size=len(columns)), max_size=6))
    clip = draw(st.booleans())  # as jiebang does: text cut to a fixed column's width beforehand
    if clip:
        rows = [
            [
                output.clip(c, col.width) if isinstance(c, str) and not col.wraps else c
                for c, col in zip(row, columns, strict=True)
            ]
            for row in rows
        ]
    return columns, rows


@SETTINGS
@given(tables(), st.none() | WORDS, st.integers(8, 140), KINDS)
def test_same_as_rich_table(table: Table_, title: str | None, width: int, kind: Kind) -> None:
    columns, rows = table
    before, after = _both(columns, rows, title, width, kind)
    fits = grid._Drawing(_console(width, *kind), columns, rows, title).widths is not None
    event("drawn line by line" if fits else "too wide: Rich's Table")
    assert after == before


def _sample(rows: int) -> Table_:
    columns = [
        grid.Column("编号"),
        grid.Column("项目", 12),
        grid.Column("进度"),
        grid.Column("RAG"),
        grid.Column("x", 6, True),
    ]
    cells: list[list[grid.Cell]] = [
        [
            str(n),
            output.clip(f"民生项目 {n} 农贸市场立体停车场", 12),
            grid.Bar(n % 101, "red", f"{n % 101}%", 10),
            grid.Styled("红", "bold red") if n % 2 else "—",
            "wraps over lines" if n % 7 == 0 else "ok",
        ]
        for n in range(rows)
    ]
    return columns, cells


def test_a_table_that_fits_is_not_laid_out_by_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the renderer: Rich's Table layout runs only for a table too wide to fit."""
    columns, rows = _sample(300)
    before, _ = _both(columns, rows, "标题", 100, COLOUR)
    measure = Table._calculate_column_widths

    def headed_only(table: Table, *args: object) -> list[int]:
        assert not table.show_header, "Rich laid the table out"  # a progress bar's grid may be
        return measure(table, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Table, "_calculate_column_widths", headed_only)
    after = _console(100, *COLOUR)
    grid.show(after, columns, rows, "标题")
    assert after.file.getvalue() == before  # type: ignore[attr-defined]
    assert "\x1b[1;31m" in before and "━" in before and "wraps" in before


def test_a_table_too_wide_is_squeezed_by_rich() -> None:
    columns, rows = _sample(5)
    console = _console(30, *PLAIN)
    assert grid._Drawing(console, columns, rows, None).widths is None
    before, after = _both(columns, rows, None, 30, PLAIN)
    assert after == before


@given(st.text() | TEXT | st.text(alphabet=st.sampled_from("a民\n\r\x0b\x1c\x85\u2028\u2029\u200d\ufe0f😀é")))
@SETTINGS
def test_cell_widths_are_richs(text: str) -> None:
    """The remembered widths are Rich's, asked once or again; a line break of any kind splits."""
    from rich.cells import cell_len

    for _ in range(2):
        assert output.cell_width(text) == cell_len(text)
        assert output.width_of(text) == max((cell_len(line) for line in text.splitlines()), default=0)


def test_a_recording_console_keeps_the_styles_it_does_not_print() -> None:
    """Without colours a styled cell prints as its text alone, but a console that records (to
    export HTML) keeps each segment's style."""
    columns = [grid.Column("状态"), grid.Column("进度")]
    rows: list[list[grid.Cell]] = [[grid.Styled("红", "bold red"), grid.Bar(40, "red", "40%", 10)], ["绿", "—"]]
    console = Console(file=io.StringIO(), width=60, color_system=None, record=True, highlight=False)
    grid.show(console, columns, rows)
    body = console.export_html(inline_styles=True).split("┡")[1]  # the rows, under the header
    assert 'font-weight: bold">红' in body and '#800000">━━━━<' in body
