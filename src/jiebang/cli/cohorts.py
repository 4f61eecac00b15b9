"""`jiebang post`, `end-posting`, `cohort` and `cohorts`: people sent out in batches, and how
each posting went."""

from __future__ import annotations

from typing import Annotated, Any

from jiebang import api, i18n
from jiebang.cli import common, output
from jiebang.cli.options import (
    READ_OPTIONS,
    WRITE_OPTIONS,
    AsOfOpt,
    FormatOpt,
    KnownAtOpt,
    RowFormat,
    arg,
    as_of,
    day_opt,
    opt,
    tr,
    with_options,
)
from jiebang.cli.write import _day, _recorded, run
from jiebang.present import render
from jiebang.queries import query

PersonArg = Annotated[str, arg("PERSON", zh="姓名或编号。", en="Name or id.")]
CohortOpt = Annotated[str, opt("--cohort", metavar="ID", zh="批次编号或名称。", en="Cohort id or name.")]
ENDINGS = {k: v for k, v in i18n.POSTING_STATUS_LABELS.items() if k != "active"}

COLUMNS = ("name", "home_unit", "host_unit", "post", "from", "to", "ended_on", "status", "exit_reason")
LABELS = ("person", "home_unit", "host_unit", "post", "from", "to", "ended", "status", "exit_reason")
LIST_COLUMNS = (
    "id",
    "name",
    "kind",
    "from",
    "to",
    "declared_size",
    "posted",
    "active",
    "completed",
    "withdrawn",
    "eliminated",
    "completion_rate",
)


def _label(key: str, lang: str) -> str:
    if key in i18n.POSTING_STATUS_LABELS:
        return i18n.label(i18n.POSTING_STATUS_LABELS, key, lang)
    return i18n.label(i18n.COHORT_LABELS, key, lang)


def _aside(text: str, note: str, lang: str) -> str:
    """`text（note）`, or `text (note)` in English."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _rate_cell(row: dict[str, Any], lang: str) -> str:
    """The completion rate, with how many postings are overdue to close beside it (not in it yet)."""
    rate = _rate(row["completion_rate"])
    return _aside(rate, output.t("cohorts.overdue-short", overdue=row["overdue"]), lang) if row["overdue"] else rate


@with_options(*WRITE_OPTIONS)
def post_command(
    person: PersonArg,
    cohort: CohortOpt,
    host_unit: Annotated[
        str | None,
        opt("--host-unit", zh="派驻单位（批次只有一个接收单位时可省略）。", en="Host unit (optional if only one)."),
    ] = None,
    home_unit: Annotated[str | None, opt("--home-unit", zh="原单位。", en="Home unit.")] = None,
    post: Annotated[str | None, opt("--post", zh="派驻岗位或任务。", en="Post or task.")] = None,
    to: Annotated[
        str | None, day_opt("--to", zh="计划结束日期（默认批次结束日期）。", en="Planned end (default: the cohort's).")
    ] = None,
    on: Annotated[
        str | None, day_opt("--on", zh="开始日期（默认今天）。", en="First day of the posting (default: today).")
    ] = None,
) -> None:
    from jiebang.writes import postings

    start = _day(on, imprecise=True)
    end = _day(to, imprecise=True) if to else None
    run(
        lambda reg: postings.post(
            reg, person, cohort=cohort, on=start, host_unit=host_unit, home_unit=home_unit, post=post, to=end
        )
    )


@with_options(*WRITE_OPTIONS)
def end_posting_command(
    person: PersonArg,
    cohort: CohortOpt,
    status: Annotated[
        str,
        opt(
            "--status",
            metavar="completed|withdrawn|eliminated",
            zh="结束方式：completed/期满、withdrawn/中途退出、eliminated/淘汰。",
            en="How it ended: completed, withdrawn or eliminated.",
        ),
    ],
    reason: Annotated[
        str | None, opt("--reason", zh="原因（中途退出、淘汰时必填）。", en="Why (required unless completed).")
    ] = None,
    on: Annotated[
        str | None, day_opt("--on", zh="实际结束日期（默认今天）。", en="Day it ended (default: today).")
    ] = None,
) -> None:
    from jiebang.writes import postings

    how = query.match_label(ENDINGS, status, "usage.bad-posting-status")
    day = _recorded(on)
    run(lambda reg: postings.end_posting(reg, person, cohort=cohort, status=how, on=day, reason=reason))


def _shown(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Statuses in words; a posting ended early says so beside its end date."""
    out = []
    for row in rows:
        shown = dict(row)
        shown["status"] = i18n.label(i18n.POSTING_STATUS_LABELS, row["status"], lang)
        if row["early"]:
            shown["ended_on"] = _aside(str(row["ended_on"]), _label("early", lang), lang)
        if row["overdue"]:
            shown["status"] = _aside(shown["status"], _label("overdue", lang), lang)
        out.append(shown)
    return out


