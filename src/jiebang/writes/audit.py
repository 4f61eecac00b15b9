"""The audit trail read back from git: field-level history, meeting briefs, history rules.

git records every change, by the CLI or by hand; this module turns commits into what a
programme office asks: who changed which field of project 24 and when (`history`), what
moved between two 调度讲评 meetings (`changes`), and which commits broke a rule that a
single snapshot cannot show (`history_problems`): an illegal status move, a baselined due
date moved without a recorded reason, a rewritten status record, a reused number.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from jiebang.errors import JiebangError, Problem
from jiebang.files import yamlio
from jiebang.model import actions, lifecycle
from jiebang.model.fields import dicts
from jiebang.queries import derive, query
from jiebang.writes import git

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from jiebang.model.records import Record, Register

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: Path_
    old: Any
    new: Any

    @property
    def pointer(self) -> str:
        out = "$"
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else f".{part}"
        return out


def field_changes(old: Any, new: Any, prefix: Path_ = ()) -> list[FieldChange]:
    """Leaf-level differences; list items with an `id` are matched by id, others by position."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            out += field_changes(old.get(key), new.get(key), (*prefix, key))
        return out
    if isinstance(old, list) and isinstance(new, list):
        if keyed(old) and keyed(new):
            olds = {x["id"]: x for x in old}
            news = {x["id"]: x for x in new}
            out = []
            for ident in [*olds, *(k for k in news if k not in olds)]:
                out += field_changes(olds.get(ident), news.get(ident), (*prefix, ident))
            return out
        out = []
        for index in range(max(len(old), len(new))):
            out += field_changes(
                old[index] if index < len(old) else None, new[index] if index < len(new) else None, (*prefix, index)
            )
        return out
    return [] if old == new else [FieldChange(prefix, old, new)]


def keyed(items: list[Any]) -> bool:
    """Whether list items are told apart by a unique string `id` (milestones, teams), not by position."""
    ids = [x.get("id") for x in items if isinstance(x, dict)]
    return len(ids) == len(items) and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)


def mapping_of(raw: bytes | None) -> dict[str, Any] | None:
    """A file's data as committed; None when absent, unreadable or not a mapping.

    What is wrong with an older version is not reported (the file as it is now is checked on its
    own), so the parser's problems are dropped and need no file name."""
    if raw is None:
        return None
    text, _ = yamlio.decode(raw, "")
    if text is None:
        return None
    data, _ = yamlio.parse(text, "")
    return data if isinstance(data, dict) else None


# ------------------------------------------------------------------------------ history


@dataclass(frozen=True, slots=True)
class Entry:
    commit: git.Commit
    how: str  # "jiebang" (a CLI command), "hand", or "jiebang+hand" (a command that took hand edits along)
    created: bool
    changes: tuple[FieldChange, ...]
    before: dict[str, Any]  # the file in the (first) parent, {} when new
    after: dict[str, Any]  # the file in this commit


def history(repo: Path, record: Record) -> list[Entry]:
    """Every commit that changed the record's file, newest first, with its field changes.

    The file is followed back through renames (`05.yaml` → `09.yaml`, or the whole register
    folder moved): each commit is read at the path the file had then, and compared with the
    file at its path in the parent, so a pure rename is an entry with no changes, not a
    creation. Changes are against the first parent; a merge is shown only with the fields
    that differ from every parent (what the merge decided, as in a conflict resolution), and
    not at all when it only brought in a branch, whose own commits are listed.
    """
    rel = record.path.resolve().relative_to(repo.resolve()).as_posix()
    out = []
    for version in git.file_log_with_paths(repo, rel):
        commit = version.commit
        new = mapping_of(git.show(repo, commit.hash, version.path)) or {}
        olds = [
            mapping_of(git.show(repo, parent, path)) if path else None
            for parent, path in zip(commit.parents, version.before, strict=True)
        ]
        changes = field_changes((olds[0] or {}) if olds else {}, new)
        for other in olds[1:]:
            theirs = {change.path for change in field_changes(other or {}, new)}
            changes = [change for change in changes if change.path in theirs]
        if len(olds) > 1 and not changes:
            continue
        created = not version.before or version.before[0] is None
        out.append(Entry(commit, _how(commit), created, tuple(changes), (olds[0] or {}) if olds else {}, new))
    return out


