"""The site's pages as strings: the overview, one page per project and one per person.

Each takes documents the API already built (`api.status`'s summaries and views, `api.report`,
`api.portfolio`, the programme cards) and lays them out; nothing is counted or derived here, so
the overview's numbers are `jiebang status --format json`'s. Links are relative (`Links`), file
names safe on every system (`SafeNames`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from jiebang import i18n, textnorm
from jiebang.present import brief_md, card, portfolio, render, report_md
from jiebang.present.html import svg
from jiebang.present.html.layout import bar, esc, from_markdown, page, rag, t
from jiebang.queries import views

if TYPE_CHECKING:
    from collections.abc import Sequence

INDEX = "index.html"
BRIEF = "brief.html"
# Names Windows keeps for devices, with or without an extension.
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


class SafeNames:
    """File names for ids and numbers that are safe on Windows, macOS and Linux: ASCII letters,
    digits, `-` and `_` only (anything else as its code point), never a device name, and unique
    even where case does not count."""

    def __init__(self) -> None:
        self._given: dict[str, str] = {}
        self._taken: set[str] = set()

    def __call__(self, key: str) -> str:
        if key in self._given:
            return self._given[key]
        base = _UNSAFE.sub(lambda m: f"_{ord(m[0]):x}", key)[:80] or "_"
        if _RESERVED.fullmatch(base):
            base = "_" + base
        name, n = base, 1
        while name.lower() in self._taken:
            n += 1
            name = f"{base}-{n}"
        self._taken.add(name.lower())
        self._given[key] = name
        return name


class Links:
    """Where each project's and person's page is, relative to the site's top folder."""

    def __init__(self) -> None:
        self._project_names, self._person_names = SafeNames(), SafeNames()
        self.projects: dict[str, str] = {}  # project key → path
        self.people: dict[str, str] = {}  # person id → path
        self._names: dict[str, str] = {}  # person id → the name of the person whose page it is

    def project(self, key: str) -> str:
        """`ronggui-2022/24` → projects/ronggui-2022-24.html"""
        if key not in self.projects:
            self.projects[key] = f"projects/{self._project_names(key.replace('/', '-'))}.html"
        return self.projects[key]

    def person(self, pid: str, name: object = None) -> str:
        """`P0007` → people/P0007.html; the first `name` given is whose page it is."""
        if pid not in self.people:
            self.people[pid] = f"people/{self._person_names(pid)}.html"
            self._names[pid] = textnorm.fold(str(name))
        return self.people[pid]

    def page_of(self, pid: object, name: object) -> str | None:
        """The page of the person `pid` names, if it is this `name`'s: before `migrate`, P0001 of one
        programme may be someone else than P0001 of another, and must not lead to their page."""
        if not isinstance(pid, str) or pid not in self.people:
            return None
        return self.people[pid] if self._names[pid] == textnorm.fold(str(name)) else None


def _up(path: str) -> str:
    """The way back to the site's top folder from the page at `path`."""
    return "../" * path.count("/")


def _href(target: str, here: str) -> str:
    return esc(_up(here) + target)


def _crumbs(here: str, lang: str, brief: bool = False) -> str:
    links = [f'<a href="{_href(INDEX, here)}">{t("html.overview", lang)}</a>']
    if brief:
        links.append(f'<a href="{_href(BRIEF, here)}">{t("html.brief", lang)}</a>')
    return "".join(links)


def _footer(as_of: str, lang: str) -> str:
    return t("html.footer", lang, day=as_of)


# ------------------------------------------------------------------------------ overview

SUMMARY_KEYS = ("projects", *views.STATUS_GROUPS, "red", "amber", "green", "paused", "unrated")


def _summary_headers(lang: str) -> list[str]:
    groups = [i18n.label(i18n.STATUS_GROUP_LABELS, g, lang) for g in views.STATUS_GROUPS]
    colours = [i18n.label(i18n.RAG_LABELS, c, lang) for c in (*views.RAG_ORDER, "paused")]
    return [i18n.text("html.col.projects", lang), *groups, *colours, i18n.text("html.col.unrated", lang)]


def _category_name(s: views.CategorySummary, lang: str) -> tuple[str, str]:
    """(the row's key for scripts and tests, the name shown): the category's short name, 合计 or 未知类别."""
    if s.total:
        return "total", i18n.label(i18n.REPORT_LABELS, "total", lang)
    if s.category is None:
        return "", i18n.label(i18n.REPORT_LABELS, "unknown_category", lang)
    short = str(s.category.get("short") or "")
    return short, short


NUM, TOTAL = ' class="num"', ' class="total"'


