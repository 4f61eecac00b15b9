"""Every git call jiebang makes: the register's audit trail is the git history.

All calls run the `git` executable through `run()`, which:

* scrubs inherited variables that would point git at another repository, index or object
  store (set when jiebang runs inside a git hook, as pre-commit's `no_git_env` does), while
  keeping identity and date variables (`GIT_AUTHOR_*`, `GIT_COMMITTER_*`) and `GIT_CONFIG_*`;
* sets `LC_ALL=C` so messages are parseable, and `core.quotepath=off` (plus `-z` wherever
  paths are listed) so file names with CJK characters come back verbatim.

Conventions: `repo` is the top of a work tree (what `toplevel()` returns); path arguments
given as `str` are repository-relative POSIX paths, and pathspecs are literal (no globbing,
no `:(magic)`). Revisions are resolved with `resolve()`, so an unknown one raises
`git.bad-revision` rather than a raw git failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from jiebang.errors import ExitCode, JiebangError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

__all__ = [
    "Commit",
    "FileVersion",
    "GitError",
    "GitLocked",
    "GitMissing",
    "changed_files",
    "commit",
    "commits_since",
    "common_dir",
    "dirty",
    "exclude",
    "file_log",
    "file_log_with_paths",
    "head",
    "ignored",
    "index_blobs",
    "init",
    "is_ancestor",
    "lock_files",
    "path_exists",
    "resolve",
    "rev_at",
    "run",
    "show",
    "toplevel",
    "tree_files",
    "watched",
]

# Variables that redirect git to another repository, work tree, index, object store or ref
# namespace, or change how pathspecs are read. Identity, date and config variables stay.
_SCRUBBED_ENV = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_PREFIX",
        "GIT_COMMON_DIR",
        "GIT_NAMESPACE",
        "GIT_QUARANTINE_PATH",
        "GIT_LITERAL_PATHSPECS",
        "GIT_GLOB_PATHSPECS",
        "GIT_NOGLOB_PATHSPECS",
        "GIT_ICASE_PATHSPECS",
    }
)

# Field separator inside one `--format` record; commit messages cannot contain NUL.
_LOG_FIELDS = ("%H", "%P", "%an", "%ae", "%aI", "%cI", "%s", "%b")
_LOG_FORMAT = "--format=" + "%x00".join(_LOG_FIELDS)


class GitError(JiebangError):
    """A git command failed. args: command (str), code (int), stderr (str)."""

    exit_code = ExitCode.USAGE

    def __init__(self, command: str, code: int, stderr: str) -> None:
        super().__init__("git.failed", command=command, code=code, stderr=stderr)


class GitMissing(JiebangError):
    """The `git` executable was not found. args: executable (str)."""

    exit_code = ExitCode.USAGE

    def __init__(self) -> None:
        super().__init__("git.missing", executable="git")


class GitLocked(JiebangError):
    """git refused because its lock file exists (another git is running, or one was killed).
    args: path (str)."""

    exit_code = ExitCode.USAGE

    def __init__(self, path: str) -> None:
        super().__init__("git.locked", path=path)


# git's words when a lock file is already there (index.lock, HEAD.lock, a ref's lock).
_LOCKED = re.compile(r"Unable to create '([^']+\.lock)': File exists")

# Told the pid of every git process as it starts (see `watched`).
_watchers: list[Callable[[int], None]] = []


@dataclass(frozen=True, slots=True)
class Commit:
    hash: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: str  # strict ISO 8601 with the author's offset, e.g. 2022-06-30T09:00:00+08:00
    committer_date: str  # same format, committer date
    subject: str
    body: str  # the message after the subject paragraph, trailing newline removed


# One changed file: (status, old path, new path); see `changed_files`.
_Row = tuple[str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class FileVersion:
    """A commit that changed one file, and where that file was in it and in its parents."""

    commit: Commit
    path: str  # the file's repository-relative path in this commit
    before: tuple[str | None, ...]  # its path in each of commit.parents, in order (None: not there)


# --- running git ----------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env["LC_ALL"] = "C"
    return env


def run(
    args: Sequence[str], cwd: Path, *, input: bytes | None = None, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """Run `git -c core.quotepath=off <args>` in `cwd`; raise GitError on failure when `check`
    (GitLocked when git found its lock file taken)."""
    argv = ["git", "-c", "core.quotepath=off", *args]
    try:
        with subprocess.Popen(
            argv,
            cwd=cwd,
            env=_env(),
            stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as proc:
            for watcher in _watchers:
                watcher(proc.pid)
            stdout, stderr = proc.communicate(input)
    except FileNotFoundError as exc:
        # Either git is absent or cwd is; only the former is a missing executable.
        if not Path(cwd).is_dir():
            raise
        raise GitMissing() from exc
    except OSError as exc:  # git could not be started (no memory, no processes left, not executable)
        raise GitError(shlex.join(["git", *args]), -1, exc.strerror or str(exc)) from None
    result = subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)
    if check and result.returncode != 0:
        text = result.stderr.decode("utf-8", "replace").strip()
        if locked := _LOCKED.search(text):
            raise GitLocked(locked.group(1))
        raise GitError(command=shlex.join(["git", *args]), code=result.returncode, stderr=text)
    return result


@contextlib.contextmanager
def watched(callback: Callable[[int], None]) -> Iterator[None]:
    """Tell `callback` the pid of each git process started in the block, as it starts.

    The write journal records them: a lock file left by a git that is no longer running can
    then be told from one a live git holds."""
    _watchers.append(callback)
    try:
        yield
    finally:
        _watchers.remove(callback)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _line(result: subprocess.CompletedProcess[bytes]) -> str:
    return _text(result.stdout).rstrip("\n")


def _rel(repo: Path, path: Path) -> str:
    """Repository-relative POSIX path for `path` (relative paths are taken relative to repo)."""
    full = path if path.is_absolute() else repo / path
    # Resolve the folder but not the last component, so a symlinked file keeps its own name.
    full = full.parent.resolve() / full.name
    rel = full.relative_to(repo.resolve())
    return rel.as_posix() if rel.parts else "."


# --- repository -----------------------------------------------------------------------------


def toplevel(path: Path) -> Path | None:
    """The top of the work tree containing `path` (git's real path), or None outside one."""
    start = path
    while not start.is_dir():
        if start.parent == start:
            return None
        start = start.parent
    result = run(["rev-parse", "--show-toplevel"], start, check=False)
    out = _line(result)
    if result.returncode != 0 or not out:
        return None
    return Path(out)


def git_dir(repo: Path) -> Path:
    """The repository's own folder (where jiebang keeps its write lock, out of the work tree)."""
    return Path(_line(run(["rev-parse", "--absolute-git-dir"], repo)))


def common_dir(git_folder: Path) -> Path:
    """The folder a linked work tree shares with the main one (refs, `info/`); else itself.

    Read from git's own `commondir` file rather than by running git: it is on every write's path."""
    try:
        shared = (git_folder / "commondir").read_text("utf-8").strip()
    except FileNotFoundError:
        return git_folder
    return git_folder / shared  # relative to the work tree's git folder, or absolute


def lock_files(git_folder: Path) -> list[Path]:
    """git's own lock files now present: the index, HEAD, refs and packed refs (never jiebang's).

    Any of them makes a commit fail; a git that is killed leaves them behind."""
    common = common_dir(git_folder)
    candidates = [git_folder / "index.lock", git_folder / "HEAD.lock", *sorted(git_folder.glob("next-index-*.lock"))]
    candidates += [common / "packed-refs.lock", *sorted((common / "refs").rglob("*.lock"))]
    return list(dict.fromkeys(p for p in candidates if p.is_file()))


def exclude(git_folder: Path, pattern: str) -> None:
    """Add `pattern` to the repository's own ignore list (`info/exclude`, never committed) once.

    Best effort: when the file cannot be written (a full disk) the write that follows fails
    with its own, clearer message."""
    path = common_dir(git_folder) / "info" / "exclude"
    with contextlib.suppress(OSError):
        present = path.read_text("utf-8") if path.exists() else ""
        if pattern not in present.splitlines():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as out:
                out.write(("\n" if present and not present.endswith("\n") else "") + pattern + "\n")


def ignored(repo: Path, path: Path) -> bool:
    """Whether git ignores `path` (a file or folder inside `repo`'s work tree), so that no
    `git add` there can commit it; a tracked path is not ignored. (check-ignore takes paths, not
    pathspecs: it refuses `--literal-pathspecs`.)"""
    return run(["check-ignore", "-q", "--", _rel(repo, path)], repo, check=False).returncode == 0


def init(path: Path) -> None:
    """Create (if needed) `path` and make it a git repository; harmless on an existing one."""
    path.mkdir(parents=True, exist_ok=True)
    run(["init", "-q"], path)


def head(repo: Path) -> str | None:
    """The commit hash HEAD points at, or None on an unborn branch."""
    result = run(["rev-parse", "--verify", "-q", "HEAD^{commit}"], repo, check=False)
    return _line(result) if result.returncode == 0 else None


def resolve(repo: Path, rev: str) -> str:
    """The full commit hash `rev` names. Raises JiebangError("git.bad-revision", rev=, repo=)."""
    if rev and not rev.startswith("-"):
        result = run(["rev-parse", "--verify", "-q", f"{rev}^{{commit}}"], repo, check=False)
        if result.returncode == 0:
            return _line(result)
    raise JiebangError("git.bad-revision", rev=rev, repo=str(repo))


def rev_at(repo: Path, when: date, *, tz: tzinfo = UTC) -> str | None:
    """The newest commit on HEAD's first-parent line committed on or before the end of `when`.

    "End of the day" is 23:59:59 in `tz` (UTC by default), compared with the COMMITTER date,
    the moment the change entered the branch (the author date survives rebases and
    cherry-picks, so it is not when the register knew it). Only first-parent commits count:
    a side branch's commit dated June 1 but merged on July 1 was not on the branch on June 30.
    None when HEAD is unborn or every commit is later.
    """
    if head(repo) is None:
        return None
    end = datetime.combine(when, time(23, 59, 59), tzinfo=tz).astimezone(UTC)
    result = run(
        ["rev-list", "-1", "--first-parent", f"--until={end:%Y-%m-%d %H:%M:%S} +0000", "HEAD"],
        repo,
    )
    return _line(result) or None


# --- working tree ---------------------------------------------------------------------------


def _status(repo: Path, rels: Sequence[str]) -> list[str]:
    """Paths with staged, unstaged or untracked changes among `rels` (both sides of a rename)."""
    result = run(
        [
            "--literal-pathspecs",
            "--no-optional-locks",
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--ignored=no",
            "--",
            *rels,
        ],
        repo,
    )
    fields = result.stdout.split(b"\0")
    changed: list[str] = []
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue
        changed.append(_text(entry[3:]))
        if entry[:1] in (b"R", b"C"):  # "XY new\0old\0"
            changed.append(_text(fields[i]))
            i += 1
    return changed


def dirty(repo: Path, paths: Sequence[Path]) -> list[Path]:
    """Those of `paths` with uncommitted changes: staged, unstaged or untracked (not ignored).

    Relative paths are relative to `repo`. A folder counts as dirty when anything under it is.
    Returns the given Path objects, in the given order.
    """
    if not paths:
        return []
    rels = [_rel(repo, p) for p in paths]
    changed = _status(repo, rels)
    out: list[Path] = []
    for path, rel in zip(paths, rels, strict=True):
        prefix = "" if rel == "." else rel + "/"
        if any(c == rel or c.startswith(prefix) for c in changed) and path not in out:
            out.append(path)
    return out


def index_blobs(repo: Path, paths: Sequence[Path]) -> dict[Path, str]:
    """The staged blob of each of `paths` whose work-tree file is still exactly what is staged."""
    if not paths:
        return {}
    rels = [_rel(repo, p) for p in paths]
    staged = {}
    for entry in run(["--literal-pathspecs", "ls-files", "-s", "-z", "--", *rels], repo).stdout.split(b"\0"):
        if entry:
            info, _, name = entry.partition(b"\t")
            staged[_text(name)] = _text(info.split()[1])
    edited = run(["--literal-pathspecs", "diff", "--name-only", "-z", "--", *rels], repo).stdout.split(b"\0")
    changed = {_text(name) for name in edited if name}
    return {p: staged[r] for p, r in zip(paths, rels, strict=True) if r in staged and r not in changed}


def check_identity(repo: Path, *, new: bool = False) -> None:
    """Raise `git.no-identity` now, before anything is written, rather than at commit time.

    `new`: the repository does not exist yet (`jiebang init` will make it at `repo`); the
    identity it would get comes from the global config and the environment alone."""
    where = repo
    while new and not where.is_dir() and where.parent != where:
        where = where.parent
    for var in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        result = run(["-c", "user.useConfigOnly=true", "var", var], where, check=False)
        if result.returncode != 0:
            detail = _text(result.stderr).strip().splitlines()
            raise JiebangError(
                "git.no-identity",
                repo=str(repo),
                which="author" if var == "GIT_AUTHOR_IDENT" else "committer",
                detail=detail[-1] if detail else "",
                fix=_identity_fix(where, repo, new=new),
            )


def _identity_fix(where: Path, repo: Path, *, new: bool) -> str:
    """The command that sets an identity: global when git has a global config (it needs a home
    folder, which a service account or a bare `env -i` lacks), else in the register's repository."""
    if run(["config", "--global", "--get", "user.name"], where, check=False).returncode != 128:
        return 'git config --global user.name "…" && git config --global user.email "…"'
    local = f'git -C "{repo}" config user.name "…" && git -C "{repo}" config user.email "…"'
    return f'git init "{repo}" && {local}' if new else local


def commit(
    repo: Path, paths: Sequence[Path], message: str, *, stage_only: bool = False, identity_checked: bool = False
) -> str | None:
    """Stage exactly `paths` (new, changed or deleted) and commit only them.

    Other changes the user has staged stay staged and out of the commit (`git commit --only`).
    The identity is the user's configured one (config or GIT_AUTHOR_*/GIT_COMMITTER_*); git's
    guess from user and host name is refused. Hooks run as usual. Returns the new commit's
    hash; None with `stage_only` or when these paths have nothing to commit.
    Raises JiebangError("git.no-identity", repo=, which=, detail=, fix=) before staging
    anything when no identity is configured; `identity_checked` says the caller has just asked
    (`check_identity`, two git processes), before writing the files this commits.
    """
    if not paths:
        return None
    if not stage_only and not identity_checked:
        check_identity(repo)
    rels = list(dict.fromkeys(_rel(repo, p) for p in paths))
    present = [r for r in rels if (repo / r).exists() or (repo / r).is_symlink()]
    missing = [r for r in rels if r not in present]
    if present:
        run(["--literal-pathspecs", "add", "-A", "--", *present], repo)
    if missing:
        run(["--literal-pathspecs", "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", *missing], repo)
    if stage_only:
        return None
    # What among these paths differs from HEAD (works on an unborn branch too).
    staged = run(
        ["--literal-pathspecs", "diff", "--cached", "--name-only", "-z", "--no-renames", "--", *rels], repo
    ).stdout
    names = [_text(n) for n in staged.split(b"\0") if n]
    if not names:
        return None
    run(
        [
            "-c",
            "user.useConfigOnly=true",
            "--literal-pathspecs",
            "commit",
            "-q",
            "--cleanup=whitespace",
            "-F",
            "-",
            "--only",
            "--",
            *names,
        ],
        repo,
        input=message.encode("utf-8"),
    )
    return head(repo)


def unstage(repo: Path, paths: Sequence[Path]) -> None:
    """Take these paths out of the index again (after a write was rolled back)."""
    rels = list(dict.fromkeys(_rel(repo, p) for p in paths))
    if rels and head(repo):
        run(["--literal-pathspecs", "reset", "-q", "--", *rels], repo, check=False)
    elif rels:
        run(["--literal-pathspecs", "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", *rels], repo, check=False)


def ever_existed(repo: Path, path: Path) -> Commit | None:
    """The last commit that had a file at this path, if the path was ever committed."""
    rel = _rel(repo, path)
    found = _log(repo, ["-1"], [rel]) if head(repo) else []
    return found[0] if found else None


# --- history --------------------------------------------------------------------------------


def tree_files(repo: Path, rev: str, subdir: str) -> list[tuple[str, bytes]]:
    """Every file under `subdir` at `rev` as (path relative to subdir, content), in path order.

    Two git processes however many files: `ls-tree -r -z` and one `cat-file --batch`.
    Regular files only: symlinks and submodules are skipped. [] if subdir is absent at rev or is a file.
    """
    commit_hash = resolve(repo, rev)
    sub = subdir.strip("/")
    treeish = f"{commit_hash}^{{tree}}" if sub in ("", ".") else f"{commit_hash}:{sub}"
    listing = run(["ls-tree", "-r", "-z", treeish], repo, check=False)
    if listing.returncode != 0:
        if _kind(repo, treeish) != "tree":
            return []  # no such path at rev, or it is a file
        raise GitError(f"git ls-tree -r -z {treeish}", listing.returncode, _text(listing.stderr).strip())
    entries: list[tuple[str, str]] = []
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        if kind == b"blob" and mode in (b"100644", b"100755"):
            entries.append((_text(name), oid.decode("ascii")))
    if not entries:
        return []
    oids = list(dict.fromkeys(oid for _, oid in entries))
    out = run(["cat-file", "--batch"], repo, input="".join(f"{o}\n" for o in oids).encode("ascii")).stdout
    blobs: dict[str, bytes] = {}
    pos = 0
    for oid in oids:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].split(b" ")
        if len(header) != 3 or header[1] != b"blob":
            raise GitError("git cat-file --batch", 0, f"unexpected reply {out[pos:eol]!r} for {oid}")
        size = int(header[2])
        blobs[oid] = out[eol + 1 : eol + 1 + size]
        pos = eol + 1 + size + 1  # content is followed by LF
    return [(name, blobs[oid]) for name, oid in entries]


