"""The public operations; the CLI and any notebook call these and nothing deeper.

Each function takes explicit inputs (paths, option values, dates) and returns data; none
prints, reads the clock or reads the environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang import discover, loader, query, views
from jiebang.errors import Problem, RegisterNotFound, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from jiebang.model import Register


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
    paths: Sequence[Path] = (), *, option: str | None = None, env: str | None = None, cwd: Path | None = None
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
    return ValidationResult(tuple(registers), tuple(problems))


def select(reg: Register, criteria: views.Criteria | None = None, *, as_of: date) -> list[views.ProjectView]:
    """Projects matching every filter in `criteria`, evaluated at `as_of`."""
    return views.select_views(reg, as_of, criteria or views.Criteria())


def status(
    reg: Register, *, as_of: date, category: str | None = None
) -> tuple[list[views.CategorySummary], list[views.ProjectView]]:
    """Per-category counts and the projects behind them (the office's morning table)."""
    items = views.views(reg, as_of, category=category)
    return views.summarise(items, include_empty=category is None), items


def report(reg: Register, project: str, *, as_of: date) -> dict[str, Any]:
    """Everything about one project at `as_of`, as a plain document."""
    from jiebang import report as reports

    programme, record = query.resolve_project(reg, project)
    category = query.category_of(query.categories_of(programme), record.data.get("category"))
    return reports.build(views.view(programme, record, category, as_of))
