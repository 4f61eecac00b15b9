"""The never-store word lists against real text: the source articles and the bundled sample.

Kept apart from test_personal_data.py, whose tests also run inside the mutation harness's copy,
where the articles beside the checkout are not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE, SHARED, git, make_handmade_repo
from jiebang import api
from jiebang.checks import pii

ANECDOTE = SHARED / "sources" / "001_65aed96cc3a38a9a.txt"


def test_article_001s_surgery_anecdote_is_flagged_when_written_into_a_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    sentence = next(line for line in ANECDOTE.read_text("utf-8").splitlines() if "手術" in line).split("，")[0]
    repo = make_handmade_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", sentence[:120]])
    assert result.exit_code == 0, result.output  # warnings do not stop a write
    checked = run(["jiebang", "validate", "-f", "json"])
    codes = sorted(p["code"] for p in json.loads(checked.stdout)["problems"] if p["code"].startswith("pii."))
    assert codes == ["pii.age", "pii.health"]
    assert checked.exit_code == 0  # warnings only


def test_no_false_positives_in_the_sample_or_the_articles() -> None:
    """The bundled sample holds no personal data at all; of the five source articles only
    article 001's anecdote (a cohort, a surgery) and its editor's e-mail would be."""
    sample = api.validate([SAMPLE])
    assert [p for p in sample.problems if p.code.startswith("pii.")] == []
    found = sorted(
        (article.name[:3], f.code, f.number)
        for article in sorted((SHARED / "sources").glob("*.txt"))
        for finder in (pii.find, pii.find_emails, pii.find_sensitive)
        for f in finder(article.read_text("utf-8"))
    )
    assert found == [
        ("001", "pii.age", "80后"),
        ("001", "pii.email", "1056292011@qq.com"),
        ("001", "pii.health", "手术"),
    ]


def test_a_write_says_at_once_which_never_store_words_it_adds(tmp_path: Path, monkeypatch, run) -> None:
    """An office trial (finding 7): health remarks were committed without a word, and only a later
    `validate` warned, once they were in history. The write warns (stderr, not refused), located,
    about what it adds only."""
    repo = make_handmade_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "测试甲因腰伤住院两周，工作由测试乙代理"])
    assert result.exit_code == 0, result.output
    assert "已提交" in result.stdout and "pii." not in result.stdout
    head = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert "registry/programmes/hm-2023/projects/01.yaml:" in result.stderr
    assert "警告 [pii.health]" in result.stderr and "“住院”" in result.stderr
    assert f"提交 {head}" in result.stderr and "git commit --amend" in result.stderr
    # What was there before is not said again; the same word in a new remark is.
    quiet = run(["jiebang", "update", "1", "--author", "P0001", "-m", "完成选址"])
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.output
    again = run(["jiebang", "update", "1", "--author", "P0001", "-m", "测试乙住院"])
    assert again.stderr.count("[pii.health]") == 1, again.output
    english = run(["jiebang", "--lang", "en", "add", "person", "--name", "测试戊", "--post", "80后干部", "--no-commit"])
    assert english.exit_code == 0, english.output
    assert "warning [pii.age]" in english.stderr and "'80后'" in english.stderr
    assert "not committed" in english.stderr
