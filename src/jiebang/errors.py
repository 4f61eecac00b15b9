"""Problems (bad data, reported) and errors (cannot proceed, raised).

Bad register data never raises: it becomes a `Problem` that carries where it is and a
stable `code`; the text shown to a person is looked up from the code in `i18n` at render
time, so the same problem can be shown in Chinese or English. Only conditions that stop
the whole run raise a `JiebangError`, whose class carries the process exit code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class ExitCode(enum.IntEnum):
    OK = 0
    INVALID = 1  # the register (or a check) failed
    USAGE = 2  # usage error, or cannot proceed
    INTERNAL = 3  # a bug
    INTERRUPTED = 130


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One located finding. `message` and `hint` are catalogue keys with `args`."""

    code: str
    path: str  # as shown to the user (relative to the working folder where possible)
    line: int | None = None  # 1-based
    col: int | str | None = None  # 1-based; a spreadsheet's column letter (C) or header, for a table row
    pointer: str = ""  # JSON path, e.g. $.teams[0].leader
    record: str = ""  # e.g. ronggui-2022/24
    args: dict[str, Any] = field(default_factory=dict)
    hint: str | None = None  # catalogue key of the hint, args shared with the message
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.col if isinstance(self.col, int) else 0, self.code)


class JiebangError(Exception):
    """Expected failure that stops the run. `key`/`args` name a catalogue message."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class UsageError(JiebangError):
    exit_code = ExitCode.USAGE


class RegisterNotFound(JiebangError):
    exit_code = ExitCode.USAGE


class NotFound(JiebangError):
    """A project, person or category named on the command line does not exist."""

    exit_code = ExitCode.USAGE


class Ambiguous(JiebangError):
    exit_code = ExitCode.USAGE


class InvalidRegister(JiebangError):
    """The register cannot be used for this command until the listed problems are fixed."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: list[Problem], key: str = "register.invalid") -> None:
        super().__init__(key, count=len(problems))
        self.problems = problems
