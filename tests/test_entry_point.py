"""The console-script entry point, apart from the commands it runs."""

from __future__ import annotations

import gc
import sys

import pytest

from jiebang import cli


def test_the_entry_point_makes_the_collectors_passes_rare(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command runs with the raised thresholds (a large read spent a quarter of its time in
    full collections over acyclic rows)."""
    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(sys, "argv", ["jiebang", "status"])
    monkeypatch.setattr(cli, "build_app", lambda only: lambda: seen.append(gc.get_threshold()))
    before = gc.get_threshold()
    try:
        cli.main()
    finally:
        gc.set_threshold(*before)
    assert seen == [cli.GC_THRESHOLDS]
    assert cli.GC_THRESHOLDS[0] > before[0]
