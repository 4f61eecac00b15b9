"""A pytest plugin for mutation runs (benchmarks/mutation.py), loaded by conftest.py; it does
nothing unless mutmut is testing a mutant.

A mutant's run stops at the first test that fails, and mutmut hands its tests over in no order:
the tests that have killed mutants already run first (a test that notices one change to a
function tends to notice the next), cheapest per kill first, then the quickest of the rest.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

MUTANT_KILLERS = "mutation-killers.txt"  # in the folder mutmut runs the tests from, beside its stats


def _under_mutation() -> bool:
    return "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", "")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not _under_mutation():
        return
    try:
        durations = json.loads(Path("mutmut-stats.json").read_text("utf-8"))["duration_by_test"]
    except (OSError, ValueError, KeyError, TypeError):
        durations = {}
    try:
        killers = Counter(Path(MUTANT_KILLERS).read_text("utf-8").split("\n"))
    except OSError:
        killers = Counter()

    def cost(item: pytest.Item) -> tuple[bool, float]:
        kills, seconds = killers[item.nodeid], durations.get(item.nodeid, 0.0)
        return (not kills, seconds / kills if kills else seconds)

    items.sort(key=cost)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and _under_mutation():
        with open(MUTANT_KILLERS, "a", encoding="utf-8") as out:  # one short append per kill
            out.write(report.nodeid + "\n")
