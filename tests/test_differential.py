"""Differential test: every file check-jsonschema rejects with jiebang's schemas, jiebang rejects too.

check-jsonschema reads YAML with ruamel.yaml and matches `pattern` with an ECMA-262 engine
(regress), so it is an independent reading of the same schemas. Every field of an enriched
project (tests/fixtures/differential/24.yaml uses every project field), of the sample
programme and of its people file is mutated: wrong types, the holes of issue 8 (a line break
after an id, 5.0, .nan, impossible or future dates, invisible text), boundary numbers, removed
and unknown keys, emptied and repeated list items. check-jsonschema runs once per kind over all
the mutants; jiebang validates each mutant inside a small register (programme, people, one
project), so its cross-file rules count too. jiebang may reject more (its own rules, the
`partial-date` format, integers written as 5.0, non-finite numbers, dates after today), never less.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from jiebang.checks import schema
from jiebang.checks import validate as checks
from jiebang.errors import Severity
from jiebang.files import yamlio
from jiebang.model import loader
from jiebang.model.records import Kind, Register

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "registry" / "programmes" / "ronggui-2022"
ENRICHED = REPO / "tests" / "fixtures" / "differential" / "24.yaml"
TODAY = datetime.date(2026, 12, 1)  # the core never reads the clock: the test names the day

# Replacement values: the wrong types, and at strings and numbers the holes and boundaries.
ANY = (None, [], {})
TEXT = ("", "\u200b", "2022-02-31", "9999-12-31")
NUMBER = (-1, 1e308, math.nan, math.inf)
# check-jsonschema takes ~0.15 s a file, so each kind tries every line-break mutant (the known
# misses) and an even spread of the others, to stay within about a minute in the normal suite.
SAMPLE_SIZE = {"project": 160, "programme": 70, "people": 40}


def _check_jsonschema() -> str:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return exe


def _bundle(kind: str, into: Path) -> Path:
    """The kind's schema as one file that check-jsonschema resolves without fetching anything."""
    path = into / f"{kind}.bundled.json"
    path.write_text(json.dumps(schema.bundled(kind), ensure_ascii=False), "utf-8")
    return path


