"""Promises that mutation testing (benchmarks/mutation.py) found no test holding.

Each test here was written against a mutant that survived the rest of the suite: the code was
changed in a small way and every other test still passed. Grouped by module; the docstrings say
what a user would have seen go wrong.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest

from conftest import CASES, SAMPLE
from jiebang import api
from jiebang.checks import schema, validate
from jiebang.files import cache
from jiebang.model import dates, lifecycle, loader
from jiebang.model.records import Kind
from jiebang.queries import derive
from jiebang.writes import audit

# ------------------------------------------------------------------------------ lifecycle


def test_a_status_outside_the_table_is_refused_not_a_crash() -> None:
    """A hand-typed status (`finished`) in an old commit: `validate --since` flags the move, no traceback."""
    assert lifecycle.allowed("finished", "active") is False
    assert lifecycle.allowed("active", "finished") is False
    assert lifecycle.allowed("finished", "finished") is False


def test_reopening_is_allowed_only_to_the_status_work_goes_back_to() -> None:
    assert lifecycle.allowed("done", "active") and lifecycle.allowed("withdrawn", "open")
    assert not lifecycle.allowed("done", "open") and not lifecycle.allowed("withdrawn", "active")


# ------------------------------------------------------------------------------ derive (settings)

SMALLEST = {
    # the smallest value each setting takes; one below falls back to the default
    "update_cadence_days": 1,
    "stale_after_days": 1,
    "review_cadence_days": 1,
    "rag": {"red_overdue_days": 0, "amber_due_window_days": 0, "stale_amber_days": 1, "stale_red_days": 1},
}


def test_each_setting_is_taken_down_to_its_smallest_sensible_value() -> None:
    """`settings:` at the edge of what makes sense is used as written, not silently replaced."""
    t = derive.Thresholds.from_programme({"settings": SMALLEST})
    assert (t.update_cadence_days, t.stale_after_days, t.review_cadence_days) == (1, 1, 1)
    assert (t.red_overdue_days, t.amber_due_window_days, t.stale_amber_days, t.stale_red_days) == (0, 0, 1, 1)


def test_a_setting_below_its_smallest_value_takes_the_default() -> None:
    below = {
        "update_cadence_days": 0,
        "stale_after_days": 0,
        "review_cadence_days": 0,
        "rag": {"red_overdue_days": -1, "amber_due_window_days": -1, "stale_amber_days": 0, "stale_red_days": 0},
    }
    assert derive.Thresholds.from_programme({"settings": below}) == derive.Thresholds()


def test_stale_after_days_is_read_and_otherwise_follows_the_cadence() -> None:
    assert derive.Thresholds.from_programme({"settings": {"stale_after_days": 7}}).stale_after_days == 7
    follows = derive.Thresholds.from_programme({"settings": {"update_cadence_days": 10}})
    assert (follows.stale_after_days, follows.stale_amber_days, follows.stale_red_days) == (15, 15, 30)


def test_schedule_and_progress_lines_accept_their_edges() -> None:
    """SV points are zero or below; a progress percentage runs from 0 to 100 inclusive."""
    read = derive.Thresholds.from_programme
    assert read({"settings": {"rag": {"amber_sv_points": 0}}}).amber_sv_points == 0
    assert read({"settings": {"rag": {"amber_sv_points": 0.5}}}).amber_sv_points == -10
    assert read({"settings": {"rag": {"due_soon_progress_pct": 0}}}).due_soon_progress_pct == 0
    assert read({"settings": {"rag": {"due_soon_progress_pct": 100}}}).due_soon_progress_pct == 100


# ------------------------------------------------------------------------------ derive (dates and days)


def test_partial_dates_at_the_edges_of_the_calendar() -> None:
    assert derive.parse_partial_date("0001") == date(1, 12, 31)
    assert derive.parse_partial_date("0000") is None  # no year 0: refused, not a crash
    assert derive.parse_partial_date("0001-01") == date(1, 1, 31)
    assert derive.parse_partial_date("0000-05") is None
    assert derive.parse_partial_date("2021-12") == date(2021, 12, 31)
    assert derive.parse_partial_date("2021-13") is None


def test_reporting_starts_on_the_first_move_to_active_even_that_same_day() -> None:
    """A project started by `move … active` (never assigned) counts from that day, 0 days on the day."""
    started = {"status": "active", "status_history": [{"to": "active", "on": "2023-03-01"}]}
    assert derive.stale(started, date(2023, 3, 1)) == 0
    assert derive.stale(started, date(2023, 3, 11)) == 10


def test_a_start_date_counts_from_its_own_day_and_not_before() -> None:
    project = {"status": "active", "start_on": "2023-03-01"}
    assert derive.stale(project, date(2023, 3, 1)) == 0
    assert derive.stale(project, date(2023, 2, 28)) is None  # not started yet: no "days without update"


def test_an_extension_approved_today_is_flagged_even_when_work_resumed_the_same_day() -> None:
    project = {
        "status": "active",
        "status_history": [
            {"to": "active", "on": "2023-01-01"},
            {"to": "extended", "on": "2023-03-01"},
            {"to": "active", "on": "2023-03-01"},
        ],
        "milestones": [{"id": "M1", "due_on": "2023-12-31"}],
        "updates": [{"date": "2023-03-01"}],
    }
    assert "extension" in derive.rag(project, date(2023, 3, 1)).reason_codes


def test_an_override_or_rating_that_is_not_a_colour_is_ignored_not_a_crash() -> None:
    """A hand-written `rag_override: {value: [red]}` or `rating: {x: 1}` is for `validate` to flag."""
    project = {
        "status": "active",
        "rag_override": {"value": ["red"]},
        "reviews": [{"date": "2023-03-01", "rating": {}}],
    }
    assert derive.override_at(project, date(2023, 3, 1)) is None
    assert derive.rag(project, date(2023, 3, 2)).override is None


def test_a_milestone_reading_is_the_latest_one_known_on_the_day() -> None:
    """Dated readings (`set milestone … --percent`) are read as of the day; older files keep `percent`."""
    milestone = {
        "percent": 10,
        "readings": [
            {"on": "2023-03-01", "percent": 30},
            {"on": "2023-04-01", "percent": "六成"},  # not a number: skipped, not taken as the latest
            {"on": "2023-05-01", "percent": 80},
        ],
    }
    assert derive.milestone_reading(milestone, date(2023, 2, 1)) == 10
    assert derive.milestone_reading(milestone, date(2023, 3, 1)) == 30
    assert derive.milestone_reading(milestone, date(2023, 4, 15)) == 30
    assert derive.milestone_reading(milestone, date(2023, 5, 1)) == 80
    assert derive.milestone_reading({"percent": "八成"}, date(2023, 5, 1)) is None
    assert derive.milestone_reading({}, date(2023, 5, 1)) is None


def test_a_milestone_shows_the_status_it_had_on_the_day() -> None:
    """`milestones --as-of` and the report show a milestone as it stood then, not as it is now."""
    done_later = {"status": "done", "done_on": "2023-05-01", "readings": [{"on": "2023-03-01", "percent": 40}]}
    assert derive.milestone_status_at(done_later, date(2023, 5, 1)) == "done"
    assert derive.milestone_status_at(done_later, date(2023, 4, 1)) == "in_progress"  # a reading by then
    assert derive.milestone_status_at(done_later, date(2023, 2, 1)) == "planned"  # nothing recorded yet
    assert derive.milestone_status_at({"status": "done", "done_on": "2023-05-01"}, date(2023, 4, 1)) == "planned"
    under_way = {"status": "in_progress", "readings": [{"on": "2023-03-01", "percent": 10}]}
    assert derive.milestone_status_at(under_way, date(2023, 3, 1)) == "in_progress"
    assert derive.milestone_status_at(under_way, date(2023, 2, 1)) == "planned"  # first reading after the day
    assert derive.milestone_status_at({"status": "in_progress"}, date(2023, 2, 1)) == "in_progress"
    assert derive.milestone_status_at({"status": "cancelled"}, date(2023, 2, 1)) == "cancelled"


def test_a_review_action_is_late_from_the_day_after_it_was_due_until_it_is_closed() -> None:
    """`actions` and the report: an open action due on the 10th is on time that day, 1 day late on the 11th;
    closed (dated or not) it is done and late no more; closed after the day, it was still open then."""
    action = {"text": "报送方案", "due_on": "2023-03-10"}
    assert not derive.action_done(action, date(2023, 3, 11))
    assert derive.action_days_overdue(action, date(2023, 3, 10)) is None
    assert derive.action_days_overdue(action, date(2023, 3, 11)) == 1
    assert derive.action_days_overdue({**action, "status": "open"}, date(2023, 3, 20)) == 10
    closed = {**action, "status": "done", "done_on": "2023-03-15"}
    assert derive.action_done(closed, date(2023, 3, 15)) and not derive.action_done(closed, date(2023, 3, 14))
    assert derive.action_days_overdue(closed, date(2023, 3, 14)) == 4
    assert derive.action_days_overdue(closed, date(2023, 3, 20)) is None
    undated = {**action, "status": "done"}
    assert derive.action_done(undated, date(2023, 3, 1))
    assert derive.action_days_overdue(undated, date(2023, 3, 20)) is None
    assert derive.action_days_overdue({"text": "无期限"}, date(2023, 3, 20)) is None


def test_an_indicator_measured_on_the_day_is_in_that_days_trend() -> None:
    indicator = {"actuals": [{"on": "2023-03-01", "value": 5}]}
    assert derive.indicator_trend(indicator, date(2023, 3, 1)) == [("2023-03-01", 5.0, None)]
    assert derive.indicator_trend(indicator, date(2023, 2, 28)) == []


def test_a_milestone_not_done_does_not_count_as_activity_by_its_done_on() -> None:
    """A stray `done_on` on a milestone still planned is no sign of work: the project stays idle."""
    project = {
        "status": "active",
        "status_history": [{"to": "active", "on": "2023-01-01"}],
        "milestones": [{"id": "M1", "status": "planned", "done_on": "2023-03-01"}],
    }
    assert derive.last_activity(project, date(2023, 4, 1)) is None
    assert derive.idle(project, date(2023, 4, 1)) == 90


def test_a_monthly_measurement_counts_as_activity_from_the_months_last_day() -> None:
    """An indicator figure for "2023-05" (a month's result) shows work was followed, from 31 May on."""
    project = {
        "status": "active",
        "status_history": [{"to": "active", "on": "2023-01-01"}],
        "indicators": [{"id": "I1", "actuals": [{"on": "2023-05", "value": 3}]}],
    }
    assert derive.last_activity(project, date(2023, 6, 10)) == date(2023, 5, 31)
    assert derive.last_activity(project, date(2023, 5, 30)) is None


def test_the_latest_acceptance_on_the_day_decides_whether_it_failed() -> None:
    """验收 not passed (outcome fail or level fail) makes the project red from its date; a later
    acceptance that passes clears it; an assessment of another kind says nothing about it."""
    failed = {"kind": "acceptance", "date": "2023-02-01", "outcome": "fail"}
    passed = {"kind": "acceptance", "date": "2023-03-01", "outcome": "pass", "level": "good"}
    stage = {"kind": "stage", "date": "2023-04-01", "outcome": "fail", "level": "fail"}
    assert not derive.acceptance_failed([failed], date(2023, 1, 31))
    assert derive.acceptance_failed([failed], date(2023, 2, 1))
    assert not derive.acceptance_failed([failed, passed], date(2023, 3, 1))
    assert derive.acceptance_failed([failed, passed], date(2023, 2, 28))
    assert not derive.acceptance_failed([stage], date(2023, 5, 1))
    assert derive.acceptance_failed([passed, {**passed, "date": "2023-03-02", "level": "fail"}], date(2023, 3, 2))
    project = {"status": "active", "status_history": [{"to": "active", "on": "2023-01-01"}]}
    assert derive.rag(project, date(2023, 2, 1), assessments=[failed]).reason_codes == ("acceptance_failed",)
    assert derive.rag(project, date(2023, 2, 1), assessments=[failed]).value == "red"


def test_days_left_and_the_expected_line_use_the_due_date_in_force_on_the_day() -> None:
    """After `set project … due_on --reason`, `--as-of` a day before the revision still counts to the old date."""
    project = {
        "status": "active",
        "start_on": "2023-01-01",
        "due_on": "2023-12-31",
        "revisions": [{"field": "due_on", "from": "2023-06-30", "to": "2023-12-31", "on": "2023-05-01"}],
    }
    assert derive.days_left(project, date(2023, 4, 30)) == 61
    assert derive.days_left(project, date(2023, 5, 1)) == 244
    assert derive.expected_progress(project, date(2023, 4, 30)) == 100 * 119 / 180


def test_a_project_due_the_day_it_starts_has_no_expected_line_and_no_crash() -> None:
    """start_on equal to due_on (a typo, or a one-day task) gives no linear plan to compare against."""
    project = {"status": "active", "start_on": "2023-03-01", "due_on": "2023-03-01"}
    assert derive.expected_progress(project, date(2023, 3, 1)) is None
    assert derive.schedule_variance(project, date(2023, 3, 1)) is None


def test_a_revised_field_reads_as_it_stood_on_the_day() -> None:
    """Two revisions of the tier: before both, the earlier one's `from` (whatever order the list is in);
    between them, the later one's; on the day of a revision, its new value. Revisions of other fields,
    or undated, change nothing."""
    project = {
        "tier": "district",
        "category": 2,
        "revisions": [
            {"field": "tier", "from": "city", "to": "district", "on": "2023-06-01"},  # listed first, e.g. by a merge
            {"field": "category", "from": 1, "to": 2, "on": "2023-05-01"},
            {"field": "tier", "from": "street", "to": "city", "on": "2023-03-01"},
            {"field": "tier", "from": "village", "to": "district", "on": "六月"},
        ],
    }
    assert derive.value_at(project, "tier", date(2023, 2, 28)) == "street"
    assert derive.value_at(project, "tier", date(2023, 3, 1)) == "city"
    assert derive.value_at(project, "tier", date(2023, 5, 31)) == "city"
    assert derive.value_at(project, "tier", date(2023, 6, 1)) == "district"
    assert derive.value_at(project, "category", date(2023, 4, 30)) == 1
    assert derive.value_at(project, "title", date(2023, 1, 1)) is None


def test_a_status_edited_by_hand_shows_from_the_last_recorded_change_on() -> None:
    """`status: review` typed without a history entry is what the project shows now (validate flags the gap);
    between recorded changes the history answers."""
    project = {
        "status": "review",
        "status_history": [{"to": "assigned", "on": "2023-01-10"}, {"to": "active", "on": "2023-02-01"}],
    }
    assert derive.status_at(project, date(2023, 3, 1)) == "review"
    assert derive.status_at(project, date(2023, 2, 1)) == "review"
    assert derive.status_at(project, date(2023, 1, 20)) == "assigned"
    assert derive.status_at(project, date(2023, 1, 9)) is None


def test_an_override_is_shown_beside_every_label_but_not_before_the_project_existed() -> None:
    """The office's 红黄绿 override stands beside "not rated" and "no milestones" too (it is what they
    decided); at a date before the first recorded status there is no project to override."""
    override = {"rag_override": {"value": "red", "reason": "专班决定"}}
    opened = {"status": "open", **override}
    assert derive.rag(opened, date(2023, 3, 1)).override == "red"
    assert derive.rag(opened, date(2023, 3, 1)).label == "not_rated"
    assigned = {"status": "assigned", **override}
    assert (derive.rag(assigned, date(2023, 3, 1)).label, derive.rag(assigned, date(2023, 3, 1)).effective) == (
        "no_milestones",
        "red",
    )
    later = {**opened, "status_history": [{"to": "open", "on": "2023-02-01"}]}
    assert derive.rag(later, date(2023, 1, 31)).override is None
    assert derive.rag(later, date(2023, 2, 1)).override == "red"


def test_a_trend_labels_each_reading_by_its_day_else_its_period_and_keeps_its_qualifier() -> None:
    """`report`'s indicator trend: a period-only reading is labelled by its period, an undated one
    (the source gives no date) by nothing and first, a reading with a day by the day; the
    qualifier (余, 至少) stays with its figure; a reading that is not a number is left out."""
    indicator = {
        "actuals": [
            {"period": "2023-02", "value": 3},
            {"on": "2023-03-05", "period": "2023-03", "value": 4, "qualifier": "more_than"},
            {"value": 5, "undated": True},
            {"on": "2023-04-01", "value": "x"},
        ]
    }
    assert derive.indicator_trend(indicator, date(2023, 12, 31)) == [
        ("", 5.0, None),
        ("2023-02", 3.0, None),
        ("2023-03-05", 4.0, "more_than"),
    ]


def test_an_actual_is_undated_only_when_marked_so_and_given_no_day_or_period() -> None:
    """A figure with neither a day nor a period nor the `undated` mark is not known on any day; one
    marked undated but given a day counts from that day, not from always."""
    assert derive.actual_date({"value": 5}) is None
    assert derive.actual_date({"value": 5, "undated": True}) == derive.UNDATED
    assert derive.actual_date({"value": 5, "undated": True, "on": "2023-05-01"}) == date(2023, 5, 1)
    assert derive.actual_date({"value": 5, "undated": True, "period": "2023-05"}) == date(2023, 5, 31)
    # A day that cannot be read is not replaced by the period's end: the figure waits for a readable day.
    assert derive.actual_date({"value": 5, "on": "五月", "period": "2023-05"}) is None


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2023Q1", date(2023, 3, 31)),
        ("2023Q4", date(2023, 12, 31)),
        ("2024-02", date(2024, 2, 29)),
        ("2023", date(2023, 12, 31)),
        ("0001", date(1, 12, 31)),
        ("0000", None),
        ("0000Q1", None),
        ("2023Q5", None),
        ("2023-13", None),
        ("2023-02-10", None),
        (2023, None),
    ],
)
def test_a_period_ends_on_the_last_day_of_its_year_quarter_or_month(period: object, end: date | None) -> None:
    assert derive.period_end(period) == end


