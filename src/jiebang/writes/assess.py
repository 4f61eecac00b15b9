"""What `assess` and `add meeting` change, as new file texts (see `edits`: nothing is written here).

An assessment of a project or a team is appended to the shared `assessments/<year>.yaml`; one of
a person or a unit to the restricted store's `assessments/<year>.yaml`, which `api.apply` then
commits in the store's own repository. A meeting is one file, `meetings/<id>.yaml`; its results
are the assessments that name it, so each result is written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang.errors import UsageError
from jiebang.model import dates
from jiebang.model.records import Kind
from jiebang.queries import assessments
from jiebang.writes import edits, store

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.model.records import Register


def assess(
    reg: Register,
    subject: str,
    *,
    kind: str,
    on: str,
    assessor: str,
    subject_type: str | None = None,
    score: float | None = None,
    level: str | None = None,
    rank: int | None = None,
    outcome: str | None = None,
    basis: str | None = None,
    meeting: str | None = None,
    cohort: str | None = None,
    period: str | None = None,
) -> edits.Change:
    found = assessments.resolve_subject(reg, subject, subject_type)
    shared = found.type in assessments.SHARED_TYPES
    root = reg.root if shared else reg.restricted_root
    if root is None:
        raise UsageError("assess.needs-store", type=found.type, subject=found.key)
    optional = {
        "period": period,
        "score": edits._num(score),
        "level": level,
        "rank": rank,
        "outcome": outcome,
        "basis": basis,
        "meeting": meeting,
        "cohort": cohort,
    }
    item: dict[str, Any] = {
        "id": _new_id(reg, shared=shared),
        "date": on,
        "kind": kind,
        "subject_type": found.type,
        "subject": found.key,
        "assessor": assessor,
        **{k: v for k, v in optional.items() if v is not None},
    }
    path = root / "assessments" / f"{on[:4]}.yaml"
    existing = next((r for r in reg.of_kind(Kind.ASSESSMENTS if shared else Kind.RESTRICTED) if r.path == path), None)
    if existing is None:
        schema_name = "assessments" if shared else "restricted"
        text = store.new_file_text(
            {"schema_version": 1, "assessments": [item]}, edits._schema_line(root, path, schema_name)
        )
    else:
        text = edits._edit(existing, lambda doc: doc.append(["assessments"], item))
    return edits.Change({path: text}, f"assess {found.key} {kind} {item['id']}", found.key)


def _new_id(reg: Register, *, shared: bool) -> str:
    """The next id of its own series: `A####` in the shared register, `R####` in the store. Apart,
    so a writer without the store cannot take a store id, and the shared numbering has no gaps
    that count the restricted records. A-ids written to the store before the split still count
    towards the A series when the store is merged, so ids stay unique."""
    return edits._next_id("A" if shared else "R", [e.data.get("id") for e in assessments.entries(reg)], 4)


def _keys(reg: Register, texts: Sequence[str] | None, subject_type: str) -> list[str]:
    return [assessments.resolve_subject(reg, t, subject_type).key for t in texts or ()]


def add_meeting(
    reg: Register,
    *,
    kind: str,
    title: str,
    on: str,
    meeting_id: str | None = None,
    programme: str | None = None,
    cohort: str | None = None,
    chair: str | None = None,
    organiser: str | None = None,
    projects: Sequence[str] | None = None,
    teams: Sequence[str] | None = None,
    people: Sequence[str] | None = None,
    notes: str | None = None,
) -> edits.Change:
    """A new meeting; the projects, teams and people it covered are named as the CLI names them
    (number, title, id or name) and stored by id."""
    day = on.rstrip("".join(dates.QUALIFIERS))  # an id has no qualifier: 2023-05~ → 2023-05-contest
    new_id = meeting_id or f"{day}-{kind}"
    path = reg.root / "meetings" / f"{new_id}.yaml"
    if path.exists():
        raise UsageError("meeting.exists", value=new_id)
    covers = {
        field: keys
        for field, keys in (
            ("projects", _keys(reg, projects, "project")),
            ("teams", _keys(reg, teams, "team")),
            ("people", _keys(reg, people, "person")),
        )
        if keys
    }
    optional = {
        "programme": edits._programme(reg, programme).id if programme else None,
        "cohort": cohort,
        "chair": chair,
        "organiser": organiser,
        "covers": covers or None,
        "notes": notes,
    }
    data = {
        "schema_version": 1,
        "id": new_id,
        "kind": kind,
        "title": title,
        "date": on,
        **{k: v for k, v in optional.items() if v is not None},
    }
    text = store.new_file_text(data, edits._schema_line(reg.root, path, "meeting"))
    return edits.Change({path: text}, f"add meeting {new_id}", f"meetings/{new_id}")
