"""Derived values of a project at a date: progress %, schedule variance, overdue, RAG.

Every function is pure: it reads one project's data (`Record.data`, a plain dict) and the
`as_of` date the caller passes, and never looks at the clock, files or the environment.
The register keeps history (status changes, milestone completions, updates, measurements,
each with a date), so evaluating at an earlier `as_of` ignores whatever happened later.

Rules follow the domain notes: progress §3.5, RAG §3.6, statuses §3.4. Values of the wrong
type, impossible dates and the like never raise; they are treated as absent (`validate`
reports them).

Limits of what the data records, and so of what "at an earlier as_of" can mean:
* a milestone's dated `readings` give its percent at `as_of`; an undated `percent` (older
  files) counts at every date before the first reading; a milestone done after `as_of`
  counts as in progress at that figure (0 without one);
* when a milestone or an override was added is not recorded; both count at every date;
* a project without `status_history` has its current `status` at every date.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

# The one date parser lives with the model, so that rosters read dates the same way.
from jiebang.model.dates import date_span, parse_partial_date
from jiebang.model.fields import dicts

RagValue = Literal["red", "amber", "green"]
ProgressSource = Literal["milestones", "indicators", "self_reported"]

# Status groups (domain §3.4, §3.6).
NOT_RATED = frozenset({"draft", "open", "claimed", "withdrawn"})
OWN_LABEL = frozenset({"done", "terminated", "paused"})  # label is the status itself, no colour
RATED = frozenset({"assigned", "active", "extended", "review"})
CLOSED = frozenset({"done", "terminated", "withdrawn"})  # no deadline runs any more
TRACKED = frozenset({"assigned", "active", "extended"})  # statuses in which work is being reported on

# RAG labels (stable keys; the catalogue translates them).
LABEL_NOT_RATED = "not_rated"
LABEL_NO_MILESTONES = "no_milestones"

# Reason codes, red rules then amber rules, in the order of domain §3.6.
RED_CODES = ("past_due", "milestone_overdue_red", "sv_red", "review_red", "stale_red", "acceptance_failed")
AMBER_CODES = ("milestone_overdue_amber", "sv_amber", "due_soon", "stale_amber", "review_amber", "extension")

_RAG_VALUES: dict[object, RagValue] = {"red": "red", "amber": "amber", "green": "green"}
_SV_DIGITS = 6  # SV is compared after rounding, so 50 - 75 is exactly -25 however it was computed


# ------------------------------------------------------------------------------ settings


@dataclass(frozen=True, slots=True)
class Thresholds:
    """RAG thresholds and cadences (programme `settings`; defaults from domain §3.6)."""

    red_overdue_days: int = 30
    amber_due_window_days: int = 30
    amber_sv_points: float = -10
    red_sv_points: float = -25
    stale_amber_days: int = 35
    stale_red_days: int = 90
    due_soon_progress_pct: float = 80
    review_cadence_days: int = 30
    update_cadence_days: int = 30
    stale_after_days: int = 35

    @classmethod
    def from_programme(cls, programme: Mapping[str, Any] | None) -> Thresholds:
        """Read `settings` of a programme's data; anything missing or unusable takes its default.

        When `stale_*_days` are not set they follow the update cadence: amber after
        cadence + 5 days, red after 3 × cadence (35 and 90 for the default 30).
        `settings.stale_after_days` says when a project is shown as "no update for N days"
        (counting any dated record, see `idle`); its default is the amber line's, cadence + 5.
        """
        settings = _mapping(programme.get("settings")) if isinstance(programme, Mapping) else {}
        rag = _mapping(settings.get("rag"))
        d = cls()
        update_cadence = _int(settings.get("update_cadence_days"), 1, d.update_cadence_days)
        stale_after = _int(settings.get("stale_after_days"), 1, update_cadence + 5)
        return cls(
            red_overdue_days=_int(rag.get("red_overdue_days"), 0, d.red_overdue_days),
            amber_due_window_days=_int(rag.get("amber_due_window_days"), 0, d.amber_due_window_days),
            amber_sv_points=_points(rag.get("amber_sv_points"), d.amber_sv_points),
            red_sv_points=_points(rag.get("red_sv_points"), d.red_sv_points),
            stale_amber_days=_int(rag.get("stale_amber_days"), 1, update_cadence + 5),
            stale_red_days=_int(rag.get("stale_red_days"), 1, 3 * update_cadence),
            due_soon_progress_pct=_pct(rag.get("due_soon_progress_pct"), d.due_soon_progress_pct),
            review_cadence_days=_int(settings.get("review_cadence_days"), 1, d.review_cadence_days),
            update_cadence_days=update_cadence,
            stale_after_days=stale_after,
        )


def _rag_value(value: object) -> RagValue | None:
    return _RAG_VALUES.get(value) if isinstance(value, str) else None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def figure(value: object) -> float | None:
    """A value written as a number, as a float; None for text, a boolean, `.nan` or `.inf` (which
    validate refuses): the figures progress and rankings are computed from."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _int(value: object, minimum: int, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= minimum else default


