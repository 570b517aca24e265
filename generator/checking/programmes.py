"""Cross-record checks of the ШНОР schools' programmes (МПО п. 3.1.3, РОСТ п. 2.1).

A programme names a school that exists, is a school and is on a list in the programme's
years; addresses risk factors recorded for that school; does not overlap another programme
of the same school; and the consultations and protocols that refer to it fall within its years.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from generator.loading.diagnostics import Diagnostic, Loc
from generator.loading.project import Loaded, Project
from generator.russian import ru_date, school_year_title
from schemas import Consultation, Meeting, Organization, Programme
from schemas.enums import ListCategory, OrgKind

_LISTED = (ListCategory.SHNOR, ListCategory.SHSSU)


def programmes(project: Project) -> Iterator[tuple[Loaded, Programme]]:
    """The valid programme records, in path order."""
    for record in project.of_kind("programme"):
        if isinstance(record.model, Programme):
            yield record, record.model


def check_programmes(project: Project) -> Iterator[Diagnostic]:
    """Each programme against its school, and the programmes of one school among themselves."""
    seen: dict[str, list[tuple[Loaded, Programme]]] = {}
    for record, programme in programmes(project):
        school = project.get("organization", programme.organization)
        if school is not None and isinstance(school.model, Organization):
            yield from _against_school(record, programme, school.model)
        seen.setdefault(programme.organization, []).append((record, programme))
    for same_school in seen.values():
        # The later programme (by its first year) is the one to fix: it repeats a year.
        ordered = sorted(same_school, key=lambda pair: (pair[1].years[0], pair[0].path))
        for index, (record, programme) in enumerate(ordered):
            for earlier, other in ordered[:index]:
                yield from _overlap(record, programme, earlier, other)


def _against_school(
    record: Loaded, programme: Programme, school: Organization
) -> Iterator[Diagnostic]:
    org_path = f"records/organizations/{programme.organization}.yaml"
    if school.kind is not OrgKind.SCHOOL:
        yield record.source.diagnostic(
            ("organization",),
            f"«{programme.organization}» — не школа ({school.kind.label}), а программа "
            f"ШНОР пишется для школы. Укажите идентификатор школы из records/organizations.",
            "programme.not-school",
            label="Школа",
        )
        return
    categories = [school.category_in(year) for year in programme.years]
    known = [c for c in categories if c is not None and c.category is not ListCategory.PENDING]
    if known and len(known) == len(categories) and not any(c.category in _LISTED for c in known):
        years = ", ".join(school_year_title(y) for y in programme.years)
        yield record.source.diagnostic(
            ("years",),
            f"школа в годы программы ({years}) не входит в списки ШНОР/ШССУ — так записано "
            f"в {org_path}. Проверьте учебные годы программы или категории школы.",
            "programme.not-listed",
            label="Учебные годы",
        )
    for index, factor in enumerate(programme.risk_factors):
        if factor not in school.risk_factors:
            yield record.source.diagnostic(
                ("risk_factors", index),
                _unknown_factor(factor, school.risk_factors, org_path),
                "programme.risk-factor",
                label="Факторы риска",
            )


def _unknown_factor(factor: str, known: list[str], org_path: str) -> str:
    close = difflib.get_close_matches(factor, known, n=1, cutoff=0.6)
    guess = f" Возможно, имелось в виду «{close[0]}»." if close else ""
    return (
        f"фактора риска «{factor}» нет среди факторов риска школы.{guess} Напишите его так "
        f"же, как в risk_factors файла {org_path}, или добавьте его туда."
    )


def _overlap(
    record: Loaded, programme: Programme, earlier: Loaded, other: Programme
) -> Iterator[Diagnostic]:
    common = [year for year in programme.years if year in other.years]
    if common:
        yield record.source.diagnostic(
            ("years",),
            f"у школы уже есть программа на {school_year_title(common[0])} учебный год — "
            f"{earlier.path}. У школы одна программа на год: уберите повторяющиеся годы или "
            "объедините программы в одну.",
            "programme.overlap",
            label="Учебные годы",
        )


def check_programme_references(project: Project) -> Iterator[Diagnostic]:
    """A consultation or an agenda item refers to a programme of its own time."""
    for record in project.of_kind("consultation"):
        model = record.model
        if isinstance(model, Consultation) and model.programme:
            yield from _in_period(project, record, ("programme",), model.programme, model.date)
    for record in project.of_kind("meeting"):
        model = record.model
        if not isinstance(model, Meeting) or model.protocol is None:
            continue
        for index, item in enumerate(model.protocol.agenda):
            for n, programme_id in enumerate(item.programmes):
                loc = ("protocol", "agenda", index, "programmes", n)
                yield from _in_period(project, record, loc, programme_id, model.date)


def _in_period(
    project: Project, record: Loaded, loc: Loc, programme_id: str, day: date
) -> Iterator[Diagnostic]:
    found = project.get("programme", programme_id)
    if found is None or not isinstance(found.model, Programme):
        return  # an unknown programme is reported as an unknown reference
    first, last = found.model.period
    if not first <= day <= last:
        yield record.source.diagnostic(
            loc,
            f"программа «{programme_id}» действует с {ru_date(first)} по {ru_date(last)}, "
            f"а запись датирована {ru_date(day)}. Укажите программу того времени или "
            f"добавьте учебный год в years файла {found.path}.",
            "programme.reference-period",
            label="Программа школы",
        )
