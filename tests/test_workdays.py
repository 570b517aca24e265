"""The Russian production calendar kept in generator/checking/ru_calendar.py and the library.

`ru_calendar` is generated from the `holidays` library, the source of truth: after upgrading
it (or changing the years kept), regenerate the module with
`UPDATE_GOLDENS=1 python -m pytest tests/test_workdays.py` and read the diff before committing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

from generator.checking import workdays
from generator.checking.workdays import add_working_days, is_working_day

from .conftest import REPO

MODULE = REPO / "generator" / "checking" / "ru_calendar.py"
FIRST, LAST = 2015, 2035  # the years kept; the library answers for the others
REGENERATE = "UPDATE_GOLDENS=1 python -m pytest tests/test_workdays.py"


def _year(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


def _library(day: date) -> bool:
    return bool(workdays._calendar(day.year).is_working_day(day))


def _listed(days: list[date]) -> str:
    return " ".join(d.strftime("%m%d") for d in days)


def _generated() -> str:
    """The text of ru_calendar.py as the installed `holidays` library gives it."""
    days_off, working_weekends = [], []
    for year in range(FIRST, LAST + 1):
        days = _year(year)
        off = [d for d in days if d.weekday() < 5 and not _library(d)]
        working = [d for d in days if d.weekday() >= 5 and _library(d)]
        days_off.append(f'    {year}: "{_listed(off)}",\n')
        if working:
            working_weekends.append(f'    {year}: "{_listed(working)}",\n')
    return (
        '"""The Russian production calendar of '
        f"{FIRST}–{LAST}, generated from the `holidays` library: do not edit.\n"
        "\n"
        "For each year (as MMDD): the weekdays off — public holidays, the New Year break, days off\n"
        "moved by decree — and the Saturdays and Sundays made working. Every other Monday to\n"
        "Friday is a working day, every other Saturday and Sunday is not. Regenerate with\n"
        f"`{REGENERATE}`.\n"
        '"""\n'
        "\n"
        f"YEARS = range({FIRST}, {LAST + 1})\n"
        "\n"
        "DAYS_OFF: dict[int, str] = {\n" + "".join(days_off) + "}\n"
        "\n"
        "WORKING_WEEKENDS: dict[int, str] = {\n" + "".join(working_weekends) + "}\n"
    )


def test_the_kept_calendar_is_the_librarys() -> None:
    expected = _generated()
    if os.environ.get("UPDATE_GOLDENS"):
        MODULE.write_text(expected, encoding="utf-8")
    assert MODULE.read_text(encoding="utf-8") == expected, (
        f"generator/checking/ru_calendar.py differs from the holidays library: {REGENERATE}"
    )


def test_every_day_of_the_kept_years_is_answered_as_the_library_does() -> None:
    for year in range(FIRST, LAST + 1):
        for day in _year(year):
            assert is_working_day(day) == _library(day), f"{day}: {REGENERATE}"


def test_years_outside_the_kept_ones_are_asked_of_the_library() -> None:
    for year in (FIRST - 1, LAST + 1):
        assert workdays._exceptions(year) is None
        for day in _year(year):
            assert is_working_day(day) == _library(day), day
    assert not is_working_day(date(2014, 11, 4))
    assert is_working_day(date(2036, 11, 5))


def test_working_days_counted_across_the_kept_years_and_beyond() -> None:
    assert add_working_days(date(2025, 12, 24), 10) == date(2026, 1, 19)
    assert add_working_days(date(2027, 2, 19), 1) == date(2027, 2, 20)  # a working Saturday
    for start in (date(FIRST - 1, 12, 20), date(LAST, 12, 20)):
        day, left = start, 15
        while left:
            day += timedelta(days=1)
            left -= _library(day)
        assert add_working_days(start, 15) == day


def test_the_kept_years_do_not_import_the_library() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from generator.checking.workdays import add_working_days\n"
        "add_working_days(date(2025, 12, 24), 10)\n"
        "assert 'holidays' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
