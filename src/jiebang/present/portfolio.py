"""A person's record of work (实绩档案) laid out for people: its sections, their columns and the
words for roles, statuses and ratings. `jiebang person` and the HTML site's person pages share
it, so the two say the same thing."""

from __future__ import annotations

from typing import Any

from jiebang import i18n

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


def header(key: str, lang: str) -> str:
    if key in i18n.COHORT_LABELS:
        return i18n.label(i18n.COHORT_LABELS, key, lang)
    return i18n.label(i18n.REPORT_LABELS, key, lang)


def shown(row: dict[str, Any], section: str, lang: str) -> dict[str, Any]:
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


def heading(person: dict[str, Any], lang: str) -> str:
    parts = [f"{person['name']} ({person['id']})", person.get("unit"), person.get("post")]
    line = " ".join(str(p) for p in parts if p)
    if person.get("former_names"):
        line += f"；{header('former_names', lang)}：" + "、".join(person["former_names"])
    return line
