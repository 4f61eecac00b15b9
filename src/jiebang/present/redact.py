"""`report --redact`: a project report fit to leave the office, with no person named.

Each person becomes their role on the project (团队负责人, 项目导师, 成员…), or their surname and
某 (梁某) when they have none there. Names are replaced wherever they occur, free text included
(updates and reviews mention people by name), in any recorded form — name, published name,
former names — and in either script or width, because matching is done on folded text
(`textnorm.fold`) and mapped back onto the original characters. Person ids stay: they are
opaque by design (domain notes §3.2), so redacted copies can still be told apart.
"""

from __future__ import annotations

import re
from typing import Any

from jiebang import i18n, textnorm
from jiebang.queries.query import texts

# The doc's people groups, strongest role first: someone who leads and also mentors is the leader.
ROLE_ORDER = ("leader", "mentors", "lead_officials", "members")
# Two-character surnames, so 欧阳明 becomes 欧阳某 and not 欧某.
COMPOUND_SURNAMES = frozenset(
    {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "公孙", "慕容", "司徒"}
    | {"夏侯", "尉迟", "长孙", "宇文", "轩辕", "端木", "南宫", "西门", "独孤", "司空"}
)
# Fields of a person in the report that could name them through the back door (a unique post).
DROPPED = ("post",)


def surname_mou(name: str) -> str:
    """梁楚翔 → 梁某; 欧阳明 → 欧阳某."""
    simplified = textnorm.fold(name)
    cut = 2 if simplified[:2] in COMPOUND_SURNAMES else 1
    return name[:cut] + "某"


def roles(doc: dict[str, Any]) -> dict[str, str]:
    """Person id → the doc's people group that names them on this project (current, else former)."""
    people = doc["people"]
    found: dict[str, str] = {}
    for group in ROLE_ORDER:
        for person in people.get(group, ()):
            if isinstance(person, dict) and person.get("id"):
                found.setdefault(person["id"], group)
    for person in people.get("former", ()):
        if person.get("id") and person.get("role") in ROLE_ORDER:
            found.setdefault(person["id"], person["role"])
    return found


def replacements(doc: dict[str, Any], people: dict[str, dict[str, Any]], lang: str) -> dict[str, str]:
    """Folded name → what replaces it, for every form of every person's name the register knows."""
    on_project = roles(doc)
    out: dict[str, str] = {}
    for pid, person in people.items():
        name = person.get("name")
        if not isinstance(name, str) or not name:
            continue
        role = on_project.get(pid)
        shown = i18n.label(i18n.REPORT_LABELS, role, lang) if role else surname_mou(name)
        for form in (name, person.get("name_published"), *texts(person.get("former_names"))):
            if isinstance(form, str) and len(key := textnorm.fold(form)) > 1:
                out.setdefault(key, shown)
    return out


def replace_names(text: str, names: dict[str, str]) -> str:
    """`text` with every name in `names` (folded → replacement) replaced, however it is written."""
    if not names or not text:
        return text
    keys = [ch if ch.isspace() else textnorm.fold(ch) for ch in text]
    starts: dict[int, int] = {}
    offset = 0
    for index, key in enumerate(keys):
        starts.setdefault(offset, index)
        offset += len(key)
    starts.setdefault(offset, len(text))
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    out, last = [], 0
    for match in pattern.finditer("".join(keys)):
        begin, end = starts.get(match.start()), starts.get(match.end())
        if begin is None or end is None or begin < last:
            continue  # a match that starts or ends inside one character's folded form
        out += [text[last:begin], names[match.group()]]
        last = end
    return "".join([*out, text[last:]])


def redact(doc: dict[str, Any], people: dict[str, dict[str, Any]], lang: str) -> dict[str, Any]:
    """A copy of the report `doc` naming nobody: names become roles or 姓+某, everywhere."""
    names = replacements(doc, people, lang)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return replace_names(value, names)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items() if not (k in DROPPED and "name" in value)}
        return value

    return walk(doc)
