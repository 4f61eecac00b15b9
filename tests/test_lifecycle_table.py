"""Every status move, allowed and refused, with and without a reason, through both doors.

The expected table is written out here from the domain notes (§3.4), not read from
`jiebang.model.lifecycle`, so a changed rule in the code fails until this table is changed too.
`move` (the write side) and `validate` (recorded history) must both follow it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import HANDMADE
from jiebang import api
from jiebang.errors import UsageError
from jiebang.writes import edits

STATUSES = (
    "draft", "open", "claimed", "assigned", "active", "review", "done",
    "paused", "extended", "terminated", "withdrawn",
)  # fmt: skip

# source: the statuses it may move to (a reopening of a closed project included).
ALLOWED = {
    "draft": {"open", "assigned", "withdrawn"},
    "open": {"claimed", "assigned", "withdrawn"},
    "claimed": {"assigned", "open", "withdrawn"},
    "assigned": {"active", "paused", "terminated"},
    "active": {"review", "extended", "paused", "terminated"},
    "extended": {"active", "review", "paused", "terminated"},
    "paused": {"active", "terminated"},
    "review": {"done", "active"},
    "done": {"active"},  # reopen
    "terminated": {"active"},  # reopen
    "withdrawn": {"open"},  # reopen
}
# A move needs a written reason when it pauses, terminates or extends, or reopens a closed project.
NEEDS_REASON = {"paused", "terminated", "extended"}
CLOSED = {"done", "terminated", "withdrawn"}

PAIRS = [(s, t) for s in STATUSES for t in STATUSES if s != t]
PROJECT = Path("programmes/hm-2023/projects/01.yaml")


def reason_missing(source: str, target: str, reason: bool) -> bool:
    return (target in NEEDS_REASON or source in CLOSED) and not reason


def expected(source: str, target: str, reason: bool) -> str | None:
    """What `move` says: the first thing wrong."""
    if target not in ALLOWED[source]:
        return "bad-move"
    return "reason-required" if reason_missing(source, target, reason) else None


def test_the_table_covers_every_status() -> None:
    assert set(ALLOWED) == set(STATUSES)
    assert sum(len(targets) for targets in ALLOWED.values()) == 27


def _register(tmp_path: Path, status: str, history: str) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(HANDMADE, root)
    path = root / PROJECT
    text = path.read_text("utf-8")
    head, _, tail = text.partition("status: assigned\nstatus_history:\n")
    _, _, rest = tail.partition("\n\n")
    path.write_text(f"{head}status: {status}\nstatus_history:\n{history}\n{rest}", "utf-8")
    return root


@pytest.mark.parametrize("reason", [True, False], ids=["with-reason", "no-reason"])
@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{s}->{t}" for s, t in PAIRS])
def test_move(tmp_path: Path, source: str, target: str, reason: bool) -> None:
    root = _register(tmp_path, source, "  - to: " + source + "\n    on: 2023-01-10\n    reason: 起始（虚构）")
    reg, _ = api.open_register(str(root))
    try:
        edits.move(reg, "1", target, on="2023-02-01", reason="理由（虚构）" if reason else None)
        refused = None
    except UsageError as exc:
        refused = exc.key.removeprefix("edit.")
    assert refused == expected(source, target, reason)


@pytest.mark.parametrize("reason", [True, False], ids=["with-reason", "no-reason"])
@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{s}->{t}" for s, t in PAIRS])
def test_recorded_history(tmp_path: Path, source: str, target: str, reason: bool) -> None:
    second = f"  - from: {source}\n    to: {target}\n    on: 2023-02-01" + (
        "\n    reason: 理由（虚构）" if reason else ""
    )
    root = _register(tmp_path, target, f"  - to: {source}\n    on: 2023-01-10\n    reason: 起始（虚构）\n{second}")
    result = api.validate([root])
    codes = {p.code for p in result.problems if p.pointer.startswith("$.status_history[1]")}
    # validate reports everything wrong with the entry, not only the first thing.
    want = {"lifecycle.transition"} if target not in ALLOWED[source] else set()
    if reason_missing(source, target, reason):
        want.add("lifecycle.reason-required")
    assert codes & {"lifecycle.transition", "lifecycle.reason-required"} == want


def test_a_recorded_move_from_the_wrong_status_or_dated_before_the_last_is_flagged(tmp_path: Path) -> None:
    """A status record whose `from` is not the status the record before moved to, and one dated
    certainly before it: each is said at its own field, with what was written and what was expected."""
    history = (
        "  - to: assigned\n    on: 2023-01-10\n    reason: 起始（虚构）\n"
        "  - from: open\n    to: active\n    on: 2022-12-01"
    )
    result = api.validate([_register(tmp_path, "active", history)])
    found = [(p.code, p.pointer, p.record, p.args) for p in result.problems if p.pointer.startswith("$.status_h")]
    assert found == [
        ("lifecycle.from-mismatch", "$.status_history[1].from", "hm-2023/1", {"value": "open", "expected": "assigned"}),
        (
            "lifecycle.date-order",
            "$.status_history[1].on",
            "hm-2023/1",
            {"value": "2022-12-01", "previous": "2023-01-10"},
        ),
    ]
