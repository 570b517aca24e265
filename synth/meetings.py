"""An association year's meetings: dates, statuses, protocols, agenda and decisions."""

from __future__ import annotations

import random
from datetime import date, timedelta

from synth import pools
from synth.spec import CENTRE_SHORT, Node, chance, fill, gendered, workday
from synth.yamltext import dump
from synth.year import MeetingData, YearData


def _meeting_days(year: YearData, count: int) -> list[date]:
    rng = year.rng
    opening = workday(date(year.start, 8, rng.randint(24, 28)))
    months = sorted(rng.sample(range(9), count - 1))  # September … May
    days = [opening]
    for offset in months:
        month = (8 + offset) % 12 + 1
        calendar_year = year.start if month >= 9 else year.start + 1
        days.append(workday(date(calendar_year, month, rng.randint(8, 24))))
    return days


def add_meetings(year: YearData, short: bool) -> None:
    rng = year.rng
    count = 4 if short else rng.randint(6, 10)
    days = _meeting_days(year, count)
    cancelled = rng.randrange(2, count + 1) if short or chance(rng, 0.04) else None
    postponed_done = False
    for index, day in enumerate(days):
        number = index + 1
        last = number == count
        if number == cancelled:
            year.meetings.append(_cancelled(year, number, day))
        elif day + timedelta(days=7) < year.as_of:
            year.meetings.append(_held(year, number, day, last, signed=True))
        elif day <= year.as_of:
            year.meetings.append(_held(year, number, day, last, signed=False))
        elif not postponed_done and chance(rng, 0.15):
            postponed_done = True
            year.meetings.append(_planned(year, number, day, last, postponed=True))
        else:
            year.meetings.append(_planned(year, number, day, last, postponed=False))
    for meeting in year.meetings:
        comment = ""
        if meeting.number == 1:
            comment = (
                "Установочное заседание: выборы руководителя, план работы, анкетирование запросов."
            )
        year.add(f"meetings/{meeting.number:02d}.yaml", dump(meeting.record, comment))


def _topic(rng: random.Random, direction: str) -> str:
    return fill(rng, rng.choice(pools.MEETING_TOPICS[direction]))


def _place(year: YearData, rng: random.Random) -> tuple[str, str]:
    template = rng.choice(pools.PLACES)
    school = rng.choice(year.town.schools).short_name(date(year.start, 9, 1))
    fmt = (
        "online"
        if "онлайн," in template
        else ("hybrid" if "трансляция" in template else "in_person")
    )
    return template.format(centre=CENTRE_SHORT, school=school), fmt


def _base(year: YearData, number: int, day: date, status: str, directions: list[str]) -> Node:
    rng = year.rng
    if number == 1:
        topic = f"Установочное заседание — организация работы объединения в {year.year.replace('-', '/')} учебном году"
    else:
        topic = _topic(rng, directions[0])
    place, fmt = _place(year, rng)
    return {
        "status": status,
        "date": day,
        "time": rng.choice(("14:30", "15:00", "10:00")),
        "place": place,
        "format": fmt,
        "topic": topic,
    }


def _directions(rng: random.Random, number: int, last: bool) -> list[str]:
    if number == 1:
        return ["methodical", "methodical", "analytical"]
    count = rng.randint(2, 4)
    chosen = [rng.choice(pools.DIRECTIONS) for _ in range(count)]
    if last:
        chosen[-1] = "educational"
    return chosen


def _cancelled(year: YearData, number: int, day: date) -> MeetingData:
    directions = _directions(year.rng, number, False)
    record = _base(year, number, day, "cancelled", directions)
    record["cancel_reason"] = year.rng.choice(pools.CANCEL_REASONS)
    return MeetingData(number, day, "cancelled", directions, str(record["topic"]), record)


def _planned(year: YearData, number: int, day: date, last: bool, postponed: bool) -> MeetingData:
    rng = year.rng
    directions = _directions(rng, number, last)
    original = day - timedelta(days=14) if postponed else day
    if postponed and original < date(year.start, 9, 1):
        original, postponed = day, False
    record = _base(year, number, original, "postponed" if postponed else "planned", directions)
    if postponed:
        record["new_date"] = day
    meeting = MeetingData(
        number, original, str(record["status"]), directions, str(record["topic"]), record
    )
    if chance(rng, 0.3):  # a draft protocol prepared in advance
        record["protocol"] = _protocol(year, meeting, signed=None, draft=True)
    return meeting


def _held(year: YearData, number: int, day: date, last: bool, *, signed: bool) -> MeetingData:
    rng = year.rng
    directions = _directions(rng, number, last)
    record = _base(year, number, day, "held", directions)
    meeting = MeetingData(number, day, "held", directions, str(record["topic"]), record)
    sign_day = day + timedelta(days=rng.randint(1, 6)) if signed else None
    if signed and chance(rng, 0.02):
        sign_day = day + timedelta(days=rng.randint(15, 20))  # signed late, still signed now
        if sign_day > year.as_of:
            sign_day = year.as_of
    meeting.signed = sign_day
    record["protocol"] = _protocol(year, meeting, signed=sign_day, draft=not signed)
    return meeting


