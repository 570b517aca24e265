"""Pages of the associations: each association, its years, plans, meetings and protocols."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.checking.years import Year, collect_years
from generator.rendering.context import DocumentLink, SiteContext
from generator.rendering.publication import (
    kind_shown,
    passage_shown,
    plan_shown,
    protocol_shown,
)
from generator.rendering.reference import anchor
from schemas import (
    Association,
    Meeting,
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
    yield page, site.render(
        "year.md.j2", page, year=year, plan=plan, meetings=meetings,
        day=min(year.bounds[1], publishing.as_of),
        show_requests=kind_shown("request", publishing),
        show_analysis=kind_shown("analysis", publishing) and year.analysis is not None,
        documents=_documents(site, year, ("plan", "control")),
    )  # fmt: skip
    for number, meeting, protocol in meetings:
        yield from _meeting_page(site, year, number, meeting, protocol)
    if year.deficits:
        page = f"{year.folder}/deficits.md"
        yield page, site.render("deficits.md.j2", page, year=year)
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
            ),
        )
    if kind_shown("analysis", publishing) and year.analysis is not None:
        page = f"{year.folder}/analysis.md"
        yield page, site.render(
            "analysis.md.j2", page, year=year, analysis=year.analysis,
            documents=_documents(site, year, ("analysis",)),
        )  # fmt: skip


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