def _leaves(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every node with its path (mappings and lists too: they can be removed or replaced)."""
    out = [(path, value)] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _leaves(item, (*path, index))
    return out


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    out = copy.deepcopy(data)
    parent = out
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return out


def _remove(data: Any, path: tuple[str | int, ...]) -> Any:
    out = copy.deepcopy(data)
    parent = out
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return out


def sample(found: dict[str, Any], size: int) -> dict[str, Any]:
    """Every line-break mutant of an ASCII value, and the others taken at an even stride across the file's fields."""
    breaks = {k: v for k, v in found.items() if k.endswith("\\n'") and k.isascii()}  # ids and dates
    rest = [k for k in found if k not in breaks]
    step = max(1, len(rest) // max(1, size - len(breaks)))
    return {**breaks, **{k: found[k] for k in rest[::step]}}


def mutants(data: dict[str, Any]) -> dict[str, Any]:
    """Mutated copies of `data` by a short description of the change."""
    out: dict[str, Any] = {}
    for path, value in _leaves(data):
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        values: list[Any] = list(ANY)
        if isinstance(value, str):
            values += [7, value + "\n", value + " ", *TEXT]
        elif isinstance(value, bool):
            values += ["true", 1]
        elif isinstance(value, int | float):
            values += ["x", float(value) if isinstance(value, int) else int(value) + 0.5, *NUMBER]
        elif isinstance(value, list) and value:
            values += ["x", value + value[:1]]
        for new in values:
            if type(new) is not type(value) or new != value:
                out[f"{where} = {new!r}"] = _set(data, path, new)
        out[f"{where} removed"] = _remove(data, path)
        if isinstance(value, dict):
            out[f"{where} + titel"] = _set(data, path, {**value, "titel": "x"})
            out[f"{where} + x-nan"] = _set(data, path, {**value, "x-nan": math.nan})
    return out


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _reference_rejects(exe: str, schema: Path, files: list[Path]) -> set[str]:
    """Names of the files check-jsonschema rejects (schema errors or files it cannot read)."""
    result = subprocess.run(
        [exe, "--schemafile", str(schema), "-o", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return {Path(e["filename"]).name for e in report["errors"] + report["parse_errors"]}


def _jiebang_rejects(base: Register, target: Path, text: str) -> bool:
    """Whether `validate` finds an error once `target` holds `text` (parsed as the loader would)."""
    kind_programme = loader.classify(base.root, target)
    assert kind_programme is not None
    record, problems = loader.parse_record(text.encode("utf-8"), target, str(target), *kind_programme)
    records = [r for r in base.records if r.path != target] + ([record] if record else [])
    reg = Register.build(base.root, sorted(records, key=lambda r: r.path), base.origin)
    found = checks.validate(reg, problems, today=TODAY)
    return any(p.severity is Severity.ERROR for p in found)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Register:
    """A small valid register: the sample programme and people, and the enriched project 24."""
    root = tmp_path_factory.mktemp("differential") / "registry"
    programme = root / "programmes" / "ronggui-2022"
    (programme / "projects").mkdir(parents=True)
    shutil.copy(SAMPLE / "programme.yaml", programme / "programme.yaml")
    shutil.copy(SAMPLE.parents[1] / "people.yaml", programme / "people.yaml")  # a programme's own file (old layout)
    shutil.copy(ENRICHED, programme / "projects" / "24.yaml")
    reg, problems = loader.load(root)
    errors = [p for p in checks.validate(reg, problems, today=TODAY) if p.severity is Severity.ERROR]
    assert not errors, errors
    return reg


@pytest.mark.parametrize(
    ("kind", "name"),
    [(Kind.PROJECT, "projects/24.yaml"), (Kind.PROGRAMME, "programme.yaml"), (Kind.PEOPLE, "people.yaml")],
    ids=["project", "programme", "people"],
)
def test_jiebang_rejects_every_file_check_jsonschema_rejects(
    base: Register, kind: Kind, name: str, tmp_path: Path
) -> None:
    exe = _check_jsonschema()
    target = base.root / "programmes" / "ronggui-2022" / name
    data, problems = yamlio.parse(target.read_text("utf-8"), name)
    assert not problems and isinstance(data, dict)
    schema_name = {Kind.PROJECT: "project", Kind.PROGRAMME: "programme", Kind.PEOPLE: "people"}[kind]
    texts = {what: _dump(mutant) for what, mutant in sample(mutants(data), SAMPLE_SIZE[schema_name]).items()}
    texts = {"(unchanged)": _dump(data), **texts}
    files: dict[str, tuple[str, str]] = {}  # file name → (description, text)
    for index, (what, text) in enumerate(texts.items()):
        path = tmp_path / f"m{index:05d}.yaml"
        path.write_text(text, "utf-8")
        files[path.name] = (what, text)
    schema = _bundle(schema_name, tmp_path)
    rejected = _reference_rejects(exe, schema, [tmp_path / f for f in files])

    assert "m00000.yaml" not in rejected, "the unchanged file must pass check-jsonschema (is the bundle right?)"
    assert not _jiebang_rejects(base, target, texts["(unchanged)"])
    assert len(rejected) > len(files) / 3  # the mutations do reach the schema
    misses = [files[f][0] for f in sorted(rejected) if not _jiebang_rejects(base, target, files[f][1])]
    assert not misses, f"check-jsonschema rejects, jiebang accepts ({len(misses)}):\n" + "\n".join(misses)


def test_jiebang_closes_the_holes_check_jsonschema_leaves(base: Register) -> None:
    """What both tools used to accept, and jiebang now refuses (the reference still accepts these)."""
    target = base.root / "programmes" / "ronggui-2022" / "projects" / "24.yaml"
    data, _ = yamlio.parse(target.read_text("utf-8"), "24.yaml")
    assert isinstance(data, dict)
    for path, value in [
        (("number",), 24.0),
        (("milestones", 0, "weight"), math.inf),
        (("applications", 0, "score"), math.nan),
        (("indicators", 0, "actuals", 0, "on"), "2022-02-31"),
        (("status_history", 1, "on"), "9999-12-31"),
        (("x-extra",), math.nan),
    ]:
        assert _jiebang_rejects(base, target, _dump(_set(data, path, value))), (path, value)
