"""Pages of the associations: each association, its years, plans, meetings and protocols."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from markupsafe import Markup

from generator.checking.competences import competence_rows, deficit_state, school_rows
from generator.checking.figures import analysis_shifts
from generator.checking.years import Year, collect_years
from generator.rendering import focus
from generator.rendering.context import DocumentLink, SiteContext
from generator.rendering.labels import plan_mark
from generator.rendering.publication import (
    kind_shown,
    passage_shown,
    plan_shown,
    protocol_shown,
)
from generator.rendering.reference import anchor
from generator.rendering.textsafe import inline
from schemas import (
    Association,
    Meeting,
    PlanItem,
    Protocol,
)  # fmt: skip
from schemas.enums import Direction

CLAUSES = (
    ("МПО п. 4.1", "руководитель избирается из участников; работа строится по запросам руководителей ШНОР и плану муниципальной программы"),
    ("МПО п. 4.2", "руководитель планирует работу, организует работу с профессиональными дефицитами и адресные консультации"),
    ("МПО п. 4.3", "заседания проводятся не реже 4 раз в учебный год"),
    ("МПО п. 4.4", "каждое заседание фиксируется протоколом: вопросы, решения, рекомендации"),
    ("МПО п. 4.5", "план работы утверждается МКУ «ЦНППМ г. Тулы»"),
    ("МПО п. 4.6", "анализ работы за год представляется в центр до 15 июля"),
)  # fmt: skip

MEETING_DOCUMENTS = ("protocol", "extract", "register", "invitation")


def pages(site: SiteContext) -> dict[str, str]:
    associations = {r.place.id: a for r, a in site.records("association", Association)}
    years = collect_years(site.project)
    out: dict[str, str] = {}
    out["associations/index.md"] = site.render(
        "associations.md.j2", "associations/index.md", associations=associations, years=years
    )
    own: dict[str, list[Year]] = {}
    for year in years:
        own.setdefault(year.association, []).append(year)
    for association_id, association in associations.items():
        out.update(
            _association_pages(site, association_id, association, own.get(association_id, []))
        )
    return out


def _association_pages(
    site: SiteContext, association_id: str, association: Association, years: list[Year]
) -> Iterator[tuple[str, str]]:
    base = f"associations/{association_id}"
    current = _current_year(years, site.publishing.as_of)
    yield f"{base}/index.md", site.render(
        "association.md.j2", f"{base}/index.md", association=association,
        association_id=association_id, years=years, current=current, clauses=CLAUSES,
        directions=list(Direction),
    )  # fmt: skip
    for year in years:
        yield from _year_pages(site, year)


def _current_year(years: list[Year], as_of: date) -> Year | None:
    started = [y for y in years if int(y.year[:4]) <= as_of.year - (as_of.month < 9)]
    return started[-1] if started else (years[0] if years else None)


def _documents(
    site: SiteContext, year: Year, kinds: tuple[str, ...], number: str | None = None
) -> list[DocumentLink]:
    """The exported documents of these kinds that the page offers for download."""
    keys = ((year.association, year.year, kind, number) for kind in kinds)
    return [link for key in keys for link in site.downloads.get(key, ())]


def _year_pages(site: SiteContext, year: Year) -> Iterator[tuple[str, str]]:
    publishing = site.publishing
    plan = year.plan if year.plan is not None and plan_shown(year.plan, publishing) else None
    meetings = [
        (record.place.id, meeting, protocol_shown(meeting, publishing))
        for record, meeting in year.meetings
    ]
    page = f"{year.folder}/index.md"
    rows = competence_rows(year)
    yield page, site.render(
        "year.md.j2", page, year=year, plan=plan, meetings=meetings,
        day=min(year.bounds[1], publishing.as_of),
        show_requests=kind_shown("request", publishing),
        show_analysis=kind_shown("analysis", publishing) and year.analysis is not None,
        documents=_documents(site, year, ("plan", "control")),
        plan_mark=lambda item, refs: _plan_mark(item, refs, year.association),
        diagnostics=rows, diagnostic_schools=school_rows(rows),
    )  # fmt: skip
    for number, meeting, protocol in meetings:
        yield from _meeting_page(site, year, number, meeting, protocol)
    if year.deficits:
        page = f"{year.folder}/deficits.md"
        states = {record.place.id: deficit_state(year, d) for record, d in year.deficits}
        yield page, site.render("deficits.md.j2", page, year=year, states=states)
    if kind_shown("request", publishing):
        page = f"{year.folder}/consultations.md"
        yield (
            page,
            site.render(
                "consultations.md.j2",
                page,
                year=year,
                documents=_documents(site, year, ("journal",)),
                anchor=anchor,
                focus_label=lambda codes: focus.label(codes, site.project.settings),
                focus_groups=focus.grouped(
                    (c for _r, c in year.consultations), site.project.settings
                ),
            ),
        )
    if kind_shown("analysis", publishing) and year.analysis is not None:
        page = f"{year.folder}/analysis.md"
        yield page, site.render(
            "analysis.md.j2", page, year=year, analysis=year.analysis,
            documents=_documents(site, year, ("analysis",)),
            **analysis_shifts(year, year.analysis, publishing.as_of),
        )  # fmt: skip


def _plan_mark(item: PlanItem, refs: Callable[[str, str], Markup], association: str) -> Markup:
    """What became of a plan item, with what carried it out named and linked (`refs`)."""
    return plan_mark(
        item, lambda ids: Markup("; ").join(refs(ref, association) for ref in ids), inline
    )


def _meeting_page(
    site: SiteContext, year: Year, number: str, meeting: Meeting, protocol: Protocol | None
) -> Iterator[tuple[str, str]]:
    page = f"{year.folder}/meetings/{number}.md"
    publishing = site.publishing
    yield page, site.render(
        "meeting.md.j2", page, year=year, number=int(number), meeting=meeting,
        protocol=protocol, files_linked=publishing.internal,
        documents=_documents(site, year, MEETING_DOCUMENTS, number),
        shown=lambda passages: [p for p in passages if passage_shown(p, publishing)],
    )  # fmt: skip
