"""Who may change what: each commit's author, their role there, and what the commit touched.

`roles.yaml` maps git identities (author e-mail, and optionally name) to a person and roles.
The office's role is declared there, optionally for some programmes only. Who leads, mentors
or works on a project is read from the register itself, as the project stood before the
commit: the person who leads project 24 is its leader, and a commit cannot make its author
leader and use the leader's rights at once. A roles.yaml entry may add a project role on
projects it lists (`projects:`), never take one away: the register wins.

Every field a commit changes is one action of the permission matrix (domain notes §5.2,
`MAY`); an action the author's roles do not allow is refused, once per file and action,
with the first field it touched. The roles and the register are read as of the commit's first
parent, so nobody can grant themselves a role in the commit that uses it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang.model import lifecycle, loader
from jiebang.model.fields import dicts
from jiebang.model.records import Kind
from jiebang.writes import audit, git

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from jiebang.errors import Problem

ROLES = ("office", "mentor", "leader", "member", "viewer")
PROJECT_ROLES = frozenset({"leader", "mentor", "member"})

# What each action is, and who besides the office may take it (the office may take every one).
MAY: dict[str, frozenset[str]] = {
    "programme": frozenset(),  # programme file: categories, settings, declared counts
    "people": frozenset(),  # people and units
    "roles": frozenset(),  # roles.yaml: only an office with no programme limit
    "assess": frozenset(),  # assessments
    "meeting": frozenset(),
    "cohort": frozenset(),
    "files": frozenset(),  # any other file under the register
    "list-fields": frozenset(),  # title, goal, indicators, due date, units, sources, revisions, new projects
    "team": frozenset(),  # teams, leaders, mentors, members, lead officials
    "application": frozenset(),  # deciding applications, or entering someone else's
    "apply": frozenset({"leader", "member"}),  # entering one's own application
    "status": frozenset(),  # accept, pause, terminate, reopen, extend, assign, withdraw
    "start": frozenset({"leader"}),  # assigned → active
    "submit": frozenset({"leader"}),  # → review (submit for acceptance)
    "plan": frozenset({"leader"}),  # milestone plan before the baseline
    "baseline": frozenset(),  # milestone plan once baselined, revised dates
    "progress": frozenset({"leader"}),  # milestone status, percent, readings, done date, evidence
    "measure": frozenset({"leader"}),  # indicator readings
    "update": frozenset({"leader", "mentor", "member"}),
    "review": frozenset({"mentor"}),  # reviews and their ratings
    "review-action": frozenset({"leader", "mentor"}),  # closing a review's action
    "rag-override": frozenset({"mentor"}),
}
_BY_KIND = {
    Kind.PROGRAMME: "programme",
    Kind.PEOPLE: "people",
    Kind.UNITS: "people",
    Kind.ROLES: "roles",
    Kind.ASSESSMENTS: "assess",
    Kind.MEETING: "meeting",
    Kind.COHORT: "cohort",
}
_BY_FIELD = {
    "teams": "team",
    "lead_officials": "team",
    "updates": "update",
    "rag_override": "rag-override",
}
_PLAN_FIELDS = frozenset({"title", "due_on", "weight", "kind", "cancelled_on", "cancel_reason"})
_REVISION_FIELDS = frozenset({"revised_due_on", "revision_reason", "approved_by", "revised_on"})
_ACTION_CLOSING = frozenset({"status", "done_on", "note"})


@dataclass(frozen=True, slots=True)
class Identity:
    """One roles.yaml entry."""

    emails: frozenset[str]  # lower-case
    name: str | None
    person: str | None
    roles: frozenset[str]
    programmes: frozenset[str] | None  # None: every programme
    projects: frozenset[str]  # programme/number

    def covers(self, programme: str) -> bool:
        return self.programmes is None or programme in self.programmes

    def is_office(self, programme: str | None) -> bool:
        """Office here; `programme` None: register-wide, which needs an office with no limit."""
        return "office" in self.roles and (self.programmes is None if programme is None else self.covers(programme))


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def identities(data: dict[str, Any] | None) -> list[Identity]:
    """The entries of a roles.yaml's data; malformed entries are skipped (`validate` reports them)."""
    out = []
    for item in dicts((data or {}).get("roles")):
        programmes = item.get("programmes")
        out.append(
            Identity(
                emails=frozenset(e.lower() for e in _strings(item.get("emails"))),
                name=item.get("name") if isinstance(item.get("name"), str) else None,
                person=item.get("person") if isinstance(item.get("person"), str) else None,
                roles=frozenset(_strings(item.get("roles"))),
                programmes=frozenset(_strings(programmes)) if isinstance(programmes, list) else None,
                projects=frozenset(_strings(item.get("projects"))),
            )
        )
    return out


