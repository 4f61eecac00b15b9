"""Interrupted writes: what a write is about to do, recorded before it touches a register file.

`api.apply` writes the journal (each file's text before and after, the commit message, its
pid and host) before it writes any register file, and removes it once the commit is made or
the write is taken back. A process killed in between leaves it behind; the next write, or
`jiebang doctor --fix`, reads it and

* finishes the change, committing it with its own message and trailers, when every file holds
  exactly the new text;
* takes it back when some files hold the old text and the rest the new (a change is committed
  whole or not at all), or when the write had failed and was being taken back;
* touches nothing and asks a person when a file holds anything else (a hand edit since).

It also removes temporary files a killed `store.write_atomic` left (they are kept out of
`git add -A` by an `info/exclude` rule meanwhile), and git lock files left by a git process
this journal started and which is no longer running. A lock some other git may hold is never
removed: the person is told which file it is.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang.errors import ExitCode, JiebangError, UsageError
from jiebang.writes import git, pending, store

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "TEMP_PATTERN",
    "Checkup",
    "Journal",
    "Place",
    "WriteFailed",
    "abandon",
    "begin",
    "close",
    "examine",
    "forget",
    "repair",
]

NAME = ".jiebang-journal.json"
PIDS = ".jiebang-journal.pids"  # git processes started by the write, one pid a line (appended)
TEMP_PATTERN = ".*.jiebang-tmp-*"  # what `store.write_atomic` names its temporary files


class WriteFailed(JiebangError):
    """A write failed part-way; `cause` says why, the key and args what is on disk now."""

    exit_code = ExitCode.USAGE

    def __init__(self, cause: JiebangError, left: list[str]) -> None:
        if left:
            super().__init__("write.left-changed", files="、".join(left))
        else:
            super().__init__("write.rolled-back")
        self.cause = cause


@dataclass(frozen=True, slots=True)
class Entry:
    path: str  # relative to the journal's base, POSIX
    old: str | None  # None: the file did not exist
    new: str | None  # None: the write removes the file


@dataclass(frozen=True, slots=True)
class Journal:
    folder: Path  # where the journal lives: the git folder, or the register outside git
    base: Path  # entries are relative to it: the repository's top, or the register
    entries: tuple[Entry, ...]
    message: str
    commit: bool  # False: `--no-commit`, the change is to be staged only
    pid: int
    host: str
    undo: bool = False  # the write failed and was being taken back

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    def paths(self) -> list[Path]:
        return [self.base / e.path for e in self.entries]

    @contextlib.contextmanager
    def watch(self) -> Iterator[None]:
        """Record the pid of every git process started in the block (see `_stale_locks`)."""

        def note(pid: int) -> None:
            # Without the record a lock is never cleared, which is safe.
            with contextlib.suppress(OSError), (self.folder / PIDS).open("a", encoding="ascii") as out:
                out.write(f"{pid}\n")

        with git.watched(note):
            yield


@dataclass(frozen=True, slots=True)
class Place:
    """Where a register's writer keeps its state: the write lock and the journal go in the git
    folder, out of the work tree (beside the register when it is not in git)."""

    root: Path  # the register
    repo: Path | None  # the top of its git work tree
    folder: Path  # the git folder, or the register

    @classmethod
    def of(cls, root: Path, repo: Path | None) -> Place:
        return cls(root, repo, git.git_dir(repo) if repo else root)

    @property
    def base(self) -> Path:
        """What the journal's paths are relative to."""
        return self.repo or self.root

    @property
    def lock(self) -> Path:
        return self.folder / ("jiebang.lock" if self.repo else ".jiebang.lock")


