"""The 龙岗 example register (issue 10, article 004): every figure the article states is found in
the article's own text and then in a command's output, qualified figures ("300余") never show as
exact, the register validates, and every command its README gives runs."""

from __future__ import annotations

import json
import re
import shlex

import pytest
import yaml

from conftest import REPO, SHARED
from jiebang import textnorm

EXAMPLE = REPO / "examples" / "longgang"
REG = ["--registry", "examples/longgang"]
ARTICLE = next((SHARED / "sources").glob("004_*.txt"), None)

pytestmark = pytest.mark.skipif(
    ARTICLE is None, reason="the source articles (../shared/sources) are not beside the checkout"
)

# (words of the article, the figure in them, command, what its output shows for it) — one by one.
MD = ["--format", "md"]
SECONDMENT, FIRST, GRID, GRID_FIRST = (
    ["cohort", f"longgang-{c}"] for c in ("secondment", "secondment-1", "grid", "grid-1")
)
PROGRAMME = ["programme", "longgang-2017"]
FIGURES = [
    ("分批次抽调了90名处级、科级干部", "90", SECONDMENT, "公布 90 人"),
    ("分别到全区11个街道", "11", SECONDMENT, "公布接收单位 11 个"),
    ("全脱产3个月", "3", SECONDMENT, "全脱产3个月"),
    ("入户走访宣传300余次", "300余", SECONDMENT + MD, "| 入户走访宣传 | 次 | 累计 | 300余 |"),
    ("新成立的抽调干部党支部", "抽调干部党支部", SECONDMENT + MD, "抽调干部党支部 300余"),
    ("首批全脱产参与土地整备实践锻炼的40名新提拔处级干部", "40", FIRST, "公布 40 人"),
    ("2017年全年土地整备任务量从派驻前的30%", "2017", FIRST + MD, "| 2017年全年土地整备任务量完成比例 |"),
    ("2017年全年土地整备任务量从派驻前的30%", "30", FIRST + MD, "| 30（2017-10） |"),
    ("提升到派驻后的83%", "83", FIRST + MD, "| 83 | 2017 |"),
    ("在短短3个月间", "3", FIRST + MD, "3个月间"),
    ("480万常住人口", "480", PROGRAMME + MD, "| 常住人口 | 万人 |  | 480 |"),
    ("3000多名网格员", "3000", PROGRAMME + MD, "| 网格员人数 | 名 |  | 3000余 |"),
    ("每7天就要完成一次走访", "7", PROGRAMME + MD, "| 网格员走访周期 | 天 |  | 7 |"),
    ("区直单位393名处级干部", "393", GRID, "公布 393 人"),
    ("首批24个单位104名处级干部", "24", GRID_FIRST, "公布派出单位 24 个"),
    ("首批24个单位104名处级干部", "104", GRID_FIRST, "公布 104 人"),
    ("平均每人采集核查人口信息45条", "45", GRID_FIRST + MD, "| 采集核查人口信息 | 条 | 人均 | 45 | 2018-06-27 | 104 |"),
    ("排查整改问题隐患5宗", "5", GRID_FIRST + MD, "| 排查整改问题隐患 | 宗 | 人均 | 5 | 2018-06-27 | 104 |"),
    ("问题隐患事件的接收率达94.18%", "94.18", PROGRAMME + MD, "事件接收率 | % | 比率 | 94.18 | 2018Q1 |"),
    ("处置率达82.9%", "82.9", PROGRAMME + MD, "事件处置率 | % | 比率 | 82.9 | 2018Q1 |"),
    ("2018年第一季度，龙岗区问题隐患事件的接收率", "2018年第一季度", PROGRAMME + MD, "2018年第一季度"),
    ("从2017年10月起", "2017年10月", PROGRAMME, "从2017年10月起"),
    ("把2018年确定为“作风建设提升年”", "2018", PROGRAMME, "2018年确定为“作风建设提升年”"),
    ("该模式推出仅半年", "半年", PROGRAMME, "推出仅半年"),
    ("以实干论英雄，以实绩定进退", "以实干论英雄", PROGRAMME + MD, "# 以实干论英雄，以实绩定进退"),
    ("并将抽调期工作纳入考核范围", "纳入考核范围", SECONDMENT, "抽调期工作纳入考核范围"),
    ("《光明日报》( 2018年06月27日 05版)", "2018", PROGRAMME, "2018-06-27"),
]  # fmt: skip

# The people the article names, with the posts it gives them (the journalists are its authors).
PEOPLE = [
    ("庄秉柯", "龙岗区政府督查室主任"),
    ("张勇", "龙岗区委书记"),
    ("张涛", "龙岗区委组织部干部科科长"),
    ("燕珂", "龙岗区委组织部组织一科科长"),
    ("丁琳", "龙岗区社区网格管理办公室主任"),
    ("蔡传霖", "社区网格管理员"),
]


def article() -> str:
    assert ARTICLE is not None
    return ARTICLE.read_text("utf-8")


