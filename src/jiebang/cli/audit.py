"""`jiebang init`, `history` and `changes`: starting a register and reading its git trail."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from rich.text import Text

from jiebang import api, i18n
from jiebang.cli import common, output
from jiebang.cli.options import (
    READ_OPTIONS,
    CategoriesOpt,
    FormatOpt,
    LangOpt,
    RowFormat,
    arg,
    day_opt,
    opt,
    tr,
    with_options,
)
from jiebang.cli.write import ask
from jiebang.errors import UsageError
from jiebang.present import changes, render
from jiebang.writes import changelog

INIT_HELP = tr(
    "建立新的登记册：项目集及其类别、空的人员和项目、编辑器用的 schemas、pre-commit 和 CI 配置，"
    "并建立 git 仓库、提交。\n\n"
    "例：jiebang init 我的榜单 --from-sample；"
    "jiebang init . --id demo-2024 --name … --organiser … --category 产业 --category 民生；"
    "jiebang init --restricted ../受限库（只建受限库，不进共享仓库）",
    "Start a register: a programme with its categories, empty people and projects, schemas for editors, pre-commit "
    "and CI wiring, a git repository and a first commit. With --restricted PATH: only a restricted store, "
    "kept out of the shared repository.\n\nExample: jiebang init my-list --from-sample; "
    "jiebang init --restricted ../restricted",
)
HISTORY_HELP = tr(
    "一个项目的修改记录（来自 git，含手工修改）：谁、何时、改了哪条记录，每条记录一行，人员显示姓名。"
    "--format json/csv 给出字段路径和原始值。\n\n例：jiebang history 24",
    "Who changed what in a project, and when, from git (hand edits included): one line per record changed, "
    "people by name. --format json/csv keep field paths and raw values.\n\nExample: jiebang history 24",
)
CHANGES_HELP = tr(
    "两次调度讲评之间的变化：新进展、状态变更、完成或延后的里程碑、指标变化、新讲评。\n\n"
    "--since 按提交时间：某日（当天最后一次提交）或某个提交之后 git 里新记下的内容，不论记录上写的日期；"
    "早于登记册建立的日期表示从头开始。--between 按记录上的日期（业务日期）：进展、讲评、里程碑完成、指标、"
    "状态变更的日期落在范围内的，不论何时录入。\n\n"
    "例：jiebang changes --between 2026-11-01..2026-11-30；jiebang changes --since 2022-05-31；"
    "jiebang changes --since HEAD~5",
    "What changed between two review meetings: new updates, status moves, milestones done or slipped, indicator "
    "moves, new reviews.\n\n--since is commit time: what was recorded in git after that day (its last commit) or "
    "commit, whatever dates the records carry; a date before the register began means from the start. --between "
    "is business time: updates, reviews, milestones done, measurements and status moves dated in the range, "
    "whenever they were typed in.\n\nExample: jiebang changes --between 2026-11-01..2026-11-30; "
    "jiebang changes --since HEAD~5",
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
    restricted: Annotated[
        Path | None,
        opt(
            "--restricted",
            metavar="PATH",
            zh="只新建受限库（单独的 git 仓库）；若在共享仓库内，则写入其 .gitignore 并提交。",
            en="Create only a restricted store (a git repository of its own); inside the shared repository, "
            "its .gitignore gains the store's path, committed.",
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    if restricted is not None:
        if from_sample or programme_id or name or organiser or launched_on or category or directory != Path():
            raise UsageError("init.restricted-alone")
        store = api.init_restricted(restricted)
        if store.ignored_in is not None:
            output.notice("init.restricted-ignored", repo=str(store.ignored_in))
        output.out().print(output.t("init.restricted-done", path=str(store.root)), markup=False)
        return
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


@with_options(*READ_OPTIONS)
def history_command(
    project: Annotated[str, arg("PROJECT", zh="编号、标题或其中一段。", en="Number, title or part.")],
    fmt: FormatOpt = RowFormat.table,
) -> None:
    reg = common.open_register()
    record, lines = api.history(reg, project)
    programme = reg.programmes.get(record.programme)
    lang = output.state.lang
    rows = [
        {
            "commit": line.entry.commit.hash[:10],
            "date": line.entry.commit.author_date,
            "author": line.entry.commit.author_name,
            "how": line.entry.how,
            "subject": line.entry.commit.subject,
            "record": line.pointer,
            "action": line.action,
            "text": changelog.describe(line, programme, lang),
            "changes": [{"field": c.pointer, "old": c.old, "new": c.new} for c in line.changes],
        }
        for line in lines
    ]
    if fmt is RowFormat.json:
        output.write(render.rows_as_json(rows))
    elif fmt is RowFormat.yaml:
        output.write(render.rows_as_yaml(rows))
    elif fmt is RowFormat.csv:  # structured cells as JSON, so a spreadsheet or script can read them back
        cells = [{**row, "changes": json.dumps(row["changes"], ensure_ascii=False)} for row in rows]
        output.write(render.rows_as_csv(cells, list(rows[0]) if rows else ["commit"]))
    else:
        how = {
            "zh": {"jiebang": "命令", "hand": "手工", "jiebang+hand": "命令+手工"},
            "en": {"jiebang": "command", "hand": "by hand", "jiebang+hand": "command + hand edits"},
        }[lang]
        shown = [
            {
                **row,
                "date": row["date"][:16].replace("T", " "),
                "how": how[row["how"]],
                "commit": row["commit"][:7],
                "subject": row["subject"] if row["how"] == "hand" else "",  # a command's says what the line says
                "change": row["text"],
            }
            for row in rows
        ]
        headers = HISTORY_HEADERS[lang]
        if fmt is RowFormat.md:
            output.write(render.rows_as_markdown(shown, HISTORY_COLUMNS, headers))
        else:
            output.table(shown, HISTORY_COLUMNS, headers, title=f"{record.key} {record.data.get('title', '')}")


HISTORY_COLUMNS = ("date", "author", "how", "commit", "subject", "change")
HISTORY_HEADERS = {
    "zh": ("日期", "作者", "方式", "提交", "提交说明", "修改"),
    "en": ("Date", "Author", "How", "Commit", "Message", "Change"),
}


@with_options(*READ_OPTIONS)
def changes_command(
    since: Annotated[
        str | None,
        opt(
            "--since",
            metavar="DATE|REV",
            zh="按提交时间：从哪天（当天最后一次提交）或哪个提交以来 git 新记下的。",
            en="Commit time: what git recorded after this day (its last commit) or commit.",
        ),
    ] = None,
    between: Annotated[
        str | None,
        opt(
            "--between",
            metavar="FROM..TO",
            zh="按记录上的日期（业务日期），如 2026-11-01..2026-11-30；可省略一端：2026-11-01..",
            en="Record dates (business time), e.g. 2026-11-01..2026-11-30; either end may be left out: 2026-11-01..",
        ),
    ] = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    span = changelog.window(between) if between is not None else None
    reg = common.open_register()
    briefs = api.changes(reg, since, between=span)
    rows = [{"project": b.project, "title": b.title, "kind": b.kind, **b.detail} for b in briefs]
    lang = output.state.lang
    if not rows and fmt in (RowFormat.table, RowFormat.md):
        output.out().print(Text(_nothing(since, span)))
        return
    headers = {"zh": ("项目", "标题", "类型", "内容"), "en": ("Project", "Title", "Kind", "Detail")}[lang]
    columns = ("project", "title", "kind", "detail")
    shown = [
        {
            "project": b.project,
            "title": b.title,
            "kind": i18n.label(i18n.BRIEF_LABELS, b.kind, lang),
            "detail": changes.describe(b.kind, b.detail, lang),
        }
        for b in briefs
    ]
    if fmt is not RowFormat.table:
        common.emit_rows(rows, fmt, columns, headers, lambda: shown)
        return
    # One programme: the number says which project. On a narrow screen the brief itself keeps
    # the room, and the title goes before it would be squeezed.
    one = len(reg.programmes) == 1
    output.table(
        [{**row, "project": row["project"].rpartition("/")[2] if one else row["project"]} for row in shown],
        columns,
        headers,
        overrides={"title": output.Fit("text", cap=24, drop=1)},
    )


def _nothing(since: str | None, span: changelog.Window | None) -> str:
    if span is None:
        return output.t("changes.none-since", since=since)
    start = span.start.isoformat() if span.start else output.t("changes.open-start")
    end = span.end.isoformat() if span.end else output.t("changes.open-end")
    return output.t("changes.none-between", start=start, end=end)


COMMANDS = {
    "init": (init_command, INIT_HELP),
    "history": (history_command, HISTORY_HELP),
    "changes": (changes_command, CHANGES_HELP),
}
