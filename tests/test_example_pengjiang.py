"""Issue 10: the example register of article 003 (蓬江). It validates, every command in its
README runs, and every figure the article states is found in the article's text and then in the
output of a command over the register."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "pengjiang"
SOURCES = REPO.parent / "shared" / "sources"
ARTICLE_FILE = "003_c80e7640dadc126c.txt"
GONGCHENG, XINGDONG, JUJIAO = "pengjiang-sixiang-gongcheng", "pengjiang-sixiang-xingdong", "pengjiang-sige-jujiao"

# (figure as the article writes it, command that shows it). Figures with 多 or 近 are quoted as
# written: the register keeps the qualifier with the number.
FIGURES: list[tuple[str, list[str]]] = [
    ("四项工程", ["programme", GONGCHENG]),
    ("四项行动", ["programme", XINGDONG]),
    ("四个聚焦", ["programme", JUJIAO]),
    ("近两个月", ["show", f"{GONGCHENG}/2"]),
    ("每周", ["show", f"{GONGCHENG}/2"]),
    ("第一批20名年轻干部为期6个月轮岗交流", ["show", f"{GONGCHENG}/2"]),
    ("两清单一考核", ["show", f"{GONGCHENG}/2"]),
    ("十二条措施", ["programme", GONGCHENG]),
    ("一季度", ["programme", XINGDONG]),
    ("20多场次", ["programme", XINGDONG]),
    ("四议两公开", ["programme", XINGDONG]),
    ("村组联议五步法", ["show", f"{XINGDONG}/1"]),
    ("每月一期", ["programme", XINGDONG]),
    ("三年行动计划", ["programme", XINGDONG]),
    ("新设立10个社区", ["report", f"{XINGDONG}/2"]),
    ("12个社区", ["report", f"{XINGDONG}/2"]),
    ("一社区一特色", ["report", f"{XINGDONG}/2"]),
    ("24小时", ["report", f"{XINGDONG}/2"]),
    ("书记项目", ["show", f"{XINGDONG}/4"]),
    ("两场活动", ["programme", JUJIAO]),
    ("10家龙头企业", ["meeting", "pengjiang-xian-zhaocai"]),
    ("首届", ["meeting", "pengjiang-baixiao-baiqi-1"]),
    ("100所院校", ["meeting", "pengjiang-baixiao-baiqi-1"]),
    ("160多家", ["meeting", "pengjiang-baixiao-baiqi-1"]),
    ("近百家", ["programme", JUJIAO]),
    ("两期人才沙龙", ["programme", JUJIAO]),
    ("3+2", ["show", f"{JUJIAO}/1"]),
    ("3个100", ["show", f"{JUJIAO}/2"]),
    ("百名领导干部联系服务百名重点人才行动", ["show", f"{JUJIAO}/4"]),
]


@pytest.fixture(scope="module")
def article() -> str:
    path = SOURCES / ARTICLE_FILE
    if not path.is_file():
        pytest.skip(f"the source articles are not next to this checkout ({path})")
    return path.read_text("utf-8")


_DATED = {"report", "list", "cohort", "cohorts", "status"}  # commands that take --as-of


def _out(run: Any, *argv: str) -> str:
    dated = ["--as-of", "2026-12-01"] if argv[0] in _DATED else []
    result = run(["jiebang", *argv, "--registry", str(EXAMPLE), *dated])
    assert result.exit_code == 0, result.output
    return str(result.output)


def _json(run: Any, *argv: str) -> Any:
    return json.loads(_out(run, *argv, "--format", "json"))


def test_the_example_validates(run: Any) -> None:
    result = run(["jiebang", "validate", "--registry", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    # the one warning is the truth: 20 declared, nobody named
    assert [(p["code"], p["severity"]) for p in problems] == [("count.declared", "warning")]


def test_every_command_in_the_readme_runs(run: Any) -> None:
    commands = re.findall(r"`(jiebang [^`]+)`", (EXAMPLE / "README.md").read_text("utf-8"))
    assert len(commands) >= 10
    for command in commands:
        argv = shlex.split(command)
        assert argv[argv.index("--registry") + 1] == "examples/pengjiang"
        argv[argv.index("--registry") + 1] = str(EXAMPLE)
        result = run(argv)
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.parametrize(("figure", "command"), FIGURES, ids=[f for f, _ in FIGURES])
def test_each_figure_is_the_articles_and_shown(article: str, run: Any, figure: str, command: list[str]) -> None:
    assert figure in article
    assert figure in _out(run, *command, *(["--format", "md"] if command[0] in ("programme", "report") else []))


def test_the_cohort_holds_the_published_size_and_length_as_data(article: str, run: Any) -> None:
    assert "启动第一批20名年轻干部为期6个月轮岗交流" in article
    doc = _json(run, "cohort", "pengjiang-lungang-1")
    head = doc["cohort"]
    assert (head["declared_size"], head["declared_months"], head["batch"]) == (20, 6, 1)
    assert (head["from"], head["to"], doc["postings"]) == (None, None, [])  # no dates, no names: none invented
    assert "文章未列出名单" in head["notes"]
    shown = _out(run, "cohort", "pengjiang-lungang-1")
    assert "为期6个月" in shown and "公布 20 人" in shown and "文章未列出名单" in shown


def test_the_four_parts_are_declared_and_entered(run: Any) -> None:
    for programme in (GONGCHENG, XINGDONG, JUJIAO):
        [doc] = _json(run, "programme", programme)
        counts = {c["field"]: (c["declared"], c["entered"]) for c in doc["counts"]}
        assert counts["categories"] == (4, 4)
        assert doc["launched_on"] is None  # the article has no date; no year is inferred


def test_the_pilot_communities_are_a_target(run: Any) -> None:
    doc = _json(run, "report", f"{XINGDONG}/2")
    assert next((i["name"], i["target"]) for i in doc["indicators"]) == ("志愿楼长先行示范点社区", 12)


# (the article's words, programme or project, indicator name, value, qualifier, how a command shows it):
# each figure is an indicator's actual, not a note's wording.
DATA_FIGURES: list[tuple[str, str, str, float, str | None, str]] = [
    ("两场活动", JUJIAO, "“走出去”“请进来”引才活动", 2, None, "| 2 |"),
    ("10家龙头企业", JUJIAO, "组团赴西安重点高校招揽硕博人才的龙头企业", 10, None, "| 10 |"),
    ("100所院校", JUJIAO, "首届“百校对百企”洽谈会邀请的国内院校", 100, None, "| 100 |"),
    ("160多家", JUJIAO, "首届“百校对百企”洽谈会的区内知名企业", 160, "more_than", "| 160余 |"),
    ("近百家", JUJIAO, "走访区内重点企业", 100, "nearly", "| 近100 |"),
    ("两期人才沙龙", JUJIAO, "人才沙龙", 2, None, "| 2 |"),
    ("20多场次", XINGDONG, "环五邑华侨广场商圈党群服务中心举办活动", 20, "more_than", "| 20余 |"),
    ("新设立10个社区", f"{XINGDONG}/2", "新设立社区", 10, None, "| 10 |"),
]


def _indicators(run: Any, target: str) -> list[dict[str, Any]]:
    if "/" in target:
        return list(_json(run, "report", target)["indicators"])
    [doc] = _json(run, "programme", target)
    return list(doc["indicators"])


@pytest.mark.parametrize("figure", DATA_FIGURES, ids=[f[0] for f in DATA_FIGURES])
def test_each_stated_figure_is_an_indicators_value(
    article: str, run: Any, figure: tuple[str, str, str, float, str | None, str]
) -> None:
    """The figure is in the article, held as an undated actual (the article gives no date, so none is
    written) and shown with the article's qualifier in the indicator table, not only in a note."""
    words, target, name, value, qualifier, shown = figure
    assert words in article
    [found] = [i for i in _indicators(run, target) if i["name"] == name]
    assert (found["value"], found["qualifier"], found["on"], found["period"]) == (value, qualifier, None, None)
    command = ["report", target] if "/" in target else ["programme", target]
    table = [line for line in _out(run, *command, "--format", "md").splitlines() if line.startswith(f"| {name} |")]
    assert len(table) == 1 and shown in table[0]


