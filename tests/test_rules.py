"""The regulations' rules as a user meets them: status, severity and the Russian message.

Every case copies the small valid project (tests/cases/base: association mpo-test, school year
2025-2026, meeting 01 held on 28.08.2025 with a protocol signed on 01.09.2025) into a temporary
folder, writes the records the case needs and evaluates the rules as of a fixed date, so that
no test depends on the day it runs.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.checking.compliance import _scopes, evaluate
from generator.checking.rules.base import Outcome, Problem, Status
from generator.checking.workdays import add_working_days, is_working_day
from generator.cli import main
from generator.loading.project import load_project
from generator.rendering.dashboard import status_mark, year_icon, year_summary
from schemas import RuleSettings

from .conftest import CASES, REPO, build_case

YEAR = "2025-2026"
FOLDER = f"records/associations/mpo-test/{YEAR}"
PLAN = f"{FOLDER}/plan.yaml"
ANALYSIS = f"{FOLDER}/analysis.md"
MEMBERSHIP = f"{FOLDER}/membership.yaml"
COUNCIL = "records/council/council.yaml"
SETTINGS = "records/settings.yaml"
ADVICE = (
    "Добавьте подписанный протокол, перенесите заседание на новую дату или отметьте его "
    "отменённым с указанием причины."
)
# What the base project's records count to, as the annual analysis would submit them.
BASE_FIGURES: dict[str, Any] = {
    "meetings_planned": 1,
    "meetings_held": 1,
    "decisions_total": 1,
    "decisions_done": 0,
    "requests": 1,
    "consultations": 1,
    "deficits_found": 1,
    "deficits_resolved": 0,
    "by_direction": {"educational": 1},
}


# --- building cases --------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A fresh copy of the base project."""
    return build_case(CASES / "__none__", tmp_path)


def _dates(value: Any) -> Any:
    """ISO strings written by the tests become dates, so YAML shows them plain."""
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return date.fromisoformat(value)
    return value


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(_dates(data), allow_unicode=True, sort_keys=False)


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_yaml(root: Path, relative: str, data: dict[str, Any]) -> Path:
    return write(root, relative, dump(data))


def meeting_path(number: int) -> str:
    return f"{FOLDER}/meetings/{number:02d}.yaml"


def decision(
    deadline: str | None = None, execution: dict[str, Any] | None = None
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "text": "Подготовить материалы к следующему заседанию.",
        "executor": "petrov-an",
    }
    if deadline:
        found["deadline"] = deadline
    else:
        found["deadline_text"] = "постоянно"
    if execution is not None:
        found["execution"] = execution
    return found


def meeting(
    root: Path,
    number: int,
    day: str,
    status: str = "held",
    *,
    protocol: str | None = "signed",
    signed: str | None = None,
    new_date: str | None = None,
    cancel_reason: str | None = None,
    decisions: list[dict[str, Any]] | None = None,
    direction: str = "methodical",
) -> str:
    """Write meetings/NN.yaml; a signed protocol is signed on the meeting's day by default."""
    data: dict[str, Any] = {
        "status": status,
        "date": day,
        "place": "МБОУ «ЦО № 2», актовый зал",
        "format": "in_person",
        "topic": f"Заседание № {number}",
    }
    if new_date:
        data["new_date"] = new_date
    if cancel_reason:
        data["cancel_reason"] = cancel_reason
    if protocol is not None:
        data["protocol"] = {
            "status": protocol,
            **({"signed": signed or day} if protocol == "signed" else {}),
            "chair": "petrov-an",
            "secretary": "ivanova-ma",
            "present": ["ivanova-ma", "petrov-an", "sidorova-ev"],
            "agenda": [
                {
                    "question": "Анализ результатов ВПР",
                    "direction": direction,
                    "speaker": "petrov-an",
                    "summary": "Рассказал о результатах.",
                    "decisions": decisions or [decision()],
                }
            ],
        }
    relative = meeting_path(number)
    write_yaml(root, relative, data)
    return relative


def rules_settings(root: Path, **rules: Any) -> None:
    """Add a `rules:` section to the base settings."""
    text = (root / SETTINGS).read_text(encoding="utf-8")
    write(root, SETTINGS, text + dump({"rules": rules}))


def analysis(
    root: Path,
    submitted: str,
    figures: dict[str, Any] | None = None,
    note: str | None = None,
) -> None:
    front: dict[str, Any] = {
        "status": "submitted",
        "submitted": submitted,
        "submitted_to": "centre",
        "author": "petrov-an",
        "figures": figures or BASE_FIGURES,
        "results": {"managers_reached": 1, "managers_total": 1},
    }
    if note:
        front["figures_note"] = note
    write(root, ANALYSIS, f"---\n{dump(front)}---\n\nАнализ работы за год.\n")


def plan(
    root: Path,
    approved: str | None = "2025-09-15",
    amendments: list[dict[str, Any]] | None = None,
    items: list[dict[str, Any]] | None = None,
) -> None:
    data: dict[str, Any] = {
        "goal": "Развитие управленческих компетенций руководителей ШНОР.",
        "tasks": ["Провести четыре заседания."],
    }
    if approved:
        data["approval"] = approval(approved)
    if amendments:
        data["amendments"] = amendments
    data["items"] = [
        plan_item("2025-08", "educational", "Установочное заседание", ["2025-2026/01"]),
        *(items or []),
    ]
    write_yaml(root, PLAN, data)


def approval(day: str) -> dict[str, Any]:
    return {"position": "Директор МКУ «ЦНППМ г. Тулы»", "name": "Е. В. Сидорова", "date": day}


def plan_item(
    month: str, direction: str, topic: str, done_by: list[str] | None = None
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "month": month,
        "topic": topic,
        "direction": direction,
        "form": "seminar",
        "responsible": ["petrov-an"],
        "expected_result": "Руководители применяют разобранное в своих школах.",
    }
    if done_by:
        item["done_by"] = done_by
    return item


def person(root: Path, person_id: str, surname: str, organization: str, **position: Any) -> None:
    write_yaml(
        root,
        f"records/people/{person_id}.yaml",
        {
            "surname": surname,
            "name": "Ольга",
            "patronymic": "Петровна",
            "positions": [{"title": "педагог-психолог", "organization": organization, **position}],
            "roles": ["ppss_specialist"],
        },
    )


def council(
    root: Path, chair: str = "sidorova-ev", extra: list[dict[str, Any]] | None = None
) -> None:
    write_yaml(
        root,
        COUNCIL,
        {
            "name": "РОСТ",
            "vk_url": "https://vk.com/example",
            "chair": chair,
            "members": [
                {"person": "sidorova-ev", "category": "working_group"},
                {"person": "ivanova-ma", "category": "shnor_manager"},
                {"person": "petrov-an", "category": "high_results_manager"},
                *(extra or []),
            ],
        },
    )


def monitoring(root: Path, start: str, end: str) -> None:
    write_yaml(
        root,
        f"records/council/monitoring/{start[:7]}.yaml",
        {
            "period_start": start,
            "period_end": end,
            "visitors": 100,
            "views": 400,
            "source": "статистика сообщества ВКонтакте",
        },
    )


def acknowledgement(root: Path, name: str = "2025-meetings", **fields: Any) -> None:
    data = {
        "rule": "meetings-per-year",
        "association": "mpo-test",
        "year": "2025-2026",
        "reason": "Заседание в мае не состоялось из-за карантина.",
        "decided_by": "sidorova-ev",
        "date": "2026-09-10",
        **fields,
    }
    write_yaml(root, f"records/acknowledgements/{name}.yaml", data)


def three_meetings_closed_year(root: Path) -> None:
    """Meetings 01–03 held with signed protocols, 04 cancelled; the analysis submitted in time."""
    meeting(root, 2, "2025-10-15")
    meeting(root, 3, "2026-02-11")
    meeting(root, 4, "2026-05-20", "cancelled", protocol=None, cancel_reason="Карантин в школах.")
    analysis(root, "2026-07-10", {**BASE_FIGURES, "meetings_held": 3, "decisions_total": 3})


# --- evaluating ------------------------------------------------------------------------------


def outcome(root: Path, rule_id: str, as_of: str, year: str = YEAR) -> Outcome:
    """The one outcome of a rule for the year, from a project that loads without problems."""
    project, problems = load_project(root)
    assert problems == []
    association = None if rule_id.startswith("council-") else "mpo-test"
    found = [
        o
        for o in evaluate(project, date.fromisoformat(as_of), year=year, association=association)
        if o.rule == rule_id
    ]
    assert len(found) == 1, found
    return found[0]


def only(result: Outcome) -> Problem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def assert_passed(result: Outcome) -> None:
    assert result.status is Status.PASSED, (result.status, result.figures, result.problems)
    assert result.problems == ()


def assert_in_progress(result: Outcome) -> None:
    """Nothing wrong so far, the term still ahead: no finding, nothing to fail or warn about."""
    assert result.status is Status.IN_PROGRESS, (result.status, result.figures, result.problems)
    assert result.problems == ()
    assert not result.fails and not result.warns


def assert_failed(result: Outcome, severity: str) -> Problem:
    assert (result.status, result.severity) == (Status.FAILED, severity), result
    return only(result)


