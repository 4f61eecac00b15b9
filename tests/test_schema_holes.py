"""Issue 8 item 4: the holes in the schemas, through the installed command and the core."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

from conftest import CASES
from jiebang.checks import validate as checks
from jiebang.model import loader

REPO = Path(__file__).resolve().parents[1]
REGISTRY = REPO / "registry"
ENRICHED = REPO / "tests" / "fixtures" / "differential" / "24.yaml"


def test_installed_validate_names_a_line_break_after_an_id(sh) -> None:
    result = sh("validate", "--lang", "en", "--format", "json", cwd=CASES / "invalid" / "line-break-in-id")
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)["problems"]
    ids = [p for p in problems if p["pointer"] == "$.applications[0].id"]
    assert [p["code"] for p in ids] == ["schema.pattern"]
    assert ids[0]["message"] == "'id': \"A1\\n\" does not match ^A[0-9]+$"
    assert "line break" in ids[0]["hint"]


def _future_codes(tmp_path: Path, on: str, today: datetime.date) -> list[str]:
    root = tmp_path / "registry"
    shutil.copytree(CASES / "invalid" / "future-date" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    text = project.read_text("utf-8").replace("9999-12-31", on).replace("9999-01-01", on)
    text = text.replace("9999-06-30", on).replace('"9999"', f'"{on}"')
    project.write_text(text, "utf-8")
    reg, problems = loader.load(root)
    return [p.pointer for p in checks.validate(reg, problems, today=today) if p.code == "date.future"]


def test_a_day_of_grace_for_time_zones_and_not_two(tmp_path: Path) -> None:
    today = datetime.date(2026, 12, 2)
    assert _future_codes(tmp_path / "a", "2026-12-03", today) == []  # already 3 December in 容桂
    assert _future_codes(tmp_path / "b", "2026-12-04", today) == [  # due_on is a plan: it may lie ahead
        "$.status_history[1].on",
        "$.teams[0].members[0].joined_on",
        "$.milestones[0].done_on",
        "$.indicators[0].actuals[0].on",
        "$.updates[0].date",
    ]
    assert _future_codes(tmp_path / "c", "2026-12-04", datetime.date(2026, 12, 3)) == []


def test_without_a_day_the_core_checks_no_dates_against_the_clock(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(CASES / "invalid" / "future-date" / "registry", root)
    reg, problems = loader.load(root)
    assert not [p for p in checks.validate(reg, problems) if p.code == "date.future"]


def test_partial_dates_that_exist_pass(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(CASES / "invalid" / "no-such-partial-day" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    text = project.read_text("utf-8").replace("2022-02-31", "2022-02").replace("2023-02-29", "2024-02-29")
    project.write_text(text.replace('"0000"', '"2021"'), "utf-8")
    reg, problems = loader.load(root)
    assert [p.code for p in checks.validate(reg, problems, today=datetime.date(2026, 12, 2))] == []


def test_json_output_never_carries_nan_even_when_weights_overflow(tmp_path: Path, run) -> None:
    """Two weights of 1e308 are finite and valid, but their sum is not: the report stays JSON."""
    root = tmp_path / "registry"
    shutil.copytree(REGISTRY, root)
    project = root / "programmes" / "ronggui-2022" / "projects" / "24.yaml"
    text = (
        (ENRICHED.read_text("utf-8")).replace("weight: 1\n", "weight: 1e308\n").replace("weight: 2.5", "weight: 1e308")
    )
    project.write_text(text, "utf-8")
    result = run(["jiebang", "report", "24", "--format", "json", "--registry", str(root), "--as-of", "2022-09-01"])
    assert result.exit_code == 0, result.output

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    doc = json.loads(result.stdout, parse_constant=refuse)
    assert doc["project"]["number"] == 24
    assert doc["progress"]["expected"] is None  # not NaN