def _points(value: object, default: float) -> float:
    number = figure(value)
    return number if number is not None and number <= 0 else default


def _pct(value: object, default: float) -> float:
    number = figure(value)
    return number if number is not None and 0 <= number <= 100 else default


# ------------------------------------------------------------------------------ dates

_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def parse_date(value: object) -> date | None:
    """A full date: `date`, `datetime` or "YYYY-MM-DD"; anything else is None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _full_date(value) if isinstance(value, str) else None


@cache
def _full_date(text: str) -> date | None:
    """`parse_date` of text, remembered (views read each date many times)."""
    if m := _DATE.match(text.strip()):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def date_order(value: object) -> date:
    """Sort key of a record's date under the ordering rule of `parse_partial_date`; one that
    cannot be read sorts last."""
    return parse_partial_date(value) or date.max


def before(earlier: object, later: object) -> bool:
    """`earlier` is certainly before `later`: its last possible day comes before the first
    possible day of the other. Dates that overlap (2023-05 and 2023-05-10) are in order either
    way; what cannot be read is never out of order (the schema reports it)."""
    a, b = date_span(earlier), date_span(later)
    return a is not None and b is not None and a[1] < b[0]


def _latest(
    items: Iterable[dict[str, Any]],
    field: str,
    as_of: date,
    *,
    parse: Callable[[object], date | None] = parse_partial_date,
    keep: Callable[[dict[str, Any]], bool] = lambda _: True,
) -> tuple[date, dict[str, Any]] | None:
    """The item with the latest `field` date on or before `as_of`; a tie goes to the later item."""
    best: tuple[date, dict[str, Any]] | None = None
    for item in items:
        on = parse(item.get(field))
        if on is not None and on <= as_of and keep(item) and (best is None or on >= best[0]):
            best = (on, item)
    return best


# ------------------------------------------------------------------------------ status


def status_at(project: Mapping[str, Any], as_of: date) -> str | None:
    """Status on `as_of` from `status_history`; None before the first recorded change.

    From the last recorded change on, the `status` field itself is the answer, so a status
    edited by hand without a history entry still shows (and `validate` flags the gap).
    Without a usable history the current `status` is the answer for every date.
    """
    history = [
        h
        for h in dicts(project.get("status_history"))
        if isinstance(h.get("to"), str) and parse_partial_date(h.get("on")) is not None
    ]
    if not history:
        status = project.get("status")
        return status if isinstance(status, str) else None
    found = _latest(history, "on", as_of)
    if found is None:
        return None
    last = max(d for h in history if (d := parse_partial_date(h.get("on"))) is not None)
    current = project.get("status")
    if as_of >= last and isinstance(current, str):
        return current
    return found[1]["to"]


def status_since(project: Mapping[str, Any], as_of: date) -> date | None:
    """The date the status held on `as_of` was entered (None when history does not say)."""
    history = [h for h in dicts(project.get("status_history")) if isinstance(h.get("to"), str)]
    found = _latest(history, "on", as_of)
    return found[0] if found else None


def _tracking_start(project: Mapping[str, Any], as_of: date) -> date | None:
    """When reporting started: the first change to assigned/active on or before `as_of`, else start_on."""
    starts = [
        on
        for h in dicts(project.get("status_history"))
        if h.get("to") in ("assigned", "active") and (on := parse_partial_date(h.get("on"))) and on <= as_of
    ]
    if starts:
        return min(starts)
    start = parse_partial_date(project.get("start_on"))
    return start if start is not None and start <= as_of else None


# ------------------------------------------------------------------------------ milestones


def _weight(milestone: Mapping[str, Any]) -> float:
    weight = figure(milestone.get("weight"))
    return weight if weight is not None and weight > 0 else 1.0


def milestone_due(milestone: Mapping[str, Any]) -> date | None:
    """The due date in force: `revised_due_on` when set, else `due_on`."""
    return parse_date(milestone.get("revised_due_on")) or parse_date(milestone.get("due_on"))


def milestone_done(milestone: Mapping[str, Any], as_of: date) -> bool:
    """Done on `as_of`: status done and `done_on` on or before it (done without a date counts as done)."""
    if milestone.get("status") != "done":
        return False
    done_on = parse_partial_date(milestone.get("done_on"))
    return done_on is None or done_on <= as_of


def _planned(project: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Milestones that count: every one not cancelled."""
    return [m for m in dicts(project.get("milestones")) if m.get("status") != "cancelled"]