def check(runner: CliRunner, root: Path, as_of: str, *options: str) -> tuple[int, str]:
    result = runner.invoke(main, ["check", "--root", str(root), "--as-of", as_of, *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


# --- the base project ------------------------------------------------------------------------


def test_base_project_passes_the_error_rules_early_in_the_year(root: Path) -> None:
    project, problems = load_project(root)
    assert problems == []
    outcomes = evaluate(project, date(2025, 9, 10), year=YEAR, association="mpo-test")
    assert {o.rule for o in outcomes} == {
        "meetings-per-year", "protocol-required", "no-future-held", "plan-approved",
        "analysis-deadline", "analysis-frozen", "leader-elected", "decisions-executed",
        "requests-answered", "directions-covered", "deficit-measures", "diagnostics-held",
        "plan-executed", "practice-review", "publication-review",
    }  # fmt: skip
    assert not [o for o in outcomes if o.fails]


def test_a_year_is_not_checked_before_its_opening_window(root: Path) -> None:
    project, _ = load_project(root)
    assert evaluate(project, date(2025, 8, 19), year=YEAR, association="mpo-test") == []
    assert evaluate(project, date(2025, 8, 20), year=YEAR, association="mpo-test") != []


# --- meetings-per-year (МПО п. 4.3) ----------------------------------------------------------


def test_three_meetings_in_a_closed_year_fail(root: Path) -> None:
    three_meetings_closed_year(root)
    result = outcome(root, "meetings-per-year", "2026-09-01")
    problem = assert_failed(result, "error")
    assert result.clause == "МПО п. 4.3"
    assert problem.path is None
    assert problem.message == (
        "проведено 3 из 4 заседаний. Учебный год закончился; если норма не "
        "выполнена по уважительной причине, центр может принять это замечание (запись в "
        "records/acknowledgements)."
    )
    assert result.fails


def test_four_meetings_in_a_closed_year_pass(root: Path) -> None:
    meeting(root, 2, "2025-10-15")
    meeting(root, 3, "2026-02-11")
    meeting(root, 4, "2026-05-20")
    result = outcome(root, "meetings-per-year", "2026-09-01")
    assert_passed(result)
    assert result.figures == "проведено 4 из 4 заседаний"


def test_more_meetings_than_needed_read_naturally(root: Path) -> None:
    for number, day in enumerate(("2025-10-15", "2025-12-10", "2026-02-11", "2026-05-20"), 2):
        meeting(root, number, day)
    result = outcome(root, "meetings-per-year", "2026-09-01")
    assert_passed(result)
    assert result.figures == "проведено 5 заседаний (нужно не меньше 4)"


def test_the_norm_reached_while_the_year_runs_is_met(root: Path) -> None:
    meeting(root, 2, "2025-10-15")
    meeting(root, 3, "2025-12-10")
    meeting(root, 4, "2026-02-11", signed="2026-02-13")
    meeting(root, 5, "2026-04-15", "planned", protocol=None)
    assert_in_progress(outcome(root, "meetings-per-year", "2026-02-12"))  # 3 signed, 2 ahead
    result = outcome(root, "meetings-per-year", "2026-02-13")
    assert_passed(result)
    assert result.figures == "проведено 4 из 4 заседаний"


def test_the_year_is_over_only_after_31_august(root: Path) -> None:
    three_meetings_closed_year(root)
    running = outcome(root, "meetings-per-year", "2026-08-31")
    assert (running.status, running.severity) == (Status.AT_RISK, "warning")
    assert not running.fails
    assert outcome(root, "meetings-per-year", "2026-09-01").status is Status.FAILED


def test_held_meeting_without_signed_protocol_is_not_counted(root: Path) -> None:
    meeting(root, 2, "2025-10-15")
    meeting(root, 3, "2026-02-11")
    meeting(root, 4, "2026-05-20", protocol="draft")
    problem = assert_failed(outcome(root, "meetings-per-year", "2026-09-01"), "error")
    assert problem.message.startswith("проведено 3 из 4 заседаний.")


def test_protocol_signed_after_the_as_of_date_is_not_counted_yet(root: Path) -> None:
    meeting(root, 2, "2025-10-15")
    meeting(root, 3, "2026-02-11")
    meeting(root, 4, "2026-05-20", signed="2026-09-05")
    assert outcome(root, "meetings-per-year", "2026-09-04").status is Status.FAILED
    assert_passed(outcome(root, "meetings-per-year", "2026-09-05"))


def test_year_that_can_still_reach_four_is_in_progress(root: Path) -> None:
    meeting(root, 2, "2025-12-10", "planned", protocol=None)
    meeting(root, 3, "2026-02-11", "planned", protocol=None)
    meeting(root, 4, "2026-05-31", "planned", protocol=None)  # the last day still counts
    result = outcome(root, "meetings-per-year", "2025-11-01")
    assert_in_progress(result)
    assert result.figures == "проведено 1 из 4 заседаний, запланировано ещё 3 до 31.05.2026"


def test_year_in_progress_that_cannot_reach_four_is_at_risk(root: Path) -> None:
    meeting(root, 2, "2025-12-10", "planned", protocol=None)
    meeting(root, 3, "2026-02-11", "planned", protocol=None)
    meeting(root, 4, "2026-06-02", "planned", protocol=None)  # after the end of May
    result = outcome(root, "meetings-per-year", "2025-11-01")
    assert (result.status, result.severity) == (Status.AT_RISK, "warning")
    assert result.warns and not result.fails
    assert result.figures == "проведено 1 из 4 заседаний, запланировано ещё 2 до 31.05.2026"
    assert only(result).message == (
        "проведено 1 из 4 заседаний, запланировано ещё 2; чтобы выполнить норму, "
        "запланируйте ещё хотя бы одно заседание до конца мая 2026 г."
    )
    assert only(result).due == date(2026, 5, 31)


def test_at_risk_counts_the_meetings_still_missing(root: Path) -> None:
    result = outcome(root, "meetings-per-year", "2025-09-10")
    assert result.status is Status.AT_RISK
    assert only(result).message == (
        "проведено 1 из 4 заседаний, больше заседаний не запланировано; чтобы выполнить норму, "
        "запланируйте ещё хотя бы три заседания до конца мая 2026 г."
    )


def test_postponed_meeting_counts_by_its_new_date(root: Path) -> None:
    meeting(root, 2, "2025-12-10", "planned", protocol=None)
    meeting(root, 3, "2026-02-11", "planned", protocol=None)
    meeting(root, 4, "2026-04-15", "postponed", protocol=None, new_date="2026-05-27")
    assert_in_progress(outcome(root, "meetings-per-year", "2025-11-01"))
    meeting(root, 4, "2026-04-15", "postponed", protocol=None, new_date="2026-06-03")
    assert outcome(root, "meetings-per-year", "2025-11-01").status is Status.AT_RISK


def test_passed_planned_meeting_no_longer_counts(root: Path) -> None:
    meeting(root, 2, "2025-12-10", "planned", protocol=None)
    meeting(root, 3, "2026-02-11", "planned", protocol=None)
    meeting(root, 4, "2026-04-15", "planned", protocol=None)
    assert_in_progress(outcome(root, "meetings-per-year", "2025-12-10"))
    result = outcome(root, "meetings-per-year", "2025-12-11")
    assert result.status is Status.AT_RISK
    assert "запланировано ещё 2" in result.figures


def test_min_meetings_comes_from_settings(root: Path) -> None:
    rules_settings(root, min_meetings=2)
    meeting(root, 2, "2025-10-15")
    assert_passed(outcome(root, "meetings-per-year", "2026-09-01"))


def test_at_risk_in_summer_does_not_ask_for_a_meeting_before_a_past_day(root: Path) -> None:
    three_meetings_closed_year(root)
    result = outcome(root, "meetings-per-year", "2026-06-15")
    assert result.status is Status.AT_RISK
    assert "до 31 мая 2026 г." not in only(result).message
    assert result.figures == (
        "проведено 3 из 4 заседаний, больше заседаний не запланировано до 31.08.2026"
    )


def test_a_meeting_planned_in_summer_keeps_the_year_in_progress(root: Path) -> None:
    three_meetings_closed_year(root)
    meeting(root, 5, "2026-08-26", "planned", protocol=None)
    result = outcome(root, "meetings-per-year", "2026-06-15")
    assert_in_progress(result)
    assert result.figures == "проведено 3 из 4 заседаний, запланировано ещё 1 до 31.08.2026"


def test_held_meeting_awaiting_its_protocol_does_not_put_the_year_at_risk(root: Path) -> None:
    meeting(root, 2, "2025-10-15")
    meeting(root, 3, "2026-02-11")
    meeting(root, 4, "2026-04-08", protocol="draft")
    assert_in_progress(outcome(root, "protocol-required", "2026-04-10"))
    assert_in_progress(outcome(root, "meetings-per-year", "2026-04-10"))


# --- protocol-required (МПО п. 4.4) ----------------------------------------------------------


def test_meeting_without_protocol_after_the_grace_period_fails(root: Path) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    # 10 working days after Wednesday 15.10.2025 end on Wednesday 29.10.2025.
    waiting = outcome(root, "protocol-required", "2025-10-29")
    assert_in_progress(waiting)
    assert waiting.figures == (
        "заседаний, по которым истёк срок оформления: 1, все в порядке; срок ещё не истёк: 1"
    )
    result = outcome(root, "protocol-required", "2025-10-30")
    problem = assert_failed(result, "error")
    assert result.clause == "МПО п. 4.4"
    assert problem.path == "records/associations/mpo-test/2025-2026/meetings/02.yaml"
    assert problem.message == f"заседание 15.10.2025 прошло, а протокола нет. {ADVICE}"
    assert problem.due == date(2025, 10, 29)
    assert result.figures == "без протокола: 1"


def test_protocols_are_met_once_every_meeting_of_the_year_is_settled(root: Path) -> None:
    meeting(root, 2, "2025-10-15", signed="2025-10-20")
    meeting(root, 3, "2025-12-10", "cancelled", protocol=None, cancel_reason="Карантин.")
    assert_in_progress(outcome(root, "protocol-required", "2025-10-16"))  # not signed yet
    result = outcome(root, "protocol-required", "2025-10-20")  # signed within its term
    assert_passed(result)
    assert result.figures == "заседаний, по которым истёк срок оформления: 1, все в порядке"


def test_a_year_without_meetings_is_in_progress_until_it_ends(root: Path) -> None:
    (root / meeting_path(1)).unlink()
    membership(root, None)  # the leader's meeting is gone with it
    result = outcome(root, "protocol-required", "2025-09-10")
    assert_in_progress(result)
    assert result.figures == "заседаний пока нет"
    assert_passed(outcome(root, "protocol-required", "2026-09-01"))


def test_planned_meeting_left_planned_after_its_date_fails(root: Path) -> None:
    path = meeting(root, 2, "2025-10-15", "planned", protocol=None)
    problem = assert_failed(outcome(root, "protocol-required", "2025-11-10"), "error")
    assert (problem.path, problem.message) == (
        path,
        f"заседание 15.10.2025 прошло, а протокола нет. {ADVICE}",
    )


def test_draft_protocol_after_the_grace_period_fails(root: Path) -> None:
    meeting(root, 2, "2025-10-15", protocol="draft")
    problem = assert_failed(outcome(root, "protocol-required", "2025-11-10"), "error")
    assert problem.message.startswith("заседание 15.10.2025 прошло, а протокол не подписан.")


def test_protocol_signed_within_the_grace_period_passes(root: Path) -> None:
    meeting(root, 2, "2025-10-15", signed="2025-10-29")
    result = outcome(root, "protocol-required", "2025-11-10")
    assert_passed(result)
    assert result.figures == "заседаний, по которым истёк срок оформления: 2, все в порядке"


def test_new_year_break_is_not_counted_in_the_grace_period() -> None:
    assert not is_working_day(date(2025, 12, 31))  # moved from Sunday 05.01.2025
    assert not any(is_working_day(date(2026, 1, day)) for day in range(1, 12))
    assert is_working_day(date(2026, 1, 12))
    assert add_working_days(date(2025, 12, 24), 10) == date(2026, 1, 19)


def test_grace_period_across_the_new_year_break(root: Path) -> None:
    path = meeting(root, 2, "2025-12-24", protocol=None)
    assert_in_progress(outcome(root, "protocol-required", "2026-01-19"))
    problem = assert_failed(outcome(root, "protocol-required", "2026-01-20"), "error")
    assert problem.path == path
    assert "заседание 24.12.2025 прошло, а протокола нет." in problem.message


def test_grace_period_comes_from_settings(root: Path) -> None:
    rules_settings(root, protocol_grace_working_days=3)
    meeting(root, 2, "2025-10-15", protocol=None)  # 16, 17, 20 October
    assert_in_progress(outcome(root, "protocol-required", "2025-10-20"))
    assert outcome(root, "protocol-required", "2025-10-21").status is Status.FAILED


def test_postponed_meeting_with_new_date_ahead_passes(root: Path) -> None:
    meeting(root, 2, "2025-10-15", "postponed", protocol=None, new_date="2025-11-20")
    assert_in_progress(outcome(root, "protocol-required", "2025-11-10"))
    # 10 working days after 20.11.2025 end on 04.12.2025.
    assert_in_progress(outcome(root, "protocol-required", "2025-12-04"))


def test_postponed_meeting_past_its_new_date_without_protocol_fails(root: Path) -> None:
    path = meeting(root, 2, "2025-10-15", "postponed", protocol=None, new_date="2025-11-20")
    problem = assert_failed(outcome(root, "protocol-required", "2025-12-05"), "error")
    assert problem.path == path
    assert "перенесённое на 20.11.2025" in problem.message
    assert "прошло, а протокола нет." in problem.message


def test_cancelled_meeting_with_reason_passes(root: Path) -> None:
    meeting(root, 2, "2025-10-15", "cancelled", protocol=None, cancel_reason="Карантин.")
    assert_passed(outcome(root, "protocol-required", "2025-12-01"))


def test_cancelled_meeting_without_reason_fails(root: Path) -> None:
    path = meeting(root, 2, "2025-10-15", "cancelled", protocol=None)
    problem = assert_failed(outcome(root, "protocol-required", "2025-12-01"), "error")
    assert (problem.path, problem.message) == (
        path,
        "заседание 15.10.2025 отменено, но причина не указана. Добавьте cancel_reason с "
        "причиной отмены.",
    )


def test_draft_protocol_prepared_before_the_meeting_is_fine(root: Path) -> None:
    meeting(root, 2, "2025-11-20", "planned", protocol="draft")
    assert_in_progress(outcome(root, "protocol-required", "2025-11-10"))
    assert_passed(outcome(root, "no-future-held", "2025-11-10"))


def test_every_meeting_without_protocol_is_listed(root: Path) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    meeting(root, 3, "2025-11-12", "planned", protocol=None)
    result = outcome(root, "protocol-required", "2025-12-15")
    assert result.status is Status.FAILED
    assert [p.path for p in result.problems] == [meeting_path(2), meeting_path(3)]
    assert result.figures == "без протокола: 2"


# --- no-future-held --------------------------------------------------------------------------


def test_held_meeting_dated_tomorrow_fails(root: Path) -> None:
    path = meeting(root, 2, "2025-11-11")
    result = outcome(root, "no-future-held", "2025-11-10")
    problem = assert_failed(result, "error")
    assert result.clause == "здравый смысл"
    assert (problem.path, problem.message) == (
        path,
        "заседание 11.11.2025 ещё не наступило, а отмечено проведённым или с подписанным "
        "протоколом. Проверьте дату; протокол заранее готовится как черновик (status: draft).",
    )
    assert_passed(outcome(root, "no-future-held", "2025-11-11"))


def test_planned_meeting_with_signed_protocol_in_the_future_fails(root: Path) -> None:
    path = meeting(root, 2, "2025-11-20", "planned", signed="2025-11-05")
    problem = assert_failed(outcome(root, "no-future-held", "2025-11-10"), "error")
    assert problem.path == path


def test_planned_meeting_with_draft_protocol_is_fine(root: Path) -> None:
    meeting(root, 2, "2025-11-20", "planned", protocol="draft")
    assert_passed(outcome(root, "no-future-held", "2025-11-10"))


# --- plan-approved (МПО п. 4.5) --------------------------------------------------------------


def test_unapproved_plan_is_at_risk_until_1_october(root: Path) -> None:
    plan(root, approved=None)
    result = outcome(root, "plan-approved", "2025-10-01")
    assert (result.status, result.severity) == (Status.AT_RISK, "warning")
    assert result.figures == "срок — 01.10.2025"
    assert (only(result).path, only(result).message) == (
        PLAN,
        "план не утверждён центром; его нужно утвердить до 01.10.2025 (гриф «УТВЕРЖДАЮ», "
        "поле approval).",
    )


def test_unapproved_plan_is_in_progress_until_two_weeks_before_the_day(root: Path) -> None:
    plan(root, approved=None)
    result = outcome(root, "plan-approved", "2025-09-17")  # 14 days before 01.10.2025
    assert_in_progress(result)
    assert result.figures == "план ещё не утверждён; срок — 01.10.2025"
    assert outcome(root, "plan-approved", "2025-09-18").status is Status.AT_RISK


def test_missing_plan_early_in_the_year_is_in_progress(root: Path) -> None:
    (root / PLAN).unlink()
    result = outcome(root, "plan-approved", "2025-09-01")
    assert_in_progress(result)
    assert result.figures == "план ещё не внесён; срок — 01.10.2025"


def test_unapproved_plan_fails_after_1_october(root: Path) -> None:
    plan(root, approved=None)
    problem = assert_failed(outcome(root, "plan-approved", "2025-10-02"), "error")
    assert problem.path == PLAN
    assert problem.due == date(2025, 10, 1)
    assert problem.message.startswith(
        "план не утверждён центром; его нужно утвердить до 01.10.2025"
    )


def test_missing_plan_is_at_risk_then_fails(root: Path) -> None:
    (root / PLAN).unlink()
    early = outcome(root, "plan-approved", "2025-09-20")
    assert (early.status, early.severity) == (Status.AT_RISK, "warning")
    assert only(early).message.startswith("плана работы нет; его нужно утвердить до 01.10.2025")
    assert only(early).path == PLAN
    late = assert_failed(outcome(root, "plan-approved", "2025-10-02"), "error")
    assert late.message.startswith("плана работы нет;")


def test_plan_approved_on_the_last_day_passes(root: Path) -> None:
    plan(root, approved="2025-10-01")
    result = outcome(root, "plan-approved", "2025-12-01")
    assert_passed(result)
    assert result.figures == "утверждён 01.10.2025"


def test_plan_approved_late_fails(root: Path) -> None:
    plan(root, approved="2025-10-02")
    problem = assert_failed(outcome(root, "plan-approved", "2025-12-01"), "error")
    assert (problem.path, problem.message) == (
        PLAN,
        "план утверждён 02.10.2025, позже срока 01.10.2025.",
    )


def test_plan_approval_day_comes_from_settings(root: Path) -> None:
    rules_settings(root, plan_approved_by={"month": 9, "day": 10})
    problem = assert_failed(outcome(root, "plan-approved", "2025-12-01"), "error")
    assert problem.message == "план утверждён 15.09.2025, позже срока 10.09.2025."


def test_unapproved_amendment_fails(root: Path) -> None:
    plan(
        root,
        amendments=[{"date": "2026-01-10", "description": "Семинар перенесён на март."}],
    )
    problem = assert_failed(outcome(root, "plan-approved", "2026-01-20"), "error")
    assert (problem.path, problem.message) == (
        PLAN,
        "изменение плана от 10.01.2026 не утверждено центром. Добавьте к изменению approval.",
    )


def test_approved_amendment_passes(root: Path) -> None:
    plan(
        root,
        amendments=[
            {
                "date": "2026-01-10",
                "description": "Семинар перенесён на март.",
                "approval": approval("2026-01-12"),
            }
        ],
    )
    assert_passed(outcome(root, "plan-approved", "2026-01-20"))


# --- analysis-deadline (МПО п. 4.6) ----------------------------------------------------------


def test_analysis_submitted_on_15_july_passes(root: Path) -> None:
    analysis(root, "2026-07-15")
    result = outcome(root, "analysis-deadline", "2026-09-01")
    assert_passed(result)
    assert result.figures == "представлен 15.07.2026; последний день — 15.07.2026"


def test_analysis_submitted_on_16_july_fails(root: Path) -> None:
    analysis(root, "2026-07-16")
    result = outcome(root, "analysis-deadline", "2026-09-01")
    problem = assert_failed(result, "error")
    assert result.clause == "МПО п. 4.6"
    assert (problem.path, problem.message) == (
        ANALYSIS,
        "анализ представлен 16.07.2026, позже срока 15.07.2026.",
    )


def test_analysis_by_14_july_reading_accepts_14_july(root: Path) -> None:
    rules_settings(root, analysis_last_day_included=False)
    analysis(root, "2026-07-14")
    result = outcome(root, "analysis-deadline", "2026-09-01")
    assert_passed(result)
    assert result.figures == "представлен 14.07.2026; последний день — 14.07.2026"


def test_analysis_by_14_july_reading_finds_15_july_late(root: Path) -> None:
    rules_settings(root, analysis_last_day_included=False)
    analysis(root, "2026-07-15")
    problem = assert_failed(outcome(root, "analysis-deadline", "2026-09-01"), "error")
    assert problem.message == "анализ представлен 15.07.2026, позже срока 14.07.2026."


def test_analysis_not_submitted_ten_days_before_is_at_risk(root: Path) -> None:
    result = outcome(root, "analysis-deadline", "2026-07-05")
    assert (result.status, result.severity) == (Status.AT_RISK, "warning")
    assert (only(result).path, only(result).message) == (
        ANALYSIS,
        "анализ работы нужно представить в центр до 15.07.2026 включительно.",
    )


def test_analysis_warning_window_is_30_days(root: Path) -> None:
    far = outcome(root, "analysis-deadline", "2026-06-15")
    assert_in_progress(far)  # a draft is not «выполнено»
    assert far.figures == "анализ ещё не представлен; последний день — 15.07.2026"
    assert outcome(root, "analysis-deadline", "2026-06-16").status is Status.AT_RISK
    assert outcome(root, "analysis-deadline", "2026-07-15").status is Status.AT_RISK


def test_analysis_early_in_the_year_is_in_progress(root: Path) -> None:
    assert_in_progress(outcome(root, "analysis-deadline", "2025-09-10"))


def test_analysis_not_submitted_after_the_deadline_fails(root: Path) -> None:
    problem = assert_failed(outcome(root, "analysis-deadline", "2026-07-16"), "error")
    assert problem.due == date(2026, 7, 15)
    assert (problem.path, problem.message) == (
        ANALYSIS,
        "анализ работы за 2025/2026 учебный год не представлен, а срок истёк 15.07.2026. "
        "Представьте анализ (analysis.md, status: submitted).",
    )


def test_analysis_not_submitted_by_14_july_reading(root: Path) -> None:
    rules_settings(root, analysis_last_day_included=False)
    at_risk = outcome(root, "analysis-deadline", "2026-07-14")
    assert at_risk.status is Status.AT_RISK
    assert only(at_risk).message == (
        "анализ работы нужно представить в центр до 14.07.2026 включительно."
    )
    problem = assert_failed(outcome(root, "analysis-deadline", "2026-07-15"), "error")
    assert "срок истёк 14.07.2026" in problem.message


def test_analysis_submitted_after_the_as_of_date_does_not_count_yet(root: Path) -> None:
    analysis(root, "2026-07-10")
    assert outcome(root, "analysis-deadline", "2026-07-09").status is Status.AT_RISK
    assert_passed(outcome(root, "analysis-deadline", "2026-07-10"))


# --- analysis-frozen (МПО п. 4.6) ------------------------------------------------------------


def test_analysis_figures_matching_the_records_pass(root: Path) -> None:
    analysis(root, "2026-07-10")
    result = outcome(root, "analysis-frozen", "2026-07-20")
    assert_passed(result)
    assert result.figures == "совпадают"


def test_analysis_figures_differing_from_the_records_warn(root: Path) -> None:
    analysis(root, "2026-07-10", {**BASE_FIGURES, "meetings_held": 4})
    result = outcome(root, "analysis-frozen", "2026-07-20")
    problem = assert_failed(result, "warning")
    assert result.warns and not result.fails
    assert result.figures == "расхождений: 1"
    assert (problem.path, problem.message) == (
        ANALYSIS,
        "цифры анализа расходятся с записями — Заседаний проведено: в анализе 4, по записям 1. "
        "Анализ уже представлен, его цифры не меняются: объясните расхождение в поле "
        "figures_note.",
    )


def test_records_changed_after_submission_are_reported(root: Path) -> None:
    analysis(root, "2026-07-10")
    write_yaml(
        root,
        f"{FOLDER}/requests/2026-08-school-1.yaml",
        {
            "received": "2026-08-03",
            "requester": "ivanova-ma",
            "organization": "school-1",
            "channel": "email",
            "topic": "Как подготовить школу к новому году?",
            "direction": "methodical",
            "status": "received",
        },
    )
    problem = assert_failed(outcome(root, "analysis-frozen", "2026-08-05"), "warning")
    assert "Запросов: в анализе 1, по записям 2" in problem.message


def test_explained_difference_passes(root: Path) -> None:
    analysis(
        root,
        "2026-07-10",
        {**BASE_FIGURES, "meetings_held": 4},
        note="Протоколы трёх заседаний внесены в записи позже.",
    )
    result = outcome(root, "analysis-frozen", "2026-07-20")
    assert_passed(result)
    assert result.figures == "расхождение объяснено"


def test_draft_analysis_is_not_compared(root: Path) -> None:
    result = outcome(root, "analysis-frozen", "2026-07-20")
    assert_in_progress(result)  # nothing to compare yet: not «выполнено»
    assert result.figures == "анализ ещё не представлен"


def test_analysis_submitted_after_the_as_of_date_is_not_compared_yet(root: Path) -> None:
    analysis(root, "2026-07-10", {**BASE_FIGURES, "meetings_held": 4})
    assert_in_progress(outcome(root, "analysis-frozen", "2026-07-09"))
    assert outcome(root, "analysis-frozen", "2026-07-10").status is Status.FAILED


# --- leader-elected (МПО п. 4.1) -------------------------------------------------------------


def membership(root: Path, leader: dict[str, Any] | None) -> None:
    data: dict[str, Any] = {
        "participants": [
            {"person": "ivanova-ma", "role": "shnor_head"},
            {"person": "petrov-an", "role": "partner_head"},
        ],
    }
    if leader is not None:
        data["leader"] = leader
    write_yaml(root, MEMBERSHIP, data)


def test_elected_leader_passes(root: Path) -> None:
    assert_passed(outcome(root, "leader-elected", "2025-10-01"))


def test_leader_who_is_not_a_participant_fails(root: Path) -> None:
    membership(root, {"person": "sidorova-ev", "meeting": "2025-2026/01"})
    result = outcome(root, "leader-elected", "2025-10-01")
    problem = assert_failed(result, "error")
    assert result.clause == "МПО п. 4.1"
    assert (problem.path, problem.message) == (
        MEMBERSHIP,
        "руководитель «sidorova-ev» не входит в участники года.",
    )


def test_leader_elected_at_a_meeting_that_does_not_exist_fails(root: Path) -> None:
    membership(root, {"person": "petrov-an", "meeting": "2025-2026/02"})
    problem = assert_failed(outcome(root, "leader-elected", "2025-10-01"), "error")
    assert (problem.path, problem.message) == (
        MEMBERSHIP,
        "заседание 2025-2026/02, избравшее руководителя, не записано как проведённое.",
    )


def test_leader_elected_at_a_meeting_not_held_fails(root: Path) -> None:
    membership(root, {"person": "petrov-an", "meeting": "2025-2026/02"})
    meeting(root, 2, "2025-10-15", "planned", protocol=None)
    problem = assert_failed(outcome(root, "leader-elected", "2025-10-01"), "error")
    assert "заседание 2025-2026/02, избравшее руководителя" in problem.message


def test_leader_both_outsider_and_unelected_lists_both(root: Path) -> None:
    membership(root, {"person": "sidorova-ev", "meeting": "2025-2026/05"})
    result = outcome(root, "leader-elected", "2025-10-01")
    assert result.status is Status.FAILED
    assert len(result.problems) == 2


def test_missing_leader_fails(root: Path) -> None:
    membership(root, None)
    problem = assert_failed(outcome(root, "leader-elected", "2025-10-01"), "error")
    assert problem.message == (
        "руководитель объединения на этот год не указан. Добавьте leader в состав."
    )


# --- decisions-executed (МПО п. 4.2) ---------------------------------------------------------


def test_decision_past_its_deadline_without_mark_warns(root: Path) -> None:
    path = meeting(root, 2, "2025-10-15", decisions=[decision("2025-11-30")])
    waiting = outcome(root, "decisions-executed", "2025-11-30")  # the deadline's own day
    assert_in_progress(waiting)
    assert waiting.figures == "решений с истёкшим сроком: 0, без отметки: 0; срок ещё не истёк: 1"
    result = outcome(root, "decisions-executed", "2025-12-01")
    problem = assert_failed(result, "warning")
    assert problem.due == date(2025, 11, 30)
    assert result.figures == "решений с истёкшим сроком: 1, без отметки: 1"
    assert (problem.path, problem.message) == (
        path,
        "срок решения 1.1 истёк 30.11.2025, а отметки об исполнении нет. Отметьте исполнение "
        "(execution: status done) или объясните в примечании note, почему решение не выполнено.",
    )


def test_decision_numbering_in_the_message(root: Path) -> None:
    meeting(root, 2, "2025-10-15", decisions=[decision(), decision("2025-11-30")])
    problem = assert_failed(outcome(root, "decisions-executed", "2025-12-01"), "warning")
    assert problem.message.startswith("срок решения 1.2 истёк 30.11.2025")


@pytest.mark.parametrize(
    "execution",
    [
        {"status": "done"},
        {"status": "cancelled"},
        {"status": "overdue", "note": "Перенесено: школа на карантине."},
        {"status": "in_progress", "note": "Материалы готовы наполовину."},
    ],
)
def test_decision_marked_or_explained_passes(root: Path, execution: dict[str, Any]) -> None:
    meeting(root, 2, "2025-10-15", decisions=[decision("2025-11-30", execution)])
    result = outcome(root, "decisions-executed", "2025-12-01")
    assert_passed(result)
    assert result.figures == "решений с истёкшим сроком: 1, без отметки: 0"


def test_decision_done_before_its_deadline_is_met(root: Path) -> None:
    meeting(root, 2, "2025-10-15", decisions=[decision("2025-11-30", {"status": "done"})])
    assert_passed(outcome(root, "decisions-executed", "2025-11-01"))
    meeting(root, 2, "2025-10-15", decisions=[decision("2025-11-30", {"status": "in_progress"})])
    assert_in_progress(outcome(root, "decisions-executed", "2025-11-01"))


def test_year_without_decisions_due_is_in_progress_until_it_ends(root: Path) -> None:
    result = outcome(root, "decisions-executed", "2025-11-01")  # meeting 01: «немедленно»
    assert_in_progress(result)
    assert result.figures == "решений с истёкшим сроком пока нет"
    assert_passed(outcome(root, "decisions-executed", "2026-09-01"))


def test_decision_in_progress_without_note_warns(root: Path) -> None:
    meeting(root, 2, "2025-10-15", decisions=[decision("2025-11-30", {"status": "in_progress"})])
    assert_failed(outcome(root, "decisions-executed", "2025-12-01"), "warning")


# --- requests-answered (МПО п. 4.2.3; РОСТ п. 2.2.2) -----------------------------------------

REQUEST = f"{FOLDER}/requests/2025-11-school-1.yaml"


def request(root: Path, **fields: Any) -> None:
    write_yaml(
        root,
        REQUEST,
        {
            "received": "2025-11-03",
            "requester": "ivanova-ma",
            "organization": "school-1",
            "channel": "email",
            "topic": "Как провести самодиагностику школы?",
            "direction": "resource_diagnostic",
            "status": "received",
            **fields,
        },
    )


def consultation(root: Path, day: str) -> None:
    write_yaml(
        root,
        f"{FOLDER}/consultations/{day}-school-1.yaml",
        {
            "date": day,
            "form": "online",
            "consultant": "petrov-an",
            "recipients": ["ivanova-ma"],
            "request": "2025-11-school-1",
            "topic": "Самодиагностика школы",
            "direction": "resource_diagnostic",
            "summary": "Разобрали инструмент самодиагностики.",
        },
    )


def test_request_answered_in_time_passes(root: Path) -> None:
    result = outcome(root, "requests-answered", "2025-12-01")
    assert_passed(result)
    assert result.figures == "запросов: 1, с нарушением срока: 0"


def test_unanswered_request_past_its_due_date_warns(root: Path) -> None:
    request(root)  # received 03.11.2025, due in 14 days: 17.11.2025
    waiting = outcome(root, "requests-answered", "2025-11-17")
    assert_in_progress(waiting)
    assert waiting.figures == "запросов: 2, с нарушением срока: 0; ждут ответа, срок не истёк: 1"
    result = outcome(root, "requests-answered", "2025-11-18")
    problem = assert_failed(result, "warning")
    assert problem.due == date(2025, 11, 17)
    assert result.clause == "МПО п. 4.2.3; РОСТ п. 2.2.2"
    assert (problem.path, problem.message) == (
        REQUEST,
        "запрос от 03.11.2025: срок ответа истёк 17.11.2025, консультации нет. Проведите "
        "консультацию и запишите её (consultations/, поле request).",
    )


def test_request_answered_late_warns(root: Path) -> None:
    request(root, status="answered")
    consultation(root, "2025-11-20")
    problem = assert_failed(outcome(root, "requests-answered", "2025-12-01"), "warning")
    assert problem.message.startswith(
        "запрос от 03.11.2025: ответ дан 20.11.2025, позже срока 17.11.2025."
    )


def test_request_answered_on_its_due_day_passes(root: Path) -> None:
    request(root, status="answered")
    consultation(root, "2025-11-17")
    assert_passed(outcome(root, "requests-answered", "2025-12-01"))


def test_request_answered_before_its_due_day_is_met_at_once(root: Path) -> None:
    request(root, status="answered")
    consultation(root, "2025-11-05")
    assert_passed(outcome(root, "requests-answered", "2025-11-06"))


def test_request_due_date_of_its_own(root: Path) -> None:
    request(root, due="2025-11-07")
    problem = assert_failed(outcome(root, "requests-answered", "2025-11-08"), "warning")
    assert "срок ответа истёк 07.11.2025" in problem.message


def test_withdrawn_request_passes(root: Path) -> None:
    request(root, status="withdrawn")
    assert_passed(outcome(root, "requests-answered", "2025-12-01"))


# --- directions-covered (МПО п. 3.1) ---------------------------------------------------------


def test_missing_directions_warn(root: Path) -> None:
    result = outcome(root, "directions-covered", "2025-10-01")
    assert (result.status, result.severity) == (Status.AT_RISK, "warning")  # can still be planned
    problem = only(result)
    assert problem.due == date(2026, 8, 31)
    assert result.figures == "направлений: 2 из 4"
    assert (problem.path, problem.message) == (
        PLAN,
        "в плане и на заседаниях нет направлений: ресурсно-диагностическое; "
        "информационно-аналитическое, консультативное. Добавьте в план мероприятия по ним.",
    )


def test_missing_directions_fail_once_the_year_is_over(root: Path) -> None:
    assert outcome(root, "directions-covered", "2026-08-31").status is Status.AT_RISK
    problem = assert_failed(outcome(root, "directions-covered", "2026-09-01"), "warning")
    assert problem.message.startswith("в плане и на заседаниях нет направлений:")


def test_plan_and_meetings_together_cover_the_directions(root: Path) -> None:
    plan(root, items=[plan_item("2025-11", "resource_diagnostic", "Самодиагностика школ")])
    meeting(root, 2, "2025-10-15", direction="analytical")
    result = outcome(root, "directions-covered", "2025-10-01")
    assert_passed(result)
    assert result.figures == "направлений: 4 из 4"


# --- deficit-measures (МПО п. 4.2.2) ---------------------------------------------------------

DEFICIT = f"{FOLDER}/deficits/monitoring.yaml"


def deficit(root: Path, **fields: Any) -> None:
    data: dict[str, Any] = {
        "title": "Планирование внутреннего мониторинга",
        "area": "управление качеством образования",
        "found_by": ["initial_diagnostics"],
        "identified": "2025-09-20",
        "managers": 2,
        "measures": [{"text": "Консультация по внутреннему мониторингу", "date": "2025-10-07"}],
        "status": "in_work",
        **fields,
    }
    write_yaml(root, DEFICIT, {k: v for k, v in data.items() if v is not None})


def test_deficit_in_work_with_measures_passes(root: Path) -> None:
    assert_passed(outcome(root, "deficit-measures", "2025-12-01"))


def test_deficit_resolved_without_repeat_diagnostic_warns(root: Path) -> None:
    deficit(root, status="resolved")
    problem = assert_failed(outcome(root, "deficit-measures", "2025-12-01"), "warning")
    assert (problem.path, problem.message) == (
        DEFICIT,
        "дефицит «Планирование внутреннего мониторинга» отмечен устранённым без повторной "
        "диагностики. Добавьте запись повторной диагностики (diagnostics/) и укажите "
        "competence или верните статус in_work.",
    )


def test_deficit_resolved_with_repeat_diagnostic_passes(root: Path) -> None:
    deficit(
        root,
        status="resolved",
        repeat_diagnostic={"date": "2026-04-10", "result": "Все руководители составили план."},
    )
    assert_passed(outcome(root, "deficit-measures", "2026-05-01"))


def test_deficit_without_measures_warns(root: Path) -> None:
    deficit(root, status="identified", measures=None)
    problem = assert_failed(outcome(root, "deficit-measures", "2025-12-01"), "warning")
    assert problem.message == (
        "у дефицита «Планирование внутреннего мониторинга» нет мер. Добавьте measures."
    )


# --- plan-executed (МПО п. 4.1, 4.5) ---------------------------------------------------------


def test_past_plan_item_without_done_by_warns(root: Path) -> None:
    plan(root, items=[plan_item("2025-10", "analytical", "Семинар по анализу ВПР")])
    waiting = outcome(root, "plan-executed", "2025-10-31")
    assert_in_progress(waiting)
    assert waiting.figures == "прошедших пунктов: 1, без отметки: 0; ещё впереди: 1"
    result = outcome(root, "plan-executed", "2025-11-01")
    problem = assert_failed(result, "warning")
    assert problem.due == date(2025, 10, 31)
    assert result.figures == "прошедших пунктов: 2, без отметки: 1"
    assert (problem.path, problem.message) == (
        PLAN,
        "пункт плана 2 («Семинар по анализу ВПР», 2025-10) прошёл, но не указано, чем он "
        "выполнен. Добавьте done_by: заседание (2025-2026/02) или мероприятие; если пункт "
        "перенесён или отменён, отметьте это (status: moved или cancelled, reason).",
    )


def test_december_item_is_past_on_1_january(root: Path) -> None:
    plan(root, items=[plan_item("2025-12", "analytical", "Семинар по анализу ВПР")])
    assert_in_progress(outcome(root, "plan-executed", "2025-12-31"))
    assert outcome(root, "plan-executed", "2026-01-01").status is Status.FAILED


def test_past_plan_item_with_done_by_passes(root: Path) -> None:
    meeting(root, 2, "2025-10-15")
    plan(
        root,
        items=[plan_item("2025-10", "analytical", "Семинар по анализу ВПР", ["2025-2026/02"])],
    )
    assert_passed(outcome(root, "plan-executed", "2025-11-01"))
    assert_passed(outcome(root, "plan-executed", "2025-10-20"))  # linked before the month ends


def test_year_without_a_plan_is_in_progress_for_plan_executed(root: Path) -> None:
    (root / PLAN).unlink()
    result = outcome(root, "plan-executed", "2025-11-01")
    assert_in_progress(result)
    assert result.figures == "плана пока нет"


# --- council-chair (РОСТ п. 3.1.1) -----------------------------------------------------------


def test_chair_from_the_monitoring_department_passes(root: Path) -> None:
    result = outcome(root, "council-chair", "2025-11-10")
    assert_passed(result)
    assert result.association is None
    assert result.figures == "методист, отдел мониторинговых исследований"


def test_chair_outside_the_monitoring_department_fails(root: Path) -> None:
    council(root, chair="petrov-an")
    result = outcome(root, "council-chair", "2025-11-10")
    problem = assert_failed(result, "error")
    assert result.clause == "РОСТ п. 3.1.1"
    assert (problem.path, problem.message) == (
        COUNCIL,
        "председатель совета «petrov-an» на 10.11.2025 не числится в отделе «отдел "
        "мониторинговых исследований» центра (РОСТ п. 3.1.1). Проверьте должность "
        "председателя (department в его записи) или назначьте председателя из этого отдела.",
    )


def test_chair_who_moved_to_another_department_fails_from_that_day(root: Path) -> None:
    write_yaml(
        root,
        "records/people/sidorova-ev.yaml",
        {
            "surname": "Сидорова",
            "name": "Елена",
            "patronymic": "Викторовна",
            "positions": [
                {
                    "title": "методист",
                    "organization": "centre",
                    "department": "Отдел мониторинговых исследований",
                    "until": "2025-12-31",
                },
                {
                    "title": "заместитель директора",
                    "organization": "centre",
                    "department": "отдел сопровождения ШНОР",
                    "since": "2026-01-01",
                },
            ],
            "roles": ["centre_staff", "working_group"],
        },
    )
    assert_passed(outcome(root, "council-chair", "2025-12-31"))  # the case of letters is no matter
    problem = assert_failed(outcome(root, "council-chair", "2026-01-10"), "error")
    assert "«sidorova-ev» на 10.01.2026 не числится" in problem.message


# --- council-composition (РОСТ п. 3.1.2) -----------------------------------------------------


def test_missing_member_category_warns(root: Path) -> None:
    result = outcome(root, "council-composition", "2025-11-10")
    problem = assert_failed(result, "warning")
    assert result.figures == "категорий: 3 из 4"
    assert (problem.path, problem.message) == (
        COUNCIL,
        "в составе совета нет: специалист МБУДО «Центр ППСС». Дополните состав.",
    )


def test_every_member_category_passes(root: Path) -> None:
    write_yaml(
        root,
        "records/organizations/ppss.yaml",
        {"kind": "ppss", "names": [{"short": "МБУДО «Центр ППСС»", "full": "Центр ППСС"}]},
    )
    person(root, "kuzmina-op", "Кузьмина", "ppss")
    council(root, extra=[{"person": "kuzmina-op", "category": "ppss_specialist"}])
    result = outcome(root, "council-composition", "2025-11-10")
    assert_passed(result)
    assert result.figures == "категорий: 4 из 4"


def test_member_who_left_no_longer_represents_the_category(root: Path) -> None:
    write_yaml(
        root,
        "records/organizations/ppss.yaml",
        {"kind": "ppss", "names": [{"short": "МБУДО «Центр ППСС»", "full": "Центр ППСС"}]},
    )
    person(root, "kuzmina-op", "Кузьмина", "ppss")
    member = {"person": "kuzmina-op", "category": "ppss_specialist", "until": "2025-12-31"}
    council(root, extra=[member])
    assert_passed(outcome(root, "council-composition", "2025-12-31"))
    problem = assert_failed(outcome(root, "council-composition", "2026-01-01"), "warning")
    assert "специалист МБУДО «Центр ППСС»" in problem.message


# --- council-monitoring (РОСТ п. 5.3) --------------------------------------------------------


def test_finished_month_without_report_warns(root: Path) -> None:
    early = outcome(root, "council-monitoring", "2025-09-30")
    assert_in_progress(early)  # the year has just started
    assert early.figures == "закончившихся периодов: 0, без отчёта: 0; ещё не закончились: 12"
    result = outcome(root, "council-monitoring", "2025-10-01")
    problem = assert_failed(result, "warning")
    assert result.clause == "РОСТ п. 5.3"
    assert result.figures == "закончившихся периодов: 1, без отчёта: 1"
    assert (problem.path, problem.due) == (None, date(2025, 9, 30))
    assert problem.message == (
        "нет отчёта мониторинга страницы совета за 09.2025. Добавьте его в "
        "records/council/monitoring/."
    )


def test_every_gap_is_a_finding_of_its_own(root: Path) -> None:
    result = outcome(root, "council-monitoring", "2025-12-01")
    assert (result.status, result.severity) == (Status.FAILED, "warning")
    assert [(p.message[:49], p.due) for p in result.problems] == [
        ("нет отчёта мониторинга страницы совета за 09.2025", date(2025, 9, 30)),
        ("нет отчёта мониторинга страницы совета за 11.2025", date(2025, 11, 30)),
    ]


def test_every_finished_month_reported_is_in_progress_until_the_year_ends(root: Path) -> None:
    monitoring(root, "2025-09-01", "2025-09-30")
    result = outcome(root, "council-monitoring", "2025-11-15")
    assert_in_progress(result)
    assert result.figures == "закончившихся периодов: 2, без отчёта: 0; ещё не закончились: 10"


def test_every_month_of_the_year_reported_passes(root: Path) -> None:
    monitoring(root, "2025-09-01", "2025-09-30")
    for month in range(11, 13):
        monitoring(root, f"2025-{month}-01", f"2025-{month}-{30 if month == 11 else 31}")
    for month, last in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31)):
        monitoring(root, f"2026-{month:02d}-01", f"2026-{month:02d}-{last}")
    assert_in_progress(outcome(root, "council-monitoring", "2026-08-31"))  # August not over
    result = outcome(root, "council-monitoring", "2026-09-01")
    assert_passed(result)
    assert result.figures == "закончившихся периодов: 12, без отчёта: 0"


