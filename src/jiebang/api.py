"""The public operations; the CLI and any notebook call these and nothing deeper.

Each function takes explicit inputs (paths, option values, dates) and returns data; none
prints, reads the clock or reads the environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jiebang import discover, loader, query
from jiebang.errors import Problem, RegisterNotFound, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def select(reg: Register, *, category: str | None = None) -> list[query.Selection]:
    return query.select(reg, category=category)
