"""The 望城 example register (article 002): every figure the article states about the programme is
in the register and in a command's output, the register validates, and its README's commands run.

Each figure is found in the article's text first (../shared/sources/002_*.txt), so a typo in the
register cannot pass as a fact; then in what a command prints, so the office can see it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import git, repo_of

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wangcheng"
SOURCES = ROOT.parent / "shared" / "sources"
REG = ["--registry", str(EXAMPLE)]

# (what the article says, the command that shows it, what the output must hold: a regular expression)
FIGURES = [
    ("全区14个镇街", ["programme"], r"镇街 14"),
    ("65个区直单位", ["programme"], r"区直单位 65"),
    ("申报领办“书记工程”79个", ["programme"], r"申报\s+79\s"),
    ("区委对37个“书记工程”重点项目", ["programme"], r"重点项目\s+37\s"),
    ("区委对37个", ["programme"], r"评选机构：区委"),
    ("“一对一、点对点”全程跟踪指导", ["programme"], r"跟踪指导：区委.*\n.*一对一、点对点全程跟踪指导"),
    ("定期组织调度讲评", ["programme"], r"调度讲评：定期组织调度讲评"),
    ("纳入年底的基层党建述职考核", ["programme"], r"年底基层党建述职考核 · 年度考核"),
    ("2020年4月", ["programme"], r"2020年4月"),
    ("《望城区优质基层党建“书记工程”评选实施方案》", ["programme"], r"望城区优质基层党建“书记工程”评选实施方案"),
    ("4支党员服务队", ["report", "1"], r"党员服务队\s+支\s+—\s+—\s+4\s"),
    ("3个在建项目", ["report", "2"], r"在建项目\s+个\s+—\s+—\s+3\s"),
    ("7支党员先锋队", ["report", "2"], r"党员先锋队\s+支\s+—\s+—\s+7\s"),
    ("香炉洲大桥不到10个月", ["show", "2"], r"香炉洲大桥不到10个月"),
    ("美琪学校不到7个月", ["show", "2"], r"美琪学校不到7个月"),
    ("245户", ["report", "3"], r"户\s+—\s+—\s+245\s"),
    ("四个先锋营", ["report", "4"], r"先锋营\s+个\s+—\s+—\s+4\s"),
    ("“精英营”、“提标营”、“青创营”、“攻坚营”", ["show", "4"], r"精英营、提标营、青创营、攻坚营"),
    ("“三心五要七有”", ["show", "4"], r"三心五要七有"),
    ("“十美”", ["show", "5"], r"十美"),
    *[(f"“{w}”", ["show", "6"], w) for w in ("微设施", "微改造", "微服务", "微心愿", "微治理")],
    ("“一心一会三互助”", ["list"], r"一心一会三互助"),
    ("将全区村(社区)干部队伍建设作为自己的“书记工程”", ["list"], r"全区村\(社区\)干部队伍建设.*刘拥兵"),
    ("同年6月,望城公开组织选拔的20名优秀大学毕业生", ["report", "8"], r"名\s+—\s+—\s+20\s+2020-06\s"),
    ("11月,该区率先完成村(社区)换届试点工作", ["show", "8"], r"2020年11月，率先完成村\(社区\)换届试点"),
    ("今年1月,率先全面完成村(社区)换届选举", ["show", "8"], r"2021年1月（文章记“今年1月”）"),
    ("全年先后入营95名学员", ["cohort", "特训营"], r"公布 95 人"),
    ("采用“1+3”办学模式", ["cohort", "特训营"], r"办学模式：1\+3"),
    ("由区委组织部统筹施训", ["cohort", "特训营"], r"区委组织部统筹施训"),
    (
        "等8种形式灵活施训",
        ["cohort", "特训营"],
        r"培训形式（8 种）：军事训练、集中学习、交流研讨、专题调研、实践锻炼、交流轮岗、结对培养、成果汇报",
    ),
    ("一月一自评、一季一考核、一年一结业", ["cohort", "特训营"], r"自评 一月一次，考核 一季一次，结业 一年一次"),
    ("每次考核实行“优进拙退”淘汰制", ["cohort", "特训营"], r"每次考核实行优进拙退淘汰制"),
    (
        "2月4日,望城区举办首届年轻干部特训营结业汇报会",
        ["meeting", "wangcheng-camp-2021-02-04-graduation"],
        r"首届年轻干部特训营结业汇报会 · 2021年2月4日（推定）",
    ),
    ("时间:2021-02-23", ["programme"], r"湖南日报 · 2021-02-23"),
]


@pytest.fixture(scope="module")
def article() -> str:
    found = sorted(SOURCES.glob("002_*.txt"))
    if not found:
        pytest.skip("the source articles (../shared/sources) are not beside this checkout")
    return found[0].read_text(encoding="utf-8")


def output(run: Callable[..., object], *args: str) -> str:
    result = run(["jiebang", *args, *REG, "--as-of", "2021-02-23"] if args[0] == "report" else ["jiebang", *args, *REG])
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("said", "command", "shown"), FIGURES, ids=[f[0][:14] for f in FIGURES])
def test_every_figure_of_the_article_is_in_a_command_output(
    article: str, run: Callable[..., object], said: str, command: list[str], shown: str
) -> None:
    assert said in article
    assert re.search(shown, output(run, *command)), (said, command)


def test_the_example_validates(run: Callable[..., object]) -> None:
    result = run(["jiebang", "validate", *REG])
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]


def commands_of(readme: Path) -> list[str]:
    """Every line of every ```sh block."""
    blocks = re.findall(r"```sh\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_every_command_in_the_example_readme_runs(run: Callable[..., object], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    commands = commands_of(EXAMPLE / "README.md")
    assert len(commands) >= 10
    for line in commands:
        result = run(shlex.split(line))
        assert result.exit_code == 0, (line, result.output)  # type: ignore[attr-defined]


def test_none_of_the_named_projects_is_claimed_to_be_key(run: Callable[..., object]) -> None:
    """The article does not say which projects are among the 37: they are `unknown`, not `normal`."""
    assert "没有符合条件的记录" in output(run, "list", "--tier", "重点")
    assert "没有符合条件的记录" in output(run, "list", "--tier", "normal")
    assert output(run, "list", "--tier", "未知", "--format", "csv").count("\n") == 1 + 8


def test_the_card_names_the_selection_day_once_it_is_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., object]
) -> None:
    """An undated selection says the source gives no date; a dated one shows the day (any register)."""
    root = repo_of(tmp_path, monkeypatch, EXAMPLE)
    programme = root / "registry" / "programmes" / "wangcheng-2020" / "programme.yaml"
    card = run(["jiebang", "programme", "--lang", "en"])
    assert "selected on: not given by the source" in card.stdout  # type: ignore[attr-defined]
    assert "assessed in: 年底基层党建述职考核 · annual · unit" in card.stdout  # type: ignore[attr-defined]
    text = programme.read_text(encoding="utf-8").replace("  by: 区委\n", "  by: 区委\n  on: 2020-09-01\n", 1)
    programme.write_text(text, encoding="utf-8")
    card = run(["jiebang", "programme"])
    assert "评选日期：2020-09-01" in card.stdout  # type: ignore[attr-defined]
    assert "来源未写" not in card.stdout  # type: ignore[attr-defined]


