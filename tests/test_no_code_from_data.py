"""No code runs from data (SECURITY.md): a Python tag in any register file is refused by every command.

The YAML reader knows only the core tags, and the writer's round-trip reader keeps unknown tags
as inert text; this proves it end to end, through reads, writes, history and the installed script.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git, make_handmade_repo

PROGRAMME = Path("registry/programmes/hm-2023")


@pytest.fixture
def tagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A register whose project and people files each carry a tag that would create `witness` if run."""
    repo = make_handmade_repo(tmp_path)
    witness = tmp_path / "pwned"
    payload = f'x-run: !!python/object/apply:os.system ["touch {witness}"]\n'
    for name in ("projects/01.yaml", "people.yaml"):
        path = repo / PROGRAMME / name
        path.write_text(path.read_text("utf-8") + payload, "utf-8")
    git(repo, "commit", "-qam", "hand: a hostile tag")
    monkeypatch.chdir(repo)
    return repo, witness


COMMANDS = [
    ["validate"],
    ["validate", "--since", "HEAD~1"],
    ["list"],
    ["status"],
    ["status", "--known-at", "HEAD"],
    ["show", "1"],
    ["report", "1"],
    ["history", "1"],
    ["changes", "--since", "HEAD~1"],
    ["update", "1", "--author", "P0001", "-m", "带标签的文件（虚构）", "--include-edits"],
    ["add", "person", "--name", "测试戊", "--include-edits"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_python_tag_never_runs(tagged: tuple[Path, Path], run, argv: list[str]) -> None:
    repo, witness = tagged
    head = git(repo, "rev-parse", "HEAD")
    result = run(["jiebang", "--lang", "en", *argv])
    assert result.exit_code in (0, 1, 2), result.output  # never an internal error
    assert not witness.exists()
    assert git(repo, "rev-parse", "HEAD") == head  # nothing was committed over the tagged files


def test_validate_names_the_tag_in_each_file_through_the_installed_command(tagged: tuple[Path, Path], sh) -> None:
    repo, witness = tagged
    result = sh("validate", "--lang", "en", cwd=repo)
    assert result.returncode == 1
    for name in ("projects/01.yaml", "people.yaml"):
        assert f"{name}:" in result.stdout
    assert result.stdout.count("[yaml.tag]") == 2
    assert "tag !!python/object/apply:os.system is not accepted" in result.stdout
    assert not witness.exists()
