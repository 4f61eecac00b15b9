"""Programmes above projects (issue 10): a programme's parent and the rollup along it, teams kept
apart from projects, and pinyin glosses pasted from mirrored pages (發(fā)展)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import git, repo_of
from jiebang import textnorm

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = next((ROOT.parent / "shared" / "sources").glob("001_*.txt"), None)
PROGRAMME = Path("registry/programmes/ronggui-2022/programme.yaml")


def combined(tmp_path: Path) -> Path:
    """The bundled 容桂 register and the 黄岩 example in one folder (their ids do not collide)."""
    root = tmp_path / "combined"
    shutil.copytree(ROOT / "registry", root)
    shutil.copytree(ROOT / "examples" / "huangyan" / "programmes", root / "programmes", dirs_exist_ok=True)
    for name in ("people", "units"):
        extra = (ROOT / "examples" / "huangyan" / f"{name}.yaml").read_text("utf-8").split(f"{name}:\n", 1)[1]
        path = root / f"{name}.yaml"
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + extra, "utf-8")
    return root


def problems(run, registry: Path) -> list[dict]:
    result = run(["jiebang", "validate", "--registry", str(registry), "--format", "json"])
    doc = json.loads(result.stdout)
    return doc["problems"] if isinstance(doc, dict) else doc


def codes(run, registry: Path) -> list[str]:
    return [p["code"] for p in problems(run, registry)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


# ------------------------------------------------------------------------------ parents and rollup


def test_status_rolls_up_per_programme_and_per_parent(tmp_path: Path, run) -> None:
    root = combined(tmp_path)
    assert run(["jiebang", "validate", "--registry", str(root)]).exit_code == 0
    strand = root / "programmes/huangyan-ganbu/programme.yaml"  # a strand with a project of its own
    (strand.parent / "projects").mkdir()
    shutil.copy(root / "programmes/ronggui-2022/projects/24.yaml", root / "programmes/huangyan-ganbu/projects/24.yaml")
    edit(root / "programmes/huangyan-ganbu/projects/24.yaml", "category: 4", "category: 5")
    assert strand.exists()
    result = run(
        ["jiebang", "status", "--by", "programme", "--registry", str(root), "-f", "json", "--as-of", "2022-03-01"]
    )
    assert result.exit_code == 0, result.output
    rows = [(r["programme"], r["depth"], r["rollup"], r["projects"]) for r in json.loads(result.stdout)["programmes"]]
    assert rows == [
        ("huangyan-dandang", 0, False, 0),
        ("huangyan-ganbu", 1, False, 1),
        ("huangyan-hezhang", 1, False, 0),
        ("huangyan-shituan", 1, False, 0),
        ("huangyan-zhuanyuan", 1, False, 0),
        ("huangyan-dandang", 0, True, 1),
        ("ronggui-2022", 0, False, 30),
    ]
    table = run(["jiebang", "status", "--by", "programme", "--registry", str(root), "--programme", "huangyan-dandang"])
    assert "huangyan-dandang 合计" in table.stdout and "ronggui-2022" not in table.stdout


def test_an_unknown_parent_and_a_cycle_are_errors(tmp_path: Path, run) -> None:
    root = combined(tmp_path)
    edit(root / "programmes/huangyan-shituan/programme.yaml", "parent: huangyan-dandang", "parent: huangyan-dandng")
    found = {p["code"]: p for p in problems(run, root)}
    assert found["ref.programme"]["line"] == 7 and "huangyan-dandang" in json.dumps(found["ref.programme"])
    edit(root / "programmes/huangyan-shituan/programme.yaml", "parent: huangyan-dandng", "parent: huangyan-ganbu")
    edit(
        root / "programmes/huangyan-dandang/programme.yaml",
        "kind: government",
        "parent: huangyan-shituan\nkind: government",
    )
    assert codes(run, root).count("programme.parent-cycle") == 3  # dandang → shituan → ganbu → dandang
    status = run(["jiebang", "status", "--by", "programme", "--registry", str(root), "-f", "json"])
    listed = [r["programme"] for r in json.loads(status.stdout)["programmes"] if not r["rollup"]]
    assert sorted(listed) == sorted({*listed}) and len(listed) == 6  # a cycle still lists each once


# ------------------------------------------------------------------------------ programme teams

TEAMS = """teams:
  - id: T1
    name: 第一狮团
    leader: P0006
    projects:
      - {project: 9, role: lead}
      - {project: 10, role: support}
  - id: T2
    name: 第二狮团
    projects:
      - {project: 9, role: lead}
    work: 区委区政府其他重点工作
