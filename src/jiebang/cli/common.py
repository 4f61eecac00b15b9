"""Steps every read command shares: open the register and say what is being shown."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text

from jiebang import api, i18n
from jiebang.cli import output
from jiebang.cli.options import DocFormat, RowFormat, as_of, invocation
from jiebang.errors import InvalidRegister, Severity, UsageError
from jiebang.model.federation import Federation
from jiebang.model.records import Register
from jiebang.present import render
from jiebang.queries import views


def open_register(known_at: str | None = None, *, project: str | None = None) -> Register:
    """Load the register (as it stood in git at `known_at`, if given; only what one `project`
    needs when named). Files that cannot be read are announced, not silently dropped; other
    errors are counted in one line, since what is shown may then be wrong (a typed category, a
    misspelt field): the whole register's, or when one project was read, those of the files read."""
    registry, env = invocation.registry, os.environ.get("JIEBANG_REGISTRY")
    reg, problems = api.open_register(registry, env, project=None if known_at else project)
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
        output.notice("notice.invalid-read" if reg.partial else "notice.invalid", count=len(errors))
    return reg


def open_indexed(known_at: str | None, criteria: views.Criteria, when: str | None) -> api.IndexedRead | None:
    """The read through the register's index when it can answer (`api.read_indexed`: not as at a
    revision, nor with the restricted store), saying what `open_register` would; None: open it."""
    if known_at or invocation.include_restricted:
        return None
    try:
        day = as_of(when)
    except UsageError:
        return None  # said by the road every read takes, in its order
    registry, env = invocation.registry, os.environ.get("JIEBANG_REGISTRY")
    read = api.read_indexed(criteria, registry, env, as_of=day, today=date.today())
    if read is not None and read.errors:
        output.notice("notice.invalid", count=read.errors)
    return read


def open_federation(known_at: str | None = None) -> Federation | None:
    """The federation the command reads (None: an ordinary register), its file's errors
    counted as a register's are: the members it could not use are missing from what is shown."""
    fed = api.open_federation(invocation.registry, os.environ.get("JIEBANG_REGISTRY"))
    if fed is None:
        return None
    if invocation.include_restricted:
        raise UsageError("federation.no-restricted")
    if known_at:
        raise UsageError("federation.no-known-at")
    errors = [p for p in fed.problems if p.severity is Severity.ERROR]
    if errors and not fed.members:  # an empty answer would read as "no such projects"
        raise InvalidRegister(errors, "federation.unusable")
    if errors:
        output.notice("notice.federation-invalid", count=len(errors))
    return fed


def read_members(fed: Federation, criteria: views.Criteria, when: str | None) -> list[api.MemberRead]:
    """Each member read for `criteria` at `when`, its errors counted as a read of it alone would."""
    day, today = as_of(when), date.today()
    reads = [api.read_member(m, criteria, as_of=day, today=today) for m in fed.members]
    api.known_person(reads, criteria)
    member_notices(reads)
    return reads


def member_notices(reads: Sequence[api.MemberRead]) -> None:
    for read in reads:
        if read.errors:
            output.notice("notice.member-invalid", namespace=read.member.namespace, count=read.errors)


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
    text = document_text(doc, fmt)
    if text is not None:
        output.write(text)
    return text is not None


def document_text(doc: Any, fmt: RowFormat) -> str | None:
    """A document in a machine format (JSON, YAML, or CSV as field/value rows); None for the others."""
    if fmt is RowFormat.json:
        return render.as_json(doc)
    if fmt is RowFormat.yaml:
        return render.as_yaml(doc)
    if fmt is RowFormat.csv:
        headers = [i18n.label(i18n.REPORT_LABELS, key, output.state.lang) for key in ("field", "value")]
        return render.rows_as_csv(flatten(doc), ("field", "value"), headers)
    return None


def check_output(fmt: DocFormat, path: Path | None, *, force: bool) -> None:
    """Refused before any work is done: Word needs a file, a table is for the screen, and a
    file already there is kept unless `force`."""
    if fmt is DocFormat.docx and path is None:
        raise UsageError("briefing.docx-needs-output")
    if fmt is DocFormat.table and path is not None:
        raise UsageError("briefing.output-table")
    if path is not None and path.exists() and not force:
        raise UsageError("briefing.is-folder" if path.is_dir() else "briefing.exists", path=str(path))


def emit_document_to(
    doc: Any,
    fmt: DocFormat,
    path: Path | None,
    *,
    force: bool,
    markdown: Callable[[int | None], str],
    word: Callable[[], bytes],
) -> None:
    """A document for people in the format asked: on screen (its Markdown `markdown` lays out,
    given the screen's width), as Markdown or data on stdout or into `path`, or as Word (`word`)
    into `path`, written whole or not at all."""
    if fmt is DocFormat.table:
        from rich.markdown import Markdown

        console = output.out(output.TEXT_WIDTH)
        console.print(Markdown(markdown(console.width)))
        return
    if fmt is DocFormat.docx:
        data = word()
    else:
        text = markdown(None) if fmt is DocFormat.md else document_text(doc, RowFormat(fmt.value))
        if path is None:
            output.write(text or "")
            return
        data = (text or "").encode()
    assert path is not None  # check_output saw to it
    api.save_document(path, data, force=force)
    output.out().print(Text(output.t("briefing.written", path=str(path))))


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