def identify(known: Iterable[Identity], email: str, name: str) -> Identity | None:
    """The entry for a commit author: e-mail (any case), and the name too where the entry gives one."""
    for identity in known:
        if email.lower() in identity.emails and (identity.name is None or identity.name == name):
            return identity
    return None


def project_people(data: dict[str, Any] | None) -> dict[str, set[str]]:
    """Person id → the roles the project file gives them (leader, mentor, member); who left, none."""
    out: dict[str, set[str]] = {}
    for team in dicts((data or {}).get("teams")):
        if isinstance(team.get("leader"), str):
            out.setdefault(team["leader"], set()).add("leader")
    for (_team, role, person), item in audit.appointments(data or {}).items():
        if role in PROJECT_ROLES and not item.get("left_on"):
            out.setdefault(person, set()).add(role)
    return out


def roles_on(identity: Identity, programme: str, key: str, data: dict[str, Any] | None) -> frozenset[str]:
    """The roles `identity` holds on the project `key` (programme/number) whose file is `data`."""
    held = set(project_people(data).get(identity.person or "", ()))
    if key in identity.projects:
        held |= identity.roles & PROJECT_ROLES
    if identity.is_office(programme):
        held.add("office")
    return frozenset(held)


def may(action: str, held: Iterable[str]) -> bool:
    return bool(({"office"} | MAY[action]) & set(held))


def allowed_roles(action: str) -> str:
    """Who may take `action`, as role keys for the message."""
    return ", ".join(r for r in ROLES if r == "office" or r in MAY[action])


# ------------------------------------------------------------------------------ actions in a project file


def project_actions(
    old: dict[str, Any], new: dict[str, Any], person: str | None
) -> list[tuple[str, audit.FieldChange]]:
    """Each action a change of one project file takes, with the first field change behind it."""
    first: dict[str, audit.FieldChange] = {}
    for change in audit.field_changes(old, new):
        first.setdefault(_action(change, old, new, person), change)
    return list(first.items())


def _action(change: audit.FieldChange, old: dict[str, Any], new: dict[str, Any], person: str | None) -> str:
    path = change.path
    head = path[0] if path else None
    if head in ("status", "status_history"):
        return _status_action(old.get("status"), new.get("status"))
    if head == "milestones":
        return _milestone_action(path, change, baselined=old.get("status") in lifecycle.BASELINED)
    if head == "applications":
        return "apply" if person and _own_applications(change, person) else "application"
    if head == "indicators":
        return "measure" if path[2:3] == ("actuals",) else "list-fields"
    if head == "reviews":
        closing = len(path) == 5 and path[2] == "actions" and path[4] in _ACTION_CLOSING
        return "review-action" if closing else "review"
    return _BY_FIELD.get(str(head), "list-fields")


def _own_applications(change: audit.FieldChange, person: str) -> bool:
    """Whether the change only adds applications, all by `person` (the first one adds the list)."""
    if change.old is not None or len(change.path) > 2:
        return False
    added = change.new if len(change.path) == 1 else [change.new]
    return isinstance(added, list) and all(isinstance(a, dict) and a.get("applicant") == person for a in added)


def _status_action(source: object, target: object) -> str:
    """A status move (or its history entry) by where it goes; rewriting history is the office's."""
    if source == target:
        return "status"
    if target == "review":
        return "submit"
    return "start" if (source, target) == ("assigned", "active") else "status"


def _milestone_action(path: tuple[str | int, ...], change: audit.FieldChange, *, baselined: bool) -> str:
    field = path[2] if len(path) > 2 else None
    if field in _REVISION_FIELDS:
        return "baseline"
    if field is None or field in _PLAN_FIELDS or (field == "status" and change.new == "cancelled"):
        return "baseline" if baselined else "plan"
    return "progress"


# ------------------------------------------------------------------------------ commits