def _kind(repo: Path, obj: str) -> str | None:
    """git's type of `obj` ("tree", "blob", "commit"), or None when it does not exist."""
    result = run(["cat-file", "-t", obj], repo, check=False)
    return _line(result) if result.returncode == 0 else None


def path_exists(repo: Path, rev: str, path: str) -> bool:
    """Whether `path` (a folder or a file) existed at `rev`; "" and "." are the top and always do.

    `tree_files` returns [] both for an empty folder and for one that was not there; this tells
    them apart (e.g. a register folder that was moved or created after `rev`).
    Raises JiebangError("git.bad-revision") for an unknown `rev`.
    """
    commit_hash = resolve(repo, rev)
    sub = path.strip("/")
    if sub in ("", "."):
        return True
    return _kind(repo, f"{commit_hash}:{sub}") is not None


def _parse_log(stdout: bytes) -> list[Commit]:
    # With -z each record is the 8 NUL-separated fields, and records are NUL-separated too.
    fields = stdout.split(b"\0")
    n = len(_LOG_FIELDS)
    commits: list[Commit] = []
    for i in range(0, len(fields) - n + 1, n):
        h, parents, an, ae, ad, cd, subject, body = (_text(f) for f in fields[i : i + n])
        commits.append(
            Commit(
                hash=h.lstrip("\n"),
                parents=tuple(parents.split()),
                author_name=an,
                author_email=ae,
                author_date=ad,
                committer_date=cd,
                subject=subject,
                body=body.rstrip("\n"),
            )
        )
    return commits