def test_figures_combined_keep_a_qualifier_only_when_they_agree() -> None:
    """More than 300 plus more than 100 is more than 400; more than 300 plus nearly 100 is about 400."""
    more, less = {"qualifier": "more_than"}, {"qualifier": "less_than"}
    assert derive._combined_qualifier([more, {}, more]) == "more_than"
    assert derive._combined_qualifier([more, less]) == "about"
    assert derive._combined_qualifier([{}, {"qualifier": None}]) is None


# ------------------------------------------------------------------------------ validate (personal data)


def test_a_phone_number_is_located_even_below_a_leading_blank_line(tmp_path) -> None:
    """Line and column count the file's very first character too: a file that starts with an empty
    line still points the clerk at the right place."""
    root = tmp_path / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    project.write_text(
        "\n" + project.read_text("utf-8").replace("title: 龙头企业招商引资", "title: 13812345678"), "utf-8"
    )
    reg, _ = loader.load(root)
    [found] = validate.check_personal_data(reg)
    line = 1 + project.read_text("utf-8").splitlines().index("title: 13812345678")
    assert (found.code, found.line, found.col, found.pointer) == ("pii.phone", line, 8, "")
    assert found.args == {"value": "138******78"}

    project.write_text("\n13812345678: x\n" + project.read_text("utf-8").lstrip("\n"), "utf-8")
    reg, _ = loader.load(root)
    assert [(p.line, p.col) for p in validate.check_personal_data(reg)][:1] == [(2, 1)]