def test_calendar_quarter_reports_cover_the_quarterly_period(root: Path) -> None:
    rules_settings(root, monitoring_period="quarter")
    (root / "records/council/monitoring/2025-10.yaml").unlink()
    monitoring(root, "2025-07-01", "2025-09-30")
    monitoring(root, "2025-10-01", "2025-12-31")
    monitoring(root, "2026-01-01", "2026-03-31")
    assert_in_progress(outcome(root, "council-monitoring", "2026-04-15"))


# --- acknowledgements ------------------------------------------------------------------------


def test_acknowledged_failure_of_a_closed_year(root: Path) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root)
    result = outcome(root, "meetings-per-year", "2026-09-15")
    assert result.status is Status.ACKNOWLEDGED
    assert result.acknowledged_by == "10.09.2026: Заседание в мае не состоялось из-за карантина."
    assert not result.fails and not result.warns
    assert only(result).message.startswith("проведено 3 из 4 заседаний.")


def test_acknowledgement_year_may_be_written_with_a_slash(root: Path) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root, year="2025/2026")
    assert outcome(root, "meetings-per-year", "2026-09-15").status is Status.ACKNOWLEDGED


@pytest.mark.parametrize(
    "fields",
    [{"year": "2024-2025"}, {"rule": "protocol-required"}, {"association": "mpo-other"}],
)
def test_acknowledgement_of_another_finding_does_not_apply(
    root: Path, fields: dict[str, Any]
) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root, **fields)
    assert outcome(root, "meetings-per-year", "2026-09-15").status is Status.FAILED


