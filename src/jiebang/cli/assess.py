"""`jiebang assess`, `jiebang meeting` and `jiebang rank`: assessments, a meeting's results, 优进拙退."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from jiebang import api, i18n
from jiebang.cli import common, output
from jiebang.cli.options import (
    READ_OPTIONS,
    WRITE_OPTIONS,
    AsOfOpt,
    FormatOpt,
    RowFormat,
    allowed_values,
    arg,
    as_of,
    opt,
    tr,
    with_options,
)
from jiebang.cli.write import OnOpt, ProgrammeOpt, _recorded, ask, run
from jiebang.errors import UsageError
from jiebang.present import render
from jiebang.queries import query

SubjectTypeOpt = Annotated[
    str | None,
    opt(
        "--subject-type",
        metavar="project|team|person|unit",
        zh="对象类型（名称有歧义时用）。",
        en="Subject type (when the name is ambiguous).",
    ),
]
PeriodOpt = Annotated[
    str | None,
    opt(
        "--period",
        metavar="2022|2022-Q2|2022-H1|2022-05",
        zh="周期：年、季度、半年或月。",
        en="Cycle: a year, quarter, half or month.",
    ),
]
MeetingOpt = Annotated[str | None, opt("--meeting", metavar="ID", zh="会议编号。", en="Meeting id.")]
CohortOpt = Annotated[str | None, opt("--cohort", metavar="ID", zh="批次编号。", en="Cohort id.")]


_HALF_OR_QUARTER = re.compile(r"^[0-9]{4}-(Q[1-4]|H[12])$")


def parse_cycle(value: str | None) -> str | None:
    """A cycle as typed (2022-q2, ２０２２-Q2, 2022/5) in the form the register stores."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip().upper().replace("/", "-")
    if _HALF_OR_QUARTER.match(text):
        return text
    if "Q" in text or "H" in text:
        raise UsageError("usage.bad-period", value=value)
    return query.parse_period(value)


@with_options(*WRITE_OPTIONS)
def assess_command(
    subject: Annotated[
        str,
        arg(
            "SUBJECT",
            zh="对象：项目（24 或 项目集/24）、团队（24/T1）、人员（编号或姓名）或单位。",
            en="Subject: a project (24 or programme/24), a team (24/T1), a person (id or name) or a unit.",
        ),
    ],
    kind: Annotated[
        str | None,
        opt(
            "--kind",
            metavar="KIND",
            zh=f"考核类型：{allowed_values(i18n.ASSESSMENT_KIND_LABELS)}。",
            en=f"Kind: {allowed_values(i18n.ASSESSMENT_KIND_LABELS)}.",
        ),
    ] = None,
    assessor: Annotated[str | None, opt("--assessor", zh="考核方。", en="Who assessed.")] = None,
    score: Annotated[float | None, opt("--score", zh="得分。", en="Score.")] = None,
    level: Annotated[
        str | None,
        opt(
            "--level",
            metavar="优秀|良好|合格|不合格",
            zh="等次。",
            en=f"Level: {allowed_values(i18n.LEVEL_LABELS)}.",
        ),
    ] = None,
    rank: Annotated[int | None, opt("--rank", min=1, zh="名次。", en="Rank.")] = None,
    outcome: Annotated[
        str | None,
        opt(
            "--outcome",
            metavar="OUTCOME",
            zh=f"结果：{allowed_values(i18n.OUTCOME_LABELS)}。",
            en=f"Outcome: {allowed_values(i18n.OUTCOME_LABELS)}.",
        ),
    ] = None,
    basis: Annotated[str | None, opt("--basis", zh="依据。", en="What the result rests on.")] = None,
    meeting: MeetingOpt = None,
    cohort: CohortOpt = None,
    period: PeriodOpt = None,
    subject_type: SubjectTypeOpt = None,
    on: OnOpt = None,
) -> None:
    from jiebang.writes import assess

    sort = query.match_label(
        i18n.ASSESSMENT_KIND_LABELS, ask(kind, "--kind", "考核类型", "kind"), "usage.bad-assessment-kind"
    )
    who = ask(assessor, "--assessor", "考核方", "assessor")
    grade = query.match_label(i18n.LEVEL_LABELS, level, "usage.bad-level") if level else None
    result = query.match_label(i18n.OUTCOME_LABELS, outcome, "usage.bad-outcome") if outcome else None
    of = query.match_label(i18n.SUBJECT_TYPE_LABELS, subject_type, "usage.bad-subject-type") if subject_type else None
    cycle = parse_cycle(period)
    day = _recorded(on)
    run(
        lambda reg: assess.assess(
            reg,
            subject,
            kind=sort,
            on=day,
            assessor=who,
            subject_type=of,
            score=score,
            level=grade,
            rank=rank,
            outcome=result,
            basis=basis,
            meeting=meeting,
            cohort=cohort,
            period=cycle,
        ),
        restricted=True,
    )


MEETING_COLUMNS = ("rank", "subject_type", "subject", "label", "score", "level", "outcome", "kind", "date", "id")


