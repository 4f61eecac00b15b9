"""JSON Schema checks of single files, as `Problem`s a person can act on.

The schemas in `schemas/` are the contract for each kind of file. jsonschema's English
messages are not shown: each failure becomes a stable code (`schema.required`,
`schema.unknown-field`, …) with arguments, so the catalogue can say it in either language,
and unknown fields or enum values come with a "did you mean" hint.

jsonschema itself is imported only for a file jsonschema-rs fails: a read that checks the one project
it shows (`report`) pays for the fast engine alone.

Two engines: jsonschema-rs (compiled once per kind, ~40× faster) decides whether a file passes;
only a file it fails goes through jsonschema, whose errors become the messages. A file is never
passed by the fast engine that the full one would fail: where the engines' rules differ (5.0 is
an integer to jsonschema-rs, not to us), the file takes the full path.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.errors import Problem
from jiebang.files import resources
from jiebang.model import dates
from jiebang.model.records import Kind, Record, scalars

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    import jsonschema
    from jsonschema.exceptions import ValidationError

SCHEMA_FILES = {kind: kind.value for kind in Kind}


@cache
def _schemas(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text("utf-8")) for p in folder.glob("*.schema.json")}


def _is_integer(_checker: object, instance: object) -> bool:
    """An integer is written as one: JSON Schema counts 5.0 as an integer, but `number: 5.0`
    would slip past every rule that compares numbers (file names, uniqueness)."""
    return isinstance(instance, int) and not isinstance(instance, bool)


EDTF_QUALIFIERS = "".join(dates.QUALIFIERS)  # what may follow a date: 2023-05~
# The schemas' guard against "A1\n" (common.schema.json's $comment); typed, so a number is only a type error.
LINE_BREAK_GUARD = {"type": "string", "pattern": "\n"}


def _is_partial_date(instance: object) -> bool:
    """A year, a month or a day that exists, qualified or not: 2022-02~ yes, 2022-02-31 and 0000 no."""
    if not isinstance(instance, str):
        return True
    parts = textnorm.date_parts(instance.rstrip(EDTF_QUALIFIERS))
    if parts is None:
        return True  # the shape is the pattern's job
    year, month, day = parts
    datetime.date(year, month or 1, day or 1)  # ValueError for a day or year that does not exist
    return True


@cache
def validator(kind: Kind, folder: Path | None = None) -> jsonschema.protocols.Validator:
    """jsonschema's validator for the kind: imported only here, for the files jsonschema-rs fails
    (a read of one project checks it, and jsonschema's import costs more than that check)."""
    import jsonschema
    import referencing

    schemas = _schemas(folder or resources.schemas_dir())
    registry: referencing.Registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in schemas.values()
    )
    schema = schemas[SCHEMA_FILES[kind]]
    base = jsonschema.validators.validator_for(schema)
    cls = jsonschema.validators.extend(base, type_checker=base.TYPE_CHECKER.redefine("integer", _is_integer))
    formats = jsonschema.FormatChecker(())
    formats.checkers = dict(base.FORMAT_CHECKER.checkers)  # a copy: the shared checker stays as it is
    formats.checks("partial-date", raises=ValueError)(_is_partial_date)
    return cls(schema, registry=registry, format_checker=formats)


@cache
def _visible_pattern() -> str:
    """The `text` pattern (a visible character somewhere), to name its failure plainly."""
    return str(_schemas(resources.schemas_dir())["common"]["$defs"]["text"]["pattern"])


def field_order(kind: Kind) -> tuple[str, ...]:
    """A record's top-level fields in the order the schema lists them (where a new key goes)."""
    return tuple(_schemas(resources.schemas_dir())[SCHEMA_FILES[kind]]["properties"])


@cache
def _fast(kind: Kind, folder: Path | None = None) -> Callable[[object], bool]:
    """jsonschema-rs's pass/fail for the kind, with the same partial-date rule."""
    import jsonschema_rs

    schemas = _schemas(folder or resources.schemas_dir())
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in schemas.values()])
    validator = jsonschema_rs.validator_for(
        schemas[SCHEMA_FILES[kind]], registry=registry, validate_formats=True, formats={"partial-date": _partial_date}
    )
    return validator.is_valid


def _partial_date(instance: object) -> bool:
    try:
        return _is_partial_date(instance)
    except ValueError:
        return False


def passes(record: Record) -> bool:
    """The fast engine's verdict; False (take the full path) for anything it cannot judge alike:
    a number written 5.0 anywhere is an integer to jsonschema-rs, a type error to us."""
    if any(value.is_integer() for value in scalars(record.data).floats):
        return False
    try:
        return _fast(record.kind)(record.data)
    except (ValueError, TypeError, OverflowError):  # a value it cannot convert: let jsonschema judge
        return False


def check_record(record: Record) -> list[Problem]:
    if passes(record):
        return []
    v = validator(record.kind)
    problems: list[Problem] = []
    for error in v.iter_errors(record.data):
        problems.extend(_problems(record, error))
    return problems