def test_a_number_only_parsing_reveals_is_said_once_however_many_values_hold_it(tmp_path) -> None:
    """Written as YAML escapes in two values, one phone number is one finding, at the first value:
    what the parsed values add is the numbers the raw text hid, each once (as for raw and parsed
    views of one number)."""
    escaped = "".join(f"\\u{ord(c):04x}" for c in "13812345678")
    root = tmp_path / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    text = project.read_text("utf-8").replace("title: 龙头企业招商引资", f'title: "{escaped}"')
    project.write_text(text + f'notes: "{escaped}"\n', "utf-8")
    reg, _ = loader.load(root)
    found = validate.check_personal_data(reg)
    assert [(p.code, p.pointer, p.args["value"]) for p in found] == [("pii.phone", "$.title", "138******78")]


def _project_holding(tmp_path, extra: str):
    """The minimal case's project 1 with `extra` lines appended, as loaded (its record and text)."""
    root = tmp_path / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    project.write_text(project.read_text("utf-8") + extra, "utf-8")
    reg, _ = loader.load(root)
    [record] = [r for r in reg.records if r.path == project]
    return record


def test_a_write_warns_of_each_never_store_word_it_adds_at_its_place(tmp_path) -> None:
    """What a write adds is said at once, at line:col; what stood on the same line before is not
    said again, but one more of the same word there is, and so is the same word on another line."""
    record = _project_holding(tmp_path, "notes: 因住院缺席\nx-note: 病假两周\n")
    lines = record.text.splitlines()
    notes, other = lines.index("notes: 因住院缺席") + 1, lines.index("x-note: 病假两周") + 1
    found = validate.never_store_added(record, None)
    assert [(p.code, p.line, p.col, p.args, p.severity) for p in found] == [
        ("pii.health", notes, 9, {"value": "住院"}, validate.Severity.WARNING),
        ("pii.health", other, 9, {"value": "病假"}, validate.Severity.WARNING),
    ]
    assert validate.never_store_added(record, record.text) == []
    before = record.text.replace("x-note: 病假两周\n", "")
    assert [p.args["value"] for p in validate.never_store_added(record, before)] == ["病假"]
    twice = _project_holding(tmp_path / "2", "x-list:\n  - 住院\n  - 住院\n")
    once = twice.text.replace("  - 住院\n", "", 1)
    second = len(twice.text.splitlines())
    assert [(p.line, p.col) for p in validate.never_store_added(twice, once)] == [(second, 5)]
    moved = record.text.replace("notes: 因住院缺席\n", "") + "x-other: 因住院缺席\n"
    assert [p.args["value"] for p in validate.never_store_added(record, moved)] == ["住院"]
    last = _project_holding(tmp_path / "3", "notes: 住院")  # a word on a last line with no line break
    assert [p.args["value"] for p in validate.never_store_added(last, "notes: 住院\n")] == []
    assert [p.args["value"] for p in validate.never_store_added(last, "notes: 无\n住院")] == ["住院"]


