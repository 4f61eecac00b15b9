"""`jiebang list`: the projects of a register as a table or a machine format."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from jiebang import api, i18n, render
from jiebang.cli import output
from jiebang.cli.options import LangOpt, RegistryOpt, RowFormat, tr
from jiebang.query import Selection, person_name

HELP = tr(
    "列出项目，可按类别筛选。类别可写序号、一…六、简称（民生）、别名、英文键、全称或其中一段，繁简体均可。\n\n"
    "例：jiebang list --category 民生",
    "List projects, optionally of one category. A category may be named by number, 一…六, short name (民生), "
    "alias, ASCII key, full name or a unique part of it, in Simplified or Traditional.\n\n"
    "Example: jiebang list --category 民生",
)

COLUMNS = ("number", "title", "scope", "category", "status", "leader", "mentors")
HEADERS = {
    "zh": ("编号", "项目", "范围", "类别", "状态", "负责人", "导师"),
    "en": ("No.", "Project", "Scope", "Category", "Status", "Leader", "Mentors"),
}
UNDISCLOSED = {"zh": "未公开", "en": "undisclosed"}


def rows(selected: list[Selection], lang: str) -> list[dict[str, Any]]:
    out = []
    for item in selected:
        data = item.project.data
        team = (data.get("teams") or [{}])[0] if isinstance(data.get("teams"), list) else {}
        team = team if isinstance(team, dict) else {}
        unknown = UNDISCLOSED[lang]
        out.append(
            {
                "programme": item.programme.id,
                "number": data.get("number"),
                "title": data.get("title"),
                "scope": data.get("scope"),
                "category": (item.category or {}).get("short"),
                "status": i18n.label(i18n.STATUS_LABELS, str(data.get("status")), lang),
                "leader": person_name(item.programme, team.get("leader"), unknown=unknown),
                "mentors": [
                    person_name(item.programme, m, unknown=unknown) for m in team.get("mentors") or ()
                ],
            }
        )
    return out


def list_command(
    category: Annotated[
        str | None,
        typer.Option(
            "--category", "-c", metavar=tr("类别", "CATEGORY"), help=tr("只列此类别。", "Only this category.")
        ),
    ] = None,
    fmt: Annotated[
        RowFormat, typer.Option("--format", "-f", help=tr("输出格式。", "Output format."))
    ] = RowFormat.table,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    reg, _problems = api.open_register(registry, os.environ.get("JIEBANG_REGISTRY"))
    if reg.origin == "bundled":
        output.notice("notice.bundled")
    lang = output.state.lang
    table = rows(api.select(reg, category=category), lang)
    if fmt is RowFormat.json:
        output.write(render.rows_as_json(table))
    elif fmt is RowFormat.csv:
        output.write(render.rows_as_csv(table, ("programme", *COLUMNS)))
    elif fmt is RowFormat.yaml:
        output.write(render.rows_as_yaml(table))
    elif fmt is RowFormat.md:
        output.write(render.rows_as_markdown(table, COLUMNS, HEADERS[lang]))
    else:
        for row in table:
            row["unknown"] = None
        output.table(table, COLUMNS, HEADERS[lang])
