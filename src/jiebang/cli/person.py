"""`jiebang person`: a person's record of work (实绩档案), section by section."""

from __future__ import annotations

from typing import Annotated

from jiebang import api
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
from jiebang.present import portfolio as layout

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
    output.write(("# " if fmt is RowFormat.md else "") + layout.heading(doc["person"], lang) + "\n")
    for section, (columns, labels) in layout.SECTIONS.items():
        if section not in doc:  # personal assessments: only when the restricted store was merged
            continue
        rows = doc[section]
        output.write(f"\n{'## ' if fmt is RowFormat.md else ''}{layout.header(section, lang)}\n")
        common.emit_rows(
            rows,
            fmt,
            columns,
            [layout.header(k, lang) for k in labels],
            shown=lambda r=rows, s=section: [layout.shown(x, s, lang) for x in r],
        )


COMMANDS = {
    "person": (person_command, HELP),
}