def has_milestones(project: Mapping[str, Any]) -> bool:
    return bool(_planned(project))


def overdue_milestones(project: Mapping[str, Any], as_of: date) -> list[tuple[str, int]]:
    """(milestone id, days overdue) for each milestone past its due date in force and not done on `as_of`."""
    out = []
    for index, milestone in enumerate(dicts(project.get("milestones"))):
        due = milestone_due(milestone)
        cancelled = milestone.get("status") == "cancelled"
        if cancelled or due is None or as_of <= due or milestone_done(milestone, as_of):
            continue
        ident = milestone.get("id")
        out.append((ident if isinstance(ident, str) else f"#{index + 1}", (as_of - due).days))  # #n: position
    return out


def action_done(action: Mapping[str, Any], as_of: date) -> bool:
    """A review action (整改事项) done by `as_of`: closed on or before it (closed without a date counts)."""
    if action.get("status", "open") == "open":
        return False
    done_on = parse_partial_date(action.get("done_on"))
    return done_on is None or done_on <= as_of


def action_days_overdue(action: Mapping[str, Any], as_of: date) -> int | None:
    """Days an action open on `as_of` is past its `due_on` (end of that day); None when not late."""
    due = parse_date(action.get("due_on"))
    return (as_of - due).days if due is not None and due < as_of and not action_done(action, as_of) else None


# ------------------------------------------------------------------------------ progress


@dataclass(frozen=True, slots=True)
class Progress:
    value: float | None  # percent, 0–100
    source: ProgressSource | None


def _clamp(value: float) -> float:
    return min(100.0, max(0.0, value))


def milestone_progress(project: Mapping[str, Any], as_of: date) -> float | None:
    milestones = _planned(project)
    if not milestones:
        return None
    total = sum(_weight(m) for m in milestones)
    earned = 0.0
    for m in milestones:
        if milestone_done(m, as_of):
            earned += _weight(m)
        elif (share := milestone_percent(m, as_of)) is not None:
            earned += _weight(m) * share / 100
    return _clamp(100 * earned / total)


def milestone_percent(milestone: Mapping[str, Any], as_of: date) -> float | None:
    """How far an unfinished milestone was on `as_of`, in percent; None when it was not under way.

    In progress: its percent then (0 when not recorded). Done after `as_of` with a percent
    recorded: in progress at that figure, the best the data holds for an earlier date.
    """
    if milestone_done(milestone, as_of):
        return None
    percent = milestone_reading(milestone, as_of)
    status = milestone.get("status")
    if status == "in_progress":
        return _clamp(percent or 0.0)
    if status == "done" and percent is not None:
        return _clamp(percent)
    return None