def _log(repo: Path, args: Sequence[str], paths: Sequence[str], stdin: bytes | None = None) -> list[Commit]:
    argv = [
        "-c",
        "log.showSignature=false",
        "--literal-pathspecs",
        "log",
        "-z",
        "--encoding=UTF-8",
        "--no-color",
        _LOG_FORMAT,
        *args,
        "--",
        *paths,
    ]
    return _parse_log(run(argv, repo, input=stdin).stdout)


def file_log(repo: Path, path: str, *, follow: bool = True) -> list[Commit]:
    """Commits touching `path` from HEAD back, newest first, following renames by default.

    `git log --follow` leaves out merge commits altogether; `file_log_with_paths` does not.
    """
    if head(repo) is None:
        return []
    return _log(repo, ["--follow", "HEAD"] if follow else ["HEAD"], [path.strip("/")])


def file_log_with_paths(repo: Path, path: str) -> list[FileVersion]:
    """Every commit that changed the file now at `path` (at HEAD), newest first, through renames.

    The file is traced back from HEAD commit by commit (`rev-list --date-order`, so children
    come before parents): its path in each parent comes from that commit's diff against the
    parent, with git's rename detection over the whole tree, so a renamed file and a moved
    folder (`git mv old new`) both keep their history. All branches are followed.

    A commit is listed when the file differs from every one of its parents: an ordinary commit
    that changed, added or renamed it; a root commit that has it; and a merge only when its
    file matches none of its parents (both sides changed it, or a conflict was resolved). A
    merge that took the file as it was on one side is left out, since that side's own commits
    are listed. [] when HEAD is unborn or has no file at `path`.

    Three git processes whatever the history's length: rev-list, one diff-tree --stdin over
    every (commit, parent) pair, and one log for the listed commits.
    """
    rel = path.strip("/")
    if head(repo) is None or _kind(repo, f"HEAD:{rel}") != "blob":
        return []
    graph = [line.split() for line in _line(run(["rev-list", "--date-order", "--parents", "HEAD"], repo)).splitlines()]
    pairs = [(c, p) for c, *parents in graph for p in parents]
    diffs = _diff_pairs(repo, pairs)
    where: dict[str, str] = {graph[0][0]: rel}  # commit -> the file's path in it
    found: list[tuple[str, str, tuple[str | None, ...]]] = []
    for c, *parents in graph:
        here = where.get(c)
        if here is None:
            continue
        before: list[str | None] = []
        changed: list[bool] = []
        for p in parents:
            row = next((r for r in diffs[c, p] if r[2] == here), None)
            was = here if row is None else (None if row[0] == "A" else row[1])
            before.append(was)
            changed.append(row is not None)
            if was is not None:
                where.setdefault(p, was)
        if all(changed):  # a root commit has no parents: the file was created there
            found.append((c, here, tuple(before)))
    if not found:
        return []
    commits = _log(repo, ["--no-walk=unsorted", "--stdin"], [], stdin="".join(f"{c}\n" for c, _, _ in found).encode())
    return [FileVersion(commit, here, before) for commit, (_, here, before) in zip(commits, found, strict=True)]


