"""Steps every read command shares: open the register and say what is being shown."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from jiebang import api, i18n
from jiebang.cli import output
from jiebang.cli.options import RowFormat, invocation
from jiebang.errors import Severity
from jiebang.model.records import Register
from jiebang.present import render
from jiebang.queries import views


def open_register(known_at: str | None = None) -> Register:
    """Load the register (as it stood in git at `known_at`, if given). Files that cannot be
    read are announced, not silently dropped; other errors are counted in one line, since
    what is shown may then be wrong (a typed category, a misspelt field). Counting them means a
    full validation (about 0.1 s on a small register); a cache of per-file results belongs to the
    scale work (issue 12)."""
    reg, problems = api.open_register(invocation.registry, os.environ.get("JIEBANG_REGISTRY"))
    if known_at:
        reg, problems = api.register_at(reg, known_at)
    if invocation.include_restricted:
        reg, restricted_problems = api.include_restricted(reg, invocation.restricted)
        problems = [*problems, *restricted_problems]
    if reg.origin == "bundled":
        output.notice("notice.bundled")
    broken = sorted({p.path for p in problems if p.severity is Severity.ERROR})
    if broken:
        output.notice("notice.unreadable", count=len(broken), files="、".join(broken))
    if reg.origin == "bundled":  # shipped inside the package, validated when built (CI): not re-checked per read
        return reg
    # the same count as `validate` (unreadable files included), so the two never disagree
    errors = [p for p in api.check(reg, problems, today=date.today()) if p.severity is Severity.ERROR]
    if errors:
        output.notice("notice.invalid", count=len(errors))
    return reg


def emit_rows(
    rows: Sequence[dict[str, Any]],
    fmt: RowFormat,
    columns: Sequence[str],
    headers: Sequence[str],
    shown: Callable[[], Sequence[dict[str, Any]]] | None = None,
) -> None:
    """Machine formats carry keys and numbers; table, csv and md carry labels for people
    (each row localised, or what `shown` builds when a command words them itself)."""
    lang = output.state.lang
    if fmt is RowFormat.json:
        output.write(render.rows_as_json(rows))
    elif fmt is RowFormat.yaml:
        output.write(render.rows_as_yaml(rows))
    elif not rows and fmt in (RowFormat.table, RowFormat.md):  # a bare frame reads as "something failed"
        output.write(i18n.label(i18n.REPORT_LABELS, "none_found", lang) + "\n")
    else:
        shown_rows = shown() if shown else [render.localise(r, lang) for r in rows]
        if fmt is RowFormat.csv:
            output.write(render.rows_as_csv(shown_rows, columns, headers))
        elif fmt is RowFormat.md:
            output.write(render.rows_as_markdown(shown_rows, columns, headers))
        else:
            output.table(shown_rows, columns, headers)


def flatten(value: Any, prefix: str = "") -> list[dict[str, Any]]:
    """A document as (field path, value) rows: the CSV of a report, a card or a portfolio."""
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in flatten(v, f"{prefix}.{k}" if prefix else k)]
    if isinstance(value, list):
        return [row for i, v in enumerate(value) for row in flatten(v, f"{prefix}[{i}]")]
    return [{"field": prefix, "value": value}]


def emit_document(doc: Any, fmt: RowFormat) -> bool:
    """Write a document whole in a machine format (JSON, YAML, or CSV as field/value rows);
    False for the formats a person reads, which each command lays out itself."""
    if fmt is RowFormat.json:
        output.write(render.as_json(doc))
    elif fmt is RowFormat.yaml:
        output.write(render.as_yaml(doc))
    elif fmt is RowFormat.csv:
        headers = [i18n.label(i18n.REPORT_LABELS, key, output.state.lang) for key in ("field", "value")]
        output.write(render.rows_as_csv(flatten(doc), ("field", "value"), headers))
    else:
        return False
    return True


def criteria(**more: Any) -> views.Criteria:
    """The read filters the command was given (`FILTER_OPTIONS`), with any of its own."""
    f = invocation.filters
    return views.Criteria(
        programme=f.get("programme"),
        category=f.get("category"),
        statuses=f.get("status"),
        person=f.get("person"),
        unit=f.get("unit"),
        tier=f.get("tier"),
        rag=f.get("rag"),
        **more,
    )
