"""Russian formatting of dates and school years, the one place every output takes them from."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3  # type: ignore[import-untyped]

MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


# A check writes the same days in message after message (a meeting's day, a term): each day
# is written once per process, as its Russian form never changes.
@functools.lru_cache(maxsize=4096)
def ru_date(day: date | None) -> str:
    """`date(2025, 10, 3)` → «03.10.2025»; None → ""."""
    return day.strftime("%d.%m.%Y") if day else ""


def ru_long_date(day: date | None) -> str:
    """`date(2025, 10, 3)` → «3 октября 2025 г.»; None → ""."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year} г." if day else ""


def ru_month(month: str) -> str:
    """`2025-10` → «октябрь 2025»."""
    return f"{MONTHS_NOMINATIVE[int(month[5:]) - 1]} {month[:4]}"


def school_year_title(year: str) -> str:
    """`2025-2026` → «2025/2026»."""
    return year.replace("-", "/")


def ru_number(value: float, digits: int | None = None) -> str:
    """A decimal comma, as Russian text writes numbers: 87.5 → «87,5», 90.0 → «90»;
    with `digits`, that many after the comma: (92.94, 1) → «92,9»."""
    text = f"{value:g}" if digits is None else f"{value:.{digits}f}"
    return text.replace(".", ",")


# --- typography ------------------------------------------------------------------------------

NBSP = "\u00a0"
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"})
# Documents escape every ASCII punctuation mark of record text («А\. Н\.», «75 \%»), so each
# rule also takes the full stop, the hyphen and the percent sign after a backslash.
# «№ 117», «№ ____» (a number to fill in): the sign never parts from what follows it.
_AFTER_SIGN = re.compile(r"№(?: (?=[^\s|])| ?(?=\d))")
_BEFORE_PERCENT = re.compile(r"(\d) ?(\\?%)")
_INITIALS = re.compile(r"\b([А-ЯЁ]\\?\.) ?([А-ЯЁ]\\?\.)")  # «А. Н.»
_SURNAME = r"[А-ЯЁ][а-яё]+(?:\\?-[А-ЯЁ][а-яё]+)?"  # «Сидорова-Ким»
_INITIALS_SURNAME = re.compile(rf"\b([А-ЯЁ]\\?\.) ({_SURNAME})\b")
_SURNAME_INITIALS = re.compile(rf"\b({_SURNAME}) ([А-ЯЁ]\\?\.)")
# «20 ноября 2026 г.», «в сентябре 2025 г.», «2024–2025 гг.»: a date never breaks inside.
_GENITIVE = "|".join(MONTHS)
_ANY_CASE = "|".join((*MONTHS_NOMINATIVE, *MONTHS, *(m[:-1] + "е" for m in MONTHS)))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) (?=(?:{_GENITIVE})\b)")
_MONTH_YEAR = re.compile(rf"\b((?:{_ANY_CASE})) (?=\d{{4}}\b)", re.IGNORECASE)
_YEAR_ABBREVIATION = re.compile(r"\b(\d{4}) (?=гг?\\?\.)")
_PROTECTED = re.compile(r"^[ \t]*<.*$|`[^`\n]*`", re.MULTILINE)  # raw HTML lines, code spans


def typeset(text: str) -> str:
    """Russian typography of a page or a document in Markdown: no break after «№», before
    «%», between initials and the surname, inside a date («20 ноября 2026 г.»); „inner“
    quotes inside «outer» ones.

    Code spans and lines of raw HTML stay as they are. The rules run over whole stretches of
    prose at once (a region's site has three thousand pages).
    """
    out, last = [], 0
    for protected in _PROTECTED.finditer(text):
        out += [_prose(text[last : protected.start()]), protected.group()]
        last = protected.end()
    out.append(_prose(text[last:]))
    return "".join(out)


def _prose(text: str) -> str:
    text = _spaces(text)
    if text.count("«") < 2:
        return text
    return "\n".join(_nested_quotes(line) if line.count("«") > 1 else line
                     for line in text.split("\n"))  # fmt: skip


def _spaces(text: str) -> str:
    text = _AFTER_SIGN.sub("№" + NBSP, text)
    text = _BEFORE_PERCENT.sub(r"\1" + NBSP + r"\2", text)
    text = _INITIALS.sub(r"\1" + NBSP + r"\2", text)
    text = _INITIALS_SURNAME.sub(r"\1" + NBSP + r"\2", text)
    text = _SURNAME_INITIALS.sub(r"\1" + NBSP + r"\2", text)
    return _dates(text)


def _dates(text: str) -> str:
    """No break inside «20 ноября 2026 г.»: day–month, month–year, year–«г.»/«гг.»."""
    text = _DAY_MONTH.sub(r"\1" + NBSP, text)
    text = _MONTH_YEAR.sub(r"\1" + NBSP, text)
    return _YEAR_ABBREVIATION.sub(r"\1" + NBSP, text)


def _nested_quotes(text: str) -> str:
    """«МБОУ «СШ № 1»» → «МБОУ „СШ № 1“»; a line whose quotes do not pair is left alone."""
    if "«" not in text:
        return text
    out, depth = [], 0
    for char in text:
        if char == "«":
            out.append("„" if depth else "«")
            depth += 1
        elif char == "»":
            depth -= 1
            if depth < 0:
                return text
            out.append("“" if depth else "»")
        else:
            out.append(char)
    return "".join(out) if depth == 0 else text


def continued(text: str | None) -> str:
    """Record text that continues a sentence after a colon or a dash, from a small letter:
    «Петров А. Н.: поддержал…», but «…: МБОУ „СШ № 1“…», «…: Тула…», «…: Иванова…» stay.

    The first word keeps its capital when it is an abbreviation or a proper name (a person,
    a place, an organization — as the Russian dictionary of pymorphy3 knows them).
    """
    if not text:
        return text or ""
    word = re.match(r"[А-ЯЁа-яё]+", text)
    if word is None or not text[0].isupper() or text[1:2].isupper() or _proper(word[0]):
        return text
    return text[0].lower() + text[1:]


@functools.cache
def _morphology() -> pymorphy3.MorphAnalyzer:
    import pymorphy3  # only rendering and importing read the dictionary; a check does not

    return pymorphy3.MorphAnalyzer()


@functools.cache
def _proper(word: str) -> bool:
    """Whether the word's likeliest reading is a name, a place, an organization or an
    abbreviation («С» is the preposition first, an abbreviation only far down the list)."""
    return bool(_PROPER & _morphology().parse(word)[0].tag.grammemes)


def upfirst(value: object) -> str:
    """The first letter capitalised, the rest as written: «совет «РОСТ»» → «Совет «РОСТ»»."""
    text = str(value)
    return text[:1].upper() + text[1:]
