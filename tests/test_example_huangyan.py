"""The 黄岩 example register (article 001): it validates, every figure the article states about
the programme is in the article and in a command's output, and every command its README gives
runs."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from jiebang import textnorm

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "huangyan"
ARTICLE = next((ROOT.parent / "shared" / "sources").glob("001_*.txt"), None)
REG = ["--registry", str(EXAMPLE)]

needs_article = pytest.mark.skipif(ARTICLE is None, reason="the source articles are not beside this checkout")


def out(run, *args: str) -> str:
    result = run(["jiebang", *args, *REG], env={"COLUMNS": "200"})
    assert result.exit_code == 0, (args, result.output)
    return textnorm.fold(result.stdout)


def card(run, programme: str) -> dict:
    result = run(["jiebang", "programme", programme, "--format", "json", *REG])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return doc[0] if isinstance(doc, list) else doc


def test_the_example_validates(run) -> None:
    result = run(["jiebang", "validate", *REG])
    assert result.exit_code == 0, result.output


# (as the article writes it, folded; the command; what its output says)
FIGURES = [
    ("6月1日上午", ("programme", "huangyan-dandang"), "6月1日上午"),
    ("三级干部大会", ("programme", "huangyan-dandang"), "三级干部大会"),
    ("八方面24条", ("programme", "huangyan-dandang"), "8 个方面"),
    ("八方面24条", ("programme", "huangyan-dandang"), "共 24 条"),
    ("加强组织领导等方面", ("programme", "huangyan-dandang"), "加强组织领导"),
    ("用半年时间", ("programme", "huangyan-dandang"), "半年"),
    ("八大专项行动", ("programme", "huangyan-dandang"), "八大专项行动"),
    ("单位十件大事", ("programme", "huangyan-dandang"), "单位十件大事"),
    ("百个狮团", ("programme", "huangyan-shituan"), "团队 100"),
    ("92个区领导领衔破难攻坚项目", ("programme", "huangyan-shituan"), "项目 92"),
    ("百名干部", ("programme", "huangyan-dandang"), "百名干部 — 0 — 0 100"),
    ("千名专员", ("programme", "huangyan-dandang"), "千名专员 — 0 — 0 1000"),
    ("千名河长", ("programme", "huangyan-dandang"), "千名河长 — 0 — 0 1000"),
    ("五个一线", ("programme", "huangyan-ganbu"), "类别 5 5"),
    ("第七任老书记", ("person", "赵昌勤"), "宁溪镇第七任老书记"),
    ("市委常委、黄岩区委书记徐淼", ("person", "徐淼"), "市委常委、黄岩区委书记"),
    ("宁溪镇党委书记胡鸥", ("person", "胡鸥"), "宁溪镇党委书记"),
    ("头陀镇人大主席陈强", ("person", "陈强"), "头陀镇人大主席"),
    ("村支委陈新土", ("person", "陈新土"), "村支委"),
]


@needs_article
@pytest.mark.parametrize(("in_article", "command", "shown"), FIGURES)
def test_each_figure_is_in_the_article_and_in_a_command(run, in_article: str, command: tuple, shown: str) -> None:
    assert ARTICLE is not None
    assert textnorm.fold(in_article) in textnorm.fold(ARTICLE.read_text("utf-8"))
    assert " ".join(shown.split()) in " ".join(out(run, *command).replace("│", " ").split())


def test_figures_are_data_not_only_words(run) -> None:
    """The counts are fields the tools read, not sentences in notes."""
    shituan = {c["field"]: c for c in card(run, "huangyan-shituan")["counts"]}
    assert (shituan["projects"]["declared"], shituan["teams"]["declared"]) == (92, 100)
    parent = card(run, "huangyan-dandang")
    people = {s["id"]: s["declared_people"] for s in parent["strands"]}
    assert people == {
        "huangyan-ganbu": 100,
        "huangyan-hezhang": 1000,
        "huangyan-shituan": None,
        "huangyan-zhuanyuan": 1000,
    }
    (opinion,) = parent["documents"]
    assert (len(opinion["parts"]), opinion["articles"]) == (8, 24)
    assert len(card(run, "huangyan-ganbu")["categories"]) == 5
    assert parent["parent"] is None and card(run, "huangyan-ganbu")["parent"] == "huangyan-dandang"


def test_nothing_is_invented_or_never_stored() -> None:
    """No project or team record (the article lists none), no launch day without a year, no age
    cohort or health data."""
    text = "".join(p.read_text("utf-8") for p in EXAMPLE.rglob("*.yaml"))
    assert not list(EXAMPLE.glob("programmes/*/projects/*.yaml"))
    assert "\nlaunched_on:" not in text and "\nteams:" not in text
    for word in ("80后", "手术", "纱布"):
        assert word not in text


README_COMMAND = re.compile(r"`(jiebang [^`]+)`")


def test_every_command_in_the_readme_runs(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    commands = README_COMMAND.findall((EXAMPLE / "README.md").read_text("utf-8"))
    assert len(commands) >= 6
    for command in commands:
        result = run(shlex.split(command), env={"COLUMNS": "200"})
        assert result.exit_code == 0, (command, result.output)


def test_the_half_year_is_the_planned_length_of_the_activity(run) -> None:
    """用半年时间 is a target of 6 months on an indicator of the programme, not only a note; the
    start (6月) has no year in the article, so no date is written."""
    assert textnorm.fold("將用半年時間") in textnorm.fold(ARTICLE.read_text("utf-8"))
    [card] = json.loads(run(["jiebang", "programme", "huangyan-dandang", "--format", "json", *REG]).stdout)
    [found] = card["indicators"]
    assert (found["name"], found["unit"], found["target"], found["value"]) == (
        "“大讨论大调研大服务”活动时长",
        "个月",
        6,
        None,
    )
    row = [
        line for line in out(run, "programme", "huangyan-dandang", "--format", "md").splitlines() if "活动时长" in line
    ]
    assert row and "| 个月 |" in row[0] and "| 6 |" in row[0]