def _labelled(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """Keys as people read them (人员, 优秀, 退, 淘汰区); numbers and ids as they are."""
    tables = {**i18n.ASSESSMENT_FIELD_LABELS, "subject_type": i18n.SUBJECT_TYPE_LABELS, "band": i18n.BAND_LABELS}
    return {k: "" if v is None else v for k, v in i18n.labelled(row, tables, lang).items()}


@with_options(*READ_OPTIONS)
def meeting_command(
    meeting_id: Annotated[str, arg("ID", zh="会议编号。", en="Meeting id.")],
    fmt: FormatOpt = RowFormat.table,
) -> None:
    reg = common.open_register()
    record, rows = api.meeting(reg, meeting_id)
    lang = output.state.lang
    if fmt is RowFormat.json:
        output.write(render.as_json({"meeting": record.data, "results": rows}))
        return
    if fmt is RowFormat.table:
        data = record.data
        kind = i18n.label(i18n.MEETING_KIND_LABELS, data.get("kind"), lang)
        day = render.shown_date(data.get("date"), lang)
        head = " · ".join(str(x) for x in (data.get("id"), kind, data.get("title"), day) if x)
        more = [
            f"{i18n.label(i18n.ASSESS_COLUMNS, f, lang)}: {data[f]}"
            for f in ("programme", "cohort", "chair", "organiser")
            if data.get(f)
        ]
        notes = [str(data["notes"]).rstrip()] if data.get("notes") else []  # what the source did not say, too
        output.write("\n".join([head, *more, *notes]) + "\n\n")
    headers = [i18n.label(i18n.ASSESS_COLUMNS, c, lang) for c in MEETING_COLUMNS]
    common.emit_rows(rows, fmt, MEETING_COLUMNS, headers, shown=lambda: [_labelled(r, lang) for r in rows])


RANK_COLUMNS = ("rank", "subject", "label", "value", "band", "assessment")


@with_options(*READ_OPTIONS)
def rank_command(
    of: Annotated[
        str,
        opt("--of", metavar="project|team|person|unit", zh="排名对象：项目、团队、人员或单位。", en="What to rank."),
    ] = "project",
    by: Annotated[
        str,
        opt(
            "--by",
            metavar="score|progress|gain",
            zh="按得分（某期考核）、进度（--as-of 当日）或指标增幅（--period 期间）排名。",
            en="By score (one cycle's assessments), progress (at --as-of) or indicator gain (over --period).",
        ),
    ] = "score",
    period: PeriodOpt = None,
    meeting: MeetingOpt = None,
    cohort: CohortOpt = None,
    programme: ProgrammeOpt = None,
    when: AsOfOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    subject_type = query.match_label(i18n.SUBJECT_TYPE_LABELS, of, "usage.bad-subject-type")
    measure = query.match_label(i18n.RANK_BY_LABELS, by, "usage.bad-rank-by")
    reg = common.open_register()
    found = api.rank(
        reg,
        of=subject_type,
        by=measure,
        as_of=as_of(when),
        period=parse_cycle(period),
        meeting=meeting,
        cohort=cohort,
        programme=programme,
    )
    for key, args in found.notes:
        output.notice(key, **args)
    if not found.rows and fmt in (RowFormat.table, RowFormat.md):
        output.notice("rank.empty", cycle=found.cycle or "—")
        return
    lang = output.state.lang
    headers = [i18n.label(i18n.ASSESS_COLUMNS, c, lang) for c in RANK_COLUMNS]
    common.emit_rows(found.rows, fmt, RANK_COLUMNS, headers, shown=lambda: [_labelled(r, lang) for r in found.rows])


COMMANDS = {
    "assess": (
        assess_command,
        tr(
            "记录一次考核、验收、比武或述职。项目和团队的考核写入登记册；人员和单位的考核只写入受限库"
            "（须 --restricted 或 JIEBANG_RESTRICTED）。"
            "例：jiebang assess 24 --kind 验收 --on 2022-12-20 --assessor 专班 --level 合格 --outcome pass",
            "Record an assessment, acceptance, contest result or debrief. Projects' and teams' go into the "
            "register; people's and units' only into the restricted store (--restricted or JIEBANG_RESTRICTED). "
            "Example: jiebang assess 24 --kind acceptance --on 2022-12-20 --assessor office --level pass",
        ),
    ),
    "meeting": (
        meeting_command,
        tr(
            "一次会议活动及其结果表，按名次（无名次按得分从高到低）排列；人员和单位的结果只在 "
            "--include-restricted 时列出。例：jiebang meeting 2022-06-30-contest",
            "A meeting and its results in rank order (else by score, highest first); people's and units' results "
            "only with --include-restricted. Example: jiebang meeting 2022-06-30-contest",
        ),
    ),
    "rank": (
        rank_command,
        tr(
            "排名与优进拙退：按得分、进度或指标增幅排列，并标出项目集规则（ranking）中的淘汰区和表扬名单；"
            "并列同名次。例：jiebang rank --of team --period 2022-Q2；jiebang rank --of person --include-restricted",
            "Rankings and 优进拙退: order by score, progress or indicator gain, marking the elimination and "
            "commendation bands of the programme's ranking rule; ties share a rank. "
            "Example: jiebang rank --of team --period 2022-Q2",
        ),
    ),
}