def test_acknowledging_one_record_keeps_the_others_failing(root: Path) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    meeting(root, 3, "2026-02-11", protocol=None)
    acknowledgement(
        root,
        rule="protocol-required",
        subject=meeting_path(2),
        reason="Протокол утрачен при переезде школы.",
    )
    result = outcome(root, "protocol-required", "2026-09-15")
    assert result.status is Status.FAILED
    assert [p.path for p in result.problems] == [meeting_path(3)]


def test_acknowledgement_accepts_only_findings_due_by_its_date(root: Path) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)  # its protocol was due on 29.10.2025
    meeting(root, 3, "2025-12-24", protocol=None)  # due on 19.01.2026, after the New Year break
    acknowledgement(
        root,
        rule="protocol-required",
        date="2026-01-10",
        reason="Осенние протоколы утрачены при переезде школы.",
    )
    result = outcome(root, "protocol-required", "2026-02-01")
    assert result.status is Status.FAILED
    assert [(p.path, p.due) for p in result.problems] == [(meeting_path(3), date(2026, 1, 19))]
    assert result.fails
    assert [(p.path, by) for p, by in result.accepted] == [
        (meeting_path(2), "10.01.2026: Осенние протоколы утрачены при переезде школы.")
    ]


def test_check_shows_a_partly_accepted_finding_as_a_notice(root: Path, runner: CliRunner) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    meeting(root, 3, "2025-12-24", protocol=None)
    acknowledgement(root, rule="protocol-required", date="2026-01-10", reason="Протоколы утрачены.")
    code, output = check(runner, root, "2026-02-01", "--format", "github")
    assert code == 1  # the December protocol still fails
    lines = [line for line in output.splitlines() if "[protocol-required]" in line]
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice", "::error"]
    assert lines[0].startswith(f"::notice file={meeting_path(2)},")
    assert lines[0].endswith("Принято центром 10.01.2026: Протоколы утрачены.")
    assert lines[1].startswith(f"::error file={meeting_path(3)},")
    assert "принято центром: 1." in output.splitlines()[-1]