# ------------------------------------------------------------------------------ dates


def test_a_full_date_spans_its_own_day_whatever_type_yaml_gave_it() -> None:
    """An unquoted 2023-05-10 arrives as a date, a timestamp as a datetime, a quoted one as text:
    each means that one day, never the whole month and never a time of day."""
    day = date(2023, 5, 10)
    assert dates.date_span(day) == (day, day)
    assert dates.date_span(datetime(2023, 5, 10, 13, 30)) == (day, day)
    assert dates.date_span("2023-05-10") == (day, day)
    assert dates.date_span("2023-05~") == (date(2023, 5, 1), date(2023, 5, 31))
    assert dates.date_span(True) is None and dates.date_span(["2023"]) is None


def test_a_date_that_cannot_be_read_counts_as_having_happened() -> None:
    """A done_on written "last spring" is there now: it must not hide the record from an as-of view."""
    assert dates.on_or_before("last spring", "2023-05-01")
    assert dates.on_or_before("2023-05-01", "not a day")
    assert not dates.on_or_before("2023-06", "2023-06-15")


# ------------------------------------------------------------------------------ validate's sampled survivors (issue 13)

RECORDS_CORNERS = CASES / "invalid" / "records-corners" / "registry"


def _corners(tmp_path, edits: dict[str, str]):
    """The records-corners case with files added or replaced, and what validate finds in it."""
    root = tmp_path / "registry"
    shutil.copytree(RECORDS_CORNERS, root)
    for name, text in edits.items():
        (root / name).write_text(text, "utf-8")
    reg, problems = loader.load(root)
    return validate.validate(reg, problems, today=date(2026, 1, 1))


ASSESSMENT = """schema_version: 1
assessments:
  - id: A0009
    date: 2020-12-01
    kind: annual
    subject_type: project
    subject: demo/1
    assessor: 测试街道
    level: good
    cohort: {cohort}
"""


def test_an_assessment_naming_a_cohort_that_exists_is_no_error(tmp_path) -> None:
    found = _corners(tmp_path, {"assessments/2021.yaml": ASSESSMENT.format(cohort="c1")})
    assert not [p for p in found if p.path.endswith("2021.yaml")]
    missing = _corners(tmp_path / "2", {"assessments/2021.yaml": ASSESSMENT.format(cohort="c9")})
    assert [p.code for p in missing if p.path.endswith("2021.yaml")] == ["ref.cohort"]


def test_roles_naming_people_who_exist_are_no_error(tmp_path) -> None:
    roles = "schema_version: 1\nroles:\n  - {emails: [a@example.invalid], person: P0001, roles: [office]}\n"
    found = _corners(tmp_path, {"roles.yaml": roles})
    assert not [p for p in found if p.path.endswith("roles.yaml")]
    unknown = _corners(tmp_path / "2", {"roles.yaml": roles.replace("P0001", "P0009")})
    assert [p.code for p in unknown if p.path.endswith("roles.yaml")] == ["ref.person"]


POSTINGS = """schema_version: 1
id: c4
name: 测试批次（虚构）
kind: secondment
from: 2020-01-01
to: 2020-12-31
postings:
{postings}"""


@pytest.mark.parametrize(
    "postings",
    [
        # the same person twice, the second posting with no start: nothing to compare, no crash
        "  - {person: P0001, from: 2020-01-01, to: 2020-06-30, status: completed}\n"
        "  - {person: P0001, to: 2020-06-30, status: completed}\n",
        # two postings of no one (a number where a person id belongs) are not one person posted twice
        "  - {person: 1, from: 2020-01-01, to: 2020-06-30, status: completed}\n"
        "  - {person: 1, from: 2020-02-01, to: 2020-06-30, status: completed}\n",
    ],
    ids=["no-start", "no-person"],
)
def test_a_posting_without_a_person_or_a_start_is_never_posted_twice(tmp_path, postings: str) -> None:
    found = _corners(tmp_path, {"cohorts/c4.yaml": POSTINGS.format(postings=postings)})
    assert "cohort.posted-twice" not in [p.code for p in found if p.path.endswith("c4.yaml")]


