"""Soak test (issue 8, item 7): many writer processes at once on one register; nothing may be lost.

Run: python benchmarks/soak.py [--writers 50] [--changes 1000] [--keep]

A fresh register is made in a temporary folder (one programme, three projects, one author: small,
so that the time goes to contention rather than to validating thirty sample projects). `--writers` processes
start together (a start barrier) and each makes its share of `--changes` through the real CLI
(in-process, so start-up time does not hide the contention): in turn an update, a new milestone,
a new person, and assigning that person to a team, cycling over a few projects so that writers
meet on the same files and on different ones. Then it checks, and exits 1 unless all hold:

- every command exited 0, and its change is in the files (an update, a milestone, a person and a
  team member each findable by its unique text). A writer that waits longer than jiebang's lock
  time limit is refused whole, with a message that says so; like a person, it tries again (up to
  10 times), and the summary line counts these waits;
- git has exactly one new commit per change, each marker added by exactly one commit, and the
  working tree is clean (so what is in the files is what git recorded);
- no lock is left (git's index.lock / HEAD.lock / refs locks, jiebang's lock is free) and no
  temporary file; `jiebang validate` says the register is valid, and `git fsck` is clean.

It prints one summary line. It is slow (a few minutes on 2 cores), so it is not in the pytest
run; CI calls it on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL

PROJECTS = ("1", "2", "3")  # few, so that writers often meet on the same file
KINDS = ("update", "milestone", "person", "assign")
LOCK_TIMEOUT = "another jiebang is changing the register; gave up after"  # store.locked, in English
MAX_TIMEOUTS = 10
MARKER = re.compile(r"浸泡[0-9]{4}")  # writer and step, two digits each: unique, never inside another
GIT_ENV = {
    "GIT_AUTHOR_NAME": "浸泡测试",
    "GIT_AUTHOR_EMAIL": "soak@example.invalid",
    "GIT_COMMITTER_NAME": "浸泡测试",
    "GIT_COMMITTER_EMAIL": "soak@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,  # the machine's git configuration (signing, hooks) stays out
    "JIEBANG_LANG": "en",
}


def marker(writer: int, step: int) -> str:
    return f"浸泡{writer:02d}{step:02d}"


def plan(writer: int, steps: int) -> list[tuple[str, str, str, list[str]]]:
    """(kind, project, marker, argv) for each change one writer makes."""
    out = []
    for step in range(steps):
        kind, project = KINDS[step % len(KINDS)], PROJECTS[(writer + step) % len(PROJECTS)]
        text = marker(writer, step)
        if kind == "update":
            argv = ["update", project, "--author", "P0001", "-m", text]
        elif kind == "milestone":
            argv = ["add", "milestone", project, "--title", text, "--due", "2027-06-30"]
        elif kind == "person":
            argv = ["add", "person", "--name", text]
        else:  # the person this writer added one step before
            text = marker(writer, step - 1)
            argv = ["assign", project, "--member", text]
        out.append((kind, project, text, argv))
    return out


def worker(writer: int, steps: int, folder: Path) -> None:
    """One writer process: say it is ready, wait for the start, then make its changes through the CLI."""
    import typer

    from jiebang.cli import app

    command = typer.main.get_command(app)  # every command, built once before the start
    os.chdir(folder / "office")
    (folder / f"ready-{writer:02d}").touch()
    while not (folder / "go").exists():
        time.sleep(0.02)
    done = []
    for kind, project, text, argv in plan(writer, steps):
        timeouts = 0
        while True:
            said = io.StringIO()
            try:
                with contextlib.redirect_stderr(said):
                    command.main(argv, prog_name="jiebang")
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            if code == 2 and LOCK_TIMEOUT in said.getvalue() and timeouts < MAX_TIMEOUTS:
                timeouts += 1  # refused whole, as its message says; a person would try again, so does the writer
                continue
            break
        done.append({"kind": kind, "project": project, "marker": text, "code": code, "timeouts": timeouts})
        if code:
            sys.stderr.write(said.getvalue())
    (folder / f"result-{writer:02d}.json").write_text(json.dumps(done, ensure_ascii=False), "utf-8")


def run(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)


def in_files(change: dict, project: dict, people: dict[str, str]) -> bool:
    """Whether the change a command reported is in the register's files."""
    text = change["marker"]
    if change["kind"] == "update":
        return any(u.get("summary") == text for u in project.get("updates", []))
    if change["kind"] == "milestone":
        return any(m.get("title") == text for m in project.get("milestones", []))
    if change["kind"] == "person":
        return text in people
    members = [m.get("person") for t in project.get("teams", []) for m in t.get("members", [])]
    return people.get(text) in members


def commits_adding(register: Path, start: str) -> dict[str, int]:
    """How many commits add a line holding each marker (updates, milestones and people hold theirs)."""
    log = run("git", "log", "-p", "--format=%x00", f"{start}..HEAD", cwd=register).stdout
    counts: dict[str, int] = {}
    for commit in log.split("\0")[1:]:
        added = "\n".join(line for line in commit.splitlines() if line.startswith("+") and not line.startswith("+++"))
        for text in set(MARKER.findall(added)):
            counts[text] = counts.get(text, 0) + 1
    return counts


