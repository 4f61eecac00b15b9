"""Finding things in a register the way people name them.

A category may be named by number (`4`), Chinese numeral (`四`), short name (`民生`), alias,
ASCII key, full name or a unique part of it, in either script and either width; all
matching goes through `textnorm.fold`. Results are plain rows of data for the renderers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from jiebang import textnorm
from jiebang.errors import Ambiguous, NotFound, UsageError
from jiebang.model import dates
from jiebang.model.records import Kind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from jiebang.model.records import Programme, Record, Register

T = TypeVar("T")

_DIGITS = "零一二三四五六七八九"


def chinese_number(text: str) -> int | None:
    """一 … 九十九 → int (the numerals a 榜单 numbers its categories with)."""
    if not text or any(ch not in _DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


def numeral(number: int) -> str:
    if 0 < number < 10:
        return _DIGITS[number]
    tens, ones = divmod(number, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def as_list(value: object) -> list[Any]:
    """A list field's items; a value of another type (reported by `validate`) counts as no items."""
    return value if isinstance(value, list) else []


def texts(value: object) -> list[str]:
    """The text items of a list field (other items are `validate`'s business)."""
    return [v for v in as_list(value) if isinstance(v, str)]


def category_names(category: dict[str, Any]) -> list[str]:
    """Every text a category answers to, folded."""
    names = [category.get(f) for f in ("key", "short", "name", "name_published")]
    names += texts(category.get("aliases"))
    return [textnorm.fold(str(n)) for n in names if isinstance(n, str | int) and not isinstance(n, bool) and n != ""]


def categories_of(programme: Programme) -> list[dict[str, Any]]:
    if programme.record is None:
        return []
    return [c for c in as_list(programme.record.data.get("categories")) if isinstance(c, dict)]