def milestone_reading(milestone: Mapping[str, Any], as_of: date) -> float | None:
    """The percent recorded for a milestone by `as_of`: its latest dated reading on or before
    that date, else the undated `percent` older files keep (None when there is neither)."""
    readings = [r for r in dicts(milestone.get("readings")) if figure(r.get("percent")) is not None]
    found = _latest(readings, "on", as_of)
    value = found[1]["percent"] if found else milestone.get("percent")
    return value if figure(value) is not None else None  # as written: 80 stays 80


WEIGHTED = frozenset({"rate", "per_person"})  # means weighted by each actual's `count`
_PERIOD = re.compile(r"^([0-9]{4})(?:Q([1-4])|-([0-9]{2}))?$")


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """An indicator's value from its actuals: the figure, the source's qualifier (余/至少/约/近,
    None when exact), the period it is for, the date of its latest actual as written, how many
    actuals it combines (their indexes in the file) and, for a weighted mean, the people or cases
    their `count`s cover (0 when none gives one)."""

    value: float
    qualifier: str | None
    period: str | None
    on: str | None
    used: tuple[int, ...]
    covers: int


def period_end(value: object) -> date | None:
    """The last day of a period written YYYY, YYYYQn or YYYY-MM (a quarter's result is known once
    it is over, as a month's is in `parse_partial_date`)."""
    m = _PERIOD.match(value) if isinstance(value, str) else None
    if not m or int(m[1]) < 1:
        return None
    if m[2]:
        return parse_partial_date(f"{m[1]}-{3 * int(m[2]):02d}")
    return parse_partial_date(f"{m[1]}-{m[3]}" if m[3] else m[1])


UNDATED = date.min  # when an actual marked `undated` (the source gives no date) counts from


def actual_date(actual: Mapping[str, Any]) -> date | None:
    """When an actual counts from: its `on`, else the end of its `period`. One marked `undated`
    (the source states the figure but no date at all) counts as known on every date, UNDATED, so
    the figure is shown rather than lost and no date is invented for it."""
    if actual.get("undated") is True and actual.get("on") is None and actual.get("period") is None:
        return UNDATED
    on = parse_partial_date(actual.get("on"))
    return on if on is not None or actual.get("on") is not None else period_end(actual.get("period"))


def known_actuals(indicator: Mapping[str, Any], as_of: date) -> list[tuple[date, int, dict[str, Any]]]:
    """(date, index in the file, actual) of the numeric actuals known on `as_of`, oldest first."""
    found = []
    for index, actual in enumerate(dicts(indicator.get("actuals"))):
        on = actual_date(actual)
        if on is not None and on <= as_of and figure(actual.get("value")) is not None:
            found.append((on, index, actual))
    return sorted(found, key=lambda item: item[:2])


def _combined_qualifier(actuals: list[dict[str, Any]]) -> str | None:
    """One qualifier for a figure combined from several: theirs when they agree, "about" when
    they differ (more than 300 plus nearly 100 is neither more nor less than 400)."""
    kinds = {a.get("qualifier") for a in actuals} - {None}
    return kinds.pop() if len(kinds) == 1 else ("about" if kinds else None)


def indicator_value(indicator: Mapping[str, Any], as_of: date, period: str | None = None) -> IndicatorValue | None:
    """The indicator's value on `as_of` by its `aggregation`, over one period's actuals: `period`,
    else that of the latest actual. latest (the default): the latest actual; sum; average;
    rate and per_person: the mean weighted by each actual's `count` (people or cases, default 1).
    None when no actual of that period is known yet."""
    known = known_actuals(indicator, as_of)
    if period is None and known:
        period = known[-1][2].get("period")
    chosen = [(i, a) for _, i, a in known if a.get("period") == period]
    if not chosen:
        return None
    how = indicator.get("aggregation")
    if how not in ("sum", "average", *WEIGHTED):
        chosen = chosen[-1:]
    group = [a for _, a in chosen]
    values = [float(a["value"]) for a in group]
    counts = [c if isinstance(c := a.get("count"), int) and not isinstance(c, bool) and c > 0 else None for a in group]
    weights = [c or 1 for c in counts]
    if how == "sum":
        value, qualifier = sum(values), _combined_qualifier(group)
    elif how == "average":
        value, qualifier = sum(values) / len(values), _combined_qualifier(group)
    elif how in WEIGHTED:
        value = sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)
        qualifier = _combined_qualifier(group)
    else:
        value, qualifier = values[-1], group[-1].get("qualifier")
    on = group[-1].get("on")
    covers = sum(c for c in counts if c) if how in WEIGHTED else 0
    return IndicatorValue(
        value, qualifier, period, None if on is None else str(on), tuple(i for i, _ in chosen), covers
    )


