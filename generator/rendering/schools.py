"""School cards — the internal site only: one page per school that has ever been on a
ШНОР/ШССУ list, been a partner in a pair or had a programme. What the centre reports to the
education department: the list category by year, the programme and its indicators, the
pairs, requests and consultations, the deficits of its managers, the meetings and events its
people attended. Schools' difficulties never reach the public site, so it has no cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from generator.checking.competences import deficit_state
from generator.checking.years import Year, collect_years
from generator.loading.project import Project
from generator.rendering import focus
from generator.rendering.context import SiteContext, event_page
from generator.rendering.indicator_chart import IndicatorChart, chart, progress, value_text
from generator.rendering.reference import natural_key
from schemas import (
    CompetenceDiagnostic,
    Consultation,
    ConsultationRequest,
    CouncilEvent,
    Deficit,
    Indicator,
    IndicatorValue,
    Meeting,
    Membership,
    Organization,
    Person,
    Programme,
    school_year_of,
)  # fmt: skip
from schemas.enums import DeficitStatus, ListCategory, OrgKind

SCHOOLS_INDEX = "schools/index.md"
_LISTED = (ListCategory.SHNOR, ListCategory.SHSSU)


def card_page(org_id: str) -> str:
    """Site path of a school's card."""
    return f"schools/{org_id}.md"


def card_schools(project: Project) -> dict[str, Organization]:
    """The schools that have a card: ever on a list, in a pair or with a programme (whatever
    a pair or a programme names gets a card, so that links to it never break)."""
    schools = {
        r.place.id: r.model
        for r in project.of_kind("organization")
        if isinstance(r.model, Organization)
    }
    ids = {
        i
        for i, org in schools.items()
        if org.kind is OrgKind.SCHOOL and any(c.category in _LISTED for c in org.categories)
    }
    for record in project.of_kind("membership"):
        if isinstance(record.model, Membership):
            ids.update(o for pair in record.model.pairs for o in (pair.shnor, pair.partner))
    for record in project.of_kind("programme"):
        if isinstance(record.model, Programme):
            ids.add(record.model.organization)
    return {i: schools[i] for i in ids if i in schools}


def works_at(person: Person | None, org_id: str, day: date) -> bool:
    """Whether a person held a post at the organization on a day."""
    return person is not None and any(
        p.organization == org_id and p.held_on(day) for p in person.positions
    )


def person_cards(site: SiteContext) -> Callable[[str], str | None]:
    """Person id → the card of the school where they work on the site's date, if it has one
    (the internal site only: the public one has no cards)."""
    cards = card_schools(site.project) if site.publishing.internal else {}

    def card(person_id: str) -> str | None:
        person = site.people.get(person_id)
        position = person.position_on(site.publishing.as_of) if person else None
        return (
            card_page(position.organization)
            if position and position.organization in cards
            else None
        )

    return card


# --- what a card shows -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorView:
    indicator: Indicator
    measured: list[IndicatorValue]  # up to the site's date
    chart: IndicatorChart
    progress: str


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    id: str
    programme: Programme
    indicators: list[IndicatorView]


@dataclass(frozen=True, slots=True)
class Attended:
    """A meeting or an event, with the school's people who were there."""

    day: date
    title: str
    page: str
    people: list[str]
    what: str


@dataclass(frozen=True, slots=True)
class Diagnosed:
    """A competence diagnostic the school's managers took: how many, who, and how many of
    them stayed below the threshold in each competence (where the record says it per school)."""

    year: Year
    diagnostic: CompetenceDiagnostic
    took: int
    people: list[str]
    below: list[tuple[str, int]]  # competence title, managers of the school below


@dataclass
class Card:
    id: str
    organization: Organization
    people: list[str] = field(default_factory=list)  # on the site's date
    pairs: list[tuple[Year, str, str]] = field(default_factory=list)  # year, role, other school
    programmes: list[ProgrammeView] = field(default_factory=list)
    requests: list[tuple[Year, str, ConsultationRequest]] = field(default_factory=list)
    consultations: list[tuple[Year, Consultation]] = field(default_factory=list)
    deficits: list[tuple[Year, Deficit, DeficitStatus]] = field(default_factory=list)
    diagnostics: list[Diagnosed] = field(default_factory=list)
    attended: list[Attended] = field(default_factory=list)

    @property
    def listed(self) -> bool:
        """Whether the school has ever been on a ШНОР/ШССУ list."""
        return any(c.category in _LISTED for c in self.organization.categories)


def pages(site: SiteContext) -> dict[str, str]:
    """The index of school cards and a card per school — on the internal site only."""
    if not site.publishing.internal:
        return {}
    cards = card_schools(site.project)
    order = sorted(cards, key=lambda i: natural_key(site.org(i)))
    years = collect_years(site.project)
    out = {
        SCHOOLS_INDEX: site.render(
            "schools.md.j2",
            SCHOOLS_INDEX,
            schools=[(i, cards[i]) for i in order],
            card_page=card_page,
            as_of_year=school_year_of(site.publishing.as_of),
        )
    }
    settings = site.project.settings
    for org_id in order:
        card = _card(site, org_id, cards[org_id], years)
        page = card_page(org_id)
        out[page] = site.render(
            "school.md.j2",
            page,
            card=card,
            card_page=card_page,
            cards=cards,
            value=value_text,
            focus_label=lambda codes: focus.label(codes, settings),
            focus_groups=focus.grouped((c for _y, c in card.consultations), settings),
        )
    return out