def _protocol(year: YearData, meeting: MeetingData, *, signed: date | None, draft: bool) -> Node:
    rng = year.rng
    people = [p for p, _role in year.participants]
    chair = year.town.curator.id if meeting.number == 1 else year.leader
    present = [chair, year.secretary] + [p for p in people if chance(rng, 0.85)]
    present.append(year.town.curator.id)
    present = list(dict.fromkeys(present))
    agenda = [
        _agenda_item(year, meeting, index, direction, people, draft)
        for index, direction in enumerate(meeting.directions, start=1)
    ]
    invited: list[Node] = []
    if chance(year.rng, 0.4):
        invited.append({"person": rng.choice(year.region.staff.ppss).id})
    if chance(year.rng, 0.3):
        invited.append({"description": rng.choice(pools.INVITEES)})
    protocol: Node = {
        "status": "draft" if draft else "signed",
        "signed": signed,
        "chair": chair,
        "secretary": year.secretary,
        "present": present,
        "present_count": len(present) + rng.randint(1, 6) if chance(rng, 0.3) else None,
        "invited": invited,
        "agenda": agenda,
        "recommendations": rng.sample(pools.RECOMMENDATIONS, rng.randint(1, 3)),
        "follow_up": _follow_up(year),
        "attachments": _attachments(year, meeting),
    }
    return protocol


def _agenda_item(
    year: YearData,
    meeting: MeetingData,
    index: int,
    direction: str,
    people: list[str],
    draft: bool,
) -> Node:
    rng = year.rng
    by_id = year.region.people.by_id
    if meeting.number == 1:
        question = (
            "О выборах руководителя и секретаря объединения",
            f"О проекте плана работы объединения на {year.year.replace('-', '/')} учебный год",
            "Об анкетировании профессиональных запросов руководителей ШНОР",
        )[index - 1]
    else:
        question = fill(rng, rng.choice(pools.QUESTIONS[direction]))
    speaker = year.town.curator.id if meeting.number == 1 and index == 1 else rng.choice(people)
    speaker_data = by_id[speaker]
    discussion = []
    for person in rng.sample(people, rng.randint(0, 3)):
        text = gendered(rng.choice(pools.STATEMENTS), by_id[person].female)
        discussion.append({"person": person, "summary": text})
    decisions = [
        _decision(year, meeting, index, number, draft) for number in range(1, rng.randint(1, 3) + 1)
    ]
    if meeting.number == 1 and index == 1:
        leader = by_id[year.leader]
        decisions[0] = {
            "text": f"Избрать руководителем объединения {leader.full()}.",
            "executor_group": "участники объединения",
            "deadline": meeting.day,
            "voting": {"votes_for": len(people) - rng.randint(0, 2)},
            "execution": {"status": "done", "checked": meeting.day} if not draft else None,
        }
        meeting.decisions[-len(decisions)] = ("1.1", meeting.day, None if draft else "done")
    summary = gendered(rng.choice(pools.SUMMARIES), speaker_data.female)
    return {
        "question": question,
        "direction": direction,
        "speaker": speaker,
        "summary": summary,
        "discussion": discussion,
        "decisions": decisions,
    }


def _decision(year: YearData, meeting: MeetingData, item: int, number: int, draft: bool) -> Node:
    rng = year.rng
    deadline = meeting.day + timedelta(days=rng.randint(14, 75))
    execution = None if draft else _execution(year, deadline)
    status = execution["status"] if execution else None
    meeting.decisions.append((f"{item}.{number}", deadline, status))
    people = [p for p, _role in year.participants]
    person = rng.choice(people) if chance(rng, 0.5) else None
    return {
        "text": rng.choice(pools.DECISIONS),
        "executor": person,
        "executor_group": None if person else rng.choice(pools.EXECUTOR_GROUPS),
        "deadline": deadline,
        "execution": execution,
    }


def _execution(year: YearData, deadline: date) -> Node | None:
    rng = year.rng
    over = date(year.start + 1, 8, 31) < year.as_of
    if deadline + timedelta(days=10) >= year.as_of:
        return None  # still running
    if chance(rng, 0.005 if over else 0.1):
        return None  # nobody marked it yet: `check` warns
    checked = min(deadline + timedelta(days=rng.randint(3, 30)), year.as_of)
    roll = rng.random()
    if roll < 0.9:
        return {
            "status": "done",
            "note": rng.choice(pools.EXECUTION_NOTES) if chance(rng, 0.4) else None,
            "checked": checked,
        }
    if roll < 0.97:
        return {
            "status": "in_progress",
            "note": rng.choice(pools.IN_PROGRESS_NOTES),
            "checked": checked,
        }
    if roll < 0.99:
        return {
            "status": "overdue",
            "note": rng.choice(pools.IN_PROGRESS_NOTES),
            "checked": checked,
        }
    return {"status": "cancelled", "checked": checked}


def _follow_up(year: YearData) -> list[Node]:
    """The previous signed protocol's decisions, checked at this meeting."""
    earlier = next((m for m in reversed(year.meetings) if m.signed is not None), None)
    if earlier is None:
        return []
    follow = []
    for number, _deadline, status in earlier.decisions[:4]:
        follow.append(
            {
                "meeting": year.ref(earlier),
                "decision": number,
                "status": status if status in ("done", "overdue", "cancelled") else "in_progress",
            }
        )
    return follow


def _attachments(year: YearData, meeting: MeetingData) -> list[Node]:
    if meeting.number == 1:
        path = f"files/{year.town.id}/{year.year}/01-programme.txt"
        year.files.append((path, f"Программа установочного заседания {year.year}\n"))
        return [{"title": "Программа установочного заседания", "path": path}]
    if chance(year.rng, 0.4):
        return [{"title": "Презентация докладчика", "url": "https://vk.com/rost_tula"}]
    return []
