"""`jiebang report` and `jiebang show`: one project, explained or as recorded."""

from __future__ import annotations

from typing import Annotated

from jiebang import api
from jiebang.cli import common, output
from jiebang.cli.options import (
    READ_OPTIONS,
    AsOfOpt,
    DocFormat,
    DocFormatOpt,
    ForceOpt,
    KnownAtOpt,
    OutputFileOpt,
    RowFormat,
    arg,
    as_of,
    invocation,
    opt,
    tr,
    with_options,
)
from jiebang.present import render, report_md
from jiebang.queries import query

HELP = tr(
    "一个项目的完整报告：状态、进度及来源、红黄绿、期限，人员，任务令，指标，里程碑，最近进展，调度讲评，状态记录，来源。\n\n"
    "项目可写编号（24）、项目集/编号（ronggui-2022/24）、完整标题（繁简体均可）、别名或标题中独有的一段。\n\n"
    "--redact 给对外的报告：人名换成角色或姓+某。加 --include-restricted（须有受限库）另列本项目人员的受限记录。\n\n"
    "--format docx -o 24.docx 生成 Word 文档。\n\n"
    "例：jiebang report 24；jiebang report 農貿市場立體停車場建設 --as-of 2022-03-01；jiebang report 24 --redact；"
    "jiebang report 24 --format docx -o 24号项目.docx",
    "The full report on one project: status, progress and its source, RAG, due date, people, task order, "
    "indicators, milestones, recent updates, reviews, status history, sources.\n\nName the project by number (24), "
    "programme/number, exact title (either script), alias or a unique part of the title.\n\n"
    "--redact is for reports that leave the office: names become roles or surname + 某. --include-restricted "
    "(with a restricted store) adds the restricted records on the project's people.\n\n"
    "--format docx -o 24.docx makes a Word document.\n\n"
    "Example: jiebang report 24; jiebang report 農貿市場立體停車場建設 --as-of 2022-03-01; jiebang report 24 --redact; "
    "jiebang report 24 --format docx -o 24.docx",
)
SHOW_HELP = tr(
    "按登记册原样显示一个项目的数据（默认 YAML），供脚本和核对使用。\n\n例：jiebang show 24 --format json",
    "Show one project's data as recorded in the register (YAML by default), for scripts and checking.\n\n"
    "Example: jiebang show 24 --format json",
)

ProjectArg = Annotated[
    str, arg("PROJECT", zh="编号、项目集/编号、标题或其中一段。", en="Number, programme/number, title or part.")
]


@with_options(*READ_OPTIONS)
def report_command(
    project: ProjectArg,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: DocFormatOpt = DocFormat.table,
    path: OutputFileOpt = None,
    force: ForceOpt = False,
    redact: Annotated[
        bool,
        opt(
            "--redact",
            zh="对外版：每个人名（含自由文本中的、曾用名、繁体）换成其在本项目的角色，或姓+某；不含任何受限记录。",
            en="For reports that leave the office: every name (free text, former names and Traditional script "
            "included) becomes the person's role on the project, or surname + 某; nothing restricted is shown.",
        ),
    ] = False,
) -> None:
    common.check_output(fmt, path, force=force)
    reg = common.open_register(known_at, project=project)
    lang = output.state.lang
    doc = api.report(reg, project, as_of=as_of(when), store=invocation.restricted, redact=lang if redact else None)

    def word() -> bytes:
        from jiebang.present import docx

        return docx.report(doc, lang)

    common.emit_document_to(
        doc, fmt, path, force=force, markdown=lambda width: report_md.build(doc, lang, width=width), word=word
    )


@with_options(*READ_OPTIONS)
def show_command(
    project: ProjectArg,
    fmt: Annotated[
        RowFormat,
        opt(
            "--format",
            "-f",
            metavar="yaml|json",
            zh="yaml（默认，文件原样）或 json（数据）；其他格式同 yaml。",
            en="yaml (default, the file as written) or json (its data); other formats show yaml.",
        ),
    ] = RowFormat.yaml,
) -> None:
    reg = common.open_register(project=project)
    _programme, record = query.resolve_project(reg, project)
    if fmt is RowFormat.json:
        output.write(render.as_json(record.data))
    else:
        output.write(record.text)


COMMANDS = {
    "report": (report_command, HELP),
    "show": (show_command, SHOW_HELP),
}
