"""`validate --since REV --authorize`: each commit's author against what their role may change.

A real repository: the office sets up roles.yaml and a second project, then every case is one
commit by one author (GIT_AUTHOR_EMAIL), checked from that set-up commit. Each rule has a case
it allows beside a case it refuses, so a rule that refuses too much fails as surely as one that
refuses too little.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import at, make_handmade_repo
from conftest import git as sh
from jiebang import api
from jiebang.writes import authorize

PROGRAMME = "registry/programmes/hm-2023"
P1 = f"{PROGRAMME}/projects/01.yaml"
P2 = f"{PROGRAMME}/projects/02.yaml"

OFFICE = "office@example.invalid"  # the office, every programme
LEADER = "leader@example.invalid"  # P0001, leads project 1 (roles.yaml says only `member`: the register wins)
MENTOR = "mentor@example.invalid"  # P0002, mentors project 1
OTHER = "other@example.invalid"  # P0003, leads project 2
MEMBER = "member@example.invalid"  # P0004, member of project 1
VIEWER = "viewer@example.invalid"
DEPUTY = "deputy@example.invalid"  # no person: leader of project 1 by roles.yaml's `projects:`
ELSEWHERE = "elsewhere@example.invalid"  # office of another programme only
STRANGER = "stranger@example.invalid"

STARTED = "  - to: active\n    on: 2023-02-01\n    by_role: office\n"
ROLES = f"""\
schema_version: 1
roles:
  - {{emails: [{OFFICE}, Tester@Example.invalid], roles: [office]}}
  - {{emails: [{LEADER}], name: 测试甲, person: P0001, roles: [member]}}
  - {{emails: [{MENTOR}], person: P0002, roles: [mentor]}}
  - {{emails: [{OTHER}], person: P0003, roles: [leader]}}
  - {{emails: [{MEMBER}], person: P0004, roles: [member]}}
  - {{emails: [{VIEWER}], roles: [viewer]}}
  - {{emails: [{DEPUTY}], roles: [leader], projects: [hm-2023/1]}}
  - {{emails: [{ELSEWHERE}], roles: [office], programmes: [other-2024]}}
"""


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def commit(repo: Path, email: str, name: str = "某人", day: str = "2023-03-01") -> str:
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: edit", env={**at(day), "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_NAME": name})
    return sh(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Project 1 active (baselined) with leader P0001, mentor P0002, member P0004; project 2
    assigned (not yet baselined), led by P0003; roles.yaml as above. Tag `base`."""
    root = make_handmade_repo(tmp_path)
    (root / "registry" / "roles.yaml").write_text(ROLES, "utf-8")
    edit(root, f"{PROGRAMME}/people.yaml", "    name: 测试丙\n", "    name: 测试丙\n  - id: P0004\n    name: 测试丁\n")
    edit(root, P1, "status: assigned\n", "status: active\n")
    assigned = "    reason: 颁发任务令（虚构）   # 启动仪式\n"
    edit(root, P1, assigned, assigned + STARTED)
    edit(root, P1, "    mentors: [P0002]   # 导师\n", "    mentors: [P0002]   # 导师\n    members: [{person: P0004}]\n")
    text = (root / P1).read_text("utf-8")
    second = text.replace("number: 1\n", "number: 2\n").replace("leader: P0001", "leader: P0003")
    second = second.replace("status: active\n", "status: assigned\n").replace(STARTED, "")
    second = second.replace("    mentors: [P0002]   # 导师\n    members: [{person: P0004}]\n", "")
    (root / P2).write_text(second.replace("农贸市场立体停车场建设", "另一个项目"), "utf-8")
    commit(root, OFFICE, "专班", "2023-02-02")
    sh(root, "tag", "base")
    monkeypatch.chdir(root)
    return root


def refusals(repo: Path) -> list[tuple[str, str, str, str]]:
    """(code, file, pointer, action) of every authorization problem since `base`."""
    result = api.validate([repo / "registry"], since="base", authorize=True)
    return [
        (p.code, Path(p.path).name, p.pointer, p.args.get("action", ""))
        for p in result.problems
        if p.code.startswith("authz.")
    ]