def test_a_cadence_outside_the_list_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., object]
) -> None:
    root = repo_of(tmp_path, monkeypatch, EXAMPLE)
    camp = root / "registry" / "cohorts" / "wangcheng-camp-2020.yaml"
    camp.write_text(camp.read_text(encoding="utf-8").replace("graduation: annual", "graduation: weekly"), "utf-8")
    result = run(["jiebang", "validate"])
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "graduation" in result.output  # type: ignore[attr-defined]


def test_the_camp_particulars_are_in_english_too(run: Callable[..., object]) -> None:
    shown = output(run, "cohort", "wangcheng-camp-2020", "--lang", "en")
    assert (
        "Cadence: self-assessment monthly, assessment quarterly, graduation yearly, every assessment eliminates"
        in shown
    )
    assert "Training forms (8): " in shown


def test_a_register_without_launch_or_start_dates_copies_and_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., object]
) -> None:
    """launched_on and a cohort's from may be left out when the source gives none (issue 10)."""
    root = repo_of(tmp_path, monkeypatch, EXAMPLE)
    assert "launched_on:" not in (root / "registry/programmes/wangcheng-2020/programme.yaml").read_text("utf-8")
    assert run(["jiebang", "validate"]).exit_code == 0  # type: ignore[attr-defined]
    shutil.rmtree(root / "registry" / "meetings")
    git(root, "add", "-A")
    assert run(["jiebang", "cohort", "特训营"]).exit_code == 0  # type: ignore[attr-defined]


