"""Whether a path may be read or written as a register file: the register stays inside its folder.

git records a symbolic link as the link, not as the file it points to, so a register file that
is a link (or lies in a linked folder) would be read from, or written to, a place the audit
trail never sees. Such paths are refused wherever they point, and so is any path that resolves
outside the register root (`..`, a Windows junction). The root itself may be a link the user
chose: callers resolve it once, and everything below it must then be real folders and files.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["Refusal", "is_link", "read_bytes", "refusal", "refusals"]


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str  # file.symlink | file.outside (the problem codes; writes say it with edit.*)
    link: Path  # the path a person must fix: the link itself, or the path given
    target: str  # where it leads


def is_link(path: Path) -> bool:
    """A symbolic link, or a Windows junction (which `is_symlink` does not report)."""
    isjunction = getattr(os.path, "isjunction", None)  # Python 3.12+
    return path.is_symlink() or bool(isjunction and isjunction(path))


def refusal(root: Path, path: Path) -> Refusal | None:
    """Why `path` may not be used as a file of the register at `root` (already resolved), or None.

    Each folder between the root and the file is checked, as is the file, so a link anywhere
    below the root is found even when the file it leads to does not exist yet (a new project)."""
    path = Path(path)
    if not path.is_absolute():
        path = root / path
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return Refusal("file.outside", path, str(path))
    if ".." in parts:
        return Refusal("file.outside", path, os.path.normpath(path))
    current = root
    for part in parts:
        current /= part
        if is_link(current):
            return Refusal("file.symlink", current, _target(current))
    if not path.resolve().is_relative_to(root):  # a junction on Python 3.11, which cannot name one
        return Refusal("file.outside", path, str(path.resolve()))
    return None


def refusals(root: Path, files: Iterable[tuple[Path, bool]]) -> Iterator[tuple[Path, Refusal | None]]:
    """`refusal` of each of many files below `root`, each given with whether it is a link (as
    the folder's listing says, without asking the disk again), each folder checked once: a
    register holds thousands of files in a few folders, and checking every folder again for
    every file was most of what reading a large register cost. A file in a folder that passes
    passes when it is no link itself (a junction is always a folder)."""
    folders: dict[str, bool] = {}  # by the folder's path as text: a Path per file cost more than the check
    for path, link in files:
        folder = os.path.dirname(path)
        passes = folders.get(folder)
        if passes is None:
            passes = folders[folder] = refusal(root, path.parent) is None
        yield path, (refusal(root, path) if not passes or link else None)


def read_bytes(path: str) -> bytes:
    """A file's bytes through the bare file descriptor: a buffered file object per file is half
    of what reading ten thousand small files costs. Opened without waiting and refused unless a
    regular file: a named pipe under the register's name would otherwise hang every command."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe or a device)", path)
        parts = []
        while chunk := os.read(fd, 1 << 16):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _target(link: Path) -> str:
    try:
        return os.readlink(link)
    except (OSError, ValueError):
        return str(link.resolve())
