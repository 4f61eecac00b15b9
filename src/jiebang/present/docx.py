"""Word documents (.docx) of the meeting brief and the project report, set the Chinese way.

Neither document has a layout of its own: each is the Markdown its `md` format writes
(`brief_md`, `report_md`), set in Word styles, so Word, Markdown and the terminal can never
show different things. Only the small Markdown those two write is read: `#`/`##` headings,
paragraphs, `-` lists (two levels), tables with a header row, `**bold**`, `*italic*`, `code`
and backslash escapes; every data value in it was escaped, so none of it can act as syntax.

Typesetting follows the usual practice of Chinese official documents (GB/T 9704): A4 with its
margins (37/35 mm top and bottom, 28/26 mm left and right); body text 仿宋_GB2312 三号 (16 pt);
headings in Word's Heading 1 and 2 styles (so the navigation pane lists them), 黑体, black,
not bold or italic, the title 二号 (22 pt) and centred; tables 小四 (12 pt) with their header
row repeated on each page. The East Asian font is named (`w:eastAsia` in `w:rFonts`) on every
style and every run, the Latin one Times New Roman; theme fonts, which would win over both,
are removed. In Chinese, dates read 2022年5月31日.

python-docx is imported here only, when a document is made.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.present import brief_md, report_md

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_PT, TITLE_PT, HEADING_PT, TABLE_PT = 16, 22, 16, 12

_ISO_DAY = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
# What XML 1.0 cannot hold at all (`printable` has turned the rest of the controls into text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def brief(doc: dict[str, Any], lang: str) -> bytes:
    """The 调度讲评 brief (`api.brief`) as a .docx file's bytes."""
    period = doc["period"]
    title = i18n.text("briefing.title", lang, start=period["start"], end=period["end"])
    return from_markdown(brief_md.build(doc, lang), lang, title=title)


def report(doc: dict[str, Any], lang: str) -> bytes:
    """One project's report (`api.report`) as a .docx file's bytes."""
    project = doc["project"]
    return from_markdown(report_md.build(doc, lang), lang, title=f"{project['number']} {project['title']}")


def from_markdown(text: str, lang: str, *, title: str) -> bytes:
    """The Markdown `brief_md` and `report_md` write, as a Word document."""
    document = _document(_clean(title, lang), lang)
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("|"):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                rows.append(_cells(lines[index]))
                index += 1
            _table(document, [rows[0], *rows[2:]], lang)  # rows[1] is the |---| line
            continue
        if heading := re.match(r"(#{1,3}) (.*)", line):
            _runs(document.add_paragraph(style=f"Heading {len(heading[1])}"), heading[2], lang)
        elif item := re.match(r"( *)- (.*)", line):
            _runs(document.add_paragraph(style="List Bullet 2" if item[1] else "List Bullet"), item[2], lang)
        elif line.strip():
            _runs(document.add_paragraph(), line, lang)
        index += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _document(title: str, lang: str) -> Document:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    styles = document.styles
    normal = styles["Normal"]
    _fonts(normal.element, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    _language(normal.element, "zh-CN" if lang == "zh" else "en-GB")
    for name, font, size in (
        ("Heading 1", HEADING_FONT, TITLE_PT),
        ("Heading 2", HEADING_FONT, HEADING_PT),
        ("Heading 3", HEADING_FONT, BODY_PT),
    ):
        style = styles[name]
        _fonts(style.element, font)
        style.font.size = Pt(size)
        style.font.bold = style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("List Bullet", "List Bullet 2", "Table Grid"):
        _fonts(styles[name].element, BODY_FONT)
    properties = document.core_properties
    properties.title = title
    properties.language = "zh-CN" if lang == "zh" else "en-GB"
    properties.author = properties.last_modified_by = "jiebang"
    return document


def _fonts(element: Any, east_asia: str) -> None:
    """Name the East Asian and Latin fonts on a style or run, dropping the theme fonts that override them."""
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)


def _language(element: Any, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB" if tag.startswith("zh") else tag)
    lang.set(qn("w:eastAsia"), "zh-CN")
    element.get_or_add_rPr().append(lang)


def _table(document: Document, rows: list[list[str]], lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    width = len(rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = document.styles["Table Grid"]
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row again on every page
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for position, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, text in zip(row.cells, [*cells, *[""] * width][:width], strict=True):
            for run in _runs(cell.paragraphs[0], text, lang, bold=position == 0):
                run.font.size = Pt(TABLE_PT)


def _runs(paragraph: Paragraph, text: str, lang: str, *, bold: bool = False) -> list[Any]:
    """`text` (Markdown of one line) as runs: escapes undone, emphasis as bold and italic."""
    out = []
    for part, strong, emphasis in _inline(text):
        run = paragraph.add_run(_clean(part, lang))
        _fonts(run._element, HEADING_FONT if paragraph.style.name.startswith("Heading") else BODY_FONT)
        if strong or bold:
            run.bold = True
        if emphasis:
            run.italic = True
        out.append(run)
    return out


def _inline(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of one line; inside `code` a backslash is itself, as Markdown reads it."""
    pieces: list[tuple[str, bool, bool]] = []
    buffer: list[str] = []
    bold = italic = code = False

    def flush() -> None:
        if buffer:
            pieces.append(("".join(buffer), bold, italic))
            buffer.clear()

    index = 0
    while index < len(text):
        char = text[index]
        if code and char != "`":
            buffer.append(char)
        elif char == "\\" and index + 1 < len(text):
            buffer.append(text[index + 1])
            index += 1
        elif text.startswith("**", index):
            flush()
            bold = not bold
            index += 1
        elif char in "*`":
            flush()
            italic, code = (not italic, code) if char == "*" else (italic, not code)
        else:
            buffer.append(char)
        index += 1
    flush()
    return pieces


def _cells(line: str) -> list[str]:
    """A table row's cells, split at the bars that are not escaped (cells stay Markdown)."""
    cells, buffer = [], []
    index = 0
    while index < len(line):
        if line[index] == "\\" and index + 1 < len(line):
            buffer.append(line[index : index + 2])
            index += 2
            continue
        if line[index] == "|":
            cells.append("".join(buffer).strip())
            buffer = []
        else:
            buffer.append(line[index])
        index += 1
    cells.append("".join(buffer).strip())
    return cells[1:-1]  # what lies before the first bar and after the last


def _clean(text: str, lang: str) -> str:
    """Text as Word may hold it; in Chinese, `2022-05-31` written 2022年5月31日."""
    text = _NOT_XML.sub("", text)
    if lang == "zh":
        text = _ISO_DAY.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)
    return text
