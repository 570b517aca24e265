"""The register of the council's own consultations (internal site only).

The council «РОСТ» consults managers itself — on questions asked in its community, at its
events, by mail (РОСТ п. 2.2.2–2.2.3, 4.1.2) — apart from any association's school year.
These records name people and their schools' difficulties, so the page is the internal
site's only, as `publication.PUBLICATION["council_consultation"]` says.
"""

from __future__ import annotations

from generator.rendering import focus
from generator.rendering.context import SiteContext
from generator.rendering.publication import kind_shown
from generator.russian import school_year_title
from schemas import CouncilConsultation, school_year_of

PAGE = "council/consultations.md"


def pages(site: SiteContext) -> dict[str, str]:
    if not kind_shown("council_consultation", site.publishing):
        return {}
    consultations = sorted(
        (model for _record, model in site.records("council_consultation", CouncilConsultation)),
        key=lambda c: (c.date, c.topic),
        reverse=True,
    )
    years: dict[str, list[CouncilConsultation]] = {}
    for consultation in consultations:
        years.setdefault(school_year_title(school_year_of(consultation.date)), []).append(
            consultation
        )
    settings = site.project.settings
    page = site.render(
        "council_consultations.md.j2", PAGE, years=list(years.items()),
        count=len(consultations), focus_groups=focus.grouped(consultations, settings),
        focus_label=lambda codes: focus.label(codes, settings),
    )  # fmt: skip
    return {PAGE: page}
