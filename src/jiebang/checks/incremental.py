"""What the last whole `validate` found in each project file, kept so the next need not read them all.

A CI run after a commit that changed one project of ten thousand would otherwise read and check
the whole register again: the answer remembered for the whole (`remembered`) no longer fits. But
most of what `validate` says of a project file depends on that file alone (reading it, the
per-file checks, the dated ones) or on it and the register-wide files (`validate._PER_PROJECT`).
So a whole check keeps, for each project file, its text hash and those problems, beside the
hashes of the register-wide files and the day they were judged on. A later run whose
register-wide files and day are the same reads whole only the project files whose text changed,
takes the rest as summaries (`facts.view`), runs the rules across projects on them as a write
does, and puts what each unchanged file was found to hold back in. Anything else (another day,
a register-wide file changed, a file that cannot be read) checks the whole register again.

Kept as one cache entry a register (replaced by each new answer), of exactly the shape below or
not trusted; file names relative to the register, shown again as this run shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jiebang.checks import facts
from jiebang.files import cache, resources
from jiebang.model.records import Kind

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable
    from pathlib import Path

    from jiebang.errors import Problem
    from jiebang.model.records import Record, Register

PART = "validated"


@dataclass(frozen=True, slots=True)
class Held:
    """The entry of one register: the state it was judged in, and each project file's
    [text hash, problems] by its place in the register."""

    state: dict[str, Any]
    projects: dict[str, list[Any]]

    def changed(self, where: str, digest: str, _facts: dict[str, Any]) -> bool:
        """Whether the project file at `where` is not the one judged (a `facts.Wanted`)."""
        kept = self.projects.get(where)
        return kept is None or kept[0] != digest

    def fits(self, reg: Register) -> bool:
        """Whether the register-wide files of `reg` are those judged."""
        return self.state["others"] == _others(reg)


def _state(root: Path, today: datetime.date | None, others: Any) -> dict[str, Any]:
    return {
        "root": str(root),
        "today": today.isoformat() if today else None,
        "schemas": resources.schemas_fingerprint(),
        "others": others,
    }


def _others(reg: Register) -> dict[str, str]:
    return {_where(reg, r): facts.text_hash(r.text) for r in reg.records if r.kind is not Kind.PROJECT}


def held(store: cache.Cache, root: Path, today: datetime.date | None) -> Held | None:
    """The entry kept for the register at `root`, if it was judged on `today` by these schemas."""
    value = store.get(PART, {"root": str(root)})
    if type(value) is not dict or type(state := value.get("state")) is not dict:
        return None
    if type(others := state.get("others")) is not dict or state != _state(root, today, others):
        return None
    projects = value.get("projects")
    if type(projects) is not dict or not all(_is_kept(v) for v in projects.values()):
        return None
    return Held(state, projects)


def _is_kept(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and type(value[0]) is str and type(value[1]) is list


def kept_problems(entry: Held, reg: Register, read: frozenset[Path]) -> list[Problem] | None:
    """The problems kept of each project file of `reg` not `read` whole, shown as this run shows
    its file; None when one is not of the right shape."""
    out = []
    for record in reg.projects():
        if record.path not in read:
            found = cache.problems_in(entry.projects[_where(reg, record)][1], record.display, record.key)
            if found is None:
                return None
            out += found
    return out


def remember(
    store: cache.Cache,
    reg: Register,
    problems: Iterable[Problem],
    today: datetime.date | None,
    *,
    before: Held | None = None,
    read: frozenset[Path] | None = None,
) -> None:
    """Keep `problems` (each of one file) by project file, for the project files `read` (every
    one when None), the others' as `before` kept them. Nothing is kept when a problem would not
    come back as it is."""
    judged = {r.display: r for r in reg.projects() if read is None or r.path in read}
    by_file: dict[str, list[Problem]] = {display: [] for display in judged}
    for p in problems:
        if p.path in by_file:
            by_file[p.path].append(p)
    projects = {}
    for record in reg.projects():
        where = _where(reg, record)
        if record.display not in judged:  # judged before
            if (kept := before.projects.get(where) if before is not None else None) is None:
                return
            projects[where] = kept
            continue
        stored = cache.problems_out(by_file[record.display], record.display, record.key)
        if stored is None:
            return
        projects[where] = [facts.text_hash(record.text), stored]
    value = {"state": _state(reg.root, today, _others(reg)), "projects": projects}
    store.put(PART, {"root": str(reg.root)}, value)


def _where(reg: Register, record: Record) -> str:
    return record.path.relative_to(reg.root).as_posix()