@pytest.mark.parametrize(("acknowledged", "status"), [
    ("2025-10-29", Status.ACKNOWLEDGED),  # on the protocol's last day: a closed period
    ("2025-10-28", Status.FAILED),  # before it: the finding was not due yet
])  # fmt: skip
def test_acknowledgement_on_the_due_day_accepts(
    root: Path, acknowledged: str, status: Status
) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    acknowledgement(root, rule="protocol-required", date=acknowledged, reason="Протокол утрачен.")
    assert outcome(root, "protocol-required", "2025-11-10").status is status


@pytest.mark.parametrize(("acknowledged", "status"), [
    ("2026-08-31", Status.ACKNOWLEDGED),  # a year-wide finding is due at the year's end
    ("2026-08-30", Status.FAILED),
])  # fmt: skip
def test_year_wide_finding_is_accepted_only_from_the_end_of_the_year(
    root: Path, acknowledged: str, status: Status
) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root, date=acknowledged)
    assert outcome(root, "meetings-per-year", "2026-09-15").status is status


def test_at_risk_finding_cannot_be_acknowledged(root: Path) -> None:
    acknowledgement(root, date="2025-09-15")
    result = outcome(root, "meetings-per-year", "2025-10-01")  # due at the end of May
    assert (result.status, only(result).due) == (Status.AT_RISK, date(2026, 5, 31))