MARK_DONE = ("    status: planned\n", "    status: done\n    done_on: 2023-02-20\n")
MOVE_DUE = ("    due_on: 2023-03-31\n", "    due_on: 2023-04-30\n")
UPDATE = ("indicators:", "updates:\n  - {date: 2023-02-20, author: P0001, summary: 推进}\nindicators:")
REVIEW = ("indicators:", "reviews:\n  - {date: 2023-02-20, reviewer: P0002, kind: monthly, rating: green}\nindicators:")
RAG = ("indicators:", "rag_override: {value: amber, reason: 进度存疑, by: P0002, until: 2023-04-30}\nindicators:")
SUBMIT = [("status: active\n", "status: review\n"),
          ("    on: 2023-02-01\n    by_role: office\n", "    on: 2023-02-01\n    by_role: office\n  - to: review\n"
           "    on: 2023-02-20\n    by_role: leader\n")]  # fmt: skip
TEAM = ("    members: [{person: P0004}]\n", "    members: [{person: P0004}, {person: P0003}]\n")
GOAL = ("x-note:", "goal: 新增 300 个车位\nx-note:")
NEW_MILESTONE = (
    "    status: planned\n",
    "    status: planned\n  - id: M2\n    title: 开工\n    due_on: 2023-06-30\n    status: planned\n",
)
ASSESSMENT = "schema_version: 1\nassessments: []\n"

# id, author, [(file, old, new)], expected [(code, file, pointer, action)]
CASES = [
    # the leader marks his own project's milestone done, moves nothing
    ("leader-marks-done", LEADER, [(P1, *MARK_DONE)], []),
    ("leader-moves-baselined-date", LEADER, [(P1, *MOVE_DUE)],
     [("authz.refused", "01.yaml", "$.milestones[0].due_on", "baseline")]),
    ("leader-adds-milestone-after-baseline", LEADER, [(P1, *NEW_MILESTONE)],
     [("authz.refused", "01.yaml", "$.milestones[1]", "baseline")]),
    ("leader-drafts-milestone-before-baseline", OTHER, [(P2, *NEW_MILESTONE), (P2, *MOVE_DUE)], []),
    ("leader-edits-another-project", LEADER, [(P2, *MARK_DONE)],
     [("authz.refused", "02.yaml", "$.milestones[0].status", "progress")]),
    ("leader-posts-update", LEADER, [(P1, *UPDATE)], []),
    ("leader-submits-for-acceptance", LEADER, [(P1, *s) for s in SUBMIT], []),
    ("leader-edits-team", LEADER, [(P1, *TEAM)], [("authz.refused", "01.yaml", "$.teams[0].members[1]", "team")]),
    ("leader-edits-list-fields", LEADER, [(P1, *GOAL)], [("authz.refused", "01.yaml", "$.goal", "list-fields")]),
    ("leader-reviews", LEADER, [(P1, *REVIEW)], [("authz.refused", "01.yaml", "$.reviews", "review")]),
    ("leader-overrides-rag", LEADER, [(P1, *RAG)], [("authz.refused", "01.yaml", "$.rag_override", "rag-override")]),
    ("deputy-by-roles-file-marks-done", DEPUTY, [(P1, *MARK_DONE)], []),
    # the mentor reviews and overrides the colour, but does not mark milestones done
    ("mentor-adds-review", MENTOR, [(P1, *REVIEW)], []),
    ("mentor-overrides-rag", MENTOR, [(P1, *RAG)], []),
    ("mentor-marks-done", MENTOR, [(P1, *MARK_DONE)],
     [("authz.refused", "01.yaml", "$.milestones[0].status", "progress")]),
    # a member posts updates; assessing is the office's
    ("member-posts-update", MEMBER, [(P1, *UPDATE)], []),
    ("member-assesses", MEMBER, [("registry/assessments/2023.yaml", "", ASSESSMENT)],
     [("authz.refused", "2023.yaml", "$", "assess")]),
    ("viewer-posts-update", VIEWER, [(P1, *UPDATE)], [("authz.refused", "01.yaml", "$.updates", "update")]),
    # the office accepts, and may do everything
    ("office-accepts", OFFICE, [(P1, "status: active\n", "status: done\n")], []),
    ("office-assesses", OFFICE, [("registry/assessments/2023.yaml", "", ASSESSMENT)], []),
    ("office-by-its-other-address", "TESTER@example.invalid", [(P1, *MOVE_DUE), (P1, *TEAM)], []),
    ("leader-accepts", LEADER, [(P1, "status: active\n", "status: done\n")],
     [("authz.refused", "01.yaml", "$.status", "status")]),
    ("office-of-another-programme", ELSEWHERE, [(P1, *GOAL)],
     [("authz.refused", "01.yaml", "$.goal", "list-fields")]),
    ("office-of-another-programme-edits-roles", ELSEWHERE,
     [("registry/roles.yaml", "roles: [viewer]", "roles: [office]")],
     [("authz.refused", "roles.yaml", "$", "roles")]),
    ("leader-edits-people", LEADER, [(f"{PROGRAMME}/people.yaml", "name: 测试丁", "name: 测试丁丁")],
     [("authz.refused", "people.yaml", "$", "people")]),
    # identities: unknown e-mail, or a name that does not match the entry's
    ("unknown-author", STRANGER, [(P1, *UPDATE)], [("authz.unknown-author", "01.yaml", "$", "")]),
]  # fmt: skip


