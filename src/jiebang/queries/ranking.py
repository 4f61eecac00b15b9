"""`rank` and a meeting's results table: who stands where, and who falls in the bands of 优进拙退.

A ranking orders the subjects of one type by a value, highest first: an assessment score in one
cycle (a period such as 2022-Q2, or a meeting), a project's progress at a date, or its indicator
gain over a period. Ties share a rank (1, 2, 2, 4). The programme's `ranking` rule names the
elimination band (bottom N, or bottom percent rounded up) and the commendation band (top N or
percent); a tie that straddles a band's edge is wholly in the band, since equal results are
treated alike. A subject in both (a very short list) is in the elimination band only: a result at
the bottom is never commended, and the overlap is said. The rule is the programme's named, else
that of the meeting's or cohort's own programme, else the only programme's, else that of the one
programme every ranked project or team belongs to; when none applies, the ranking says why
(`Ranking.notes`), as it does for subjects assessed only by a level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jiebang.errors import NotFound, UsageError
from jiebang.model.records import Kind
from jiebang.queries import assessments, derive, query, views

if TYPE_CHECKING:
    from jiebang.model.records import Programme, Record, Register

BY = ("score", "progress", "gain")


@dataclass(frozen=True, slots=True)
class Ranking:
    of: str  # project | team | person | unit
    by: str  # score | progress | gain
    cycle: str | None  # the period or meeting ranked; None for progress at a date
    rule: dict[str, Any]  # the programme's `ranking` (empty when it states none)
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # i18n keys and args: what to tell


def _own_programme(reg: Register, programme: str | None, meeting: str | None, cohort: str | None) -> str | None:
    """The programme named, else the meeting's or the cohort's own (when the register has it)."""
    if programme is not None:
        return programme
    for kind, name in ((Kind.MEETING, meeting), (Kind.COHORT, cohort)):
        own = next((r.data.get("programme") for r in reg.of_kind(kind) if r.path.stem == name), None)
        if isinstance(own, str) and own in reg.programmes:
            return own
    return None


def _rule(reg: Register, programme: str | None) -> tuple[dict[str, Any], tuple[str, dict[str, Any]] | None]:
    """The band rule, or why there is none: several programmes and none chosen, or none stated."""
    found: list[Programme] = query.programmes(reg, programme)
    if len(found) != 1:
        return {}, ("rank.no-rule-several", {"programmes": ", ".join(p.id for p in found) or "—"})
    rule = found[0].record.data.get("ranking") if found[0].record else None
    if not isinstance(rule, dict):
        return {}, ("rank.no-rule-stated", {"programme": found[0].id})
    return rule, None


def _in_programme(subject: str, subject_type: str, programme: str | None) -> bool:
    return programme is None or subject_type not in assessments.SHARED_TYPES or subject.startswith(f"{programme}/")


def _scores(
    reg: Register, *, of: str, as_of: date, period: str | None, meeting: str | None, cohort: str | None, cadence: str
) -> tuple[str | None, dict[str, tuple[float, dict[str, Any]]], list[str]]:
    """The cycle ranked, each subject's score in it (the latest, when assessed twice), and the
    subjects assessed in it by a level only, which have no value to rank by."""
    assessed = [
        e.data
        for e in assessments.entries(reg)
        if e.data.get("subject_type") == of
        and isinstance(e.data.get("subject"), str)
        and (d := derive.parse_partial_date(e.data.get("date"))) is not None
        and d <= as_of
        and (cohort is None or e.data.get("cohort") == cohort)
    ]
    if meeting is None and period is None:  # the latest cycle of the programme's cadence
        cycles = [p for a in assessed if (p := assessments.period_of(a)) and assessments.same_cadence(p, cadence)]
        period = max(cycles, default=None)
        if period is None:
            return None, {}, []
    cycle = meeting or period
    found: dict[str, tuple[float, dict[str, Any]]] = {}
    unscored: list[str] = []
    for a in sorted(assessed, key=lambda a: (derive.date_order(a.get("date")), str(a.get("id")))):
        if (meeting is not None and a.get("meeting") == meeting) or (
            meeting is None and assessments.period_of(a) == period
        ):
            if (score := derive.figure(a.get("score"))) is not None:
                found[a["subject"]] = (score, a)
            else:
                unscored.append(a["subject"])
    return cycle, found, [s for s in dict.fromkeys(unscored) if s not in found]


def _gain(data: dict[str, Any], start: date | None, end: date) -> float | None:
    """Points of indicator progress gained between `start` (None: the baseline) and `end`, on
    average over the indicators measured by `end`."""
    gains = []
    for indicator in query.as_list(data.get("indicators")):
        if not isinstance(indicator, dict) or (after := derive.indicator_progress(indicator, end)) is None:
            continue
        before = derive.indicator_progress(indicator, start) if start else None
        gains.append(after - (before or 0.0))
    return sum(gains) / len(gains) if gains else None


def rank(
    reg: Register,
    *,
    of: str,
    by: str,
    as_of: date,
    period: str | None = None,
    meeting: str | None = None,
    cohort: str | None = None,
    programme: str | None = None,
) -> Ranking:
    """Subjects of type `of` ordered by `by` in one cycle, ranks shared by ties, bands marked by the
    rule of the programme named (or the only one); people and units need the store merged."""
    if of not in assessments.SHARED_TYPES and reg.restricted_root is None:
        raise UsageError("rank.needs-restricted", of=of)
    if period and meeting:
        raise UsageError("rank.period-or-meeting")
    if by != "score" and of != "project":
        raise UsageError("rank.by-needs-project", by=by)
    if meeting is not None:
        meeting_record(reg, meeting)
    programme = _own_programme(reg, programme, meeting, cohort)
    rule, why = _rule(reg, programme)
    notes: list[tuple[str, dict[str, Any]]] = []
    values: dict[str, tuple[float, dict[str, Any]]] = {}
    if by == "score":
        cycle, values, unscored = _scores(
            reg,
            of=of,
            as_of=as_of,
            period=period,
            meeting=meeting,
            cohort=cohort,
            cadence=str(rule.get("cycle", "quarterly")),
        )
        left_out = [assessments.label(reg, of, s) for s in unscored if _in_programme(s, of, programme)]
        if left_out:
            notes.append(("rank.unscored", {"cycle": cycle, "count": len(left_out), "subjects": ", ".join(left_out)}))
    else:
        cycle = period
        start, end = assessments.period_bounds(period) if period else (None, as_of)
        end = min(end, as_of)
        for v in views.views(reg, end, programme=programme):
            value = v.progress.value if by == "progress" else _gain(v.data, start and start - timedelta(days=1), end)
            if value is not None:
                values[v.key] = (value, {})
    owners = {key.split("/")[0] for key in values} if of in assessments.SHARED_TYPES else set()
    if programme is None and len(owners) == 1 and len(reg.programmes) > 1:  # all ranked are of one programme
        programme = owners.pop()
        rule, why = _rule(reg, programme)
    if why:
        notes.insert(0, why)
    rows = [
        {"subject": key, "value": views.one_decimal(value), "assessment": a.get("id")}
        for key, (value, a) in values.items()
        if _in_programme(key, of, programme)
    ]
    rows.sort(key=lambda r: -r["value"])
    overlap = _place(rows, rule)
    if overlap:
        notes.append(("rank.bands-overlap", {"count": overlap}))
    fields = ("rank", "subject", "label", "value", "band", "assessment")
    shown = [
        {f: assessments.label(reg, of, row["subject"]) if f == "label" else row[f] for f in fields} for row in rows
    ]
    return Ranking(of, by, cycle, rule, shown, notes)


def _count(band: object, size: int, *, top: bool) -> int:
    """How many places a band holds: a count, or a percent of `size` rounded up."""
    if not isinstance(band, dict):
        return 0
    count, percent = (
        band.get("top_count" if top else "bottom_count"),
        band.get("top_percent" if top else "bottom_percent"),
    )
    if isinstance(count, int):
        return count
    return math.ceil(size * percent / 100) if isinstance(percent, int | float) and percent > 0 else 0


def _place(rows: list[dict[str, Any]], rule: dict[str, Any]) -> int:
    """Shared ranks, and the band each row falls in (rows are sorted best first); returns how many
    rows fell in both bands (they are put in the elimination band)."""
    size = len(rows)
    top = _count(rule.get("commend"), size, top=True)
    bottom = _count(rule.get("elimination"), size, top=False)
    for index, row in enumerate(rows):
        row["rank"] = rows[index - 1]["rank"] if index and rows[index - 1]["value"] == row["value"] else index + 1
    for row in rows:
        last = row["rank"] + sum(r["value"] == row["value"] for r in rows) - 1  # the tie's last place
        row["band"] = "eliminate" if last > size - bottom else "commend" if row["rank"] <= top else None
    return sum(row["rank"] <= top and row["band"] == "eliminate" for row in rows)


# ------------------------------------------------------------------------------ meetings


def meeting_record(reg: Register, meeting_id: str) -> Record:
    found = {r.path.stem: r for r in reg.of_kind(Kind.MEETING)}
    if meeting_id not in found:
        raise NotFound("meeting.not-found", value=meeting_id, choices=", ".join(sorted(found)) or "—")
    return found[meeting_id]


def _order(item: dict[str, Any]) -> tuple[int, float, str]:
    """By rank, then (unranked) by score, highest first, then the rest, each by id."""
    rank, score = item.get("rank"), item.get("score")
    if isinstance(rank, int) and not isinstance(rank, bool):
        return (0, rank, str(item.get("id")))
    if isinstance(score, int | float) and not isinstance(score, bool):
        return (1, -score, str(item.get("id")))
    return (2, 0, str(item.get("id")))


def meeting_results(reg: Register, meeting_id: str) -> tuple[Record, list[dict[str, Any]]]:
    """A meeting and its results in rank order: the assessments that name it (people's and units'
    only when the restricted store is merged, since only then are they read at all)."""
    record = meeting_record(reg, meeting_id)
    items = sorted((e.data for e in assessments.entries(reg) if e.data.get("meeting") == meeting_id), key=_order)
    fields = ("rank", "subject_type", "subject", "score", "level", "outcome", "kind", "date", "id")
    rows = [{f: item.get(f) for f in fields} for item in items]
    for row in rows:
        row["label"] = assessments.label(reg, str(row["subject_type"]), str(row["subject"]))
    return record, rows
