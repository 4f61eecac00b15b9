"""Review actions (整改事项): how they are named, and the one change the audit lets through.

An action is named by where it sits: `R2.1` is the first action of the project's second
review in the file. Reviews are append-only (`validate --since` flags any other change),
so the name of an action never changes, and files written before actions had names get
theirs without an edit.
"""

from __future__ import annotations

import re
from typing import Any

_ID = re.compile(r"[Rr](\d+)\.(\d+)")
# What closing an action adds to it; everything else in a review stays as recorded.
CLOSING = ("done_on", "note")


def action_id(review_index: int, action_index: int) -> str:
    """The name of the action at these 0-based positions."""
    return f"R{review_index + 1}.{action_index + 1}"


def all_actions(data: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(id, review, action) for every action of a project, in file order."""
    reviews = data.get("reviews") if isinstance(data.get("reviews"), list) else []
    return [
        (action_id(r, a), review, action)
        for r, review in enumerate(reviews)
        if isinstance(review, dict)
        for a, action in enumerate(review.get("actions") if isinstance(review.get("actions"), list) else ())
        if isinstance(action, dict)
    ]


def locate(data: dict[str, Any], ident: str) -> tuple[int, int] | None:
    """0-based (review, action) positions named by `R2.1`, or None when there is no such action."""
    m = _ID.fullmatch(ident.strip())
    if not m:
        return None
    r, a = int(m[1]) - 1, int(m[2]) - 1
    reviews = data.get("reviews") if isinstance(data.get("reviews"), list) else []
    if not 0 <= r < len(reviews) or not isinstance(reviews[r], dict):
        return None
    acts = reviews[r].get("actions")
    ok = isinstance(acts, list) and 0 <= a < len(acts) and isinstance(acts[a], dict)
    return (r, a) if ok else None


def is_open(action: dict[str, Any]) -> bool:
    return action.get("status", "open") == "open"


def _closes(old: object, new: object) -> bool:
    """`new` is `old` closed: status open → done, `done_on`/`note` added, nothing else."""
    if old == new:
        return True
    if not (isinstance(old, dict) and isinstance(new, dict)) or not is_open(old) or new.get("status") != "done":
        return False
    if any(k in old for k in CLOSING):
        return False
    rest = {k: v for k, v in new.items() if k not in CLOSING and k != "status"}
    return rest == {k: v for k, v in old.items() if k != "status"}


def only_closes_actions(old: object, new: object) -> bool:
    """The review `new` differs from `old` only by actions being closed (see `_closes`)."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return old == new
    if {k: v for k, v in old.items() if k != "actions"} != {k: v for k, v in new.items() if k != "actions"}:
        return False
    was, now = old.get("actions"), new.get("actions")
    if not (isinstance(was, list) and isinstance(now, list)) or len(was) != len(now):
        return was == now
    return all(_closes(a, b) for a, b in zip(was, now, strict=True))
