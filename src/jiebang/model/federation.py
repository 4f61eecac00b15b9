"""A city register made of district registers (issue 12): `federation.yaml` names the members.

    <city>/registry/federation.yaml
        schema_version: 1
        name: 顺德区揭榜挂帅
        members:                       # namespace: the member's folder, relative to this file's
          ronggui: ../districts/ronggui/registry
          daliang: daliang             # a git submodule is just a path

Each member is a register read exactly as today, or a federation itself, whose members then
carry both namespaces (`foshan/ronggui`). A project of a member is named `<namespace>/<what the
member accepts>`: `ronggui/24`, `ronggui/ronggui-2022/24`, `ronggui/停车场`. Reading the file
never stops at a bad entry: each member that cannot be used is a located problem (so `validate`
lists them all), and the members that can be used are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jiebang import textnorm
from jiebang.errors import InvalidRegister, NotFound, Problem, Severity
from jiebang.files import discover, paths
from jiebang.model import loader
from jiebang.model.records import Kind, Record

if TYPE_CHECKING:
    from pathlib import Path

FILE = discover.FEDERATION_FILE
# A namespace is one path segment people type: no separator, no space or invisible character, not
# an option (`-x`) or a dot folder (`..`), not a bare number (a project number), and short. It is
# checked as ids are matched, width-folded: `x／y` would read as `x/y`. The schema says the same
# for editors (without the folding); this is what reads enforce.
_SEGMENT = "\\s/\\\\:\u200b-\u200f\u2060\ufeff"
NAMESPACE = re.compile(f"[^{_SEGMENT}.-][^{_SEGMENT}]{{0,63}}")
_TOP_LEVEL = ("schema_version", "name", "members")


@dataclass(frozen=True, slots=True)
class Member:
    namespace: str  # `ronggui`, or `foshan/ronggui` for a member of a member federation
    root: Path  # the member register's folder, resolved


@dataclass(frozen=True, slots=True)
class Federation:
    root: Path  # the folder holding federation.yaml, resolved
    members: tuple[Member, ...]
    problems: tuple[Problem, ...]  # of the federation files, each located
    records: tuple[Record, ...]  # every federation file read (nested ones too), for the schema check

    def resolve(self, name: str) -> tuple[Member, str]:
        """The member a namespaced name points into, and the name the member is to resolve:
        the longest namespace that prefixes `name` (`foshan/ronggui/24` before `foshan/…`),
        matched as names are everywhere (case, width and script folded)."""
        parts = name.replace("\uff0f", "/").split("/")  # a full-width ／ typed is a /; the rest as written
        known = {textnorm.fold(m.namespace): m for m in self.members}
        # members written in federation.yaml but not read (a missing folder, a submodule not checked out)
        unread = {textnorm.fold(p.args["namespace"]) for p in self.problems if "namespace" in p.args}
        for cut in range(len(parts) - 1, 0, -1):
            prefix = textnorm.fold("/".join(parts[:cut]))
            member = known.get(prefix)
            if member is not None and (local := "/".join(parts[cut:]).strip()):
                return member, local
            if member is None and prefix in unread:
                raise NotFound("federation.member-unread", namespace="/".join(parts[:cut]))
        if not self.members:
            raise InvalidRegister([p for p in self.problems if p.severity is Severity.ERROR], "federation.unusable")
        import difflib

        names = [m.namespace for m in self.members]
        near = difflib.get_close_matches(parts[0], names, n=1, cutoff=0.6)
        # a namespace mistyped (rongui/24), or none at all (24): either way, the name as it should be
        example = (
            f"{near[0]}/{'/'.join(parts[1:])}" if near and len(parts) > 1 else f"{names[0]}/{name}" if names else ""
        )
        raise NotFound("federation.no-namespace", value=name, known=", ".join(names) or "—", suggestion=example)


def read(root: Path) -> Federation:
    """The federation whose `federation.yaml` lies in `root`, its members flattened in the
    order written (a member federation's members in its place), and every problem found."""
    root = root.resolve()
    reading = _Reading()
    reading.file(root, "", (root,))
    return Federation(root, tuple(reading.members), tuple(reading.problems), tuple(reading.records))


class _Reading:
    """What reading a federation (and the federations it includes) has found so far."""

    def __init__(self) -> None:
        self.members: list[Member] = []
        self.problems: list[Problem] = []
        self.records: list[Record] = []

    def file(self, root: Path, prefix: str, chain: tuple[Path, ...]) -> None:
        """The federation.yaml in `root`; `chain`: the federations including it, itself last."""
        record, found = _parse(root, root / FILE)
        self.problems += found
        if record is None:
            return
        self.records.append(record)
        if (root / "programmes").is_dir():
            self.problems.append(_at(record, [], "federation.own-programmes", key=True))
        entries = record.data.get("members")
        if not isinstance(entries, dict) or not entries:
            self.problems.append(_at(record, ["members"], "federation.no-members", key="members" in record.data))
            return
        seen: dict[str, str] = {}  # folded namespace → as first written
        for namespace, value in entries.items():
            where = ["members", namespace]
            folded = textnorm.fold(namespace)
            if not (NAMESPACE.fullmatch(namespace) and NAMESPACE.fullmatch(folded)) or folded.isdecimal():
                self.problems.append(_at(record, where, "federation.bad-namespace", key=True, namespace=namespace))
            elif (first := seen.setdefault(folded, namespace)) != namespace:
                self.problems.append(
                    _at(record, where, "federation.duplicate-namespace", key=True, namespace=namespace, first=first)
                )
            elif not isinstance(value, str) or not value.strip():
                self.problems.append(_at(record, where, "federation.bad-entry", namespace=namespace))
            else:
                self.member(record, namespace, value.strip(), prefix, chain)

    def member(self, record: Record, namespace: str, written: str, prefix: str, chain: tuple[Path, ...]) -> None:
        """One entry: a register becomes a member; a federation is read in its place."""
        where = ["members", namespace]
        args = {"namespace": prefix + namespace, "path": written}
        folder = record.path.parent / written
        if not folder.is_dir():
            missing = _at(record, where, "federation.missing-member", **args, resolved=str(folder.resolve()))
            self.problems.append(missing)
            return
        target = folder.resolve()
        nested = next((f for f in (target, target / "registry") if discover.is_federation(f)), None)
        if nested is not None:
            if nested in chain:
                self.problems.append(_at(record, where, "federation.cycle", **args, includer=loader.display(nested)))
            else:
                self.file(nested, f"{prefix}{namespace}/", (*chain, nested))
            return
        register = discover.normalise(target)
        if register is None:
            self.problems.append(_at(record, where, "federation.not-a-register", **args))
            return
        register = register.resolve()
        if (twice := next((m for m in self.members if m.root == register), None)) is not None:
            self.problems.append(_at(record, where, "federation.duplicate-member", **args, first=twice.namespace))
            return
        self.members.append(Member(prefix + namespace, register))


def _parse(root: Path, path: Path) -> tuple[Record | None, list[Problem]]:
    """federation.yaml read as every register file is: never through a link, decoded and
    parsed with the same checks, a duplicated namespace named as such."""
    display = loader.display(path)
    refused = paths.refusal(root, path)
    if refused is not None:
        return None, [Problem(refused.code, display, args={"target": refused.target})]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem("file.unreadable", display, args={"reason": exc.strerror or str(exc)})]
    record, problems = loader.parse_record(raw, path, display, Kind.FEDERATION, "")
    renamed = [
        Problem(
            "federation.duplicate-namespace",
            p.path,
            p.line,
            p.col,
            args={"namespace": p.args["key"], "first": p.args["key"]},
        )
        if p.code == "yaml.duplicate-key" and p.args.get("key") not in _TOP_LEVEL
        else p
        for p in problems
    ]
    return record, renamed


def _at(record: Record, parts: list[str], code: str, *, key: bool = False, **args: str) -> Problem:
    line, col = record.locate(parts, key=key)
    return Problem(code, record.display, line, col, record=record.key, args=args)
