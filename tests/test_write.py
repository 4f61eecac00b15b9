"""The write side on real git repositories: every command keeps people's text, validates before
writing, makes one commit, and leaves an audit trail that history, --known-at and
validate --since read back."""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import REPO, assert_golden, at, git

GOLDEN = REPO / "tests" / "golden" / "write"
PROJECT = Path("registry/programmes/hm-2023/projects/01.yaml")


def last_commit(repo: Path) -> tuple[str, str, str]:
    author, subject, *body = git(repo, "log", "-1", "--format=%an%n%s%n%b").splitlines()
    return author, subject, "\n".join(body)


def text(repo: Path) -> str:
    return (repo / PROJECT).read_text("utf-8")


# ------------------------------------------------------------------------------ people's text survives

COMMANDS = [
    ["assign", "1", "--member", "测试丙", "--unit", "城管局（虚构）"],
    ["assign", "1", "--mentor", "P0003"],
    ["unassign", "1", "--mentor", "P0003"],
    ["assign", "1", "--lead-official", "测试乙"],
    ["move", "1", "active", "--on", "2023-02-01"],
    ["add", "milestone", "1", "--title", "完成设计", "--due", "2023-05-31"],
    ["milestone", "1", "M1", "--done", "--on", "2023-03-20"],
    ["milestone", "1", "M2", "--percent", "40", "--on", "2023-04-01"],
    ["milestone", "1", "M2", "--due", "2023-06-30", "--reason", "设计变更（虚构）", "--on", "2023-04-02"],
    ["add", "indicator", "1", "--name", "改造摊位", "--unit", "个", "--target", "80"],
    ["measure", "1", "I1", "120", "--on", "2023-03-31"],
    [
        "update",
        "1",
        "--author",
        "测试甲",
        "-m",
        "选址完成（虚构）",
        "--progress",
        "30",
        "--need",
        "用地指标",
        "--on",
        "2023-03-25",
    ],
    [
        "review",
        "1",
        "--reviewer",
        "测试乙",
        "--rating",
        "amber",
        "-m",
        "进度偏慢（虚构）",
        "--action",
        "补充方案",
        "--action-owner",
        "测试甲",
        "--action-due",
        "2023-04-30",
        "--on",
        "2023-03-28",
    ],
]


def test_every_write_command_keeps_comments_and_makes_one_commit(repo: Path, run, update_golden: bool) -> None:
    original = text(repo)
    comments = [line[line.index("#") :] for line in original.splitlines() if "#" in line]
    for index, args in enumerate(COMMANDS, 2):
        result = run(["jiebang", *args])
        assert result.exit_code == 0, (args, result.output)
        assert "已提交" in result.stdout
        current = text(repo)
        for comment in comments:
            assert comment in current, (args, comment)
        assert "x-note: 本地自定义字段，工具必须原样保留" in current
        assert int(git(repo, "rev-list", "--count", "HEAD")) == index
        author, subject, body = last_commit(repo)
        assert author == "测试者" and subject.startswith(f"jiebang: {args[0]}")
        assert "Jiebang-Record: hm-2023/1" in body
    golden = GOLDEN / "handmade-01-after.yaml"
    assert_golden(golden, text(repo), update_golden)
    assert run(["jiebang", "validate"]).exit_code == 0


def test_commit_message_is_structured(repo: Path, run) -> None:
    refused = run(["jiebang", "assign", "1", "--leader", "P0003"])
    assert refused.exit_code == 2 and "--replace" in refused.stderr  # the leader is not silently replaced
    assert run(["jiebang", "assign", "1", "--leader", "P0003", "--replace"]).exit_code == 0
    _author, subject, body = last_commit(repo)
    assert subject == "jiebang: assign 1 leader=P0003"
    assert "Jiebang-Command: assign" in body


def test_no_commit_leaves_the_change_staged(repo: Path, run) -> None:
    result = run(["jiebang", "move", "1", "active", "--no-commit"])
    assert result.exit_code == 0, result.output
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(repo, "diff", "--cached", "--name-only").strip() == PROJECT.as_posix()