def _card(site: SiteContext, org_id: str, school: Organization, years: list[Year]) -> Card:
    card = Card(org_id, school)
    as_of = site.publishing.as_of
    card.people = sorted(
        site.person(i) for i, p in site.people.items() if works_at(p, org_id, as_of)
    )
    card.programmes = list(_programmes(site, org_id))
    for year in years:
        _year(site, card, year)
    card.attended.extend(_events(site, org_id))
    card.attended.sort(key=lambda a: (a.day, a.title))
    return card


def _programmes(site: SiteContext, org_id: str) -> Iterator[ProgrammeView]:
    found = [
        (r.place.id, m) for r, m in site.records("programme", Programme) if m.organization == org_id
    ]
    for programme_id, programme in sorted(found, key=lambda p: p[1].years[0]):
        views = []
        for index, indicator in enumerate(programme.indicators, start=1):
            measured = [m for m in indicator.measured if m.date <= site.publishing.as_of]
            views.append(
                IndicatorView(
                    indicator,
                    measured,
                    chart(f"{programme_id}-{index}", indicator, measured),
                    progress(indicator, measured),
                )
            )
        yield ProgrammeView(programme_id, programme, views)


def _year(site: SiteContext, card: Card, year: Year) -> None:
    """What one association's school year holds about the school."""
    org_id = card.id
    if year.membership is not None:
        for pair in year.membership.pairs:
            if pair.shnor == org_id:
                card.pairs.append((year, "ШНОР (ШССУ)", pair.partner))
            elif pair.partner == org_id:
                card.pairs.append((year, "школа-партнёр", pair.shnor))
    own_requests = set()
    for record, request in year.requests:
        if request.organization == org_id:
            card.requests.append((year, record.place.id, request))
            own_requests.add(record.place.id)
    programmes = {p.id for p in card.programmes}
    for _record, consultation in year.consultations:
        if (
            consultation.request in own_requests
            or consultation.programme in programmes
            or any(works_at(site.people.get(p), org_id, consultation.date)
                   for p in consultation.recipients)
        ):  # fmt: skip
            card.consultations.append((year, consultation))
    card.deficits.extend(
        (year, d, deficit_state(year, d).status)
        for _r, d in year.deficits
        if org_id in d.organizations
    )
    for _record, diagnostic in year.diagnostics:
        diagnosed = _diagnosed(site, org_id, year, diagnostic)
        if diagnosed is not None:
            card.diagnostics.append(diagnosed)
    for record, meeting in year.meetings:
        attended = _meeting(site, card, year, record.place.id, meeting, programmes)
        if attended is not None:
            card.attended.append(attended)


def _diagnosed(
    site: SiteContext, org_id: str, year: Year, diagnostic: CompetenceDiagnostic
) -> Diagnosed | None:
    day = diagnostic.date
    people = [p for p in diagnostic.participants if works_at(site.people.get(p), org_id, day)]
    counted = [s.participants for s in diagnostic.organizations if s.organization == org_id]
    took = len(people) or sum(counted)
    if not took:
        return None
    below = []
    for result in diagnostic.results:
        at_school = [s.below for s in result.by_organization if s.organization == org_id]
        complete = (
            result.below is not None
            and sum(s.below for s in result.by_organization) == result.below
        )
        if at_school or (result.by_organization and complete):
            below.append((result.title, sum(at_school)))
    labels = [site.person(p, day) for p in people]
    return Diagnosed(year, diagnostic, took, labels, below)


def _meeting(
    site: SiteContext, card: Card, year: Year, number: str, meeting: Meeting, programmes: set[str]
) -> Attended | None:
    protocol = meeting.protocol
    if protocol is None:
        return None
    present = [p for p in protocol.present if works_at(site.people.get(p), card.id, meeting.date)]
    discussed = [
        item.question for item in protocol.agenda if programmes.intersection(item.programmes)
    ]
    if not present and not discussed:
        return None
    what = f"заседание № {int(number)}"
    if discussed:
        what += "; о программе школы: " + "; ".join(discussed)
    return Attended(
        meeting.date, meeting.topic, f"{year.folder}/meetings/{number}.md",
        [site.person(p, meeting.date) for p in present], what,
    )  # fmt: skip


def _events(site: SiteContext, org_id: str) -> Iterator[Attended]:
    for record, event in site.records("event", CouncilEvent):
        people = [p for p in event.participants if works_at(site.people.get(p), org_id, event.date)]
        if people:
            yield Attended(
                event.date, event.title, event_page(record.place.id),
                [site.person(p, event.date) for p in people], event.kind.label,
            )  # fmt: skip
