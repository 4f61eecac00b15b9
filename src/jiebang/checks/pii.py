"""Finding mobile-phone and ID-card numbers in text, however they are disguised.

People write numbers in groups (138 1234 5678, 110105-19491231-002X), in full-width digits,
with zero-width characters pasted in, folded over two lines, or one digit at a time. So the
text is cleaned first (full-width folded, format characters such as U+200B dropped), digits
are read as *runs* of groups joined by one separator, and a number is any span of whole
groups whose digits form one. What is not personal data is left alone: an amount (a number
followed by 元/万元/亿元), a decimal, a longer number, and an 18-digit number whose GB 11643
check digit is wrong (a document number).

E-mail addresses are found the same way (full-width letters and ＠ folded first). The
never-store classes of the domain notes (§5.1) are words, not numbers: health details, age
cohorts and ages, birth dates, education. Their patterns are narrow on purpose: they are
warnings a person reads, so each must name what it saw, and ordinary project text (医院 in a
title, 隐患, 不唯学历, 60岁以上老人) must not set them off.

Pure functions on strings: positions returned are positions in the text given.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["Found", "find", "find_emails", "find_sensitive", "mask", "mask_email"]

# Full-width digits, X, plus, hyphen, full stop and space, folded one character for one.
_FOLD_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ＋－．　", "0123456789Xx+-. ")
# What may stand between two groups of one number: a space, dot, hyphen or dash, or a line
# break with the next line's indentation (a YAML scalar folded over two lines).
_SEPARATOR = r"(?:[ .\-‐‑‒–—―·]|\r?\n[ \t]*)"
# A run: groups of digits joined by one separator each; an X can only end it (an ID's last
# character).
_RUN = re.compile(rf"[0-9]+(?:{_SEPARATOR}[0-9]+)*[Xx]?")
_GROUP = re.compile(r"[0-9]+[Xx]?")
# Every format character (Unicode category Cf: zero-width spaces and joiners, soft hyphen, BOM,
# bidi marks…); invisible, so they can sit inside a number unseen. Listed rather than looked up
# per character, which would cost seconds on a large file; a test checks the list. Those of the
# Basic Multilingual Plane apart: a class with ranges above U+FFFF is tried character by character,
# four times slower, and only text holding such a character (`_ASTRAL`) needs it.
_FORMAT_BMP = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORMAT = re.compile(
    f"[{_FORMAT_BMP}\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_FORMAT_IN_BMP = re.compile(f"[{_FORMAT_BMP}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SHORTEST = 11  # a phone number without its country code
_DIGITS = "0123456789０１２３４５６７８９"  # what folds to a digit
_PHONE = re.compile(r"(?:0086|86)?(?P<number>1[3-9][0-9]{9})")
_AMOUNT = re.compile(r"[ ]?(?:元|万元|亿元)")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_LONGEST = 18  # digits: an ID-card number; a phone with 0086 is 15


@dataclass(frozen=True, slots=True)
class Found:
    code: str  # pii.phone | pii.id-card
    start: int  # where it starts in the text given
    number: str  # its digits (a phone without the country code), for `mask`


def mask(number: str) -> str:
    """Enough to find it again in the file, never the number itself."""
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


def _translated(text: str, table: dict[int, int], chars: re.Pattern[str]) -> str:
    """`text.translate(table)`, asking first whether any character of the table is there (`chars`):
    translating costs far more than looking, and most text has none."""
    return text.translate(table) if chars.search(text) else text


_FULL_WIDTH = re.compile("[" + re.escape("".join(map(chr, _FOLD_WIDTH))) + "]")  # what _FOLD_WIDTH folds


@functools.lru_cache(maxsize=4)
def _clean(text: str) -> tuple[str, Sequence[int]]:
    """The text folded to half-width with format characters removed, and for each of its
    characters the position it came from. Kept for the last few texts: numbers and words are
    looked for in the same text one after the other (the result is never changed)."""
    folded = _translated(text, _FOLD_WIDTH, _FULL_WIDTH)
    dropped = {m.start() for m in (_FORMAT if _ASTRAL.search(folded) else _FORMAT_IN_BMP).finditer(folded)}
    if not dropped:
        return folded, range(len(folded))
    where = [index for index in range(len(folded)) if index not in dropped]
    return "".join(folded[index] for index in where), where


def _is_birth_date(yyyymmdd: str) -> bool:
    """A real calendar day in 1900–2099 (no age limit: the core never asks what day it is)."""
    try:
        datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return yyyymmdd[:2] in ("19", "20")


def _id_card(digits: str) -> bool:
    """GB 11643: 18 characters (area, birth date, sequence, check digit) or the old 15 digits."""
    if len(digits) == 15 and digits.isdigit():
        return digits[0] != "0" and _is_birth_date("19" + digits[6:12])
    if len(digits) != 18 or not digits[:17].isdigit() or digits[0] == "0" or not _is_birth_date(digits[6:14]):
        return False
    check = "10X98765432"[sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False)) % 11]
    return digits[17].upper() == check


def _classify(digits: str) -> tuple[str, str] | None:
    if _id_card(digits):
        return "pii.id-card", digits
    if m := _PHONE.fullmatch(digits):
        return "pii.phone", m["number"]
    return None


def _runs(clean: str) -> Iterator[list[tuple[int, int, str]]]:
    """Each run long enough to hold a number, as its groups: (start, end, separator before it)."""
    for run in _RUN.finditer(clean):
        if run.end() - run.start() < _SHORTEST:
            continue  # most numbers in a register: dates, counts, percentages
        groups, end = [], run.start()
        for group in _GROUP.finditer(clean, run.start(), run.end()):
            groups.append((group.start(), group.end(), clean[end : group.start()]))
            end = group.end()
        yield groups


def find(text: str) -> list[Found]:
    """Every phone or ID-card number in `text`, leftmost first, the longest at each place."""
    if sum(map(text.count, _DIGITS)) < _SHORTEST:  # twenty counts: three fifths of a regex's findall
        return []  # most text: cleaning it would cost more than this count
    clean, where = _clean(text)
    found = []
    for run in _runs(clean):
        i = 0
        while i < len(run):
            best = None
            digits = ""
            for j in range(i, len(run)):
                digits += clean[run[j][0] : run[j][1]]
                if len(digits) > _LONGEST:
                    break
                after = run[j + 1][2] if j + 1 < len(run) else ""
                if run[i][2] == "." or after == "." or _AMOUNT.match(clean, run[j][1]):
                    continue  # part of a decimal, or an amount of money
                if kind := _classify(digits):
                    best = (j, kind)
            if best is None:
                i += 1
                continue
            j, (code, number) = best
            start = run[i][0]
            if code == "pii.phone" and start > 0 and clean[start - 1] == "+":
                start -= 1
            found.append(Found(code, where[start], number))
            i = j + 1
    return found


# ------------------------------------------------------------------------------ e-mail addresses

# Full-width letters, ＠ and ．, folded one for one so that positions stay those of the text.
_FOLD_EMAIL = str.maketrans(
    "".join(chr(c) for c in range(0xFF21, 0xFF3B)) + "".join(chr(c) for c in range(0xFF41, 0xFF5B)) + "＠．－＿",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@.-_",
)
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def find_emails(text: str) -> list[Found]:
    """Every e-mail address in `text`, with the address (lower-case) as `number`."""
    if "@" not in text and "＠" not in text:
        return []
    clean, where = _clean(text.translate(_FOLD_EMAIL))
    return [Found("pii.email", where[m.start()], m.group().lower()) for m in _EMAIL.finditer(clean)]


def mask_email(address: str) -> str:
    """The first letter and the domain: enough to find it, not to write to it."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


