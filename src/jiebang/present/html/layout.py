"""The frame every page shares: one stylesheet inline, system fonts that fall back sensibly for
Chinese, a print stylesheet, and Markdown (the report's and the card's layout) turned into HTML.

Nothing here reaches the network: no CDN, no web font, no script a page needs to be read. Every
piece of register text goes through `esc` (or through markdown-it with raw HTML off), since a
register is edited by hand and a title may hold `<script>`.
"""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING, Any

from jiebang import i18n

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

FONTS = (
    '-apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
)
# RAG and milestone colours, shared by the stylesheet and the SVG charts.
COLOURS = {"red": "#c62828", "amber": "#e0a100", "green": "#2e7d32", "grey": "#9e9e9e", "blue": "#1565c0"}

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONTS}; margin: 0 auto; max-width: 1100px; padding: 1rem 1.25rem 3rem;
  color: #1f2328; line-height: 1.55; font-size: 15px; }}
h1 {{ font-size: 1.55rem; margin: .4rem 0 .6rem; }}
h2 {{ font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #d8dee4; padding-bottom: .2rem; }}
a {{ color: #0b57a4; }}
nav.crumbs {{ font-size: .9rem; margin-bottom: .5rem; }}
nav.crumbs a {{ margin-right: .8rem; }}
nav.crumbs .people {{ margin-left: .6rem; color: #57606a; }}
table {{ border-collapse: collapse; margin: .4rem 0 1rem; width: 100%; }}
th, td {{ border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f5f7; font-weight: 600; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.total td {{ font-weight: 600; border-top: 2px solid #57606a; }}
th[data-sort] {{ cursor: pointer; }}
.bar {{ display: inline-block; width: 7rem; height: .7rem; background: #e6e9ec; border-radius: 3px;
  vertical-align: middle; margin-right: .4rem; overflow: hidden; }}
.bar > span {{ display: block; height: 100%; background: {COLOURS["blue"]}; }}
.bar.red > span {{ background: {COLOURS["red"]}; }}
.bar.amber > span {{ background: {COLOURS["amber"]}; }}
.bar.green > span, .bar.done > span {{ background: {COLOURS["green"]}; }}
.rag {{ display: inline-block; min-width: 1.6rem; padding: 0 .35rem; border-radius: 3px; text-align: center;
  color: #fff; background: {COLOURS["grey"]}; font-size: .85rem; }}
.rag.red {{ background: {COLOURS["red"]}; }}
.rag.amber {{ background: {COLOURS["amber"]}; color: #1f2328; }}
.rag.green, .rag.done {{ background: {COLOURS["green"]}; }}
.totals {{ display: flex; flex-wrap: wrap; gap: .6rem; margin: .5rem 0 1rem; }}
.totals div {{ border: 1px solid #d0d7de; border-radius: 6px; padding: .4rem .8rem; min-width: 6.5rem; }}
.totals b {{ display: block; font-size: 1.35rem; }}
figure {{ margin: .5rem 0 1.2rem; }}
figcaption {{ font-size: .9rem; color: #57606a; }}
svg {{ max-width: 100%; height: auto; font-family: {FONTS}; }}
footer {{ margin-top: 2rem; font-size: .8rem; color: #57606a; }}
details > summary {{ cursor: pointer; font-weight: 600; margin: 1rem 0 .3rem; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 11pt; }}
  nav.crumbs, script {{ display: none; }}
  a {{ color: inherit; text-decoration: none; }}
  h2 {{ break-after: avoid; }}
  tr, figure {{ break-inside: avoid; }}
  .bar, .rag {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  details {{ display: block; }}
}}
"""

# Sorting a table by a click on its header: a nicety, the page reads the same without it.
SORT_SCRIPT = """
document.querySelectorAll("th[data-sort]").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], index = th.cellIndex;
    var rows = Array.prototype.slice.call(body.rows), down = th.dataset.dir !== "asc";
    th.dataset.dir = down ? "asc" : "desc";
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.value || a.cells[index].textContent;
      var y = b.cells[index].dataset.value || b.cells[index].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-CN");
      return down ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""

HTML_LANG = {"zh": "zh-CN", "en": "en"}


def esc(value: Any) -> str:
    """Register text as HTML text (quotes too, so it is safe inside attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def t(key: str, lang: str, **args: Any) -> str:
    """A message of the site in `lang`, escaped: the arguments may be register text."""
    return esc(i18n.text(key, lang, **args))


@functools.cache
def _markdown() -> MarkdownIt:
    """markdown-it with raw HTML off (a `<script>` in a title stays text) and tables on; links
    it cannot vouch for (`javascript:`) it does not make."""
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


def from_markdown(text: str) -> str:
    """The report's or the card's Markdown as HTML: one layout of those facts, not a second one."""
    return _markdown().render(text)


def page(*, title: str, body: str, lang: str, crumbs: str = "", footer: str = "", script: bool = False) -> str:
    """A whole document: `title` is plain text (escaped here), `body`, `crumbs` and `footer` are HTML."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{HTML_LANG.get(lang, "zh-CN")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="jiebang">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f'<nav class="crumbs">{crumbs}</nav>' if crumbs else "",
        "<main>",
        body,
        "</main>",
        f"<footer>{footer}</footer>" if footer else "",
        f"<script>{SORT_SCRIPT}</script>" if script else "",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def bar(value: float | None, colour: str | None = None) -> str:
    """A progress bar (0-100) drawn with CSS, and the figure beside it; `—` when there is none."""
    if value is None:
        return "—"
    width = max(0.0, min(100.0, float(value)))
    shown = f"{value:g}%"
    kind = f" {colour}" if colour in ("red", "amber", "green", "done") else ""
    return f'<span class="bar{kind}" aria-hidden="true"><span style="width:{width:g}%"></span></span>{esc(shown)}'


def rag(value: str | None, label: str) -> str:
    kind = f" {value}" if value in ("red", "amber", "green", "done") else ""
    return f'<span class="rag{kind}">{esc(label)}</span>'
