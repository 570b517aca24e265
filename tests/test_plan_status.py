"""What becomes of a plan item after approval — done, moved, cancelled — and membership dates,
as an editor and a reader notice them: the year page and the plan document keep the approved
term and show the change beside it; plan-executed judges a moved item by its new date and
stops at a cancelled one; who left is no participant on a later day.

The validation messages themselves are golden cases (tests/cases/plan-item-*,
participant-left-before-joined); the rule's boundaries are rule cases
(tests/rule_cases/plan-executed--*).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pydantic import ValidationError

from generator.checking.compliance import evaluate
from generator.checking.rules import association
from generator.checking.rules.base import Scope
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.documents.catalog import DocumentRef
from generator.documents.context import Paperwork
from generator.documents.kinds import render_document
from generator.loading.project import Project
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from schemas import Membership, Participant, PlanItem, RuleSettings
from schemas.enums import PlanItemStatus

from .conftest import REPO, untypeset

AS_OF = date(2026, 11, 20)
YEAR_PAGE = "associations/mpo-tula/2025-2026/index.md"


@pytest.fixture(scope="module")
def project() -> Project:
    result = validate(REPO)
    assert result.ok
    return result.project


def year_of(project: Project, school_year: str) -> Year:
    return next(y for y in collect_years(project) if y.year == school_year)


def row(page: str, topic: str) -> str:
    """The plan table's row of the item whose topic begins so."""
    return next(line for line in page.splitlines() if line.startswith("| ") and topic in line)


ITEM = {
    "month": "2026-02",
    "topic": "Семинар",
    "direction": "analytical",
    "form": "seminar",
    "responsible": ["petrov-an"],
    "expected_result": "Итог.",
}


