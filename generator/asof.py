"""The one as-of date of every command, the MkDocs hook and the importer.

A command's `--as-of` wins; then the environment variable SITE_AS_OF (what workflows and
`mkdocs build` set); then today. The same records and date always give the same output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date

from generator.errors import UserError

AS_OF_ENV = "SITE_AS_OF"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class AsOfError(UserError):
    """A malformed date in `--as-of` or SITE_AS_OF: a wrong call (exit code 2)."""

    exit_code = 2


def parse_day(text: str, source: str) -> date:
    """`2026-09-01` → date; anything else → AsOfError naming `source` and the expected form."""
    day = text.strip()
    if _DAY.fullmatch(day):
        try:
            return date.fromisoformat(day)
        except ValueError:
            pass  # 2026-13-45: the form is right, the date does not exist
    raise AsOfError(
        f"{source}: «{text}» — не дата в виде ГГГГ-ММ-ДД (например, 2026-09-01). "
        "Укажите существующую дату: год, месяц 01–12 и день месяца через дефис."
    )


def resolve_as_of(
    option: date | str | None = None, environ: Mapping[str, str] | None = None
) -> date:
    """The day a command works as of: the option, else SITE_AS_OF, else today."""
    if isinstance(option, date):
        return option
    if option:
        return parse_day(option, "--as-of")
    from_env = (os.environ if environ is None else environ).get(AS_OF_ENV, "")
    if from_env.strip():
        return parse_day(from_env, f"переменная окружения {AS_OF_ENV}")
    return date.today()
