"""The project lifecycle: which status moves are allowed, and which need a written reason.

One table serves `validate` (checking recorded history) and the write commands (refusing an
illegal move before it is written). From the domain notes §3.4.
"""

from __future__ import annotations

STATUSES: tuple[str, ...] = (
    "draft", "open", "claimed", "assigned", "active", "review", "done",
    "paused", "extended", "terminated", "withdrawn",
)  # fmt: skip

TERMINAL = frozenset({"done", "terminated", "withdrawn"})

TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"open", "assigned", "withdrawn"}),
    "open": frozenset({"claimed", "assigned", "withdrawn"}),
    "claimed": frozenset({"assigned", "open", "withdrawn"}),
    "assigned": frozenset({"active", "paused", "terminated"}),
    "active": frozenset({"review", "extended", "paused", "terminated"}),
    "extended": frozenset({"active", "review", "paused", "terminated"}),
    "paused": frozenset({"active", "terminated"}),
    "review": frozenset({"done", "active"}),
    "done": frozenset(),
    "terminated": frozenset(),
    "withdrawn": frozenset(),
}

# Reopening a closed project is an office act with a reason, and goes back to work.
REOPEN: dict[str, str] = {"done": "active", "terminated": "active", "withdrawn": "open"}

REASON_REQUIRED = frozenset({"paused", "terminated", "extended"})

# Once work is under way, milestone dates are the baseline the office reviews against: moving
# one then means a revised date with a reason, never an edited `due_on`.
BASELINED = frozenset({"active", "extended", "review", "done", "paused"})

# What the office agreed for a project: changing one needs a reason, kept in `revisions:`.
REVISED_FIELDS = ("due_on", "tier", "category")

# Statuses in which a team must exist (a 任务令 was issued to somebody).
NEEDS_TEAM = frozenset({"assigned", "active", "review", "done", "extended"})


def allowed(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, frozenset()) or REOPEN.get(source) == target


def needs_reason(source: str | None, target: str) -> bool:
    return target in REASON_REQUIRED or (source in TERMINAL)
