"""The whole register's problems, remembered while nothing in it changes.

Every read (`list`, `status`, …) counts the register's errors, and the rules across files cost
as much as everything else together on a large register. Their answer depends only on the files'
content and places, what reading them found (files that could not be read), the day (`today`),
the register's folder, the schemas and jiebang itself, so it is kept in the register's cache
under exactly that key (one entry a register, replaced by each new answer, an earlier jiebang's
removed), and the next read of
an unchanged register takes it from there. File names are kept relative to the register and
shown again relative to the working folder of the run that takes them.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from jiebang.errors import Problem, Severity
from jiebang.files import cache, resources

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from jiebang.model.records import Register

PART = "register"


def key(reg: Register, load_problems: Sequence[Problem], today: datetime.date | None) -> dict[str, Any]:
    """What the whole register's problems depend on, as one hash (the entry repeats the key)."""
    digest = hashlib.sha256()
    for record in sorted(reg.records, key=lambda r: r.path):
        digest.update(f"{_relative(reg, str(record.path))}\0{record.kind.value}\0{record.programme}\0".encode())
        digest.update(hashlib.sha256(record.text.encode("utf-8", "surrogatepass")).digest())
    # every file that could not be read is among these (so `reg.failed` need not be)
    loaded = [[p.code, p.path, p.line, p.col, p.pointer, p.args, p.severity.value] for p in load_problems]
    digest.update(json.dumps(loaded, ensure_ascii=False, sort_keys=True, default=str).encode())
    return {
        "files": digest.hexdigest(),
        "root": str(reg.root),
        "today": today.isoformat() if today else None,
        "schemas": resources.schemas_fingerprint(),
        "partial": reg.partial,
    }


def get(store: cache.Cache, entry_key: dict[str, Any], reg: Register) -> list[Problem] | None:
    """The problems remembered under `entry_key`, shown for this run; None when there are none
    (or the entry is not of the right shape: it is then rebuilt, never trusted)."""
    held = store.get(PART, _slot(entry_key))
    if type(held) is not dict or held.get("state") != entry_key or type(value := held.get("problems")) is not list:
        return None
    shown = {_relative(reg, str(r.path)): r.display for r in reg.records}
    out = []
    for item in value:
        if type(item) is not list or len(item) != 10:
            return None
        code, where, path, line, col, pointer, record, args, hint, severity = item
        if where == "file" and path not in shown:
            return None
        back = cache.problems_in([[code, None, line, col, pointer, record, args, hint, severity]], "", "")
        if back is None or not isinstance(path, str):
            return None
        out += [_with_path(p, shown[path] if where == "file" else path) for p in back]
    return sorted(out, key=Problem.sort_key)


def put(store: cache.Cache, entry_key: dict[str, Any], reg: Register, problems: Sequence[Problem]) -> None:
    """Remember `problems`, unless one names a register file inside its arguments (a duplicate's
    first place): that name depends on the working folder, so such a register is not remembered."""
    places = {r.display: _relative(reg, str(r.path)) for r in reg.records}
    value = []
    for p in problems:
        if any(not isinstance(v, str | int | float | bool | None) or v in places for v in p.args.values()):
            return
        where, path = ("file", places[p.path]) if p.path in places else ("as-is", p.path)
        value.append([p.code, where, path, p.line, p.col, p.pointer, p.record, p.args, p.hint, p.severity.value])
    store.put(PART, _slot(entry_key), {"state": entry_key, "problems": value})


def _slot(entry_key: dict[str, Any]) -> dict[str, Any]:
    """Where the answer is kept: one place per register folder, and one for the last part of it
    read (one project), so each new answer replaces the last instead of piling up (the full key
    is kept inside and compared)."""
    return {"root": entry_key["root"], "partial": entry_key["partial"]}


def _relative(reg: Register, path: str) -> str:
    root = str(reg.root)
    return path[len(root) + 1 :].replace("\\", "/") if path.startswith(root) else path


def _with_path(problem: Problem, path: str) -> Problem:
    return Problem(problem.code, path, problem.line, problem.col, problem.pointer, problem.record,
                   problem.args, problem.hint, Severity(problem.severity))  # fmt: skip
