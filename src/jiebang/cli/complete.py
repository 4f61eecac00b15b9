"""Shell completion (TAB) for the values a clerk types most: projects, people, categories,
statuses and programmes.

The shell asks through Typer's `_JIEBANG_COMPLETE` variable, never during a normal run, so
the register is loaded only inside these callbacks; importing this module costs nothing.
`usage.Command` attaches a callback to every parameter whose placeholder names one of these
kinds (PROJECT, PERSON, CATEGORY, STATUS, --programme), so new commands get completion by
using the shared placeholders. Formats and other fixed choices Typer completes by itself.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from typer._click.shell_completion import CompletionItem

from jiebang import i18n, textnorm
from jiebang.cli.options import HELP_LANG
from jiebang.queries import query

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from jiebang.model.records import Register


def _register(ctx: Any) -> Register | None:
    """The register the command would use: --registry if already typed, else as usual."""
    from jiebang import api

    registry = None
    while ctx is not None and registry is None:
        registry = ctx.params.get("registry")
        ctx = ctx.parent
    try:
        reg, _problems = api.open_register(registry, os.environ.get("JIEBANG_REGISTRY"))
    except Exception:  # a TAB must never print a traceback into the shell; no register, no completion
        return None
    return reg


def _pick(pairs: Iterable[tuple[str, str]], incomplete: str) -> list[CompletionItem]:
    """Values starting with what was typed, else containing it (folded: either script, either width)."""
    typed = textnorm.fold(incomplete)
    pairs = list(dict.fromkeys(pairs))
    starts = [(v, h) for v, h in pairs if textnorm.fold(v).startswith(typed)]
    chosen = starts or [(v, h) for v, h in pairs if typed in textnorm.fold(v)]
    return [CompletionItem(value, help=help_text or None) for value, help_text in chosen]


def projects(ctx: Any, _param: Any, incomplete: str) -> list[CompletionItem]:
    """Numbers (with the title as the description) or, once letters are typed, titles."""
    reg = _register(ctx)
    if reg is None:
        return []
    several = len(reg.programmes) > 1
    pairs = []
    for programme in reg.programmes.values():
        numbered = [(p.data.get("number"), p) for p in programme.projects]
        for number, project in sorted(numbered, key=lambda n: (not isinstance(n[0], int), str(n[0]).zfill(9))):
            title = str(project.data.get("title", ""))
            if incomplete and not incomplete.isdecimal():
                pairs.append((title, str(number)))
            else:
                pairs.append((f"{programme.id}/{number}" if several else str(number), title))
    if incomplete and not incomplete.isdecimal() and incomplete.isascii():  # pinyin initials: tccjs
        initials = [(t, n) for t, n in pairs if incomplete.lower() in textnorm.pinyin_initials(t)]
        return _pick(initials, "") or _pick(pairs, incomplete)
    return _pick(pairs, incomplete)


def people(ctx: Any, _param: Any, incomplete: str) -> list[CompletionItem]:
    """Names, or ids once `P` is typed; the other one (and the unit) as the description."""
    reg = _register(ctx)
    if reg is None:
        return []
    by_id = incomplete[:1].upper() == "P" and incomplete[1:].isdecimal()
    pairs = []
    for programme in reg.programmes.values():
        for pid, person in programme.person_ids().items():
            name = str(person.get("name", ""))
            about = " ".join(str(x) for x in (pid if not by_id else name, person.get("unit")) if x)
            pairs.append((pid, about) if by_id else (name, about))
    return _pick(pairs, incomplete)


def categories(ctx: Any, _param: Any, incomplete: str) -> list[CompletionItem]:
    """Short names (民生); the number or key once a digit or a letter is typed."""
    reg = _register(ctx)
    if reg is None:
        return []
    field = "number" if incomplete.isdecimal() else "key" if incomplete.isascii() and incomplete else "short"
    pairs = [
        (str(c.get(field)), query.category_label(c))
        for programme in reg.programmes.values()
        for c in query.categories_of(programme)
    ]
    return _pick(pairs, incomplete)


def statuses(_ctx: Any, _param: Any, incomplete: str) -> list[CompletionItem]:
    """Keys (label as the description), or labels once Chinese is typed."""
    if incomplete and not incomplete.isascii():
        return _pick(((labels[0], key) for key, labels in i18n.STATUS_LABELS.items()), incomplete)
    return _pick(((key, i18n.label(i18n.STATUS_LABELS, key, HELP_LANG)) for key in i18n.STATUS_LABELS), incomplete)


def programmes(ctx: Any, _param: Any, incomplete: str) -> list[CompletionItem]:
    reg = _register(ctx)
    if reg is None:
        return []
    names = {pid: str(p.record.data.get("name", "")) if p.record else "" for pid, p in reg.programmes.items()}
    return _pick(names.items(), incomplete)


BY_METAVAR: dict[str, Callable[[Any, Any, str], list[CompletionItem]]] = {
    "PROJECT": projects,
    "PERSON": people,
    "CATEGORY": categories,
    "STATUS": statuses,
}


def completer(param: Any) -> Callable[[Any, Any, str], list[CompletionItem]] | None:
    """The completion callback for a parameter, from its placeholder (or `--programme`)."""
    if "--programme" in getattr(param, "opts", ()):
        return programmes
    return BY_METAVAR.get(str(param.metavar))
