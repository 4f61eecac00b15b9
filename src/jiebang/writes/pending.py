"""jiebang's own staged changes: what `--no-commit` wrote and staged, known again later.

A change a command staged with `--no-commit` is not a hand edit, and the next command that
touches the same file should say so and how to commit it with jiebang's own message. What was
staged (each file's blob) and the message are kept in the git folder, beside the write lock
and out of the work tree; a file edited or restaged since is a hand edit again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang.writes import git, store

if TYPE_CHECKING:
    from collections.abc import Sequence

_FILES = "jiebang-staged.json"
_MESSAGE = "JIEBANG_STAGED_MSG"


def remember(repo: Path, paths: Sequence[Path], message: str) -> None:
    """`paths` now hold, staged and uncommitted, the change that `message` describes."""
    folder = git.git_dir(repo)
    known = _read(folder)
    here = repo.resolve()
    # paths outside this repository were remembered where it used to be (a copied folder): not ours
    earlier = [path for path in map(Path, known["files"]) if path.is_relative_to(here)]
    if git.dirty(repo, earlier) != earlier or message_for(repo, earlier) is None:
        known = _read(Path())  # the earlier staged change was committed, or edited since: forget it
    known["files"] |= {str(path.resolve()): blob for path, blob in git.index_blobs(repo, paths).items()}
    known["messages"].append(message)
    store.write_atomic(folder / _FILES, json.dumps(known, ensure_ascii=False, indent=1) + "\n")
    store.write_atomic(folder / _MESSAGE, "\n".join(known["messages"]))


def message_for(repo: Path, dirty: Sequence[Path]) -> Path | None:
    """The file with the commit message when every one of `dirty` is still exactly what jiebang staged."""
    folder = git.git_dir(repo)
    known = _read(folder)["files"]
    blobs = git.index_blobs(repo, dirty)
    if dirty and all(str(path.resolve()) in known and known[str(path.resolve())] == blobs.get(path) for path in dirty):
        return folder / _MESSAGE
    return None


def _read(folder: Path) -> dict[str, Any]:
    """What was remembered in `folder`; nothing when the file is missing or not ours."""
    try:
        known = json.loads((folder / _FILES).read_text("utf-8"))
    except (OSError, ValueError):
        known = None
    if isinstance(known, dict) and isinstance(known.get("files"), dict) and isinstance(known.get("messages"), list):
        return known
    return {"files": {}, "messages": []}