def _how(commit: git.Commit) -> str:
    if not commit.subject.startswith("jiebang: "):
        return "hand"
    return "jiebang+hand" if "Jiebang-Includes-Hand-Edits: yes" in commit.body else "jiebang"


# ------------------------------------------------------------------------------ what changed between meetings


@dataclass(frozen=True, slots=True)
class Brief:
    project: str  # programme/number
    title: str
    kind: str  # added | removed | moved | update | milestone-done | milestone-slipped | measured | reviewed
    # | action-done | joined | left | applied | application-closed
    detail: dict[str, Any]


def changes(old: Register, new: Register) -> list[Brief]:
    """What happened between two states of the register, project by project, as a meeting brief."""
    before = {p.key: p for p in old.projects()}
    after = {p.key: p for p in new.projects()}
    out: list[Brief] = []
    for key in sorted(after.keys() | before.keys(), key=_order):
        was, now = before.get(key), after.get(key)
        title = str((now or was).data.get("title", "")) if (now or was) else ""
        if was is None:
            # Its records are news too; its first status record is the addition itself.
            data = now.data if now else {}
            first = dicts(data.get("status_history"))[:1]
            on = first[0].get("on") if first else None
            started = first[0].get("to") if first else data.get("status")  # what it started as, not today's
            out.append(Brief(key, title, "added", {"status": started, "on": on}))
            out += _project_brief(key, title, {"status_history": first}, data, _names(new, key), fresh=True)
        elif now is None:
            out.append(Brief(key, title, "removed", {}))
        else:
            out += _project_brief(key, title, was.data, now.data, _names(new, key))
    return out


def _names(reg: Register, key: str) -> dict[str, str]:
    """Person id → name in the programme of project `key`, for the brief to name people (a
    programme id holds no "/", a hand-typed number may: `2023/3`)."""
    programme = reg.programmes.get(key.partition("/")[0])
    people = programme.person_ids() if programme else {}
    return {pid: str(p.get("name")) for pid, p in people.items() if p.get("name")}


def _order(key: str) -> tuple[str, int]:
    programme, _, number = key.partition("/")
    return (programme, int(number) if number.isdecimal() else 0)


# What identifies a dated record, so that an edited one is not taken for a new one.
_IDENTITY = {"status_history": ("to", "on"), "updates": ("date", "author"), "reviews": ("date", "reviewer"),
             "actuals": ("on",)}  # fmt: skip


def _new_items(old: object, new: object, field: str = "") -> list[dict[str, Any]]:
    keys = _IDENTITY.get(field)
    if keys is None:
        seen = dicts(old)
        return [x for x in dicts(new) if x not in seen]
    known = {tuple(map(str, (x.get(k) for k in keys))) for x in dicts(old)}
    return [x for x in dicts(new) if tuple(map(str, (x.get(k) for k in keys))) not in known]


def _pick(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: item.get(k) for k in keys}


def _by_id(items: object) -> dict[Any, dict[str, Any]]:
    """Items by id; one whose id is a list or a mapping (validate says so) cannot be followed."""
    return {x.get("id"): x for x in dicts(items) if isinstance(x.get("id"), Hashable)}


# The lists of people a project has, and the role each list gives: (team id or None, list, role).
_ROLES = (("mentors", "mentor"), ("lead_officials", "lead-official"), ("members", "member"))