def latest_actual(indicator: Mapping[str, Any], as_of: date) -> tuple[date, float] | None:
    """The latest dated actual: an undated one says nothing of when the project was last active."""
    known = [k for k in known_actuals(indicator, as_of) if k[0] != UNDATED]
    return (known[-1][0], float(known[-1][2]["value"])) if known else None


def indicator_progress(indicator: Mapping[str, Any], as_of: date) -> float | None:
    """(value − baseline) / (target − baseline), clamped to 0–100; works for decreasing targets too.
    The value is the aggregated one (`indicator_value`)."""
    baseline, target = figure(indicator.get("baseline")), figure(indicator.get("target"))
    found = indicator_value(indicator, as_of)
    if baseline is None or target is None or target == baseline or found is None:
        return None
    return _clamp(100 * (found.value - baseline) / (target - baseline))


def indicator_trend(indicator: Mapping[str, Any], as_of: date) -> list[tuple[str, float, str | None]]:
    """(date or period as written, value, qualifier) of every actual known on `as_of`, oldest first."""
    return [
        (str(a.get("on") or a.get("period") or ""), float(a["value"]), a.get("qualifier"))
        for _, _, a in known_actuals(indicator, as_of)
    ]


def progress(project: Mapping[str, Any], as_of: date) -> Progress:
    """Progress at `as_of` from milestones, else indicators, else the latest self-report (§3.5)."""
    value = milestone_progress(project, as_of)
    if value is not None:
        return Progress(value, "milestones")
    indicators = dicts(project.get("indicators"))
    measured = [p for i in indicators if (p := indicator_progress(i, as_of)) is not None]
    if measured:
        return Progress(sum(measured) / len(measured), "indicators")
    found = _latest(
        dicts(project.get("updates")),
        "date",
        as_of,
        keep=lambda u: figure(u.get("progress_pct")) is not None,
    )
    if found:
        return Progress(_clamp(float(found[1]["progress_pct"])), "self_reported")
    return Progress(None, None)


def expected_progress(project: Mapping[str, Any], as_of: date) -> float | None:
    """Share of milestone weight due before `as_of`; without milestones, linear from start_on to due_on.

    A due date means the end of that day, as for `overdue_milestones`: a milestone due on
    `as_of` is not expected yet (it may still be finished that day), from the next day it is.
    """
    milestones = _planned(project)
    if milestones:
        total = sum(_weight(m) for m in milestones)
        due = sum(_weight(m) for m in milestones if (d := milestone_due(m)) is not None and d < as_of)
        return 100 * due / total
    start, end = parse_partial_date(project.get("start_on")), due_at(project, as_of)
    if start is None or end is None or end <= start:
        return None
    return _clamp(100 * (as_of - start).days / (end - start).days)


def schedule_variance(project: Mapping[str, Any], as_of: date) -> float | None:
    """SV = progress − expected, in points (negative = behind)."""
    actual, expected = progress(project, as_of).value, expected_progress(project, as_of)
    if actual is None or expected is None:
        return None
    return round(actual - expected, _SV_DIGITS)


# ------------------------------------------------------------------------------ dates and cadence


def value_at(project: Mapping[str, Any], field: str, as_of: date) -> Any:
    """A revisable field (`due_on`, `tier`, `category`, …) as it stood at `as_of`: the current
    value, unless a `revisions:` entry dated after `as_of` changed it, in which case the value it
    had then (the earliest such `from`). Without a revision the current value is all we know."""
    later = [
        r
        for r in dicts(project.get("revisions"))
        if r.get("field") == field and (on := parse_partial_date(r.get("on"))) is not None and on > as_of
    ]
    if later:
        return min(later, key=lambda r: date_order(r.get("on"))).get("from")
    return project.get(field)


