"""Restricted records stay out of the shared register (issue 9 item 7), on real git repositories:
the store and `init --restricted`, `validate` of both trees, what reports show, `report --redact`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import at, git, make_handmade_repo
from jiebang.present import redact

# People of the hand-made register as the tests extend it (P0003 was renamed, P0004 is office staff).
NAMES = ("测试甲", "測試甲", "测试乙", "测试丙", "测试丁", "欧阳明")

STORE = """\
schema_version: 1
assessments:
  - id: A0001
    date: 2023-03-31
    kind: quarterly
    subject_type: person
    subject: P0001
    assessor: 专班
    level: excellent
    score: 95
exemptions:
  - id: E0001
    person: P0002
    date: 2023-04-01
    matter: 选址延误
    basis: 容错免责办法第五条
    project: hm-2023/1
accountability:
  - id: W0001
    person: P0004
    date: 2023-04-02
    reference: 容纪〔2023〕1号
"""


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-made register with a member who was renamed, office staff writing a review, and
    updates and reviews that name people in free text, in both scripts."""
    root = make_handmade_repo(tmp_path)
    people = root / "registry/programmes/hm-2023/people.yaml"
    people.write_text(
        people.read_text("utf-8") + "    former_names: [测试丁]\n  - id: P0004\n    name: 欧阳明\n    post: 专班主任\n",
        "utf-8",
    )
    project = root / "registry/programmes/hm-2023/projects/01.yaml"
    text = project.read_text("utf-8").replace(
        "    mentors: [P0002]   # 导师\n",
        "    mentors: [P0002]   # 导师\n    members:\n      - person: P0003\n        unit: 测试社区\n",
    )
    project.write_text(
        text
        + "updates:\n  - date: 2023-02-01\n    author: P0003\n    summary: 測試甲带队踏勘，测试丁（现名测试丙）记录\n"
        + "reviews:\n  - date: 2023-02-10\n    reviewer: P0004\n    kind: monthly\n"
        + "    comments: 请测试乙督促；欧阳\u200b明同志跟进；ＯＫ测试甲\n",
        "utf-8",
    )
    git(root, "commit", "-qam", "hand: team and updates", env=at("2023-02-11"))
    monkeypatch.chdir(root)
    return root


def _store(where: Path, text: str = STORE) -> Path:
    (where / "assessments").mkdir(parents=True, exist_ok=True)
    (where / "assessments" / "2023.yaml").write_text(text, "utf-8")
    return where


# ------------------------------------------------------------------------------ init --restricted


def test_init_makes_a_separate_repository_ignored_by_the_shared_one(run, office: Path) -> None:
    result = run(["jiebang", "init", "--restricted", "private/store"])
    assert result.exit_code == 0, result.output
    store = office / "private" / "store"
    assert (store / ".git").is_dir() and (store / "assessments").is_dir() and (store / "README.md").is_file()
    assert git(store, "log", "--format=%s").strip() == "jiebang: init restricted store"
    assert git(office, "show", "HEAD:.gitignore") == "/private/store/\n"  # committed in the shared repository
    assert git(office, "status", "--porcelain") == ""  # nothing of the store shows up to be committed
    _store(store)
    git(office, "add", "-A")
    assert "private" not in git(office, "diff", "--cached", "--name-only")
    shown = run(["jiebang", "report", "1", "--restricted", "private/store", "--include-restricted"])
    assert shown.exit_code == 0 and "A0001" in shown.output