def appointments(data: dict[str, Any]) -> dict[tuple[Any, str, str], dict[str, Any]]:
    """Every mentor, lead official and member of a project, by (team id or None, role, person id).

    A bare person id is an appointment with no dates; project-level lead officials have no team.
    """
    out: dict[tuple[Any, str, str], dict[str, Any]] = {}
    places = [(t.get("id"), t) for t in dicts(data.get("teams")) if isinstance(t.get("id"), Hashable)] + [(None, data)]
    for team, holder in places:
        for field, role in _ROLES if team is not None else _ROLES[1:2]:
            for item in holder.get(field) if isinstance(holder.get(field), list) else ():
                person = item.get("person") if isinstance(item, dict) else item
                if isinstance(person, str):
                    out[(team, role, person)] = item if isinstance(item, dict) else {"person": person}
    return out


_DECIDED = ("selected", "rejected", "withdrawn")


def _project_brief(
    key: str,
    title: str,
    old: dict[str, Any],
    new: dict[str, Any],
    names: dict[str, str] | None = None,
    *,
    fresh: bool = False,
) -> Iterator[Brief]:
    """What is new in one project; `fresh`: the project itself is new, with `old` its first status record."""
    names = names or {}
    for entry in _new_items(old.get("status_history"), new.get("status_history"), "status_history"):
        yield Brief(key, title, "moved", _pick(entry, "from", "to", "on", "reason"))
    for entry in _new_items(old.get("revisions"), new.get("revisions")):
        yield Brief(key, title, "revised", _pick(entry, "field", "from", "to", "on", "reason"))
    for entry in _new_items(old.get("updates"), new.get("updates"), "updates"):
        detail = _pick(entry, "date", "summary", "progress_pct")
        needs = query.texts(entry.get("needs_coordination"))  # a number or true there: validate says so
        yield Brief(key, title, "update", {**detail, "needs_coordination": needs})
    old_milestones = _by_id(old.get("milestones"))
    for ident, m in _by_id(new.get("milestones")).items():
        was = old_milestones.get(ident, {})
        if m.get("status") == "done" and was.get("status") != "done":
            yield Brief(key, title, "milestone-done", {**_pick(m, "id", "title"), "on": m.get("done_on")})
        was_due, now_due = derive.milestone_due(was) if was else None, derive.milestone_due(m)
        if was_due and now_due and now_due > was_due:
            moved = {"from": was_due.isoformat(), "to": now_due.isoformat(), "reason": m.get("revision_reason")}
            yield Brief(
                key, title, "milestone-slipped", {**_pick(m, "id", "title"), **moved, "on": m.get("revised_on")}
            )
    old_indicators = _by_id(old.get("indicators"))
    for ident, indicator in _by_id(new.get("indicators")).items():
        was = old_indicators.get(ident, {})
        for actual in _new_items(was.get("actuals"), indicator.get("actuals"), "actuals"):
            yield Brief(
                key,
                title,
                "measured",
                {**_pick(indicator, "id", "name", "unit"), **_pick(actual, "on", "period", "value", "qualifier")},
            )
    for entry in _new_items(old.get("reviews"), new.get("reviews"), "reviews"):
        yield Brief(key, title, "reviewed", _pick(entry, "date", "rating", "comments"))
    yield from _people_brief(key, title, old, new, names, fresh=fresh)
    yield from _applications_brief(key, title, old, new, names)
    was_open = {ident for ident, _, a in actions.all_actions(old) if actions.is_open(a)}
    for ident, _, a in actions.all_actions(new):
        if ident in was_open and not actions.is_open(a):
            yield Brief(key, title, "action-done", {"id": ident, "text": a.get("text"), "on": a.get("done_on")})


def _people_brief(
    key: str, title: str, old: dict[str, Any], new: dict[str, Any], names: dict[str, str], *, fresh: bool
) -> Iterator[Brief]:
    """Mentors, lead officials and members who joined, or left (with the date and reason).

    A new project's people without a joining date came with it: the addition tells them.
    """
    before = appointments(old)
    for (team, role, person), item in appointments(new).items():
        who = {"team": team, "role": role, "person": person, "name": names.get(person)}
        was = before.get((team, role, person))
        if was is None and (item.get("joined_on") or not fresh):
            yield Brief(key, title, "joined", {**who, "on": item.get("joined_on")})
        if (item.get("left_on") or item.get("left_reason")) and not (was or {}).get("left_on"):
            yield Brief(key, title, "left", {**who, "on": item.get("left_on"), "reason": item.get("left_reason")})


