"""The mutation-run plugin (tests/mutation_order.py) in a real pytest session: killers first,
kills remembered, and nothing changed for an ordinary run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

MODULE = """
import pytest

def test_slow(): pass
def test_quick(): pass
def test_killer(): pass
def test_cheap_killer(): pass
def test_fails(): assert False
"""


def _order(folder: Path, mutant: str | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MUTANT_UNDER_TEST", "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = str(TESTS)
    if mutant:
        env["MUTANT_UNDER_TEST"] = mutant
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "mutation_order", "-p", "no:randomly", "-p", "no:xdist",
         "-p", "no:cacheprovider", "test_m.py"],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    return [line.split("::")[1].split()[0] for line in out.splitlines() if line.startswith("test_m.py::")]


def test_under_a_mutant_the_killers_run_first_cheapest_per_kill_then_the_quickest(tmp_path: Path) -> None:
    (tmp_path / "test_m.py").write_text(MODULE, "utf-8")
    durations = {"test_m.py::test_slow": 5.0, "test_m.py::test_quick": 0.1, "test_m.py::test_killer": 3.0,
                 "test_m.py::test_cheap_killer": 2.0, "test_m.py::test_fails": 4.0}  # fmt: skip
    (tmp_path / "mutmut-stats.json").write_text(json.dumps({"duration_by_test": durations}), "utf-8")
    # test_killer: 3 kills, 1 s a kill; test_cheap_killer: 1 kill, 2 s
    (tmp_path / "mutation-killers.txt").write_text("test_m.py::test_killer\n" * 3 + "test_m.py::test_cheap_killer\n")
    assert _order(tmp_path, "jiebang.x_f__mutmut_1") == [
        "test_killer", "test_cheap_killer", "test_quick", "test_fails", "test_slow"
    ]  # fmt: skip
    kills = (tmp_path / "mutation-killers.txt").read_text("utf-8").splitlines()
    assert kills[-1] == "test_m.py::test_fails" and len(kills) == 5  # the failure is remembered as a kill


def test_an_ordinary_run_keeps_its_order_and_remembers_nothing(tmp_path: Path) -> None:
    (tmp_path / "test_m.py").write_text(MODULE, "utf-8")
    (tmp_path / "mutmut-stats.json").write_text(json.dumps({"duration_by_test": {"test_m.py::test_fails": 0}}))
    for mutant in (None, "stats"):  # mutmut's own stats and clean-test runs name no mutant
        assert _order(tmp_path, mutant) == ["test_slow", "test_quick", "test_killer", "test_cheap_killer", "test_fails"]
    assert not (tmp_path / "mutation-killers.txt").exists()


def test_a_damaged_stats_or_killers_file_is_no_reason_to_fail(tmp_path: Path) -> None:
    (tmp_path / "test_m.py").write_text(MODULE, "utf-8")
    (tmp_path / "mutmut-stats.json").write_text("{not json", "utf-8")
    assert sorted(_order(tmp_path, "m.x_f__mutmut_2")) == sorted(
        ["test_slow", "test_quick", "test_killer", "test_cheap_killer", "test_fails"]
    )
