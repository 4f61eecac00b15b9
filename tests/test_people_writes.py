"""Person edits on the register-wide people file and the old layout, and no second identity by
script (an office trial, findings 1, 6, 17): `set person` found nobody once people moved to
`registry/people.yaml`, `add person` took 劉洋 beside 刘洋, and both asked for a programme."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, git, repo_of

OLD = REPO / "tests" / "fixtures" / "old-layout" / "registry"


def _ok(run, *args: str) -> str:
    result = run(["jiebang", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled sample: one programme, everyone in the register-wide people.yaml."""
    return repo_of(tmp_path, monkeypatch, SAMPLE)


@pytest.fixture
def migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> Path:
    """Two programmes sharing the register-wide people.yaml (测试甲 P0001, 测试乙 P0002, 测试丁 P0003)."""
    root = repo_of(tmp_path, monkeypatch, OLD)
    _ok(run, "migrate")
    return root


def _people(root: Path) -> str:
    return (root / "registry" / "people.yaml").read_text("utf-8")


def test_set_person_edits_the_register_wide_people_file(sample: Path, run) -> None:
    _ok(run, "set", "person", "梁楚翔", "--post", "测试职务")
    assert "post: 测试职务" in _people(sample)
    assert git(sample, "log", "-1", "--format=%s") == "jiebang: set person P0007 post=测试职务\n"
    assert git(sample, "status", "--porcelain") == ""
    _ok(run, "set", "person", "P0007", "--name", "梁楚祥")
    text = _people(sample)
    assert "name: 梁楚祥" in text and "former_names:\n      - 梁楚翔" in text
    _ok(run, "set", "person", "梁楚翔", "--retire", "--reason", "调离（虚构）", "--on", "2023-03-01")
    assert "retired_on: 2023-03-01" in _people(sample)


def test_with_two_programmes_person_commands_need_no_programme(migrated: Path, run) -> None:
    _ok(run, "set", "person", "测试丁", "--unit", "测试社区")
    assert "name: 测试丁\n    unit: 测试社区" in _people(migrated)
    _ok(run, "add", "person", "--name", "测试戊")
    assert "  - id: P0004\n    name: 测试戊\n" in _people(migrated)
    # Naming a programme still works, and the person still goes to the one register-wide file.
    _ok(run, "set", "person", "测试戊", "--post", "网格员", "--programme", "ol-2023")
    assert "name: 测试戊\n    post: 网格员" in _people(migrated)


def test_set_person_on_the_old_layout_edits_the_programmes_own_file(tmp_path: Path, monkeypatch, run) -> None:
    root = repo_of(tmp_path, monkeypatch, OLD)
    result = run(["jiebang", "set", "person", "测试丁", "--post", "网格员"])
    assert result.exit_code == 2 and "--programme" in result.output  # two files: which one is meant
    _ok(run, "set", "person", "测试丁", "--post", "网格员", "--programme", "ol-2023")
    own = root / "registry" / "programmes" / "ol-2023" / "people.yaml"
    assert "name: 测试丁\n    post: 网格员" in own.read_text("utf-8")
    assert git(root, "status", "--porcelain") == ""


@pytest.mark.parametrize("name", ["測試甲", "测试甲"])
def test_add_person_refuses_a_name_someone_has_in_either_script(migrated: Path, run, name: str) -> None:
    before = _people(migrated)
    result = run(["jiebang", "add", "person", "--name", name])
    assert result.exit_code == 2
    assert "P0001，测试甲，测试街道办" in result.output and "--same-name-ok" in result.output
    assert _people(migrated) == before


def test_a_namesake_is_added_with_same_name_ok(migrated: Path, run) -> None:
    _ok(run, "add", "person", "--name", "測試甲", "--unit", "另一单位", "--same-name-ok")
    assert "  - id: P0004\n    name: 測試甲\n    unit: 另一单位\n" in _people(migrated)


def test_renaming_to_someone_elses_name_is_refused_but_not_to_ones_own(migrated: Path, run) -> None:
    result = run(["jiebang", "--lang", "en", "set", "person", "测试丁", "--name", "測試乙"])
    assert result.exit_code == 2 and "P0002" in result.output and "--same-name-ok" in result.output
    _ok(run, "set", "person", "测试丁", "--name", "測試丁")  # the same person, now written in Traditional
    assert "name: 測試丁\n    former_names:\n      - 测试丁" in _people(migrated)
