"""The public operations; the CLI and any notebook call these and nothing deeper.

Each function takes explicit inputs (paths, option values, dates) and returns data; none
prints, reads the clock or reads the environment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as date_type
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang import discover, loader, query, views
from jiebang.errors import InvalidRegister, NotFound, Problem, RegisterNotFound, Severity, UsageError
from jiebang.model import Record, Register

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from jiebang import audit, changelog, edits  # imported by the functions that need them: git and ruamel.yaml


def open_register(
    option: str | None = None, env: str | None = None, cwd: Path | None = None
) -> tuple[Register, list[Problem]]:
    """Find the register (option → env → upward → bundled sample) and load it."""
    found = discover.find(option, env, cwd or Path.cwd())
    return loader.load(found.root, found.origin)


@dataclass(frozen=True, slots=True)
class ValidationResult:
    registers: tuple[Register, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def files(self) -> int:
        return sum(len(r.records) for r in self.registers)

    @property
    def projects(self) -> int:
        return sum(1 for r in self.registers for _ in r.projects())


def validate(
    paths: Sequence[Path] = (),
    *,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    since: str | None = None,
) -> ValidationResult:
    """Validate the registers that hold `paths`, or the register a command would use."""
    from jiebang import validate as checks  # jsonschema is only imported here

    roots: list[tuple[Path, str]] = []
    if paths:
        for path in paths:
            if not path.exists():
                raise RegisterNotFound("register.missing", path=str(path), origin="path")
            root = discover.root_of(path)
            if root is None:
                raise RegisterNotFound("register.none-for-path", path=str(path))
            if root.resolve() not in (r for r, _ in roots):
                roots.append((root.resolve(), "path"))
    else:
        found = discover.find(option, env, cwd or Path.cwd())
        roots.append((found.root, found.origin))
    registers, problems = [], []
    for root, origin in roots:
        reg, load_problems = loader.load(root, origin)
        registers.append(reg)
        problems += checks.validate(reg, load_problems)
        if since:
            problems += history_problems(reg, since)
    return ValidationResult(tuple(registers), tuple(problems))


def select(reg: Register, criteria: views.Criteria | None = None, *, as_of: date) -> list[views.ProjectView]:
    """Projects matching every filter in `criteria`, evaluated at `as_of`."""
    return views.select_views(reg, as_of, criteria or views.Criteria())


def status(
    reg: Register, *, as_of: date, category: str | None = None, programme: str | None = None
) -> tuple[list[views.CategorySummary], list[views.ProjectView]]:
    """Per-category counts and the projects behind them (the office's morning table)."""
    items = views.views(reg, as_of, category=category, programme=programme)
    return views.summarise(items, include_empty=category is None), items


def report(reg: Register, project: str, *, as_of: date) -> dict[str, Any]:
    """Everything about one project at `as_of`, as a plain document."""
    from jiebang import report as reports

    programme, record = query.resolve_project(reg, project)
    category = query.category_of(query.categories_of(programme), record.data.get("category"))
    view = views.view(programme, record, category, as_of)
    if view.status is None:
        raise NotFound("find.project-not-yet", value=record.key, as_of=as_of.isoformat())
    return reports.build(view)


# ------------------------------------------------------------------------------ writing


@dataclass(frozen=True, slots=True)
class Outcome:
    change: edits.Change
    commit: str | None  # the new commit, when one was made
    repo: Path | None  # None: the register is not in a git repository, so nothing was recorded
    staged: bool = False


def _problem_key(p: Problem) -> tuple[str, str, str, tuple[str, ...]]:
    """Line numbers shift when a file is edited, so problems are compared without them."""
    return (p.code, p.path, p.pointer, tuple(sorted(f"{k}={v}" for k, v in p.args.items())))


def _with_changes(reg: Register, change: edits.Change) -> tuple[Register, list[Problem]]:
    """The register as it would be after the change, parsed exactly as the loader would."""
    by_path = {r.path: r for r in reg.records}
    problems: list[Problem] = []
    for path, text in change.texts.items():
        kind_programme = loader.classify(reg.root, path)
        if kind_programme is None:
            continue
        display = by_path[path].display if path in by_path else str(path)
        record, found = loader.parse_record(text.encode("utf-8"), path, display, *kind_programme)
        problems += found
        by_path.pop(path, None)
        if record is not None:
            by_path[path] = record
    records = sorted(by_path.values(), key=lambda r: r.path)
    return Register.build(reg.root, records, reg.origin, reg.failed), problems


def apply(
    build: Callable[[Register], edits.Change],
    *,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    commit: bool = True,
    include_edits: bool = False,
) -> Outcome:
    """Load → change → validate → write → commit, under one lock so concurrent writers lose nothing.

    A change that would add an error to the register is refused with the located problems
    (`InvalidRegister`), and nothing is written. Files the user edited by hand and has not
    committed are not written over unless `include_edits` (then they go into the same commit).
    """
    from jiebang import git, store
    from jiebang import validate as checks

    found = discover.find(option, env, cwd or Path.cwd())
    if found.origin == "bundled":
        raise UsageError("edit.bundled")
    root = found.root
    repo = git.toplevel(root)
    lock = (git.git_dir(repo) / "jiebang.lock") if repo else root / ".jiebang.lock"
    with store.locked(lock):
        reg, load_problems = loader.load(root, found.origin)
        change = build(reg)
        paths = sorted(change.texts)
        if repo:
            if commit:
                git.check_identity(repo)  # before anything is written
            if not include_edits and (dirty := git.dirty(repo, paths)):
                raise UsageError("edit.uncommitted", files="、".join(str(p) for p in dirty))
            _refuse_reused_number(repo, reg, paths)
        after, parse_problems = _with_changes(reg, change)
        before = {_problem_key(p) for p in checks.validate(reg, load_problems)}
        new = [
            p
            for p in checks.validate(after, [*load_problems, *parse_problems])
            if p.severity is Severity.ERROR and _problem_key(p) not in before
        ]
        if new:
            raise InvalidRegister(new, "edit.refused")
        originals = {path: path.read_bytes() if path.exists() else None for path in paths}
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            store.write_atomic(path, change.texts[path])
        if repo is None:
            return Outcome(change, None, None)
        message = change.message()
        if include_edits:
            message += "Jiebang-Includes-Hand-Edits: yes\n"
        try:
            sha = git.commit(repo, paths, message, stage_only=not commit)
        except BaseException:
            _roll_back(repo, originals)  # a change is committed whole or not at all
            raise
        return Outcome(change, sha, repo, staged=not commit)


def _refuse_reused_number(repo: Path, reg: Register, paths: Sequence[Path]) -> None:
    """Project numbers are never reused, even after a project file was deleted."""
    from jiebang import git
    from jiebang.model import Kind

    for path in paths:
        kind = loader.classify(reg.root, path)
        if kind and kind[0] is Kind.PROJECT and not path.exists() and (last := git.ever_existed(repo, path)):
            raise UsageError(
                "edit.number-used-before", file=path.name, commit=last.hash[:7], date=last.author_date[:10]
            )


def _roll_back(repo: Path, originals: dict[Path, bytes | None]) -> None:
    from jiebang import git, store

    for path, raw in originals.items():
        if raw is None:
            path.unlink(missing_ok=True)
        else:
            store.write_atomic(path, raw.decode("utf-8"))
    git.unstage(repo, list(originals))


# ------------------------------------------------------------------------------ git time


def _repo_of(reg: Register) -> Path:
    from jiebang import git

    repo = git.toplevel(reg.root)
    if repo is None:
        raise UsageError("git.not-a-repo", path=str(reg.root))
    return repo


_DAY_SHAPED = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def revision(repo: Path, when: str) -> str:
    """`--known-at` / `--since`: a date (the last commit of that day) or any git revision."""
    from jiebang import git

    try:
        day = date_type.fromisoformat(when)
    except ValueError:
        if _DAY_SHAPED.fullmatch(when.strip()):
            raise UsageError("usage.bad-date", value=when) from None  # 2026-13-01 is a typo, not a revision
        return git.resolve(repo, when)
    found = git.rev_at(repo, day)
    if found is None:
        raise UsageError("git.nothing-before", date=when)
    return found


def register_at(reg: Register, when: str) -> tuple[Register, list[Problem]]:
    """The register as it stood in git at a date or revision: what the office knew then."""
    from jiebang import git

    repo = _repo_of(reg)
    rev = revision(repo, when)
    subdir = reg.root.resolve().relative_to(repo.resolve()).as_posix()
    if not git.path_exists(repo, rev, subdir):
        raise UsageError("git.no-register-then", rev=when, path=subdir)
    files = git.tree_files(repo, rev, subdir)
    short = rev[:7]
    return loader.load_files(
        reg.root, ((reg.root / rel, (lambda raw=raw: raw), f"{short}:{subdir}/{rel}") for rel, raw in files), reg.origin
    )


def history(reg: Register, project: str) -> tuple[Record, list[changelog.Line]]:
    """Who changed what in one project, from git (CLI commits and hand edits alike), newest first.

    One `changelog.Line` per record a commit changed (an update, a milestone, the project's own
    fields); each keeps its commit (`line.entry.commit`) and the field-level changes with their
    paths and raw values. `changelog.describe(line, programme, lang)` puts a line in words.
    """
    from jiebang import audit as trail
    from jiebang import changelog

    _programme, record = query.resolve_project(reg, project)
    return record, changelog.lines(trail.history(_repo_of(reg), record))


def changes(reg: Register, since: str | None = None, *, between: changelog.Window | None = None) -> list[audit.Brief]:
    """The brief for a 调度讲评, project by project: new updates, status moves, milestones done
    or slipped, measurements, reviews, projects added.

    Give one of two kinds of time. `since` (a date or a git revision) is commit time: what was
    recorded in git after that day or commit, whatever dates the records carry; a date before
    the register's first commit means everything. `between` (`changelog.window("2026-11-01..
    2026-11-30")`) is business time: the records dated in that window, in the register as it is.
    """
    from jiebang import audit as trail
    from jiebang import changelog

    if between is not None and since is None:
        return changelog.between(reg, between)
    if since is None or between is not None:
        raise UsageError("usage.since-or-between")
    try:
        old = register_at(reg, since)[0]
    except UsageError as exc:
        if exc.key != "git.nothing-before":
            raise
        old = Register.build(reg.root, [])  # before the register began: since the start
    return trail.changes(old, reg)


def history_problems(reg: Register, since: str) -> list[Problem]:
    from jiebang import audit as trail
    from jiebang import git

    repo = _repo_of(reg)
    rev = revision(repo, since)
    subdir = reg.root.resolve().relative_to(repo.resolve()).as_posix()
    if not git.path_exists(repo, rev, subdir):
        raise UsageError("git.no-register-then", rev=since, path=subdir)
    return trail.history_problems(repo, reg.root, rev)


# ------------------------------------------------------------------------------ init


def init(target: Path, *, from_sample: bool, programme: dict[str, Any] | None = None) -> Path:
    """A new register in `target`: schemas for editors, CI wiring, a git repository, one commit.

    Returns the register root. `programme` holds `add_programme`'s arguments when not copying
    the sample.
    """
    import shutil

    from jiebang import edits, git, resources, store

    target = target.resolve()
    root = target / "registry"
    if discover.is_register_root(root):
        raise UsageError("init.exists", path=str(target))
    # Build the programme first: bad arguments are refused before anything is written.
    change = None if from_sample else edits.add_programme(Register.build(root, []), **(programme or {}))
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    shutil.copytree(resources.schemas_dir(), target / "schemas", dirs_exist_ok=True)
    written += sorted((target / "schemas").glob("*.json"))
    if change is None:
        shutil.copytree(resources.sample_registry(), root)
        written += sorted(root.rglob("*.yaml"))
    else:
        for path, text in change.texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            store.write_atomic(path, text)
            written.append(path)
    for name, text in resources.init_files().items():
        path = target / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            store.write_atomic(path, text)
            written.append(path)
    repo = git.toplevel(target)
    if repo is None:
        git.init(target)
        repo = target.resolve()
    git.commit(repo, written, "jiebang: init\n\nJiebang-Command: init\n")
    return root