def _save(journal: Journal) -> None:
    data = {
        "version": 1,
        "pid": journal.pid,
        "host": journal.host,
        "commit": journal.commit,
        "undo": journal.undo,
        "message": journal.message,
        "files": [{"path": e.path, "old": e.old, "new": e.new} for e in journal.entries],
    }
    store.write_atomic(journal.folder / NAME, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def begin(place: Place, texts: Mapping[Path, str | None], message: str, *, commit: bool) -> Journal:
    """Record the change about to be written; raises `store.*` before any register file is
    touched when even the journal cannot be written (a full disk, a read-only folder)."""
    folder, base = place.folder, place.base
    if place.repo:
        git.exclude(folder, TEMP_PATTERN)  # a killed write's temporary file stays out of `git add -A`
    entries = []
    for path, text in texts.items():
        try:
            old = path.read_bytes().decode("utf-8") if path.exists() else None
        except OSError as exc:
            raise store.EditError("store.read-failed", path=str(path), detail=exc.strerror or str(exc)) from None
        entries.append(Entry(_relative(base, path), old, text))
    journal = Journal(folder, base, tuple(entries), message, commit, os.getpid(), socket.gethostname())
    try:
        (folder / PIDS).unlink(missing_ok=True)
    except OSError as exc:
        raise store.EditError("store.write-failed", path=str(folder / PIDS), detail=exc.strerror or str(exc)) from None
    _save(journal)
    return journal


def _relative(base: Path, path: Path) -> str:
    full = path.parent.resolve() / path.name
    return full.relative_to(base.resolve()).as_posix()


def close(journal: Journal) -> None:
    """The change is committed or taken back: nothing is left to recover."""
    for name in (NAME, PIDS):
        # A journal that cannot be removed is found later with its change done, and dropped then.
        with contextlib.suppress(OSError):
            (journal.folder / name).unlink(missing_ok=True)


def forget(place: Place) -> None:
    """Drop the record of an interrupted change, whatever it holds; the files stay as they are."""
    for name in (NAME, PIDS):
        (place.folder / name).unlink(missing_ok=True)


def _load(folder: Path, base: Path) -> Journal | None:
    path = folder / NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data: Any = json.loads(raw.decode("utf-8"))
        entries = tuple(Entry(str(f["path"]), f["old"], f["new"]) for f in data["files"])
        return Journal(
            folder, base, entries, str(data["message"]), bool(data["commit"]), int(data["pid"]), str(data["host"]),
            bool(data.get("undo")),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError("journal.unreadable", path=str(path), detail=str(exc)) from None


# ------------------------------------------------------------------------------ after a failure


def abandon(journal: Journal, repo: Path | None) -> list[str] | None:
    """Take back a write that failed part-way; returns the files still holding the new text,
    or None when the commit was made after all (the failure came after it).

    The journal is kept (marked to be taken back) while anything could not be undone, so the
    next write or `doctor --fix` can finish the job once the disk has room again."""
    try:
        committed = _committed(journal, repo, _states(journal))
    except JiebangError:
        committed = False
    if committed:
        close(journal)
        return None
    with contextlib.suppress(JiebangError):  # unmarked, a later repair finishes the change instead: still whole
        _save(replace(journal, undo=True))
    left, unstaged = _roll_back(journal, repo)
    if not left and unstaged:
        close(journal)
    return left


def _roll_back(journal: Journal, repo: Path | None) -> tuple[list[str], bool]:
    """Put the old text back in every file that does not hold it; (files that still do not,
    whether git's index was put back too)."""
    left = []
    for entry, state in zip(journal.entries, _states(journal), strict=True):
        path = journal.base / entry.path
        try:
            if state == "old":
                continue
            if entry.old is None:
                path.unlink(missing_ok=True)
            else:
                store.write_atomic(path, entry.old)
        except (OSError, JiebangError):
            left.append(entry.path)
    if repo is None:
        return left, True
    try:
        git.unstage(repo, journal.paths())
    except JiebangError:
        return left, False
    return left, True


def _states(journal: Journal) -> list[str]:
    """Per file: "new" (exactly what the write put there), "old" (as before it) or "edited"."""
    out = []
    for entry in journal.entries:
        try:
            raw: bytes | None = (journal.base / entry.path).read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError:
            out.append("edited")  # cannot tell: never guess
            continue
        if raw == (None if entry.new is None else entry.new.encode("utf-8")):
            out.append("new")
        elif raw == (None if entry.old is None else entry.old.encode("utf-8")):
            out.append("old")
        else:
            out.append("edited")
    return out


def _committed(journal: Journal, repo: Path | None, states: list[str]) -> bool:
    """Every file holds the new text and git has nothing uncommitted in them."""
    return (
        repo is not None and journal.commit and all(s == "new" for s in states) and not git.dirty(repo, journal.paths())
    )


# ------------------------------------------------------------------------------ the next command


@dataclass(frozen=True, slots=True)
class Checkup:
    """What an interrupted write left behind, and what `repair` does (or did) about it.

    `plan`: "finish" (commit it), "roll-back", "drop" (it was committed; only the journal is
    left), "ask" (a file was edited since: a person decides), or None (no interrupted write)."""

    journal: Journal | None = None
    states: tuple[tuple[str, str], ...] = ()  # (file, "old" | "new" | "edited")
    plan: str | None = None
    temp_files: tuple[Path, ...] = ()
    stale_locks: tuple[Path, ...] = ()  # left by a git this jiebang started, no longer running
    held_locks: tuple[Path, ...] = ()  # perhaps held by a running git: never removed
    done: bool = False
    commit: str | None = None  # the commit `repair` made to finish the change

    @property
    def clean(self) -> bool:
        return self.journal is None and not (self.temp_files or self.stale_locks or self.held_locks)


def examine(place: Place) -> Checkup:
    """Look, change nothing (the caller holds the write lock, so no jiebang is writing)."""
    repo, folder = place.repo, place.folder
    journal = _load(folder, place.base)
    temp_files = tuple(_temp_files(place.root, folder))
    stale, held = _locks(journal, folder) if repo else ((), ())
    if journal is None:
        return Checkup(temp_files=temp_files, stale_locks=stale, held_locks=held)
    states = _states(journal)
    if "edited" in states:
        plan = "ask"
    elif journal.undo or "old" in states:
        plan = "roll-back"
    elif _committed(journal, repo, states):
        plan = "drop"
    else:
        plan = "finish"
    pairs = tuple((e.path, s) for e, s in zip(journal.entries, states, strict=True))
    return Checkup(journal, pairs, plan, temp_files, stale, held)


def repair(found: Checkup, repo: Path | None) -> Checkup:
    """Remove stale temporary files and locks, then finish, take back or drop the interrupted
    change. An "ask" plan is left for a person, and so is the change while a lock a running git
    may hold is there. Git failures propagate, with the journal kept."""
    for path in (*found.temp_files, *found.stale_locks):
        path.unlink(missing_ok=True)
    journal, sha = found.journal, None
    if journal is None or found.plan == "ask" or found.held_locks:
        return replace(found, done=True)
    if found.plan == "roll-back":
        left, unstaged = _roll_back(journal, repo)
        if left or not unstaged:
            files = "、".join(left or [e.path for e in journal.entries])
            raise UsageError("journal.cannot-roll-back", files=files, subject=journal.subject)
    elif found.plan == "finish" and repo is not None:
        sha = git.commit(repo, journal.paths(), journal.message, stage_only=not journal.commit)
        if not journal.commit:
            pending.remember(repo, journal.paths(), journal.message)
    close(journal)
    return replace(found, done=True, commit=sha)


def _temp_files(root: Path, folder: Path) -> Iterator[Path]:
    """Temporary files of `write_atomic` under the register (links not followed) and in `folder`."""
    for top, _dirs, files in os.walk(root):
        for name in fnmatch.filter(files, TEMP_PATTERN):
            yield Path(top, name)
    if folder != root:
        yield from sorted(folder.glob(TEMP_PATTERN))


def _locks(journal: Journal | None, folder: Path) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """(stale, held) git lock files. A lock is stale only when an interrupted write's journal,
    written on this host, recorded the git processes it started, none of them is running, and
    the lock is no older than the journal (so it is not from before that write)."""
    present = git.lock_files(folder)
    if not present or journal is None or journal.host != socket.gethostname():
        return (), tuple(present)
    try:
        pids = [int(line) for line in (folder / PIDS).read_text("ascii").split()]
        since = (folder / NAME).stat().st_mtime
    except (OSError, ValueError):
        return (), tuple(present)
    if not pids or any(_running(pid) for pid in pids):
        return (), tuple(present)
    stale = tuple(p for p in present if p.stat().st_mtime >= since)
    return stale, tuple(p for p in present if p not in stale)


def _running(pid: int) -> bool:
    """Whether process `pid` is alive (a zombie is not). On Windows `os.kill` would end it, so
    the process is opened and its exit code asked instead."""
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii")
    except OSError:
        return True  # no /proc (macOS): alive
    return stat.rpartition(")")[2].split()[0] != "Z"