def _applications_brief(
    key: str, title: str, old: dict[str, Any], new: dict[str, Any], names: dict[str, str]
) -> Iterator[Brief]:
    """Applications submitted, and decided (selected on the day its team was formed, or closed)."""
    old_apps = _by_id(old.get("applications"))
    for ident, app in _by_id(new.get("applications")).items():
        was = old_apps.get(ident)
        who = {"person": app.get("applicant"), "name": names.get(str(app.get("applicant")))}
        if was is None:
            detail = {"id": ident, **who, "method": app.get("method"), "on": app.get("submitted_on")}
            yield Brief(key, title, "applied", detail)
        if app.get("status") in _DECIDED and (was or {}).get("status") != app.get("status"):
            on = app.get("closed_on") or _by_id(new.get("teams")).get(app.get("team"), {}).get("formed_on")
            detail = {"id": ident, **who, "status": app.get("status"), "on": on, "reason": app.get("reason")}
            yield Brief(key, title, "application-closed", detail)


# ------------------------------------------------------------------------------ rules across commits


def history_problems(repo: Path, root: Path, since: str | None, excused: frozenset[str] = frozenset()) -> list[Problem]:
    """Rules about how the register changed, commit by commit after `since` (None: from the first).

    A broken rule that a later commit in the range undoes is not reported (see `_Undone`):
    `git revert`, the way out the hints name, makes `validate --since` pass again. Records are
    append-only, so a revert that takes back a proper record is flagged, unless the reverted
    commit is `excused`: one its author's role did not allow (`authorize`), whose refusal names
    the same way out.
    """
    subdir = root.resolve().relative_to(repo.resolve()).as_posix()
    undone = _Undone(lambda ancestor, rev: git.is_ancestor(repo, ancestor, rev))
    used: dict[tuple[str, int], str] = {}  # (programme, number) → title, for every project ever seen
    for rel, raw in git.tree_files(repo, since, subdir) if since else ():
        _remember(used, rel, mapping_of(raw))
    for commit in git.commits_since(repo, since, subdir):
        # For a merge, each other parent with each file's path there (None: not there); a file
        # missing from its map is as it was in that parent.
        others = [
            (parent, {new: old for _, old, new in git.changed_files(repo, commit.hash, subdir, against=parent) if new})
            for parent in commit.parents[1:]
        ]
        for _, old_path, new_path in git.changed_files(repo, commit.hash, subdir):
            # A file deleted or moved out of the projects breaks no rule of how a project changes.
            if new_path is None or new_path.split("/")[-2:-1] != ["projects"]:
                continue
            new_raw = git.show(repo, commit.hash, new_path)
            new = mapping_of(new_raw)
            if new is None:
                continue
            rel = PurePosixPath(new_path).relative_to(subdir).as_posix()  # in the register, as `tree_files` gives it
            old = mapping_of(git.show(repo, commit.parents[0], old_path)) if old_path and commit.parents else None
            if not any(new_path not in theirs for _, theirs in others):
                where = Where(commit, new_path, new_raw)
                found = _file_rules(used, where, rel, old=old, new=new)
                # A merge answers only for what no parent had: a file (or a field) it took from a
                # branch was checked at that branch's own commits.
                for parent, theirs in others:
                    their_path = theirs[new_path]
                    their_old = mapping_of(git.show(repo, parent, their_path)) if their_path else None
                    again = _file_rules(used, where, rel, old=their_old, new=new)
                    found = [p for p in found if (p.code, p.pointer) in {(q.code, q.pointer) for q in again}]
                if found and (reverted := _reverted_before(repo, commit, since)):
                    # What the reverted commit broke counts as flagged, so that its revert can undo it.
                    was = mapping_of(show_or_none(repo, f"{reverted}^", new_path))
                    then = mapping_of(show_or_none(repo, reverted, new_path))
                    if was is not None and then is not None:
                        undone.seed(reverted, where.record, was, _commit_rules(was, then, where))
                if found and (reverted := reverted_by(repo, commit)) in excused:
                    # Undoing a refused commit may take back the records it appended: the file is
                    # put back as it was before that commit.
                    was = mapping_of(show_or_none(repo, f"{reverted}^", new_path))
                    if was is not None:
                        found = [p for p in found if not _restores(p, was, new)]
                undone.see(commit.hash, where.record, old, new, found)
            _remember(used, rel, new)
    return undone.standing()


