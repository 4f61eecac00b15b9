"""The columns of the register as a table, defined once for export and import.

Every sheet kind (categories, projects, people, units, milestones, indicator readings) lists its
columns here: the canonical key, the Chinese and English headers, the other headers people use
for it, and how a cell holds the value (`kind`). `export` writes these headers and `import`
reads them back, so a spreadsheet made by one is read by the other; a header is matched folded
(`textnorm.fold`: case, width, Traditional or Simplified), so 項目名稱 and ＴＩＴＬＥ find `title`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jiebang import textnorm

KINDS = ("categories", "projects", "people", "units", "milestones", "readings")

# What a sheet of each kind is called (XLSX sheet names, CSV file names) in each language.
SHEET_NAMES: dict[str, tuple[str, str]] = {
    "categories": ("类别", "categories"),
    "projects": ("项目", "projects"),
    "people": ("人员", "people"),
    "units": ("单位", "units"),
    "milestones": ("里程碑", "milestones"),
    "readings": ("指标读数", "readings"),
}
SUMMARY_NAMES = ("汇总", "summary")

# A list cell is written joined by `、` and read split at any of these.
LIST_JOIN = "、"
LIST_SPLIT = re.compile(r"\s*[、,，;；]\s*")

# Cell kinds: text, int (a whole number), number, date (a day), period (a day, a month or a
# year, as records of what happened allow), list (names or words joined by 、).
CELL_KINDS = ("text", "int", "number", "date", "period", "list")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"
    derived: bool = False  # computed on export (RAG, progress): shown, never read back

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def names(self) -> tuple[str, ...]:
        """Every header that means this column (folded when compared)."""
        return (self.key, self.zh, self.en, *self.aliases)


def _c(key: str, zh: str, en: str, *aliases: str, kind: str = "text", derived: bool = False) -> Column:
    return Column(key, zh, en, aliases, kind, derived)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "categories": (
        _c("number", "类别序号", "category number", "序号", "编号", "No.", kind="int"),
        _c("key", "类别键", "category key"),
        _c("short", "简称", "short name", "类别简称"),
        _c("name", "类别名称", "category name", "名称", "类别", "分类"),
        _c("name_published", "公布名称", "published name", "原文名称"),
        _c("aliases", "别名", "aliases", kind="list"),
    ),
    "projects": (
        _c("category", "类别", "category", "分类", "类别序号"),  # a number, or a name the programme knows
        _c("number", "编号", "number", "序号", "No.", "项目编号", kind="int"),
        _c("title", "项目名称", "title", "项目", "名称", "标题"),
        _c("title_published", "公布标题", "published title", "原文标题"),
        _c("title_full", "完整标题", "full title", "全称"),
        _c("scope", "范围", "scope", "领域", "片区"),
        _c("scope_published", "公布范围", "published scope", "原文范围"),
        _c("status", "状态", "status"),
        _c("tier", "层级", "tier", "重点"),
        _c("due_on", "计划完成", "due", "完成期限", "期限", "due_on", kind="date"),
        _c("lead_unit", "牵头单位", "lead unit", "lead_unit"),
        _c("leader", "团队负责人", "leader", "负责人", "挂帅人"),
        _c("mentors", "项目导师", "mentors", "导师", kind="list"),
        _c("leading_officials", "领衔领导", "leading officials", "lead_officials", "lead officials", kind="list"),
        _c("members", "成员", "members", "团队成员", kind="list"),
        _c("rag", "红黄绿（自动计算）", "RAG (derived)", derived=True),
        _c("progress", "进度（自动计算）", "progress (derived)", derived=True),
    ),
    "people": (
        _c("id", "人员编号", "person id", "编号", "id"),
        _c("name", "姓名", "name", "名字"),
        _c("name_published", "公布姓名", "published name", "原文姓名"),
        _c("unit", "所在单位", "unit", "单位"),
        _c("post", "职务", "post", "职位"),
    ),
    "units": (
        _c("id", "单位编号", "unit id", "编号", "id"),
        _c("name", "单位名称", "unit name", "名称", "单位"),
        _c("aliases", "别名", "aliases", "简称", kind="list"),
        _c("kind", "单位类型", "unit kind", "类型", "kind"),
        _c("parent", "上级单位", "parent", "上级"),
    ),
    "milestones": (
        _c("project", "项目编号", "project", "项目", "编号", kind="int"),
        _c("id", "节点编号", "milestone id", "里程碑编号", "id"),
        _c("title", "节点名称", "milestone", "里程碑", "名称", "title"),
        _c("due_on", "节点期限", "milestone due", "期限", "计划完成", "due", kind="date"),
        _c("status", "节点状态", "milestone status", "状态", "status"),
        _c("done_on", "完成日期", "done on", "done_on", kind="period"),
        _c("weight", "权重", "weight", kind="number"),
    ),
    "readings": (
        _c("target", "对象", "of", "项目编号", "项目", "project", "target"),
        _c("indicator", "指标", "indicator", "指标编号"),
        _c("on", "截至日期", "on", "日期", "date", kind="period"),
        _c("period", "周期", "period"),
        _c("value", "实际值", "value", "数值", "实际", kind="number"),
        _c("qualifier", "限定", "qualifier"),
        _c("note", "说明", "note", "备注"),
    ),
}


def columns(kind: str, *, derived: bool = True) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS[kind] if derived or not c.derived)


def find(kind: str, header: str) -> Column | None:
    """The column of `kind` a header names: its own headers before anyone's alias, so 编号 is a
    project's number, not the category number 序号 might also be."""
    wanted = textnorm.fold(header)
    if not wanted:
        return None
    for pick in (lambda c: (c.key, c.zh, c.en), Column.names):
        for column in COLUMNS[kind]:
            if wanted in (textnorm.fold(n) for n in pick(column)):
                return column
    return None


def strength(kind: str, header: str) -> int:
    """How surely a header belongs to a sheet of `kind`: 2 for one of its own headers, 1 for an
    alias, 0 for neither (so 编号 + 类别 is a projects sheet, not a categories one)."""
    wanted = textnorm.fold(header)
    if any(wanted in (textnorm.fold(c.key), textnorm.fold(c.zh), textnorm.fold(c.en)) for c in COLUMNS[kind]):
        return 2
    return 1 if find(kind, header) is not None else 0


def headers_of(kind: str) -> list[str]:
    """Every header a sheet of `kind` may use (for a did-you-mean)."""
    return [name for c in COLUMNS[kind] for name in (c.zh, c.en, *c.aliases)]


def kind_of_sheet(name: str) -> str | None:
    """The kind a sheet or file name says (项目, people.csv …), or None."""
    wanted = textnorm.fold(name)
    for kind, names in SHEET_NAMES.items():
        if wanted in (textnorm.fold(kind), *(textnorm.fold(n) for n in names)):
            return kind
    return None


def is_summary(name: str) -> bool:
    return textnorm.fold(name) in (textnorm.fold(n) for n in SUMMARY_NAMES)


def kind_label(kind: str) -> str:
    """A kind as messages name it, in both languages (项目 projects): messages are catalogued
    by key, and the kind is data to them."""
    return f"{SHEET_NAMES[kind][0]} {kind}" if kind in SHEET_NAMES else kind


def split_list(text: str) -> list[str]:
    return [part for part in LIST_SPLIT.split(text.strip()) if part]
