"""Fault injection for the write path: fail, or kill the process, at the Nth filesystem or git call.

`install(at, mode)` wraps the calls a write makes (`os.open`, `os.fsync`, `os.replace`,
`os.unlink` and every git process through `jiebang.writes.git.run`) and numbers them from 1. At call
`at` (or the first call named so), "fail" raises what a full disk or a failing git would
(OSError ENOSPC, GitError), "kill" sends SIGKILL to this very process (POSIX only); `calls`
lists every call seen, by name. Used in-process (tests undo it with `uninstall`) and in a
child Python that then runs the CLI.
"""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path
from typing import Any

from jiebang.writes import git

calls: list[str] = []
_saved: dict[tuple[Any, str], Any] = {}


def _step(name: str, at: int | str | None, mode: str, *, is_git: bool) -> None:
    calls.append(name)
    if len(calls) != at and not (isinstance(at, str) and name.startswith(at) and name not in calls[:-1]):
        return
    if mode == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if is_git:
        raise git.GitError(name, 128, "fatal: injected failure")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _wrap_os(name: str, at: int | str | None, mode: str) -> None:
    real = getattr(os, name)

    def call(*args: Any, **kwargs: Any) -> Any:
        if args and str(args[0]) == os.devnull:  # a git process's stdin: not the write's own call
            return real(*args, **kwargs)
        _step(f"os.{name} {Path(str(args[0])).name}" if args else f"os.{name}", at, mode, is_git=False)
        return real(*args, **kwargs)

    _saved[os, name] = real
    setattr(os, name, call)


def install(at: int | str | None, mode: str = "fail") -> None:
    """Number the calls from now on; `at` is a number, or the start of a call's name (its first
    such call); `at=None` only records them."""
    calls.clear()
    for name in ("open", "fsync", "replace", "unlink"):
        _wrap_os(name, at, mode)
    real_run = git.run

    def run(args: Any, cwd: Any, **kwargs: Any) -> Any:
        _step("git " + " ".join(a for a in args if not a.startswith("-"))[:60], at, mode, is_git=True)
        return real_run(args, cwd, **kwargs)

    _saved[git, "run"] = real_run
    git.run = run  # type: ignore[assignment]


def uninstall() -> None:
    for (owner, name), real in _saved.items():
        setattr(owner, name, real)
    _saved.clear()
