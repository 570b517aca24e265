"""What a rule is: its scope, its verdict, its outcome — the types every rule module uses.

Each rule is a small function made into a `Rule` with its id, clause and severity. It looks
at one scope (an association's school year, or the council's school year) and returns a
Verdict with figures and the records concerned. The statuses say the truth as of the date:

- passed («выполнено»): the requirement is actually met — everything the rule judges is due
  and in order, and nothing of it is still waiting for its term;
- in progress («идёт»): nothing is wrong so far, but the requirement is not met yet because its
  term has not come (a year that runs, a protocol or a decision within its term, a request
  awaiting its answer, a reporting period not over, an analysis not submitted yet);
- at risk («под угрозой», always a warning): not met yet, and its term is near or cannot be
  kept without action;
- failed («нарушено»): not met, its term past — an error or a warning by the rule's severity;
- acknowledged («принято центром»): failed, and the centre accepted every finding of it.

Each rule says in a comment why it can (or cannot) be in progress.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar, cast

from generator.checking.years import Year, collect_years
from generator.loading.diagnostics import Loc
from generator.loading.project import Project
from schemas import Acknowledgement, RuleSettings, Settings, school_year_bounds

T = TypeVar("T")

YEARS = "years"  # the `shared` key of every (association, school year) of the project


class Status(StrEnum):
    PASSED = "passed"
    IN_PROGRESS = "in_progress"
    AT_RISK = "at_risk"
    FAILED = "failed"
    ACKNOWLEDGED = "acknowledged"


STATUS_TITLES = {
    Status.PASSED: "выполнено",
    Status.IN_PROGRESS: "идёт",
    Status.AT_RISK: "под угрозой",
    Status.FAILED: "нарушено",
    Status.ACKNOWLEDGED: "принято центром",
}
STATUS_ICONS = {
    Status.PASSED: "✅",
    Status.IN_PROGRESS: "⏳",
    Status.AT_RISK: "⚠️",
    Status.FAILED: "❌",
    Status.ACKNOWLEDGED: "☑️",
}
WARNING_ICON = "⚠️"


def status_label(status: Status, severity: str) -> str:
    """The status as people read it: «нарушено», «нарушено (предупреждение)», «идёт»…

    A finding of a warning-level rule (failed or at risk) says that it is a warning, the
    way `check` marks its line and counts it among «предупреждений».
    """
    title = STATUS_TITLES[status]
    if status in (Status.FAILED, Status.AT_RISK) and severity == "warning":
        return f"{title} (предупреждение)"
    return title


def status_icon(status: Status, severity: str) -> str:
    """The status's sign on the dashboard and in the pull request's summary."""
    if status is Status.FAILED and severity == "warning":
        return WARNING_ICON
    return STATUS_ICONS[status]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, in one record where there is one."""

    message: str  # Russian: what is wrong and what to do
    path: str | None = None  # the record concerned, root-relative; None: the scope as a whole
    loc: Loc = ()  # the field that matters in that record: ("protocol", "agenda", 0, …)
    # The day by which the thing had to be done (a protocol's last day, a decision's deadline,
    # the end of the year…): an acknowledgement accepts only findings due on or before its own
    # date. None: the rule has no term (an acknowledgement of any date accepts it).
    due: date | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    rule: str
    clause: str
    title: str
    association: str | None  # None for the council
    year: str
    status: Status
    severity: str  # "error" or "warning" when not passed
    figures: str = ""
    problems: tuple[Problem, ...] = ()
    acknowledged_by: str | None = None
    # Problems the centre accepted while others of the same rule still stand: each with the
    # acknowledgement's «date: reason», shown as a notice beside the remaining findings.
    accepted: tuple[tuple[Problem, str], ...] = ()

    @property
    def fails(self) -> bool:
        """Whether this outcome makes `check` fail (without --strict)."""
        return self.status is Status.FAILED and self.severity == "error"

    @property
    def warns(self) -> bool:
        return self.status in (Status.AT_RISK, Status.FAILED) and self.severity == "warning"

    @property
    def label(self) -> str:
        return status_label(self.status, self.severity)

    @property
    def icon(self) -> str:
        return status_icon(self.status, self.severity)


@dataclass
class Scope:
    """What a rule looks at: one association's school year (or the council's) as of a day."""

    project: Project
    settings: RuleSettings
    all_settings: Settings | None
    as_of: date
    year: str
    association: Year | None = None  # None for the council's rules
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    # What the rules know of the whole project as of the day (the library's reading year, the
    # names a public text may not give…): one dict shared by every scope of one `evaluate`, so
    # a rule works it out once per check, not once per scope — and it is gone with the check
    # (a long-lived process such as `mkdocs serve` reloads the project, so no global cache).
    shared: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """The value shared under `key` by the scopes of this check, computed by its first use.

        `compute` may look only at the project and the as-of day, which all these scopes share.
        """
        if key not in self.shared:
            self.shared[key] = compute()
        return cast(T, self.shared[key])

    @property
    def years(self) -> list[Year]:
        """Every (association, school year) of the project: the check's own list (`YEARS`)."""
        return self.once(YEARS, lambda: collect_years(self.project))

    @property
    def bounds(self) -> tuple[date, date]:
        return school_year_bounds(self.year)

    @property
    def over(self) -> bool:
        """Whether the school year has ended by the as-of date."""
        return self.as_of > self.bounds[1]


def association_year(scope: Scope) -> Year:
    """The association's school year a rule of the association looks at."""
    assert scope.association is not None
    return scope.association


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a rule function returns: its status, figures and problems."""

    status: Status
    figures: str = ""
    problems: tuple[Problem, ...] = ()
    severity: str | None = None  # overrides the rule's severity (e.g. a warning while at risk)


RuleCheck = Callable[[Scope], Verdict]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    clause: str
    title: str  # Russian: what must hold
    severity: str  # "error" or "warning"
    applies_to: str  # "association" or "council"
    check: RuleCheck
    advice: str = ""  # Russian: what an editor does about a finding


def rule(
    rule_id: str,
    clause: str,
    title: str,
    severity: str,
    applies_to: str = "association",
    advice: str = "",
) -> Callable[[RuleCheck], Rule]:
    """Make a rule of a check function, with its id, clause, severity and advice to editors.

    A rule takes part in the check by being listed in `generator.checking.rules.RULES`;
    nothing is registered as a side effect of importing a module.
    """

    def make(check: RuleCheck) -> Rule:
        return Rule(rule_id, clause, title, severity, applies_to, check, advice)

    return make


def passed(figures: str = "") -> Verdict:
    """The verdict of a rule that holds, with its figures."""
    return Verdict(Status.PASSED, figures)


def in_progress(figures: str = "") -> Verdict:
    """The verdict of a rule with nothing wrong so far whose term has not come yet."""
    return Verdict(Status.IN_PROGRESS, figures)