# --- the model -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"status": "moved", "reason": "Так."}, "moved_to", "нужна новая дата"),
        ({"moved_to": "2026-03-12"}, "moved_to", "только у перенесённого"),
        ({"status": "moved", "moved_to": "2026-02-20", "reason": "Так."}, "moved_to", "не перенос"),
        ({"status": "cancelled"}, "reason", "почему пункт отменён"),
        ({"status": "done", "reason": "Так."}, "reason", "только у перенесённого или отменённого"),
        ({"status": "cancelled", "reason": "Так.", "done_by": ["2025-2026/02"]}, "done_by", ""),
    ],
)
def test_plan_item_status_mistakes_name_the_field(
    changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        PlanItem.model_validate({**ITEM, **changes})
    error = raised.value.errors()[0]
    assert error["ctx"]["field"] == field
    assert words in error["msg"]


def test_moved_item_is_judged_by_the_month_of_its_new_date() -> None:
    item = PlanItem.model_validate(
        {**ITEM, "status": "moved", "moved_to": "2026-04-02", "reason": "Так."}
    )
    assert (item.month, item.month_due()) == ("2026-02", "2026-04")


def test_participant_is_one_from_joining_until_the_day_of_leaving() -> None:
    member = Participant.model_validate(
        {"person": "a", "role": "shnor_head", "joined": "2025-10-01", "left": "2026-01-15"}
    )
    assert not member.member_on(date(2025, 9, 30))
    assert member.member_on(date(2025, 10, 1))
    assert member.member_on(date(2026, 1, 14))
    assert not member.member_on(date(2026, 1, 15))


# --- the sample: page, document, rule ------------------------------------------------------------


def test_year_page_keeps_approved_term_and_shows_the_change_beside_it(project: Project) -> None:
    page = untypeset(render_site(project, publishing_from("public", AS_OF))[YEAR_PAGE])
    assert "| Отметка о выполнении |" in page
    moved = row(page, "| 19.02.2026 | Заседание «Программы перевода ШНОР")
    assert "перенесено на 12.03.2026 (в феврале проходят региональные контрольные работы" in moved
    assert "выполнено ([заседание № 4" in moved
    cancelled = row(page, "| февраль 2026 | Выездной практикум")
    assert "отменено (заменён участием в федеральном вебинаре" in cancelled
    assert "выполнено ([вебинар «Антирисковые программы" in row(page, "| 17.02.2026 | Участие")


def plan_text(project: Project, year: Year) -> str:
    ref = DocumentRef("plan", "mpo-tula", year.year)
    markdown = render_document(ref, year, Paperwork(project), AS_OF).markdown
    return untypeset(markdown).replace("\\", "")


def test_plan_document_keeps_the_approved_table_and_marks_each_item_after_it(
    project: Project,
) -> None:
    text = plan_text(project, year_of(project, "2025-2026"))
    table, marks = text.split("Отметки о выполнении:")
    assert "| 7 | Заседание «Программы перевода ШНОР" in table
    assert "| 19.02.2026 | заседание |" in row(table, "| 7 |")  # the approved date stays
    assert "перенесено на" not in table
    assert (
        "Пункт 7: перенесено на 12.03.2026 (в феврале проходят региональные контрольные работы, "
        "участники заняты их организацией; изменение плана от 20.01.2026); выполнено "
        "(заседание № 4)." in marks
    )
    assert "Пункт 8: отменено (заменён участием в федеральном вебинаре" in marks
    assert "Пункт 1: выполнено (заседание № 1)." in marks
    assert marks.index("Пункт 11") < marks.index("Составил:")


def test_plan_document_without_marks_has_no_marks_section(project: Project) -> None:
    year = year_of(project, "2025-2026")
    assert year.plan is not None and year.plan_record is not None
    bare = year.plan.model_copy(
        update={
            "items": [
                i.model_copy(update={"done_by": [], "status": None, "moved_to": None})
                for i in year.plan.items
            ]
        }
    )
    year = dataclasses.replace(year, plan_record=(year.plan_record[0], bare))
    assert "Отметки о выполнении" not in plan_text(project, year)


def test_plan_executed_passes_on_the_sample_with_a_cancelled_item(project: Project) -> None:
    found = [o for o in evaluate(project, AS_OF, year="2025-2026") if o.rule == "plan-executed"]
    assert [o.status.value for o in found] == ["passed"]
    assert "отменено: 1" in found[0].figures
    sample = year_of(project, "2025-2026").plan
    assert sample is not None
    assert {i.status for i in sample.items} == set(PlanItemStatus)


# --- membership dates ----------------------------------------------------------------------------


def test_year_page_lists_who_joined_during_the_year(project: Project) -> None:
    pages = render_site(project, publishing_from("public", AS_OF))
    page = untypeset(pages["associations/mpo-tula/2026-2027/index.md"])
    assert "Состав менялся в течение года:" in page
    assert "Яковлева Т. А., директор, МБОУ «СШ № 173» — в составе с 15.09.2026" in page


def test_leader_who_left_before_the_election_is_reported(project: Project) -> None:
    year = year_of(project, "2025-2026")
    membership = year.membership
    assert membership is not None and membership.leader is not None
    leader = membership.leader.person
    participants = [
        p.model_copy(update={"left": date(2025, 8, 1)}) if p.person == leader else p
        for p in membership.participants
    ]
    changed = Membership.model_validate(
        {**membership.model_dump(), "participants": [p.model_dump() for p in participants]}
    )
    assert year.membership_record is not None
    record = year.membership_record[0]
    altered = dataclasses.replace(year, membership_record=(record, changed))
    scope = Scope(project, RuleSettings(), None, AS_OF, "2025-2026", altered)
    verdict = association.leader_elected.check(scope)
    assert verdict.status.value == "failed"
    assert "в тот день не был участником" in verdict.problems[0].message


def test_register_leaves_out_who_had_left_before_the_meeting(project: Project) -> None:
    year = year_of(project, "2026-2027")
    membership = year.membership
    assert membership is not None and year.membership_record is not None
    gone = membership.model_copy(
        update={
            "participants": [
                p.model_copy(update={"left": date(2026, 10, 1)}) if p.person == "lebedeva-mi" else p
                for p in membership.participants
            ]
        }
    )
    altered = dataclasses.replace(year, membership_record=(year.membership_record[0], gone))
    ref = DocumentRef("register", "mpo-tula", "2026-2027", "02")  # held 29.10.2026, she was absent
    assert "Лебедева" in render_document(ref, year, Paperwork(project), AS_OF).markdown
    assert "Лебедева" not in render_document(ref, altered, Paperwork(project), AS_OF).markdown


def test_item_moved_past_the_year_end_is_to_be_cancelled_here(project: Project) -> None:
    year = year_of(project, "2025-2026")
    assert year.plan is not None and year.plan_record is not None
    items = [
        i.model_copy(update={"moved_to": date(2026, 9, 10)}) if i.moved_to else i
        for i in year.plan.items
    ]
    moved = year.plan.model_copy(update={"items": items})
    altered = dataclasses.replace(year, plan_record=(year.plan_record[0], moved))
    scope = Scope(project, RuleSettings(), None, AS_OF, "2025-2026", altered)
    verdict = association.plan_executed.check(scope)
    assert verdict.status.value == "failed"
    (problem,) = verdict.problems
    assert problem.loc == ("items", 6, "moved_to")
    assert "перенесён на 10.09.2026): новая дата — за пределами учебного года" in problem.message
    assert "status: cancelled" in problem.message
