"""Interrupted writes recover and failures are honest (issue 8, items 1-2).

A write journals its intent before it touches a file; the next write, or `jiebang doctor
--fix`, finishes or takes back what a killed writer left, removes its temporary files and the
git locks of a git it started that is no longer running, and never guesses over a hand edit.
A full disk, a read-only register or a failing git gives a message that matches the disk.
Every filesystem and git call of a write is failed in turn, and the writer killed at each.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import faults
from conftest import REPO, git, make_handmade_repo
from jiebang.writes import git as jgit
from jiebang.writes import store

PROJECT = Path("registry/programmes/hm-2023/projects/01.yaml")
TESTS = REPO / "tests"
POSIX = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL and sh scripts are POSIX only")
UPDATE = ["update", "1", "--author", "P0001", "--on", "2023-02-10", "-m"]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """One committed register, copied for each trial (faster than building it each time)."""
    return make_handmade_repo(tmp_path / "template")


@pytest.fixture
def repo(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "office"
    shutil.copytree(template, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


def fresh(template: Path, where: Path) -> Path:
    shutil.copytree(template, where, symlinks=True)
    return where


def text(repo: Path) -> str:
    return (repo / PROJECT).read_text("utf-8")


def subjects(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%s").splitlines()


def leftovers(repo: Path) -> list[str]:
    """Temporary files, journal and git locks anywhere in the work tree or the git folder."""
    names = [p for p in repo.rglob("*") if ".jiebang-tmp-" in p.name or p.name.startswith(".jiebang-journal")]
    names += [p for p in (repo / ".git").rglob("*.lock") if p.name != "jiebang.lock"]
    return sorted(str(p.relative_to(repo)) for p in names)


def assert_whole(repo: Path, old: str, marker: str) -> None:
    """The file is the old text, or the old text plus exactly the new entry: never torn."""
    now = text(repo)
    assert now == old or (marker in now and now.count(marker) == 1 and len(now) > len(old)), now


def assert_nothing_lost(repo: Path, marker: str) -> None:
    """The interrupted change is committed with its message and trailers, or cleanly absent."""
    log = git(repo, "log", "--format=%s%n%b")
    if marker in git(repo, "show", f"HEAD:{PROJECT.as_posix()}"):
        assert "jiebang: update 1 2023-02-10" in log and "Jiebang-Record: hm-2023/1" in log
        assert "Jiebang-Includes-Hand-Edits" not in log  # finished as jiebang's own change, not a hand edit
    else:
        assert marker not in text(repo)
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert leftovers(repo) == []


def killed_writer(repo: Path, at: int | str, marker: str) -> subprocess.CompletedProcess[str]:
    """`jiebang update …` in a child Python that SIGKILLs itself at its `at`th call (or the first named so)."""
    code = (
        "import sys, faults; a = sys.argv[1]; faults.install(int(a) if a.isdigit() else a, 'kill'); "
        "from jiebang.cli import main; sys.argv = ['jiebang', *sys.argv[2:]]; main()"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    argv = [sys.executable, "-c", code, str(at), *UPDATE, marker]
    return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=60, check=False)


def recorded_calls(run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The filesystem and git calls of one write in `repo`, in order."""
    monkeypatch.chdir(repo)
    faults.install(None)
    try:
        assert run(["jiebang", *UPDATE, "计数"]).exit_code == 0
    finally:
        faults.uninstall()
    return list(faults.calls)


# ------------------------------------------------------------------------------ every call fails in turn