def test_a_selection_belongs_to_a_key_project_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., object]
) -> None:
    """A project that records the act selecting it as key must be key; once it is, it counts
    towards the declared key projects on the card."""
    root = repo_of(tmp_path, monkeypatch, EXAMPLE)
    project = root / "registry" / "programmes" / "wangcheng-2020" / "projects" / "09.yaml"
    body = (root / "registry/programmes/wangcheng-2020/projects/07.yaml").read_text("utf-8")
    body = body.replace("number: 7", "number: 9").replace("tier: unknown", "tier: unknown\nselection: {by: 区委}")
    project.write_text(body, encoding="utf-8")
    result = run(["jiebang", "validate"])
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "[project.selection-not-key]" in result.output and "层级却是 未知" in result.output  # type: ignore[attr-defined]
    project.write_text(body.replace("tier: unknown", "tier: key"), encoding="utf-8")
    assert run(["jiebang", "validate"]).exit_code == 0  # type: ignore[attr-defined]
    assert re.search(r"重点项目\s+37\s+1\s", run(["jiebang", "programme"]).stdout)  # type: ignore[attr-defined]


def test_missing_review_lists_the_projects_without_a_recent_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., object]
) -> None:
    """`list --missing-review`: a review within the cadence (30 days by default) takes a project off."""
    root = repo_of(tmp_path, monkeypatch, EXAMPLE)
    project = root / "registry" / "programmes" / "wangcheng-2020" / "projects" / "08.yaml"
    lacking = run(["jiebang", "list", "--missing-review", "--as-of", "2021-02-23", "--format", "csv"])
    assert lacking.stdout.count("\n") == 1 + 8  # type: ignore[attr-defined]
    with project.open("a", encoding="utf-8") as f:
        f.write("reviews:\n  - {date: 2021-02-10, reviewer: P2001}\n")
    lacking = run(["jiebang", "list", "--missing-review", "--as-of", "2021-02-23", "--format", "csv"])
    assert lacking.stdout.count("\n") == 1 + 7  # type: ignore[attr-defined]
    assert "干部队伍建设" not in lacking.stdout  # type: ignore[attr-defined]
    later = run(["jiebang", "list", "--missing-review", "--as-of", "2021-04-01", "--format", "csv"])
    assert later.stdout.count("\n") == 1 + 8  # type: ignore[attr-defined]


# (the article's words, project, indicator name, value, qualifier, how `report` shows it in zh and en)
STATED_AS_DATA = [
    ("香炉洲大桥不到10个月", "2", "香炉洲大桥完成前期工作启动建设用时", 10, "less_than", "不到10", "less than 10"),
    ("美琪学校不到7个月", "2", "美琪学校建成开学用时", 7, "less_than", "不到7", "less than 7"),
    ("“十美”创建", "5", "“十美”创建类别", 10, None, "10", "10"),
]


@pytest.mark.parametrize("figure", STATED_AS_DATA, ids=[f[0] for f in STATED_AS_DATA])
def test_the_stated_figures_are_indicator_values_with_their_qualifier(
    article: str, run: Callable[..., object], figure: tuple[str, str, str, int, str | None, str, str]
) -> None:
    """不到10个月 is a value with the qualifier less_than, not a note: JSON carries both, and the
    table shows 不到10 / less than 10, never a bare 10 that would read as exact."""
    said, number, name, value, qualifier, zh, en = figure
    assert said in article
    doc = json.loads(output(run, "report", number, "--format", "json"))
    [found] = [i for i in doc["indicators"] if i["name"] == name]
    assert (found["value"], found["qualifier"], found["on"]) == (value, qualifier, "2021-02-23")
    assert re.search(rf"{re.escape(name)}\s+个?月?项?\s+—\s+—\s+{zh}\s", output(run, "report", number))
    english = [line for line in output(run, "report", number, "--lang", "en").splitlines() if name in line]
    assert english and re.search(rf"(actual |\s){en}[;\s]", english[0]), english


def test_the_proposal_month_is_the_programmes_preparation_start(article: str, run: Callable[..., object]) -> None:
    """2020年4月 is a month-only date in a field, not only a note: the programme's preparation
    started when the secretary proposed the 书记工程 (no day is invented)."""
    assert "2020年4月,刘拥兵" in article
    [card] = json.loads(output(run, "programme", "--format", "json"))
    assert card["prep_started_on"] == "2020-04"
    assert "筹备启动：2020-04" in output(run, "programme")