def in_article(words: str) -> bool:
    """The article writes half-width commas (以实干论英雄,以实绩定进退); width is not meaning."""
    return textnorm.fold(words) in textnorm.fold(article())


@pytest.fixture
def at_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands as the README gives them: from the repository root, naming the example."""
    monkeypatch.chdir(REPO)


def output(run, argv: list[str], lang: str = "zh") -> str:
    result = run(["jiebang", "--lang", lang, *argv, *REG])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("case", FIGURES, ids=[f"{f[1]}-{f[3][:16]}" for f in FIGURES])
def test_each_figure_of_the_article_is_in_a_commands_output(
    at_repo, run, case: tuple[str, str, list[str], str]
) -> None:
    words, figure, argv, shown = case
    assert figure in words and in_article(words)
    assert figure in shown and shown in output(run, argv)


def test_every_number_of_the_article_about_the_programme_is_covered() -> None:
    """No figure of the article's two programme sections is left out of FIGURES (the 十九大 and the
    repost's page furniture are not about the programme)."""
    text = article()
    body = text[text.index("深圳市龙岗区将今年确立为") : text.index("《光明日报》")]
    stated = set(re.findall(r"[0-9]+(?:\.[0-9]+)?", body))
    covered = {n for _, figure, _, _ in FIGURES for n in re.findall(r"[0-9]+(?:\.[0-9]+)?", figure)}
    assert stated - covered - {"10"} == set()  # "去年10月" is the 2017年10月 of FIGURES
    assert "2017" in covered


def test_qualified_figures_never_show_as_exact(at_repo, run) -> None:
    assert in_article("300余次") and in_article("3000多名")
    english = output(run, ["cohort", "longgang-secondment", "--format", "md"], "en")
    assert "| more than 300 |" in english
    card = json.loads(output(run, ["programme", "longgang-2017", "--format", "json"]))
    workers = next(i for i in card[0]["indicators"] if i["name"] == "网格员人数")
    assert (workers["value"], workers["qualifier"]) == (3000, "more_than")
    cohort = json.loads(output(run, ["cohort", "longgang-secondment", "--format", "json"]))
    visits = cohort["indicators"][0]
    assert (visits["value"], visits["qualifier"], visits["breakdown"][0]["name"]) == (
        300,
        "more_than",
        "抽调干部党支部",
    )
    assert "| 300 |" not in output(run, ["cohort", "longgang-secondment", "--format", "md"])


def test_per_person_means_are_weighted_by_the_104_cadres(at_repo, run) -> None:
    cohort = json.loads(output(run, ["cohort", "longgang-grid-1", "--format", "json"]))
    means = {i["name"]: (i["aggregation"], i["value"], i["covers"]) for i in cohort["indicators"]}
    assert means == {"采集核查人口信息": ("per_person", 45, 104), "排查整改问题隐患": ("per_person", 5, 104)}


@pytest.mark.parametrize(("name", "post"), PEOPLE)
def test_the_people_named_are_in_the_register_with_their_posts(at_repo, run, name: str, post: str) -> None:
    assert in_article(name) and in_article(post)
    assert post in output(run, ["person", name])


def test_the_journalists_are_sources_not_programme_people() -> None:
    people = {p["name"] for p in yaml.safe_load((EXAMPLE / "people.yaml").read_text("utf-8"))["people"]}
    assert {"严圣禾", "党文婷"} <= set(re.findall("严圣禾|党文婷", article()))
    assert people == {name for name, _ in PEOPLE}


def test_no_day_is_invented_for_a_start_the_article_gives_as_a_month(at_repo, run) -> None:
    """The article gives 2017年10月, no day: the start is month-only wherever it is written."""
    assert in_article("从2017年10月起") and in_article("去年10月")
    for path in EXAMPLE.rglob("*.yaml"):
        text = path.read_text("utf-8")
        assert not re.search(r"^(from|to|launched_on): (?!2017-10\s)", text, re.M), path
        assert "2017-10-" not in text, path
    assert "（网格员，2017年10月 – …）" in output(run, ["cohort", "longgang-grid"])
    card = json.loads(output(run, ["programme", "longgang-2017", "--format", "json"]))
    assert card[0]["launched_on"] == "2017-10"


def test_the_example_validates(at_repo, run) -> None:
    result = run(["jiebang", "validate", *REG, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    problems = found["problems"] if isinstance(found, dict) else found
    # the only notes: each cohort's published size, with nobody named to post
    assert {p["code"] for p in problems} <= {"count.declared"}


def readme_commands() -> list[str]:
    text = (EXAMPLE / "README.md").read_text("utf-8")
    blocks = re.findall(r"```\n(.*?)```", text, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("jiebang ")]


def test_the_readme_gives_a_command_for_each_question() -> None:
    assert len(readme_commands()) >= 6


@pytest.mark.parametrize("line", readme_commands())
def test_every_command_in_the_readme_runs(at_repo, run, line: str) -> None:
    result = run(shlex.split(line))
    assert result.exit_code == 0, result.output
