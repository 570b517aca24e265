"""Russian working days: public holidays, the New Year break and the government's transfers.

The official production calendar comes from the `holidays` library (its Russian calendar
carries each year's transfer decree: days off moved to weekdays and Saturdays made working).
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


@functools.cache
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=[year - 1, year, year + 1])


# The calendar is fixed, so a day's answer never changes: both are kept for the process (a
# check asks for the same meeting days' terms in every scope). Bounded, to stay small.
@functools.lru_cache(maxsize=8192)
def is_working_day(day: date) -> bool:
    """Whether people work on this day in Russia under the official calendar."""
    return bool(_calendar(day.year).is_working_day(day))


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