PROJECT_01 = "programmes/demo/projects/01.yaml"


def _project_01_text(change: str = "", extra: str = "") -> str:
    """The corners' project 1 with a line replaced (`old=>new`) and text appended."""
    text = (RECORDS_CORNERS / PROJECT_01).read_text("utf-8")
    if change:
        old, new = change.split("=>")
        text = text.replace(old, new)
    return text + extra


def _with_indicators(tmp_path, second: str):
    """Project 1 of the case with two rate indicators, the first `I1` from 0 to 100%, the second as given."""
    indicators = (
        "indicators:\n"
        "  - {id: I1, name: 完成率, unit: '%', aggregation: rate, baseline: 0, target: 100}\n"
        f"  - {{name: 达标率, unit: '%', aggregation: rate, {second}}}\n"
    )
    return _corners(tmp_path, {PROJECT_01: _project_01_text(extra=indicators)})


def test_a_rate_of_zero_or_a_hundred_percent_is_in_range(tmp_path) -> None:
    found = _with_indicators(tmp_path, "id: I2, baseline: -1, target: 101")
    out = [p.pointer for p in found if p.code == "indicator.rate-range"]
    assert out == ["$.indicators[1].baseline", "$.indicators[1].target"]


def test_two_indicators_of_one_project_with_one_id_are_an_error(tmp_path) -> None:
    found = _with_indicators(tmp_path, "id: I1, baseline: 0, target: 90")
    assert "unique.indicator-id" in [p.code for p in found if p.path.endswith("01.yaml")]


def test_people_and_sources_of_the_wrong_shape_are_reported_not_a_crash(tmp_path) -> None:
    """A programme's own people file listing a bare name or an id that is a list, and a source whose
    id is a list: the schema says so, and the checks across files step over them (validate-refs)."""
    programme = (RECORDS_CORNERS / "programmes/demo/programme.yaml").read_text("utf-8")
    people = "schema_version: 1\npeople:\n  - 张三\n  - {id: [P0001], name: 李四}\n"
    found = _corners(
        tmp_path,
        {
            "programmes/demo/people.yaml": people,
            "programmes/demo/programme.yaml": programme.replace("  - id: s1\n", "  - id: [s1]\n"),
        },
    )
    pointers = {p.pointer for p in found if p.code.startswith("schema.")}
    assert {"$.people[0]", "$.people[1].id", "$.sources[0].id"} <= pointers


def test_a_future_date_says_which_day_it_was_judged_against() -> None:
    """`date.future` carries the day the check took as today (JSON output shows it)."""
    reg, _ = loader.load(CASES / "invalid" / "future-date" / "registry")
    found = validate.check_not_future(reg, date(2026, 1, 1))
    assert found and {p.args["today"] for p in found} == {"2026-01-01"}


@pytest.mark.parametrize(
    "find", [validate.control_characters, validate.glosses, validate.finite], ids=lambda f: f.__name__
)
def test_a_per_file_check_looks_at_every_record_of_a_batch(tmp_path, find) -> None:
    """`validate --restricted` checks the store's files together, and a register without a cache is
    checked check by check: a clean first file must not end the search."""
    root = tmp_path / "registry"
    shutil.copytree(CASES / "invalid" / "control-characters" / "registry", root)
    project = next(root.rglob("projects/*.yaml"))
    project.write_text(project.read_text("utf-8") + "x-note: 發(fā)展\nx-figure: .nan\n", "utf-8")  # a gloss, a NaN
    reg, _ = loader.load(root)
    records = sorted(reg.records, key=lambda r: bool(find((r,))))  # the clean ones first
    assert not find(records[:1])
    one_by_one = [p for r in records for p in find((r,))]
    assert one_by_one and find(records) == one_by_one


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_cold_validate_checks_each_file_once(tmp_path, monkeypatch, cached: bool) -> None:
    """Each file is checked where it was parsed, and not again by `validate` (issue 12: a record sent
    back to a worker for its checks cost more than the checks)."""
    monkeypatch.setattr(cache, "_enabled", cached)
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    checked: list[str] = []  # each file's schema check, whichever way the per-file checks are run
    real = schema.passes
    monkeypatch.setattr(schema, "passes", lambda record: checked.append(record.display) or real(record))
    result = api.validate([root], today=date(2026, 1, 1))
    assert sorted(checked) == sorted(r.display for r in result.registers[0].records)


def test_a_read_of_one_project_is_judged_by_that_project_alone(tmp_path) -> None:
    """A read of one project (`report 24`) counts the problems of that project and of the files it
    is read with, never what only the whole register could say (its declared count of projects)."""
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    project = root / "programmes/ronggui-2022/projects/24.yaml"
    project.write_text(project.read_text("utf-8").replace("\ncategory: 4\n", "\ncategory: 99\n", 1), "utf-8")
    reg, problems = loader.load(root, number=24)
    found = validate.validate(reg, problems, today=date(2022, 12, 31))
    assert [(p.code, p.path.rsplit("/", 1)[-1]) for p in found] == [("ref.category", "24.yaml")]


@pytest.mark.parametrize(
    "before",
    ["notes: 因住院缺课\n", "notes: 因住院缺席\n", "xnotes: 因住院缺\n", "motes: 因住院缺席\n"],
    ids=["other-last-character", "as-is", "other-start-and-end", "other-first-character"],
)
def test_a_never_store_word_is_old_only_on_the_very_same_line(tmp_path, before: str) -> None:
    """`notes: 因住院缺席`, the last line of the file: the same word on a line that differed only at
    either end was still another line, and the word on it is said as added."""
    record = _project_holding(tmp_path, "notes: 因住院缺席")  # no line end after it
    said = validate.never_store_added(record, record.text.replace("notes: 因住院缺席", before.rstrip("\n")))
    assert [p.args["value"] for p in said] == ([] if before == "notes: 因住院缺席\n" else ["住院"])


def test_a_rate_out_of_range_after_another_kind_of_indicator_says_which_and_what(tmp_path) -> None:
    """A project's first indicator a count, its second a rate of 120%: the rate is still looked at,
    and the problem names the indicator and the value."""
    indicators = (
        "indicators:\n"
        "  - {id: I1, name: 户数, unit: 户, aggregation: latest, baseline: 0, target: 500}\n"
        "  - {id: I2, name: 达标率, unit: '%', aggregation: rate, baseline: 10, target: 120}\n"
    )
    found = _corners(tmp_path, {PROJECT_01: _project_01_text(extra=indicators)})
    said = [(p.pointer, p.args) for p in found if p.code == "indicator.rate-range"]
    assert said == [("$.indicators[1].target", {"value": 120, "indicator": "I2"})]


