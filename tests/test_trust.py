"""Numbers and read views a leader can trust (clerk's month, findings 2, 4-7, 11-13)."""

from __future__ import annotations

from pathlib import Path

from conftest import git, make_handmade_repo


def _programme_file(root: Path) -> Path:
    return next((root / "registry" / "programmes").glob("*/programme.yaml"))


# ------------------------------------------------------------------------------ 5: declared counts never move


def test_adding_a_project_or_category_leaves_the_published_count_alone(tmp_path: Path, run, monkeypatch) -> None:
    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    before = _programme_file(root).read_text(encoding="utf-8")
    assert "  projects: 1\n" in before
    added = run(["jiebang", "add", "project", "--title", "第二个项目（虚构）", "--category", "民生"])
    assert added.exit_code == 0, added.output
    assert _programme_file(root).read_text(encoding="utf-8") == before
    assert git(root, "show", "--stat", "--format=", "HEAD").count("|") == 1  # only the new project file
    check = run(["jiebang", "validate"])
    assert "警告 [count.declared]" in check.stdout and "实际是 2" in check.stdout


# ------------------------------------------------------------------------------ 7: distinct column labels


def test_list_csv_labels_every_column_once_in_both_languages(run, monkeypatch) -> None:
    import csv
    import io

    from conftest import SAMPLE

    monkeypatch.setenv("JIEBANG_REGISTRY", str(SAMPLE))
    for lang, next_due, project_due in (("en", "Next due", "Project due"), ("zh", "节点日期", "项目完成期限")):
        out = run(["jiebang", "list", "--format", "csv", "--lang", lang, "--as-of", "2023-06-30"])
        assert out.exit_code == 0, out.output
        header = next(csv.reader(io.StringIO(out.stdout)))
        assert len(header) == len(set(header)), header
        assert next_due in header and project_due in header


# ------------------------------------------------------------------------------ 12: one count of errors


def test_read_commands_count_errors_as_validate_does(tmp_path: Path, run, monkeypatch) -> None:
    import re

    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    programme = _programme_file(root)
    project = next(programme.parent.glob("projects/*.yaml"))
    (programme.parent / "projects" / "99.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("status: ", "status: nonsense-", 1), encoding="utf-8")
    check = run(["jiebang", "validate"])
    total = int(re.search(r"(\d+) 个错误", check.stderr)[1])
    assert total >= 2
    for command in (["status"], ["list"], ["milestones"]):
        out = run(["jiebang", *command])
        assert "有 1 个文件无法读取" in out.stderr
        assert f"登记册有 {total} 个错误" in out.stderr, out.stderr