def _particulars(head: dict[str, Any], lang: str) -> list[str]:
    """What the file says of how the cohort is run: assessment cadence, training model and forms,
    intake and notes (a camp whose trainees are not named is described by these alone)."""
    colon, comma = ("：", "，") if lang == "zh" else (": ", ", ")
    cadence = head["assessment_cadence"]
    steps = [
        f"{_label(step, lang)} {i18n.label(i18n.CADENCE_LABELS, cadence[step], lang)}"
        for step in ("self_assessment", "assessment", "graduation")
        if cadence.get(step)
    ]
    if cadence.get("elimination") is True:
        steps.append(_label("elimination", lang))
    training = head["training"]
    forms = [str(f) for f in training.get("forms") or []]
    lines = [f"{_label('cadence', lang)}{colon}{comma.join(steps)}"] if steps else []
    if training.get("model"):
        note = training.get("model_notes")
        model = _aside(str(training["model"]), str(note), lang) if note else str(training["model"])
        lines.append(f"{_label('training_model', lang)}{colon}{model}")
    if forms:
        lines.append(f"{_label('training_forms', lang).format(n=len(forms))}{colon}{'、'.join(forms)}")
    if training.get("intake"):
        lines.append(f"{_label('intake', lang)}{colon}{'、'.join(str(i) for i in training['intake'])}")
    if head["notes"]:
        lines.append(f"{_label('notes', lang)}{colon}{head['notes']}")
    return lines