# ---------------------------------------------------------------- validate-records: cohorts, assessments, meetings


def _said(found, name: str, code: str) -> list[tuple[str, dict]]:
    return [(p.pointer, p.args) for p in found if p.code == code and p.path.endswith(name)]


def test_a_day_recorded_ahead_is_future_only_past_the_day_of_grace(tmp_path) -> None:
    """Today 1 January 2026 (the corners' clock): a posting that ended on the 2nd and an update of
    January (its first day is the 1st) are in time; the 3rd is in the future, and says so with the
    day it was judged against. A year written as a number is the schema's to answer."""
    postings = (
        "  - {person: P0001, from: 2020-01-01, status: completed, ended_on: 2026-01-02}\n"
        "  - {person: P0002, from: 2020-01-01, status: completed, ended_on: 2026-01-03}\n"
        "  - {person: P0003, from: 2020-01-01, status: completed, ended_on: 2999}\n"  # a number: the schema's
    )
    updates = "updates:\n  - {date: '2026-01', text: 本月进展}\n  - {date: 2026-01-02, text: 进展}\n"
    updates += "  - {date: 2026-01-03, text: 未来的进展}\n"
    found = _corners(
        tmp_path,
        {"cohorts/c4.yaml": POSTINGS.format(postings=postings), PROJECT_01: _project_01_text(extra=updates)},
    )
    today = {"today": "2026-01-01"}
    assert _said(found, "c4.yaml", "date.future") == [
        ("$.postings[1].ended_on", {"field": "ended_on", "value": "2026-01-03", **today})
    ]
    assert _said(found, "01.yaml", "date.future") == [
        ("$.updates[2].date", {"field": "date", "value": "2026-01-03", **today})
    ]


@pytest.mark.parametrize(
    ("postings", "expected"),
    [
        # a posting with no start first does not end the search; the later overlap names both
        (
            "  - {person: P0003, to: 2020-06-30, status: completed}\n"
            "  - {person: P0002, from: 2020-01-01, to: 2020-06-30, status: completed}\n"
            "  - {person: P0002, from: 2020-03-01, to: 2020-09-30, status: completed}\n",
            [("$.postings[2].person", {"person": "P0002", "other": 2})],
        ),
        # one after the other, the first still running but planned to end before the second: not twice
        (
            "  - {person: P0001, from: 2020-01-01, to: 2020-03-31, status: active}\n"
            "  - {person: P0001, from: 2020-04-01, to: 2020-06-30, status: completed}\n",
            [],
        ),
        # a hand-over written later-first: the earlier posting ends the day the later begins
        (
            "  - {person: P0001, from: 2020-04-01, to: 2020-06-30, status: completed}\n"
            "  - {person: P0001, from: 2020-01-01, to: 2020-04-01, status: completed}\n",
            [],
        ),
    ],
    ids=["after-a-posting-without-start", "one-after-the-other", "hand-over-later-first"],
)
def test_posted_twice_is_an_overlap_of_one_person_and_names_the_other_posting(tmp_path, postings, expected) -> None:
    found = _corners(tmp_path, {"cohorts/c4.yaml": POSTINGS.format(postings=postings)})
    assert _said(found, "c4.yaml", "cohort.posted-twice") == expected


def test_a_posting_outside_a_cohort_open_at_one_end_shows_the_open_end(tmp_path) -> None:
    """A cohort with no end (or no start): the message shows “…” for the date not given."""
    no_end = POSTINGS.replace("to: 2020-12-31\n", "").format(
        postings="  - {person: P0001, from: 2019-12-01, status: active}\n"
    )
    no_start = POSTINGS.replace("from: 2020-01-01\nto", "to").format(
        postings="  - {person: P0001, from: 2020-01-01, status: completed, ended_on: 2021-01-05}\n"
    )
    found = _corners(tmp_path, {"cohorts/c4.yaml": no_end, "cohorts/c5.yaml": no_start.replace("c4", "c5")})
    outside = "cohort.posting-outside"
    assert _said(found, "c4.yaml", outside) == [
        ("$.postings[0].from", {"field": "from", "value": "2019-12-01", "start": "2020-01-01", "end": "…"})
    ]
    assert _said(found, "c5.yaml", outside) == [
        ("$.postings[0].ended_on", {"field": "ended_on", "value": "2021-01-05", "start": "…", "end": "2020-12-31"})
    ]


def test_meetings_named_by_assessments_and_reviews_must_exist(tmp_path) -> None:
    """An assessment or a review naming a meeting that is not under meetings/ is `ref.meeting`, at
    the field, with the name; a meeting naming a cohort that exists is no error."""
    assessment = ASSESSMENT.format(cohort="c1") + "    meeting: m9\n"
    reviews = "reviews:\n  - {date: 2020-05-01, reviewer: P0002, meeting: m1}\n"
    reviews += "  - {date: 2020-06-01, reviewer: P0002, meeting: m8}\n"
    meeting = (RECORDS_CORNERS / "meetings/m2.yaml").read_text("utf-8").replace("m2", "m3")
    found = _corners(
        tmp_path,
        {
            "assessments/2021.yaml": assessment,
            PROJECT_01: _project_01_text(extra=reviews),
            "meetings/m3.yaml": meeting.replace("programme: nope\ncohort: nope", "cohort: c1"),
        },
    )
    assert _said(found, "2021.yaml", "ref.meeting") == [("$.assessments[0].meeting", {"value": "m9"})]
    assert _said(found, "01.yaml", "ref.meeting") == [("$.reviews[1].meeting", {"value": "m8"})]
    assert not [p for p in found if p.path.endswith("m3.yaml")]


def test_a_repeated_assessment_id_is_reported_at_the_repeat(tmp_path) -> None:
    again = ASSESSMENT.format(cohort="c1").replace("A0009", "A0001")
    found = _corners(tmp_path, {"assessments/2021.yaml": again})
    said = [(p.path.rsplit("/", 1)[-1], p.pointer) for p in found if p.code == "unique.assessment-id"]
    assert said == [("2021.yaml", "$.assessments[0].id")]


def test_a_meeting_whose_id_is_not_its_file_name_says_both(tmp_path) -> None:
    meeting = (RECORDS_CORNERS / "meetings/m1.yaml").read_text("utf-8").replace("id: m1", "id: m4")
    found = _corners(tmp_path, {"meetings/m3.yaml": meeting})
    assert _said(found, "m3.yaml", "ref.meeting-file-name") == [("$.id", {"value": "m4", "name": "m3"})]


