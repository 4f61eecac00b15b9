"""`jiebang brief`: the 调度讲评 brief for a period, on screen, as data, or as a Word document."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

from jiebang import api
from jiebang.cli import common, output
from jiebang.cli.assess import PeriodOpt, parse_cycle
from jiebang.cli.options import (
    AsOfOpt,
    DocFormat,
    DocFormatOpt,
    ForceOpt,
    OutputFileOpt,
    day_opt,
    invocation,
    tr,
    with_options,
)
from jiebang.errors import UsageError
from jiebang.queries import assessments, query

HELP = tr(
    "调度讲评简报：一段时间内的总体情况（各状态、红黄绿项目数，到期、完成、逾期的里程碑，平均进度变化），"
    "本期变化（按记录日期：状态变更、里程碑完成或延后、进展、讲评），红黄项目及原因，逾期里程碑，"
    "未完成的整改事项，需协调事项。\n\n"
    "默认为截至今天（或 --as-of）的 30 天；--period 2022-05（月）、2022-Q2（季度）、2022-H1、2022 给出整段；"
    "也可用 --from、--to。红黄绿和逾期按 --as-of 评估，默认为该期末日（不晚于今天）。\n\n"
    "--format docx -o 简报.docx 生成 Word 文档（仿宋正文、黑体标题、A4，导航窗格可用）。\n\n"
    "例：jiebang brief --period 2022-06；jiebang brief --from 2022-06-01 --to 2022-06-30 --format md；"
    "jiebang brief --period 2022-Q2 --format docx -o 二季度简报.docx",
    "The brief for a 调度讲评 (review meeting) over a period: overview (projects by status and RAG, milestones "
    "due, done and overdue, change in average progress), what changed (by the records' dates: status moves, "
    "milestones done or slipped, updates, reviews), red and amber projects and why, overdue milestones, open "
    "review actions, needs for coordination.\n\n"
    "Default: the 30 days up to today (or --as-of); --period 2022-05 (month), 2022-Q2 (quarter), 2022-H1 or "
    "2022 gives a whole period; or --from and --to. RAG and overdue items are evaluated at --as-of, by default "
    "the period's last day (not after today).\n\n"
    "--format docx -o brief.docx makes a Word document (Chinese official-document fonts, A4, headings for the "
    "navigation pane).\n\n"
    "Example: jiebang brief --period 2022-06; jiebang brief --from 2022-06-01 --to 2022-06-30 --format md; "
    "jiebang brief --period 2022-Q2 --format docx -o brief.docx",
)
DEFAULT_DAYS = 30
_CYCLE = re.compile(r"[0-9]{4}(-(Q[1-4]|H[12]|[0-9]{2}))?")


@with_options("registry", "lang", "programme")
def brief_command(
    start: Annotated[
        str | None, day_opt("--from", zh="开始日期（含）。", en="First day of the period (included).")
    ] = None,
    end: Annotated[str | None, day_opt("--to", zh="结束日期（含）。", en="Last day of the period (included).")] = None,
    period: PeriodOpt = None,
    when: AsOfOpt = None,
    fmt: DocFormatOpt = DocFormat.table,
    path: OutputFileOpt = None,
    force: ForceOpt = False,
) -> None:
    common.check_output(fmt, path, force=force)
    first, last = window(start, end, period, when)
    day = query.parse_day(when) if when else min(last, date.today())
    reg = common.open_register()
    doc = api.brief(reg, first, last, as_of=day, programme=invocation.filters.get("programme"))
    lang = output.state.lang

    def layout(width: int | None = None) -> str:
        from jiebang.present import brief_md

        return brief_md.build(doc, lang, width=width)

    def word() -> bytes:
        from jiebang.present import docx

        return docx.brief(doc, lang)

    common.emit_document_to(doc, fmt, path, force=force, markdown=layout, word=word)


def window(start: str | None, end: str | None, period: str | None, when: str | None) -> tuple[date, date]:
    """The period asked for: a whole month, quarter, half or year; or --from/--to, either side
    defaulting to 30 days from the other, or to the day evaluated at (--as-of, else today)."""
    if period is not None:
        if start or end:
            raise UsageError("briefing.period-and-range")
        try:
            cycle = parse_cycle(period)
        except UsageError:
            raise UsageError("briefing.bad-period", value=period) from None
        if cycle is None or not _CYCLE.fullmatch(cycle) or int(cycle[:4]) < 1:
            raise UsageError("briefing.bad-period", value=period)
        return assessments.period_bounds(cycle)
    span = timedelta(days=DEFAULT_DAYS - 1)
    first = query.parse_day(start) if start else None
    last = query.parse_day(end) if end else None
    if last is None:
        last = first + span if first else query.parse_day(when) if when else date.today()
    if first is None:
        first = last - span
    if last < first:
        raise UsageError("briefing.backwards", start=first.isoformat(), end=last.isoformat())
    return first, last


COMMANDS = {"brief": (brief_command, HELP)}
