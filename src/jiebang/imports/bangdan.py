"""The published 榜单 as pasted text → categories and projects, with located problems.

Offices publish the list inside a news article: category headings (`一、建设现代产业体系`) and
numbered project lines (`1、龙头企业招商引资(工业数字化…领域)`), often machine-converted to
Traditional, sometimes with pinyin glued after characters. Clerks paste the whole article, so the
parser finds the list block itself and ignores the prose around it.

Pure: text in, a `Listing` out; no files, no register, no writes. `jiebang import` turns the dicts
into register changes. Problems carry stable `import.*` codes whose text is in `jiebang.i18n`.

How the text is read:
- Numbering styles are ranked as in official documents: 第一类 > 一、 > （一） > 1、/1./1． > （1） > ①.
  In the list block the highest style present marks categories and the next one projects, so
  `1.` headings with `(1)` items work too. Printed numbers are kept, whether they run through
  the whole list or restart in each category (`Listing.numbering` says which).
- Markdown around a line (`## `, `- `, `> `, `**…**`) is looked through, for `.md` files.
- The block is the longest stretch of numbered lines, allowing a caption or two in between.
  A numbered line with sentence punctuation (。！？) or longer than a title can be is prose.
- A trailing parenthesis is the scope; a parenthesis inside the title stays in it.
- Titles are stored Simplified only when the line holds a character that exists only in
  Traditional (not in GB2312): Simplified input is never run through t2s, which would turn
  显著 into 显着.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from jiebang.errors import Problem, Severity
from jiebang.textnorm import fold, strip_glosses

__all__ = ["Listing", "parse"]

MAX_TITLE = 80  # characters: a longer numbered line is a paragraph, not a title
MAX_GAP = 2  # unnumbered lines (captions) tolerated inside the list before it is taken to end

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What a .md file puts before a line's text (heading, quote, bullet, bold) and after it (bold).
_MARKDOWN_BEFORE = re.compile(r"(?:#{1,6}\s+|>\s*|\*\*|__|[-*+]\s+)+")
_MARKDOWN_AFTER = re.compile(r"\s*(?:\*\*|__)\s*$")
_D = "0-9０-９"
_CN = "一二三四五六七八九十"
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f\u2780-\u2789"  # ①…㊿ ❶ ➀

# (rank, pattern): a lower rank is a higher level of the list.
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"第\s*(?P<n>[{_CN}]+|[{_D}]{{1,3}})\s*(?:大[类類]|[类類]|部分|板[块塊]|方面)\s*[、.．:：]?\s*")),
    (1, re.compile(rf"(?P<n>[{_CN}]+)\s*[、.．]\s*")),
    (2, re.compile(rf"[(（]\s*(?P<n>[{_CN}]+)\s*[)）]\s*[、.．]?\s*")),
    (2, re.compile(r"(?P<c>[\u3220-\u3229])\s*")),  # ㈠
    (3, re.compile(rf"(?P<n>[{_D}]{{1,4}})\s*(?:[、．]|\.(?![{_D}])|[)）](?![{_D}]))\s*")),
    (3, re.compile(r"(?P<c>[\u2488-\u249b])\s*")),  # ⒈
    (4, re.compile(rf"[(（]\s*(?P<n>[{_D}]{{1,4}})\s*[)）]\s*[、.．]?\s*")),
    (4, re.compile(r"(?P<c>[\u2474-\u2487])\s*")),  # ⑴
    (5, re.compile(rf"(?P<c>[{_CIRCLED}])\s*[、.．]?\s*")),
)

# The people named beside a project, Simplified or Traditional: 导师：张三；负责人：李四.
_ROLE_KEYS = {"导师": "mentors", "负责人": "leader", "领衔领导": "leading_officials"}
_TRAD = {"导": "導", "师": "師", "负": "負", "责": "責", "领": "領", "衔": "銜", "项": "項", "团": "團", "队": "隊"}


def _either(word: str) -> str:
    return "".join(f"[{c}{_TRAD[c]}]" if c in _TRAD else c for c in word)


_LABEL = rf"(?:{_either('项目')})?(?:{_either('团队')})?(?P<role>{'|'.join(_either(r) for r in _ROLE_KEYS)})"
_PEOPLE = re.compile(_LABEL + r"\s*[：:]")
_PEOPLE_LINE = re.compile(rf"[(（]?\s*{_PEOPLE.pattern}")
# A quote signed under a project, in the prose after or before the list:
# ——“农贸市场立体停车场建设”项目团队负责人梁楚翔
_ATTRIBUTION = re.compile(
    rf"[—－-]{{1,2}}\s*[“\"「『](?P<title>[^”\"」』]{{1,{MAX_TITLE}}})[”\"」』]\s*{_LABEL}"
    r"\s*[：:]?\s*(?P<name>[^\s\d,，。、;；:：()（）]{2,4})"
)
_NAME_SPLIT = re.compile(r"[、,，/／;；\s]+")
_SEPARATORS = " \t\u3000\xa0；;，,、:：—-－–|/"
_TERMINAL = " \t\u3000\xa0。；;，,.．:："
_SENTENCE = re.compile(r"[。！？!?]")
_SCOPE = re.compile(r"(?P<title>.*?\S)\s*[(（](?P<scope>[^()（）]*)[)）]", re.DOTALL)


@dataclass(frozen=True)
class Listing:
    """What the text says. Dicts carry `_line` and `_column` (1-based) of the row they came from.

    categories: number, name (Simplified), name_published (as printed, when it differs).
    projects: category, number, title, title_published (when it differs), title_full, scope,
    scope_published, leader, mentors, leading_officials (names joined with 、; absent when none).
    numbering: "running" (1…30 through the list) or "per-category" (restarting at 1).
    skipped: numbers of the non-blank lines not taken (the prose around the list, captions).
    """

    categories: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    problems: list[Problem]
    numbering: str = "running"
    skipped: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Text:
    """A heading's or project's text split into its parts, as printed (glosses removed)."""

    full: str  # the text after the number, without the people named
    title: str  # without a trailing scope parenthesis
    scope: str | None
    people: dict[str, list[str]]
    traditional: bool  # holds a character only Traditional has: convert to Simplified


@dataclass(frozen=True, slots=True)
class _Row:
    """One non-blank line, read on its own before the shape of the list is known."""

    line: int
    col: int  # where the line's text (its number, if any) starts, 1-based
    kind: str  # "item" (numbered, title-like), "people", "bad" (numbered, unreadable), "prose"
    text: str
    rank: int = -1
    number: int = 0
    marker: str = ""
    body_col: int = 0
    parts: _Text | None = None


def parse(text: str, source: str) -> Listing:
    """Read the list in `text` (a whole article may be given); `source` names it in problems.

    Never raises on bad text: what cannot be read becomes a located `Problem`.
    """
    rows = [r for no, raw in enumerate(_LINE_BREAK.split(text.removeprefix("\ufeff")), 1) if (r := _read(no, raw))]
    runs = _runs(rows)
    if not runs:
        return Listing(
            [],
            [],
            [Problem("import.no-list", source, 1, 1, hint="hint.import.no-list")],
            "running",
            [r.line for r in rows],
        )
    block = max(runs, key=lambda run: sum(r.kind == "item" for r in run))  # the first of the longest
    problems = [
        Problem(
            "import.other-list",
            source,
            run[0].line,
            run[0].col,
            severity=Severity.WARNING,
            args={"count": len(run), "start": block[0].line, "end": block[-1].line},
            hint="hint.import.other-list",
        )
        for run in runs
        if run is not block
    ]
    listing = _Builder(source, block).build()
    signed, unmatched = _attributions([r for r in rows if r.kind == "prose"], listing.projects, source)
    problems += unmatched
    taken = {r.line for r in block if r.kind != "prose"} | signed
    skipped = [r.line for r in rows if r.line not in taken]
    problems = sorted([*problems, *listing.problems], key=Problem.sort_key)
    return Listing(listing.categories, listing.projects, problems, listing.numbering, skipped)


def _attributions(rows: list[_Row], projects: list[dict[str, Any]], source: str) -> tuple[set[int], list[Problem]]:
    """Add the people who sign a quote as a project's mentor or leader (——“标题”项目导师张三).

    The quoted title may drop a final 项目 (article 000 quotes #9 as 打造《桃源·龍涌》特色名片), so
    a unique project whose title starts with it counts; a quote that names no project is a warning.
    Returns the lines read and the warnings.
    """
    signed: set[int] = set()
    problems = []
    for row in rows:
        m = _ATTRIBUTION.fullmatch(row.text)
        if not m:
            continue
        quoted = fold(m["title"])
        exact = [p for p in projects if quoted in (fold(p["title"]), fold(p["title_full"]))]
        found = exact or [p for p in projects if fold(p["title"]).startswith(quoted)]
        if len(found) != 1:
            problems.append(
                Problem(
                    "import.people-unmatched",
                    source,
                    row.line,
                    row.col,
                    args={"title": m["title"]},
                    hint="hint.import.people-unmatched",
                    severity=Severity.WARNING,
                )
            )
            continue
        convert = _traditional(row.text)
        _Builder.add_people(found[0], {_ROLE_KEYS[fold(m["role"])]: [m["name"]]}, convert)
        signed.add(row.line)
    return signed, problems


# ------------------------------------------------------------------------------- one line


def _read(no: int, raw: str) -> _Row | None:
    """Classify one line; None when blank."""
    line = strip_glosses(raw).rstrip()
    start = len(line) - len(line.lstrip().lstrip("\u200b\ufeff").lstrip())
    stripped = line[start:]
    if markdown := _MARKDOWN_BEFORE.match(stripped):
        start += markdown.end()
        stripped = _MARKDOWN_AFTER.sub("", stripped[markdown.end() :])
    if not stripped:
        return None
    col = start + 1
    if _PEOPLE_LINE.match(stripped):
        return _Row(no, col, "people", stripped)
    for rank, pattern in _MARKERS:
        m = pattern.match(stripped)
        if not m:
            continue
        number = _number(m)
        body = stripped[m.end() :]
        parts = _split(body)
        kind = "item" if number and _title_like(parts) else "bad"
        return _Row(no, col, kind, stripped, rank, number or 0, m.group().strip(), col + m.end(), parts)
    return _Row(no, col, "prose", stripped)


def _number(m: re.Match[str]) -> int | None:
    if m.groupdict().get("c"):
        return int(unicodedata.numeric(m["c"]))
    n = m["n"]
    return int(n) if n[0] not in _CN else _chinese_number(n)


def _chinese_number(text: str) -> int | None:
    """一 … 九十九 as an int; None for anything else (十十, 一二)."""
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text)
    high = _CN_DIGITS.get(tens) if tens else 1
    low = _CN_DIGITS.get(units) if units else 0
    return None if high is None or low is None else high * 10 + low


def _title_like(parts: _Text) -> bool:
    return len(parts.full) <= MAX_TITLE and not _SENTENCE.search(parts.full)


def _split(body: str) -> _Text:
    """Body of a numbered line → title, trailing scope and the people named, as printed."""
    body, people = _take_people(body)
    full = body.rstrip(_TERMINAL)
    m = _SCOPE.fullmatch(full)
    title, scope = (m["title"], m["scope"].strip()) if m and m["scope"].strip() else (full, None)
    return _Text(full, title, scope, people, _traditional(body + "".join(n for v in people.values() for n in v)))


def _take_people(body: str) -> tuple[str, dict[str, list[str]]]:
    """Cut `导师：张三；负责人：李四` (bare or in a parenthesis) out of the text; return the rest."""
    first = _PEOPLE.search(body)
    if not first:
        return body, {}
    head, tail = body[: first.start()], body[first.start() :]
    opened = _open_parenthesis(head)
    if opened is None:
        rest = head.rstrip(_SEPARATORS)
    else:
        close = re.search(r"[)）]", tail)
        after = tail[close.end() :] if close else ""
        tail = tail[: close.start()] if close else tail
        inside = head[opened + 1 :].strip(_SEPARATORS)
        rest = head[:opened].rstrip() + (head[opened] + inside + _closing(head[opened]) if inside else "") + after
    return rest, _people(tail)


def _open_parenthesis(text: str) -> int | None:
    """Index of the last parenthesis in `text` that is still open, if any."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _closing(opening: str) -> str:
    return ")" if opening == "(" else "）"


def _people(annotation: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    labels = list(_PEOPLE.finditer(annotation))
    for m, following in zip(labels, [*labels[1:], None], strict=True):
        value = annotation[m.end() : following.start() if following else len(annotation)]
        names = [n.strip("()（）“”\"'《》[]【】") for n in _NAME_SPLIT.split(value)]
        key = _ROLE_KEYS[fold(m["role"])]
        found.setdefault(key, []).extend(n for n in names if n and n not in found.get(key, []))
    return {k: v for k, v in found.items() if v}


def _traditional(text: str) -> bool:
    """True if `text` holds a Han character only Traditional has (t2s changes it, GB2312 lacks it)."""
    for ch in text:
        if ch >= "\u3400" and fold(ch) != ch:
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                return True
    return False


@functools.cache
def _converter() -> Any:
    from opencc_purepy import OpenCC  # ~200 ms: only when a Traditional list is read

    return OpenCC("t2s")


def _simplified(text: str, traditional: bool) -> str:
    return _converter().convert(text) if traditional and text else text


# ------------------------------------------------------------------------------- the block


def _runs(rows: list[_Row]) -> list[list[_Row]]:
    """Stretches of numbered lines (with people lines and up to MAX_GAP other lines between)."""
    runs: list[list[_Row]] = []
    current: list[_Row] = []
    pending: list[_Row] = []
    for row in rows:
        # People lines belong right under a project: 负责人：… after a caption is prose (an editor, say).
        if row.kind == "item" or (row.kind == "people" and current and not pending):
            current.extend(pending)
            current.append(row)
            pending = []
        elif current:
            pending.append(row)
            if len(pending) > MAX_GAP:
                runs.append(current)
                current, pending = [], []
    if current:
        runs.append(current)
    return runs


class _Builder:
    """Turns the rows of the list block into categories and projects."""

    def __init__(self, source: str, block: list[_Row]) -> None:
        self.source = source
        self.block = block
        self.categories: list[dict[str, Any]] = []
        self.projects: list[dict[str, Any]] = []
        self.problems: list[Problem] = []
        self.headings: list[_Row] = []  # the category headings read, named or not
        self.numbered: list[tuple[int, _Row]] = []  # (headings before it, row) of every project line
        ranks = sorted({r.rank for r in block if r.kind == "item"})
        if len(ranks) > 1:
            self.levels: tuple[int | None, int | None] = (ranks[0], ranks[1])
        else:
            self.levels = (ranks[0], None) if ranks[0] <= 2 else (None, ranks[0])
        self.markers = {rank: next(r.marker for r in block if r.rank == rank) for rank in ranks}

    def problem(self, code: str, row: _Row, col: int | None = None, **args: Any) -> None:
        warnings = ("import.number-gap", "import.unnumbered", "import.people-on-heading")
        severity = Severity.WARNING if code in warnings else Severity.ERROR
        self.problems.append(
            Problem(code, self.source, row.line, col or row.col, args=args, hint=f"hint.{code}", severity=severity)
        )

    def build(self) -> Listing:
        category: dict[str, Any] | None = None
        last: dict[str, Any] | None = None  # the project people lines attach to
        for row in self.block:
            if row.kind == "item" and row.rank == self.levels[0]:
                self.headings.append(row)
                category, last = self.category(row), None
            elif row.kind == "item" and row.rank == self.levels[1]:
                self.numbered.append((len(self.headings), row))
                last = self.project(row, category)
            elif row.kind == "item":
                self.level(row)
            elif row.kind == "people":
                self.people(row, last)
            elif row.kind == "bad":
                self.problem("import.unreadable", row, text=_short(row.text))
                if row.number and row.rank == self.levels[0]:  # what follows is not under the previous heading
                    self.headings.append(row)
                    category, last = None, None
                elif row.number and row.rank == self.levels[1]:
                    self.numbered.append((len(self.headings), row))
            else:
                self.problem("import.unnumbered", row, text=_short(row.text))
                last = None  # people belong to the line right above them
        numbering = self.numbering()
        self.check_numbers([(0, row) for row in self.headings])
        self.check_numbers([(g if numbering == "per-category" else 0, row) for g, row in self.numbered])
        return Listing(self.categories, self.projects, self.problems, numbering)

    def category(self, row: _Row) -> dict[str, Any] | None:
        assert row.parts is not None
        printed = row.parts.full
        if not printed:
            self.problem("import.empty-heading", row, row.body_col, number=row.number)
            return None
        name = _simplified(printed, row.parts.traditional)
        record: dict[str, Any] = {"number": row.number, "name": name}
        if printed != name:
            record["name_published"] = printed
        record.update({"_line": row.line, "_column": row.col})
        self.categories.append(record)
        if row.parts.people:  # a category has no people in the register: say so rather than drop them
            names = "、".join(_simplified(n, row.parts.traditional) for v in row.parts.people.values() for n in v)
            self.problem("import.people-on-heading", row, names=names)
        return record

    def project(self, row: _Row, category: dict[str, Any] | None) -> dict[str, Any] | None:
        assert row.parts is not None
        parts = row.parts
        if category is None:
            if not self.headings:  # under a heading without a name, that heading is the problem
                self.problem("import.no-category", row, number=row.number)
            return None
        if not parts.title:
            self.problem("import.empty-title", row, row.body_col, number=row.number)
            return None
        convert = parts.traditional
        record: dict[str, Any] = {"category": category["number"], "number": row.number}
        record["title"] = _simplified(parts.title, convert)
        if parts.title != record["title"]:
            record["title_published"] = parts.title
        record["title_full"] = _simplified(parts.full, convert)
        if parts.scope is not None:
            record["scope"] = _simplified(parts.scope, convert)
            record["scope_published"] = parts.scope
        self.add_people(record, parts.people, convert)
        record.update({"_line": row.line, "_column": row.col})
        self.projects.append(record)
        return record

    @staticmethod
    def add_people(record: dict[str, Any], people: dict[str, list[str]], convert: bool) -> None:
        for key, names in people.items():
            known = record[key].split("、") if key in record else []
            new = [n for n in (_simplified(n, convert) for n in names) if n not in known]
            record[key] = "、".join([*known, *new])

    def people(self, row: _Row, project: dict[str, Any] | None) -> None:
        if project is None:
            self.problem("import.people-orphan", row, text=_short(row.text))
            return
        found = _people(row.text.strip("()（）"))
        self.add_people(project, found, _traditional(row.text))

    def level(self, row: _Row) -> None:
        category, project = (self.markers.get(r, "—") if r is not None else "—" for r in self.levels)
        self.problem("import.level", row, marker=row.marker, category=category, project=project)

    def numbering(self) -> str:
        """'per-category' if most categories after the first restart at 1, else 'running'."""
        restart = running = 0
        for (group, row), (previous_group, previous) in zip(self.numbered[1:], self.numbered, strict=False):
            if group != previous_group:
                restart += row.number == 1
                running += row.number == previous.number + 1
        return "per-category" if restart > running else "running"

    def check_numbers(self, rows: list[tuple[int, _Row]]) -> None:
        """Gaps and repeats among the rows as printed (also those not taken, so one error is one problem)."""
        used: dict[int, int] = {}
        expected, current = 1, None
        for group, row in rows:
            if group != current:
                used, expected, current = {}, 1, group
            if row.number in used:
                self.problem("import.number-repeated", row, number=row.number, first=used[row.number])
            elif row.number != expected:
                self.problem("import.number-gap", row, number=row.number, expected=expected)
            used.setdefault(row.number, row.line)
            expected = row.number + 1


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
