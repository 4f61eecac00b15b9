"""The register stays inside its folder: links and paths that leave it are refused, for reads and writes.

git records a symbolic link as the link, so a write through one changes a file the audit trail
never sees (the trial: "nothing changed", exit 0, the entry written outside) and a read through
one shows data that is not in the register. Real links on a real git repository; where the OS
refuses to make a link (Windows without the privilege) the test is skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import git
from jiebang import api
from jiebang.errors import UsageError
from jiebang.files import paths
from jiebang.writes import edits

PROGRAMME = Path("registry/programmes/hm-2023")
PROJECTS = PROGRAMME / "projects"
OUTSIDE_TITLE = "登记册之外的项目（虚构）"


def symlink(link: Path, target: Path | str, *, folder: bool = False) -> None:
    try:
        os.symlink(target, link, target_is_directory=folder)
    except (OSError, NotImplementedError) as exc:  # Windows without the symlink privilege
        pytest.skip(f"this system cannot make a symbolic link: {exc}")


def outside_copy(repo: Path) -> Path:
    """Project 01 moved out of the register (with a title to look for), and a link left in its place."""
    outside = repo.parent / "elsewhere" / "01.yaml"
    outside.parent.mkdir()
    text = (repo / PROJECTS / "01.yaml").read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    outside.write_text(text.replace(title, f"title: {OUTSIDE_TITLE}"), "utf-8")
    (repo / PROJECTS / "01.yaml").unlink()
    symlink(repo / PROJECTS / "01.yaml", outside)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hand: project 01 is now a link")
    return outside


def problems(run, *args: str) -> list[dict]:
    result = run(["jiebang", "validate", *args, "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)["problems"]


# ------------------------------------------------------------------------------ writes


def test_a_write_through_a_linked_project_file_goes_nowhere(repo: Path, sh) -> None:
    """The trial's reproduction, through the installed command: refused, outside file and git untouched."""
    outside = outside_copy(repo)
    before, head = outside.read_bytes(), git(repo, "rev-parse", "HEAD")
    result = sh("update", "1", "--author", "P0001", "-m", "经由链接（虚构）", "--on", "2023-02-10", cwd=repo)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "programmes/hm-2023/projects/01.yaml" in result.stderr  # names the file that could not be read
    assert "jiebang validate" in result.stderr
    assert outside.read_bytes() == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_a_new_file_through_a_dangling_link_is_refused_before_anything_is_written(repo: Path, run) -> None:
    target = repo.parent / "planted.yaml"
    symlink(repo / PROJECTS / "02.yaml", target)
    head = git(repo, "rev-parse", "HEAD")
    result = run(["jiebang", "--lang", "en", "add", "project", "--title", "新项目（虚构）", "--category", "1"])
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output and "is a symbolic link (to" in result.output
    assert str(target) in result.output and "nothing was written" in result.output
    assert "hint: delete the link" in result.output
    assert not target.exists()
    assert git(repo, "rev-parse", "HEAD") == head


def test_a_new_file_in_a_linked_folder_is_refused(repo: Path, run) -> None:
    outside = repo.parent / "projects-elsewhere"
    outside.mkdir()
    (repo / PROJECTS / "01.yaml").unlink()
    (repo / PROJECTS).rmdir()
    symlink(repo / PROJECTS, outside, folder=True)
    result = run(["jiebang", "--lang", "en", "add", "project", "--title", "新项目（虚构）", "--category", "1"])
    assert result.exit_code == 2, result.output
    assert f"{repo / PROJECTS} is a symbolic link" in " ".join(result.output.split())
    assert list(outside.iterdir()) == []


def test_a_change_that_names_a_path_out_of_the_register_is_refused(repo: Path) -> None:
    """Whatever a future command computes, `apply` writes nothing outside the register root."""
    escape = repo / "registry" / "programmes" / ".." / ".." / ".." / "escaped.yaml"

    def build(reg):
        return edits.Change({escape: "x: 1\n"}, "test escape", "hm-2023/01")

    with pytest.raises(UsageError) as raised:
        api.apply(build)
    assert raised.value.key == "edit.outside"
    assert not (repo.parent / "escaped.yaml").exists()


def test_a_register_root_that_is_a_link_the_user_chose_is_fine(repo: Path, run, tmp_path: Path) -> None:
    """The root is resolved once; only what lies below it must be real."""
    link = tmp_path / "office-link"
    symlink(link, repo / "registry", folder=True)
    result = run(
        ["jiebang", "update", "1", "--registry", str(link), "--author", "P0001", "-m", "经由根目录链接（虚构）"]
    )
    assert result.exit_code == 0, result.output
    assert "经由根目录链接（虚构）" in git(repo, "show", f"HEAD:{(PROJECTS / '01.yaml').as_posix()}")


# ------------------------------------------------------------------------------ reads


