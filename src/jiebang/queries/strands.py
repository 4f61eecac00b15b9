"""Programmes above projects: a programme's parent (the strands of one campaign) and the teams
it keeps apart from its projects.

黄岩's 双百双千 has four strands under 黄岩发展我担当, and its 百个狮团 (100 teams) work on 92
projects plus other key work: so a programme may name a `parent`, and a programme may hold
`teams:` of its own, each attached to projects as lead or support. Both are read here, for
validate, status and the programme card alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang.queries.query import as_list

if TYPE_CHECKING:
    from jiebang.model.records import Programme, Register

ROLES = ("lead", "support")


def parent_of(programme: Programme) -> str | None:
    """The parent programme's id as written (whether it exists is `validate`'s business)."""
    parent = programme.record.data.get("parent") if programme.record else None
    return parent if isinstance(parent, str) else None


def ancestors(reg: Register, pid: str) -> list[str]:
    """`pid`'s parent, its parent, …, stopping at an unknown id or where a cycle closes."""
    chain: list[str] = []
    current = reg.programmes.get(pid)
    while current is not None:
        parent = parent_of(current)
        if parent is None or parent == pid or parent in chain:
            break
        chain.append(parent)
        current = reg.programmes.get(parent)
    return chain


def in_cycle(reg: Register, pid: str) -> bool:
    """True when following parents from `pid` comes back to it."""
    chain = ancestors(reg, pid)
    last = reg.programmes.get(chain[-1]) if chain else reg.programmes.get(pid)
    return last is not None and parent_of(last) == pid


def children(reg: Register, pid: str) -> list[str]:
    """The programmes naming `pid` as their parent, in id order."""
    return [cid for cid, p in reg.programmes.items() if parent_of(p) == pid and cid != pid]


def tree(reg: Register, ids: list[str] | None = None) -> list[tuple[str, int]]:
    """(programme id, depth) with every parent before its children (depth 0: no known parent,
    or a cycle, so that every programme appears exactly once)."""
    wanted = list(reg.programmes) if ids is None else ids
    out: list[tuple[str, int]] = []
    placed: set[str] = set()

    def visit(pid: str, depth: int) -> None:
        placed.add(pid)
        out.append((pid, depth))
        for child in children(reg, pid):
            if child in wanted and child not in placed:
                visit(child, depth + 1)

    for pid in wanted:
        parent = parent_of(reg.programmes[pid])
        rooted = parent is None or parent not in wanted or in_cycle(reg, pid)
        if pid not in placed and rooted:
            visit(pid, 0)
    for pid in wanted:  # members of a cycle none of whose programmes is a root
        if pid not in placed:
            visit(pid, 0)
    return out


def descendants(reg: Register, pid: str) -> list[str]:
    """Every programme below `pid`, at any depth."""
    out: list[str] = []
    todo = children(reg, pid)
    while todo:
        child = todo.pop(0)
        if child not in out and child != pid:
            out.append(child)
            todo += children(reg, child)
    return out


def teams(programme: Programme) -> list[dict[str, Any]]:
    """The programme's own teams (those kept apart from projects)."""
    data = programme.record.data if programme.record else {}
    return [t for t in as_list(data.get("teams")) if isinstance(t, dict)]


def attachments(team: dict[str, Any]) -> list[tuple[int, str]]:
    """(project number, role) of each project the team attaches to."""
    return [
        (a["project"], a["role"])
        for a in as_list(team.get("projects"))
        if isinstance(a, dict) and isinstance(a.get("project"), int) and a.get("role") in ROLES
    ]


def attached_to(programme: Programme, number: object) -> list[tuple[dict[str, Any], str]]:
    """(team, role) of each programme team attached to project `number`, leads first."""
    found = [(t, role) for t in teams(programme) for n, role in attachments(t) if n == number]
    return sorted(found, key=lambda pair: ROLES.index(pair[1]))


def has_lead(programme: Programme, project: dict[str, Any]) -> bool:
    """A project has a lead team when it holds a team of its own or a programme team leads it."""
    own = [t for t in as_list(project.get("teams")) if isinstance(t, dict)]
    return bool(own) or any(role == "lead" for _, role in attached_to(programme, project.get("number")))