def test_targets_and_the_measures_document_are_data(article: str, run: Any) -> None:
    assert "设立24小时网格党群服务站点" in article and "十二条措施" in article
    targets = {i["name"]: (i["unit"], i["target"]) for i in _indicators(run, f"{XINGDONG}/2")}
    assert targets["网格党群服务站点每日服务时长"] == ("小时", 24)
    [doc] = _json(run, "programme", GONGCHENG)
    assert [(d["title"], d["articles"]) for d in doc["documents"]] == [("区管职级干部管理十二条措施", 12)]
    assert "共 12 条" in _out(run, "programme", GONGCHENG)


def test_an_undated_figure_is_known_always_but_is_no_activity() -> None:
    """An actual marked undated counts on any date, sorts before dated ones, and does not make a
    project look active since year 1 (`idle` falls back to when tracking started)."""
    from datetime import date

    from jiebang.queries import derive

    undated = {"undated": True, "value": 10}
    indicator = {"id": "I1", "name": "n", "unit": "个", "actuals": [undated]}
    assert derive.indicator_value(indicator, date(1990, 1, 1)).value == 10
    assert derive.indicator_trend(indicator, date(1990, 1, 1)) == [("", 10.0, None)]
    assert derive.last_activity({"indicators": [indicator]}, date(2026, 12, 1)) is None
    later = {**indicator, "actuals": [{"on": "2023-05", "value": 12}, undated]}
    assert derive.indicator_value(later, date(2026, 12, 1)).value == 12  # the dated one is the latest
    assert derive.indicator_value({**indicator, "actuals": [{"value": 10}]}, date(2026, 12, 1)) is None


