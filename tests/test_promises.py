"""Promises that a planted bug once broke with the whole suite green (issue 13): each has a
test here that fails when the promise does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git, make_handmade_repo
from jiebang import api
from test_malformed import _pii


@pytest.mark.parametrize("prefix", [f"1{d}" for d in range(3, 10)])
def test_every_mobile_prefix_is_flagged(prefix: str) -> None:
    """Mobile numbers start 13x to 19x; the check must not know only 138."""
    number = f"{prefix}912345678"
    assert _pii(f"notes: {number}\n") == [("pii.phone", 1, 8, f"{number[:3]}******{number[-2:]}")]


@pytest.mark.parametrize("prefix", ["10", "11", "12"])
def test_numbers_that_are_no_mobile_prefix_pass(prefix: str) -> None:
    assert _pii(f"notes: {prefix}912345678\n") == []


@pytest.mark.parametrize("stop", [KeyboardInterrupt, EOFError], ids=["ctrl-c", "ctrl-d-at-a-prompt"])
def test_an_interruption_exits_130_without_a_traceback(run, monkeypatch: pytest.MonkeyPatch, stop: type) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise stop

    monkeypatch.setattr(api, "open_register", interrupted)
    result = run(["jiebang", "list"])
    assert result.exit_code == 130
    assert "Traceback" not in result.output


def test_add_category_through_the_cli(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    name = "文化旅游融合发展（虚构）"
    result = run(["jiebang", "add", "category", "--key", "culture", "--short", "文旅", "--name", name])
    assert result.exit_code == 0, result.output
    programme = (root / "registry/programmes/hm-2023/programme.yaml").read_text("utf-8")
    assert "key: culture" in programme and "short: 文旅" in programme and "name: 文化旅游融合发展（虚构）" in programme
    assert git(root, "log", "-1", "--format=%s").startswith("jiebang: add category")
    listed = run(["jiebang", "list", "--category", "文旅", "--format", "json"])
    assert listed.exit_code == 0 and listed.stdout.strip() == "[]"
    assert run(["jiebang", "validate"]).exit_code == 0


def test_a_second_revision_of_a_milestone_date_keeps_its_own_reason(run, tmp_path: Path, monkeypatch) -> None:
    """A planted bug reused the earlier reason for a later revised date: each revision says why it was made."""
    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    assert run(["jiebang", "move", "1", "active", "--on", "2023-02-01"]).exit_code == 0
    revise = ["jiebang", "milestone", "1", "M1", "--due"]
    assert run([*revise, "2023-04-30", "--reason", "供地推迟（虚构）", "--on", "2023-03-01"]).exit_code == 0
    assert run([*revise, "2023-05-31", "--reason", "设计变更（虚构）", "--on", "2023-04-01"]).exit_code == 0
    text = (root / "registry/programmes/hm-2023/projects/01.yaml").read_text("utf-8")
    assert "revised_due_on: 2023-05-31" in text and "revision_reason: 设计变更（虚构）" in text
    assert "revision_reason: 供地推迟（虚构）" not in text  # the file holds the current revision; git the earlier one
