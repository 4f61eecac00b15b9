"""The never-store word lists against real text: the source articles and the bundled sample.

Kept apart from test_personal_data.py, whose tests also run inside the mutation harness's copy,
where the articles beside the checkout are not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE, SHARED, make_handmade_repo
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
