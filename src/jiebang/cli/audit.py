"""`jiebang init`, `history` and `changes`: starting a register and reading its git trail."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from rich.table import Table
from rich.text import Text

from jiebang import api, i18n, render
from jiebang.cli import common, output
from jiebang.cli.options import CategoriesOpt, FormatOpt, LangOpt, RegistryOpt, RowFormat, arg, day_opt, opt, tr
from jiebang.cli.write import ask

INIT_HELP = tr(
    "建立新的登记册：项目集及其类别、空的人员和项目、编辑器用的 schemas、pre-commit 和 CI 配置，"
    "并建立 git 仓库、提交。\n\n"
    "例：jiebang init 我的榜单 --from-sample；"
    "jiebang init . --id demo-2024 --name … --organiser … --category 产业 --category 民生",
    "Start a register: a programme with its categories, empty people and projects, schemas for editors, pre-commit "
    "and CI wiring, a git repository and a first commit.\n\nExample: jiebang init my-list --from-sample",
)
HISTORY_HELP = tr(
    "一个项目的修改记录（来自 git，含手工修改）：谁、何时、改了哪些字段。\n\n例：jiebang history 24",
    "Who changed what in a project, and when, field by field, from git (hand edits included).\n\n"
    "Example: jiebang history 24",
)
CHANGES_HELP = tr(
    "两次调度讲评之间的变化：新进展、状态变更、完成或延后的里程碑、指标变化、新讲评。\n\n"
    "例：jiebang changes --since 2022-05-31；jiebang changes --since HEAD~5",
    "What changed since a date or commit (between two review meetings): new updates, status moves, milestones done or "
    "slipped, indicator moves, new reviews.\n\nExample: jiebang changes --since 2022-05-31",
)


def init_command(
    directory: Annotated[Path, arg("DIR", zh="建在哪里（默认当前目录）。", en="Where (default: here).")] = Path(),
    from_sample: Annotated[
        bool, opt("--from-sample", zh="复制内置的容桂示例。", en="Copy the bundled 容桂 sample.")
    ] = False,
    programme_id: Annotated[str | None, opt("--id", zh="项目集 id，如 ronggui-2022。", en="Programme id.")] = None,
    name: Annotated[str | None, opt("--name", zh="项目集名称。", en="Programme name.")] = None,
    organiser: Annotated[str | None, opt("--organiser", zh="发榜单位。", en="Organiser.")] = None,
    launched_on: Annotated[
        str | None, day_opt("--launched-on", zh="发榜日期（默认今天）。", en="Launch date (default: today).")
    ] = None,
    category: CategoriesOpt = None,
    lang: LangOpt = None,
) -> None:
    programme: dict[str, Any] | None = None
    if not from_sample:
        programme = {
            "programme_id": ask(
                programme_id, "--id", "项目集 id（如 ronggui-2022）", "programme id (e.g. ronggui-2022)"
            ),
            "name": ask(name, "--name", "项目集名称", "programme name"),
            "organiser": ask(organiser, "--organiser", "发榜单位", "organiser"),
            "launched_on": launched_on or date.today().isoformat(),
            "categories": category
            or ask(None, "--category", "类别简称（多个用逗号分开）", "category short names, comma-separated").split(
                ","
            ),
        }
    done = api.init(directory, from_sample=from_sample, programme=programme)
    if done.skipped:
        registry = done.root.relative_to(done.repo).as_posix()
        output.notice("init.wiring-skipped", repo=str(done.repo), files="、".join(done.skipped), registry=registry)
    output.out().print(output.t("init.done", path=str(done.root.parent)), markup=False)


def history_command(
    project: Annotated[str, arg("PROJECT", zh="编号、标题或其中一段。", en="Number, title or part.")],
    fmt: FormatOpt = RowFormat.table,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    reg = common.open_register(registry)
    record, entries = api.history(reg, project)
    rows = [
        {
            "commit": e.commit.hash[:10],
            "date": e.commit.author_date,
            "author": e.commit.author_name,
            "how": e.how,
            "subject": e.commit.subject,
            "field": change.pointer,
            "old": change.old,
            "new": change.new,
        }
        for e in entries
        for change in (e.changes or (None,))
        if change is not None
    ]
    if fmt is RowFormat.json:
        output.write(render.as_json(rows))
    elif fmt is RowFormat.yaml:
        output.write(render.as_yaml(rows))
    elif fmt is RowFormat.csv:
        output.write(render.rows_as_csv(rows, list(rows[0]) if rows else ["commit"]))
    else:
        _history_table(record.key, entries, fmt)


def _history_table(key: str, entries: list[Any], fmt: RowFormat) -> None:
    lang = output.state.lang
    how = {
        "zh": {"jiebang": "命令", "hand": "手工", "jiebang+hand": "命令+手工"},
        "en": {"jiebang": "command", "hand": "by hand", "jiebang+hand": "command + hand edits"},
    }[lang]
    headers = {
        "zh": ("日期", "作者", "方式", "提交", "字段", "原值", "新值"),
        "en": ("Date", "Author", "How", "Commit", "Field", "Old", "New"),
    }[lang]
    rows = [
        (
            e.commit.author_date[:19].replace("T", " "),
            e.commit.author_name,
            how[e.how],
            f"{e.commit.hash[:7]} {e.commit.subject}",
            c.pointer,
            _shown(c.pointer, c.old, lang),
            _shown(c.pointer, c.new, lang),
        )
        for e in entries
        for c in e.changes
    ]
    if fmt is RowFormat.md:
        output.write(render.rows_as_markdown([dict(zip(headers, r, strict=True)) for r in rows], headers, headers))
        return
    table = Table(title=Text(render.printable(key)), header_style="bold")
    for header in headers:
        table.add_column(Text(header), overflow="fold")
    for row in rows:
        table.add_row(*(Text(render.cell(cell)) for cell in row))
    output.out().print(table)


def _shown(pointer: str, value: Any, lang: str) -> str:
    """A changed value as people read it: status and rating keys as labels."""
    leaf = pointer.rsplit(".", 1)[-1]
    if isinstance(value, str):
        if pointer == "$.status" or (pointer.startswith("$.status_history") and leaf in ("to", "from")):
            return i18n.label(i18n.STATUS_LABELS, value, lang)
        if pointer.startswith("$.milestones") and leaf == "status":
            return i18n.label(i18n.MILESTONE_STATUS_LABELS, value, lang)
        if leaf == "rating":
            return i18n.label(i18n.RAG_LABELS, value, lang)
    return _short(value)


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = (
        json.dumps(value, ensure_ascii=False, separators=(", ", ": ")) if isinstance(value, dict | list) else str(value)
    )
    return text if len(text) <= 80 else text[:77] + "…"


def changes_command(
    since: Annotated[
        str, opt("--since", metavar="DATE|REV", zh="从哪天（或哪个提交）以来。", en="Since this date or commit.")
    ],
    fmt: FormatOpt = RowFormat.table,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> None:
    reg = common.open_register(registry)
    briefs = api.changes(reg, since)
    rows = [{"project": b.project, "title": b.title, "kind": b.kind, **b.detail} for b in briefs]
    lang = output.state.lang
    headers = {"zh": ("项目", "标题", "类型", "内容"), "en": ("Project", "Title", "Kind", "Detail")}[lang]
    common.emit_rows(
        rows,
        fmt,
        ("project", "title", "kind", "detail"),
        headers,
        lambda: [
            {
                "project": b.project,
                "title": b.title,
                "kind": i18n.label(i18n.BRIEF_LABELS, b.kind, lang),
                "detail": _detail(b.kind, b.detail, lang),
            }
            for b in briefs
        ],
    )


def _detail(kind: str, d: dict[str, Any], lang: str) -> str:
    """One line of the meeting brief, in the chosen language."""

    def status(key: str | None) -> str:
        return i18n.label(i18n.STATUS_LABELS, key, lang) if key else "—"

    reason = f"（{d['reason']}）" if d.get("reason") else ""
    match kind:
        case "added":
            text = status(d.get("status"))
        case "moved":
            text = f"{d.get('on')} {status(d.get('from'))} → {status(d.get('to'))}{reason}"
        case "update":
            need = i18n.label(i18n.REPORT_LABELS, "needs_coordination", lang)
            text = f"{d.get('date')} {d.get('summary')}" + "".join(f"；{need}：{n}" for n in d["needs_coordination"])
        case "milestone-done":
            text = f"{d.get('id')} {d.get('title')} {d.get('on') or ''}".strip()
        case "milestone-slipped":
            text = f"{d.get('id')} {d.get('title')} {d.get('from')} → {d.get('to')}{reason}"
        case "measured":
            text = f"{d.get('name')} {d.get('value')}{d.get('unit') or ''}（{d.get('on')}）"
        case "reviewed":
            rating = i18n.label(i18n.RAG_LABELS, d["rating"], lang) if d.get("rating") else None
            text = " ".join(str(x) for x in (d.get("date"), rating, d.get("comments")) if x)
        case "revised":
            field = i18n.label(i18n.REVISED_FIELD_LABELS, d.get("field"), lang)
            values = [i18n.label(i18n.TIER_LABELS, d.get(k), lang) if d.get(k) else "—" for k in ("from", "to")]
            text = f"{d.get('on')} {field} {values[0]} → {values[1]}{reason}"
        case "action-done":
            text = f"{d.get('id')} {d.get('text')} {d.get('on') or ''}".strip()
        case _:
            text = ""
    return text


COMMANDS = {
    "init": (init_command, INIT_HELP),
    "history": (history_command, HISTORY_HELP),
    "changes": (changes_command, CHANGES_HELP),
}
