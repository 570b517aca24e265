"""Russian formatting of dates and school years, the one place every output takes them from."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


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