def _diff_pairs(repo: Path, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[_Row]]:
    """Raw diff rows (see `changed_files`) of each (commit, parent) pair, whole tree, renames found."""
    if not pairs:
        return {}
    argv = ["diff-tree", "--stdin", "-r", "-z", "-M", "--always", "--no-ext-diff"]
    stdin = "".join(f"{c} {p}\n" for c, p in pairs).encode("ascii")
    fields = run(argv, repo, input=stdin).stdout.split(b"\0")
    out: dict[tuple[str, str], list[_Row]] = {}
    i = 0
    for pair in pairs:
        # Each pair's output is its commit id (forced by --always), then its rows.
        while i < len(fields) and not fields[i]:
            i += 1
        if i >= len(fields) or _text(fields[i]).strip() != pair[0]:
            got = fields[i] if i < len(fields) else b"(end of output)"
            raise GitError("git diff-tree --stdin", 0, f"unexpected output {got!r} for {pair[0]}")
        rows, i = _parse_rows(fields, i + 1)
        out[pair] = rows
    return out


def commits_since(repo: Path, rev: str | None, subdir: str) -> list[Commit]:
    """Commits reachable from HEAD but not from `rev` (None: all of them) that touch `subdir`, OLDEST first.

    Every side of every merge is walked (`--full-history`): git's default simplification would
    hide a whole side when a merge kept the other side's files, even commits on the main line.
    A merge is listed when `subdir` differs from at least one parent; `changed_files` with
    `against=` tells what it took from which parent.
    """
    span = f"{resolve(repo, rev)}..HEAD" if rev else "HEAD"
    sub = subdir.strip("/")
    args = ["--full-history", "--date-order", "--reverse", span]
    return _log(repo, args, [] if sub in ("", ".") else [sub])


