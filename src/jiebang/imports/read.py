"""Spreadsheets (CSV, XLSX) as rows of canonical cells, each cell knowing where it came from.

A header row names the columns (Chinese or English, matched folded; `columns`); a mapping file
names other layouts' headers. The kind of each sheet comes from `--kind`, the mapping, the sheet
or file name (项目, people.csv), or its headers, and is refused when two kinds fit as well.
Nothing is evaluated: a CSV cell is its text, an XLSX cell the value the file holds (openpyxl,
read-only; for a formula the value last computed and saved with the file, never computed here).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.errors import Problem, UsageError
from jiebang.queries import columns

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class Mapping:
    """A mapping file: which header means which column, and where the header is."""

    columns: dict[str, str] = field(default_factory=dict)  # header as written → canonical key
    sheet: str | None = None
    header_row: int = 1
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    value: Any  # str, int, float, date; never empty
    column: str  # the column letter (XLSX) or header (CSV), for a location


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # the row number as the spreadsheet shows it
    cells: dict[str, Cell]


@dataclass(frozen=True, slots=True)
class Table:
    kind: str
    source: str  # how problems name the file (and sheet)
    rows: list[Row]
    columns: dict[str, str] = field(default_factory=dict)  # canonical key → its column letter or header


def _letter(index: int) -> str:
    """1 → A, 27 → AA (openpyxl's get_column_letter, without importing openpyxl for a CSV)."""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _clean(value: Any) -> Any:  # noqa: PLR0911 — one return per type of cell
    """A cell as the register takes it: text stripped and without pinyin glosses, a date as a
    date, a whole float as an int; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    text = textnorm.strip_glosses(str(value).replace("\r\n", "\n").strip())
    return text or None


def _unquote(text: Any) -> Any:
    """Undo export's formula neutralising in CSV: `'=1+1` was written for the text `=1+1`."""
    if isinstance(text, str) and len(text) > 1 and text[0] == "'" and text[1:].startswith(_STARTS):
        return text[1:]
    return text


_STARTS = tuple("=+-@\t\r＝＋－＠")


def decode(raw: bytes, source: str) -> str:
    """CSV bytes as text: UTF-8 with or without a BOM, else GB18030 (which reads GBK), as Excel
    and WPS in China save it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError("sheet.encoding", path=source)


def read_csv(
    raw: bytes, source: str, *, kind: str | None, mapping: Mapping, stem: str
) -> tuple[Table | None, list[Problem]]:
    text = decode(raw, source)
    grid = list(csv.reader(io.StringIO(text, newline="")))
    named: list[tuple[int, list[tuple[str, Any]]]] = []
    header_at = mapping.header_row
    if len(grid) < header_at:
        raise UsageError("sheet.no-header", path=source, row=header_at)
    headers = [h.strip() for h in grid[header_at - 1]]
    for number, values in enumerate(grid[header_at:], header_at + 1):
        named.append(
            (
                number,
                [
                    (headers[i] if i < len(headers) else _letter(i + 1), _unquote(_clean(v)))
                    for i, v in enumerate(values)
                ],
            )
        )
    return _table(source, headers, list(headers), named, kind=kind, mapping=mapping, name=stem)


def read_xlsx(
    path: Path, source: str, *, kind: str | None, mapping: Mapping, sheet: str | None
) -> tuple[list[Table], list[Problem]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UsageError("sheet.cannot-read", path=source, detail=str(exc)) from None
    try:
        wanted = sheet or mapping.sheet
        if wanted is not None and wanted not in book.sheetnames:
            raise UsageError("sheet.no-sheet", path=source, sheet=wanted, choices="、".join(book.sheetnames))
        names = [wanted] if wanted else [n for n in book.sheetnames if not columns.is_summary(n)]
        tables, problems = [], []
        for name in names:
            ws = book[name]
            grid = [list(r) for r in ws.iter_rows(values_only=True)]
            where = f"{source}[{name}]" if len(book.sheetnames) > 1 else source
            header_at = mapping.header_row
            if len(grid) < header_at or not any(v is not None for v in grid[header_at - 1]):
                continue  # an empty sheet
            headers = ["" if v is None else str(v).strip() for v in grid[header_at - 1]]
            letters = [_letter(i + 1) for i in range(len(headers))]
            named = [
                (
                    number,
                    [(letters[i] if i < len(letters) else _letter(i + 1), _clean(v)) for i, v in enumerate(values)],
                )
                for number, values in enumerate(grid[header_at:], header_at + 1)
            ]
            table, found = _table(where, headers, letters, named, kind=kind, mapping=mapping, name=name)
            problems += found
            if table is not None:
                tables.append(table)
        return tables, problems
    finally:
        book.close()


def infer_kind(headers: list[str], name: str) -> str | None:
    """The kind a sheet's name says, else the one kind whose columns its headers name most;
    None when none fits; `UsageError` when two fit as well."""
    if (named := columns.kind_of_sheet(name)) is not None:
        return named
    scores = {k: sum(columns.strength(k, h) for h in headers if h) for k in columns.KINDS}
    best = max(scores.values())
    if best == 0:
        return None
    top = [k for k, s in scores.items() if s == best]
    if len(top) > 1:
        raise UsageError("sheet.ambiguous-kind", sheet=name, kinds="、".join(map(columns.kind_label, top)))
    return top[0]


def _table(
    source: str,
    headers: list[str],
    places: list[str],
    named: list[tuple[int, list[tuple[str, Any]]]],
    *,
    kind: str | None,
    mapping: Mapping,
    name: str,
) -> tuple[Table | None, list[Problem]]:
    """Headers to canonical keys (problems for unknown and repeated ones), rows to cells."""
    mapped = {textnorm.fold(h): key for h, key in mapping.columns.items()}
    kind = kind or mapping.kind or infer_kind([h for h in headers if textnorm.fold(h) not in mapped], name)
    if kind is None and mapped:
        kind = infer_kind(list(mapped.values()), name)
    if kind is None:
        raise UsageError("sheet.unknown-kind", sheet=name, kinds=", ".join(columns.KINDS))
    problems: list[Problem] = []
    keys: dict[int, str] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        where = places[index]
        key = mapped.get(textnorm.fold(header))
        column = columns.find(kind, key or header)
        if column is None:
            near = textnorm.close_matches(header, columns.headers_of(kind), n=1)
            problems.append(
                Problem(
                    "sheet.unknown-header",
                    source,
                    mapping.header_row,
                    where,  # a column letter or header names the column
                    args={"header": header, "kind": columns.kind_label(kind), "suggestion": near[0] if near else ""},
                    hint=None if near else "hint.sheet.unknown-header-none",
                )
            )
            continue
        if column.derived:
            continue  # computed on export; never read back
        if column.key in seen:
            problems.append(
                Problem(
                    "sheet.repeated-header",
                    source,
                    mapping.header_row,
                    where,
                    args={"header": header, "other": seen[column.key]},
                )
            )
            continue
        seen[column.key] = header
        keys[index] = column.key
    rows = []
    for number, values in named:
        cells = {
            keys[i]: Cell(value, where) for i, (where, value) in enumerate(values) if i in keys and value is not None
        }
        if cells:
            rows.append(Row(number, cells))
    return Table(kind, source, rows, {key: places[i] for i, key in keys.items()}), problems


def from_listing(listing: Any, source: str) -> list[Table]:
    """The published 榜单 as read by `bangdan.parse` (dicts with canonical keys and `_line`,
    `_column`) as a categories table and a projects table, so that it goes through the same plan;
    and a people table of everyone the list names beside a project, where first named: the list is
    where they are published, so an import adds those not yet in the register (by name)."""
    named: dict[str, Row] = {}
    for item in listing.projects:
        for key in ("leader", "mentors", "leading_officials"):
            for name in columns.split_list(str(item.get(key) or "")):
                where = Cell(name, str(item.get("_column") or 1))
                named.setdefault(textnorm.fold(name), Row(int(item.get("_line") or 0), {"name": where}))
    tables = [Table("people", source, list(named.values()))]
    for kind, rows in (("categories", listing.categories), ("projects", listing.projects)):
        known = {c.key: c for c in columns.columns(kind, derived=False)}
        if kind == "projects" and getattr(listing, "numbering", "running") != "running":
            known.pop("number")  # 1, 2 … again in each category: numbered in order here, matched by title
        made = [
            Row(
                int(item.get("_line") or 0),
                {
                    key: Cell(value, str(item.get("_column") or 1))
                    for key, value in item.items()
                    if key in known and value not in (None, "")
                },
            )
            for item in rows
        ]
        tables.append(Table(kind, source, made))
    return tables
