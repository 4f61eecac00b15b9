"""`jiebang migrate`: from one people file per programme to one for the whole register.

Before issue 9 each programme kept its own `people.yaml`, so the same cadre had one id in one
programme and another id in the next. Migrating gives everyone one register-wide id:

* the same name (folded: script, width) in two programmes is one person, kept under the first
  id met (the register-wide file's, then programmes in id order). Every merge is listed, in the
  plan and in the commit, so the office can check it: two namesakes would be wrongly joined.
  Two entries of one programme are never merged (the office kept them apart on purpose);
* an id already taken by someone else gets the next free id;
* every reference in the programme's files is rewritten through `store.Document`, so
  comments and layout survive; the programme's own people file is removed.

All of it is one `Change`, written and committed through `api.apply` like any other write. A
register with no programme people file has nothing to migrate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.model.records import PERSON_REFS, people_of, walk
from jiebang.writes import edits, store

if TYPE_CHECKING:
    from pathlib import Path

    from jiebang.model.records import Programme, Record, Register


@dataclass(frozen=True, slots=True)
class Move:
    """One person of a programme's own file, and the register-wide id they end up with."""

    programme: str
    old: str
    new: str
    name: str
    merged: bool  # joined to someone already in the register-wide file (same name)


@dataclass(frozen=True, slots=True)
class Plan:
    change: edits.Change | None  # None: nothing to migrate
    moves: tuple[Move, ...] = ()
    rewritten: dict[str, int] = field(default_factory=dict)  # references rewritten, by record key
    removed: tuple[str, ...] = ()  # the programme people files, as displayed

    @property
    def merges(self) -> list[Move]:
        return [m for m in self.moves if m.merged]

    @property
    def renumbered(self) -> list[Move]:
        return [m for m in self.moves if not m.merged and m.old != m.new]


def plan(reg: Register) -> Plan:
    """What migrating `reg` would change: the new texts, and every merge and new id."""
    owners = [p for p in reg.programmes.values() if p.people is not None]
    if not owners:
        return Plan(None)
    target = reg.root / "people.yaml"
    base = reg.people or owners[0].people
    assert base is not None  # (owners have a people file)
    document = store.Document.parse(base.text, base.display)
    shared = {pid: dict(p) for pid, p in people_of(reg.people).items()}  # copies: the register stays as loaded
    by_name = {textnorm.fold(str(p.get("name", ""))): pid for pid, p in shared.items()}
    moves: list[Move] = []
    for programme in owners:
        joined: set[str] = set()  # register ids this programme's people went to
        for person in people_of(programme.people).values():
            move = _place(programme, person, shared, by_name, joined)
            joined.add(move.new)
            moves.append(move)
            if move.merged:
                _complete(document, shared[move.new], person)
            elif move.new not in shared:
                entry = {**person, "id": move.new}
                shared[move.new] = entry
                by_name.setdefault(textnorm.fold(str(person.get("name", ""))), move.new)
                if base is reg.people or programme is not owners[0]:
                    document.append(["people"], entry)
    texts: dict[Path, str | None] = {target: _moved(reg, base, target, document.text())}
    rewritten: dict[str, int] = {}
    for programme in owners:
        mapping = {m.old: m.new for m in moves if m.programme == programme.id and m.old != m.new}
        for record in _records(programme):
            if new_text := _rewrite(record, mapping, rewritten):
                texts[record.path] = new_text
        assert programme.people is not None
        texts[programme.people.path] = None
    change = edits.Change(texts, "migrate people", "people", _trailers(moves))
    removed = tuple(p.people.display for p in owners if p.people is not None)
    return Plan(change, tuple(moves), rewritten, removed)


def _place(
    programme: Programme,
    person: dict[str, Any],
    shared: dict[str, dict[str, Any]],
    by_name: dict[str, str],
    joined: set[str],
) -> Move:
    pid, name = str(person["id"]), str(person.get("name", ""))
    same = by_name.get(textnorm.fold(name))
    if same is not None and same not in joined:
        return Move(programme.id, pid, same, name, merged=True)
    new = pid if pid not in shared else edits._next_id("P", [*shared, *_ids_in_use(programme)], 4)
    return Move(programme.id, pid, new, name, merged=False)


def _complete(document: store.Document, kept: dict[str, Any], merged: dict[str, Any]) -> None:
    """Fields only the merged entry has (a unit, a post, a published name) join the kept one; where
    both have a field, the kept entry's value stays (the merge is listed for the office to check)."""
    ids = [p.get("id") if isinstance(p, dict) else None for p in document.get(["people"]) or []]
    index = ids.index(kept["id"])
    for key, value in merged.items():
        if key not in kept:
            kept[key] = value
            document.set(["people", index, key], value)


def _ids_in_use(programme: Programme) -> list[str]:
    """Ids of the programme's own file: a new id must not be one of them either, or a reference
    still to be rewritten would become ambiguous."""
    return list(people_of(programme.people))


def _records(programme: Programme) -> list[Record]:
    return [r for r in (programme.record, *programme.projects) if r is not None]


def _rewrite(record: Record, mapping: dict[str, str], counts: dict[str, int]) -> str | None:
    """The record's text with every person reference in `mapping` renamed; None if none is."""
    places = [
        (list(path), mapping[value])
        for spec in PERSON_REFS.get(record.kind, ())
        for path, value in walk(record.data, spec)
        if isinstance(value, str) and value in mapping
    ]
    if not places:
        return None
    document = store.Document.parse(record.text, record.display)
    for path, new in places:
        document.set(path, new)
    counts[record.key] = len(places)
    return document.text()


def _moved(reg: Register, base: Record, target: Path, text: str) -> str:
    """A programme's people file moved to the register's root: its editor modeline pointed
    three folders up, the register's points one."""
    if base.path == target:
        return text
    first, _, rest = text.partition("\n")
    if "yaml-language-server:" not in first:
        return text
    line = edits._schema_line(reg.root, target, "people")
    return f"# {line}\n{rest}" if line else rest.lstrip("\n")


def _trailers(moves: list[Move]) -> dict[str, str]:
    """Merges and new ids in the commit message, where `jiebang history` and reviewers see them."""
    merged = [f"{m.programme}/{m.old}→{m.new} {m.name}" for m in moves if m.merged]
    renumbered = [f"{m.programme}/{m.old}→{m.new} {m.name}" for m in moves if not m.merged and m.old != m.new]
    out = {}
    if merged:
        out["Jiebang-Merged"] = "; ".join(merged)
    if renumbered:
        out["Jiebang-Renumbered"] = "; ".join(renumbered)
    return out