# What each history rule protects in a file, keyed by rule code: the value an undo must put back.
# Records and status history are append-only, so an undo may leave entries added since in place.
_GUARDED: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "history.transition": lambda data, _args: data.get("status"),
    "history.rewritten": lambda data, _args: dicts(data.get("status_history")),
    "history.record-edited": lambda data, args: dicts(data.get(args["field"])),
    "history.baseline-moved": lambda data, args: _by_id(data.get("milestones")).get(args["id"], {}).get("due_on"),
    "history.revision-without-reason": lambda data, args: _pick(
        _by_id(data.get("milestones")).get(args["id"], {}), "revised_due_on", "revision_reason"
    ),
    # The rules for due date, tier and category revisions (branch h1, merged on main alongside).
    "history.unrecorded-revision": lambda data, args: data.get(args["field"]),
    "history.revisions-rewritten": lambda data, _args: dicts(data.get("revisions")),
}
_APPEND_ONLY = frozenset({"history.rewritten", "history.record-edited", "history.revisions-rewritten"})


def _target(problem: Problem) -> tuple[str, str, Any]:
    """What a problem is about: its record, its rule, and the milestone or field it names."""
    return (problem.record, problem.code, problem.args.get("id", problem.args.get("field")))


def _restores(problem: Problem, before: dict[str, Any], now: dict[str, Any]) -> bool:
    """Whether `now` has what `problem`'s rule protects back as it was in `before`."""
    guarded = _GUARDED.get(problem.code)
    if guarded is None:  # a reused number is not undone by a later edit
        return False
    was, is_ = guarded(before, problem.args), guarded(now, problem.args)
    return is_[: len(was)] == was if problem.code in _APPEND_ONLY else is_ == was


@dataclass(slots=True)
class _Flagged:
    commit: str
    record: str
    before: dict[str, Any]  # the file as it was before the commit that broke the rules
    problems: list[int]  # indexes into _Undone.problems


class _Undone:
    """Collects history problems in commit order and withdraws those a later commit undoes.

    The rule: when a commit D puts what a broken rule protects (a milestone's baselined date,
    the status, the append-only records) back as it was just before the commit C that broke
    it, C's problem is withdrawn, and so is every later problem on that same thing up to D:
    the stretch C…D left it as it was. D's own problems are withdrawn too where they only put
    things back as they were before C (a revert of a status edit also takes back the status
    record C added). So for A→B→A nothing is reported, for A→B→C→A nothing, for A→B→A→B the
    last commit is, and for A→B→C→B the first one is (A→B still stands). Judged per commit,
    not by the net change of the range, so what stands still names the commit that broke it.
    C may also be older than the range when D says it reverts it ("This reverts commit C", as
    `git revert` writes). A commit on a branch that never had C does not undo it.
    """

    def __init__(self, is_ancestor: Callable[[str, str], bool]) -> None:
        self.is_ancestor = is_ancestor
        self.problems: list[Problem | None] = []  # None: withdrawn
        self.flagged: list[_Flagged] = []
        self.older: set[int] = set()  # problems of commits before the range: known, never reported

    def seed(self, commit: str, record: str, before: dict[str, Any], problems: list[Problem]) -> None:
        """A commit older than the range that a commit in it reverts, with the rules it broke."""
        start = len(self.problems)
        self.problems += problems
        self.older.update(range(start, len(self.problems)))
        self.flagged.append(_Flagged(commit, record, before, list(range(start, len(self.problems)))))

    def see(
        self, commit: str, record: str, old: dict[str, Any] | None, new: dict[str, Any], found: list[Problem]
    ) -> None:
        """One commit's new version of one project file, with the problems it was found to have."""
        undoes = []
        for n, earlier in enumerate(self.flagged):
            if earlier.record != record:
                continue
            for index in earlier.problems:
                problem = self.problems[index]
                if (
                    problem is not None
                    and _restores(problem, earlier.before, new)
                    and self.is_ancestor(earlier.commit, commit)  # not a side branch that never had it
                ):
                    self._withdraw(_target(problem), self.flagged[n:])
                    undoes.append(earlier)
        kept = [p for p in found if not any(_restores(p, earlier.before, new) for earlier in undoes)]
        if kept:  # `old` is None only for a new file, whose one rule (a reused number) nothing undoes
            self.flagged.append(
                _Flagged(commit, record, old or {}, list(range(len(self.problems), len(self.problems) + len(kept))))
            )
        self.problems += kept

    def _withdraw(self, target: tuple[str, str, Any], stretch: list[_Flagged]) -> None:
        for flagged in stretch:
            for index in flagged.problems:
                problem = self.problems[index]
                if problem is not None and _target(problem) == target:
                    self.problems[index] = None

    def standing(self) -> list[Problem]:
        return [p for i, p in enumerate(self.problems) if p is not None and i not in self.older]