def test_acknowledgement_splits_the_months_of_the_council_monitoring(root: Path) -> None:
    write_yaml(
        root,
        "records/acknowledgements/2025-monitoring.yaml",
        {
            "rule": "council-monitoring",
            "year": "2025-2026",
            "reason": "Статистика сообщества за сентябрь недоступна.",
            "decided_by": "sidorova-ev",
            "date": "2025-11-05",
        },
    )
    result = outcome(root, "council-monitoring", "2025-12-01")  # 09.2025 and 11.2025 missing
    assert result.status is Status.FAILED
    assert [p.due for p in result.problems] == [date(2025, 11, 30)]


def test_finding_without_a_term_is_accepted_whenever_acknowledged(root: Path) -> None:
    deficit(root, status="identified", measures=None)
    acknowledgement(
        root, rule="deficit-measures", date="2025-11-01", reason="Меры обсуждаются с центром."
    )
    result = outcome(root, "deficit-measures", "2025-12-01")
    assert (result.status, only(result).due) == (Status.ACKNOWLEDGED, None)


# --- the `check` command ---------------------------------------------------------------------


def key_line(root: Path, relative: str, key: str) -> int:
    """The line of a top-level key in a record, counted from 1: where a finding must point."""
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.startswith(f"{key}:"))


def line_about(output: str, rule_id: str) -> str:
    """The one line of `check` output about a rule."""
    found = [line for line in output.splitlines() if f"[{rule_id}]" in line]
    assert len(found) == 1, output
    return found[0]