@pytest.mark.parametrize(("author", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_role_against_the_matrix(repo: Path, author: str, changes: list[tuple[str, str, str]], expected) -> None:
    for rel, old, new in changes:
        if old:
            edit(repo, rel, old, new)
        else:
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            (repo / rel).write_text(new, "utf-8")
    commit(repo, author, "测试甲" if author == LEADER else "某人")
    assert refusals(repo) == expected


def test_the_name_must_match_where_the_entry_gives_one(repo: Path) -> None:
    edit(repo, P1, *MARK_DONE)
    commit(repo, LEADER, "冒名者")
    assert refusals(repo) == [("authz.unknown-author", "01.yaml", "$", "")]


def test_roles_are_read_before_the_commit_that_changes_them(repo: Path) -> None:
    """Granting oneself the office in the commit that uses it is refused twice over."""
    edit(repo, "registry/roles.yaml", "person: P0004, roles: [member]", "person: P0004, roles: [office]")
    edit(repo, P1, *GOAL)
    commit(repo, MEMBER)
    assert refusals(repo) == [
        ("authz.refused", "01.yaml", "$.goal", "list-fields"),
        ("authz.refused", "roles.yaml", "$", "roles"),
    ]
    # ... and once the office has made the change, the member's next commit is the office's
    edit(repo, P1, "goal: 新增 300 个车位", "goal: 新增 400 个车位")
    sh(repo, "tag", "-f", "base")
    commit(repo, MEMBER)
    assert refusals(repo) == []


def test_the_register_decides_who_leads_as_it_was_before_the_commit(repo: Path) -> None:
    """Making oneself leader and using it in one commit is refused; the next commit may use it."""
    edit(repo, P2, "leader: P0003", "leader: P0004")
    edit(repo, P2, *MARK_DONE)
    commit(repo, MEMBER)
    found = {r[3] for r in refusals(repo)}
    assert found == {"team", "progress"}


def test_an_applicant_enters_their_own_application_only(repo: Path) -> None:
    own = (
        "indicators:",
        "applications:\n  - {id: A1, applicant: P0004, method: self, submitted_on: 2023-02-20}\nindicators:",
    )
    edit(repo, P2, *own)
    commit(repo, MEMBER)
    assert refusals(repo) == []
    edit(repo, P2, "method: self, submitted_on: 2023-02-20}", "method: self, submitted_on: 2023-02-20}\n"
         "  - {id: A2, applicant: P0002, method: self, submitted_on: 2023-02-21}")  # fmt: skip
    commit(repo, MEMBER)
    assert [r[3] for r in refusals(repo)] == ["application"]


def test_a_merge_answers_only_for_what_it_decided(repo: Path) -> None:
    """The leader's branch brings in the office's team edit: judged at the office's commit."""
    sh(repo, "checkout", "-qb", "office-work")
    edit(repo, P1, *TEAM)
    commit(repo, OFFICE)
    sh(repo, "checkout", "-q", "main")
    edit(repo, P1, *MARK_DONE)
    commit(repo, LEADER, "测试甲")
    sh(repo, "merge", "-q", "--no-edit", "office-work", env={"GIT_AUTHOR_EMAIL": LEADER, "GIT_AUTHOR_NAME": "测试甲"})
    assert len(sh(repo, "rev-parse", "HEAD^2").strip()) == 40  # a real merge
    assert refusals(repo) == []


def test_the_command_exits_1_and_says_who_may(repo: Path, run) -> None:
    edit(repo, P1, *MOVE_DUE)
    sha = commit(repo, LEADER, "测试甲")
    result = run(["jiebang", "validate", "--since", "base", "--authorize", "-f", "json"])
    assert result.exit_code == 1, result.output
    [found] = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "authz.refused"]
    assert found["line"] is not None and found["pointer"] == "$.milestones[0].due_on"
    assert sha[:10] in found["message"] and LEADER in found["message"]
    assert "负责人不能改动已定基线的里程碑计划或期限" in found["message"] and "可以的角色：专班" in found["message"]
    english = run(["jiebang", "--lang", "en", "validate", "--since", "base", "--authorize"])
    assert "leader may not change baselined milestones or their dates; who may: office" in english.output


def test_without_authorize_roles_are_not_checked_and_without_since_it_is_a_usage_error(repo: Path, run) -> None:
    edit(repo, P1, *UPDATE)
    commit(repo, STRANGER)
    assert run(["jiebang", "validate", "--since", "base"]).exit_code == 0
    assert run(["jiebang", "validate", "--since", "base", "--authorize"]).exit_code == 1
    result = run(["jiebang", "validate", "--authorize"])
    assert result.exit_code == 2 and "--since" in result.output


def test_every_action_is_labelled_in_both_languages() -> None:
    from jiebang import i18n

    assert set(i18n.AUTHZ_ACTION_LABELS) == set(authorize.MAY)
    assert set(authorize.ROLES) | {"none"} <= set(i18n.AUTHZ_ROLE_LABELS)


def test_roles_yaml_is_checked_by_validate(repo: Path) -> None:
    """Its schema, its person references, and its e-mail addresses are where they belong."""
    result = api.validate([repo / "registry"])
    assert [p.code for p in result.problems if p.severity.value == "error"] == []
    edit(repo, "registry/roles.yaml", "person: P0004, roles: [member]", "person: P0009, roles: [membre]")
    edit(repo, "registry/roles.yaml", "schema_version: 1\n", "schema_version: 1\n# 联系 leader@example.invalid\n")
    codes = sorted(p.code for p in api.validate([repo / "registry"]).problems if p.severity.value == "error")
    assert codes == ["ref.person", "schema.enum"]


# ------------------------------------------------------------------------------ codeowners

CODEOWNERS_LINE = re.compile(r"^(?:\\ |\S)+(?: [^\s@]+@[^\s@]+)+$")  # a pattern, then e-mail owners


def test_codeowners_from_the_register_and_roles(repo: Path, run) -> None:
    result = run(["jiebang", "codeowners"])
    assert result.exit_code == 0, result.output
    office = f"{OFFICE} tester@example.invalid"
    offices = f"{ELSEWHERE} {office}"
    assert result.stdout.splitlines()[1:] == [
        f"/registry/ {office}",
        f"/registry/assessments/ {offices}",
        f"/registry/cohorts/ {offices}",
        f"/registry/meetings/ {offices}",
        f"/registry/people.yaml {offices}",
        f"/registry/units.yaml {offices}",
        f"/registry/programmes/hm-2023/ {office}",
        f"/registry/programmes/hm-2023/projects/01.yaml {office} {DEPUTY} {LEADER} {MENTOR}",
        f"/registry/programmes/hm-2023/projects/02.yaml {office} {OTHER}",
    ]
    for line in result.stdout.splitlines():
        assert line.startswith("#") or CODEOWNERS_LINE.match(line), line
        if "/projects/" in line:  # register-wide files are owned before they exist; projects as they are
            assert (repo / line.split()[0].lstrip("/")).is_file(), line
    # deterministic, and --output writes the same text
    target = repo / ".github" / "CODEOWNERS"
    assert run(["jiebang", "codeowners", "--output", str(target)]).exit_code == 0
    assert target.read_text("utf-8") == result.stdout


def test_codeowners_follows_the_register_and_refuses_without_roles(repo: Path, run) -> None:
    edit(repo, P2, "leader: P0003", "leader: P0004")
    assert run(["jiebang", "codeowners"]).stdout.splitlines()[-1].endswith(f"tester@example.invalid {MEMBER}")
    (repo / "registry" / "roles.yaml").unlink()
    result = run(["jiebang", "codeowners"])
    assert result.exit_code == 2 and "roles.yaml" in result.output


def test_codeowners_names_leaders_and_mentors_who_own_nothing(repo: Path, run) -> None:
    edit(repo, P2, "leader: P0003", "leader: P0099")  # nobody in roles.yaml is P0099
    result = run(["jiebang", "codeowners", "--lang", "en"])
    assert result.exit_code == 0
    assert "P0099, a leader or mentor of project hm-2023/2, has no git identity" in result.stderr
    assert "P0099" not in result.stdout  # the file itself is unchanged: the office owns it


def test_codeowners_escapes_spaces_and_places_the_register_in_its_repository(tmp_path: Path) -> None:
    from jiebang.writes import codeowners

    assert codeowners._line("/登记 册/", ["a@example.org", "a@example.org"]) == "/登记\\ 册/ a@example.org"
    assert codeowners._line("/registry/", []) == ""  # no owners: no line, which would remove ownership
    assert codeowners.repository_base(tmp_path / "r", None) == ""
    assert codeowners.repository_base(tmp_path, tmp_path) == ""
    assert codeowners.repository_base(tmp_path / "a" / "registry", tmp_path) == "a/registry"


def test_reverting_a_refused_commit_withdraws_the_refusal_and_breaks_no_history_rule(repo: Path) -> None:
    """The hint says `git revert`: the leader's review is taken back, which removes an appended
    record; neither the refusal nor the append-only rule may then stand (finding 3 of the trial)."""
    edit(repo, P1, *REVIEW)
    bad = commit(repo, LEADER, "测试甲")
    assert refusals(repo) == [("authz.refused", "01.yaml", "$.reviews", "review")]
    leader = {"GIT_AUTHOR_EMAIL": LEADER, "GIT_AUTHOR_NAME": "测试甲"}
    sh(repo, "revert", "--no-edit", bad, env={**at("2023-03-02"), **leader})
    result = api.validate([repo / "registry"], since="base", authorize=True)
    assert [p.code for p in result.problems if p.severity.value == "error"] == []


def test_reverting_someone_elses_allowed_change_is_judged_like_any_change(repo: Path) -> None:
    edit(repo, P1, *REVIEW)
    good = commit(repo, MENTOR)
    sh(repo, "revert", "--no-edit", good, env={**at("2023-03-02"), "GIT_AUTHOR_EMAIL": VIEWER})
    assert refusals(repo) == [("authz.refused", "01.yaml", "$", "review")]  # the review is gone: its file