def test_contest_and_inspection_say_what_the_article_leaves_out(run: Any) -> None:
    contest = _out(run, "meeting", "pengjiang-biwu-dalei")
    assert "比武打擂" in contest and "未写日期、参赛对象、得分、名次" in contest
    assert "没有可排名的结果" in _out(run, "rank", "--meeting", "pengjiang-biwu-dalei")
    inspection = _out(run, "show", f"{GONGCHENG}/3")
    assert "考察组" in inspection and "也未写考察结论" in inspection


def test_no_date_field_is_filled_and_nobody_is_named() -> None:
    texts = "\n".join(p.read_text("utf-8") for p in EXAMPLE.rglob("*.yaml"))
    assert not re.search(r"^\s*-?\s*(on|date|from|to|\w+_on):\s*\S", texts, re.MULTILINE)
    assert "people: []" in (EXAMPLE / "people.yaml").read_text("utf-8")
    ids = re.findall(r"\bid: (U\d+)", (EXAMPLE / "units.yaml").read_text("utf-8"))
    assert ids and all(i.startswith("U3") and len(i) == 5 for i in ids)


def test_an_inspection_groups_judgement_can_be_held(repo: Path, run: Any) -> None:
    """What the article leaves out, a register can record: a 考察组's finding on a project, kind
    inspection (考察), dated to the month and marked inferred."""
    result = run(
        ["jiebang", "assess", "1", "--kind", "考察", "--on", "2023-02~", "--assessor", "考察组", "--level", "良好"]
    )
    assert result.exit_code == 0, result.output
    text = next((repo / "registry" / "assessments").glob("*.yaml")).read_text("utf-8")
    assert "kind: inspection" in text and "date: 2023-02~" in text
    assert run(["jiebang", "validate"]).exit_code == 0