@with_options(*READ_OPTIONS)
def cohort_command(
    cohort: Annotated[str, arg("COHORT", zh="批次编号或名称。", en="Cohort id or name.")],
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    reg = common.open_register(known_at)
    doc = api.cohort(reg, cohort, as_of=as_of(when))
    lang = output.state.lang
    if fmt in (RowFormat.json, RowFormat.yaml) and common.emit_document(doc, fmt):
        return
    rows = doc["postings"]
    headers = [_label(key, lang) for key in LABELS]
    columns = ("person", *COLUMNS) if fmt is RowFormat.csv else COLUMNS
    if fmt is RowFormat.csv:
        headers = [i18n.label(i18n.COHORT_LABELS, "id", lang), *headers]
    head = doc["cohort"]
    kind = i18n.label(i18n.COHORT_KIND_LABELS, head["kind"], lang)
    if fmt is not RowFormat.csv:
        dates = f"{render.shown_date(head['from'], lang) or '…'} – {render.shown_date(head['to'], lang) or '…'}"
        if head["declared_months"]:
            dates += ("，" if lang == "zh" else ", ") + output.t("cohorts.months", months=head["declared_months"])
        output.write(
            _aside(f"{head['id']} {head['name']}", f"{kind}{'，' if lang == 'zh' else ', '}{dates}", lang) + "\n"
        )
        declared = [
            i18n.label(i18n.COHORT_DECLARED_LABELS, k, lang).format(n=head[k])
            for k in i18n.COHORT_DECLARED_LABELS
            if head[k] is not None
        ]
        if declared:
            output.write(("；" if lang == "zh" else "; ").join(declared) + "\n")
        output.write("".join(f"{line}\n" for line in _particulars(head, lang)))
    common.emit_rows(rows, fmt, columns, headers, shown=lambda: _shown(rows, lang))
    if fmt is not RowFormat.csv:
        summary = doc["summary"]
        figures = {k: ("—" if v is None else v) for k, v in summary.items()}
        figures["completion_rate"] = _rate(summary["completion_rate"])
        output.write(i18n.label(i18n.COHORT_LABELS, "summary", lang).format(**figures) + "\n")
        if summary["overdue"]:
            output.write(output.t("cohorts.overdue-note", overdue=summary["overdue"]) + "\n")
        _indicators(doc, fmt, lang)


def _indicators(doc: dict[str, Any], fmt: RowFormat, lang: str) -> None:
    """The cohort's indicators: figures with their qualifiers, period and note."""
    from jiebang.present import indicators

    if doc["indicators"]:
        output.write("\n" + i18n.label(i18n.INDICATOR_LABELS, "indicators", lang) + "\n")
        columns, headers, rows = indicators.table(doc["indicators"], lang)
        common.emit_rows(rows, fmt, columns, headers, shown=lambda: rows)


@with_options(*READ_OPTIONS)
def cohorts_command(
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    reg = common.open_register(known_at)
    rows = api.cohort_list(reg, as_of=as_of(when))
    lang = output.state.lang
    headers = [_label(key, lang) for key in LIST_COLUMNS]

    def shown() -> list[dict[str, Any]]:
        return [
            {
                **row,
                "kind": i18n.label(i18n.COHORT_KIND_LABELS, row["kind"], lang),
                "completion_rate": _rate_cell(row, lang),
            }
            for row in rows
        ]

    common.emit_rows(rows, fmt, LIST_COLUMNS, headers, shown=shown)


COMMANDS = {
    "post": (
        post_command,
        tr(
            "把一名人员派驻到一个批次（轮岗、抽调、驻村、网格员、特训营）。"
            "例：jiebang post 庄秉柯 --cohort longgang-2017-1 --host-unit 龙岗街道 --home-unit 区政府督查室 "
            "--on 2017-10-09",
            "Post a person to a cohort (rotation, secondment, village posting, grid work, training camp). "
            "Example: jiebang post P0001 --cohort longgang-2017-1 --host-unit 龙岗街道 --on 2017-10-09",
        ),
    ),
    "end-posting": (
        end_posting_command,
        tr(
            "结束一次派驻：期满、中途退出或淘汰（后两种须写原因）；早于计划结束日期即为提前结束。"
            "例：jiebang end-posting 庄秉柯 --cohort longgang-2017-1 --status completed --on 2018-01-08",
            "End a posting: completed, withdrawn or eliminated (the last two with a reason); one ending before "
            "its planned end ended early. Example: jiebang end-posting P0001 --cohort longgang-2017-1 "
            "--status withdrawn --reason … --on 2017-12-01",
        ),
    ),
    "cohort": (
        cohort_command,
        tr(
            "列出一个批次的派驻：人员、原单位、派驻单位、岗位、起止日期、状态，及人数汇总和完成率"
            "（已结束的派驻中期满的比例），再列出批次的指标（含周期、限定和说明）。"
            "--as-of 显示某日的情况。例：jiebang cohort longgang-2017-1",
            "List a cohort's postings: person, home and host unit, post, dates, status, with the counts and the "
            "completion rate (completed out of the postings that have ended), then the cohort's indicators (with "
            "period, qualifier and note). --as-of shows it as on that day. "
            "Example: jiebang cohort longgang-2017-1",
        ),
    ),
    "cohorts": (
        cohorts_command,
        tr(
            "列出全部批次及其人数汇总。例：jiebang cohorts --format csv",
            "List every cohort with its counts. Example: jiebang cohorts --format csv",
        ),
    ),
}