def check(register: Path, start: str, changes: list[dict]) -> list[str]:
    """What is wrong at the end; empty when nothing was lost."""
    from filelock import FileLock, Timeout

    from jiebang import api

    wrong = [f"{c['kind']} {c['project']} {c['marker']}: exit {c['code']}" for c in changes if c["code"] != 0]
    reg, _ = api.open_register(cwd=register)
    programme = next(iter(reg.programmes.values()))
    people = {p.get("name"): ident for ident, p in programme.person_ids().items()}
    projects = {str(r.data["number"]): r.data for r in reg.projects()}
    wrong += [
        f"{c['kind']} {c['project']} {c['marker']}: not in the files"
        for c in changes
        if c["code"] == 0 and not in_files(c, projects[c["project"]], people)
    ]
    made = [c for c in changes if c["code"] == 0]
    commits = int(run("git", "rev-list", "--count", f"{start}..HEAD", cwd=register).stdout)
    if commits != len(made):
        wrong.append(f"{commits} new commits for {len(made)} changes made")
    added = commits_adding(register, start)
    wrong += [
        f"{c['marker']} added by {added.get(c['marker'], 0)} commits"
        for c in made
        if c["kind"] != "assign" and added.get(c["marker"], 0) != 1
    ]
    if status := run("git", "status", "--porcelain", "--untracked-files=all", cwd=register).stdout:
        wrong.append(f"working tree not clean: {status.splitlines()[:3]}")
    git_dir = register / ".git"
    wrong += [f"lock left: {p}" for p in (git_dir / "index.lock", git_dir / "HEAD.lock") if p.exists()]
    wrong += [f"lock left: {p}" for p in (git_dir / "refs").rglob("*.lock")]
    wrong += [f"temporary file left: {p}" for p in register.rglob("*.jiebang-tmp-*")]
    lock = FileLock(git_dir / "jiebang.lock", timeout=0)
    try:
        lock.acquire()
        lock.release()
    except Timeout:
        wrong.append("jiebang's lock is still held")
    validate = run(sys.executable, "-m", "jiebang", "validate", cwd=register)
    if validate.returncode != 0:
        wrong.append(f"validate exit {validate.returncode}: {validate.stdout[-300:]}")
    fsck = run("git", "fsck", "--full", "--strict", "--no-dangling", cwd=register)
    if fsck.returncode != 0 or fsck.stdout.strip():
        wrong.append(f"git fsck: {fsck.stdout[-300:]}{fsck.stderr[-300:]}")
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--changes", type=int, default=1000, help="in all, shared evenly between the writers")
    parser.add_argument("--keep", action="store_true", help="keep the register and print where it is")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--at", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    steps = args.changes // args.writers
    if args.worker is not None:
        worker(args.worker, steps, args.at)
        return 0
    os.environ.update(GIT_ENV)
    os.environ.pop("JIEBANG_REGISTRY", None)
    folder = Path(tempfile.mkdtemp(prefix="jiebang-soak-"))
    register = folder / "office"
    setup = [
        ["init", str(register), "--id", "soak", "--name", "浸泡测试", "--organiser", "测试街道", "--category", "民生"],
        ["add", "person", "--name", "浸泡作者"],
        *(["add", "project", "--title", f"浸泡项目{p}", "--category", "1", "--status", "open"] for p in PROJECTS),
    ]
    for argv in setup:
        made = run(sys.executable, "-m", "jiebang", *argv, cwd=register if argv[0] != "init" else folder)
        if made.returncode != 0:
            print(f"soak: cannot make the register: jiebang {' '.join(argv)}: {made.stderr}", file=sys.stderr)
            return 2
    start = run("git", "rev-parse", "HEAD", cwd=register).stdout.strip()
    me = [sys.executable, str(Path(__file__).resolve()), "--changes", str(args.changes), "--writers", str(args.writers)]
    writers = []
    for w in range(args.writers):
        with (folder / f"stderr-{w:02d}").open("wb") as err:
            writers.append(subprocess.Popen([*me, "--worker", str(w), "--at", str(folder)], stdout=DEVNULL, stderr=err))
    while len(list(folder.glob("ready-*"))) < args.writers and all(w.poll() is None for w in writers):
        time.sleep(0.05)
    began = time.perf_counter()
    (folder / "go").touch()  # every writer has imported jiebang and waits for this
    for w in writers:
        w.wait()
    seconds = time.perf_counter() - began
    changes = []
    for w in range(args.writers):
        result = folder / f"result-{w:02d}.json"
        changes += json.loads(result.read_text("utf-8")) if result.exists() else []
    wrong = check(register, start, changes) if len(changes) == steps * args.writers else ["a writer died"]
    for problem in sorted(wrong, key=lambda p: ": exit " in p)[:20]:  # losses first, then refusals
        print(f"  {problem}", file=sys.stderr)
    said = {p.read_text("utf-8", "replace").strip() for p in folder.glob("stderr-*")}
    for text in sorted({s.splitlines()[-1] for s in said if s})[:10]:
        print(f"  a writer said: {text}", file=sys.stderr)
    lost = sum(1 for p in wrong if p.endswith("not in the files"))
    print(
        f"soak: {args.writers} writers, {len(changes)} changes in {seconds:.0f} s, "
        f"{sum(c['code'] == 0 for c in changes)} succeeded, {lost} lost, "
        f"{sum(c['timeouts'] for c in changes)} lock waits over the time limit (refused whole, retried), "
        f"{'all checks passed' if not wrong else f'{len(wrong)} problems'}"
        + (f"; register kept in {register}" if args.keep else "")
    )
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
