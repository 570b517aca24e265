"""An association year's deficits, consultation requests and consultations."""

from __future__ import annotations

from datetime import date, timedelta

from synth import pools
from synth.spec import Node, between, chance, fill
from synth.yamltext import dump
from synth.year import YearData


def add_deficits(year: YearData) -> None:
    rng = year.rng
    held = year.held()
    if len(held) < 2:
        return
    identified = held[1].day
    over = date(year.start + 1, 8, 31) < year.as_of
    for deficit_id, title, area in rng.sample(pools.DEFICITS, rng.randint(3, 5)):
        measures = _measures(year, identified)
        if over:
            status = rng.choices(("resolved", "in_work", "identified"), (55, 40, 5))[0]
        else:
            status = rng.choice(("identified", "in_work"))
            if status == "identified" and chance(rng, 0.1):
                measures = []  # measures not yet planned: `check` warns
        repeat = None
        if over and (status == "resolved" or chance(rng, 0.5)):
            low = rng.randint(20, 50)
            high = low + rng.randint(10 if status == "resolved" else 0, 40)
            result = pools.REPEAT_RESULTS[0 if status == "resolved" else 1]
            repeat = {
                "date": date(year.start + 1, 5, rng.randint(10, 20)),
                "result": result.format(a=low, b=high),
            }
        schools = [low.id for low, _partner in year.pairs]
        record: Node = {
            "title": title,
            "area": area,
            "found_by": rng.sample(
                ["initial_diagnostics", "requests", "results_analysis", "observation"],
                rng.randint(1, 2),
            ),
            "identified": identified,
            "managers": rng.randint(3, 8),
            "organizations": rng.sample(schools, min(len(schools), rng.randint(2, 3))),
            "measures": measures,
            "status": status,
            "repeat_diagnostic": repeat,
        }
        year.deficits.append(deficit_id)
        year.deficit_status[deficit_id] = status
        comment = "Типичный профессиональный дефицит руководителей группы (МПО п. 4.2.2)."
        year.add(f"deficits/{deficit_id}.yaml", dump(record, comment))


def _measures(year: YearData, identified: date) -> list[Node]:
    region = year.region
    rng = year.rng
    measures = []
    later = [m for m in year.held() if m.day > identified]
    for text in rng.sample(pools.MEASURES, rng.randint(2, 4)):
        done_by = None
        day = between(rng, identified, min(date(year.start + 1, 5, 20), year.as_of))
        if later and chance(rng, 0.6):
            meeting = rng.choice(later)
            day, done_by = meeting.day, f"заседание {year.ref(meeting)}"
        elif events := [
            e
            for e in region.events
            if identified <= e.day <= year.as_of and e.day.year in (year.start, year.start + 1)
        ]:
            event = rng.choice(events)
            day, done_by = event.day, f"мероприятие {event.id}"
        measures.append({"text": text, "date": day, "done_by": done_by})
    return measures


def add_requests(year: YearData) -> None:
    rng = year.rng
    first, last = date(year.start, 9, 5), date(year.start + 1, 5, 25)
    answered: list[tuple[str, date, Node]] = []
    used: set[str] = set()
    people = _school_of(year)
    for received in sorted(between(rng, first, last) for _ in range(rng.randint(28, 44))):
        if received > year.as_of:
            continue
        requester = rng.choice(year.shnor_people)
        school = people[requester]
        request_id = _unique(f"{received:%Y-%m-%d}-{school}", used)
        direction = rng.choice(pools.DIRECTIONS)
        late = chance(rng, 0.01)  # answered after the due day: `check` warns
        answer_day = received + timedelta(days=rng.randint(16, 30) if late else rng.randint(1, 12))
        withdrawn = chance(rng, 0.02)
        answered_now = not withdrawn and answer_day <= year.as_of
        status = "withdrawn" if withdrawn else ("answered" if answered_now else "in_work")
        record: Node = {
            "received": received,
            "requester": requester,
            "organization": school,
            "channel": rng.choice(("meeting", "vk", "vk", "email", "phone", "form", "letter")),
            "topic": fill(rng, rng.choice(pools.REQUEST_TOPICS[direction])),
            "direction": direction,
            "deficit": rng.choice(year.deficits) if year.deficits and chance(rng, 0.4) else None,
            "assignee": rng.choice((year.leader, year.town.curator.id)),
            "due": received + timedelta(days=rng.randint(10, 21)) if chance(rng, 0.2) else None,
            "status": status,
        }
        if record["due"] is not None and answer_day > record["due"] and chance(rng, 0.5):
            record["due"] = None
        year.add(f"requests/{request_id}.yaml", dump(record))
        year.requests += 1
        if answered_now:
            answered.append((request_id, answer_day, record))
    for request_id, day, request in answered:
        _consultation(year, day, request_id, request, used)
    for _ in range(rng.randint(16, 24)):
        day = between(rng, first, last)
        if day <= year.as_of:
            _group_consultation(year, day, used)


def _school_of(year: YearData) -> dict[str, str]:
    day = date(year.start, 9, 1)
    schools: dict[str, str] = {}
    for low, partner in year.pairs:
        for school in (low, partner):
            schools[school.head(day)] = school.id
            schools[school.deputy(day)] = school.id
    return schools


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def _consultation(
    year: YearData, day: date, request_id: str, request: Node, used: set[str]
) -> None:
    rng = year.rng
    consultation_id = _unique(f"{day:%Y-%m-%d}-{request['organization']}", used)
    record: Node = {
        "date": day,
        "form": rng.choice(("individual", "online", "visit", "individual")),
        "consultant": request["assignee"],
        "recipients": [request["requester"]],
        "request": request_id,
        "topic": str(request["topic"]).rstrip("?"),
        "direction": request["direction"],
        "summary": rng.choice(pools.CONSULTATION_SUMMARIES),
        "recommendations": rng.sample(pools.CONSULTATION_RECOMMENDATIONS, rng.randint(1, 3)),
        "materials": [{"title": "Материалы совета «РОСТ»", "url": "https://vk.com/rost_tula"}]
        if chance(rng, 0.3)
        else [],
    }
    year.add(f"consultations/{consultation_id}.yaml", dump(record))
    year.consultations += 1


def _group_consultation(year: YearData, day: date, used: set[str]) -> None:
    rng = year.rng
    consultation_id = _unique(f"{day:%Y-%m-%d}-group", used)
    recipients = rng.sample(year.shnor_people, min(len(year.shnor_people), rng.randint(3, 8)))
    record: Node = {
        "date": day,
        "form": rng.choice(("group", "online")),
        "consultant": rng.choice((year.leader, year.town.curator.id)),
        "recipients": recipients,
        "topic": rng.choice(pools.GROUP_TOPICS),
        "direction": rng.choice(pools.DIRECTIONS),
        "summary": rng.choice(pools.CONSULTATION_SUMMARIES),
        "recommendations": rng.sample(pools.CONSULTATION_RECOMMENDATIONS, rng.randint(1, 2)),
    }
    year.add(f"consultations/{consultation_id}.yaml", dump(record))
    year.consultations += 1