def is_ancestor(repo: Path, ancestor: str, rev: str) -> bool:
    """Whether commit `ancestor` is in `rev`'s history (a commit counts as its own ancestor)."""
    return run(["merge-base", "--is-ancestor", ancestor, rev], repo, check=False).returncode == 0


def show(repo: Path, rev: str, path: str) -> bytes | None:
    """The content of file `path` at `rev`, or None if it did not exist (or is not a file) then."""
    commit_hash = resolve(repo, rev)
    result = run(["cat-file", "blob", f"{commit_hash}:{path.strip('/')}"], repo, check=False)
    return result.stdout if result.returncode == 0 else None


def changed_files(repo: Path, rev: str, subdir: str, *, against: str | None = None) -> list[_Row]:
    """What commit `rev` changed under `subdir`, against its first parent (or nothing, for a root).

    Rows are (status, old path, new path) with repository-relative paths: ("A", None, new),
    ("D", old, None), ("M", p, p), ("R", old, new); "T" (type change) is passed through.
    Renames are detected at git's default 50% similarity; a file moved into or out of
    `subdir` shows as A or D, since only paths under `subdir` are compared.
    `against` compares with that revision instead (e.g. a merge's other parent).
    """
    commit_hash = resolve(repo, rev)
    if against is not None:
        base = resolve(repo, against)
    else:
        parents = _line(run(["rev-list", "--parents", "-n", "1", commit_hash], repo)).split()[1:]
        # A root commit is compared with the empty tree (its id depends on the hash algorithm).
        base = parents[0] if parents else _line(run(["hash-object", "-t", "tree", "--stdin"], repo, input=b""))
    sub = subdir.strip("/")
    argv = ["--literal-pathspecs", "diff-tree", "-r", "-z", "-M", "--no-ext-diff", base, commit_hash, "--"]
    if sub not in ("", "."):
        argv.append(sub)
    return _parse_rows(run(argv, repo).stdout.split(b"\0"), 0)[0]


def _parse_rows(fields: Sequence[bytes], i: int) -> tuple[list[_Row], int]:
    """Raw `-z` diff rows from `fields[i]` on, up to the first field that is not a row."""
    rows: list[_Row] = []
    while i < len(fields) and fields[i].startswith(b":"):
        status = fields[i].split(b" ")[-1][:1].decode("ascii")
        first = _text(fields[i + 1])
        i += 2
        if status in ("R", "C"):
            rows.append((status, first, _text(fields[i])))
            i += 1
        elif status == "A":
            rows.append((status, None, first))
        elif status == "D":
            rows.append((status, first, None))
        else:
            rows.append((status, first, first))
    return rows, i