def test_a_meeting_covering_a_person_by_name_is_told_the_id(tmp_path) -> None:
    meeting = (RECORDS_CORNERS / "meetings/m1.yaml").read_text("utf-8").replace("id: m1", "id: m3")
    found = _corners(tmp_path, {"meetings/m3.yaml": meeting + "  people: [张三]\n"})
    assert _said(found, "m3.yaml", "ref.person") == [("$.covers.people[0]", {"value": "张三", "suggestion": "P0001"})]


def test_a_cohort_says_its_file_name_and_who_a_name_stands_for(tmp_path) -> None:
    """A cohort whose id is not its file name says what the file should be called; a person posted
    by name is told the id; a programme like none there is no “did you mean”."""
    cohort = POSTINGS.replace("id: c4", "id: c7\nprogramme: 完全无关").format(
        postings="  - {person: 张三, from: 2020-01-01, to: 2020-06-30, status: completed}\n"
    )
    found = _corners(tmp_path, {"cohorts/c6.yaml": cohort})
    assert _said(found, "c6.yaml", "cohort.file-name") == [("$.id", {"value": "c7", "expected": "c7.yaml"})]
    assert _said(found, "c6.yaml", "ref.person") == [("$.postings[0].person", {"value": "张三", "suggestion": "P0001"})]
    assert [(p.hint, p.args) for p in found if p.code == "ref.programme" and p.path.endswith("c6.yaml")] == [
        (None, {"value": "完全无关", "suggestion": ""})
    ]


def test_a_cohort_declaring_another_size_than_posted_says_both_numbers(tmp_path) -> None:
    """Five declared, two people posted (one of them twice): a warning with both counts and the hint."""
    cohort = POSTINGS.replace("postings:", "declared:\n  size: 5\npostings:").format(
        postings="  - {person: P0001, from: 2020-01-01, to: 2020-03-31, status: completed}\n"
        "  - {person: P0001, from: 2020-04-01, to: 2020-06-30, status: completed}\n"
        "  - {person: P0002, from: 2020-01-01, to: 2020-06-30, status: completed}\n"
    )
    found = _corners(tmp_path, {"cohorts/c4.yaml": cohort})
    said = [(p.pointer, p.args, p.hint, p.severity.value) for p in found if p.code == "count.declared"]
    assert said == [
        ("$.declared.size", {"field": "size", "declared": 5, "actual": 2}, "hint.cohort.declared-size", "warning")
    ]


def test_a_name_that_is_not_text_is_reported_never_a_crash(tmp_path, run, monkeypatch) -> None:
    """`name: [王五]` in the people file, with meetings and cohorts that name people: the schema
    says what is wrong; looking people up by name steps over it (a meeting's check crashed here)."""
    people = (RECORDS_CORNERS / "people.yaml").read_text("utf-8").replace("name: 王五", "name: [王五]")
    found = _corners(tmp_path, {"people.yaml": people})
    said = [(p.code, p.pointer) for p in found if p.path.endswith("people.yaml")]
    assert said == [("schema.type", "$.people[2].name")]
    monkeypatch.chdir(tmp_path)
    result = run(["jiebang", "validate", "--lang", "en"])
    assert result.exit_code == 1 and "[schema.type]" in result.output


def test_the_brief_steps_over_ids_and_needs_of_the_wrong_type() -> None:
    """Milestones or teams whose id is a list or a mapping cannot be followed from one version to the
    next (validate reports them); an update's needs are its text items (tests/test_hostile_fields.py
    runs the commands)."""
    assert audit._by_id([{"id": []}, {"id": "M1"}, {"id": {"a": 1}}, "M2"]) == {"M1": {"id": "M1"}}
    teams = {"teams": [{"id": [], "members": ["P0001"]}, {"id": "T1", "members": ["P0002"]}], "lead_officials": ["P3"]}
    assert list(audit.appointments(teams)) == [("T1", "member", "P0002"), (None, "lead-official", "P3")]
    update = {"date": "2023-06-25", "summary": "完成选址"}
    for needs, told in ((7, []), (True, []), (["协调用地", 3], ["协调用地"]), (None, [])):
        new = {"updates": [{**update, "needs_coordination": needs}]}
        briefs = [b for b in audit._project_brief("demo/1", "标题", {}, new) if b.kind == "update"]
        assert [b.detail["needs_coordination"] for b in briefs] == [told], needs


# ---------------------------------------------------------------- validate-refs: categories, local references


def _project_01(tmp_path, change: str = "", extra: str = "", files: dict[str, str] | None = None):
    """What validate finds in the corners' project 1 as `_project_01_text` gives it (other files added)."""
    found = _corners(tmp_path, {PROJECT_01: _project_01_text(change, extra), **(files or {})})
    return [p for p in found if p.path.endswith("01.yaml")]


def test_a_category_written_by_its_full_name_is_told_its_number(tmp_path) -> None:
    found = _project_01(tmp_path, "category: 1=>category: 建设现代产业体系")
    said = [(p.code, p.args) for p in found if p.code.startswith("ref.category")]
    assert said == [("ref.category-by-label", {"value": "建设现代产业体系", "suggestion": "1 (industry)"})]


@pytest.mark.parametrize("value", ["true", "[1]", "{number: 1}"])
def test_a_category_of_the_wrong_type_is_the_schemas_alone(tmp_path, value: str) -> None:
    found = _project_01(tmp_path, f"category: 1=>category: {value}")
    assert [p.code for p in found if "category" in p.pointer] == ["schema.type"]


@pytest.mark.parametrize(("field", "old", "new"), [("key", "livelihood", "industry"), ("short", "民生", "产业")])
def test_two_categories_with_one_key_or_short_name_are_an_error_at_the_second(tmp_path, field, old, new) -> None:
    name = "programmes/demo/programme.yaml"
    found = _corners(
        tmp_path, {name: (RECORDS_CORNERS / name).read_text("utf-8").replace(f"{field}: {old}", f"{field}: {new}")}
    )
    said = [(p.code, p.pointer, p.args["value"]) for p in found if p.code.startswith("unique.")]
    assert said == [(f"unique.category-{field}", f"$.categories[1].{field}", new)]


def test_an_update_touching_a_milestone_the_project_lacks_is_named(tmp_path) -> None:
    """M1 exists; M01 is near it (did you mean); 选址 is like nothing there (no hint)."""
    extra = (
        "milestones:\n  - {id: M1, title: 完成选址, due_on: 2023-06-30, status: planned}\n"
        "updates:\n  - {date: 2023-05-01, author: P0001, summary: 进展, milestones_touched: [M1, M01, 选址]}\n"
    )
    found = _project_01(tmp_path, extra=extra)
    said = [(p.pointer, p.hint, p.args) for p in found if p.code == "ref.milestone"]
    assert said == [
        ("$.updates[0].milestones_touched[1]", "hint.did-you-mean", {"value": "M01", "suggestion": "M1"}),
        ("$.updates[0].milestones_touched[2]", None, {"value": "选址", "suggestion": ""}),
    ]


