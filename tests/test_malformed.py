"""Values of the wrong type anywhere in a file: `validate` reports them, nothing else trips over them.

Each test takes a record of the fixture registers, replaces one value at some depth by a
value of another type (list, mapping, number, boolean, null, text, nested garbage) and runs
every read-side step on the result: validation, selection, summaries, rows, reports. Only
the errors a person can act on (`JiebangError`: not found, ambiguous) may be raised.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import shutil
from dataclasses import replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, REPO
from jiebang.checks import validate
from jiebang.errors import JiebangError, Severity
from jiebang.model import loader
from jiebang.model.records import Kind, Programme, Record, Register
from jiebang.present import render, report, report_md
from jiebang.queries import query, views

if TYPE_CHECKING:
    from pathlib import Path

ROOTS = (
    REPO / "tests" / "fixtures" / "demo" / "registry",
    REPO / "registry",
    REPO / "tests" / "fixtures" / "handmade" / "registry",
)
AS_OF = (date(2022, 6, 30), date(2023, 6, 30))
FILTERS = views.Criteria(
    statuses=("assigned", "active"),
    person="测试",
    unit="局",
    tier="key",
    rag="red",
    overdue=True,
    due_before=date(2024, 1, 1),
    text="项目",
)
ROW_COLUMNS = ("number", "title", "category", "leaders", "mentors", "status", "progress", "rag_label", "next_due")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

Path_ = tuple[str | int, ...]

# One value of each kind a hand edit can produce; nested garbage last.
GARBAGE: tuple[Any, ...] = (
    ["assigned"],
    {"x": 1},
    24,
    2.5,
    True,
    None,
    "24",
    [{"id": ["M1"], "to": {"a": [1]}, "on": 20220224}, "P0001", math.inf],
)


@cache
def loaded(root: Path) -> Register:
    reg, problems = loader.load(root)
    assert not [p for p in problems if p.severity is Severity.ERROR], problems
    return reg


def paths(data: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every value's path, at any depth (the top-level mapping itself excluded)."""
    out: list[Path_] = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += paths(value, (*prefix, index))
    return out


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def with_value(record: Record, path: Path_, value: Any) -> Record:
    """`record` with the value at `path` replaced (its text rewritten to match, so locations work)."""
    data = copy.deepcopy(record.data)
    parent = get(data, path[:-1])
    parent[path[-1]] = value
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    return replace(record, data=data, text=text)


def small(reg: Register, record: Record, *more: Record) -> Register:
    """`record` (and `more` projects) with its programme, people and, if it is not a project, one
    project; with the register-wide files (people, units), and for one of those the first programme."""
    programme = reg.programmes[record.programme or next(iter(reg.programmes))]
    projects = [record, *more] if record.kind is Kind.PROJECT else [_companion(programme)]
    records = [r for r in (*reg.shared, programme.record, programme.people, *projects) if r is not None]
    return Register.build(reg.root, [record if r.path == record.path else r for r in records])


def _companion(programme: Programme) -> Record:
    return min(programme.projects, key=lambda r: len(r.text))


def exercise(reg: Register) -> list[Any]:
    """Every read-side step; returns validate's problems."""
    problems = validate.validate(reg)
    render.problems_as_text(problems, "zh")
    render.problems_as_json(problems, "en")
    for as_of, sort in zip(AS_OF, ("due", "progress"), strict=True):
        found = views.select_views(reg, as_of, views.Criteria(sort=sort, descending=True))
        views.summarise(found)
        views.summarise(found, include_empty=False)
        for key in views.SORT_KEYS:
            sorted(found, key=views._sort_key(key))
        for test in views._predicates(FILTERS):  # each filter on its own (together they short-circuit)
            [test(v) for v in found]
        for programme in reg.programmes.values():
            for project in programme.projects:
                category = query.category_of(query.categories_of(programme), project.data.get("category"))
                v = views.view(programme, project, category, as_of)
                doc = report.build(v)
                for lang in ("zh", "en"):
                    report_md.build(doc, lang)
                    row = render.localise(views.as_row(v), lang)
                    render.rows_as_csv([row], ROW_COLUMNS)
                    render.rows_as_markdown([row], ROW_COLUMNS, ROW_COLUMNS)
    for name in ("1", "民生", "P0001", "测试"):
        with contextlib.suppress(JiebangError):
            views.select_views(reg, AS_OF[-1], views.Criteria(category=name))
        with contextlib.suppress(JiebangError):
            query.resolve_project(reg, name)
    return problems


