"""`new programme`: the skeleton of a ШНОР school's programme (МПО п. 3.1.3, РОСТ п. 2.1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.authoring.scaffold import Changes, ScaffoldError, Written, load, render, require_id
from generator.loading.project import Project
from generator.russian import school_year_title
from schemas import Organization, Programme, school_year_of
from schemas.enums import ListCategory, OrgKind

_LISTED = (ListCategory.SHNOR, ListCategory.SHSSU)


def new_programme(root: Path, as_of: date, *, school: str | None = None) -> Written:
    """A programme of a school (--school, else the first listed school without one) from the
    as-of school year, its risk factors copied from the school's record."""
    project = load(root)
    year = school_year_of(as_of)
    org_id = _school(project, year, school)
    organization = _organization(project, org_id)
    if not organization.risk_factors:
        raise ScaffoldError(
            f"у школы «{org_id}» не записаны факторы риска. Сначала добавьте их в risk_factors "
            f"файла records/organizations/{org_id}.yaml: программа называет те же факторы."
        )
    start = int(year[:4])
    target = date(start + 1, 5, 31) if as_of < date(start + 1, 5, 31) else date(start + 1, 8, 31)
    text = render(
        "programme.yaml.j2", school=org_id, year=year, next_year=f"{start + 1}-{start + 2}",
        title=f"Антирисковая программа {organization.name_on(as_of).short}",
        risk_factors=organization.risk_factors, as_of=as_of, target_date=target,
    )  # fmt: skip
    record_id = _free_id(project, org_id, year, start)
    changes = Changes(root)
    changes.create(f"records/programmes/{record_id}.yaml", text)
    return changes.finish(f"программа школы «{org_id}», {school_year_title(year)}")


def _free_id(project: Project, org_id: str, year: str, start: int) -> str:
    """The school's id, or `<school>-<first year>` when the school had a programme before."""
    for record in project.of_kind("programme"):
        model = record.model
        if isinstance(model, Programme) and model.organization == org_id and year in model.years:
            raise ScaffoldError(
                f"у школы «{org_id}» уже есть программа на {school_year_title(year)} учебный "
                f"год: {record.path}. Добавьте показатели в неё или укажите другую дату --as-of."
            )
    return org_id if not project.exists("programme", org_id) else f"{org_id}-{start}"


def _school(project: Project, year: str, wanted: str | None) -> str:
    if wanted is not None:
        return require_id(project, "organization", wanted, "школы")
    covered = {
        r.model.organization
        for r in project.of_kind("programme")
        if isinstance(r.model, Programme) and year in r.model.years
    }
    for record in project.of_kind("organization"):
        org = record.model
        category = org.category_in(year) if isinstance(org, Organization) else None
        if category and category.category in _LISTED and record.place.id not in covered:
            return record.place.id
    raise ScaffoldError(
        f"у всех школ из списков ШНОР/ШССУ на {school_year_title(year)} учебный год программа "
        "уже есть. Чтобы создать программу другой школы, укажите её через --school ИДЕНТИФИКАТОР."
    )


def _organization(project: Project, org_id: str) -> Organization:
    found = project.get("organization", org_id)
    if found is None or not isinstance(found.model, Organization):
        raise ScaffoldError(f"запись организации «{org_id}» не читается: исправьте её и повторите.")
    if found.model.kind is not OrgKind.SCHOOL:
        raise ScaffoldError(
            f"«{org_id}» — не школа ({found.model.kind.label}): программа ШНОР пишется для школы."
        )
    return found.model
