"""The internal compliance dashboard: each rule's state per association and school year."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from generator.checking.findings import count
from generator.checking.rules.base import STATUS_ICONS, WARNING_ICON, Outcome, Status
from generator.rendering.context import SiteContext

DASHBOARD = "compliance/index.md"


def status_mark(outcome: Outcome) -> Markup:
    """The status's sign and words in the dashboard's table; findings in bold, an error's
    «НАРУШЕНО» in capitals."""
    label = outcome.label
    if outcome.fails:
        label = label.upper()
    if outcome.status in (Status.FAILED, Status.AT_RISK):
        label = f"**{label}**"  # trusted Markdown: the findings stand out in the table
    return Markup(f"{outcome.icon} {label}")


def year_icon(outcomes: list[Outcome]) -> str:
    """One sign for a scope: its worst finding, else «идёт», else «выполнено»."""
    c = count(outcomes)
    if c.errors:
        return STATUS_ICONS[Status.FAILED]
    if c.warnings:
        return WARNING_ICON
    if c.in_progress:
        return STATUS_ICONS[Status.IN_PROGRESS]
    if c.acknowledged:
        return STATUS_ICONS[Status.ACKNOWLEDGED]
    return STATUS_ICONS[Status.PASSED]


def year_summary(outcomes: list[Outcome]) -> str:
    """A short Russian status of one scope, for the dashboard's list and the home page.

    Findings are counted as the table shows them (each problem once), in the words of
    `check`'s summary; rules as met and in progress.
    """
    c = count(outcomes)
    if not (c.errors or c.warnings or c.acknowledged) and c.passed == c.rules:
        return "все требования выполнены"
    if c.errors or c.warnings or c.acknowledged:
        found = f"нарушений: {c.errors}, предупреждений: {c.warnings}"
        found += f", принято центром: {c.acknowledged}" if c.acknowledged else ""
    else:
        found = "замечаний нет"
    rules = f"из {c.rules} правил выполнено {c.passed}"
    if c.in_progress:
        rules += f", идёт {c.in_progress} (срок ещё не наступил)"
    return f"{found}; {rules}"


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
            mark=status_mark,
            record_page=record_page,
            summary=year_summary,
            icon=year_icon,
        )
    }