def commit_problems(repo: Path, root: Path, since: str | None) -> tuple[list[Problem], frozenset[str]]:
    """Every refused change in the commits after `since` (None: all), oldest first, and the
    refused commits a later one reverted (their refusals withdrawn; `audit` excuses the revert).

    A merge answers only for the fields that differ from every parent: what it took from a
    branch was judged at that branch's own commits.
    """
    subdir = root.resolve().relative_to(repo.resolve()).as_posix()
    prefix = "" if subdir in ("", ".") else f"{subdir}/"
    found: dict[str, list[Problem]] = {}  # by commit, oldest first
    undone: set[str] = set()
    for commit in git.commits_since(repo, since, subdir):
        parent = commit.parents[0] if commit.parents else None
        roles = audit.mapping_of(git.show(repo, parent, f"{prefix}roles.yaml")) if parent else None
        identity = identify(identities(roles), commit.author_email, commit.author_name)
        rows = git.changed_files(repo, commit.hash, subdir)
        out = found.setdefault(commit.hash, [])
        reverted = audit.reverted_by(repo, commit)
        if reverted and found.get(reverted) and _puts_back(repo, commit.hash, reverted, subdir):
            # `git revert` of a refused commit, the way out its refusal names: undoing what may
            # not be done is allowed to anyone, and the refusal is withdrawn with the change
            del found[reverted]
            undone.add(reverted)
            continue
        if identity is None:
            if rows:
                path = rows[0][2] or rows[0][1] or ""
                out.append(_located(audit.Where(commit, path, None), (), "authz.unknown-author", path))
            continue
        for row in rows:
            out += _file_problems(repo, commit, identity, row, root=root, prefix=prefix)
    return [p for problems in found.values() for p in problems], frozenset(undone)


def _puts_back(repo: Path, commit: str, reverted: str, subdir: str) -> bool:
    """Whether `commit` leaves every file `reverted` changed as it was before `reverted`."""
    for _status, old_path, new_path in git.changed_files(repo, reverted, subdir):
        for path in {p for p in (old_path, new_path) if p}:
            if audit.show_or_none(repo, commit, path) != audit.show_or_none(repo, f"{reverted}^", path):
                return False
    return True


def _file_problems(
    repo: Path,
    commit: git.Commit,
    identity: Identity,
    row: tuple[str, str | None, str | None],
    *,
    root: Path,
    prefix: str,
) -> list[Problem]:
    _status, old_path, new_path = row
    path = new_path or old_path or ""
    rel = path.removeprefix(prefix)
    kind, programme = loader.classify(root, root / rel) or (None, "")
    where = audit.Where(commit, path, git.show(repo, commit.hash, new_path) if new_path else None)
    if kind is not Kind.PROJECT:
        if _office_for(identity, kind, programme):
            return []
        action = _BY_KIND.get(kind, "files") if kind else "files"
        return [_refused(where, (), rel, action, identity.roles - {"office"})]
    parents = commit.parents
    olds = [audit.mapping_of(git.show(repo, parents[0], old_path)) if old_path and parents else None]
    olds += [audit.mapping_of(git.show(repo, other, path)) for other in parents[1:]]
    new = audit.mapping_of(where.raw)
    key = f"{programme}/{(new or olds[0] or {}).get('number', Path(rel).stem)}"
    held = roles_on(identity, programme, key, olds[0])
    if olds[0] is None or new is None:  # a project added or removed
        return [] if may("list-fields", held) else [_refused(where, (), key, "list-fields", held)]
    own = identity.roles & {"leader", "member"} if identity.covers(programme) else frozenset()
    out = []
    for action, change in project_actions(olds[0], new, identity.person):
        if may(action, held | own if action == "apply" else held) or _from_other_parent(change, olds[1:], new):
            continue
        out.append(_refused(where, _indexed(new, change.path), key, action, held))
    return out


def _office_for(identity: Identity, kind: Kind | None, programme: str) -> bool:
    """A programme's files need its office; roles.yaml an office with no programme limit (it
    could grant any role); other register-wide files (people, units…) any office."""
    if kind is Kind.ROLES:
        return identity.is_office(None)
    return identity.is_office(programme) if programme else "office" in identity.roles


def _from_other_parent(change: audit.FieldChange, others: Sequence[dict[str, Any] | None], new: dict[str, Any]) -> bool:
    """Whether a merge took this field as it was in another parent."""
    return any(
        other is not None and change.path not in {c.path for c in audit.field_changes(other, new)} for other in others
    )


def _indexed(data: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """`path` with list items named by id turned into positions, as far as `data` has them."""
    out: list[str | int] = []
    for part in path:
        if isinstance(data, list):
            index = next((i for i, x in enumerate(data) if isinstance(x, dict) and x.get("id") == part), part)
            if not isinstance(index, int) or index >= len(data):
                break
        elif isinstance(data, dict) and part in data:
            index = part
        else:
            break
        out.append(index)
        data = data[index]
    return tuple(out)


def _refused(where: audit.Where, parts: Sequence[str | int], record: str, action: str, held: Iterable[str]) -> Problem:
    roles = ", ".join(r for r in ROLES if r in set(held)) or "none"
    return _located(where, parts, "authz.refused", record, action=action, role=roles, allowed=allowed_roles(action))


def _located(where: audit.Where, parts: Sequence[str | int], code: str, record: str, **args: Any) -> Problem:
    problem = where.problem(code, tuple(parts), email=where.commit.author_email, **args)
    return dataclasses.replace(problem, record=record, hint=f"hint.{code}")
