"""Russian working days: public holidays, the New Year break and the government's transfers.

The official production calendar comes from the `holidays` library (its Russian calendar
carries each year's transfer decree: days off moved to weekdays and Saturdays made working).
For the years of `ru_calendar` the answers are read from that module, generated from the
library by `UPDATE_GOLDENS=1 python -m pytest tests/test_workdays.py` (a test compares the two
day by day), which spares a check importing the library and computing the calendar; the
library itself is asked only about the years outside it.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator.checking import ru_calendar

if TYPE_CHECKING:
    import holidays


@functools.cache
def _calendar(year: int) -> holidays.HolidayBase:
    import holidays  # only for years outside ru_calendar: importing it costs a tenth of a second

    return holidays.country_holidays("RU", years=[year - 1, year, year + 1])


def _days(year: int, table: dict[int, str]) -> frozenset[date]:
    return frozenset(date(year, int(d[:2]), int(d[2:])) for d in table.get(year, "").split())


@functools.cache
def _exceptions(year: int) -> tuple[frozenset[date], frozenset[date]] | None:
    """The year's weekdays off and working Saturdays and Sundays; None outside ru_calendar."""
    if year not in ru_calendar.YEARS:
        return None
    return _days(year, ru_calendar.DAYS_OFF), _days(year, ru_calendar.WORKING_WEEKENDS)


# The calendar is fixed, so a day's answer never changes: both are kept for the process (a
# check asks for the same meeting days' terms in every scope). Bounded, to stay small.
@functools.lru_cache(maxsize=8192)
def is_working_day(day: date) -> bool:
    """Whether people work on this day in Russia under the official calendar."""
    exceptions = _exceptions(day.year)
    if exceptions is None:
        return bool(_calendar(day.year).is_working_day(day))
    days_off, working_weekends = exceptions
    return day in working_weekends if day.weekday() >= 5 else day not in days_off


@functools.lru_cache(maxsize=8192)
def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (which itself is not counted)."""
    day = start
    left = count
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
