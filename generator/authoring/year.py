"""`new year`: start the school year after the latest one, carrying the open work over.

What is written in `records/associations/<id>/<new year>/`:

- `membership.yaml` — the latest year's membership to edit, the leader's election pointing to
  decision 1.1 of the new opening meeting `<new year>/01`;
- `meetings/01.yaml` — the planned opening meeting in late August with a draft protocol:
  elections (decisions 1.1 and 1.2), the draft plan, the school pairs;
- `plan.yaml` — a valid skeleton without `approval` (not approved yet);
- the open work, each linked to where it came from:
  - requests not answered (`received`, `in_work`) are moved into `requests/` under the same
    id: the file leaves the old year (one record, one requests-answered warning, in the year
    that still has to answer it), keeps its `received` date and gains a `note` starting
    «Перенесён из <year>/requests/<id>». A request a consultation of the old year refers to
    stays where it is (it was answered; its status only lags), and the report says so;
  - deficits `identified` or `in_work` are copied into `deficits/` under the same id (the id
    is the link, as in the sample records), headed by the comment «Продолжение дефицита
    <year>/<id>»; the deficit has no note field, and a measure would falsely count as work done;
  - decisions whose latest status is in progress, overdue or unmarked become `follow_up`
    entries of the opening meeting's draft protocol (`meeting: <year>/NN`, `decision: "2.1"`):
    the protocol's own place for checking earlier decisions, and validation checks that each
    such decision exists. The plan's tasks name them too, so the year's work includes them.

The year is started once the latest one is over: while that year still has meetings ahead
(planned on or after the as-of date), what they decide could not be carried over, so the
command refuses unless `force` is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from generator.authoring.meeting import AgendaDraft, DecisionDraft, follow_up_status, open_decisions
from generator.authoring.scaffold import (
    Changes,
    ScaffoldError,
    Written,
    YearScope,
    load,
    person,
    pick_association,
    render,
    rules_of,
    year_folders,
)
from generator.checking.competences import deficit_state
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.loading.project import Project
from generator.russian import ru_date, school_year_title
from schemas import (
    ConsultationRequest,
    Organization,
    Participant,
    SchoolPair,
    school_year_bounds,
)
from schemas.enums import AnalysisStatus, DeficitStatus, ListCategory, MeetingStatus, RequestStatus

_OPEN_REQUESTS = (RequestStatus.RECEIVED, RequestStatus.IN_WORK)
_OPEN_DEFICITS = (DeficitStatus.IDENTIFIED, DeficitStatus.IN_WORK)
_LISTED = (ListCategory.SHNOR, ListCategory.SHSSU)


@dataclass
class Line:
    """A list entry of the membership with a comment naming who or what it is."""

    entry: Participant | SchoolPair
    comment: str


def new_year(
    root: Path, as_of: date, *, association: str | None = None, force: bool = False
) -> Written:
    project = load(root)
    chosen = pick_association(root, association)
    known = year_folders(root, chosen)
    if not known:
        raise ScaffoldError(
            f"у объединения {chosen} нет ни одного учебного года: первый год создайте по "
            "руководству (docs/guide/records.md), следующие — этой командой."
        )
    latest = known[-1]
    start = int(latest[:4]) + 1
    begins = rules_of(project).opening_window_from.in_year(start - 1)
    if as_of < begins:
        raise ScaffoldError(
            f"последний учебный год в записях — {school_year_title(latest)}, и на {ru_date(as_of)} он "
            f"ещё не начался (папка records/associations/{chosen}/{latest} уже есть). Следующий "
            "год начинают, когда этот подходит к концу; проверьте дату --as-of."
        )
    year = f"{start}-{start + 1}"
    folder = f"records/associations/{chosen}/{year}"
    if (root / folder).exists():
        raise ScaffoldError(
            f"папка {folder} уже есть: учебный год {school_year_title(year)} начат."
        )
    records = next(
        (y for y in collect_years(project) if (y.association, y.year) == (chosen, latest)),
        Year(chosen, latest),
    )
    ahead = _meetings_ahead(records, as_of)
    if ahead and not force:
        raise ScaffoldError(
            f"в {school_year_title(latest)} учебном году ещё не прошли заседания: "
            f"{'; '.join(ahead)}. Новый год начинают после последнего заседания: незавершённое "
            f"переносится по записям на {ru_date(as_of)}, и решения этих заседаний в новый год "
            "не попадут. Проведите их (status: held и протокол), перенесите или отмените — или "
            "начните год сейчас, добавив --force."
        )
    _require_valid(root, f"records/associations/{chosen}/{latest}")
    old = YearScope(project, chosen, latest, as_of, records)
    membership = old.membership
    if membership is None:
        raise ScaffoldError(f"в {old.folder} нет состава (membership.yaml): нечего переносить.")
    first_day = school_year_bounds(year)[0]
    opening = _opening_day(old, start)
    previous = records.meetings[0][1] if records.meetings else None
    leader = old.require(old.leader, "руководителя")
    chair = old.curator or leader
    secretary = old.require(old.secretary, "секретаря")

    states = {r.place.id: deficit_state(records, d) for r, d in records.deficits}
    deficits = [
        (r.place.id, d) for r, d in records.deficits if states[r.place.id].status in _OPEN_DEFICITS
    ]
    carried_deficits = {record_id for record_id, _d in deficits}
    consulted = {c.request for _r, c in records.consultations if c.request}
    open_requests = [(r, q) for r, q in records.requests if q.status in _OPEN_REQUESTS]
    requests = [(r.place.id, q) for r, q in open_requests if r.place.id not in consulted]
    lagging = [r.path for r, _q in open_requests if r.place.id in consulted]
    decisions = open_decisions(project, chosen, first_day, {latest})

    changes = Changes(root)
    changes.create(
        f"{folder}/membership.yaml",
        render(
            "membership.yaml.j2",
            year=year,
            latest=latest,
            participants=[
                _participant(project, p, first_day)
                for p in membership.participants
                if p.left is None  # who left the association is not carried into the next year
            ],
            pairs=[_pair(project, p, year, first_day) for p in membership.pairs],
            leader=leader,
            leader_name=_name(project, leader),
            secretary=secretary,
        ),
    )
    centre = _centre(project, opening)
    agenda = _opening_agenda(project, year, opening, chair, leader, secretary, centre)
    changes.create(
        f"{folder}/meetings/01.yaml",
        render(
            "opening.yaml.j2",
            association=old.title,
            year=year,
            date=opening,
            time=previous.time if previous and previous.time else "14:00",
            place=previous.place if previous else None,
            format=previous.format.value if previous and previous.format else "in_person",
            chair=chair,
            secretary=secretary,
            present=list(dict.fromkeys((chair, leader, secretary))),
            agenda=agenda,
            deadline=opening + timedelta(days=30),
            follow_up=[(d, follow_up_status(d, opening)) for d in decisions],
        ),
    )
    plan = records.plan
    changes.create(
        f"{folder}/plan.yaml",
        render(
            "plan.yaml.j2",
            year=year,
            latest=latest,
            deficits=deficits,
            requests=len(requests),
            decisions=decisions,
            measures=plan.programme_measures if plan else [],
            opening=opening,
            responsible=chair,
        ),
    )
    for record_id, request in requests:
        changes.create(
            f"{folder}/requests/{record_id}.yaml",
            _carried_request(record_id, request, latest, carried_deficits),
        )
        changes.remove(f"{old.folder}/requests/{record_id}.yaml")
    for record_id, deficit in deficits:
        changes.create(
            f"{folder}/deficits/{record_id}.yaml",
            render(
                "deficit.yaml.j2",
                deficit=deficit,
                state=states[record_id],
                origin=f"{latest}/{record_id}",
            ),
        )
    notes = [
        f"Перенесено из {school_year_title(latest)} учебного года: запросов без ответа — "
        f"{len(requests)}, дефицитов в работе — {len(deficits)}, неисполненных решений — "
        f"{len(decisions)} (в протоколе заседания {year}/01, раздел follow_up).",
        "План не утверждён (approval нет): после утверждения центром добавьте гриф approval.",
    ]
    if requests:
        notes.append(
            f"Запросы без ответа перемещены (в {old.folder}/requests их больше нет, в примечании "
            "note — откуда они): " + ", ".join(record_id for record_id, _q in requests) + "."
        )
    notes += [
        f"Запрос {path} не перенесён: на него есть консультация этого года — поставьте в нём "
        "status: answered."
        for path in lagging
    ]
    notes += _analysis_notes(records, len(requests))
    if ahead:
        notes.append(
            f"Год начат с --force до конца {school_year_title(latest)} учебного года. Заседания "
            f"впереди: {'; '.join(ahead)}. Их невыполненные решения добавьте в контроль "
            f"исполнения (follow_up) протокола заседания {year}/01."
        )
    return changes.finish(f"{school_year_title(year)} учебный год объединения {chosen}", notes)


def _meetings_ahead(records: Year, as_of: date) -> list[str]:
    """«№ 05 — 20.05.2027 (запланировано)» for each meeting of the year not yet behind."""
    ahead = []
    for record, meeting in records.meetings:
        day = meeting.new_date or meeting.date
        waiting = meeting.status in (MeetingStatus.PLANNED, MeetingStatus.POSTPONED)
        unrecorded = meeting.status is MeetingStatus.HELD and meeting.protocol is None
        if day >= as_of and (waiting or unrecorded):
            if meeting.new_date is not None:
                status = f"перенесено с {ru_date(meeting.date)}"
            else:
                status = meeting.status.label + (", протокола нет" if unrecorded else "")
            ahead.append(f"№ {record.place.id} — {ru_date(day)} ({status})")
    return ahead


def _analysis_notes(records: Year, moved: int) -> list[str]:
    """A submitted analysis counted the moved requests: its figures now differ."""
    analysis = records.analysis
    if not moved or analysis is None or analysis.status is not AnalysisStatus.SUBMITTED:
        return []
    if analysis.figures is None or analysis.figures_note:
        return []
    return [
        f"Анализ {school_year_title(records.year)} учебного года уже представлен: в нём запросов "
        f"{analysis.figures.requests}, а в папке года их теперь {len(records.requests) - moved}. "
        f"Объясните расхождение в figures_note ({records.records_folder}/analysis.md), "
        f"например: «Запросы без ответа ({moved}) перенесены в следующий учебный год»."
    ]


def _require_valid(root: Path, folder: str) -> None:
    result = validate(root, folder)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        details = "\n".join(d.format_text() for d in errors[:20])
        raise ScaffoldError(
            "в записях прошлого года есть ошибки: перенести незавершённую работу нельзя, пока "
            f"они не исправлены.\n{details}"
        )


def _opening_day(old: YearScope, start: int) -> date:
    """The last Thursday of August, but not before the opening window of the settings."""
    day = date(start, 8, 31)
    while day.weekday() != 3:
        day -= timedelta(days=1)
    return max(day, rules_of(old.project).opening_window_from.in_year(start))


def _name(project: Project, person_id: str) -> str:
    who = person(project, person_id)
    return who.short_name() if who else person_id


def _org_name(project: Project, org_id: str, on: date) -> str:
    found = project.get("organization", org_id)
    if found is None or not isinstance(found.model, Organization):
        return org_id
    return found.model.name_on(on).short


def _participant(project: Project, participant: Participant, on: date) -> Line:
    who = person(project, participant.person)
    position = who.position_on(on) if who else None
    if who is None or position is None:
        comment = f"← проверьте: по записям на {ru_date(on)} у человека нет должности"
        return Line(participant, f"{_name(project, participant.person)} {comment}")
    where = _org_name(project, position.organization, on)
    return Line(participant, f"{who.short_name()}, {position.title}, {where}")


def _pair(project: Project, pair: SchoolPair, year: str, on: date) -> Line:
    comment = f"{_org_name(project, pair.shnor, on)} — {_org_name(project, pair.partner, on)}"
    found = project.get("organization", pair.shnor)
    category = (
        found.model.category_in(year) if found and isinstance(found.model, Organization) else None
    )
    if category is not None and category.category not in _LISTED:
        comment += f" ← по записям школа на {school_year_title(year)}: {category.category.label}"
    return Line(pair, comment)


def _centre(project: Project, on: date) -> str:
    settings = project.settings
    return _org_name(project, settings.centre, on) if settings else "центр"


def _opening_agenda(
    project: Project,
    year: str,
    day: date,
    chair: str,
    leader: str,
    secretary: str,
    centre: str,
) -> list[AgendaDraft]:
    title = school_year_title(year)
    group = "участники объединения"
    return [
        AgendaDraft(
            question=f"О выборах руководителя и секретаря межшкольного профессионального "
            f"объединения на {title} учебный год",
            hint=None,
            speaker=chair,
            summary="Впишите, кого предложили и почему",
            direction="methodical",
            decisions=[
                DecisionDraft(
                    f"Избрать руководителем объединения — {_name(project, leader)}",
                    day,
                    group=group,
                    hint="кого избрали руководителем (он же — leader в membership.yaml)",
                ),
                DecisionDraft(
                    f"Избрать секретарём объединения — {_name(project, secretary)}",
                    day,
                    group=group,
                    hint="кого избрали секретарём",
                ),
            ],
        ),
        AgendaDraft(
            question=f"О проекте плана работы на {title} учебный год и итогах анкетирования "
            "запросов",
            hint=None,
            speaker=leader,
            summary="Впишите итоги анкетирования и главное в проекте плана",
            direction="analytical",
            decisions=[
                DecisionDraft(
                    f"Одобрить проект плана работы и направить его на утверждение в {centre}.",
                    day + timedelta(days=10),
                    leader,
                )
            ],
        ),
        AgendaDraft(
            question=f"О составе пар «ШНОР — школа-партнёр» на {title} учебный год",
            hint=None,
            speaker=leader,
            summary="Впишите, какие пары предложены",
            direction="methodical",
        ),
    ]


def _carried_request(
    record_id: str, request: ConsultationRequest, latest: str, deficits: set[str]
) -> str:
    origin = f"{latest}/requests/{record_id}"
    note = f"Перенесён из {origin}."
    if request.note:
        note += f" Прежняя отметка: {request.note}"
    deficit = request.deficit if request.deficit in deficits else None
    dropped = request.deficit if request.deficit and deficit is None else None
    return render(
        "request.yaml.j2",
        request=request,
        deficit=deficit,
        dropped_deficit=dropped,
        note=note,
        origin=origin,
        latest=latest,
        header=None,
    )
