"""People's text survives every write, checked on the text itself, not the data.

The project file is given a comment beside every value and a blank line and a comment below
it (the place an edit most easily swallows: `status: assigned` then `\\n# 里程碑\\n`), then every
write command runs in turn. After each, every comment is still there in the same order, and
no blank line is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import git, make_handmade_repo
from test_write import COMMANDS, PROJECT

_VALUE_LINE = re.compile(r"^(?P<indent> *)(?P<body>[A-Za-z_][\w-]*:.*?)(?P<beside>\s+#.*)?$")


def dense(text: str) -> str:
    """A comment beside and a blank line plus a comment below every `key: value` line."""
    out: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        m = _VALUE_LINE.match(line)
        if not m:
            out.append(line)
            continue
        out.append(line if m["beside"] else f"{line}   # 旁注{number}")
        out.extend(["", f"{m['indent']}# 下注{number}"])
    return "\n".join(out) + "\n"


def comments(text: str) -> list[str]:
    return re.findall(r"#\s*(?:旁注|下注)\d+|#[^\n]*", text)


def is_subsequence(small: list[str], big: list[str]) -> bool:
    found = iter(big)
    return all(item in found for item in small)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_handmade_repo(tmp_path)
    path = root / PROJECT
    path.write_text(dense(path.read_text("utf-8")), "utf-8")
    git(root, "commit", "-qam", "hand: comments everywhere")
    monkeypatch.chdir(root)
    return root


def test_comments_and_blank_lines_survive_every_write(repo: Path, run) -> None:
    path = repo / PROJECT
    before = path.read_text("utf-8")
    assert run(["jiebang", "validate"]).exit_code == 0, "the commented file must itself be valid"
    for args in COMMANDS:
        result = run(["jiebang", *args])
        assert result.exit_code == 0, (args, result.output)
        after = path.read_text("utf-8")
        assert is_subsequence(comments(before), comments(after)), (args, after)
        assert after.count("\n\n") >= before.count("\n\n"), (args, after)
        before = after