SUMMARY = re.compile(
    r"Проверено правил: (\d+) \(областей проверки: (\d+)\), из них идёт \(срок ещё не "
    r"наступил\): (\d+)\. Нарушений: (\d+), предупреждений: (\d+), принято центром: (\d+)\.$"
)


def summary_of(output: str) -> dict[str, int]:
    """The numbers of check's closing line."""
    found = SUMMARY.fullmatch(output.splitlines()[-1])
    assert found, output.splitlines()[-1]
    keys = ("rules", "scopes", "in_progress", "errors", "warnings", "acknowledged")
    return dict(zip(keys, map(int, found.groups()), strict=True))


def finding_lines(output: str) -> dict[str, int]:
    """The findings printed above the summary, by kind, as a reader tells them apart."""
    lines = [line for line in output.splitlines() if TAG.search(line)]
    acknowledged = [line for line in lines if " Принято центром " in line]
    warnings = [line for line in lines if line.endswith("(предупреждение)")]
    return {
        "errors": len(lines) - len(acknowledged) - len(warnings),
        "warnings": len(warnings),
        "acknowledged": len(acknowledged),
    }


def assert_summary_counts_the_lines(output: str) -> dict[str, int]:
    numbers = summary_of(output)
    assert {k: numbers[k] for k in ("errors", "warnings", "acknowledged")} == finding_lines(output)
    return numbers


TAG = re.compile(r": \[[a-z-]+\] ")


def test_check_fails_on_an_unacknowledged_error(root: Path, runner: CliRunner) -> None:
    three_meetings_closed_year(root)
    code, output = check(runner, root, "2026-09-01")
    assert code == 1
    line = line_about(output, "meetings-per-year")
    items = key_line(root, PLAN, "items")  # a year's finding points at its plan
    assert line.startswith(f"{PLAN}:{items}:1: [meetings-per-year] МПО п. 4.3 — проведено 3 из 4")
    assert "проведено 3 из 4 заседаний. Учебный год закончился;" in line
    assert not line.endswith("(предупреждение)")
    numbers = assert_summary_counts_the_lines(output)
    # the association's year and the council's two years (2026/2027 has just opened)
    assert (numbers["rules"], numbers["scopes"]) == (23, 3)
    # the year's meetings; the council's composition in both years, its missing reports of
    # 09.2025, 11.2025–08.2026 (eleven months); two directions missing from the plan; the
    # year's entry and repeat diagnostics never held
    assert (numbers["errors"], numbers["warnings"], numbers["acknowledged"]) == (1, 16, 0)
    assert numbers["in_progress"] == 1  # the council's 2026/2027 monitoring: no month over yet


def test_summary_counts_findings_not_rules(root: Path, runner: CliRunner) -> None:
    for number, day in enumerate(("2025-10-15", "2025-11-12", "2025-12-10"), start=2):
        meeting(root, number, day, protocol=None)
    code, output = check(runner, root, "2026-01-20", "--association", "mpo-test")
    assert code == 1
    protocols = [line for line in output.splitlines() if "[protocol-required]" in line]
    assert len(protocols) == 3  # one rule, three findings
    numbers = assert_summary_counts_the_lines(output)
    assert numbers["errors"] == 3


def test_check_text_starts_with_where_and_names_the_year_once(
    root: Path, runner: CliRunner
) -> None:
    _code, output = check(runner, root, "2025-10-01")
    assert line_about(output, "meetings-per-year") == (
        f"{PLAN}:{key_line(root, PLAN, 'items')}:1: [meetings-per-year] МПО п. 4.3 — "
        "проведено 1 из 4 заседаний, больше заседаний не запланировано; чтобы выполнить норму, "
        "запланируйте ещё хотя бы три заседания до конца мая 2026 г. (предупреждение)"
    )


def test_check_passes_with_warnings_and_strict_fails_on_them(root: Path, runner: CliRunner) -> None:
    code, output = check(runner, root, "2025-10-01")
    assert code == 0
    line = line_about(output, "meetings-per-year")
    assert line.startswith(f"{PLAN}:{key_line(root, PLAN, 'items')}:1: [meetings-per-year] ")
    assert line.endswith(
        "проведено 1 из 4 заседаний, больше заседаний не запланировано; чтобы выполнить норму, "
        "запланируйте ещё хотя бы три заседания до конца мая 2026 г. (предупреждение)"
    )
    assert line_about(output, "council-monitoring") == (
        f"{COUNCIL}:1:1: [council-monitoring] РОСТ п. 5.3 — нет отчёта мониторинга "
        "страницы совета за 09.2025. Добавьте его в records/council/monitoring/. "
        "(предупреждение)"
    )
    numbers = assert_summary_counts_the_lines(output)
    # the year at risk, two directions missing, the council's composition and September report
    assert (numbers["errors"], numbers["warnings"], numbers["acknowledged"]) == (0, 4, 0)
    strict_code, _ = check(runner, root, "2025-10-01", "--strict")
    assert strict_code == 1


def test_check_strict_passes_without_warnings(root: Path, runner: CliRunner) -> None:
    code, output = check(runner, root, "2025-09-20", "--strict", "--association", "mpo-test")
    assert code == 1  # the year is at risk and two directions are missing
    meeting(root, 2, "2025-12-10", "planned", protocol="draft", direction="analytical")
    meeting(root, 3, "2026-02-11", "planned", protocol=None)
    meeting(root, 4, "2026-04-15", "planned", protocol=None)
    plan(root, items=[plan_item("2025-11", "resource_diagnostic", "Самодиагностика школ")])
    code, output = check(runner, root, "2025-09-20", "--strict", "--association", "mpo-test")
    assert code == 0, output
    # in progress: the meetings, their protocols, the analysis (draft), its figures, the
    # decisions (none with a deadline yet), the plan's items ahead; the plan is approved
    assert output.splitlines() == [
        "Проверено правил: 15 (областей проверки: 1), из них идёт (срок ещё не наступил): 7. "
        "Нарушений: 0, предупреждений: 0, принято центром: 0."
    ]


def test_check_names_the_record_of_a_protocol_failure(root: Path, runner: CliRunner) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    code, output = check(runner, root, "2025-10-30")
    assert code == 1
    assert (
        f"{meeting_path(2)}:{key_line(root, meeting_path(2), 'status')}:1: [protocol-required] "
        f"МПО п. 4.4 — заседание 15.10.2025 прошло, а протокола нет. {ADVICE}"
    ) in output.splitlines()


def test_check_passes_when_the_failure_is_acknowledged(root: Path, runner: CliRunner) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root)
    code, output = check(runner, root, "2026-09-15")
    assert code == 0, output
    line = line_about(output, "meetings-per-year")
    assert line.startswith(f"{PLAN}:{key_line(root, PLAN, 'items')}:1: [meetings-per-year] ")
    assert line.endswith(
        "проведено 3 из 4 заседаний. Учебный год закончился; если норма не выполнена по "
        "уважительной причине, центр может принять это замечание (запись в "
        "records/acknowledgements). Принято центром 10.09.2026: Заседание в мае не состоялось "
        "из-за карантина."
    )
    numbers = assert_summary_counts_the_lines(output)
    assert (numbers["errors"], numbers["acknowledged"]) == (0, 1)
    strict_code, _ = check(runner, root, "2026-09-15", "--strict")
    assert strict_code == 1  # the council's warnings remain


def test_check_json_output(root: Path, runner: CliRunner) -> None:
    three_meetings_closed_year(root)
    code, output = check(runner, root, "2026-09-01", "--format", "json")
    assert code == 1
    report = json.loads(output)
    found = [o for o in report["outcomes"] if o["rule"] == "meetings-per-year"]
    assert len(found) == 1
    assert {k: found[0][k] for k in ("association", "year", "status", "status_title")} == {
        "association": "mpo-test",
        "year": "2025-2026",
        "status": "failed",
        "status_title": "нарушено",
    }
    assert found[0]["severity"] == "error"
    assert found[0]["clause"] == "МПО п. 4.3"
    assert found[0]["problems"][0]["path"] is None
    assert found[0]["problems"][0]["due"] == "2026-08-31"  # the end of the school year
    assert found[0]["problems"][0]["message"].startswith("проведено 3 из 4 заседаний.")
    assert "Нарушений: 1," in report["summary"]
    assert report["counts"] == {
        "rules": 23, "scopes": 3, "errors": 1, "warnings": 16, "acknowledged": 0,
        "passed": sum(o["status"] == "passed" for o in report["outcomes"]), "in_progress": 1,
    }  # fmt: skip
    located = [d for d in report["diagnostics"] if d["code"] == "meetings-per-year"]
    assert [(d["path"], d["line"], d["column"], d["clause"], d["severity"]) for d in located] == [
        (PLAN, key_line(root, PLAN, "items"), 1, "МПО п. 4.3", "error")
    ]