def _summary_table(summaries: Sequence[views.CategorySummary], lang: str) -> str:
    several = len({s.programme for s in summaries if not s.total}) > 1
    heads = [
        *([i18n.text("html.col.programme", lang)] if several else []),
        i18n.label(i18n.REPORT_LABELS, "category", lang),
        *_summary_headers(lang),
        i18n.text("html.col.average", lang),
        i18n.text("html.col.overdue", lang),
    ]
    out = ['<table class="summary">', "<thead><tr>"]
    out += [f"<th{NUM if i > several else ''}>{esc(h)}</th>" for i, h in enumerate(heads)]
    out.append("</tr></thead><tbody>")
    for s in summaries:
        key, name = _category_name(s, lang)
        counts = {"projects": s.projects, **s.by_group, **s.by_rag}
        attrs = f' data-category="{esc(key)}" data-programme="{esc(s.programme or "")}"'
        out.append(f"<tr{TOTAL if s.total else ''}{attrs}>")
        if several:
            out.append(f"<td>{esc(s.programme or '')}</td>")
        out.append(f"<td>{esc(name)}</td>")
        out += [f'<td class="num" data-key="{k}">{counts[k]}</td>' for k in SUMMARY_KEYS]
        average = "" if s.average_progress is None else f"{s.average_progress:g}"
        out.append(f'<td data-key="average_progress" data-value="{average}">{bar(s.average_progress)}</td>')
        out.append(f'<td class="num" data-key="overdue_milestones">{s.overdue_milestones}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _tiles(total: views.CategorySummary, lang: str) -> str:
    """The totals a leader looks at first: projects, average progress, red, amber, green, overdue."""
    average = "—" if total.average_progress is None else f"{total.average_progress:g}%"
    tiles = [
        ("projects", i18n.text("html.col.projects", lang), str(total.projects)),
        ("average_progress", i18n.text("html.col.average", lang), average),
        *((c, i18n.label(i18n.RAG_LABELS, c, lang), str(total.by_rag[c])) for c in views.RAG_ORDER),
        ("overdue_milestones", i18n.text("html.col.overdue", lang), str(total.overdue_milestones)),
    ]
    cells = [f'<div data-key="{k}"><span>{esc(label)}</span><b>{esc(value)}</b></div>' for k, label, value in tiles]
    return '<section class="totals">' + "".join(cells) + "</section>"


PROJECT_COLUMNS = ("number", "title", "category", "status", "rag", "progress", "leaders")


def _person_link(name: str, path: str | None, here: str) -> str:
    return f'<a href="{_href(path, here)}">{esc(name)}</a>' if path else esc(name)


def _project_table(items: Sequence[views.ProjectView], links: Links, lang: str) -> str:
    heads = [i18n.text(f"html.col.{c}", lang) for c in PROJECT_COLUMNS]
    out = ['<table class="projects">', "<thead><tr>"]
    out += [f'<th data-sort="{c}">{esc(h)}</th>' for c, h in zip(PROJECT_COLUMNS, heads, strict=True)]
    out.append("</tr></thead><tbody>")
    several = len({v.programme.id for v in items}) > 1
    for v in items:
        row = views.as_row(v)
        shown = render.localise(row, lang)
        here = INDEX
        number = f"{v.programme.id}/{row['number']}" if several else str(row["number"] if row["number"] else "")
        leaders = [
            _person_link(views.person_name(v, pid), links.page_of(pid, views.person_name(v, pid)), here)
            for pid in v.people("leader")
        ]
        colour = row["rag"] or ("done" if row["rag_label"] == "done" else None)
        progress = "" if row["progress"] is None else f"{row['progress']:g}"
        out += [
            f'<tr data-key="{esc(v.key)}">',
            f'<td class="num" data-value="{esc(row["number"] or "")}">{esc(number)}</td>',
            f'<td><a href="{_href(links.project(v.key), here)}">{esc(row["title"])}</a></td>',
            f"<td>{esc(row['category'] or '—')}</td>",
            f"<td>{esc(shown['status'])}</td>",
            f'<td data-value="{esc(row["rag"] or "")}">{rag(colour, shown["rag_label"] or "—")}</td>',
            f'<td data-value="{progress}">{bar(row["progress"], colour)}</td>',
            f"<td>{render.LIST_SEPARATOR[lang].join(leaders) if leaders else esc(shown['leaders'])}</td>",
            "</tr>",
        ]
    out.append("</tbody></table>")
    return "\n".join(out)


def overview(
    summaries: Sequence[views.CategorySummary],
    items: Sequence[views.ProjectView],
    cards: Sequence[dict[str, Any]],
    links: Links,
    *,
    as_of: str,
    lang: str,
    brief: bool = False,
) -> str:
    """`summaries` as `api.status` gives them with `views.total` appended: the same rows and total
    as `jiebang status`, so the two cannot disagree."""
    names = [str(c.get("name") or c.get("id")) for c in cards]
    title = "、".join(names) or i18n.text("html.overview", lang)
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="as-of" data-as-of="{esc(as_of)}">{t("html.as-of", lang, day=as_of)}</p>',
        _tiles(summaries[-1], lang),
        f"<h2>{t('html.categories', lang)}</h2>",
        _summary_table(summaries, lang),
        f"<h2>{t('html.projects', lang)}</h2>",
        _project_table(items, links, lang),
    ]
    if brief:
        body.insert(2, f'<p><a href="{BRIEF}">{t("html.brief", lang)}</a></p>')
    for doc in cards:
        body.append(f"<details><summary>{t('html.programme-card', lang, name=doc.get('name') or doc['id'])}</summary>")
        body.append(from_markdown(card.markdown(doc, lang)))
        body.append("</details>")
    return page(title=title, body="\n".join(body), lang=lang, footer=_footer(as_of, lang), script=True)


