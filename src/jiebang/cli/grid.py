"""Boxed tables for people, drawn line by line: the characters and styles of Rich's Table, in
time linear in the rows.

Rich's Table measures, wraps and pads every cell as its own renderable, though `output.plan`
has already chosen every column's width; at thousands of rows that was most of `list` and
`status`. Here a cell that is one line of plain text fitting its column is padded as a string
and every unstyled run of a row goes out as one Segment. Any other cell (a header, a coloured
label, a progress bar, text that wraps) is drawn by Rich exactly as its Table draws it, once per
distinct value and column. A table wider than the terminal even so is left to Rich's Table,
which squeezes it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, TypeGuard

from rich import box
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from jiebang.cli.output import cell_width

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from rich.console import Console, ConsoleOptions, RenderableType


@dataclass(frozen=True)
class Column:
    """A column `width` cells wide (None: as wide as its header and content); cells that do
    not fit are cut with "…", or folded onto more lines if it `wraps`. Headers wrap."""

    header: str
    width: int | None = None
    wraps: bool = False


class Styled(NamedTuple):
    """A cell of text in a Rich style (a RAG label in its colour)."""

    text: str
    style: str


class Bar(NamedTuple):
    """A progress bar `width` cells wide in `style`, then its `label` ("40%")."""

    completed: float
    style: str
    label: str
    width: int


Cell = str | Styled | Bar
_Shape = str | list[list[Segment]]  # a cell drawn: one unstyled line, or its lines of segments

BOX = box.HEAVY_HEAD
PADDING = (0, 1, 0, 1)
# Text that Rich reads differently from its characters: line breaks (measured per line),
# tabs (expanded), control codes (stripped).
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def show(console: Console, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str | None = None) -> None:
    """Print the table as Rich's Table(title, header_style="bold") of these columns would."""
    drawing = _Drawing(console, columns, rows, title)
    if drawing.widths is None:
        console.print(_rich_table(columns, rows, title))
    else:  # every line fits the terminal, so cropping would change nothing
        console.print(drawing, crop=False)


def _rich_table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str | None) -> Table:
    """The same table as a Rich Table, for one too wide for the terminal."""
    table = Table(title=Text(title) if title else None, box=BOX, header_style="bold")
    for column in columns:
        table.add_column(
            _header(column),
            width=column.width,
            no_wrap=not column.wraps,
            overflow="fold" if column.wraps else "ellipsis",
        )
    for row in rows:
        table.add_row(*(_renderable(cell) for cell in row))
    return table


