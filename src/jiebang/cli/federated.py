"""`jiebang status` of a federation: each member's rows as its own status shows them, under its
namespace, its total, then the total across members (issue 12).

The rows are the ordinary command's (`status._summary_row`, `_shown_summary`, its tables): a
member's rows read as they do in that member, with the member named in the programme column.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jiebang import api, i18n
from jiebang.cli import common, output, status
from jiebang.cli.options import RowFormat, as_of
from jiebang.model.federation import Federation
from jiebang.present import render
from jiebang.queries import units, views


def show_status(fed: Federation, when: str | None, fmt: RowFormat, by: status.By) -> None:
    criteria = common.criteria()
    day = as_of(when)
    members, total = api.status_federated(
        fed,
        criteria,
        as_of=day,
        today=date.today(),
        by_unit=by is status.By.unit,
        by_programme=by is status.By.programme,
    )
    common.member_notices([m.read for m in members])
    lang = output.state.lang
    projects = [{"namespace": m.read.member.namespace, **views.as_row(v)} for m in members for v in m.read.items]
    if fmt in (RowFormat.json, RowFormat.yaml):
        rows = "categories" if by is status.By.category else f"{by.value}s"
        doc = {
            "as_of": day.isoformat(),
            "members": [
                {
                    "namespace": m.read.member.namespace,
                    rows: [status._summary_row(s, units.of(m.read.register), by) for s in m.summaries[:-1]],
                    "total": status._summary_row(m.summaries[-1], units.of(m.read.register), by),
                }
                for m in members
            ],
            "total": status._summary_row(total, units.NONE, by),
            "projects": projects,
        }
        output.write(render.as_json(doc) if fmt is RowFormat.json else render.as_yaml(doc))
        return
    shown = [row for m in members for row in _member_rows(m, lang, by)]
    shown.append(status._shown_summary(total, lang, units.NONE, by))
    columns, headers = status._columns(by), status._summary_headers(lang, by)
    # each project's number with its member's namespace and programme: numbers repeat across members
    detail = [{**row, "programme": f"{row['namespace']}/{row['programme']}"} for row in projects]
    if fmt is RowFormat.csv:
        output.write(render.rows_as_csv(shown, columns, headers))
    elif fmt is RowFormat.md:
        output.write(render.rows_as_markdown(shown, columns, headers) + "\n")
        numbered = [{**r, "number": f"{r['programme']}/{r['number']}"} for r in detail]
        rows = [render.localise(r, lang) for r in numbered]
        output.write(render.rows_as_markdown(rows, status.DETAIL_COLUMNS, status.DETAIL_HEADERS[lang]))
    else:
        status._tables(shown, detail, lang, day.isoformat(), by)


def _member_rows(member: api.MemberStatus, lang: str, by: status.By) -> list[dict[str, Any]]:
    """A member's rows as its own status words them, the programme column saying whose: the
    member's namespace before each programme, and on its total row (合计 of that member)."""
    namespace = member.read.member.namespace
    known = units.of(member.read.register)
    rows = []
    for summary in member.summaries:
        row = status._shown_summary(summary, lang, known, by)
        if summary.total and by is status.By.programme:
            row["programme"] = f"{namespace} {i18n.label(i18n.REPORT_LABELS, 'total', lang)}"
        elif summary.total:
            row["programme"] = namespace
        else:
            text = str(row["programme"])
            indent = len(text) - len(text.lstrip())
            row["programme"] = f"{text[:indent]}{namespace}/{text[indent:]}"
        rows.append(row)
    return rows