def due_at(project: Mapping[str, Any], as_of: date) -> date | None:
    """The project's due date in force at `as_of` (see `value_at`)."""
    return parse_date(value_at(project, "due_on", as_of))


def milestone_status_at(milestone: Mapping[str, Any], as_of: date) -> object:
    """A milestone's status at `as_of`: one done later was under way then if a reading was
    recorded by that day, else planned."""
    done = milestone_done(milestone, as_of)
    status = "done" if done else milestone.get("status")
    if not done and status == "done":
        status = "in_progress" if milestone_percent(milestone, as_of) is not None else "planned"
    if status == "in_progress" and milestone.get("readings") and milestone_reading(milestone, as_of) is None:
        status = "planned"  # its first dated reading came after as_of
    return status


def days_left(project: Mapping[str, Any], as_of: date) -> int | None:
    """Days from `as_of` to the due date in force then (negative = overdue); None once closed."""
    due = due_at(project, as_of)
    if due is None or status_at(project, as_of) in CLOSED:
        return None
    return (due - as_of).days


def last_activity(project: Mapping[str, Any], as_of: date) -> date | None:
    """The latest dated record on or before `as_of`: an update, a milestone done, an indicator
    measurement or a review. Any of them shows the project is being worked on and followed, so
    a month of milestones done without a written update is not "no update"."""
    found = [
        _latest(dicts(project.get("updates")), "date", as_of),
        _latest(dicts(project.get("reviews")), "date", as_of),
        _latest(dicts(project.get("milestones")), "done_on", as_of, keep=lambda m: m.get("status") == "done"),
        *(latest_actual(i, as_of) for i in dicts(project.get("indicators"))),
    ]
    return max((f[0] for f in found if f is not None), default=None)


def stale(project: Mapping[str, Any], as_of: date) -> int | None:
    """Days since the latest update on or before `as_of` (the RAG rule of domain §3.6: the
    team's own report is what is late, even while the office keeps reviewing).

    Never updated: days since reporting started (first change to assigned/active, else
    start_on). None when neither is known.
    """
    found = _latest(dicts(project.get("updates")), "date", as_of)
    since = found[0] if found else _tracking_start(project, as_of)
    return (as_of - since).days if since is not None else None


def idle(project: Mapping[str, Any], as_of: date) -> int | None:
    """Days since the latest activity of any kind (`last_activity`), counted like `stale`."""
    since = last_activity(project, as_of) or _tracking_start(project, as_of)
    return (as_of - since).days if since is not None else None


def days_since_review(project: Mapping[str, Any], as_of: date) -> int | None:
    """Days since the latest review on or before `as_of` (None when never reviewed)."""
    found = _latest(dicts(project.get("reviews")), "date", as_of)
    return (as_of - found[0]).days if found else None


def missing_review(project: Mapping[str, Any], as_of: date, cadence_days: int) -> bool:
    """No review for more than `cadence_days` while the project is being worked on.

    Applies to active and extended projects, and to assigned ones with milestones. A project
    never reviewed counts from when reporting started; if that is unknown too, it is missing.
    """
    status = status_at(project, as_of)
    if status not in TRACKED or (status == "assigned" and not has_milestones(project)):
        return False
    days = days_since_review(project, as_of)
    if days is None:
        start = _tracking_start(project, as_of)
        days = (as_of - start).days if start is not None else None
    return days is None or days > cadence_days


def _latest_rating(project: Mapping[str, Any], as_of: date) -> str | None:
    """The rating of the latest rated review on or before `as_of` (an unrated review keeps the last one)."""
    found = _latest(
        dicts(project.get("reviews")), "date", as_of, keep=lambda r: _rag_value(r.get("rating")) is not None
    )
    return _rag_value(found[1]["rating"]) if found else None


def _extension(project: Mapping[str, Any], as_of: date, period_days: int) -> bool:
    """Extended on `as_of`, or an extension was approved within the last period."""
    if status_at(project, as_of) == "extended":
        return True
    return any(
        h.get("to") == "extended"
        and (on := parse_partial_date(h.get("on"))) is not None
        and 0 <= (as_of - on).days < period_days
        for h in dicts(project.get("status_history"))
    )


