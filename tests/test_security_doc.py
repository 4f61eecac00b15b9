"""SECURITY.md stays true: every test it names as proof of a promise exists."""

from __future__ import annotations

import re

from conftest import REPO


def test_every_test_security_md_names_exists() -> None:
    text = (REPO / "SECURITY.md").read_text("utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text))
    assert len(named) > 15
    missing = [f"{f}::{n}" for f, n in sorted(named) if f"\ndef {n}(" not in (REPO / f).read_text("utf-8")]
    assert not missing, missing
    for script in re.findall(r"`(benchmarks/\w+\.py)`", text):
        assert (REPO / script).is_file(), script
