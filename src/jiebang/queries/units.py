"""Units (镇街, 部门, 村社区, 企业, 学校, 党组织) as entities of `units.yaml`, and the unit fields
that name them.

A unit field holds a unit id (U001) or a name. Names stay accepted because registers were
written with free text for years and sources name units loosely (容桂街道办 / 容桂街道办事处):
a name is placed by its unit's name or aliases, in either script and width (`textnorm.fold`).
Which fields are unit fields is `model.UNIT_REFS`, so other topics add theirs there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.model.records import UNIT_REFS, Kind, Path_, Record, Register, walk_all
from jiebang.queries import query

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

ID = re.compile(r"U[0-9]{3,}")


def is_id(text: str) -> bool:
    """Shaped like a unit id: such a value must name a unit that exists (a name may not)."""
    return ID.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class Units:
    """The units of a register by id (file order kept), and the file they come from."""

    record: Record | None
    by_id: dict[str, dict[str, Any]]
    by_name: dict[str, list[str]] = field(default_factory=dict)  # folded name or alias → unit ids

    @classmethod
    def of(cls, record: Record | None, by_id: dict[str, dict[str, Any]]) -> Units:
        """Units indexed by folded name: a register names units tens of thousands of times."""
        by_name: dict[str, list[str]] = {}
        for uid, unit in by_id.items():
            for key in dict.fromkeys(textnorm.fold(n) for n in cls.names(unit)):
                by_name.setdefault(key, []).append(uid)
        return cls(record, by_id, by_name)

    @staticmethod
    def names(unit: dict[str, Any]) -> list[str]:
        return [str(unit.get("name", "")), *query.texts(unit.get("aliases"))]

    def find(self, text: str) -> list[str]:
        """Ids of the units `text` names: its id, or a name or alias equal to it once folded."""
        if text in self.by_id:
            return [text]
        return list(self.by_name.get(textnorm.fold(text), ()))

    def place(self, text: object) -> str | None:
        """The one unit a field's value names, else None (absent, unknown or ambiguous)."""
        found = self.find(text) if isinstance(text, str) else []
        return found[0] if len(found) == 1 else None

    def name(self, text: object) -> str:
        """How to show a unit field: its unit's name when placed, else the text as written."""
        uid = self.place(text)
        return str(self.by_id[uid].get("name")) if uid else str(text or "")

    def below(self, uid: str) -> set[str]:
        """`uid` and every unit under it (a parent cycle stops where it closes)."""
        found = {uid}
        grown = True
        while grown:
            more = {u for u, unit in self.by_id.items() if self.place(unit.get("parent")) in found} - found
            found |= more
            grown = bool(more)
        return found

    def suggest(self, text: str) -> str:
        """A unit whose name or alias looks like `text`, as `U001 容桂街道`, or ""."""
        names = {n: uid for uid, unit in self.by_id.items() for n in self.names(unit) if n}
        near = textnorm.close_matches(text, names, n=1)
        return f"{names[near[0]]} {self.by_id[names[near[0]]].get('name')}" if near else ""


NONE = Units.of(None, {})  # a register without units.yaml


def of(reg: Register) -> Units:
    """The register's units; none when it has no units.yaml (then no unit name is questioned)."""
    record = next(iter(reg.of_kind(Kind.UNITS)), None)
    items = record.data.get("units") if record else None
    units = [u for u in items if isinstance(u, dict)] if isinstance(items, list) else []
    return Units.of(record, {u["id"]: u for u in units if isinstance(u.get("id"), str)})


def fields(records: Iterable[Record]) -> Iterator[tuple[Record, Path_, str]]:
    """Every unit field with text in `records`: (record, path, value)."""
    for record in records:
        for path, value in walk_all(record.data, UNIT_REFS.get(record.kind, ())):
            if isinstance(value, str) and value.strip():
                yield record, path, value


def of_person(person: dict[str, Any], day: str | None = None) -> list[str]:
    """The unit fields of a person: `unit`, and the unit of every post held on `day` (ISO; every
    post when None). A post without `to` is held still; `from`/`to` may stop at the month."""
    out = [person.get("unit")]
    for post in person.get("posts") or []:
        if not isinstance(post, dict):
            continue
        start, end = str(post.get("from") or ""), str(post.get("to") or "")
        if day is None or ((not start or start[: len(day)] <= day) and (not end or day[: len(end)] <= end)):
            out.append(post.get("unit"))
    return [u for u in out if isinstance(u, str) and u]