def reverted_by(repo: Path, commit: git.Commit) -> str | None:
    """The commit that `commit` says it reverts ("This reverts commit …", as `git revert` writes),
    when it is one of its ancestors: a revert on a branch that never had it undoes nothing."""
    match = _REVERTS.search(commit.body)
    try:
        reverted = git.resolve(repo, match.group(1)) if match else None
    except JiebangError:  # named, but not in this repository
        return None
    return reverted if reverted and git.is_ancestor(repo, reverted, commit.hash) else None


def _reverted_before(repo: Path, commit: git.Commit, since: str | None) -> str | None:
    """The commit that `commit` reverts, when it is older than the range."""
    reverted = reverted_by(repo, commit) if since else None  # from the start nothing is older
    return reverted if reverted and git.is_ancestor(repo, reverted, since) else None


def show_or_none(repo: Path, rev: str, path: str) -> bytes | None:
    try:
        return git.show(repo, rev, path)
    except JiebangError:  # `rev` does not exist: the parent of a root commit
        return None


def _file_rules(
    used: dict[tuple[str, int], str],
    where: Where,
    rel: str,
    *,
    old: dict[str, Any] | None,
    new: dict[str, Any],
) -> list[Problem]:
    """The rules for one file (`rel`: its path in the register) changed from `old` to `new`.

    `old` is None when the file was absent or unreadable: either way this is the first version of
    it that says which project it is, so its number must not be another project's."""
    if old is not None:
        return _commit_rules(old, new, where)
    return _reuse(used, rel, new, where)


_REVERTS = re.compile(r"This reverts commit ([0-9a-f]{7,40})")


@dataclass(frozen=True, slots=True)
class Where:
    """A file as one commit left it: where a rule about that commit points (also `authorize`)."""

    commit: git.Commit
    path: str
    raw: bytes | None

    def problem(self, code: str, parts: Path_, **args: Any) -> Problem:
        text = (self.raw or b"").decode("utf-8", "replace")  # a refused file (`authorize`) need not be UTF-8
        line, col = yamlio.locate(text, list(parts)) or (None, None)
        c = self.commit
        args |= {"commit": c.hash[:10], "author": c.author_name, "date": c.author_date[:10], "subject": c.subject}
        pointer = FieldChange(parts, None, None).pointer
        if reverted := _REVERTS.search(c.body):  # the code's own hint would say to revert this revert
            args["reverted"] = reverted.group(1)[:10]
        hint = "hint.history.reverted" if reverted else None  # None: the code's own (`render.hint`)
        return Problem(code, self.path, line, col, pointer, self.record, args, hint)

    @property
    def record(self) -> str:
        """`programme/number`, read from the path and the file as committed."""
        parts = self.path.split("/")
        data = mapping_of(self.raw) or {}
        number = data.get("number", Path(parts[-1]).stem)
        return f"{parts[-3]}/{number}" if len(parts) >= 3 else self.path


