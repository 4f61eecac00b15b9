"""The two schema engines agree: jsonschema-rs decides pass/fail, jsonschema explains failures.

`validate` trusts the fast engine's "passes" without asking jsonschema, so a file the fast engine
passed and jsonschema would fail is a problem lost. Every golden case and every wrong-type
replacement of the fuzz test (test_malformed) is judged by both.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pytest

from conftest import CASES, REPO, SAMPLE
from jiebang.checks import schema
from jiebang.model import loader
from test_malformed import ALL_CASES, get, loaded, with_value

if TYPE_CHECKING:
    from jiebang.model.records import Record


def _finite(value: Any) -> bool:
    """NaN and ±inf are numbers to jsonschema (the loader refuses them) and not JSON to jsonschema-rs."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def _judged_alike(record: Record) -> None:
    full = not any(True for _ in schema.validator(record.kind).iter_errors(record.data))
    fast = schema.passes(record)
    if fast:
        assert full, f"{record.display}: passed by jsonschema-rs, failed by jsonschema"
    elif full:  # the fast engine may only be stricter where its rules are known to differ
        assert not _finite(record.data), f"{record.display}: failed by jsonschema-rs, passed by jsonschema"


def _golden_records() -> list[Record]:
    return [r for root in sorted(CASES.glob("*/*/registry")) for r in loader.load(root, "golden")[0].records]


GOLDEN = _golden_records()


def test_golden_cases_are_many_and_mixed() -> None:
    assert len(GOLDEN) > 100
    verdicts = {schema.passes(r) for r in GOLDEN}
    assert verdicts == {True, False}


@pytest.mark.parametrize("record", GOLDEN, ids=lambda r: r.display)
def test_golden_case(record: Record) -> None:
    _judged_alike(record)


def test_every_wrong_type_replacement() -> None:
    disagreements = []
    for root, index, path, value in ALL_CASES:
        record = with_value(loaded(root).records[index], path, value)
        try:
            _judged_alike(record)
        except AssertionError as exc:
            disagreements.append(f"{path} = {value!r} (was {get(loaded(root).records[index].data, path)!r}): {exc}")
    assert disagreements == []


def test_a_whole_number_written_as_float_takes_the_full_path() -> None:
    """5.0 is an integer to jsonschema-rs; to jiebang it is a type error with a hint, so the file
    must reach jsonschema (the golden case integer-as-float shows the message)."""
    record = next(r for r in GOLDEN if r.kind.value == "project" and schema.passes(r))
    whole = with_value(record, ("number",), float(record.data["number"]))
    assert schema._fast(whole.kind)(whole.data)  # the fast engine alone would pass it
    assert not schema.passes(whole)
    assert [p.code for p in schema.check_record(whole)] == ["schema.type"]


def test_a_bundled_schema_judges_every_file_as_the_folder_does() -> None:
    """`schema.bundled` (one file, every reference local, for check-jsonschema and editors) says
    the same of each golden, sample and example file as the schemas read from their folder, and
    refers to no other file."""
    import json

    roots = [
        *sorted(CASES.glob("*/*/registry")),
        SAMPLE,
        *sorted(p.parent for p in REPO.glob("examples/*/people.yaml")),
    ]
    records = [r for root in roots for r in loader.load(root)[0].records]
    bundles = {}
    for record in records:
        ours = schema.validator(record.kind)  # jiebang's own rules (1.0 is no integer) with either schema
        if record.kind not in bundles:
            bundles[record.kind] = schema.bundled(schema.SCHEMA_FILES[record.kind])
            assert "common.schema.json" not in json.dumps(bundles[record.kind])
        judge = type(ours)(bundles[record.kind], format_checker=ours.format_checker)
        folder = sorted(e.message for e in ours.iter_errors(record.data))
        assert sorted(e.message for e in judge.iter_errors(record.data)) == folder, record.display
    assert len(bundles) >= 6, sorted(k.value for k in bundles)  # people, units, programmes, projects, …