def pointer(parts: Sequence[str | int]) -> str:
    """`$.teams[0].leader`: the form jq and most JSON tools read."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if re.fullmatch(r"\w+", part) else f"[{part!r}]")
    return out


def _problems(record: Record, error: ValidationError) -> Iterator[Problem]:
    from jsonschema.exceptions import best_match

    if error.context and error.validator in ("anyOf", "oneOf"):
        error = best_match(error.context) or error
    parts = list(error.absolute_path)
    kind = str(error.validator)
    args: dict[str, Any] = {}
    hint: str | None = None
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for extra in _extras(error):
            line, col = record.locate([*parts, extra], key=True)
            near = difflib.get_close_matches(extra, known, n=1, cutoff=0.6)
            yield Problem(
                "schema.unknown-field",
                record.display,
                line,
                col,
                pointer(parts),
                record.key,
                {"field": extra, "suggestion": near[0] if near else "", "known": ", ".join(known)},
                "hint.did-you-mean" if near else "hint.known-fields",
            )
        return
    if hole := _hole(error):
        kind, args, hint = hole
    elif kind == "required":
        missing = next((p for p in error.validator_value if error.message.startswith(repr(p))), "")
        args = {"field": missing}
    elif kind == "type":
        args = {"expected": _types(error.validator_value), "value": _short(error.instance)}
    elif kind == "enum":
        allowed = [str(a) for a in error.validator_value]
        near = difflib.get_close_matches(str(error.instance), allowed, n=1, cutoff=0.5)
        args = {
            "value": _short(error.instance),
            "allowed": ", ".join(allowed),
            "suggestion": near[0] if near else "",
        }
        hint = "hint.did-you-mean" if near else None
    elif kind in ("const", "format", "pattern"):
        args = {"value": _short(error.instance), "expected": str(error.validator_value)}
        if kind == "format" and isinstance(error.instance, str):
            hint, args = _impossible_day(error.instance, args)
    elif kind in (
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
    ):
        args = {"value": _short(error.instance), "limit": error.validator_value}
    elif kind == "uniqueItems":
        args = {"value": _short(error.instance)}
    else:
        kind, args = "invalid", {"detail": error.message}
    code = f"schema.{kind}"
    line, col = record.locate(parts)
    field = parts[-1] if parts else ""
    yield Problem(code, record.display, line, col, pointer(parts), record.key, {"field": field, **args}, hint)


def _hole(error: ValidationError) -> tuple[str, dict[str, Any], str | None] | None:
    """Failures of the checks that close the schema's holes, named for what they mean: a line
    break after an id or date, a whole number written as 5.0, text with nothing visible."""
    if error.validator == "not" and error.validator_value == LINE_BREAK_GUARD:
        # the guard against "A1\n" (see common.schema.json): say which pattern the value breaks
        pattern = str(error.schema.get("pattern", ""))
        return "pattern", {"value": _short(error.instance), "expected": pattern}, "hint.schema.line-break"
    if error.validator == "type" and isinstance(error.instance, float) and error.instance.is_integer():
        args = {"expected": _types(error.validator_value), "value": _short(error.instance)}
        return "type", {**args, "integer": int(error.instance)}, "hint.schema.integer-float"
    if error.validator == "type" and error.schema.get("format") == "partial-date" and isinstance(error.instance, int):
        # YAML reads an unquoted year (2023) as a number
        return "type", {"expected": "string", "value": _short(error.instance)}, "hint.date-year-quoted"
    if error.validator == "pattern" and error.validator_value == _visible_pattern():
        return "blank", {"value": _quoted(str(error.instance))}, None
    return None


def _impossible_day(text: str, args: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """A date written right that does not exist (2026-02-30) says so, not how to write dates."""
    _, month, day = textnorm.date_parts(text.rstrip(EDTF_QUALIFIERS)) or (0, None, None)
    if month is None or day is None:
        return None, args
    if not 1 <= month <= 12:
        return "hint.date-no-such-month", {**args, "month": month}
    return "hint.date-no-such-day", {**args, "month": month, "day": day}


def _extras(error: ValidationError) -> list[str]:
    props = error.schema.get("properties", {})
    patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
    return [k for k in error.instance if k not in props and not any(p.search(k) for p in patterns)]


def _types(value: str | list[str]) -> str:
    return " | ".join(value) if isinstance(value, list) else value


def _short(value: Any) -> str:
    """The value as shown in a message; a string with a line break or other invisible character
    is quoted with escapes ("A1\\n"), so the reader sees what is wrong with it."""
    if not isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = value if value.isprintable() else _quoted(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _quoted(text: str) -> str:
    """The text in quotes, what cannot be seen written as an escape: "A1\\n", "\\u200b"."""
    return '"' + "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text) + '"'


def bundled(name: str) -> dict[str, Any]:
    """The schema `name` (`project`, …) with common.schema.json inside it and every `$ref` made
    local, for a tool that is handed one file (check-jsonschema, an editor) and must fetch
    nothing. Embedding common with its own `$id` would work too, but makes `referencing` crawl the
    whole schema on every lookup, twenty times slower a file."""
    folder = resources.schemas_dir()
    schema = json.loads((folder / f"{name}.schema.json").read_text("utf-8"))
    common = json.loads((folder / "common.schema.json").read_text("utf-8"))
    common.pop("$id", None)
    _local_refs(schema, "common.schema.json#", "#/$defs/__common")
    _local_refs(common, "#/", "#/$defs/__common/")  # its own references, before those by file name
    _local_refs(common, "common.schema.json#", "#/$defs/__common")
    schema.setdefault("$defs", {})["__common"] = common
    return schema


def _local_refs(node: object, old: str, new: str) -> None:
    """Every `$ref` starting with `old` starts with `new` instead."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(old):
                node[key] = new + value.removeprefix(old)
            else:
                _local_refs(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _local_refs(value, old, new)


def check_schemas(folder: Path | None = None) -> list[str]:
    """Names of schema files that are not valid schemas (used by the test suite and `validate`)."""
    import jsonschema

    bad = []
    for name, schema in _schemas(folder or resources.schemas_dir()).items():
        try:
            jsonschema.validators.validator_for(schema).check_schema(schema)
        except jsonschema.SchemaError:
            bad.append(name)
    return bad