# ------------------------------------------------------------------------------ one project


def _people_links(doc: dict[str, Any], links: Links, here: str, lang: str) -> str:
    """Everyone the report names who has a page, linked, for the bar at the top."""
    people = doc["people"]
    seen: dict[str, str] = {}  # page → name
    for role in ("leader", "mentors", "lead_officials", "members", "former"):
        for person in people.get(role) or ():
            if person and (found := links.page_of(person.get("id"), person.get("name"))):
                seen.setdefault(found, str(person.get("name")))
    if not seen:
        return ""
    names = "".join(f'<a href="{_href(path, here)}">{esc(name)}</a>' for path, name in seen.items())
    return f'<span class="people">{t("html.people", lang)}：{names}</span>'


def project(doc: dict[str, Any], links: Links, *, lang: str, brief: bool = False) -> str:
    """The report (`api.report`'s document in `report_md`'s layout) with, after its header, the
    milestones on a timeline and a chart per indicator with readings; the people's pages linked
    at the top."""
    here = links.project(doc["project"]["key"])
    p = doc["project"]
    report = from_markdown(report_md.build(doc, lang))
    head, cut, rest = report.partition("<h2>")
    figures = []
    timeline = svg.timeline(doc["milestones"], doc["as_of"], lang)
    if timeline:
        figures.append(f'<h2>{t("html.timeline", lang)}</h2>\n<figure class="timeline">{timeline}</figure>')
    charts = [c for row in doc["indicators"] if (c := svg.indicator_chart(row, lang))]
    if charts:
        figures.append(f"<h2>{t('html.charts', lang)}</h2>")
        figures += [f'<figure class="chart">{c}</figure>' for c in charts]
    title = f"{p['number']} {p['title']}" if p.get("number") is not None else str(p.get("title"))
    return page(
        title=title,
        body="\n".join([head, *figures, cut + rest]),
        lang=lang,
        crumbs=_crumbs(here, lang, brief) + _people_links(doc, links, here, lang),
        footer=_footer(doc["as_of"], lang),
    )


# ------------------------------------------------------------------------------ one person


def _cell(column: str, row: dict[str, Any], shown: dict[str, Any], links: Links, here: str) -> str:
    value = shown.get(column)
    text = esc(render.cell(value)) if value not in (None, "") else "—"
    key = row.get("project") or row.get("where")
    if column in ("project", "where", "title") and isinstance(key, str) and key in links.projects:
        return f'<a href="{_href(links.projects[key], here)}">{text}</a>'
    return text


def person(doc: dict[str, Any], links: Links, *, lang: str, brief: bool = False) -> str:
    """The record of work (`api.portfolio`) in `jiebang person`'s sections, projects linked."""
    here = links.person(doc["person"]["id"])
    body = [f"<h1>{esc(portfolio.heading(doc['person'], lang))}</h1>"]
    for section, (columns, labels) in portfolio.SECTIONS.items():
        if section not in doc:
            continue
        body.append(f"<h2>{esc(portfolio.header(section, lang))}</h2>")
        rows = doc[section]
        if not rows:
            body.append(f"<p>{esc(i18n.label(i18n.REPORT_LABELS, 'none', lang))}</p>")
            continue
        heads = "".join(f"<th>{esc(portfolio.header(k, lang))}</th>" for k in labels)
        lines = [f'<table class="{esc(section)}"><thead><tr>{heads}</tr></thead><tbody>']
        for row in rows:
            shown = portfolio.shown(row, section, lang)
            lines.append("<tr>" + "".join(f"<td>{_cell(c, row, shown, links, here)}</td>" for c in columns) + "</tr>")
        lines.append("</tbody></table>")
        body.append("\n".join(lines))
    return page(
        title=str(doc["person"].get("name") or doc["person"]["id"]),
        body="\n".join(body),
        lang=lang,
        crumbs=_crumbs(here, lang, brief),
        footer=_footer(doc["as_of"], lang),
    )


# ------------------------------------------------------------------------------ the brief


def brief(doc: dict[str, Any], *, lang: str) -> str:
    """The 调度讲评 brief for a period (`api.brief`) in `brief_md`'s layout, the one `jiebang brief`
    and its Word document share."""
    period = doc["period"]
    return page(
        title=i18n.text("briefing.title", lang, start=period["start"], end=period["end"]),
        body=from_markdown(brief_md.build(doc, lang)),
        lang=lang,
        crumbs=_crumbs(BRIEF, lang),
        footer=_footer(doc["as_of"], lang),
    )