def test_check_json_output_marks_acknowledged(root: Path, runner: CliRunner) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root)
    code, output = check(runner, root, "2026-09-15", "--format", "json")
    assert code == 0
    found = next(o for o in json.loads(output)["outcomes"] if o["rule"] == "meetings-per-year")
    assert (found["status"], found["status_title"]) == ("acknowledged", "принято центром")
    assert found["acknowledged_by"] == "10.09.2026: Заседание в мае не состоялось из-за карантина."


def test_check_github_output(root: Path, runner: CliRunner) -> None:
    meeting(root, 2, "2025-10-15", protocol=None)
    code, output = check(runner, root, "2025-10-30", "--format", "github")
    assert code == 1
    lines = output.splitlines()
    assert (
        f"::error file={meeting_path(2)},line={key_line(root, meeting_path(2), 'status')},col=1,"
        "title=[protocol-required] МПО п. 4.4::"
        f"заседание 15.10.2025 прошло, а протокола нет. {ADVICE}"
    ) in lines
    warning = line_about(output, "meetings-per-year")
    items = key_line(root, PLAN, "items")
    assert warning.startswith(
        f"::warning file={PLAN},line={items},col=1,title=[meetings-per-year] МПО п. 4.3::"
    )
    assert warning.endswith(
        "проведено 1 из 4 заседаний, больше заседаний не запланировано; чтобы выполнить норму, "
        "запланируйте ещё хотя бы три заседания до конца мая 2026 г. (предупреждение)"
    )
    assert lines[-1].startswith("Проверено правил:")


def test_check_github_output_shows_acknowledged_as_notice(root: Path, runner: CliRunner) -> None:
    three_meetings_closed_year(root)
    acknowledgement(root)
    code, output = check(runner, root, "2026-09-15", "--format", "github")
    assert code == 0
    notice = line_about(output, "meetings-per-year")
    assert notice.startswith(
        f"::notice file={PLAN},line={key_line(root, PLAN, 'items')},col=1,"
        "title=[meetings-per-year] МПО п. 4.3::"
    )
    assert "проведено 3 из 4 заседаний." in notice
    assert notice.endswith(
        "Принято центром 10.09.2026: Заседание в мае не состоялось из-за карантина."
    )


def test_check_year_and_association_options(root: Path, runner: CliRunner) -> None:
    three_meetings_closed_year(root)
    code, output = check(
        runner, root, "2026-09-01", "--year", "2025/2026", "--association", "mpo-test"
    )
    assert code == 1
    assert "совет «РОСТ»" not in output
    assert "Проверено правил: 15 (областей проверки: 1)," in output


def test_check_json_output_marks_in_progress(root: Path, runner: CliRunner) -> None:
    code, output = check(runner, root, "2025-10-01", "--format", "json")
    assert code == 0
    report = json.loads(output)
    statuses = {(o["rule"], o["year"]): o for o in report["outcomes"]}
    analysis_deadline = statuses[("analysis-deadline", "2025-2026")]
    assert (analysis_deadline["status"], analysis_deadline["status_title"]) == (
        "in_progress",
        "идёт",
    )
    assert analysis_deadline["problems"] == []
    assert {o["status"] for o in report["outcomes"]} <= {
        "passed", "in_progress", "at_risk", "failed", "acknowledged",
    }  # fmt: skip
    assert report["counts"]["in_progress"] == sum(
        o["status"] == "in_progress" for o in report["outcomes"]
    )
    assert (
        f"из них идёт (срок ещё не наступил): {report['counts']['in_progress']}."
        in (report["summary"])
    )


def test_sample_records_pass_check(runner: CliRunner) -> None:
    code, output = check(runner, REPO, "2026-11-20")
    assert code == 0, output
    assert "Нарушений: 0," in output.splitlines()[-1]
    assert_summary_counts_the_lines(output)


def test_sample_year_that_runs_reads_in_progress_not_met(runner: CliRunner) -> None:
    """As of 20.11.2026 the 2026/2027 year has just begun: what has a term ahead is «идёт»."""
    _code, output = check(runner, REPO, "2026-11-20", "--format", "json", "--year", "2026-2027")
    statuses = {
        o["rule"]: o["status"] for o in json.loads(output)["outcomes"] if o["year"] == "2026-2027"
    }
    for rule_id in (
        "meetings-per-year", "protocol-required", "analysis-deadline", "analysis-frozen",
        "plan-executed", "council-monitoring",
    ):  # fmt: skip
        assert statuses[rule_id] == "in_progress", rule_id


# --- how statuses read on the dashboard and in the pull request's summary --------------------


def made(status: Status, severity: str = "error", problems: int = 0) -> Outcome:
    return Outcome(
        rule="protocol-required",
        clause="МПО п. 4.4",
        title="у прошедшего заседания есть подписанный протокол",
        association="mpo-test",
        year=YEAR,
        status=status,
        severity=severity,
        problems=tuple(Problem(f"заседание {n} прошло, а протокола нет.") for n in range(problems)),
    )


@pytest.mark.parametrize(("status", "severity", "label", "icon"), [
    (Status.PASSED, "error", "выполнено", "✅"),
    (Status.IN_PROGRESS, "error", "идёт", "⏳"),
    (Status.AT_RISK, "warning", "под угрозой (предупреждение)", "⚠️"),
    (Status.FAILED, "error", "нарушено", "❌"),
    (Status.FAILED, "warning", "нарушено (предупреждение)", "⚠️"),
    (Status.ACKNOWLEDGED, "error", "принято центром", "☑️"),
])  # fmt: skip
def test_status_labels(status: Status, severity: str, label: str, icon: str) -> None:
    assert (made(status, severity).label, made(status, severity).icon) == (label, icon)


def test_dashboard_summary_counts_findings_and_rules() -> None:
    met = [made(Status.PASSED), made(Status.PASSED)]
    assert year_summary(met) == "все требования выполнены"
    assert year_icon(met) == "✅"
    running = [*met, made(Status.IN_PROGRESS)]
    assert (
        year_summary(running)
        == "замечаний нет; из 3 правил выполнено 2, идёт 1 (срок ещё не наступил)"
    )
    assert year_icon(running) == "⏳"
    wrong = [*running, made(Status.FAILED, problems=3), made(Status.AT_RISK, "warning", 1)]
    assert year_summary(wrong) == (
        "нарушений: 3, предупреждений: 1; из 5 правил выполнено 2, идёт 1 (срок ещё не наступил)"
    )
    assert year_icon(wrong) == "❌"
    assert status_mark(made(Status.FAILED, problems=1)) == "❌ **НАРУШЕНО**"
    assert status_mark(made(Status.FAILED, "warning", 1)) == "⚠️ **нарушено (предупреждение)**"
    assert status_mark(made(Status.IN_PROGRESS)) == "⏳ идёт"


def test_check_diff_labels_statuses_and_lists_rules_in_progress(
    root: Path, runner: CliRunner, tmp_path: Path
) -> None:
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(check(runner, root, "2025-10-20", "--format", "json")[1], encoding="utf-8")
    meeting(root, 2, "2025-10-15", protocol=None)
    head.write_text(check(runner, root, "2025-10-30", "--format", "json")[1], encoding="utf-8")
    diff = runner.invoke(main, ["check-diff", str(base), str(head)]).output
    new = diff.split("### Новые замечания", 1)[1].split("### Устранённые", 1)[0]
    assert "- ❌ нарушено: **[protocol-required] МПО п. 4.4** — " in new
    running = diff.split("<details>", 1)[1]
    assert "⏳ Идёт, срок ещё не наступил:" in running
    assert "- [analysis-deadline] МПО п. 4.6 — mpo-test, 2025/2026: анализ ещё не представлен" in (
        running
    )


# --- one check, many scopes ------------------------------------------------------------------


def test_the_scopes_of_a_check_work_out_project_wide_facts_once(root: Path) -> None:
    """`Scope.once` computes a fact of the whole project for the first scope of a check and
    hands it to the others; the next check starts afresh."""
    project, problems = load_project(root)
    assert problems == []
    as_of = date(2026, 11, 20)
    calls: list[date] = []

    def today() -> date:
        calls.append(as_of)
        return as_of

    scopes = list(_scopes(project, as_of, RuleSettings(), project.settings, None, None))
    assert len(scopes) > 1
    assert [scope.once("today", today) for scope in scopes] == [as_of] * len(scopes)
    assert len(calls) == 1
    again = next(iter(_scopes(project, as_of, RuleSettings(), project.settings, None, None)))
    assert again.once("today", today) == as_of and len(calls) == 2


def test_a_project_checked_again_on_another_day_sees_that_day(root: Path) -> None:
    """Nothing a check works out outlives it: the same loaded project, checked before and after
    a person consents to be named, is judged by each day's consent (mkdocs serve checks a
    project again in the same process)."""
    path = root / FOLDER / "meetings" / "01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("topic: Установочное заседание", "topic: Доклад М. А. Ивановой"),
        encoding="utf-8",
    )
    person = root / "records" / "people" / "ivanova-ma.yaml"
    text = person.read_text(encoding="utf-8")
    person.write_text(text.replace("date: 2025-08-01", "date: 2026-01-15"), encoding="utf-8")
    project, problems = load_project(root)
    assert problems == []

    def review(as_of: date) -> Status:
        found = evaluate(project, as_of, year=YEAR, association="mpo-test")
        return next(o for o in found if o.rule == "publication-review").status

    assert review(date(2025, 12, 1)) is Status.FAILED
    assert review(date(2026, 2, 1)) is Status.PASSED
    assert review(date(2025, 12, 1)) is Status.FAILED