def test_reads_do_not_follow_a_linked_project_file(repo: Path, run) -> None:
    outside_copy(repo)
    found = problems(run)
    assert [(p["code"], p["path"]) for p in found if p["severity"] == "error"] == [
        ("file.symlink", str(PROJECTS / "01.yaml"))
    ]
    assert found[0]["args"]["target"] == str(repo.parent / "elsewhere" / "01.yaml")
    listing = run(["jiebang", "list"])
    assert OUTSIDE_TITLE not in listing.output
    shown = run(["jiebang", "--lang", "en", "show", "1"])
    assert shown.exit_code == 2 and OUTSIDE_TITLE not in shown.output
    assert "1 project file could not be read" in shown.output


def test_validate_names_the_link_when_given_the_link_itself(repo: Path, run) -> None:
    outside_copy(repo)
    found = problems(run, str(PROJECTS / "01.yaml"))
    assert ("file.symlink", str(PROJECTS / "01.yaml")) in [(p["code"], p["path"]) for p in found]


def test_a_link_inside_the_register_is_refused_too(repo: Path, run) -> None:
    """git would record a second project that is only a pointer: refused wherever a link points."""
    symlink(repo / PROJECTS / "02.yaml", "01.yaml")
    assert [(p["code"], p["args"].get("target")) for p in problems(run) if p["severity"] == "error"] == [
        ("file.symlink", "01.yaml")
    ]


def test_a_linked_programme_folder_is_reported_not_silently_skipped(repo: Path, run, tmp_path: Path) -> None:
    elsewhere = tmp_path / "hm-2024"
    (repo / PROGRAMME).rename(elsewhere)
    symlink(repo / PROGRAMME, elsewhere, folder=True)
    result = run(["jiebang", "--lang", "en", "validate"])
    assert result.exit_code == 1
    assert f"{PROGRAMME}: error [file.symlink]: this is a symbolic link (to {elsewhere})" in result.output
    assert "hint: git records the link" in result.output


def test_a_broken_link_is_reported(repo: Path, run) -> None:
    symlink(repo / PROGRAMME / "extra", repo.parent / "gone", folder=True)
    assert ("file.symlink", str(PROGRAMME / "extra")) in [(p["code"], p["path"]) for p in problems(run)]


# ------------------------------------------------------------------------------ the check itself


def test_refusal_of_paths(tmp_path: Path) -> None:
    root = (tmp_path / "reg").resolve()
    (root / "programmes" / "p" / "projects").mkdir(parents=True)
    new = root / "programmes" / "p" / "projects" / "07.yaml"
    assert paths.refusal(root, new) is None  # a file yet to be written
    assert paths.refusal(root, Path("programmes/p/programme.yaml")) is None  # relative to the root
    for escape in (root / "programmes" / ".." / ".." / "x.yaml", tmp_path / "x.yaml", Path("../x.yaml")):
        why = paths.refusal(root, escape)
        assert why is not None and why.code == "file.outside", escape
    symlink(root / "programmes" / "q", tmp_path, folder=True)
    why = paths.refusal(root, root / "programmes" / "q" / "projects" / "01.yaml")
    assert why is not None
    assert (why.code, why.link, why.target) == ("file.symlink", root / "programmes" / "q", str(tmp_path))


# ------------------------------------------------------------------------------ files that are there but unreadable


def test_a_file_that_cannot_be_read_is_not_replaced_by_a_new_one(repo: Path, run) -> None:
    """Found with the tag tests: an unreadable people.yaml looked absent, and `add person` wrote a new
    file over it, losing every person in it, while the project that names them was unreadable too."""
    people = repo / PROGRAMME / "people.yaml"
    for path in (people, repo / PROJECTS / "01.yaml"):
        path.write_text(path.read_text("utf-8") + "x-note: [未闭合\n", "utf-8")  # a YAML syntax error
    git(repo, "commit", "-qam", "hand: two files broken")
    before, head = people.read_bytes(), git(repo, "rev-parse", "HEAD")
    result = run(["jiebang", "--lang", "en", "add", "person", "--name", "测试戊"])
    assert result.exit_code == 2, result.output
    assert f"cannot write {people}: the file is there but cannot be read" in " ".join(result.output.split())
    assert "hint: run jiebang validate" in result.output
    assert people.read_bytes() == before
    assert git(repo, "rev-parse", "HEAD") == head


def test_refusals_check_each_folder_once_and_refuse_every_file_below_a_link(tmp_path: Path) -> None:
    """`refusals` asks once per folder (grouped by the folder's path as text) and refuses each
    file whose folder leads through a link, the files of a real folder passing."""
    root = tmp_path.resolve()
    (root / "real").mkdir()
    (root / "elsewhere").mkdir()
    symlink(root / "linked", root / "elsewhere", folder=True)
    files = [
        (root / "real" / "a.yaml", False),
        (root / "linked" / "a.yaml", False),
        (root / "linked" / "b.yaml", False),
    ]
    found = dict(paths.refusals(root, files))
    assert found[root / "real" / "a.yaml"] is None
    for name in ("a.yaml", "b.yaml"):
        refused = found[root / "linked" / name]
        assert refused is not None and refused.code == "file.symlink" and refused.link == root / "linked"