def test_a_copied_folder_with_a_staged_change_takes_further_writes(
    repo: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `--no-commit` remembers names files where the register was; a copy of the folder
    (cp -r, a USB stick) must not take those for its own (it was an internal error)."""
    assert run(["jiebang", "move", "1", "active", "--no-commit"]).exit_code == 0
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, symlinks=True)
    monkeypatch.chdir(copy)
    result = run(
        ["jiebang", "update", "1", "--author", "P0001", "-m", "复制后的进展", "--no-commit", "--include-edits"]
    )
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------------------ refusals


def test_a_change_that_would_break_the_register_is_refused(repo: Path, run) -> None:
    before = text(repo)
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "联系电话 13812345678"])
    assert result.exit_code == 1
    assert "pii.phone" in result.stdout and "projects/01.yaml" in result.stdout
    assert text(repo) == before
    assert git(repo, "status", "--porcelain") == ""


def test_illegal_move_is_refused(repo: Path, run) -> None:
    result = run(["jiebang", "move", "1", "done"])
    assert result.exit_code == 2
    assert "不能从 已挂帅 变为 已完成" in result.stderr
    result = run(["jiebang", "move", "1", "paused"])
    assert result.exit_code == 2 and "--reason" in result.stderr


def test_baselined_due_date_needs_a_reason(repo: Path, run) -> None:
    run(["jiebang", "move", "1", "active"])
    result = run(["jiebang", "milestone", "1", "M1", "--due", "2023-04-30"])
    assert result.exit_code == 2 and "--reason" in result.stderr


def test_hand_edits_are_not_written_over(repo: Path, run) -> None:
    path = repo / PROJECT
    path.write_text(path.read_text("utf-8").replace("完成选址", "完成选址（手工改）"), "utf-8")
    result = run(["jiebang", "assign", "1", "--mentor", "P0003"])
    assert result.exit_code == 2 and "未提交的手工修改" in result.stderr and "--include-edits" in result.stderr
    result = run(["jiebang", "assign", "1", "--mentor", "P0003", "--include-edits"])
    assert result.exit_code == 0, result.output
    assert "完成选址（手工改）" in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")
    assert "Jiebang-Includes-Hand-Edits: yes" in last_commit(repo)[2]
    rows = json.loads(run(["jiebang", "history", "1", "-f", "json"]).stdout)
    assert rows[0]["how"] == "jiebang+hand"


def test_unknown_person_and_missing_flags(repo: Path, run) -> None:
    result = run(["jiebang", "assign", "1", "--leader", "王五"])
    assert result.exit_code == 2 and "王五" in result.stderr
    result = run(["jiebang", "update", "1", "-m", "x"])  # no --author and no terminal to ask
    assert result.exit_code == 2 and "--author" in result.stderr


def test_the_bundled_sample_is_read_only(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["jiebang", "assign", "24", "--mentor", "P0004"])
    assert result.exit_code == 2 and "jiebang init" in result.stderr


def test_no_identity_writes_nothing(repo: Path, run, monkeypatch) -> None:
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    before = text(repo)
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "x"])
    assert result.exit_code == 2 and "git config" in result.stderr
    assert text(repo) == before and git(repo, "status", "--porcelain") == ""


def test_a_committed_write_asks_git_for_the_identity_once(repo: Path, run, monkeypatch, tmp_path: Path) -> None:
    """Asked before anything is written, and not again at the commit: each ask is two git processes."""
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "x"])
    assert result.exit_code == 0, result.stderr
    asked = [line for line in trace.read_text("utf-8").splitlines() if "built-in: git" in line and " var " in line]
    assert len(asked) == 2 and any("GIT_AUTHOR_IDENT" in a for a in asked), asked
    assert git(repo, "log", "-1", "--format=%s").startswith("jiebang")


def test_a_failed_commit_rolls_the_write_back(repo: Path, run) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    before = text(repo)
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "x"])
    assert result.exit_code == 2
    assert text(repo) == before and git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "1", "--reviewer", "P0002", "--action-due", "2023-03-01"], "--action"),
        (["review", "1", "--reviewer", "P0002"], "--rating"),
        (["update", "1", "--author", "P0001", "-m", "x", "--on", "2999-01-01"], "晚于今天"),
        (["add", "person", "--name", "測試甲", "--unit", "测试街道办"], "已有同名的人（繁简、全半角归一后）：P0001"),
        (["add", "project", "--title", "农贸市场立体停车场建设（虚构）", "--category", "民生"], "已有同名项目"),
        (["add", "milestone", "1", "--title", "x", "--due", "2023-05-01", "--weight", "0"], "weight"),
    ],
)
def test_bad_changes_are_refused(repo: Path, run, args: list[str], message: str) -> None:
    before = text(repo)
    result = run(["jiebang", *args])
    assert result.exit_code in (1, 2), result.output
    assert message in result.output
    assert text(repo) == before and git(repo, "status", "--porcelain") == ""


def test_select_twice_and_reused_numbers_are_refused(repo: Path, run) -> None:
    assert (
        run(["jiebang", "add", "project", "--title", "新项目", "--category", "党建", "--status", "open"]).exit_code == 0
    )
    assert run(["jiebang", "claim", "2", "--by", "P0003", "--method", "单位推荐"]).exit_code == 0
    assert run(["jiebang", "select", "2", "A1"]).exit_code == 0
    again = run(["jiebang", "select", "2", "A1"])
    assert again.exit_code == 2 and "已入选" in again.stderr
    git(repo, "rm", "-q", "registry/programmes/hm-2023/projects/02.yaml")
    git(repo, "commit", "-qm", "hand: remove project 2")
    reused = run(["jiebang", "add", "project", "--title", "另一个项目", "--category", "党建", "--number", "2"])
    assert reused.exit_code == 2 and "不得重用" in reused.stderr


# ------------------------------------------------------------------------------ concurrency


def test_concurrent_writers_lose_nothing(repo: Path, run, sh) -> None:
    """20 processes at once, assigning and updating the same project: every change is recorded."""
    for i in range(10):
        assert run(["jiebang", "add", "person", "--name", f"并发成员{i}"]).exit_code == 0
    commits_before = int(git(repo, "rev-list", "--count", "HEAD"))

    def write(i: int) -> subprocess.CompletedProcess[str]:
        if i % 2:
            return sh("assign", "1", "--member", f"并发成员{i // 2}", cwd=repo)
        return sh("update", "1", "--author", "P0001", "-m", f"并发进展{i:02d}", "--on", "2023-03-01", cwd=repo)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(write, range(20)))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results if r.returncode]
    content = text(repo)
    assert all(f"并发进展{i:02d}" in content for i in range(0, 20, 2))
    assert all(f"person: P{i:04d}" in content for i in range(4, 14))  # the ten new people, P0004…P0013
    assert int(git(repo, "rev-list", "--count", "HEAD")) == commits_before + 20
    assert git(repo, "status", "--porcelain") == ""
    assert run(["jiebang", "validate"]).exit_code == 0


# ------------------------------------------------------------------------------ the audit trail


def scripted_history(repo: Path, run, monkeypatch) -> dict[str, str]:
    """CLI changes and hand edits at fixed dates, including an illegal hand-made move."""
    commits = {"start": git(repo, "rev-parse", "HEAD").strip()}
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2023-02-01T12:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2023-02-01T12:00:00+00:00")
    assert run(["jiebang", "move", "1", "active", "--on", "2023-02-01"]).exit_code == 0
    for day, args in (
        ("2023-03-20", ["milestone", "1", "M1", "--done", "--on", "2023-03-20"]),
        ("2023-03-25", ["update", "1", "--author", "P0001", "-m", "选址完成（虚构）", "--on", "2023-03-25"]),
    ):
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T12:00:00+00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T12:00:00+00:00")
        assert run(["jiebang", *args]).exit_code == 0
    commits["march"] = git(repo, "rev-parse", "HEAD").strip()
    path = repo / PROJECT
    edited = (
        path.read_text("utf-8")
        .replace("status: active", "status: done")
        .replace("    due_on: 2023-03-31", "    due_on: 2023-04-30")
    )
    path.write_text(edited, "utf-8")
    hand = {**at("2023-04-15"), "GIT_AUTHOR_NAME": "王手工", "GIT_COMMITTER_NAME": "王手工"}
    git(repo, "commit", "-qam", "手工：直接改成已完成", env=hand)
    commits["hand"] = git(repo, "rev-parse", "HEAD").strip()
    return commits


def test_history_shows_cli_and_hand_changes(repo: Path, run, monkeypatch) -> None:
    commits = scripted_history(repo, run, monkeypatch)
    rows = json.loads(run(["jiebang", "history", "1", "-f", "json"]).stdout)
    hand = [r for r in rows if r["how"] == "hand" and r["commit"] == commits["hand"][:10]]
    assert {r["how"] for r in rows} == {"hand", "jiebang"}
    # One row per record changed; each keeps the field paths and raw values.
    assert [(r["record"], r["action"]) for r in hand] == [("$", "changed"), ("$.milestones.M1", "changed")]
    assert {(c["field"], c["old"], c["new"]) for r in hand for c in r["changes"]} == {
        ("$.status", "active", "done"),
        ("$.milestones.M1.due_on", "2023-03-31", "2023-04-30"),
    }
    assert all(r["author"] == "王手工" for r in hand)
    done = next(r for r in rows if r["how"] == "jiebang" and r["record"] == "$.milestones.M1")
    assert {"field": "$.milestones.M1.status", "old": "planned", "new": "done"} in done["changes"]
    assert rows[-1]["subject"] == "hand: initial register" and rows[-1]["action"] == "created"
    table = run(["jiebang", "history", "1"]).stdout
    assert "王手工" in table and "手工" in table
    assert "修改项目：状态 进行中 → 已完成" in table  # status keys read as labels
    assert "2023-03-31 → 2023-04-30" in table and "$." not in table


def test_known_at_rebuilds_the_register_from_git(repo: Path, run, monkeypatch) -> None:
    commits = scripted_history(repo, run, monkeypatch)
    now = json.loads(run(["jiebang", "list", "-f", "json"]).stdout)
    assert now[0]["status"] == "done"
    then = json.loads(
        run(["jiebang", "list", "--known-at", "2023-03-31", "--as-of", "2023-03-31", "-f", "json"]).stdout
    )
    assert then[0]["status"] == "active" and then[0]["progress"] == 100.0
    by_rev = json.loads(run(["jiebang", "report", "1", "--known-at", commits["start"], "-f", "json"]).stdout)
    assert by_rev["status"]["value"] == "assigned" and by_rev["updates"] == []
    result = run(["jiebang", "status", "--known-at", "2022-12-31"])
    assert result.exit_code == 2 and "2022-12-31" in result.stderr


def test_validate_since_reports_the_commits_that_broke_rules(repo: Path, run, monkeypatch) -> None:
    commits = scripted_history(repo, run, monkeypatch)
    result = run(["jiebang", "validate", "--since", commits["start"], "-f", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    found = {
        (p["code"], p["args"]["commit"], p["args"]["author"]) for p in problems if p["code"].startswith("history.")
    }
    hand = commits["hand"][:10]
    assert ("history.transition", hand, "王手工") in found
    assert ("history.baseline-moved", hand, "王手工") in found
    assert all(commit == hand for _code, commit, _author in found)
    assert all(p["record"] == "hm-2023/1" for p in problems if p["code"].startswith("history."))
    clean = run(["jiebang", "validate", "--since", commits["march"][:12], "--lang", "en"])
    assert "moved status from active to done" in clean.stdout


def test_edited_reviews_and_updates_are_flagged(repo: Path, run) -> None:
    assert (
        run(
            ["jiebang", "review", "1", "--reviewer", "P0002", "--rating", "amber", "-m", "偏慢", "--on", "2023-03-01"]
        ).exit_code
        == 0
    )
    start = git(repo, "rev-parse", "HEAD").strip()
    path = repo / PROJECT
    path.write_text(path.read_text("utf-8").replace("rating: amber", "rating: green"), "utf-8")
    git(repo, "commit", "-qam", "hand: soften the review")
    found = json.loads(run(["jiebang", "validate", "--since", start, "-f", "json"]).stdout)["problems"]
    assert [p["code"] for p in found] == ["history.record-edited"]
    assert json.loads(run(["jiebang", "changes", "--since", start, "-f", "json"]).stdout) == []


def test_changes_since_a_meeting(repo: Path, run, monkeypatch) -> None:
    scripted_history(repo, run, monkeypatch)
    rows = json.loads(run(["jiebang", "changes", "--since", "2023-01-31", "-f", "json"]).stdout)
    kinds = [r["kind"] for r in rows]
    assert kinds.count("moved") == 1 and "milestone-done" in kinds and "update" in kinds
    assert "milestone-slipped" in kinds  # the hand edit moved M1's date
    table = run(["jiebang", "changes", "--since", "2023-01-31"]).stdout
    assert "状态变更" in table and "选址完成（虚构）" in table


# ------------------------------------------------------------------------------ init


def test_init_a_new_register(run, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "新榜单"
    result = run(
        [
            "jiebang",
            "init",
            str(target),
            "--id",
            "demo-2024",
            "--name",
            "测试榜单（虚构）",
            "--organiser",
            "测试街道",
            "--launched-on",
            "2024-03-01",
            "--category",
            "产业",
            "--category",
            "livelihood:民生:持续增进民生福祉",
        ]
    )
    assert result.exit_code == 0, result.output
    programme = target / "registry" / "programmes" / "demo-2024" / "programme.yaml"
    assert programme.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../../../schemas/programme.schema.json"
    )
    assert (target / "schemas" / "programme.schema.json").is_file()
    assert (target / ".pre-commit-config.yaml").is_file()
    assert (target / ".github" / "workflows" / "validate-register.yml").is_file()
    assert git(target, "log", "--format=%s").strip() == "jiebang: init"
    monkeypatch.chdir(target)
    assert run(["jiebang", "validate"]).exit_code == 0
    assert run(["jiebang", "add", "project", "--title", "测试项目", "--category", "民生"]).exit_code == 0
    assert json.loads(run(["jiebang", "list", "-f", "json"]).stdout)[0]["category"] == "民生"
    again = run(["jiebang", "init", str(target), "--from-sample"])
    assert again.exit_code == 2
    bad = tmp_path / "bad"
    refused = run(
        ["jiebang", "init", str(bad), "--id", "Bad Id", "--name", "x", "--organiser", "y", "--category", "产业"]
    )
    assert refused.exit_code == 2 and not bad.exists()  # nothing left behind


def test_init_from_sample_then_write(run, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "copy"
    assert run(["jiebang", "init", str(target), "--from-sample"]).exit_code == 0
    monkeypatch.chdir(target)
    result = run(["jiebang", "assign", "24", "--mentor", "李耀新"])
    assert result.exit_code == 0, result.output
    assert last_commit(target)[1] == "jiebang: assign 24 mentor=P0005"


def test_a_register_with_two_programmes(run, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "two"
    assert run(["jiebang", "init", str(target), "--from-sample"]).exit_code == 0
    monkeypatch.chdir(target)
    add = ["jiebang", "add", "programme", "--id", "demo-2024", "--name", "测试二（虚构）", "--organiser", "测试"]
    assert run([*add, "--launched-on", "2024-01-01", "--category", "livelihood2:民生:持续增进民生福祉"]).exit_code == 0
    assert run(["jiebang", "add", "person", "--programme", "demo-2024", "--name", "测试人"]).exit_code == 0
    new = ["jiebang", "add", "project", "--programme", "demo-2024", "--title", "二期项目（虚构）", "--category", "民生"]
    assert run(new).exit_code == 0
    both = run(["jiebang", "list", "-c", "民生"])
    assert "项目集" in both.stdout and "demo-2024" in both.stdout and "ronggui-2022" in both.stdout
    one = json.loads(run(["jiebang", "list", "--programme", "demo-2024", "-f", "json"]).stdout)
    assert [(r["programme"], r["number"]) for r in one] == [("demo-2024", 1)]
    # one people file for the register: the new person's id is new across it, and P0001 means one person
    # everywhere (a register written the old way still calls it ambiguous: test_people_units)
    assert "  - id: P0008\n    name: 测试人\n" in (target / "registry" / "people.yaml").read_text("utf-8")
    assert run(["jiebang", "list", "--person", "P0001"]).exit_code == 0
    assert run(["jiebang", "report", "demo-2024/1", "-f", "json"]).exit_code == 0
    assert run(["jiebang", "report", "1"]).exit_code == 2  # 1 exists in both programmes
    assert run(["jiebang", "validate"]).exit_code == 0


def test_known_at_before_the_register_was_moved_here(repo: Path, run) -> None:
    start = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "mv", "registry", "register2")
    git(repo, "commit", "-qm", "hand: move the register")
    result = run(["jiebang", "list", "--registry", "register2", "--known-at", start])
    assert result.exit_code == 2 and "register2" in result.stderr
    assert run(["jiebang", "history", "1", "--registry", "register2", "-f", "json"]).exit_code == 0