# ------------------------------------------------------------------------------ never-store classes

# Traditional forms of the characters the patterns below use, folded one for one (textnorm
# cannot be imported at this layer; a test checks these agree with `textnorm.fold`).
_T2S = str.maketrans(
    "術後歲歷學碩確診療癥懷專畢業於為樓間臺隱禍憂邊內誕鬱殘藥礙狀態況慮篩兒軍預醫長",
    "术后岁历学硕确诊疗症怀专毕业于为楼间台隐祸忧边内诞郁残药碍状态况虑筛儿军预医长",
)
_T2S_CHARS = re.compile("[" + re.escape("".join(map(chr, _T2S))) + "]")  # what _T2S folds
_HAN_DIGITS = "一二三四五六七八九十"
# (code, anchors, pattern) triples. Each pattern names one way the class is written in Chinese
# prose. Its anchors are groups of characters: every text it matches holds one character of
# each group (a test reads the patterns to prove it), so a text lacking any group need not be
# searched with it: most text, and searching is what costs. (民生 and 产业 are categories, so
# 生 and 业 alone would let nearly every project file through.)
_SENSITIVE: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    # Health (PIPL art. 28): surgery, hospital stays, illness, diagnoses. Not 手术室 or 住院部
    # (rooms of a hospital), not 隐患/水患 (hazards: 患 counts only as 患病/患有/患上), not
    # 病险/病害 (unsafe reservoirs, pests).
    (
        "pii.health",
        ("手住病", "术院病"),
        re.compile(r"手术(?![室楼台间])|住院(?![部楼])|病情|病假|病休|病重|病危|生病|因病"),
    ),
    ("pii.health", ("诊癌疗孕",), re.compile(r"确诊|癌症|化疗|怀孕")),
    ("pii.health", ("患",), re.compile(r"(?<![隐水火祸忧外内边后])患(?:病|有|上)")),
    # A person's mental health, disability or medication; not the services for them (抑郁症筛查,
    # 残疾人, 残疾儿童, 精神病院) nor the spirit of a cadre (精神面貌).
    ("pii.health", ("郁虑",), re.compile(r"抑郁(?!症?(?:筛查|防治|干预|预防))|焦虑症")),
    ("pii.health", ("神",), re.compile(r"精神(?:疾病|障碍|分裂|失常|病(?![院医])|(?:状态|状况)不佳)")),
    ("pii.health", ("残",), re.compile(r"(?<!伤)残疾(?![人儿者群家军老学])|伤残(?![人军])")),
    ("pii.health", ("药",), re.compile(r"(?:正在|长期|每天|需要?)(?:服药|吃药)")),
    # Age cohorts (80后, 95后, 00后) and a person's age (35岁, 三十五岁), not a range or a limit.
    ("pii.age", ("后",), re.compile(r"(?<![0-9])[0-9][05]后")),
    (
        "pii.age",
        ("岁",),
        re.compile(rf"(?<![0-9\-~～至到满])(?:[1-9][0-9]|[{_HAN_DIGITS}]{{2,3}})岁(?![以及至到\-~～])"),
    ),
    # Birth dates, as cadre profiles write them (1985年3月生，…) or named as such.
    (
        "pii.birth-date",
        ("年", "生"),
        re.compile(r"(?:19|20)[0-9]{2}年[0-9]{1,2}月(?:[0-9]{1,2}日)?出?生(?=[，,、。；;）)\s]|$)"),
    ),
    ("pii.birth-date", ("生", "出日于"), re.compile(r"出生(?:于|日期|年月)|生日|(?<![诞])生于(?:19|20)[0-9]{2}")),
    # The year alone (1985年出生), not a year's births (2022年出生人口, 出生率).
    ("pii.birth-date", ("年", "出", "生"), re.compile(r"(?:19|20)[0-9]{2}年出生(?![人率缺登])")),
    # Education, where it is plainly a person's (the programme itself is 不唯学历).
    (
        "pii.education",
        ("博硕研本大专中高初", "历位业化"),
        re.compile(r"(?:博士|硕士|研究生|本科|大专|专科|中专|高中|初中)(?:学历|学位|毕业|文化)"),
    ),
    ("pii.education", ("毕学", "业历"), re.compile(r"毕业于|学历[:：为是]")),
)
_ANCHORS = re.compile("[" + "".join(sorted({c for _, groups, _ in _SENSITIVE for g in groups for c in g})) + "]")


def find_sensitive(text: str) -> list[Found]:
    """Words of the never-store classes in `text`, leftmost first, with the words as `number`.

    Birth-date digits are masked (the words are shown to say what was found).
    """
    clean, where = _clean(_translated(text, _T2S, _T2S_CHARS))
    present = set(_ANCHORS.findall(clean))
    if not present:
        return []  # most text: one look instead of a search for each pattern
    found = []
    for code, groups, pattern in _SENSITIVE:
        if any(present.isdisjoint(group) for group in groups):
            continue
        for m in pattern.finditer(clean):
            words = re.sub("[0-9]", "*", m.group()) if code == "pii.birth-date" else m.group()
            found.append(Found(code, where[m.start()], words))
    return sorted(found, key=lambda f: f.start)