def test_every_call_of_a_write_failing_in_turn_leaves_a_whole_register(
    template: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = recorded_calls(run, fresh(template, tmp_path / "count"), monkeypatch)
    assert any(c.startswith(COMMIT) for c in calls) and any("journal" in c for c in calls)
    old = (template / PROJECT).read_text("utf-8")
    for at in range(1, len(calls) + 1):
        repo = fresh(template, tmp_path / f"t{at}")
        monkeypatch.chdir(repo)
        marker = f"故障{at}"
        faults.install(at, "fail")
        try:
            result = run(["jiebang", *UPDATE, marker])
        finally:
            faults.uninstall()
        where = f"call {at}: {calls[at - 1]}\n{result.output}"
        assert result.exit_code in (0, 2), where  # never an internal error or a traceback
        assert "Traceback" not in result.output, where
        assert_whole(repo, old, marker)
        if result.exit_code == 2:
            said = result.stderr
            if "已全部撤回" in said or "未写入任何文件" in said:  # what the message says is what is on disk
                assert text(repo) == old, where
            elif "没能全部撤回" in said:
                assert marker in text(repo) and "01.yaml" in said, where
        after = run(["jiebang", *UPDATE, f"之后{at}"])  # the next write recovers first, then succeeds
        assert after.exit_code == 0, f"{where}\nnext write: {after.output}"
        assert_nothing_lost(repo, marker)
        assert f"之后{at}" in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")


@POSIX
def test_a_writer_killed_at_every_step_loses_nothing(
    template: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = recorded_calls(run, fresh(template, tmp_path / "count"), monkeypatch)
    first = next(i for i, c in enumerate(calls, 1) if "journal" in c)  # before it nothing is written
    old = (template / PROJECT).read_text("utf-8")
    outcomes = set()
    for at in range(first, len(calls) + 1):
        repo = fresh(template, tmp_path / f"k{at}")
        marker = f"中断{at}"
        killed = killed_writer(repo, at, marker)
        assert killed.returncode == -signal.SIGKILL, (at, calls[at - 1], killed.stderr)
        assert_whole(repo, old, marker)
        monkeypatch.chdir(repo)
        after = run(["jiebang", *UPDATE, f"之后{at}"])
        assert after.exit_code == 0, (at, calls[at - 1], after.output)
        assert_nothing_lost(repo, marker)
        outcomes.add("finished" if "先完成了" in after.stderr else "rolled back" if "先撤回了" in after.stderr else "-")
    assert {"finished", "rolled back"} <= outcomes  # both recoveries were exercised


# ------------------------------------------------------------------------------ recovery, step by step


COMMIT = "git user.useConfigOnly=true commit"


def kill_before_commit(repo: Path, marker: str) -> None:
    """A writer killed after writing the file, before `git commit` ran."""
    assert killed_writer(repo, COMMIT, marker).returncode == -signal.SIGKILL
    assert marker in text(repo)


@POSIX
def test_doctor_reports_then_finishes_a_killed_writers_change_with_its_own_message(repo: Path, run, sh) -> None:
    kill_before_commit(repo, "被杀的写入")
    report = sh("doctor", cwd=repo)  # through the installed command
    assert report.returncode == 1, report.stderr
    assert "有一次被中断的修改：jiebang: update 1 2023-02-10" in report.stdout
    assert f"{PROJECT.as_posix()}：已是这次的新内容" in report.stdout
    assert "用它自己的提交说明提交它" in report.stdout and "jiebang doctor --fix" in report.stderr
    assert "被杀的写入" in text(repo) and subjects(repo)[0] == "hand: initial register"  # report changed nothing
    fixed = sh("doctor", "--fix", cwd=repo)
    assert fixed.returncode == 0, fixed.stderr
    assert "先完成了上一次被中断的修改：已提交" in fixed.stderr
    assert subjects(repo)[0] == "jiebang: update 1 2023-02-10"
    body = git(repo, "log", "-1", "--format=%b")
    assert "Jiebang-Command: update" in body and "Jiebang-Includes-Hand-Edits" not in body
    assert "被杀的写入" in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")
    assert git(repo, "status", "--porcelain") == "" and leftovers(repo) == []
    again = sh("doctor", "--lang", "en", cwd=repo)
    assert again.returncode == 0 and "nothing to fix" in again.stdout


@POSIX
def test_a_hand_edit_after_the_interruption_is_never_guessed_over(repo: Path, run) -> None:
    kill_before_commit(repo, "被杀的写入")
    path = repo / PROJECT
    edited = path.read_text("utf-8").replace("被杀的写入", "被杀的写入（手工补充）")
    path.write_text(edited, "utf-8")
    refused = run(["jiebang", *UPDATE, "下一次"])
    assert refused.exit_code == 2
    assert "又被改过" in refused.stderr and PROJECT.as_posix() in refused.stderr
    assert "jiebang doctor --forget" in refused.stderr
    assert text(repo) == edited
    report = run(["jiebang", "doctor", "--fix"])
    assert report.exit_code == 2 and "之后又被改过" in report.stdout and text(repo) == edited
    assert run(["jiebang", "doctor", "--forget"]).exit_code == 0
    assert text(repo) == edited and not (repo / ".git" / ".jiebang-journal.json").exists()
    assert run(["jiebang", *UPDATE, "下一次", "--include-edits"]).exit_code == 0
    assert "被杀的写入（手工补充）" in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")


@POSIX
def test_a_writer_killed_inside_git_commit_leaves_locks_the_next_write_clears(repo: Path, run, tmp_path: Path) -> None:
    """A `git` that takes the index and HEAD locks, then is killed with its jiebang (the trial's
    21 blocked writes in a row); the next write clears those locks and finishes the change."""
    real = shutil.which("git")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do if [ "$a" = commit ]; then\n'
        "  : > .git/index.lock; : > .git/HEAD.lock; : > .git/refs/heads/main.lock\n"
        "  kill -9 $PPID; kill -9 $$\n"
        "fi; done\n"
        f'exec "{real}" "$@"\n',
        "utf-8",
    )
    (fake / "git").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    killed = subprocess.run(
        [sys.executable, "-m", "jiebang", *UPDATE, "提交时被杀"], cwd=repo, env=env, capture_output=True, check=False
    )
    assert killed.returncode == -signal.SIGKILL
    assert (repo / ".git" / "HEAD.lock").exists() and (repo / ".git" / "index.lock").exists()
    report = run(["jiebang", "doctor"])
    assert report.exit_code == 1 and "那个 git 已不在运行" in report.stdout and "HEAD.lock" in report.stdout
    after = run(["jiebang", *UPDATE, "之后"])
    assert after.exit_code == 0, after.output
    assert "先完成了上一次被中断的修改" in after.stderr
    assert subjects(repo)[:2] == ["jiebang: update 1 2023-02-10"] * 2
    assert git(repo, "status", "--porcelain") == "" and leftovers(repo) == []


def test_a_git_lock_jiebang_did_not_leave_is_never_removed(repo: Path, run) -> None:
    """No journal: the lock may be a running git's. Refused before writing, with what to do."""
    lock = repo / ".git" / "HEAD.lock"
    lock.touch()
    old = text(repo)
    refused = run(["jiebang", *UPDATE, "x"])
    assert refused.exit_code == 2
    assert f"git 的锁文件 {lock} 已存在" in refused.stderr and f"删除 {lock} 再重试" in refused.stderr
    assert "git failed" not in refused.stderr and "--include-edits" not in refused.stderr
    assert text(repo) == old and git(repo, "status", "--porcelain") == ""
    fixed = run(["jiebang", "doctor", "--fix"])
    assert fixed.exit_code == 2 and "不会自动删除" in fixed.stdout and lock.exists()
    lock.unlink()
    assert run(["jiebang", *UPDATE, "x"]).exit_code == 0


@POSIX
def test_a_lock_while_a_git_the_journal_started_still_runs_is_kept(repo: Path, run) -> None:
    kill_before_commit(repo, "被杀的写入")
    lock = repo / ".git" / "index.lock"
    lock.touch()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (repo / ".git" / ".jiebang-journal.pids").write_text(f"{live.pid}\n", "ascii")
        refused = run(["jiebang", *UPDATE, "x"])
        assert refused.exit_code == 2 and "index.lock" in refused.stderr and lock.exists()
        live.kill()
        live.wait()
        assert run(["jiebang", *UPDATE, "x"]).exit_code == 0 and not lock.exists()  # now that git is gone
    finally:
        live.kill()
        live.wait()
    assert subjects(repo)[:2] == ["jiebang: update 1 2023-02-10"] * 2


def test_stale_temporary_files_are_ignored_by_git_and_removed_by_the_next_write(repo: Path, run) -> None:
    assert run(["jiebang", *UPDATE, "第一次"]).exit_code == 0  # puts the ignore rule in place
    stale = repo / PROJECT.parent / ".01.yaml.jiebang-tmp-0123456789ab"
    stale.write_text("半个文件", "utf-8")
    assert git(repo, "status", "--porcelain") == ""
    git(repo, "add", "-A")
    assert git(repo, "diff", "--cached", "--name-only") == ""  # never swept into a user's `git add -A`
    report = run(["jiebang", "doctor"])
    assert report.exit_code == 1 and f"残留的临时文件（将删除）：{stale}" in report.stdout and stale.exists()
    assert run(["jiebang", *UPDATE, "第二次"]).exit_code == 0
    assert not stale.exists()


def test_init_puts_the_ignore_rule_in_place(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["jiebang", "init", "reg", "--from-sample"]).exit_code == 0
    assert ".*.jiebang-tmp-*" in (tmp_path / "reg" / ".git" / "info" / "exclude").read_text("utf-8").splitlines()


# ------------------------------------------------------------------------------ honest failure


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_disk_full_before_anything_is_written_says_nothing_changed(repo: Path, run, monkeypatch) -> None:
    old = text(repo)
    monkeypatch.setattr(os, "replace", enospc)
    result = run(["jiebang", *UPDATE, "满"])
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "已全部撤回" in result.stderr
    assert text(repo) == old and git(repo, "status", "--porcelain") == "" and leftovers(repo) == []


def test_a_read_only_register_is_refused_with_the_file_unchanged(repo: Path, run, monkeypatch) -> None:
    real = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if ".01.yaml.jiebang-tmp-" in str(path):
            raise OSError(30, "Read-only file system")
        return real(path, flags, *args)  # type: ignore[arg-type]

    old = text(repo)
    monkeypatch.setattr(os, "open", read_only)
    result = run(["jiebang", *UPDATE, "只读", "--lang", "en"])
    assert result.exit_code == 2
    assert "Read-only file system" in result.stderr
    assert "the register's files are as they were before the command" in result.stderr
    assert text(repo) == old and git(repo, "status", "--porcelain") == ""


def test_disk_full_in_commit_and_roll_back_says_which_file_holds_the_change(repo: Path, run, monkeypatch) -> None:
    """The trial's finding 4: git fails for lack of space, and so does putting the file back.
    The message must not say "unchanged" while the file holds the new entry."""
    old = text(repo)

    def commit_fails(*_args: object, **_kwargs: object) -> None:
        raise jgit.GitError("git commit", 128, "fatal: unable to write new index file")

    real_write = store.write_atomic
    writes = []

    def second_write_fails(path: Path, new: str) -> None:
        writes.append(path)
        if len([p for p in writes if p.name == "01.yaml"]) > 1:
            raise store.EditError("store.write-failed", path=str(path), detail="No space left on device")
        real_write(path, new)

    with monkeypatch.context() as full:
        full.setattr(jgit, "commit", commit_fails)
        full.setattr(store, "write_atomic", second_write_fails)
        result = run(["jiebang", *UPDATE, "满盘"])
    assert result.exit_code == 2
    assert "unable to write new index file" in result.stderr
    assert f"没能全部撤回：{PROJECT.as_posix()} 里是这次的新内容，尚未提交" in result.stderr
    assert "jiebang doctor --fix" in result.stderr
    assert "满盘" in text(repo)  # exactly what the message says; then space is freed
    report = run(["jiebang", "doctor"])
    assert report.exit_code == 1 and "撤回它，文件恢复原来的内容" in report.stdout
    assert run(["jiebang", "doctor", "--fix"]).exit_code == 0
    assert text(repo) == old and git(repo, "status", "--porcelain") == "" and leftovers(repo) == []


def test_a_failed_commit_is_taken_back_and_says_so(repo: Path, run) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 钩子拒绝 >&2\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    old = text(repo)
    result = run(["jiebang", *UPDATE, "钩子"])
    assert result.exit_code == 2 and "钩子拒绝" in result.stderr and "已全部撤回" in result.stderr
    assert text(repo) == old and git(repo, "status", "--porcelain") == "" and leftovers(repo) == []


def test_a_journal_that_cannot_be_read_is_reported_not_guessed(repo: Path, run) -> None:
    (repo / ".git" / ".jiebang-journal.json").write_text("{not json", "utf-8")
    refused = run(["jiebang", *UPDATE, "x"])
    assert refused.exit_code == 2 and "无法读取" in refused.stderr and "doctor --forget" in refused.stderr
    assert run(["jiebang", "doctor", "--forget"]).exit_code == 0
    assert run(["jiebang", *UPDATE, "x"]).exit_code == 0


def test_the_journal_holds_what_recovery_needs(repo: Path, run, monkeypatch) -> None:
    """Written before the file is touched: the old and new text, the message, pid and host."""
    seen = {}
    real = store.write_atomic

    def spy(path: Path, new: str) -> None:
        if path.name == "01.yaml":
            seen.update(json.loads((repo / ".git" / ".jiebang-journal.json").read_text("utf-8")))
        real(path, new)

    monkeypatch.setattr(store, "write_atomic", spy)
    old = text(repo)
    assert run(["jiebang", *UPDATE, "记录"]).exit_code == 0
    (entry,) = seen["files"]
    assert entry == {"path": PROJECT.as_posix(), "old": old, "new": text(repo)}
    assert seen["message"].startswith("jiebang: update 1 2023-02-10\n") and seen["pid"] == os.getpid()
    assert seen["commit"] is True and seen["undo"] is False
    assert not (repo / ".git" / ".jiebang-journal.json").exists()  # removed once committed
