"""`jiebang programme`: the programme card."""

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
from jiebang.present import card

HELP = tr(
    "项目集一览：名称、发榜单位、日期、类别及各类项目数、公布数与已录入数、"
    "指标（--as-of 时的值，含周期、限定和说明）、备注、文件和来源。"
    "不写 ID 时列出登记册中的每个项目集。\n\n例：jiebang programme；jiebang programme ronggui-2022 --format json",
    "The programme card: name, organiser, dates, categories with their project counts, declared against entered "
    "counts, indicators (value with period, qualifier and note at --as-of), notes, documents and sources. "
    "Without an ID, every programme in the register.\n\n"
    "Example: jiebang programme; jiebang programme ronggui-2022 --format json",
)


@with_options(*READ_OPTIONS)
def programme_command(
    programme: Annotated[str | None, arg("ID", zh="项目集编号（可省略）。", en="Programme id (optional).")] = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = RowFormat.table,
) -> None:
    reg = common.open_register(known_at)
    cards = api.programme_cards(reg, programme, as_of=as_of(when))
    lang = output.state.lang
    if common.emit_document(cards, fmt):
        return
    if fmt is RowFormat.md:
        output.write("\n".join(card.markdown(doc, lang) for doc in cards))
    else:
        from rich.markdown import Markdown

        for doc in cards:
            output.out(output.TEXT_WIDTH).print(Markdown(card.markdown(doc, lang)))


COMMANDS = {
    "programme": (programme_command, HELP),
}
