"""jiebang.writes.git against real git repositories in tmp_path (no mocks)."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path

import pytest

from jiebang.errors import ExitCode, JiebangError
from jiebang.writes import git

D = "registry/projects"
NAME = "容桂-2022-24 智能制造.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "仓库"
    git.init(path)
    return path


def write(repo: Path, rel: str, text: str) -> Path:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def save(repo: Path, files: dict[str, str | None], message: str) -> str:
    """Write (or delete, for None) files and commit them through git.commit."""
    paths = []
    for rel, text in files.items():
        if text is None:
            (repo / rel).unlink()
            paths.append(Path(rel))
        else:
            paths.append(write(repo, rel, text))
    sha = git.commit(repo, paths, message)
    assert sha is not None
    return sha


def staged(repo: Path) -> list[str]:
    out = git.run(["diff", "--cached", "--name-only", "-z"], repo).stdout
    return [n.decode("utf-8") for n in out.split(b"\0") if n]


def at(monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    monkeypatch.setenv("GIT_AUTHOR_DATE", stamp)
    monkeypatch.setenv("GIT_COMMITTER_DATE", stamp)


def test_init_toplevel_head(repo: Path, tmp_path: Path) -> None:
    assert (repo / ".git").is_dir()
    assert git.toplevel(repo) == repo.resolve()
    sub = write(repo, "子目录/文件.yaml", "a: 1\n")
    assert git.toplevel(sub) == repo.resolve()
    assert git.toplevel(sub.parent / "not-yet" / "x.yaml") == repo.resolve()
    outside = tmp_path / "outside"
    outside.mkdir()
    assert git.toplevel(outside) is None
    assert git.head(repo) is None
    assert git.rev_at(repo, date(2030, 1, 1)) is None
    assert git.file_log(repo, "子目录/文件.yaml") == []
    git.init(repo)  # again: harmless


def test_commit_cjk_names_and_content(repo: Path) -> None:
    text = "名称: 智能制造关键技术攻关\n牵头单位: 顺德区容桂街道\n"
    sha = save(repo, {f"{D}/{NAME}": text}, "新增项目：智能制造")
    assert len(sha) in (40, 64)
    assert git.head(repo) == sha
    assert git.resolve(repo, "HEAD") == sha
    assert git.show(repo, sha, f"{D}/{NAME}") == text.encode("utf-8")
    assert git.tree_files(repo, "HEAD", D) == [(NAME, text.encode("utf-8"))]
    (log,) = git.file_log(repo, f"{D}/{NAME}")
    assert log.hash == sha
    assert log.parents == ()
    assert log.subject == "新增项目：智能制造"
    assert log.author_name == "测试者"
    assert log.author_email == "tester@example.invalid"
    assert git.dirty(repo, [repo / D / NAME]) == []


def test_dirty(repo: Path) -> None:
    save(repo, {"a.yaml": "a\n", "b.yaml": "b\n", "c.yaml": "c\n", "甲.yaml": "甲\n"}, "base")
    write(repo, ".gitignore", "*.tmp\n")
    write(repo, "a.yaml", "changed\n")  # unstaged
    write(repo, "b.yaml", "changed\n")
    git.run(["add", "b.yaml"], repo)  # staged
    write(repo, "新.yaml", "new\n")  # untracked
    write(repo, "x.tmp", "ignored\n")
    (repo / "甲.yaml").unlink()  # deleted
    write(repo, "dir/inner.yaml", "new\n")
    asked = [
        Path("a.yaml"),
        repo / "b.yaml",
        Path("c.yaml"),
        Path("新.yaml"),
        Path("x.tmp"),
        Path("甲.yaml"),
        Path("missing.yaml"),
        Path("dir"),
    ]
    assert git.dirty(repo, asked) == [Path("a.yaml"), repo / "b.yaml", Path("新.yaml"), Path("甲.yaml"), Path("dir")]
    assert git.dirty(repo, [Path("c.yaml")]) == []
    assert git.dirty(repo, []) == []


def test_dirty_sees_both_sides_of_a_staged_rename(repo: Path) -> None:
    save(repo, {"old.yaml": "x: 1\n" * 20, "other.yaml": "o\n"}, "base")
    git.run(["mv", "old.yaml", "new.yaml"], repo)
    assert git.dirty(repo, [Path("old.yaml"), Path("new.yaml"), Path("other.yaml")]) == [
        Path("old.yaml"),
        Path("new.yaml"),
    ]


def test_commit_only_the_given_paths(repo: Path) -> None:
    base = save(repo, {"mine.yaml": "1\n", "theirs.yaml": "1\n"}, "base")
    write(repo, "theirs.yaml", "user's staged edit\n")
    git.run(["add", "theirs.yaml"], repo)
    write(repo, "unstaged.yaml", "untracked\n")
    write(repo, "mine.yaml", "2\n")
    write(repo, "新文件.yaml", "new\n")
    sha = git.commit(repo, [repo / "mine.yaml", Path("新文件.yaml")], "jiebang: update")
    assert sha is not None and sha != base
    assert [(s, n) for s, _, n in git.changed_files(repo, sha, "")] == [("M", "mine.yaml"), ("A", "新文件.yaml")]
    assert staged(repo) == ["theirs.yaml"]  # the user's staged change is still staged
    assert git.show(repo, sha, "theirs.yaml") == b"1\n"
    assert git.dirty(repo, [Path("unstaged.yaml")]) == [Path("unstaged.yaml")]


def test_commit_deleted_file_and_nothing_to_commit(repo: Path) -> None:
    save(repo, {"a.yaml": "a\n", "b.yaml": "b\n"}, "base")
    assert git.commit(repo, [Path("a.yaml")], "no change") is None
    assert git.commit(repo, [Path("never-existed.yaml")], "no change") is None
    assert git.commit(repo, [], "no change") is None
    sha = save(repo, {"a.yaml": None}, "remove a")
    assert git.changed_files(repo, sha, "") == [("D", "a.yaml", None)]
    assert git.show(repo, sha, "a.yaml") is None
    assert git.show(repo, f"{sha}~1", "a.yaml") == b"a\n"


def test_commit_message_is_kept_verbatim(repo: Path) -> None:
    sha = save(repo, {"a.yaml": "a\n"}, "第一行\n\n#12 不是注释\n第三行\n")
    (c,) = git.file_log(repo, "a.yaml")
    assert c.hash == sha
    assert (c.subject, c.body) == ("第一行", "#12 不是注释\n第三行")


def test_stage_only(repo: Path) -> None:
    base = save(repo, {"a.yaml": "a\n"}, "base")
    write(repo, "a.yaml", "b\n")
    assert git.commit(repo, [Path("a.yaml")], "msg", stage_only=True) is None
    assert staged(repo) == ["a.yaml"]
    assert git.head(repo) == base


def test_no_identity(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty_home = tmp_path / "empty-home"
    empty_home.mkdir()
    monkeypatch.setenv("HOME", str(empty_home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("NAME", "EMAIL", "DATE"):
        monkeypatch.delenv(f"GIT_AUTHOR_{var}", raising=False)
        monkeypatch.delenv(f"GIT_COMMITTER_{var}", raising=False)
    monkeypatch.delenv("EMAIL", raising=False)
    write(repo, "a.yaml", "a\n")
    with pytest.raises(JiebangError) as info:
        git.commit(repo, [Path("a.yaml")], "msg")
    err = info.value
    assert err.key == "git.no-identity"
    assert err.exit_code == ExitCode.USAGE
    assert err.args_["repo"] == str(repo)
    assert err.args_["which"] == "author"
    assert "git config" in err.args_["fix"]
    assert err.args_["detail"]
    assert staged(repo) == []  # refused before staging anything
    assert git.head(repo) is None
    # A repository-local identity is a configured identity.
    git.run(["config", "user.name", "本地"], repo)
    git.run(["config", "user.email", "local@example.invalid"], repo)
    sha = git.commit(repo, [Path("a.yaml")], "msg")
    assert sha is not None
    assert git.file_log(repo, "a.yaml")[0].author_name == "本地"


def test_rev_at_uses_committer_date_end_of_day_utc(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2022-06-01T10:00:00+00:00")
    c1 = save(repo, {"a.yaml": "1\n"}, "c1")
    at(monkeypatch, "2022-06-30T23:59:59+00:00")
    c2 = save(repo, {"a.yaml": "2\n"}, "c2")
    at(monkeypatch, "2022-07-01T00:00:00+00:00")
    c3 = save(repo, {"a.yaml": "3\n"}, "c3")
    # Authored long ago but committed (e.g. rebased) later: the committer date decides.
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2022-01-01T00:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2022-07-05T12:00:00+08:00")
    c4 = save(repo, {"a.yaml": "4\n"}, "c4")
    assert git.rev_at(repo, date(2022, 5, 31)) is None
    assert git.rev_at(repo, date(2022, 6, 1)) == c1
    assert git.rev_at(repo, date(2022, 6, 29)) == c1
    assert git.rev_at(repo, date(2022, 6, 30)) == c2  # 23:59:59 is still that day
    assert git.rev_at(repo, date(2022, 7, 1)) == c3
    assert git.rev_at(repo, date(2022, 7, 4)) == c3
    assert git.rev_at(repo, date(2022, 7, 5)) == c4
    # In China Standard Time, c3 (00:00 UTC = 08:00 +08:00) is July 1 too, but c2 is July 1 07:59:59.
    cst = timezone(timedelta(hours=8))
    assert git.rev_at(repo, date(2022, 6, 30), tz=cst) == c1
    assert git.show(repo, git.rev_at(repo, date(2022, 6, 30)) or "", "a.yaml") == b"2\n"


def test_rev_at_ignores_side_branch_commits_merged_later(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2022-06-01T00:00:00+00:00")
    c1 = save(repo, {"a.yaml": "1\n"}, "c1")
    main = git.run(["symbolic-ref", "--short", "HEAD"], repo).stdout.decode().strip()
    git.run(["switch", "-q", "-c", "side"], repo)
    at(monkeypatch, "2022-06-10T00:00:00+00:00")
    save(repo, {"b.yaml": "side\n"}, "side work")
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, "2022-07-01T00:00:00+00:00")
    git.run(["merge", "-q", "--no-ff", "-m", "merge side", "side"], repo)
    assert git.rev_at(repo, date(2022, 6, 30)) == c1


def test_tree_files_at_a_revision(repo: Path) -> None:
    files = {f"{D}/项目{i:03d}.yaml": f"编号: {i}\n" for i in range(300)}
    files[f"{D}/same-a.yaml"] = "same\n"
    files[f"{D}/same-b.yaml"] = "same\n"
    files[f"{D}/empty.yaml"] = ""
    files[f"{D}/深/层/文件.yaml"] = "deep\n"
    files["elsewhere.yaml"] = "not under subdir\n"
    first = save(repo, files, "many")
    (repo / D / "binary.bin").write_bytes(b"\x00\n\xff\n")
    save(repo, {f"{D}/项目000.yaml": "编号: changed\n", f"{D}/项目001.yaml": None}, "later")
    git.commit(repo, [repo / D / "binary.bin"], "binary")
    want = {k.removeprefix(D + "/"): v.encode("utf-8") for k, v in files.items() if k.startswith(D)}
    got = git.tree_files(repo, first, D)
    assert dict(got) == want
    assert [p for p, _ in got] == sorted(want)
    now = dict(git.tree_files(repo, "HEAD", D + "/"))
    assert now["项目000.yaml"] == "编号: changed\n".encode()
    assert "项目001.yaml" not in now
    assert now["binary.bin"] == b"\x00\n\xff\n"
    assert dict(git.tree_files(repo, first, f"{D}/深")) == {"层/文件.yaml": b"deep\n"}
    assert len(git.tree_files(repo, first, "")) == len(files)
    assert git.tree_files(repo, first, "no/such/dir") == []
    assert git.tree_files(repo, first, "elsewhere.yaml") == []
    with pytest.raises(JiebangError) as info:
        git.tree_files(repo, "no-such-branch", D)
    assert info.value.key == "git.bad-revision"
    assert info.value.args_["rev"] == "no-such-branch"


def test_file_log_follows_rename_and_hand_commits(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f"字段{i}: 值{i}\n" for i in range(20))
    c1 = save(repo, {f"{D}/旧名.yaml": body}, "jiebang: add")
    # Somebody edits and renames by hand, with their own identity.
    monkeypatch.setenv("GIT_AUTHOR_NAME", "李四")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "lisi@example.invalid")
    git.run(["mv", f"{D}/旧名.yaml", f"{D}/新名.yaml"], repo)
    write(repo, f"{D}/新名.yaml", body + "备注: 手改\n")
    git.run(["add", "-A"], repo)
    git.run(["commit", "-q", "-m", "手工改名"], repo)
    c2 = git.head(repo)
    save(repo, {"unrelated.yaml": "x\n"}, "unrelated")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "王五")
    c3 = save(repo, {f"{D}/新名.yaml": body + "备注: 再改\n"}, "edit")
    log = git.file_log(repo, f"{D}/新名.yaml")
    assert [c.hash for c in log] == [c3, c2, c1]
    assert [c.author_name for c in log] == ["王五", "李四", "测试者"]
    assert log[1].author_email == "lisi@example.invalid"
    assert log[1].subject == "手工改名"
    assert log[0].parents and log[1].parents == (c1,)
    assert log[0].author_date.startswith(("19", "20")) and "T" in log[0].committer_date
    assert [c.hash for c in git.file_log(repo, f"{D}/新名.yaml", follow=False)] == [c3, c2]
    assert git.changed_files(repo, c2 or "", D) == [("R", f"{D}/旧名.yaml", f"{D}/新名.yaml")]


def branch(repo: Path) -> str:
    """Start branch `side` here; return the name of the branch we were on."""
    main = git.run(["symbolic-ref", "--short", "HEAD"], repo).stdout.decode().strip()
    git.run(["switch", "-q", "-c", "side"], repo)
    return main


def merge(repo: Path, main: str, monkeypatch: pytest.MonkeyPatch, stamp: str) -> str:
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, stamp)
    git.run(["merge", "-q", "--no-ff", "--no-edit", "side"], repo)
    git.run(["branch", "-q", "-D", "side"], repo)
    return git.head(repo) or ""


def test_file_log_with_paths_through_renames_folder_moves_and_merges(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [f"字段{i}: 值{i}\n" for i in range(20)]

    def body(**changed: str) -> str:
        return "".join(changed.get(f"l{i}", line) for i, line in enumerate(lines))

    assert git.file_log_with_paths(repo, "a.yaml") == []  # unborn
    at(monkeypatch, "2022-06-01T00:00:00+00:00")
    c1 = save(repo, {"旧/a.yaml": body(), "other.yaml": "1\n"}, "c1")
    at(monkeypatch, "2022-06-02T00:00:00+00:00")
    git.run(["mv", "旧", "新"], repo)  # the whole folder
    git.run(["commit", "-q", "-m", "move folder"], repo)
    c2 = git.head(repo) or ""
    at(monkeypatch, "2022-06-03T00:00:00+00:00")
    git.run(["mv", "新/a.yaml", "新/b.yaml"], repo)
    write(repo, "新/b.yaml", body(l0="改: 0\n"))
    git.run(["add", "-A"], repo)
    git.run(["commit", "-q", "-m", "rename and edit"], repo)
    c3 = git.head(repo) or ""
    # Both sides edit the file: the clean merge matches neither parent, so it is listed.
    main = branch(repo)
    at(monkeypatch, "2022-06-04T00:00:00+00:00")
    s1 = save(repo, {"新/b.yaml": body(l0="改: 0\n", l2="支: 2\n")}, "side edit")
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, "2022-06-05T00:00:00+00:00")
    m1 = save(repo, {"新/b.yaml": body(l0="改: 0\n", l18="主: 18\n")}, "main edit")
    m2 = merge(repo, main, monkeypatch, "2022-06-06T00:00:00+00:00")
    # Only the branch edits the file: the merge took it as it was there, so it is not listed.
    branch(repo)
    at(monkeypatch, "2022-06-07T00:00:00+00:00")
    s2 = save(repo, {"新/b.yaml": body(l0="改: 0\n", l2="支: 2\n", l18="主: 18\n", l10="再: 10\n")}, "side 2")
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, "2022-06-08T00:00:00+00:00")
    save(repo, {"other.yaml": "2\n"}, "main, elsewhere")
    merge(repo, main, monkeypatch, "2022-06-09T00:00:00+00:00")
    log = git.file_log_with_paths(repo, "新/b.yaml")
    assert [(v.commit.hash, v.path, v.before) for v in log] == [
        (s2, "新/b.yaml", ("新/b.yaml",)),
        (m2, "新/b.yaml", ("新/b.yaml", "新/b.yaml")),
        (m1, "新/b.yaml", ("新/b.yaml",)),
        (s1, "新/b.yaml", ("新/b.yaml",)),
        (c3, "新/b.yaml", ("新/a.yaml",)),
        (c2, "新/a.yaml", ("旧/a.yaml",)),
        (c1, "旧/a.yaml", ()),
    ]
    assert log[1].commit.parents == (m1, s1) and log[1].commit.subject.startswith("Merge branch")
    assert git.file_log_with_paths(repo, "旧/a.yaml") == []  # not there any more
    assert git.file_log_with_paths(repo, "新") == []  # a folder, not a file
    # `git log --follow` leaves merges out altogether.
    assert m2 not in [c.hash for c in git.file_log(repo, "新/b.yaml")]


def test_changed_files_against_another_parent(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2022-06-01T00:00:00+00:00")
    save(repo, {f"{D}/a.yaml": "a\n", f"{D}/b.yaml": "b\n"}, "base")
    main = branch(repo)
    at(monkeypatch, "2022-06-02T00:00:00+00:00")
    side = save(repo, {f"{D}/a.yaml": "a side\n"}, "side")
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, "2022-06-03T00:00:00+00:00")
    save(repo, {f"{D}/b.yaml": "b main\n"}, "main")
    merged = merge(repo, main, monkeypatch, "2022-06-04T00:00:00+00:00")
    assert git.changed_files(repo, merged, D) == [("M", f"{D}/a.yaml", f"{D}/a.yaml")]
    assert git.changed_files(repo, merged, D, against=side) == [("M", f"{D}/b.yaml", f"{D}/b.yaml")]
    assert git.changed_files(repo, merged, D, against=merged) == []


def test_commits_since_walks_both_sides_of_a_merge(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2022-06-01T00:00:00+00:00")
    base = save(repo, {f"{D}/a.yaml": "1\n"}, "base")
    main = branch(repo)
    at(monkeypatch, "2022-06-02T00:00:00+00:00")
    side = save(repo, {f"{D}/a.yaml": "side\n"}, "side")
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, "2022-06-03T00:00:00+00:00")
    on_main = save(repo, {f"{D}/a.yaml": "main\n"}, "main")
    git.run(["switch", "-q", main], repo)
    at(monkeypatch, "2022-06-04T00:00:00+00:00")
    git.run(["merge", "-q", "--no-edit", "side"], repo, check=False)  # conflicts: keep the branch's side
    write(repo, f"{D}/a.yaml", "side\n")
    git.run(["commit", "-q", "-am", "merge"], repo)
    merged = git.head(repo)
    # The merge equals the branch; git's default simplification would hide main's commit.
    assert [c.hash for c in git.commits_since(repo, base, D)] == [side, on_main, merged]


def test_commits_since_oldest_first(repo: Path) -> None:
    c1 = save(repo, {f"{D}/a.yaml": "1\n"}, "c1")
    c2 = save(repo, {f"{D}/a.yaml": "2\n"}, "c2")
    save(repo, {"outside.yaml": "x\n"}, "outside")
    c4 = save(repo, {f"{D}/b.yaml": "b\n"}, "c4")
    assert [c.hash for c in git.commits_since(repo, c1, D)] == [c2, c4]
    assert [c.subject for c in git.commits_since(repo, c1, "")] == ["c2", "outside", "c4"]
    assert git.commits_since(repo, c4, D) == []
    with pytest.raises(JiebangError) as info:
        git.commits_since(repo, "--all", D)
    assert info.value.key == "git.bad-revision"


def test_changed_files(repo: Path) -> None:
    long = "".join(f"line {i}\n" for i in range(30))
    root = save(repo, {f"{D}/a.yaml": "a\n", f"{D}/b.yaml": long, "top.yaml": "t\n"}, "root")
    assert git.changed_files(repo, root, D) == [("A", None, f"{D}/a.yaml"), ("A", None, f"{D}/b.yaml")]
    write(repo, f"{D}/a.yaml", "a2\n")
    (repo / D / "b.yaml").rename(repo / D / "乙.yaml")
    write(repo, f"{D}/新.yaml", "new\n")
    (repo / "top.yaml").unlink()
    sha = git.commit(repo, [repo / D, Path("top.yaml")], "mixed")
    assert sha is not None
    assert sorted(git.changed_files(repo, sha, D)) == [
        ("A", None, f"{D}/新.yaml"),
        ("M", f"{D}/a.yaml", f"{D}/a.yaml"),
        ("R", f"{D}/b.yaml", f"{D}/乙.yaml"),
    ]
    assert ("D", "top.yaml", None) in git.changed_files(repo, sha, "")
    assert git.changed_files(repo, sha, "no/such") == []


def test_scrubbed_environment(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = save(repo, {"a.yaml": "a\n"}, "base")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "bogus"))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path / "bogus"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "bogus-index"))
    monkeypatch.setenv("GIT_OBJECT_DIRECTORY", str(tmp_path / "bogus-objects"))
    assert git.head(repo) == sha
    assert git.toplevel(repo) == repo.resolve()
    write(repo, "a.yaml", "b\n")
    assert git.dirty(repo, [Path("a.yaml")]) == [Path("a.yaml")]
    assert git.commit(repo, [Path("a.yaml")], "inside a hook") is not None
    assert not (tmp_path / "bogus-index").exists()
    # The identity variables, on the other hand, are kept.
    monkeypatch.setenv("GIT_AUTHOR_NAME", "钩子")
    out = git.run(["var", "GIT_AUTHOR_IDENT"], repo).stdout.decode("utf-8")
    assert out.startswith("钩子 <tester@example.invalid>")


def test_git_failure_and_missing_executable(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(git.GitError) as info:
        git.run(["no-such-subcommand"], repo)
    err = info.value
    assert err.key == "git.failed"
    assert err.exit_code == ExitCode.USAGE
    assert err.args_["command"] == "git no-such-subcommand"
    assert err.args_["code"] == 1
    assert "not a git command" in err.args_["stderr"]
    assert git.run(["no-such-subcommand"], repo, check=False).returncode == 1
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(git.GitMissing) as missing:
        git.head(repo)
    assert missing.value.key == "git.missing"
    assert missing.value.exit_code == ExitCode.USAGE