def test_two_milestones_or_applications_with_one_id_are_found_after_another_kind_of_file(tmp_path) -> None:
    """`project_ids` of a batch whose first record is no project still looks at the projects after it."""
    extra = (
        "milestones:\n  - {id: M1, title: 完成选址, due_on: 2023-06-30, status: planned}\n"
        "  - {id: M1, title: 完成施工, due_on: 2023-09-30, status: planned}\n"
        "applications:\n  - {id: A1, applicant: P0001, method: self, submitted_on: 2023-01-01}\n"
        "  - {id: A1, applicant: P0002, method: self, submitted_on: 2023-01-02}\n"
    )
    found = _project_01(tmp_path, extra=extra)
    assert [(p.code, p.pointer) for p in found if p.code.startswith("unique.")] == [
        ("unique.milestone-id", "$.milestones[1].id"),
        ("unique.application-id", "$.applications[1].id"),
    ]
    reg, _ = loader.load(tmp_path / "registry")
    batch = sorted(reg.records, key=lambda r: r.kind is Kind.PROJECT)  # the projects last
    assert [p.pointer for p in validate.project_ids(batch)] == ["$.milestones[1].id", "$.applications[1].id"]


def test_a_register_without_programmes_is_empty_at_its_folder(tmp_path, monkeypatch) -> None:
    (tmp_path / "registry").mkdir()
    monkeypatch.chdir(tmp_path)
    reg, _ = loader.load(tmp_path / "registry")
    assert [(p.code, p.path) for p in validate.check_layout(reg)] == [("register.empty", "registry")]


def test_a_programme_without_its_file_is_missing_though_a_project_of_it_failed(tmp_path, monkeypatch) -> None:
    """Only a programme.yaml that could not be read is reported by the loader instead (demo3); a
    broken project file beside a good one, in a folder without programme.yaml, leaves it missing
    (a0); and the programmes after a missing one are still checked (demo's misnamed project)."""
    root = tmp_path / "registry"
    shutil.copytree(RECORDS_CORNERS, root)
    projects = root / "programmes/demo/projects"
    for other in ("a0", "demo3"):
        shutil.copytree(projects, root / f"programmes/{other}/projects")
    (root / "programmes/a0/projects/02.yaml").write_text("number: [2\n", "utf-8")
    (root / "programmes/demo3/programme.yaml").write_text("id: [demo3\n", "utf-8")
    (projects / "01.yaml").rename(projects / "05.yaml")
    monkeypatch.chdir(tmp_path)
    reg, _ = loader.load(root)
    found = [(p.code, p.record) for p in validate.check_layout(reg)]
    assert found == [("programme.missing", "a0"), ("project.file-name", "demo/1")]


def test_references_are_checked_in_the_programmes_after_one_without_its_file(tmp_path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(RECORDS_CORNERS, root)
    projects = root / "programmes/demo/projects"
    shutil.copytree(projects, root / "programmes/a0/projects")  # sorted first, no programme.yaml
    (projects / "01.yaml").write_text((projects / "01.yaml").read_text("utf-8").replace("[s1]", "[无此来源]"), "utf-8")
    reg, _ = loader.load(root)
    assert [(p.record, p.hint) for p in validate.check_refs(reg) if p.code == "ref.source"] == [("demo/1", None)]


def test_roles_may_name_people_of_a_programmes_own_file_or_of_a_register_without_programmes(tmp_path) -> None:
    """Register-wide records name people of the register's file or of any programme's own (the
    layout before `migrate`), also when the register has no programme at all; a name where the id
    belongs is told the id."""
    roles = "schema_version: 1\nroles:\n  - {emails: [a@example.invalid], person: PID, roles: [office]}\n"
    own = "schema_version: 1\npeople:\n  - {id: P0100, name: 赵六}\n"
    found = _corners(tmp_path, {"roles.yaml": roles.replace("PID", "P0100"), "programmes/demo/people.yaml": own})
    assert not [p for p in found if p.path.endswith("roles.yaml")]
    bare = tmp_path / "bare" / "registry"
    bare.mkdir(parents=True)
    shutil.copy(RECORDS_CORNERS / "people.yaml", bare / "people.yaml")
    (bare / "roles.yaml").write_text(roles.replace("PID", "P0001"), "utf-8")
    reg, _ = loader.load(bare)
    assert validate.check_register_refs(reg) == []
    (bare / "roles.yaml").write_text(roles.replace("PID", "张三"), "utf-8")  # a name where the id belongs
    reg, _ = loader.load(bare)
    said = [(p.code, p.hint, p.args) for p in validate.check_register_refs(reg)]
    assert said == [("ref.person", "hint.person-by-name", {"value": "张三", "suggestion": "P0001"})]


UNITS = """schema_version: 1
units:
  - {id: U001, name: 测试街道, kind: town}
  - {id: U002, name: 测试甲办, kind: department, parent: U001}
"""


def test_units_and_people_named_like_nothing_there_have_no_did_you_mean(tmp_path) -> None:
    """An unknown unit id, a unit name units.yaml cannot place (near one, and like none) and a
    person id like no one's: each says what it can, and only a near one suggests."""
    extra = "lead_unit: U999\nco_units: [测试甲, 完全未知单位]\n"
    found = _project_01(tmp_path, "leader: P0001=>leader: 完全陌生人", extra, {"units.yaml": UNITS})
    said = [(p.code, p.pointer, p.hint, p.args) for p in found if p.code.startswith(("ref.unit", "ref.person"))]
    assert said == [
        ("ref.person", "$.teams[0].leader", "hint.add-person", {"value": "完全陌生人", "suggestion": ""}),
        ("ref.unit", "$.lead_unit", None, {"value": "U999", "suggestion": ""}),
        ("ref.unit-name", "$.co_units[0]", "hint.did-you-mean", {"value": "测试甲", "suggestion": "U002 测试甲办"}),
        ("ref.unit-name", "$.co_units[1]", "hint.ref.unit-name", {"value": "完全未知单位", "suggestion": ""}),
    ]
    assert {p.severity.value for p in found if p.code == "ref.unit-name"} == {"warning"}


def test_a_unit_entry_that_is_no_mapping_is_the_schemas_alone(tmp_path) -> None:
    found = _corners(tmp_path, {"units.yaml": UNITS + "  - 测试乙办\n"})
    assert [(p.code, p.pointer) for p in found if p.path.endswith("units.yaml")] == [("schema.type", "$.units[2]")]
