"""The scale benchmarks' synthetic register (benchmarks/synth.py): its figures mean something only if
the register is valid, the same for the same seed, and its planted errors are the ones reported."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from jiebang import api

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_valid_and_realistic(tmp_path: Path) -> None:
    synth.generate(tmp_path / "registry", 40, programmes=2)
    result = api.validate(option=str(tmp_path / "registry"), env=None, cwd=tmp_path)
    assert [p.code for p in result.problems] == []
    assert result.projects == 40
    size = sum(p.stat().st_size for p in (tmp_path / "registry").rglob("projects/*.yaml")) / 40
    assert 1500 < size < 3500  # the issue measures ~2.4 KB a project
    reg, _ = api.open_register(str(tmp_path / "registry"), None, tmp_path)
    views = api.select(reg, as_of=synth.AS_OF)
    assert {v.rag.label for v in views} >= {"green", "amber", "red"}  # not every project in one state


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    synth.generate(tmp_path / "a", 30, seed=7)
    synth.generate(tmp_path / "b", 30, seed=7)
    synth.generate(tmp_path / "c", 30, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_planted_errors_are_reported(tmp_path: Path) -> None:
    planted = synth.generate(tmp_path / "registry", 30, plant=len(synth.PLANTS))
    assert json.loads((tmp_path / "planted.json").read_text("utf-8")) == planted
    result = api.validate(option=str(tmp_path / "registry"), env=None, cwd=tmp_path)
    root = (tmp_path / "registry").resolve()
    found = {(Path(p.path).resolve().relative_to(root).as_posix(), p.code) for p in result.problems}
    assert {(p["file"], p["code"]) for p in planted} <= found
    assert len({p["code"] for p in planted}) == len(synth.PLANTS)