"""


def test_programme_teams_attach_to_projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    """Projects 9 and 10 lose their own teams: the programme's T1 and T2 lead 9 (two leads: a horse
    race, allowed), T1 only supports 10, so 10, assigned, has no team to lead it."""
    root = repo_of(tmp_path, monkeypatch, ROOT / "registry")
    projects = root / PROGRAMME.parent / "projects"
    edit(projects / "09.yaml", "teams:\n  - id: T1\n    leader: P0006\n    mentors: []\n", "")
    edit(projects / "10.yaml", "teams:\n  - id: T1\n    leader: null\n    mentors: []\n", "")
    edit(root / PROGRAMME, "people_roles:", TEAMS + "people_roles:")
    found = [(p["code"], p["path"].rsplit("/", 1)[-1]) for p in problems(run, root / "registry")]
    assert found == [("lifecycle.no-team", "10.yaml")]
    doc = json.loads(run(["jiebang", "programme", "-f", "json"]).stdout)
    doc = doc[0] if isinstance(doc, list) else doc
    assert doc["teams"][0]["projects"] == [{"project": 9, "role": "lead"}, {"project": 10, "role": "support"}]
    assert doc["without_lead_team"] == [10]
    edit(root / PROGRAMME, "  projects: 30\n", "  projects: 30\n  teams: 30\n")  # 28 own + 2 programme teams
    doc = json.loads(run(["jiebang", "programme", "-f", "json"]).stdout)
    doc = doc[0] if isinstance(doc, list) else doc
    assert {"field": "teams", "declared": 30, "entered": 30} in doc["counts"]
    shown = run(["jiebang", "programme"], env={"COLUMNS": "200"}).stdout
    assert "第一狮团 · 9（牵头）、10（协同）" in shown and "没有牵头团队的项目：10" in shown
    report = json.loads(run(["jiebang", "report", "9", "-f", "json"]).stdout)  # the project shows its teams
    assert [(t["id"], t["role"]) for t in report["people"]["programme_teams"]] == [("T1", "lead"), ("T2", "lead")]
    assert "T1 第一狮团（协同）" in run(["jiebang", "report", "10", "-f", "md"]).stdout


def test_programme_team_mistakes_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    root = repo_of(tmp_path, monkeypatch, ROOT / "registry")
    wrong = TEAMS.replace("{project: 10, role: support}", "{project: 31, role: support}")
    wrong = wrong.replace("  - id: T2", "  - id: T1").replace(
        "      - {project: 9, role: lead}\n    work",
        "      - {project: 9, role: lead}\n      - {project: 9, role: support}\n    work",
    )
    wrong = wrong.replace("leader: P0006", "leader: P9999")
    edit(root / PROGRAMME, "people_roles:", wrong + "people_roles:")
    found = sorted((p["code"], p["line"]) for p in problems(run, root / "registry"))
    said = {p["code"]: p["message"] for p in problems(run, root / "registry")}
    start = (root / PROGRAMME).read_text("utf-8").splitlines().index("teams:") + 1
    assert found == [
        ("ref.person", start + 3),
        ("ref.team-project", start + 6),
        ("team.attached-twice", start + 11),
        ("unique.programme-team-id", start + 7),
    ]
    assert said["team.attached-twice"] == "团队 T1 重复挂接项目 9"
    assert said["ref.team-project"] == "团队 T1 挂接的项目 31 不在本项目集里"


@pytest.mark.parametrize("first", ['"9"', "true"], ids=["text", "boolean"])
def test_an_attachment_that_is_no_number_is_the_schemas_and_the_rest_are_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run, first: str
) -> None:
    """`project: "9"` or `project: true` is not a project number: the schema says so, the rule of
    attachments passes over it (no `ref.team-project` for it) and goes on to the next (31, unknown)."""
    root = repo_of(tmp_path, monkeypatch, ROOT / "registry")
    wrong = TEAMS.replace(
        "{project: 9, role: lead}\n      - {project: 10,",
        f"{{project: {first}, role: lead}}\n      - {{project: 31,",
        1,
    )
    edit(root / PROGRAMME, "people_roles:", wrong + "people_roles:")
    start = (root / PROGRAMME).read_text("utf-8").splitlines().index("teams:") + 1
    found = [(p["code"], p["line"]) for p in problems(run, root / "registry") if p["code"] != "lifecycle.no-lead-team"]
    assert [f for f in found if not f[0].startswith("schema.")] == [("ref.team-project", start + 6)]
    assert [line for code, line in found if code.startswith("schema.")] == [start + 5]


# ------------------------------------------------------------------------------ pinyin glosses


@pytest.mark.skipif(ARTICLE is None, reason="the source articles are not beside this checkout")
def test_every_gloss_in_article_001_is_found_and_stripped() -> None:
    assert ARTICLE is not None
    text = ARTICLE.read_text("utf-8")
    assert len(textnorm.PINYIN_GLOSS.findall(text)) == 163
    stripped = textnorm.strip_glosses(text)
    assert textnorm.PINYIN_GLOSS.search(stripped) is None
    assert len(text) - len(stripped) == sum(len(m) for m in textnorm.PINYIN_GLOSS.findall(text))
    assert "長(街長、路長、網格長)" in stripped  # a bracket of Chinese text is no gloss
    assert "黃巖發展我擔當" in stripped


def test_matching_ignores_glosses_both_ways() -> None:
    assert textnorm.matches("发展", "黃巖發(fā)展我擔(dān)當")
    assert textnorm.matches("發(fā)展", "黄岩发展我担当")
    assert not textnorm.matches("发展", "发(ba)")


def test_writes_drop_glosses_and_validate_flags_hand_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    root = repo_of(tmp_path, monkeypatch, ROOT / "registry")
    project = root / "registry/programmes/ronggui-2022/projects/24.yaml"
    result = run(["jiebang", "set", "project", "24", "--title", "黃巖發(fā)展我擔(dān)當樣板"])
    assert result.exit_code == 0, result.output
    assert "title: 黃巖發展我擔當樣板" in project.read_text("utf-8")
    edit(project, "title: 黃巖發展我擔當樣板", "title: 黃巖發(fā)展我擔(dān)當樣板")
    (found,) = [p for p in problems(run, root / "registry") if p["code"] == "text.pinyin-gloss"]
    assert (found["severity"], found["pointer"], found["args"]["count"]) == ("warning", "$.title", 2)
    assert found["line"] is not None and found["args"]["value"] == "(fā)"
    assert run(["jiebang", "validate"]).exit_code == 0  # a warning only
    for typed in ("发展我担当", "發(fā)展我"):  # found in the glossed title, typed either way
        listed = run(["jiebang", "list", typed, "-f", "json"], env={"COLUMNS": "200"})
        assert [r["number"] for r in json.loads(listed.stdout)] == [24], typed


def test_attach_and_detach_through_the_write_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    root = repo_of(tmp_path, monkeypatch, ROOT / "registry")
    before = (root / PROGRAMME).read_text("utf-8")
    commits = len(git(root, "log", "--oneline").splitlines())
    ok = run(
        ["jiebang", "add", "programme-team", "--name", "第一獅(shī)團", "--leader", "郑丹妍", "--work", "其他重点工作"]
    )
    assert ok.exit_code == 0, ok.output
    assert run(["jiebang", "attach", "T1", "9"]).exit_code == 0
    assert run(["jiebang", "attach", "T1", "10", "--role", "協同"]).exit_code == 0  # a label, either script
    text = (root / PROGRAMME).read_text("utf-8")
    assert text.startswith(before.rstrip("\n").split("\nnotes:")[0])  # nothing above moved, comments kept
    assert "name: 第一獅團" in text and "leader: P0006" in text  # the gloss dropped on input
    assert "- project: 9\n        role: lead" in text and "- project: 10\n        role: support" in text
    assert len(git(root, "log", "--oneline").splitlines()) == commits + 3
    assert "jiebang: attach ronggui-2022 T1 10 role=support" in git(root, "log", "-1", "--format=%s")
    assert run(["jiebang", "attach", "T1", "10", "--role", "lead"]).exit_code == 0  # a new role replaces
    assert "- project: 10\n        role: lead" in (root / PROGRAMME).read_text("utf-8")
    assert run(["jiebang", "detach", "T1", "9"]).exit_code == 0
    assert "project: 9\n" not in (root / PROGRAMME).read_text("utf-8")
    assert run(["jiebang", "validate"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["attach", "T9", "9"], "没有团队 T9"),
        (["attach", "T1", "9", "--role", "主攻"], "角色 主攻 不存在"),
        (["detach", "T1", "10"], "没有挂接项目"),
        (["attach", "T1", "99"], "99"),
    ],
)
def test_attach_refusals_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run, args: list[str], message: str
) -> None:
    root = repo_of(tmp_path, monkeypatch, ROOT / "registry")
    assert run(["jiebang", "add", "programme-team", "--name", "第一狮团"]).exit_code == 0
    commits = len(git(root, "log", "--oneline").splitlines())
    result = run(["jiebang", *args])
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert len(git(root, "log", "--oneline").splitlines()) == commits


def test_set_programme_names_a_parent_through_the_write_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    root = combined(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: both registers")
    monkeypatch.chdir(root)
    refused = run(
        ["jiebang", "set", "programme", "--programme", "ronggui-2022", "--parent", "huangyan-nowhere", "-r", str(root)]
    )
    assert refused.exit_code == 1 and "huangyan-nowhere" in refused.output  # refused: the register would be invalid
    cycle = run(
        [
            "jiebang",
            "set",
            "programme",
            "--programme",
            "huangyan-dandang",
            "--parent",
            "huangyan-ganbu",
            "-r",
            str(root),
        ]
    )
    assert cycle.exit_code == 1 and "循环" in cycle.output, cycle.output
    done = run(
        ["jiebang", "set", "programme", "--programme", "ronggui-2022", "--parent", "huangyan-dandang", "-r", str(root)]
    )
    assert done.exit_code == 0, done.output
    rows = json.loads(run(["jiebang", "status", "--by", "programme", "-f", "json", "-r", str(root)]).stdout)[
        "programmes"
    ]
    assert ("ronggui-2022", 1, False, 30) in [(r["programme"], r["depth"], r["rollup"], r["projects"]) for r in rows]
    assert ("huangyan-dandang", 0, True, 30) in [(r["programme"], r["depth"], r["rollup"], r["projects"]) for r in rows]