# ------------------------------------------------------------------------------ RAG


@dataclass(frozen=True, slots=True)
class Rag:
    value: RagValue | None  # computed colour; None when not rated
    reason_codes: tuple[str, ...]  # every rule that fired, red rules first
    override: RagValue | None  # manual override in force on as_of, shown beside `value`
    label: str  # red | amber | green | not_rated | no_milestones | done | terminated | paused

    @property
    def effective(self) -> RagValue | None:
        return self.override or self.value


def override_at(project: Mapping[str, Any], as_of: date) -> RagValue | None:
    """`rag_override.value` when it has no `until`, or `until` is on or after `as_of`."""
    override = project.get("rag_override")
    if not isinstance(override, Mapping):
        return None
    value = _rag_value(override.get("value"))
    if value is None:
        return None
    until = override.get("until")
    if until is not None:
        until_date = parse_date(until)
        if until_date is None or until_date < as_of:
            return None
    return value


def acceptance_failed(assessments: Iterable[Mapping[str, Any]], as_of: date) -> bool:
    """The latest acceptance (验收) on or before `as_of` failed: outcome fail or level 不合格.
    A later acceptance that passes (after 整改) clears it."""
    found = _latest((dict(a) for a in assessments if a.get("kind") == "acceptance"), "date", as_of)
    return found is not None and (found[1].get("outcome") == "fail" or found[1].get("level") == "fail")


def rag(
    project: Mapping[str, Any],
    as_of: date,
    thresholds: Thresholds | None = None,
    assessments: Iterable[Mapping[str, Any]] = (),
) -> Rag:
    """RAG at `as_of`, rule by rule as in domain §3.6; `assessments` are the project's own
    (a failed acceptance makes it red)."""
    t = thresholds or Thresholds()
    status = status_at(project, as_of)
    override = override_at(project, as_of) if status is not None else None
    if status in OWN_LABEL:
        return Rag(None, (), override, status)
    if status not in RATED:
        return Rag(None, (), override, LABEL_NOT_RATED)
    failed = acceptance_failed(assessments, as_of)  # red whatever the milestones: it is not a schedule rule
    if status == "assigned" and not has_milestones(project) and not failed:
        return Rag(None, (), override, LABEL_NO_MILESTONES)

    codes = _fired(project, as_of, t, status)
    if failed:
        codes.add("acceptance_failed")
    ordered = tuple(c for c in (*RED_CODES, *AMBER_CODES) if c in codes)
    value: RagValue = "red" if codes & set(RED_CODES) else "amber" if codes else "green"
    return Rag(value, ordered, override, value)


def _fired(project: Mapping[str, Any], as_of: date, t: Thresholds, status: str) -> set[str]:
    """Reason codes of every red and amber rule that holds (one code per rule family)."""
    codes: set[str] = set()
    left = days_left(project, as_of)
    if left is not None and left < 0 and status != "review":
        codes.add("past_due")
    for _, days in overdue_milestones(project, as_of):
        codes.add("milestone_overdue_red" if days > t.red_overdue_days else "milestone_overdue_amber")
    sv = schedule_variance(project, as_of)
    if sv is not None and sv <= t.red_sv_points:
        codes.add("sv_red")
    elif sv is not None and sv <= t.amber_sv_points:
        codes.add("sv_amber")
    rating = _latest_rating(project, as_of)
    if rating in ("red", "amber"):
        codes.add(f"review_{rating}")
    days = stale(project, as_of)
    if days is not None and days > t.stale_red_days:
        codes.add("stale_red")
    elif days is not None and days > t.stale_amber_days:
        codes.add("stale_amber")
    if left is not None and 0 <= left <= t.amber_due_window_days:
        done = progress(project, as_of).value
        if done is None or done < t.due_soon_progress_pct:
            codes.add("due_soon")
    if _extension(project, as_of, t.review_cadence_days):
        codes.add("extension")
    return codes
