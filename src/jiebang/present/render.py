"""Plain-text renderers: problems and rows → `str`. No terminal, no Rich.

Machine formats (json, github, csv, yaml) are byte-stable for the same input, so scripts
and golden tests can depend on them. Their modules are imported by the functions that write
them: a table on the screen, the usual output, needs none (start-up time is benchmarked).
"""

from __future__ import annotations

import io
import math
import re
from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.model import dates, lifecycle

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jiebang.errors import Problem

PROBLEM_FORMATS = ("text", "json", "github")


def shown_date(value: object, lang: str) -> str:
    """A record's date for people: as written, except that an imprecise one reads in Chinese as
    2023年5月 or 2023年5月（推定）, and in English carries its qualifier in words, 2023-05 (inferred)."""
    if value is None or value == "":
        return ""
    written = str(value).strip()
    qualifier = dates.date_qualifier(written)
    body = written.rstrip("".join(dates.QUALIFIERS))
    if dates.date_span(written) is None or (qualifier is None and len(body) == 10):
        return written  # a day as written, or a value validate reports
    note = i18n.label(i18n.DATE_QUALIFIER_LABELS, qualifier, lang) if qualifier else ""
    if lang == "en":
        return f"{body} ({note})" if note else body
    parts = [int(part) for part in body.split("-")]
    text = "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日", strict=False))
    return f"{text}（{note}）" if note else text


def message(problem: Problem, lang: str) -> str:
    """The message with any data it quotes made `printable`, in every format."""
    return printable(i18n.text(problem.code, lang, **problem.args))


def hint(problem: Problem, lang: str) -> str | None:
    key = problem.hint or f"hint.{problem.code}"
    return printable(i18n.text(key, lang, **problem.args)) if i18n.has(key) else None


def location(problem: Problem) -> str:
    return ":".join(str(x) for x in (problem.path, problem.line, problem.col) if x is not None)


def problem_line(problem: Problem, lang: str) -> str:
    """`path:line:col: severity [code] record $.pointer: message (hint)` — editors can jump to it."""
    severity = i18n.text(f"severity.{problem.severity.value}", lang)
    where = " ".join(x for x in (problem.record, problem.pointer) if x)
    head = f"{location(problem)}: {severity} [{problem.code}]"
    if where:
        head += f" {where}"
    body = f"{head}: {message(problem, lang)}"
    tip = hint(problem, lang)
    return f"{body}\n    {i18n.text('label.hint', lang)}: {tip}" if tip else body


def problems_as_text(problems: Sequence[Problem], lang: str) -> str:
    return "".join(problem_line(p, lang) + "\n" for p in problems)


def problem_dict(problem: Problem, lang: str) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "pointer": problem.pointer,
        "record": problem.record,
        "code": problem.code,
        "severity": problem.severity.value,
        "message": message(problem, lang),
        "hint": hint(problem, lang),
        "args": {
            k: v if isinstance(v, str | int | float | bool) or v is None else str(v) for k, v in problem.args.items()
        },
    }