def _cases() -> list[tuple[Path, int, Path_, Any]]:
    """Each field (every list item counted as one) with each kind of value it does not hold."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for root in ROOTS:
        reg = loaded(root)
        for index, record in enumerate(reg.records):
            for path in paths(record.data):
                shape = tuple("*" if isinstance(p, int) else p for p in path)
                current = get(record.data, path)
                for value in GARBAGE:
                    key = (record.kind, shape, json.dumps(value))
                    if key in seen or (type(current) is type(value) and not isinstance(value, list | dict)):
                        continue
                    seen.add(key)
                    out.append((root, index, path, value))
    return out


ALL_CASES = _cases()


def test_the_cases_cover_every_field() -> None:
    assert len(ALL_CASES) > 900
    fields = {(loaded(root).records[i].kind, path[0]) for root, i, path, _ in ALL_CASES}
    for kind, field in [
        (Kind.PROJECT, "status"),
        (Kind.PROJECT, "tier"),
        (Kind.PROJECT, "milestones"),
        (Kind.PROJECT, "status_history"),
        (Kind.PROJECT, "teams"),
        (Kind.PROJECT, "number"),
        (Kind.PEOPLE, "people"),
        (Kind.PROGRAMME, "categories"),
        (Kind.PROGRAMME, "settings"),
    ]:
        assert (kind, field) in fields


def _crash(reg: Register) -> str | None:
    try:
        exercise(reg)
    except Exception as exc:  # every crash is collected and shown
        return f"{type(exc).__name__}: {exc}"
    return None


def _moved(record: Record, programme: str, name: str | None = None) -> Record:
    """`record` as if it were in another programme folder (and file), so many cases share a register."""
    folder = record.path.parents[1 if record.kind is Kind.PROJECT else 0]
    path = folder.parent / programme / record.path.relative_to(folder)
    return replace(record, programme=programme, path=path.with_name(name) if name else path)


def _case_records(case: tuple[Path, int, Path_, Any], n: int) -> list[Record]:
    """The records case `n` adds to a shared register: a mutated project, or a programme of its own."""
    root, index, path, value = case
    reg = loaded(root)
    record = reg.records[index]
    changed = with_value(record, path, value)
    if record.kind is Kind.PROJECT:
        return [_moved(changed, record.programme, f"m{n}.yaml")]
    if not record.programme:  # a register-wide file (people, units): the mutated copy goes beside the others
        return [changed]
    programme = reg.programmes[record.programme]
    records = (programme.record, programme.people, _companion(programme))
    return [_moved(changed if r.path == record.path else r, f"{record.programme}~{n}") for r in records if r]


def test_every_field_with_every_kind_of_value() -> None:
    """Systematic: nothing raises. Forty cases share a register, for speed; a crash is then traced to its case."""
    failures = []
    for root in ROOTS:
        cases = [c for c in ALL_CASES if c[0] == root]
        reg = loaded(root)
        shared = [r for p in reg.programmes.values() for r in (p.record, p.people) if r]
        for start in range(0, len(cases), 40):
            batch = [_case_records(case, start + n) for n, case in enumerate(cases[start : start + 40])]
            if _crash(Register.build(reg.root, [*shared, *(r for rs in batch for r in rs)])) is None:
                continue
            for n, records in enumerate(batch):
                if crash := _crash(Register.build(reg.root, [*shared, *records])):
                    _, index, path, value = cases[start + n]
                    failures.append(f"{reg.records[index].display} {list(path)} = {value!r}: {crash}")
    assert not failures, "\n".join(failures[:40])


def _garbage() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=True),
        st.text(max_size=8),
        st.sampled_from(["assigned", "done", "key", "P0001", "M1", "T1", "2023-06-30", "2023-06", "s1", "民生"]),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["id", "to", "on", "x", "number", "status"]), inner, max_size=3),
        ),
        max_leaves=6,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_replacements(data: st.DataObject) -> None:
    """Random: any record, up to three values at any depth replaced by any garbage."""
    reg = loaded(data.draw(st.sampled_from(ROOTS)))
    record = data.draw(st.sampled_from(reg.records))
    for _ in range(data.draw(st.integers(1, 3))):
        candidates = paths(record.data)
        if not candidates:
            break
        record = with_value(record, data.draw(st.sampled_from(candidates)), data.draw(_garbage()))
    exercise(small(reg, record))


# ------------------------------------------------------------------------------ the values people reported

REPORTED: list[tuple[Path_, Any]] = [
    (("status",), ["assigned"]),
    (("status",), {"x": 1}),
    (("tier",), ["key"]),
    (("milestones",), [{"id": ["M1"], "title": "x", "due_on": "2022-01-01"}]),
    (("status_history",), [{"to": ["assigned"], "on": "2022-02-24"}]),
    (("teams",), "T1"),
    (("teams",), 7),
    (("number",), "24"),
    (("category",), [4]),
    (("due_on",), 20221231),
    (("status_history", 0, "on"), 20220224),
]


@pytest.mark.parametrize(("path", "value"), REPORTED, ids=lambda x: json.dumps(x, ensure_ascii=False))
def test_reported_values_are_schema_problems(path: Path_, value: Any) -> None:
    reg = loaded(REPO / "registry")
    record = next(r for r in reg.projects() if r.data.get("number") == 24)
    problems = exercise(small(reg, with_value(record, path, value)))
    assert any(p.code.startswith("schema.") and p.path == record.display for p in problems), problems


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("status: assigned", "status: [assigned]"),
        ("tier: key", "tier: {x: 1}"),
        ("  - id: T1\n", "  - id: [T1]\n"),
        ("category: 1\n", "category: [1]\n"),
    ],
)
def test_commands_report_bad_values_and_never_crash(run, tmp_path: Path, old: str, new: str) -> None:
    root = tmp_path / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    text = project.read_text("utf-8")
    if old not in text:
        text = text.replace("status: assigned", f"status: assigned\n{old}")
    project.write_text(text.replace(old, new, 1), "utf-8")
    result = run(["jiebang", "validate", str(root)])
    assert result.exit_code == 1, result.output
    assert "schema." in result.stdout
    for args in (["list"], ["status"], ["report", "1"], ["show", "1"], ["report", "2"], ["list", "-f", "json"]):
        result = run(["jiebang", *args, "--registry", str(root)])
        assert result.exit_code in (0, 2), (args, result.output)


def test_unparseable_programme_file_is_reported_once(run, tmp_path: Path) -> None:
    """A programme.yaml that cannot be parsed is the loader's problem; it is not also "missing"."""
    root = tmp_path / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    programme = root / "programmes" / "demo" / "programme.yaml"
    programme.write_text(programme.read_text("utf-8") + "name: [unclosed\n", "utf-8")
    result = run(["jiebang", "validate", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert "programme.missing" not in codes
    assert any(code.startswith("yaml.") for code in codes), codes
    programme.unlink()  # a programme folder without the file still says so
    codes = [p["code"] for p in json.loads(run(["jiebang", "validate", str(root), "-f", "json"]).stdout)["problems"]]
    assert "programme.missing" in codes


# ------------------------------------------------------------------------------ personal data however written


def _pii(text: str) -> list[tuple[str, int | None, int | None, str]]:
    record = Record(Kind.PROJECT, REPO / "p" / "01.yaml", "01.yaml", "demo", {}, text)
    reg = Register.build(REPO, [record])
    return [(p.code, p.line, p.col, p.args["value"]) for p in validate.check_personal_data(reg)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("notes: 13812345678\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: １３８１２３４５６７８\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: 138-1234-5678\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: 138 1234 5678\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: １３８－１２３４－５６７８\n", [("pii.phone", 1, 8, "138******78")]),
        ("a: 1\nnotes: 电话+86 13812345678。\n", [("pii.phone", 2, 10, "138******78")]),
        ("notes: +86-138-1234-5678\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: 8613812345678\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: ＋８６ １３８ １２３４ ５６７８\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: 0086 13812345678\n", [("pii.phone", 1, 8, "138******78")]),
        ("notes: 身份证１１０１０５１９４９１２３１００２Ｘ\n", [("pii.id-card", 1, 11, "110*************2X")]),
        ("notes: 11010519491231002x\n", [("pii.id-card", 1, 8, "110*************2x")]),
    ],
)
def test_phone_and_id_numbers_are_caught_however_written(text: str, found: list[tuple[str, int, int, str]]) -> None:
    assert _pii(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "on: 2023-06-30\n",
        "due_on: 2022-12-31\n",
        "notes: 投资 2800 万元（28000000 元）\n",
        "notes: 金额 13,812,345,678 元\n",
        "notes: 12345678901\n",  # 11 digits, not a mobile number
        "notes: 23812345678\n",
        "notes: 138123456789\n",  # 12 digits
        "notes: 0.13812345678\n",
        "notes: 138--1234-5678\n",  # two separators in a row
        "notes: 138  1234 5678\n",
        "notes: 座机 0757-2838 1234\n",
        "notes: 编号 440606199013071234\n",  # month 13: not an ID-card number
    ],
)
def test_ordinary_numbers_are_not_flagged(text: str) -> None:
    assert _pii(text) == []
