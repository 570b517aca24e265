"""The regulations' rules, in the order the domain brief's table lists them.

A rule enters the check by being listed here; a new rule module adds its rules to RULES.
The last, `publication-review`, is the centre's rule for its public site, not a regulation's.
"""

from __future__ import annotations

from generator.checking.rules import (
    association,
    council,
    diagnostics,
    library,
    meetings,
    publication,
)
from generator.checking.rules.base import Rule

RULES: tuple[Rule, ...] = (
    meetings.meetings_per_year,
    meetings.protocol_required,
    meetings.no_future_held,
    association.plan_approved,
    association.analysis_deadline,
    association.analysis_frozen,
    association.leader_elected,
    meetings.decisions_executed,
    association.requests_answered,
    association.directions_covered,
    association.deficit_measures,
    diagnostics.diagnostics_held,
    association.plan_executed,
    council.council_chair,
    council.council_composition,
    council.council_staff,
    council.council_monitoring,
    library.practice_review,
    publication.publication_review,
)