def problems_as_json(problems: Sequence[Problem], lang: str, **summary: Any) -> str:
    import json

    doc = {
        "ok": not any(p.severity.value == "error" for p in problems),
        **summary,
        "problems": [problem_dict(p, lang) for p in problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def problems_as_github(problems: Sequence[Problem], lang: str) -> str:
    """GitHub Actions workflow commands: annotations on the changed lines of a pull request."""
    out = []
    for p in problems:
        props = [f"file={_gh_escape(p.path, prop=True)}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.col:
            props.append(f"col={p.col}")
        props.append(f"title={_gh_escape(p.code, prop=True)}")
        text = message(p, lang)
        tip = hint(p, lang)
        if tip:
            text += f"\n{i18n.text('label.hint', lang)}: {tip}"
        out.append(f"::{p.severity.value} {','.join(props)}::{_gh_escape(text)}\n")
    return "".join(out)


# ------------------------------------------------------------------------------ rows

ROW_FORMATS = ("table", "json", "csv", "yaml", "md")


def as_json(doc: Any) -> str:
    """RFC 8259 JSON: a number that is not finite (weights whose sum overflowed, a .nan read
    before `validate` refused it) is written as null, never as NaN, which JSON parsers refuse.

    What `json.dumps(indent=2)` writes, written here for plain data: with an indent, `json` takes
    its pure-Python encoder, which cost half of `list --format json` on a large register."""
    import json

    out: list[str] = []
    try:
        _indented(doc, "\n", out, json.encoder.encode_basestring)  # type: ignore[attr-defined]
    except _NotPlain:
        return json.dumps(_finite(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    out.append("\n")
    return "".join(out)


_CONSTANTS = {None: "null", True: "true", False: "false"}


class _NotPlain(Exception):
    """A value `_indented` leaves to `json` (a key not text, a type of its own)."""


def _indented(value: Any, newline: str, out: list[str], quote: Callable[[str], str]) -> None:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=2)` writes it at the indent
    `newline` ends with, non-finite numbers as null."""
    kind = type(value)
    if kind is str:
        out.append(quote(value))
    elif value is None or kind is bool:
        out.append(_CONSTANTS[value])
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(float.__repr__(value) if math.isfinite(value) else "null")
    elif kind is dict:
        _members(value, newline, out, quote)
    elif kind is list or kind is tuple:
        _items(value, newline, out, quote)
    else:
        raise _NotPlain


def _members(value: dict[Any, Any], newline: str, out: list[str], quote: Callable[[str], str]) -> None:
    """A dict for `_indented`; text values written here, a call fewer for most of ten thousand rows' fields."""
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, item in value.items():
        if type(key) is not str:
            raise _NotPlain
        out.append(separator)
        out.append(quote(key))
        out.append(": ")
        if type(item) is str:
            out.append(quote(item))
        else:
            _indented(item, inner, out, quote)
        separator = "," + inner
    out.append(newline + "}")


def _items(value: list[Any] | tuple[Any, ...], newline: str, out: list[str], quote: Callable[[str], str]) -> None:
    """A list for `_indented`, text items written here."""
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in value:
        out.append(separator)
        if type(item) is str:
            out.append(quote(item))
        else:
            _indented(item, inner, out, quote)
        separator = "," + inner
    out.append(newline + "]")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def as_yaml(doc: Any) -> str:
    import yaml

    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False)


def rows_as_json(rows: Sequence[dict[str, Any]]) -> str:
    return as_json(list(rows))


CSV_BOM = "\ufeff"


# A text cell starting with one of these is run as a formula by Excel and WPS (OWASP "CSV
# injection"); full-width forms too, as WPS reads them the same way.
FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def csv_cell(value: Any) -> Any:
    """A number stays a number (a real -3 must still add up); text that a spreadsheet would run
    as a formula gets a leading `'`, which shows it as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = cell(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def rows_as_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: Sequence[str] | None = None) -> str:
    """CSV that Excel on Windows opens as written: a UTF-8 byte-order mark (without it Excel
    reads Chinese as the local code page) and CRLF line ends; `headers` name the columns for
    people (default: the column keys). No cell can run as a formula (`csv_cell`)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers or columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return CSV_BOM + buffer.getvalue()


def rows_as_yaml(rows: Sequence[dict[str, Any]]) -> str:
    return as_yaml(list(rows))


# Every character that Markdown or the HTML inside it could read as syntax: emphasis, links
# and images, raw HTML, entities, headings, code, table cells.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def md_text(text: str) -> str:
    """Data as inert Markdown: every special character backslash-escaped, so `<script>`, a
    `[x](javascript:…)` link or `|` shows as written instead of acting; one line."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def rows_as_markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: Sequence[str]) -> str:
    lines = ["| " + " | ".join(md_text(cell(h)) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_text(cell(row.get(c))) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


LIST_SEPARATOR = {"zh": "、", "en": ", "}


# Characters that would act on a terminal instead of showing (escape sequences, bell, carriage
# return, line separators) or reorder what is shown (bidirectional overrides, which can make
# "gpj.exe" read as "exe.jpg"): printed as \uXXXX so a hostile value can neither colour, move
# nor disguise anything.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def cell(value: Any) -> str:
    """One value as text for a cell; a mapping (a record's old and new value) as JSON, never Python's repr."""
    if type(value) is str:  # most cells: tested first, as tables of thousands of rows ask for each
        return printable(value)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(cell(v) for v in value)
    if isinstance(value, dict):
        import json

        return printable(json.dumps(value, ensure_ascii=False, default=str))
    return printable(str(value))


def localise(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """Labels for people: status and RAG keys in the chosen language, progress as a percentage,
    lists of names joined as the language writes them."""
    out = dict(row)
    for field, table in (
        ("status", i18n.STATUS_LABELS),
        ("rag_label", i18n.RAG_LABELS),
        ("progress_source", i18n.PROGRESS_SOURCES),
    ):
        if isinstance(out.get(field), str) and out[field]:
            out[field] = i18n.label(table, out[field], lang)
    if "progress" in out:
        value = out["progress"]
        out["progress"] = f"{value:g}%" if isinstance(value, int | float) and not isinstance(value, bool) else "—"
    if "leaders" in out and not out["leaders"]:
        # A team was given a 任务令 but its leader was not published: say so, rather than leave a blank.
        needs_team = isinstance(row.get("status"), str) and row["status"] in lifecycle.NEEDS_TEAM
        out["leaders"] = i18n.label(i18n.REPORT_LABELS, "undisclosed", lang) if needs_team else "—"
    for field in ("leaders", "mentors"):
        if isinstance(out.get(field), list | tuple):
            out[field] = LIST_SEPARATOR.get(lang, "、").join(cell(name) for name in out[field])
    return out
