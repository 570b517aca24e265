"""An association year's plan, membership and analysis, and an acknowledged short year."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from generator.russian import ru_date
from synth import pools
from synth.spec import CENTRE, CENTRE_SHORT, Node, chance
from synth.yamltext import dump, front_matter
from synth.year import MeetingData, YearData


def add_plan(year: YearData) -> None:
    rng = year.rng
    items = [_meeting_item(year, meeting) for meeting in year.meetings]
    covered = {item["direction"] for item in items}
    extras = list(pools.PLAN_EXTRA)
    rng.shuffle(extras)
    extras.sort(key=lambda extra: extra[1] in covered)  # uncovered directions first
    for form, direction, topic in extras[: rng.randint(3, 5)]:
        items.append(_extra_item(year, form, direction, topic))
    items.sort(key=lambda item: (item["month"], str(item.get("date") or "")))
    year.plan_items = items
    approval_day = date(year.start, 9, rng.randint(3, 25))
    if chance(rng, 0.02):
        approval_day = date(year.start, 10, rng.randint(5, 20))  # late: `check` fails it
    amendments = []
    if chance(rng, 0.3):
        amended = date(year.start + 1, 1, rng.randint(12, 25))
        if amended <= year.as_of:
            amendments.append(
                {
                    "date": amended,
                    "description": rng.choice(pools.AMENDMENTS),
                    "approval": _approval(year, amended + timedelta(days=3)),
                }
            )
    record: Node = {
        "goal": rng.choice(pools.PLAN_GOALS),
        "tasks": rng.sample(pools.PLAN_TASKS, rng.randint(3, 5)),
        "programme_measures": list(pools.PROGRAMME_MEASURES),
        "survey": f"Анкетирование профессиональных запросов руководителей ШНОР проведено в начале сентября {year.start} г.; его итоги учтены в темах заседаний.",
        "approval": _approval(year, approval_day) if approval_day <= year.as_of else None,
        "amendments": amendments,
        "items": items,
    }
    year.add("plan.yaml", dump(record, "План работы на учебный год (МПО п. 4.5)."))


def _approval(year: YearData, day: date) -> Node:
    director = year.region.staff.director
    return {
        "position": f"Директор {CENTRE_SHORT}",
        "name": director.short(),
        "person": director.id,
        "date": day,
        "document": f"приказ {CENTRE_SHORT} от {ru_date(day)} № {year.rng.randint(20, 180)}-о",
    }


def _meeting_item(year: YearData, meeting: MeetingData) -> Node:
    rng = year.rng
    done_by: list[str] = []
    if meeting.status == "held":
        done_by = [year.ref(meeting)]
    elif meeting.status == "cancelled":
        later = [m for m in year.held() if m.day > meeting.day]
        done_by = [year.ref(later[0])] if later else []
    responsible = [year.leader] + ([year.town.curator.id] if chance(rng, 0.5) else [])
    return {
        "month": f"{meeting.day:%Y-%m}",
        "date": meeting.day if chance(rng, 0.7) else None,
        "topic": f"Заседание «{meeting.topic}»",
        "direction": meeting.directions[0],
        "form": "meeting",
        "responsible": responsible,
        "expected_result": rng.choice(pools.EXPECTED_RESULTS),
        "done_by": done_by,
    }


def _extra_item(year: YearData, form: str, direction: str, topic: str) -> Node:
    region = year.region
    rng = year.rng
    offset = rng.randrange(9)
    month = (8 + offset) % 12 + 1
    calendar_year = year.start if month >= 9 else year.start + 1
    month_end = date(calendar_year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    done_by: list[str] = []
    if month_end < year.as_of and not chance(rng, 0.02):
        events = region.events_in(f"{calendar_year}-{month:02d}")
        held = [m for m in year.held() if m.day >= date(calendar_year, month, 1)] or year.held()
        if events and form in ("webinar", "conference", "seminar", "master_class"):
            done_by = [rng.choice(events).id]
        elif held:
            done_by = [year.ref(held[0])]
    return {
        "month": f"{calendar_year}-{month:02d}",
        "topic": topic,
        "direction": direction,
        "form": form,
        "responsible": [rng.choice((year.leader, year.town.curator.id))],
        "expected_result": rng.choice(pools.EXPECTED_RESULTS),
        "done_by": done_by,
    }


def add_membership(year: YearData) -> None:
    leader = year.leader
    participants = [{"person": p, "role": role} for p, role in year.participants]
    elected = next((m for m in year.meetings if m.number == 1 and m.status == "held"), None)
    record: Node = {
        "participants": participants,
        "pairs": [{"shnor": low.id, "partner": partner.id} for low, partner in year.pairs],
        "leader": {"person": leader, "meeting": f"{year.year}/01", "decision": "1.1"}
        if elected
        else None,
        "secretary": year.secretary,
    }
    year.add("membership.yaml", dump(record, "Состав объединения на учебный год."))


def add_analysis(year: YearData) -> None:
    rng = year.rng
    deadline = date(year.start + 1, 7, 15)
    submitted = date(year.start + 1, 7, rng.randint(1, 14))
    if chance(rng, 0.03):
        submitted = date(year.start + 1, 7, rng.randint(16, 25))  # late: `check` fails it
    if submitted > year.as_of:
        if year.as_of >= date(year.start + 1, 6, 1):
            record: Node = {"status": "draft", "author": year.leader}
            year.add("analysis.md", front_matter(record, "## Общие итоги\n\nАнализ готовится.\n"))
        return
    figures = _figures(year)
    note = None
    if chance(rng, 0.04):
        figures["consultations"] -= 1
        note = "Одна консультация внесена в записи после представления анализа в центр."
    elif chance(rng, 0.02):
        figures["requests"] += 1  # a difference nobody explained: `check` warns
    total = len(year.shnor_people) // 2
    record = {
        "status": "submitted",
        "submitted": submitted,
        "submitted_to": CENTRE,
        "author": year.leader,
        "figures": figures,
        "results": {
            "managers_reached": total - (1 if chance(rng, 0.3) else 0),
            "managers_total": total,
            "survey": {
                "respondents": rng.randint(8, 16),
                "satisfied_percent": round(rng.uniform(75, 100), 1),
            },
            "repeat_diagnostics": "Повторная диагностика в мае подтвердила рост управленческих компетенций по большинству дефицитов.",
            "schools_left_list": year.town.left.get(year.start, []),
        },
        "figures_note": note,
    }
    body = pools.ANALYSIS_BODY.format(
        held=figures["meetings_held"],
        decisions=figures["decisions_total"],
        done=figures["decisions_done"],
        requests=figures["requests"],
        consultations=figures["consultations"],
    )
    comment = f"Анализ работы за учебный год (МПО п. 4.6): до {ru_date(deadline)}."
    year.add("analysis.md", front_matter(record, body, comment))


def _figures(year: YearData) -> Node:
    """The year's figures exactly as `generator.checking.figures.count_figures` counts them."""
    signed = [m for m in year.meetings if m.status == "held" and m.signed is not None]
    decisions = [d for m in signed for d in m.decisions]
    directions = Counter(item["direction"] for item in year.plan_items)
    return {
        "meetings_planned": sum(1 for item in year.plan_items if item["form"] == "meeting"),
        "meetings_held": len(signed),
        "decisions_total": len(decisions),
        "decisions_done": sum(1 for _n, _d, status in decisions if status == "done"),
        "requests": year.requests,
        "consultations": year.consultations,
        "deficits_found": len(year.deficits),
        "deficits_resolved": sum(1 for s in year.deficit_status.values() if s == "resolved"),
        "by_direction": {d: directions[d] for d in pools.DIRECTIONS if directions[d]},
    }


def acknowledgement_file(year: YearData) -> tuple[str, str] | None:
    """The centre accepts a closed year that held fewer meetings than the norm."""
    held = [m for m in year.meetings if m.status == "held" and m.signed is not None]
    if len(held) >= 4 or date(year.start + 1, 8, 31) >= year.as_of:
        return None
    decided = date(year.start + 1, 9, 10)
    director = year.region.staff.director
    record: Node = {
        "rule": "meetings-per-year",
        "association": year.town.id,
        "year": year.year,
        "reason": "Заседание отменено из-за карантина; вопросы рассмотрены на следующем заседании.",
        "decided_by": director.id,
        "date": decided,
        "document": f"служебная записка от {ru_date(decided)} № {year.rng.randint(1, 99)}",
    }
    path = f"records/acknowledgements/{year.town.id}-{year.year}-meetings.yaml"
    return path, dump(record)
