"""`changes` by commit time and by business date, `history` in words, on a real git repository.

The script types records in late on purpose: an update dated 2023-03-05 is committed on
2023-03-25, so `--since` (what git learned) and `--between` (what the records say) disagree
exactly where a clerk would expect them to.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import at, git, make_handmade_repo
from jiebang import api
from jiebang.errors import UsageError
from jiebang.writes import audit, changelog
from jiebang.writes import git as gitlib

PROJECTS = Path("registry/programmes/hm-2023/projects")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> Path:
    """The handmade register and a month of meetings typed in at fixed commit dates."""
    root = make_handmade_repo(tmp_path)  # first commit 2023-01-10
    monkeypatch.chdir(root)
    for day, args in (
        ("2023-02-01", ["move", "1", "active", "--on", "2023-02-01"]),
        (
            "2023-03-25",
            ["update", "1", "--author", "P0001", "-m", "选址完成", "--progress", "40", "--on", "2023-03-05"],
        ),
        ("2023-03-26", ["milestone", "1", "M1", "--done", "--on", "2023-03-20"]),
        ("2023-04-02", ["review", "1", "--reviewer", "P0002", "--rating", "amber", "-m", "偏慢", "--on", "2023-04-01"]),
        ("2023-04-03", ["assign", "1", "--mentor", "P0003"]),
    ):
        for name, value in at(day).items():
            monkeypatch.setenv(name, value)
        result = run(["jiebang", *args])
        assert result.exit_code == 0, result.output
    # A second project added by hand on 2023-04-05, with an update of its own.
    text = (root / PROJECTS / "01.yaml").read_text("utf-8")
    text = text.replace("number: 1", "number: 2").replace("农贸市场立体停车场建设（虚构）", "老旧小区加装电梯（虚构）")
    text = re.sub(r"status: \w+\nstatus_history:\n", "status: open\nstatus_history:\n", text)
    text = (
        text.split("status_history:\n")[0] + "status_history:\n  - to: open\n    on: 2023-04-05\n    by_role: office\n"
    )
    text += "updates:\n  - date: 2023-04-06\n    author: P0001\n    summary: 摸底完成\n"
    (root / PROJECTS / "02.yaml").write_text(text, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: 新增 2 号项目", env=at("2023-04-06"))
    return root


def brief(run, *args: str) -> list[tuple[str, str, str]]:
    result = run(["jiebang", "changes", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    return [(r["project"], r["kind"], r.get("date") or r.get("on") or "") for r in json.loads(result.stdout)]


# ------------------------------------------------------------------------------ changes: two kinds of time


def test_between_selects_by_the_dates_on_the_records(repo: Path, run) -> None:
    assert brief(run, "--between", "2023-03-01..2023-03-31") == [
        ("hm-2023/1", "update", "2023-03-05"),  # typed in on 2023-03-25, dated 03-05
        ("hm-2023/1", "milestone-done", "2023-03-20"),
    ]
    # By commit time the late update is news after 03-20, and not in March's first days at all.
    assert ("hm-2023/1", "update", "2023-03-05") in brief(run, "--since", "2023-03-20")
    assert ("hm-2023/1", "update", "2023-03-05") not in brief(run, "--since", "2023-03-25")


def test_between_lists_a_project_added_in_the_window_with_its_records(repo: Path, run) -> None:
    assert brief(run, "--between", "2023-04-01..") == [
        ("hm-2023/1", "reviewed", "2023-04-01"),
        ("hm-2023/2", "added", "2023-04-05"),
        ("hm-2023/2", "update", "2023-04-06"),
    ]
    assert brief(run, "--between", "2023-04-01..2023-04-05")[-1] == ("hm-2023/2", "added", "2023-04-05")


def test_between_shows_the_status_as_it_was_at_the_window_end(repo: Path, run) -> None:
    rows = json.loads(run(["jiebang", "changes", "--between", "..2023-01-31", "-f", "json"]).stdout)
    assert [(r["project"], r["kind"], r["status"], r["on"]) for r in rows] == [
        ("hm-2023/1", "added", "assigned", "2023-01-10")  # active only from 2023-02-01
    ]


def test_a_project_added_since_a_commit_lists_its_records(repo: Path, run) -> None:
    assert brief(run, "--since", "2023-04-05") == [
        ("hm-2023/2", "added", "2023-04-05"),
        ("hm-2023/2", "update", "2023-04-06"),
    ]


def test_a_date_before_the_register_began_means_since_the_start(repo: Path, run) -> None:
    found = brief(run, "--since", "2022-12-31")
    assert found[0] == ("hm-2023/1", "added", "2023-01-10")
    assert ("hm-2023/1", "update", "2023-03-05") in found and ("hm-2023/2", "added", "2023-04-05") in found


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--since", "2030-01-01"], "无变化：自 2030-01-01 以来没有新的记录"),
        (["--between", "2030-01-01.."], "无变化：2030-01-01 至 今后 没有记录"),
        (["--between", "2023-02-02..2023-03-04"], "无变化：2023-02-02 至 2023-03-04 没有记录"),
        (["--between", "2023-02-02", "--lang", "en"], "no changes: no records dated 2023-02-02 to 2023-02-02"),
    ],
)
def test_nothing_to_tell_says_so(repo: Path, run, args: list[str], shown: str) -> None:
    result = run(["jiebang", "changes", *args])
    assert result.exit_code == 0
    assert result.stdout.strip() == shown  # a sentence, not an empty table
    assert json.loads(run(["jiebang", "changes", *args, "-f", "json"]).stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-13-01"], "日期“2026-13-01”不存在：没有13月"),
        (["--between", "2026-13-01..2026-12-01"], "日期“2026-13-01”不存在：没有13月"),
        (["--between", "2023-05-01..2023-04-01"], "起点晚于终点"),
        (["--between", ".."], "日期范围“..”无效"),
        (["--since", "2023-01-31", "--between", "2023-01-01.."], "--since（按提交时间）或 --between"),
        ([], "--since（按提交时间）或 --between"),
    ],
)
def test_bad_dates_and_ranges_are_usage_errors(repo: Path, run, args: list[str], message: str) -> None:
    result = run(["jiebang", "changes", *args])
    assert result.exit_code == 2
    assert message in result.stderr and "git 中没有" not in result.stderr and "Traceback" not in result.output


def test_help_says_which_time_each_option_means(run) -> None:
    text = run(["jiebang", "changes", "--help"]).stdout
    assert "按提交时间" in text and "按记录上的日期" in text


def test_api_takes_the_window(repo: Path) -> None:
    reg, _ = api.open_register("registry")
    march = api.changes(reg, between=changelog.window("2023-03-01..2023-03-31"))
    assert [b.kind for b in march] == ["update", "milestone-done"]
    assert api.changes.__doc__ and api.history.__doc__
    with pytest.raises(UsageError):
        api.changes(reg)
    one = changelog.window("2023-03-05")
    assert one.start == one.end and str(one) == "2023-03-05..2023-03-05"
    assert changelog.window("..2023-03-05").start is None and changelog.window("2023-03-05..").end is None


# ------------------------------------------------------------------------------ history in words


def test_history_is_one_readable_line_per_record(repo: Path, run) -> None:
    result = run(["jiebang", "history", "1"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(lines) == 6  # six commits, each changing one record (the move's status is told by its record)
    expected = [
        "修改团队 T1：导师 测试乙 (P0002) → 测试乙 (P0002)、测试丙 (P0003)",
        "新增讲评 2023-04-01 测试乙 (P0002) 讲评（黄） 偏慢",
        "修改里程碑 M1 完成选址：状态 计划 → 完成；完成日期 — → 2023-03-20",
        "新增进展 2023-03-05 测试甲 (P0001) 选址完成（40%）",
        "新增状态记录 2023-02-01 已挂帅 → 进行中",
        "新建项目（",
    ]
    for line, text in zip(lines, expected, strict=True):
        assert text in line
    assert "$." not in result.stdout and 'P0001"' not in result.stdout


def test_history_in_english(repo: Path, run) -> None:
    out = run(["jiebang", "history", "1", "--lang", "en"]).stdout
    assert "added update: 2023-03-05 测试甲 (P0001) 选址完成 (40%)" in out
    assert "changed milestone M1 完成选址: status planned → done; done on — → 2023-03-20" in out
    assert "added review: 2023-04-01 测试乙 (P0002) review (amber) 偏慢" in out


def test_history_json_and_csv_keep_paths_and_raw_values(repo: Path, run) -> None:
    rows = json.loads(run(["jiebang", "history", "1", "-f", "json"]).stdout)
    team = rows[0]
    assert (team["record"], team["action"]) == ("$.teams.T1", "changed")
    assert team["changes"] == [{"field": "$.teams.T1.mentors[1]", "old": None, "new": "P0003"}]
    update = next(r for r in rows if r["record"].startswith("$.updates"))
    assert (update["record"], update["action"]) == ("$.updates[0]", "added")
    assert update["changes"] == [{"field": "$.updates", "old": None, "new": [{**update["changes"][0]["new"][0]}]}]
    assert update["changes"][0]["new"][0]["author"] == "P0001"  # the first update made the list: raw as written
    move = next(r for r in rows if r["record"] == "$.status_history[1]")
    assert {"field": "$.status", "old": "assigned", "new": "active"} in move["changes"]  # told once, kept whole
    text = run(["jiebang", "history", "1", "-f", "csv"]).stdout
    assert "{'" not in text and "None" not in text  # never Python repr
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert [json.loads(r["changes"]) for r in parsed] == [r["changes"] for r in rows]
    assert parsed[0]["text"] == "修改团队 T1：导师 测试乙 (P0002) → 测试乙 (P0002)、测试丙 (P0003)"


# ------------------------------------------------------------------------------ narrow and wide terminals

DATE = re.compile(r"20\d\d-\d\d-\d\d")


@pytest.mark.parametrize(("lang", "width"), [("zh", 60), ("en", 60), ("zh", 120), ("en", 120)])
@pytest.mark.parametrize(
    ("command", "dates"),
    [
        (("changes", "--between", "2023-03-01.."), {"2023-03-05", "2023-03-20", "2023-04-01", "2023-04-06"}),
        (("history", "1"), {"2023-03-05", "2023-03-20", "2023-04-01", "2023-02-01"}),
        (("report", "1", "--as-of", "2023-04-30"), {"2023-03-31", "2023-03-20", "2023-04-01", "2023-02-01"}),
    ],
)
def test_fits_the_terminal(repo: Path, sh, command: tuple[str, ...], dates: set[str], lang: str, width: int) -> None:  # noqa: PLR0917
    env = {"COLUMNS": str(width), "LINES": "50", "TTY_COMPATIBLE": "1", "TERM": "dumb"}
    result = sh(*command, "--lang", lang, cwd=repo, env=env)  # the installed entry point
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert dates <= set(DATE.findall(out))  # every date whole, on one line
    fragments = re.findall(r"20\d\d-[0-9-]*", out)
    assert all(DATE.fullmatch(f) for f in fragments), fragments  # no date cut ("2023-0…") or split
    columns = [len(part) for line in out.splitlines() if line.startswith("┏") for part in line[1:-1].split("┳")]
    assert all(w >= 6 for w in columns), columns  # no column squeezed to a few characters
    if command[0] != "report":
        assert columns[-1] >= 18  # the change itself keeps room to be read
    if command[0] == "report":
        assert "完成选址" in out and "调整后" not in out and "revised" not in out


def test_report_lists_milestones_whole_when_the_table_is_too_wide(repo: Path, run, sh, monkeypatch) -> None:
    long = "完成立体停车场主体结构施工及消防验收备案"
    for args in (
        ["add", "milestone", "1", "--title", long, "--due", "2023-06-30"],
        ["milestone", "1", "M2", "--due", "2023-07-31", "--reason", "设计变更"],
    ):
        assert run(["jiebang", *args]).exit_code == 0
    screen = {"LINES": "50", "TTY_COMPATIBLE": "1", "TERM": "dumb"}
    narrow = sh("report", "1", "--as-of", "2023-08-15", cwd=repo, env={**screen, "COLUMNS": "60"}).stdout
    item = next(line for line in narrow.splitlines() if "M2" in line)
    assert f"M2 {long}：完成期限" in item  # a list item: title whole, each value with its label
    assert "调整后 2023-07-31" in narrow and "逾期天数 15" in narrow and "…" not in narrow
    wide = sh("report", "1", "--as-of", "2023-08-15", cwd=repo, env={**screen, "COLUMNS": "120"}).stdout
    assert re.search(rf"M2 +{long} +2023-06-30 +2023-07-31", wide)  # room enough: still a table


def test_history_names_a_measurement_after_its_indicator(repo: Path, run) -> None:
    assert run(["jiebang", "measure", "1", "I1", "120", "--on", "2023-04-10"]).exit_code == 0
    rows = json.loads(run(["jiebang", "history", "1", "-f", "json"]).stdout)
    assert (rows[0]["record"], rows[0]["text"]) == (
        "$.indicators.I1.actuals[0]",
        "新增指标 I1 新增车位 实测 2023-04-10 120个",
    )


def test_a_revision_record_reads_as_the_change_it_records() -> None:
    """`revisions:` (due date, tier and category changes with a reason) as a line, by its own words."""
    commit = git_commit("手工：延期")
    before = {"status": "active", "due_on": "2023-03-31"}
    revision = {"field": "due_on", "from": "2023-03-31", "to": "2023-12-31", "on": "2023-03-20", "reason": "选址变更"}
    after = {**before, "due_on": "2023-12-31", "revisions": [revision]}
    entry = audit.Entry(commit, "hand", False, tuple(audit.field_changes(before, after)), before, after)
    found = changelog.lines([entry])
    assert [(line.pointer, line.action) for line in found] == [("$", "changed"), ("$.revisions[0]", "added")]
    assert [changelog.describe(line, None, "zh") for line in found] == [
        "修改项目：完成期限 2023-03-31 → 2023-12-31",
        "新增调整记录 2023-03-20 完成期限 2023-03-31 → 2023-12-31（选址变更）",
    ]
    assert changelog.describe(found[1], None, "en") == (
        "added revision: 2023-03-20 due date 2023-03-31 → 2023-12-31 (选址变更)"
    )


def git_commit(subject: str) -> gitlib.Commit:
    stamp = "2023-03-20T12:00:00+00:00"
    return gitlib.Commit("0" * 40, ("1" * 40,), "王手工", "w@example.invalid", stamp, stamp, subject, "")


def test_every_changed_item_of_a_list_is_a_change_of_its_own() -> None:
    """Items with ids are matched by id, others by place; an item gone is a change to nothing."""
    old = {"milestones": [{"id": "M1", "due_on": "A"}, {"id": "M2", "due_on": "B"}, {"id": "M3"}],
           "aliases": ["甲", "乙", "丙"]}  # fmt: skip
    new = {"milestones": [{"id": "M1", "due_on": "A2"}, {"id": "M2", "due_on": "B2"}, {"id": "M3"}],
           "aliases": ["甲2", "乙2"]}  # fmt: skip
    found = [(c.path, c.old, c.new) for c in audit.field_changes(old, new)]
    assert found == [
        (("milestones", "M1", "due_on"), "A", "A2"),
        (("milestones", "M2", "due_on"), "B", "B2"),
        (("aliases", 0), "甲", "甲2"),
        (("aliases", 1), "乙", "乙2"),
        (("aliases", 2), "丙", None),
    ]
