"""`jiebang render html`: an offline website of the register for leaders, written into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jiebang import api
from jiebang.cli import common, output
from jiebang.cli.assess import PeriodOpt
from jiebang.cli.brief import window
from jiebang.cli.options import AsOfOpt, KnownAtOpt, ProgrammeFilterOpt, as_of, day_opt, opt, tr, with_options
from jiebang.cli.usage import Command, SubGroup

# From this many pages on, a terminal shows a progress bar while the site is written.
PROGRESS_FROM = 20

render_app = typer.Typer(
    cls=SubGroup,
    help=tr(
        "把登记册生成为其他格式。html：离线网站（总览、每个项目、每个人员各一页）。",
        "Render the register in another format. html: an offline website (an overview, a page per project and "
        "per person).",
    ),
    no_args_is_help=True,
)

HELP = tr(
    "生成离线网站给领导看：总览（各类别进度、红黄绿计数、合计、项目表，数字与 jiebang status 一致），"
    "每个项目一页（报告、里程碑时间轴、指标图），每个人员一页（实绩档案），以及调度讲评简报（时段同 jiebang brief："
    "--period 或 --from、--to，默认截至 --as-of 的 30 天）。不需联网，不用外部字体或脚本，可打印；"
    "不含受限库的任何记录。\n\n"
    "输出文件夹须为空，或是以前生成的网站（旧页面会被更新，多余的删除）；其他非空文件夹须加 --force。\n\n"
    "例：jiebang render html -o 网站 --as-of 2022-06-30",
    "Render an offline website for leaders: an overview (progress and RAG counts by category, totals, the projects; "
    "the same figures as jiebang status), a page per project (the report, milestones on a timeline, indicator "
    "charts) and per person (their record of work), and the brief of jiebang brief (--period, or --from and --to; "
    "default the 30 days up to --as-of). No network, no external fonts or scripts; printable. Nothing "
    "from the restricted store.\n\n"
    "The output folder must be empty or a site rendered before (its pages are updated, stale ones removed); "
    "any other folder with files in it needs --force.\n\n"
    "Example: jiebang render html -o site --as-of 2022-06-30",
)


@render_app.command("html", cls=Command, help=HELP, short_help=tr("生成离线网站。", "Render an offline website."))
@with_options("registry", "lang")  # never the restricted store: a site is copied and passed on
def html_command(
    out: Annotated[
        Path,
        opt(
            "--output",
            "-o",
            metavar="DIR",
            zh="写入此文件夹（不存在则新建）。",
            en="Write into this folder (made if need be).",
        ),
    ],
    programme: ProgrammeFilterOpt = None,
    when: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    start: Annotated[
        str | None, day_opt("--from", zh="简报的开始日期（含）。", en="First day of the brief's period (included).")
    ] = None,
    end: Annotated[
        str | None, day_opt("--to", zh="简报的结束日期（含）。", en="Last day of the brief's period (included).")
    ] = None,
    period: PeriodOpt = None,
    force: Annotated[
        bool,
        opt(
            "--force",
            zh="写入已有其他文件的文件夹（原有文件保留，同名的覆盖）。",
            en="Write into a folder that holds other files (they are kept; any of the same name is overwritten).",
        ),
    ] = False,
) -> None:
    first, last = window(start, end, period, when)  # as `jiebang brief` takes them: 30 days to --as-of by default
    day = as_of(when)
    reg = common.open_register(known_at)
    console = output.err()

    def gather() -> api.Site:
        briefed = (first, last, day if when else min(last, day))  # as `jiebang brief` evaluates it
        return api.html_site(reg, as_of=day, lang=output.state.lang, programme=programme, period=briefed)

    if console.is_terminal:  # the reports are gathered first (a few seconds on a large register)
        with console.status(output.t("render.progress")):
            site = gather()
    else:
        site = gather()
    folder = api.site_folder(out, force=force)  # after the site is known: an unknown programme leaves no folder
    pages = api.write_site(folder, site.pages())
    if console.is_terminal and site.count >= PROGRESS_FROM:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(output.t("render.progress"), total=site.count)
            for _page in pages:
                progress.advance(task)
    else:
        for _page in pages:
            pass
    output.notice("render.written", count=site.count, path=str(folder))
    output.notice("render.open", path=str(folder / "index.html"))