def _renderable(cell: Cell) -> RenderableType:
    if isinstance(cell, Bar):
        from rich.progress_bar import ProgressBar

        bar = ProgressBar(
            total=100, completed=cell.completed, width=cell.width, complete_style=cell.style, finished_style=cell.style
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_row(bar, Text(cell.label))
        return grid
    if isinstance(cell, Styled):
        return Text(cell.text, style=cell.style)
    return Text(cell)


def _plain(cell: Cell) -> TypeGuard[str]:
    """One line of unstyled text that Rich would print character for character."""
    return type(cell) is str and not _NOT_PLAIN.search(cell)


def _header(column: Column) -> Text:
    return Text(column.header, no_wrap=False, overflow="fold")


class _Drawing:
    """The table's lines, for Console.print; `widths` (with padding) is None when Rich's Table
    would have to squeeze the columns to fit."""

    def __init__(
        self, console: Console, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str | None
    ) -> None:
        self.columns, self.rows, self.title = columns, rows, title
        self.widths = self._measure(console, console.options) if columns else None

    def _measure(self, console: Console, options: ConsoleOptions) -> list[int] | None:
        """Each column's width as Table._calculate_column_widths finds it when nothing is squeezed."""
        room = options.max_width - (len(self.columns) + 1)
        measure = options.update_width(max(room, 1))
        widths = []
        for index, column in enumerate(self.columns):
            if column.width is not None:
                widths.append(column.width + 2)
                continue
            widest = Measurement.get(console, measure, _padded(_header(column))).maximum
            for cell in {row[index] for row in self.rows}:  # each distinct value measured once
                if _plain(cell):
                    widest = max(widest, cell_width(cell) + 2)
                else:
                    widest = max(widest, Measurement.get(console, measure, _padded(_renderable(cell))).maximum)
            widths.append(widest)
        return widths if sum(widths) <= room else None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        widths = self.widths
        assert widths is not None
        options = options.update(width=sum(widths) + len(widths) + 1, highlight=False, height=None)
        if self.title:
            yield from console.render(Text(self.title), options.update(justify="center"))
        edges = BOX.substitute(options, safe=console.safe_box)
        out: list[Segment] = []
        text = [edges.get_top(widths), "\n"]
        lines = self._header_lines(console, options, widths)
        for line in lines:
            _join(line, (edges.head_left, edges.head_vertical, edges.head_right), out, text)
        text += [edges.get_row(widths, "head"), "\n"]
        # each distinct value of a column drawn once: names, statuses, dates and bars repeat
        drawn = [_Shapes(functools.partial(self._shape, console, options, index)) for index in range(len(widths))]
        middle = (edges.mid_left, edges.mid_vertical, edges.mid_right)
        foot = (edges.foot_left, edges.foot_vertical, edges.foot_right)
        last = len(self.rows) - 1
        for number, row in enumerate(self.rows):
            sides = foot if number == last else middle
            cells: list[_Shape] = list(map(dict.__getitem__, drawn, row))
            try:  # a row of one line of text in every cell, the most common, at once
                text.append(f"{sides[0]}{sides[1].join(cells)}{sides[2]}\n")  # type: ignore[arg-type]
                continue
            except TypeError:  # a cell of styled segments, or of several lines
                height = max([len(c) for c in cells if type(c) is list], default=1)
            if height == 1:
                _join([c if type(c) is str else c[0] for c in cells], sides, out, text)
                continue
            shaped = [
                Segment.align_top([[Segment(c)]] if type(c) is str else c, width, height, Style.null())
                for c, width in zip(cells, widths, strict=True)
            ]
            for line_no in range(height):
                _join([c[line_no] for c in shaped], sides, out, text)
        text += [edges.get_bottom(widths), "\n"]
        out.append(Segment("".join(text)))
        yield from out

    def _shape(self, console: Console, options: ConsoleOptions, index: int, cell: Cell) -> _Shape:
        """A cell as its column draws it: one line of text as padded text, else its lines of segments."""
        width = self.widths[index]  # type: ignore[index]
        if _plain(cell) and (room := width - 2 - cell_width(cell)) >= 0:
            return f" {cell}{' ' * room} "
        lines = _draw(console, options, self.columns[index], width, _renderable(cell), Style.null())
        # Without colours (output to a file or a pipe) Rich writes a styled segment's text alone
        plain = console.color_system is None and not console.record
        if len(lines) == 1 and (plain or not any(segment.style for segment in lines[0])):
            return "".join(segment.text for segment in lines[0])
        return lines

    def _header_lines(self, console: Console, options: ConsoleOptions, widths: list[int]) -> list[list[list[Segment]]]:
        """The header row's lines, one list of cells each; headers sit at the bottom of the row."""
        style = console.get_style("bold")
        cells = [
            _draw(console, options, column, width, _header(column), style)
            for column, width in zip(self.columns, widths, strict=True)
        ]
        height = max(len(cell) for cell in cells)
        shaped = [Segment.align_bottom(cell, width, height, style) for cell, width in zip(cells, widths, strict=True)]
        return [[cell[line_no] for cell in shaped] for line_no in range(height)]


class _Shapes(dict[Cell, _Shape]):
    """A column's cells as drawn, each drawn when first asked for."""

    def __init__(self, shape: Callable[[Cell], _Shape]) -> None:
        super().__init__()
        self.shape = shape

    def __missing__(self, cell: Cell) -> _Shape:
        shape = self[cell] = self.shape(cell)
        return shape


def _padded(renderable: RenderableType) -> Padding:
    return Padding(renderable, PADDING)


def _draw(
    console: Console, options: ConsoleOptions, column: Column, width: int, renderable: RenderableType, style: Style
) -> list[list[Segment]]:
    """One cell's lines as Rich's Table renders them, unstyled runs joined."""
    cell_options = options.update(
        width=width,
        justify="left",
        no_wrap=not column.wraps,
        overflow="fold" if column.wraps else "ellipsis",
        height=None,
        highlight=False,
    )
    lines = console.render_lines(_padded(renderable), cell_options, style=style)
    return [_merged(line) for line in lines]


def _merged(line: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in line:
        if not segment.style and merged and not merged[-1].style:
            merged[-1] = Segment(merged[-1].text + segment.text)
        else:
            merged.append(segment if segment.style else Segment(segment.text))
    return merged


def _join(
    cells: Sequence[str | list[Segment]], sides: tuple[str, str, str], out: list[Segment], text: list[str]
) -> None:
    """One line of a row: unstyled text gathers in `text` until a styled segment needs its own."""
    left, divider, right = sides
    text.append(left)
    for index, cell in enumerate(cells):
        if index:
            text.append(divider)
        if isinstance(cell, str):
            text.append(cell)
            continue
        for segment in cell:
            if segment.style:
                out.append(Segment("".join(text)))
                text.clear()
                out.append(segment)
            else:
                text.append(segment.text)
    text += [right, "\n"]
