"""Text folding for every match the tool makes (filters, title lookup, search, names).

Registers mix as-published Traditional titles (農貿市場立體停車場建設) with Simplified
ones, full-width with half-width characters, and curly with straight quotes. `fold()`
maps all of these to one key so a comparison never depends on how the text was typed.

Traditional→Simplified is done character by character with OpenCC's own character
table (`TSCharacters.txt`, shipped by the `opencc-purepy` package), read lazily on the
first call. Character-level rather than phrase-level conversion is deliberate: it keeps
`fold` a per-character map, so a substring of a text folds to a substring of the folded
text. Phrase conversion breaks that (乾 → 干 but 乾隆 → 乾隆), and the key is never
shown to anyone, so its exact spelling does not matter. t2s is many-to-one, so it never
separates two texts that were equal; s2t would (发 → 發/髮) and is never used.

Nothing heavy is imported here: the table, `difflib` and `pypinyin` load on first use,
because this module sits on the start-up path of every command.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable  # evaluated at runtime: `typing.TYPE_CHECKING` would cost ~5 ms

__all__ = ["PINYIN_GLOSS", "close_matches", "date_parts", "fold", "matches", "pinyin_initials", "strip_glosses"]

# Quote marks people type interchangeably: ASCII, curly, and the corner brackets that
# Traditional texts use for quotations (「氣改電」 = “气改电”). All fold to '"'.
# Full-width ＂＇ need no entry: NFKC turns them into ASCII first.
_QUOTES = "'\"“”‘’„‟‚‛〝〞〟「」『』"

# Invisible characters that copy-paste from PDFs and web pages leaves inside words.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# Code point ranges of Han characters, used only when the table has to be rebuilt
# through opencc-purepy's public API (see `_table_from_api`).
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0x20000, 0x2FA20), (0x30000, 0x323B0))

_FOLD_CACHE_SIZE = 8192

# A pinyin gloss glued after a Han character, as some mirrored news pages print it: 發(fā)展,
# 擔(dān)當(dāng) (domain.md §1.6; article 001 has 163). Lower-case letters with tone marks only, so
# 長(街長、路長、網格長) and 项目(二期) are left alone.
PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")


def strip_glosses(text: str) -> str:
    """`text` without its pinyin glosses: 黃巖發(fā)展我擔(dān)當(dāng) → 黃巖發展我擔當. Text pasted from such
    a page would otherwise keep them in titles and never match what people type."""
    return PINYIN_GLOSS.sub("", text) if "(" in text else text


@functools.cache
def _table() -> dict[int, str]:
    """The `str.translate` table for fold: Traditional→Simplified, quotes, invisibles.

    Built once per process (a few milliseconds) instead of importing a converter.
    """
    table = _close(_table_from_file() or _table_from_api())
    table.update(dict.fromkeys(map(ord, _QUOTES), '"'))
    table.update(dict.fromkeys(map(ord, _INVISIBLE)))
    return table


def _table_from_file() -> dict[int, str] | None:
    """Parse opencc-purepy's TSCharacters.txt without importing the package.

    Importing `opencc_purepy` and building an `OpenCC` costs ~100 ms; locating the
    package with `find_spec` and reading its 35 KB table costs ~5 ms. Returns None if
    a future release moves the file, so that `_table_from_api` takes over.
    """
    import importlib.util
    import os

    spec = importlib.util.find_spec("opencc_purepy")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jiebang needs the 'opencc-purepy' package to match Chinese text")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "dicts", "TSCharacters.txt")
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:
        return None
    table: dict[int, str] = {}
    for line in lines:
        if line.startswith("#"):  # upstream comments out ambiguous entries (幷)
            continue
        key, _, targets = line.partition("\t")
        # First candidate = OpenCC's default; a target is one code point (verified in tests).
        target = targets.split(" ", 1)[0]
        if len(key) == 1 and len(target) == 1 and key != target:
            table[ord(key)] = target
    return table or None


def _table_from_api() -> dict[int, str]:
    """Same table through opencc-purepy's public API (~200 ms): the fallback.

    Converting one character per line stops any phrase from matching, so the result is
    exactly the library's character-level t2s.
    """
    from opencc_purepy import OpenCC

    chars = [chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi)]
    converted = OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RuntimeError("opencc-purepy changed how it converts line breaks")
    return {ord(c): s for c, s in zip(chars, converted, strict=True) if len(s) == 1 and s != c}


def _close(table: dict[int, str]) -> dict[int, str]:
    """Follow chains (薴→苧→苎) so every target is final and fold is idempotent."""
    closed = dict(table)
    for key, first in table.items():
        if ord(first) not in table:  # the usual case: already final
            continue
        target, seen = first, {key}
        while ord(target) in table and ord(target) not in seen:
            seen.add(ord(target))
            target = table[ord(target)]
        closed[key] = target
    return closed


@functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """The matching key of `text`: compare `fold(a) == fold(b)`, never the raw strings.

    NFKC (full-width → half-width, ㈠ → (一)), casefold, Traditional → Simplified, all
    quote marks → '"', invisible characters dropped, pinyin glosses dropped (發(fā)展 → 发展),
    whitespace runs → one space, stripped. Idempotent. Cached, because the same titles and names are folded again
    and again during one run.
    """
    if text.isascii():  # NFKC and t2s are no-ops on ASCII: skip them
        return " ".join(text.casefold().replace("'", '"').split())
    text = unicodedata.normalize("NFKC", text)
    # casefold can leave decomposed letters (ǰ → j + caron): normalise again.
    text = strip_glosses(unicodedata.normalize("NFKC", text.casefold()))
    mapped = text.translate(_table())  # one character to one, except invisibles: deleted
    if len(mapped) != len(text):  # what an invisible separated may now compose (e + ◌́ → é)
        mapped = unicodedata.normalize("NFKC", mapped)
    return " ".join(mapped.split())


def matches(query: str, text: str, *, initials: bool = False) -> bool:
    """True if `query` occurs in `text` once both are folded; an empty query matches all.

    With `initials=True` an ASCII query may also be pinyin initials of `text`
    (`tcc` matches 停车场); that loads pypinyin, so it is opt-in.
    """
    key = fold(query)
    if key in fold(text):
        return True
    return initials and key.isascii() and key.replace(" ", "") in pinyin_initials(text)


@functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)
def pinyin_initials(text: str) -> str:
    """First letter of each Han character's pinyin, other letters and digits kept (folded).

    农贸市场立体停车场建设 → nmscltcccjs. Text is folded first, so Traditional and
    Simplified give the same initials. Polyphones (长, 重, 行) get the reading pypinyin's
    phrase dictionary picks (长沙 c, 行长 hz). pypinyin costs ~250 ms to import and
    ~150 µs per title, hence the lazy import and the cache.
    """
    from pypinyin import Style, lazy_pinyin

    # errors=list hands non-Han runs back one character at a time, to be filtered here.
    letters = lazy_pinyin(fold(text), style=Style.FIRST_LETTER, errors=list)
    return "".join(ch for item in letters for ch in item if ch.isalnum())


def close_matches(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Up to `n` of `candidates` that look like `word`, best first, as given (for "did you mean").

    Compared folded, so 民声 finds 民生 and 黨建 finds 党建. The cutoff is 0.5, not
    difflib's 0.6, because two-character Chinese words with one wrong character (the
    usual input-method slip) score exactly 0.5.
    """
    import difflib

    originals: dict[str, str] = {}
    for candidate in candidates:
        originals.setdefault(fold(candidate), candidate)
    found = difflib.get_close_matches(fold(word), list(originals), n=n, cutoff=cutoff)
    return [originals[key] for key in found]


# --- dates as people type them

_DATE_PARTS = re.compile(
    r"(?P<y>[0-9]{4})(?:(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?:(?P=sep)(?P<d>[0-9]{1,2}))?"
    r"|年(?P<cm>[0-9]{1,2})月(?:(?P<cd>[0-9]{1,2})日)?|(?P<bm>[0-9]{2})(?P<bd>[0-9]{2}))?"
)


def date_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date as typed: 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日,
    20261201, full-width digits; month and day are None for a year or a month (2018, 2018-01).

    Only the shape is read here: whether that day exists is for the caller to say.
    """
    m = _DATE_PARTS.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    month, day = m["m"] or m["cm"] or m["bm"], m["d"] or m["cd"] or m["bd"]
    return int(m["y"]), int(month) if month else None, int(day) if day else None
