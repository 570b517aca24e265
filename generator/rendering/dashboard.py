"""The internal compliance dashboard: each rule's state per association and school year."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from generator.checking.rules.base import STATUS_TITLES, Outcome, Status
from generator.rendering.context import SiteContext

DASHBOARD = "compliance/index.md"
STATUS_MARKS = {  # trusted Markdown: emphasis makes the failures stand out in the table
    Status.PASSED: Markup("выполнено"),
    Status.AT_RISK: Markup("**под угрозой**"),
    Status.FAILED: Markup("**НАРУШЕНО**"),
    Status.ACKNOWLEDGED: Markup("принято центром"),
}


def year_summary(outcomes: list[Outcome]) -> str:
    """A short Russian status of one scope, for the home page."""
    failed = sum(1 for o in outcomes if o.status is Status.FAILED and o.severity == "error")
    warned = sum(1 for o in outcomes if o.warns or o.status is Status.AT_RISK)
    acknowledged = sum(1 for o in outcomes if o.status is Status.ACKNOWLEDGED)
    if not failed and not warned:
        text = "все требования выполнены"
    else:
        text = f"нарушений: {failed}, требуют внимания: {warned}"
    return text + (f", принято центром: {acknowledged}" if acknowledged else "")


def scopes(site: SiteContext) -> list[tuple[str, str, list[Outcome]]]:
    """(title, anchor, outcomes) for every association's and the council's school years."""
    grouped: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in site.outcomes:
        grouped[(outcome.association or "", outcome.year)].append(outcome)
    result = []
    for (association, year), outcomes in sorted(
        grouped.items(), key=lambda kv: (kv[0][0] == "", kv[0])
    ):
        record = site.project.get("association", association) if association else None
        name = getattr(record.model, "short_name", association) if record else "совет «РОСТ»"
        title = f"{name}, {year.replace('-', '/')} учебный год"
        result.append((title, f"{association or 'council'}-{year}", outcomes))
    return result


def record_page(path: str | None) -> str | None:
    """The site page that shows a record, for links from the dashboard."""
    if not path or not path.startswith("records/associations/"):
        return "council/index.md" if path and path.startswith("records/council/") else None
    parts = path.removeprefix("records/").split("/")
    folder = "/".join(parts[:3])
    if len(parts) == 5 and parts[3] == "meetings":
        return f"{folder}/meetings/{parts[4].removesuffix('.yaml')}.md"
    if len(parts) == 5 and parts[3] in ("requests", "consultations"):
        return f"{folder}/consultations.md"
    if len(parts) == 5 and parts[3] == "deficits":
        return f"{folder}/deficits.md"
    if parts[-1] == "analysis.md":
        return f"{folder}/analysis.md"
    return f"{folder}/index.md"


def pages(site: SiteContext) -> dict[str, str]:
    if not site.publishing.internal:
        return {}
    return {
        DASHBOARD: site.render(
            "compliance.md.j2",
            DASHBOARD,
            scopes=scopes(site),
            marks=STATUS_MARKS,
            titles=STATUS_TITLES,
            record_page=record_page,
            summary=year_summary,
        )
    }
