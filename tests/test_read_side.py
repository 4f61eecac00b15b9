"""`list`, `report`, `status`, `show` on the bundled sample and on the fictional demo register."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO

DEMO = REPO / "tests" / "fixtures" / "demo"
GOLDEN = REPO / "tests" / "golden"


@pytest.fixture
def sample(run, tmp_path: Path, monkeypatch):
    """Run against the bundled sample, from a folder with no register of its own."""
    monkeypatch.chdir(tmp_path)
    return run


@pytest.fixture
def demo(run, monkeypatch):
    monkeypatch.chdir(DEMO)
    return run


def _numbers(result) -> list[int]:
    assert result.exit_code == 0, result.output
    return [row["number"] for row in json.loads(result.stdout)]


# ------------------------------------------------------------------------------ the sample's facts


def test_report_24_shows_its_leader(sample) -> None:
    doc = json.loads(sample(["jiebang", "report", "24", "--as-of", "2022-02-24", "-f", "json"]).stdout)
    assert [p["name"] for p in doc["people"]["leader"]] == ["梁楚翔"]
    assert doc["project"]["title"] == "农贸市场立体停车场建设"
    assert doc["project"]["category"]["label"] == "四 持续增进民生福祉（民生）"
    assert doc["status"] == {"value": "assigned", "since": "2022-02-24"}
    text = sample(["jiebang", "report", "24", "--as-of", "2022-02-24"]).stdout
    assert "梁楚翔" in text and "团队负责人" in text and "已挂帅" in text


def test_report_6_shows_its_mentor(sample) -> None:
    doc = json.loads(sample(["jiebang", "report", "6", "-f", "json"]).stdout)
    assert [p["name"] for p in doc["people"]["mentors"]] == ["李耀新"]
    assert doc["people"]["leader"] == []
    assert "未公开" in sample(["jiebang", "report", "6"]).stdout  # the leader was not published


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("農貿市場立體停車場建設", 24),
        ("农贸市场立体停车场建设", 24),
        ("ronggui-2022/24", 24),
        ("２４", 24),
        ("停車場", 24),
        ("打造《桃源·龙涌》特色名片", 9),  # the alias the leader's quote uses
        ("桂洲大道西延線", 6),
        ("nmsclttccjs", 24),  # pinyin initials
    ],
)
def test_project_names(sample, name: str, number: int) -> None:
    result = sample(["jiebang", "report", name, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["project"]["number"] == number


def test_ambiguous_project_lists_candidates(sample) -> None:
    result = sample(["jiebang", "report", "改造"])
    assert result.exit_code == 2
    for candidate in ("ronggui-2022/3 ", "ronggui-2022/21 ", "ronggui-2022/22 ", "ronggui-2022/17 "):
        assert candidate in result.stderr


def test_unknown_project(sample) -> None:
    result = sample(["jiebang", "report", "火星基地", "--lang", "en"])
    assert result.exit_code == 2
    assert "no project matches '火星基地'" in result.stderr


def test_status_on_launch_day(sample) -> None:
    doc = json.loads(sample(["jiebang", "status", "--as-of", "2022-02-24", "-f", "json"]).stdout)
    assert [c["projects"] for c in doc["categories"]] == [3, 7, 8, 6, 2, 4]
    assert sum(c["underway"] for c in doc["categories"]) == 30
    assert sum(c["unrated"] for c in doc["categories"]) == 30
    assert {p["status"] for p in doc["projects"]} == {"assigned"}
    assert {p["rag_label"] for p in doc["projects"]} == {"no_milestones"}
    table = sample(["jiebang", "status", "--as-of", "2022-02-24"]).stdout
    assert table.count("已挂帅") >= 30 and "无里程碑" in table


def test_status_before_launch_shows_nothing_yet(sample) -> None:
    doc = json.loads(sample(["jiebang", "status", "--as-of", "2022-02-23", "-f", "json"]).stdout)
    assert doc["projects"] == []


def test_show_prints_the_file_as_written(sample) -> None:
    result = sample(["jiebang", "show", "24"])
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert "title_published: 農貿市場立體停車場建設" in result.stdout


# ------------------------------------------------------------------------------ filters


@pytest.mark.parametrize(
    ("args", "numbers"),
    [
        (["--person", "梁楚翔"], [24]),
        (["--person", "鄭丹妍"], [9]),
        (["--person", "P0004"], [1]),
        (["--status", "已挂帅", "-c", "党建"], [25, 26]),
        (["--status", "active"], []),
        (["停車場"], [24]),
        (["改造", "--category", "民生"], [21, 22]),
        (["--sort", "-number", "--limit", "3"], [30, 29, 28]),
        (["--sort", "title", "-c", "党建"], [26, 25]),
    ],
)
def test_sample_filters(sample, args: list[str], numbers: list[int]) -> None:
    assert _numbers(sample(["jiebang", "list", *args, "-f", "json"])) == numbers


@pytest.mark.parametrize(
    ("args", "numbers"),
    [
        (["--rag", "red"], [4]),
        (["--rag", "红"], [4]),
        (["--rag", "amber"], [2, 3, 5]),  # 3 is red by the rules but overridden to amber
        (["--overdue"], [2, 3, 4]),
        (["--due-before", "2023-07-01"], [4, 7]),
        (["--status", "open"], [8]),
        (["--status", "進行中", "--category", "甲类"], [1, 2]),
        (["--person", "测试乙", "--rag", "green"], [1, 6]),
        (["--sort", "progress", "--limit", "2"], [5, 2]),
        (["--tier", "重点"], [1, 3]),
        (["--unit", "测试交通局"], [4]),
        (["--unit", "街道办"], [4]),
    ],
)
def test_demo_filters(demo, args: list[str], numbers: list[int]) -> None:
    assert _numbers(demo(["jiebang", "list", "--as-of", "2023-06-30", *args, "-f", "json"])) == numbers


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "finished"], "没有状态“finished”"),
        (["--rag", "blue"], "没有颜色“blue”"),
        (["--sort", "size"], "不支持的排序 size"),
        (["--as-of", "2023-02-30"], "日期“2023-02-30”无效"),
        (["--tier", "vip"], "没有层级“vip”"),
    ],
)
def test_bad_filter_values(demo, args: list[str], message: str) -> None:
    result = demo(["jiebang", "list", *args])
    assert result.exit_code == 2
    assert message in result.stderr


# ------------------------------------------------------------------------------ golden outputs

GOLDEN_COMMANDS = {
    "list": ["list"],
    "status": ["status"],
    "report-3": ["report", "3"],
    "report-6": ["report", "6"],
    "report-7": ["report", "7"],
}


GOLDEN_CASES = [
    (name, fmt, lang)
    for name in sorted(GOLDEN_COMMANDS)
    for fmt in ("table", "json", "csv", "yaml", "md")
    for lang in ("zh", "en")
    if not (lang == "en" and fmt in ("json", "yaml"))  # machine formats carry keys, not language
]


@pytest.mark.parametrize(("name", "fmt", "lang"), GOLDEN_CASES)
def test_golden(demo, name: str, fmt: str, lang: str, update_golden: bool) -> None:
    args = ["jiebang", *GOLDEN_COMMANDS[name], "--as-of", "2023-06-30", "--format", fmt, "--lang", lang]
    result = demo(args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    path = GOLDEN / f"{name}.{lang}.{fmt}.txt"
    if update_golden or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.stdout, "utf-8")
    assert result.stdout == path.read_text("utf-8")


def test_no_color_is_honoured(sh) -> None:
    args = ("status", "--as-of", "2023-06-30", "--registry", str(DEMO / "registry"))
    coloured = sh(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"})
    assert "\x1b[1;31m" in coloured.stdout  # red RAG cell
    plain = sh(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200", "NO_COLOR": "1"})
    assert plain.returncode == 0
    assert "\x1b[31m" not in plain.stdout and "\x1b[1;31m" not in plain.stdout