def test_init_outside_the_shared_repository_leaves_it_alone(run, office: Path, tmp_path: Path) -> None:
    result = run(["jiebang", "init", "--restricted", str(tmp_path / "elsewhere")])
    assert result.exit_code == 0, result.output
    assert git(tmp_path / "elsewhere", "rev-parse", "--show-toplevel").strip() == str(
        (tmp_path / "elsewhere").resolve()
    )
    assert not (office / ".gitignore").exists() and git(office, "log", "--format=%s").count("\n") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--restricted", "registry/secret"], "重叠"),
        (["--restricted", "registry"], "不是空目录"),
        (["--restricted", "s", "--from-sample"], "--restricted 只新建受限库"),
        (["elsewhere", "--restricted", "s"], "--restricted 只新建受限库"),
    ],
)
def test_init_refuses_a_store_it_cannot_keep_apart(run, office: Path, args: list[str], message: str) -> None:
    before = git(office, "status", "--porcelain", "--ignored")
    result = run(["jiebang", "init", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert git(office, "status", "--porcelain", "--ignored") == before and not (office / "s").exists()


# ------------------------------------------------------------------------------ where a store may be


def test_include_restricted_needs_a_store(run, office: Path) -> None:
    result = run(["jiebang", "report", "1", "--include-restricted"])
    assert result.exit_code == 2 and "没有指定受限库" in result.stderr and "JIEBANG_RESTRICTED" in result.stderr
    missing = run(["jiebang", "list", "--include-restricted", "--restricted", "nowhere"])
    assert missing.exit_code == 2 and "找不到受限库" in missing.stderr and "jiebang init --restricted" in missing.stderr


def test_a_store_inside_the_register_is_refused(run, office: Path) -> None:
    _store(office / "registry" / "secret")
    result = run(["jiebang", "report", "1", "--restricted", "registry/secret", "--include-restricted"])
    assert result.exit_code == 2 and "重叠" in result.stderr


def test_a_store_in_the_shared_work_tree_must_be_ignored(run, office: Path) -> None:
    _store(office / "secret")
    refused = run(["jiebang", "report", "1", "--restricted", "secret", "--include-restricted"])
    assert refused.exit_code == 2 and "未被 git 忽略" in refused.stderr and ".gitignore" in refused.stderr
    (office / ".git" / "info" / "exclude").write_text("/secret/\n", "utf-8")
    allowed = run(["jiebang", "report", "1", "--restricted", "secret", "--include-restricted"])
    assert allowed.exit_code == 0 and "A0001" in allowed.output


# ------------------------------------------------------------------------------ reads


def test_reports_show_at_most_a_count_unless_restricted_records_are_included(
    run, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path / "store")
    plain = run(["jiebang", "report", "1", "--format", "json"])
    assert "restricted" not in json.loads(plain.output)  # no store configured: not a word about it
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(store))
    for fmt in ("table", "md", "json", "yaml", "csv"):
        counted = run(["jiebang", "report", "1", "--format", fmt])
        assert counted.exit_code == 0, counted.output
        for secret in ("A0001", "excellent", "95", "E0001", "容错免责办法", "W0001", "容纪"):
            assert secret not in counted.output, (fmt, secret)
    assert json.loads(run(["jiebang", "report", "1", "--format", "json"]).output)["restricted"] == {"count": 2}
    assert "受限记录 2 条" in run(["jiebang", "report", "1", "--format", "md"]).output
    full = run(["jiebang", "report", "1", "--include-restricted", "--format", "md"])
    assert full.exit_code == 0, full.output
    assert "A0001" in full.output and r"测试甲 \(P0001\)" in full.output and "容错免责办法第五条" in full.output
    assert "W0001" not in full.output  # about someone who is not on this project's team
    rows = json.loads(run(["jiebang", "report", "1", "--include-restricted", "--format", "json"]).output)
    assert [r["id"] for r in rows["restricted"]["records"]] == ["A0001", "E0001"]
    assert "季度考核 · 优秀 · 95" in full.output  # kind and level in words; JSON keeps the keys
    assert rows["restricted"]["records"][0]["kind"] == "quarterly"
    english = run(["jiebang", "report", "1", "--include-restricted", "--format", "md", "--lang", "en"]).output
    assert "quarterly · excellent · 95" in english


def test_a_configured_store_that_is_absent_does_not_stop_a_report(
    run, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(office.parent / "gone"))
    result = run(["jiebang", "report", "1", "--format", "json"])
    assert result.exit_code == 0 and "restricted" not in json.loads(result.output)


# ------------------------------------------------------------------------------ validate


def test_validate_checks_the_store_and_its_references(run, office: Path, tmp_path: Path) -> None:
    store = _store(tmp_path / "store")
    assert run(["jiebang", "validate", "--restricted", str(store)]).exit_code == 0
    broken = STORE.replace("subject: P0001", "subject: P0099").replace("project: hm-2023/1", "project: hm-2023/9")
    broken = broken.replace("    basis: 容错免责办法第五条\n", "") + "  - id: W0001\n    person: P0001\n"
    broken += "    date: 2023-05-01\n    reference: 容纪〔2023〕2号\n"
    _store(store, broken)
    result = run(["jiebang", "validate", "--restricted", str(store)])
    assert result.exit_code == 1
    out = result.output
    assert "2023.yaml:7:14" in out and "人员 P0099 不在共享登记册里" in out  # located at the value
    assert "项目 hm-2023/9 不在共享登记册里" in out
    assert "编号 W0001 重复" in out
    assert "basis" in out  # the schema's required field
    assert run(["jiebang", "validate"]).exit_code == 0  # the store is only checked when named


def test_validate_checks_the_store_for_personal_data_and_control_characters(run, office: Path, tmp_path: Path) -> None:
    text = STORE.replace("    level: excellent\n", "    level: excellent\n    basis: 电话13812345678，a.b@example.cn\n")
    store = _store(tmp_path / "store", text.replace("matter: 选址延误", 'matter: "选址\\e延误"'))
    result = run(["jiebang", "validate", "--restricted", str(store), "--format", "json"])
    found = {(p["code"], p["line"]) for p in json.loads(result.output)["problems"] if str(store) in p["path"]}
    assert found >= {("pii.phone", 10), ("pii.email", 10), ("text.control-character", 16)}  # located
    assert result.exit_code == 1
    assert "13812345678" not in result.output  # masked, as in the shared register
    assert run(["jiebang", "validate"]).exit_code == 0  # only when the store is named


def test_store_references_to_units_teams_and_meetings(run, office: Path, tmp_path: Path) -> None:
    (office / "registry" / "units.yaml").write_text(
        "schema_version: 1\nunits:\n  - id: U001\n    name: 测试街道办\n    kind: town\n    aliases: [测试街道]\n",
        "utf-8",
    )
    (office / "registry" / "meetings").mkdir()
    (office / "registry" / "meetings" / "2023-q1.yaml").write_text(
        "schema_version: 1\nid: 2023-q1\nkind: review\ntitle: 一季度讲评\ndate: 2023-03-31\n", "utf-8"
    )
    items = [
        ("unit", "U001", ""),
        ("unit", "測試街道", ""),  # an alias, in Traditional script
        ("team", "hm-2023/1/T1", "    meeting: 2023-q1\n"),
        ("unit", "U009", ""),
        ("unit", "不存在的单位", ""),
        ("team", "hm-2023/1/T9", "    meeting: 2023-q9\n"),
    ]
    text = "schema_version: 1\nassessments:\n" + "".join(
        f"  - id: A000{i}\n    date: 2023-03-31\n    kind: annual\n    subject_type: {kind}\n"
        f"    subject: {subject}\n    assessor: 专班\n{more}"
        for i, (kind, subject, more) in enumerate(items, 1)
    )
    result = run(["jiebang", "validate", "--restricted", str(_store(tmp_path / "store", text)), "--format", "json"])
    problems = json.loads(result.output)["problems"]
    found = {(p["pointer"], p["severity"]) for p in problems if p["path"].startswith(str(tmp_path / "store"))}
    assert found == {
        ("$.assessments[3].subject", "error"),
        ("$.assessments[4].subject", "warning"),  # a unit name nobody registered, as elsewhere
        ("$.assessments[5].subject", "error"),
        ("$.assessments[5].meeting", "error"),
    }
    assert result.exit_code == 1


def test_a_unit_subject_is_judged_as_every_unit_field_is(run, office: Path, tmp_path: Path) -> None:
    """The store's unit subjects and the register's unit fields are judged by one rule: an unknown
    id is an error, a name units.yaml cannot place a warning, and no name is questioned without it."""
    text = "schema_version: 1\nassessments:\n" + "".join(
        f"  - {{id: A000{i}, date: 2023-03-31, kind: annual, subject_type: unit, subject: {unit}, assessor: 专班}}\n"
        for i, unit in enumerate(("U009", "不存在的单位", "测试街道办"), 1)
    )
    store = _store(tmp_path / "store", text)
    project = office / "registry/programmes/hm-2023/projects/01.yaml"
    project.write_text(project.read_text("utf-8") + "co_units: [U009, 不存在的单位, 测试街道办]\n", "utf-8")

    def severities() -> tuple[list[str], list[str]]:
        result = run(["jiebang", "validate", "--restricted", str(store), "--format", "json"])
        problems = json.loads(result.output)["problems"]
        shared = sorted(p["severity"] for p in problems if p["pointer"].startswith("$.co_units"))
        kept = sorted(p["severity"] for p in problems if p["code"] == "restricted.unknown-ref")
        return shared, kept

    assert severities() == (["error"], ["error"])  # without units.yaml only the id is questioned
    (office / "registry" / "units.yaml").write_text(
        "schema_version: 1\nunits:\n  - id: U001\n    name: 测试街道\n    kind: town\n    aliases: [测试街道办]\n",
        "utf-8",
    )
    assert severities() == (["error", "warning"], ["error", "warning"])


def test_validate_refuses_restricted_records_in_the_shared_register(run, office: Path) -> None:
    (office / "registry" / "assessments").mkdir()
    (office / "registry" / "assessments" / "2023.yaml").write_text(STORE, "utf-8")
    result = run(["jiebang", "validate"])
    assert result.exit_code == 1
    out = result.output
    assert "registry/assessments/2023.yaml:6:19" in out and "[restricted.in-shared]" in out
    assert "[restricted.field-in-shared]" in out and "exemptions" in out and "accountability" in out
    assert "移到受限库" in out


@pytest.mark.parametrize(
    ("file", "addition", "field"),
    [
        ("programmes/hm-2023/projects/01.yaml", "x-容错免责: 已免责\n", "x-容错免责"),
        ("programmes/hm-2023/projects/01.yaml", "x-notes:\n  tolerance_applied: true\n", "tolerance_applied"),
        ("programmes/hm-2023/people.yaml", "    x-level: 优秀\n", "x-level"),
    ],
)
def test_restricted_fields_anywhere_in_shared_files_are_refused(
    run, office: Path, file: str, addition: str, field: str
) -> None:
    path = office / "registry" / file
    path.write_text(path.read_text("utf-8") + addition, "utf-8")
    result = run(["jiebang", "validate"])
    assert result.exit_code == 1 and "[restricted.field-in-shared]" in result.output and field in result.output


def test_a_write_cannot_keep_restricted_data_in_the_shared_register(run, office: Path) -> None:
    path = office / "registry/programmes/hm-2023/projects/01.yaml"
    path.write_text(path.read_text("utf-8") + "x-问责: 容纪〔2023〕1号\n", "utf-8")
    result = run(["jiebang", "update", "1", "--author", "P0001", "--summary", "进展", "--include-edits"])
    assert result.exit_code == 1 and "restricted.field-in-shared" in result.output


# ------------------------------------------------------------------------------ redaction


@pytest.mark.parametrize("fmt", ["table", "md", "json", "yaml", "csv"])
def test_redact_names_nobody_in_any_format(run, office: Path, tmp_path: Path, fmt: str) -> None:
    store = _store(tmp_path / "store")
    result = run(["jiebang", "report", "1", "--redact", "--restricted", str(store), "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.output
    for name in NAMES:
        assert name not in out, name
    assert "欧阳\u200b明" not in out and "专班主任" not in out  # nor a post that names them
    for shown in ("团队负责人", "项目导师", "成员", "欧阳某"):
        assert shown in out, shown
    assert "受限记录" not in out and "A0001" not in out  # not even the count


def test_redacted_free_text_reads_with_roles(run, office: Path) -> None:
    doc = json.loads(run(["jiebang", "report", "1", "--redact", "--format", "json"]).output)
    assert doc["updates"][0]["summary"] == "团队负责人带队踏勘，成员（现名成员）记录"
    assert doc["reviews"][0]["comments"] == "请项目导师督促；欧阳某同志跟进；ＯＫ团队负责人"
    assert doc["people"]["leader"][0] == {"id": "P0001", "name": "团队负责人", "unit": "测试街道办"}
    english = json.loads(run(["jiebang", "report", "1", "--redact", "--format", "json", "--lang", "en"]).output)
    assert english["people"]["mentors"][0]["name"] == "mentor"


def test_redact_and_include_restricted_do_not_mix(run, office: Path, tmp_path: Path) -> None:
    store = _store(tmp_path / "store")
    result = run(["jiebang", "report", "1", "--redact", "--include-restricted", "--restricted", str(store)])
    assert result.exit_code == 2 and "--redact" in result.stderr


@pytest.mark.parametrize(
    ("name", "shown"), [("梁楚翔", "梁某"), ("欧阳明", "欧阳某"), ("歐陽明", "歐陽某"), ("李", "李某")]
)
def test_surname_and_mou(name: str, shown: str) -> None:
    assert redact.surname_mou(name) == shown


def test_names_are_found_in_any_script_and_width() -> None:
    names = {"梁楚翔": "团队负责人", "梁楚": "梁某"}
    assert (
        redact.replace_names("梁楚翔、樑楚翔、梁\u200b楚翔和梁楚", names) == "团队负责人、团队负责人、团队负责人和梁某"
    )
    assert redact.replace_names("no names here", names) == "no names here"