def match_categories(categories: Sequence[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Exact matches if any, else categories whose names contain the query."""
    folded = textnorm.fold(query)
    number = int(folded) if folded.isdecimal() else chinese_number(folded)
    exact = [c for c in categories if (number is not None and c.get("number") == number) or folded in category_names(c)]
    if exact:
        return exact
    return [c for c in categories if any(folded in name for name in category_names(c))]


def category_label(category: dict[str, Any]) -> str:
    """`四 持续增进民生福祉（民生）`: the category as the 榜单 writes it."""
    number = category.get("number")
    shown = numeral(number) if isinstance(number, int) and not isinstance(number, bool) and 0 < number < 100 else number
    return f"{shown} {category.get('name', '')}（{category.get('short', '')}）"


@dataclass(frozen=True, slots=True)
class Selection:
    programme: Programme
    category: dict[str, Any] | None
    project: Record


def programmes(reg: Register, name: str | None) -> list[Programme]:
    """Every programme, or the one named (by id, folded)."""
    if name is None:
        return list(reg.programmes.values())
    found = [p for pid, p in reg.programmes.items() if textnorm.fold(pid) == textnorm.fold(name)]
    if not found:
        raise NotFound("find.programme", value=name, choices=", ".join(reg.programmes) or "—")
    return found


def select(reg: Register, *, category: Sequence[str] = (), programme: str | None = None) -> list[Selection]:
    """Projects of every programme (or the one named) in any of the named categories (all when
    none is named); raises when a name matches no category, or several."""
    return [Selection(*found) for found in select_in(reg, _in_order, category=category, programme=programme)]


def select_in(
    reg: Register,
    members: Callable[[Programme], Iterable[tuple[object, T]]],
    *,
    category: Sequence[str] = (),
    programme: str | None = None,
) -> list[tuple[Programme, dict[str, Any] | None, T]]:
    """`select` over what `members` gives of each programme, in order, each with its `category:`
    value: the records themselves, or what the register's index keeps of them."""
    chosen: list[tuple[Programme, dict[str, Any] | None, T]] = []
    unmatched = list(category)
    for each in programmes(reg, programme):
        categories = categories_of(each)
        wanted: list[dict[str, Any]] | None = None
        if category:
            wanted = []
            for name in category:
                found = match_categories(categories, name)
                if len(found) > 1:
                    raise Ambiguous(
                        "find.category-ambiguous",
                        value=name,
                        candidates="、".join(category_label(c) for c in found),
                    )
                if found and name in unmatched:
                    unmatched.remove(name)
                wanted += found
        for value, project in members(each):
            own = category_of(categories, value)
            if wanted is not None and own not in wanted:
                continue
            chosen.append((each, own, project))
    if unmatched:
        known = [c for p in reg.programmes.values() for c in categories_of(p)]
        raise NotFound("find.category", value=unmatched[0], candidates="、".join(f"{c.get('short')}" for c in known))
    return chosen


def _in_order(programme: Programme) -> Iterator[tuple[object, Record]]:
    """A programme's projects by number (then file name), each with its `category:` value."""
    for project in sorted(programme.projects, key=_number):
        yield project.data.get("category"), project


def entered_counts(reg: Register, programme: Programme) -> dict[str, int]:
    """What the register holds, by the fields of `declared` (validate checks them, the programme
    card shows them). Unreadable project files count as projects, but what they hold is
    unknown, so then only categories and projects are counted."""
    data = programme.record.data if programme.record else {}
    projects = [p.data for p in programme.projects]
    unread = sum(1 for k, pid, _ in reg.failed if k is Kind.PROJECT and pid == programme.id)
    counts = {"categories": len(as_list(data.get("categories"))), "projects": len(projects) + unread}
    if not unread:
        counts |= {
            "key_projects": sum(1 for p in projects if p.get("tier") == "key"),
            "applications": sum(len(as_list(p.get("applications"))) for p in projects),
            # a project's own teams and the programme's (attached to projects or not)
            "teams": sum(len(as_list(p.get("teams"))) for p in projects) + len(as_list(data.get("teams"))),
        }
    return counts


def category_of(categories: Iterable[dict[str, Any]], value: object) -> dict[str, Any] | None:
    """The category a project's `category:` value (number or key) names."""
    if isinstance(value, bool):
        return None
    return next((c for c in categories if value in (c.get("number"), c.get("key"))), None)


def _number(project: Record) -> tuple[int, str]:
    number = project.data.get("number")
    return (number if isinstance(number, int) else 10**9, project.path.name)


def person_label(people: dict[str, dict[str, Any]], person_id: str) -> str:
    """`孙悦 (P0003)`: how messages and hints name a person, so nobody has to look the id up."""
    name = (people.get(person_id) or {}).get("name")
    return f"{name} ({person_id})" if name else person_id


def person_name(programme: Programme, person_id: object, *, unknown: str) -> str:
    if person_id is None:
        return unknown
    person = programme.person_ids().get(str(person_id))
    return str(person.get("name")) if person else str(person_id)


# ------------------------------------------------------------------------------ projects


def project_names(project: Record) -> list[str]:
    """The texts a project answers to: its titles in both scripts and its aliases."""
    data = project.data
    names = [data.get(f) for f in ("title", "title_published", "title_full")]
    names += texts(data.get("aliases"))
    return [str(n) for n in names if isinstance(n, str | int | float) and not isinstance(n, bool) and n != ""]


def project_label(programme: Programme, project: Record) -> str:
    return f"{programme.id}/{project.data.get('number')} {project.data.get('title', '')}"


def project_number(text: str) -> int | None:
    """The number in `24` or `programme/24` (either width), the forms `resolve_project` takes as
    a number; None for a title or part of one."""
    rest = textnorm.fold(text).rpartition("/")[2]
    return int(rest) if rest.isdecimal() else None


def resolve_project(reg: Register, text: str) -> tuple[Programme, Record]:
    """A project named by number, `programme/number`, exact title (either script), alias or unique part.

    Raises `NotFound` or `Ambiguous` (listing the candidates) so nobody acts on the wrong project.
    """
    everything = [(programme, project) for programme in reg.programmes.values() for project in programme.projects]
    folded = textnorm.fold(text)
    pid, slash, rest = folded.rpartition("/")
    if slash and rest.isdecimal():
        found = [(g, p) for g, p in everything if textnorm.fold(g.id) == pid and p.data.get("number") == int(rest)]
        return _one(found, text, reg)
    if folded.isdecimal():
        return _one([(g, p) for g, p in everything if p.data.get("number") == int(folded)], text, reg)
    for test in (
        lambda names: folded in names,
        lambda names: any(folded in name for name in names),
    ):
        found = [(g, p) for g, p in everything if test([textnorm.fold(n) for n in project_names(p)])]
        if found:
            return _one(found, text, reg)
    if folded.isascii() and folded.isalpha():
        found = [(g, p) for g, p in everything if folded in textnorm.pinyin_initials(str(p.data.get("title", "")))]
        if found:
            return _one(found, text, reg)
    titles = {str(p.data.get("title")): (g, p) for g, p in everything}
    near = textnorm.close_matches(text, titles, n=3)
    raise _not_found(reg, text, "、".join(near))


def _not_found(reg: Register, text: str, candidates: str) -> NotFound:
    """No project matches; when some project files could not be read, the one meant may be among them."""
    unreadable = [path for kind, _, path in reg.failed if kind is Kind.PROJECT]
    if not unreadable:
        return NotFound("find.project" if candidates else "find.project-none", value=text, candidates=candidates)
    files = [str(p.relative_to(reg.root)) if p.is_relative_to(reg.root) else str(p) for p in unreadable]
    return NotFound("find.project-unreadable", value=text, count=len(files), files="、".join(files))


def _one(found: list[tuple[Programme, Record]], text: str, reg: Register) -> tuple[Programme, Record]:
    if len(found) == 1:
        return found[0]
    if not found:
        raise _not_found(reg, text, "")
    raise Ambiguous("find.project-ambiguous", value=text, candidates="；".join(project_label(g, p) for g, p in found))


# ------------------------------------------------------------------------------ people and units


def person_matches(programme: Programme, person_id: object, query: str) -> bool:
    """By id, or by any part of the name in either script."""
    if not isinstance(person_id, str):
        return False
    if textnorm.fold(person_id) == textnorm.fold(query):
        return True
    person = programme.person_ids().get(person_id) or {}
    names = [person.get("name"), person.get("name_published"), *texts(person.get("former_names"))]
    return any(textnorm.matches(query, str(n)) for n in names if n)


# ------------------------------------------------------------------------------ words on the command line


def split_values(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Every value of a filter given once, several times, or as a comma list (`red,amber`,
    `红，黄`), in order, each once; blanks are dropped."""
    if values is None:
        return ()
    parts = [values] if isinstance(values, str) else list(values)
    found = [v.strip() for part in parts for v in part.replace("，", ",").split(",")]
    return tuple(dict.fromkeys(v for v in found if v))


def match_labels(table: dict[str, tuple[str, str]], values: Iterable[str] | str | None, error: str) -> tuple[str, ...]:
    """`match_label` for each value of a repeatable filter."""
    return tuple(dict.fromkeys(match_label(table, v, error) for v in split_values(values)))


def match_label(table: dict[str, tuple[str, str]], word: str, error: str) -> str:
    """A key from its ASCII name or either-language label, in either script (`進行中` → active)."""
    folded = textnorm.fold(word)
    for key, labels in table.items():
        if folded == textnorm.fold(key) or folded in (textnorm.fold(label) for label in labels):
            return key
    near = textnorm.close_matches(word, [name for key, labels in table.items() for name in (key, *labels)], n=1)
    raise UsageError(
        error, value=word, allowed=", ".join(f"{k}/{v[0]}" for k, v in table.items()), suggestion="".join(near)
    )


def parse_day(text: str) -> date:
    """A full date as typed (2026-12-01, 2026/12/1, 2026年12月1日, full-width digits)."""
    year, month, day = textnorm.date_parts(text) or (0, None, None)
    if month is None or day is None or year < 1:
        raise UsageError("usage.bad-date", value=text)
    _check_month(text, month)
    try:
        return date(year, month, day)
    except ValueError:
        raise UsageError("usage.no-such-day", value=text, month=month, day=day) from None


def parse_period(text: str) -> str:
    """A date that may stop at the month or year and may end in an EDTF qualifier, where the
    schema allows an imprecise date (a figure for 2018-01, a status entered 2023-05~),
    normalised: `2018/1` → `2018-01`, `2026/12/1` → `2026-12-01`, `2023年5月～` → `2023-05~`."""
    written = unicodedata.normalize("NFKC", text).strip()
    body = written.rstrip("".join(dates.QUALIFIERS))
    qualifier = written[len(body) :]
    parts = textnorm.date_parts(body)
    if parts is None or len(qualifier) > 1:
        raise UsageError("usage.bad-period", value=text)
    year, month, day = parts
    if day is not None:
        return parse_day(body).isoformat() + qualifier
    _check_month(text, month)
    return (f"{year:04d}" if month is None else f"{year:04d}-{month:02d}") + qualifier


def period_start(period: str) -> date:
    """The first day of a period `parse_period` gave: whether it has begun yet."""
    span = dates.date_span(period)
    if span is None:
        raise UsageError("usage.bad-period", value=period)
    return span[0]


def _check_month(text: str, month: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise UsageError("usage.no-such-month", value=text, month=month)