def _remember(used: dict[tuple[str, int], str], rel: str, data: dict[str, Any] | None) -> None:
    parts = rel.split("/")
    if data and len(parts) >= 3 and parts[-2] == "projects" and isinstance(data.get("number"), int):
        used.setdefault((parts[-3], data["number"]), str(data.get("title", "")))


def _reuse(used: dict[tuple[str, int], str], rel: str, new: dict[str, Any], where: Where) -> list[Problem]:
    parts = rel.split("/")
    number = new.get("number")
    if len(parts) < 3 or not isinstance(number, int):
        return []
    before = used.get((parts[-3], number))
    if before is not None and before != new.get("title"):
        return [where.problem("history.number-reused", ("number",), number=number, before=before)]
    return []


def _commit_rules(old: dict[str, Any], new: dict[str, Any], where: Where) -> list[Problem]:
    out = []
    source, target = old.get("status"), new.get("status")
    if (
        isinstance(source, str)
        and isinstance(target, str)
        and source != target
        and not lifecycle.allowed(source, target)
    ):
        out.append(where.problem("history.transition", ("status",), source=source, target=target))
    for field in ("updates", "reviews"):
        kept, now = dicts(old.get(field)), dicts(new.get(field))
        # Closing a review's action (`jiebang action … --done`) is the one edit a review may take.
        same = actions.only_closes_actions if field == "reviews" else operator.eq
        if len(now) < len(kept) or not all(map(same, kept, now)):
            out.append(where.problem("history.record-edited", (field,), field=field))
    old_history, new_history = dicts(old.get("status_history")), dicts(new.get("status_history"))
    if new_history[: len(old_history)] != old_history:
        out.append(where.problem("history.rewritten", ("status_history",)))
    if source in lifecycle.BASELINED:
        old_milestones = _by_id(old.get("milestones"))
        milestones = new.get("milestones")  # by position in the file, to point at it
        for index, m in enumerate(milestones if isinstance(milestones, list) else ()):
            was = old_milestones.get(m.get("id")) if isinstance(m, dict) else None
            if not was:
                continue
            if m.get("due_on") != was.get("due_on"):
                out.append(
                    where.problem(
                        "history.baseline-moved",
                        ("milestones", index, "due_on"),
                        id=m.get("id"),
                        before=was.get("due_on"),
                        after=m.get("due_on"),
                    )
                )
            if m.get("revised_due_on") != was.get("revised_due_on") and (
                not m.get("revision_reason") or m.get("revision_reason") == was.get("revision_reason")
            ):
                out.append(
                    where.problem(
                        "history.revision-without-reason",
                        ("milestones", index, "revised_due_on"),
                        id=m.get("id"),
                        after=m.get("revised_due_on"),
                    )
                )
    return out + _unrecorded_revisions(old, new, where)


def _unrecorded_revisions(old: dict[str, Any], new: dict[str, Any], where: Where) -> list[Problem]:
    """A due date, tier or category changed without a new `revisions:` entry saying why.

    `jiebang set project … --reason` (and `move … extended --due`) write the entry in the same
    commit; a hand edit of the field alone loses the original and the reason. Earlier entries
    are append-only, as the status history is.
    """
    before, after = dicts(old.get("revisions")), dicts(new.get("revisions"))
    if after[: len(before)] != before:
        return [where.problem("history.revisions-rewritten", ("revisions",))]
    added = after[len(before) :]
    out = []
    for field in lifecycle.REVISED_FIELDS:
        was, now = old.get(field), new.get(field)
        if was is None or was == now:
            continue
        if not any(r.get("field") == field and str(r.get("to")) == str(now) and r.get("reason") for r in added):
            out.append(where.problem("history.unrecorded-revision", (field,), field=field, before=was, after=now))
    return out
