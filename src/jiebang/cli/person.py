"""`jiebang person`: a person's record of work (实绩档案), section by section."""

from __future__ import annotations

from typing import Annotated, Any

from jiebang import api, i18n
from jiebang.cli import common, output
from jiebang.cli.options import (
    READ_OPTIONS,
    AsOfOpt,
    FormatOpt,
    KnownAtOpt,
    RowFormat,
    arg,
    as_of,
    tr,
    with_options,
)

HELP = tr(
    "一个人的实绩档案：在各项目集和批次中担任的角色及起止日期（团队负责人、导师、成员、领衔领导、揭榜申请人、"
    "派驻、学员），负责期间完成的里程碑，报告的进展，作出和所负责项目收到的讲评，所负责项目和团队的考核；"
    "个人考核只在加 --include-restricted 合并受限库时显示。姓名可用繁简体或曾用名。\n\n"
    "例：jiebang person 梁楚翔；jiebang person P0007 --as-of 2022-06-30 --format json",
    "A person's record of work (实绩档案): every role held across programmes and cohorts, with dates (team leader, "
    "mentor, member, lead official, applicant, posting, trainee), milestones done under their lead, updates "
    "written, reviews given and received by the projects they lead, assessments of the projects and teams they "
    "lead; personal assessments only with --include-restricted. Names match in either script, former names too.\n\n"
    "Example: jiebang person 梁楚翔; jiebang person P0007 --as-of 2022-06-30 --format json",
)

# Section → (columns, label keys of their headers).
SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "roles": (
        ("role", "where", "title", "team", "unit", "from", "to", "status"),
        ("role", "where", "title", "team", "unit", "from", "until", "status"),
    ),
    "milestones_done": (("project", "title", "milestone", "done_on"), ("where", "title", "milestone", "done_on")),
    "updates": (("project", "title", "date", "summary"), ("where", "title", "date", "summary_text")),
    "reviews_given": (
        ("project", "title", "date", "rating", "comments"),
        ("where", "title", "date", "rating", "comments"),
    ),
    "reviews_received": (
        ("project", "title", "date", "reviewer_name", "rating", "comments"),
        ("where", "title", "date", "reviewer", "rating", "comments"),
    ),
    "assessments": (
        ("subject", "date", "kind", "score", "level", "outcome"),
        ("subject", "date", "kind", "score", "level", "outcome"),
    ),
    "personal_assessments": (
        ("date", "kind", "score", "level", "rank", "outcome", "basis"),
        ("date", "kind", "score", "level", "rank", "outcome", "basis"),
    ),
}
ASSESSED = ("assessments", "personal_assessments")  # sections of assessments (a review has a `kind` too)
_STATUS_TABLES = (i18n.POSTING_STATUS_LABELS, i18n.STATUS_LABELS, i18n.APPLICATION_STATUS_LABELS)


def _header(key: str, lang: str) -> str:
    if key in i18n.COHORT_LABELS:
        return i18n.label(i18n.COHORT_LABELS, key, lang)
    return i18n.label(i18n.REPORT_LABELS, key, lang)


def _shown(row: dict[str, Any], section: str, lang: str) -> dict[str, Any]:
    """Role, status, rating, milestone and an assessment's kind, level and outcome in words."""
    out = i18n.labelled(row, i18n.ASSESSMENT_FIELD_LABELS, lang) if section in ASSESSED else dict(row)
    if "role" in row:
        out["role"] = i18n.label(i18n.PERSON_ROLE_LABELS, row["role"], lang)
    status = row.get("status")
    table = next((t for t in _STATUS_TABLES if status in t), None)
    if table is not None:
        out["status"] = i18n.label(table, status, lang)
    if row.get("rating"):
        out["rating"] = i18n.label(i18n.RAG_LABELS, row["rating"], lang)
    if "milestone" in row:
        out["milestone"] = " ".join(str(x) for x in (row.get("id"), row.get("milestone")) if x)
    return out


def _heading(person: dict[str, Any], lang: str) -> str:
    parts = [f"{person['name']} ({person['id']})", person.get("unit"), person.get("post")]
    line = " ".join(str(p) for p in parts if p)
    if person.get("former_names"):
        line += f"；{_header('former_names', lang)}：" + "、".join(person["former_names"])
    return line


@with_options(*READ_OPTIONS)
def person_command(
    person: Annotated[
        str, arg("PERSON", zh="姓名（繁简体、曾用名均可）或编号。", en="Name (either script, or a former one) or id.")
    ],
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    reg = common.open_register(known_at)
    doc = api.portfolio(reg, person, as_of=as_of(when))
    lang = output.state.lang
    if common.emit_document(doc, fmt):
        return
    output.write(("# " if fmt is RowFormat.md else "") + _heading(doc["person"], lang) + "\n")
    for section, (columns, labels) in SECTIONS.items():
        if section not in doc:  # personal assessments: only when the restricted store was merged
            continue
        rows = doc[section]
        output.write(f"\n{'## ' if fmt is RowFormat.md else ''}{_header(section, lang)}\n")
        common.emit_rows(
            rows,
            fmt,
            columns,
            [_header(k, lang) for k in labels],
            shown=lambda r=rows, s=section: [_shown(x, s, lang) for x in r],
        )


COMMANDS = {
    "person": (person_command, HELP),
}
