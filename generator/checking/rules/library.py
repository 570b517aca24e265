"""The library's rule: a management practice is re-read by its review-by date (МПО п. 2.2.6).

Past `review_by`, a practice not re-read since (`reviewed` earlier) and not retired is a
warning at the line of its `review_by`, and the public library stops showing it until someone
confirms it (a new `reviewed` and `review_by`) or retires it (`retired`).

Practices belong to no association. Like publication-review, the first association reads them,
each once, in its school year that holds the as-of date (or its latest year before it): the
library is judged as it stands today, not per year.
"""

from __future__ import annotations

from generator.checking.rules.base import Problem, Scope, Status, Verdict, passed, rule
from generator.russian import ru_date, school_year_title
from schemas import Practice, school_year_of

ADVICE = (
    "Перечитайте практику: актуальна ли она. Если да — укажите дату прочтения в reviewed и "
    "новый срок в review_by; если устарела — выведите её из библиотеки (retired: date и "
    "reason). Пока срок прошёл, открытый сайт практику не показывает."
)


@rule(
    "practice-review",
    "МПО п. 2.2.6",
    "практики библиотеки перечитаны к сроку пересмотра (review_by) или выведены из неё",
    "warning",
    advice=ADVICE,
)
def practice_review(scope: Scope) -> Verdict:
    # A fact about the library as of the date: passed or failed, never in progress (a review-by
    # date ahead is nothing to wait for). A finding is due on its practice's review-by date.
    year = scope.association
    assert year is not None
    # The same for every scope of the check, and it reads every record: once per check.
    reader = scope.once("library-reading-year", lambda: _reading_year(scope))
    if reader != (year.association, year.year):
        where = f"в {school_year_title(reader[1])} учебном году" if reader else "не здесь"
        return passed(f"практики проверяются {where}")
    problems = []
    dated = 0
    for record in scope.project.of_kind("practice"):
        practice = record.model
        if not isinstance(practice, Practice) or practice.review_by is None:
            continue
        dated += 1
        if practice.review_due(scope.as_of):
            problems.append(Problem(
                f"практику «{practice.title}» пора перечитать: срок пересмотра "
                f"{ru_date(practice.review_by)} прошёл. Перечитайте её и укажите дату в reviewed "
                "и новый срок в review_by или, если она устарела, выведите её из библиотеки "
                "(retired: date, reason).",
                record.path, ("review_by",), due=practice.review_by,
            ))  # fmt: skip
    figures = f"практик со сроком пересмотра: {dated}, пора перечитать: {len(problems)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


def _reading_year(scope: Scope) -> tuple[str, str] | None:
    """(association, school year) whose check reads the library: the first association's year
    that holds the as-of date, else its latest year before it."""
    associations = sorted(record.place.id for record in scope.project.of_kind("association"))
    if not associations:
        return None
    first = associations[0]
    now = school_year_of(scope.as_of)
    # The years with records, as the check gathered them: not a pass over every record again.
    started = [y.year for y in scope.years if y.association == first and y.year <= now]
    return (first, max(started)) if started else None
