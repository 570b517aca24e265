"""What each official document says, as a records clerk reads it against ГОСТ Р 7.0.97:
the extract's certification, the register's rows and mark, the invitation as a letter, the
plan's grif, the analysis's sections, the protocol's attachments and numbering.

Most tests read the rendered Markdown (`render_document`) with its escapes and no-break
spaces taken away, as the text a reader sees; a few convert it with pandoc to check styles.
Besides the sample records, each fix is checked on records changed to the general case.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from pydantic import ValidationError

from generator.checking.validate import validate
from generator.checking.workdays import is_working_day
from generator.checking.years import Year, collect_years
from generator.documents.catalog import KINDS, DocumentRef
from generator.documents.context import Paperwork, labelled, sentence
from generator.documents.escape import narrative
from generator.documents.export import Selection, render_selection
from generator.documents.kinds import (
    LONG_PRESENT_LIST,
    REPLY_WORKING_DAYS,
    numbered_sections,
    render_document,
    working_days_before,
)
from generator.documents.pandoc import convert
from generator.loading.project import Project
from generator.rendering.publication import Edition, Publishing, publishing_from
from generator.rendering.site import render_site
from schemas import Absence, AgendaItem, Meeting, Voting
from schemas.association import Approval
from schemas.enums import MeetingFormat, ProtocolStatus
from schemas.people import Organization

from .conftest import REPO, untypeset
from .rendered import docx_paragraphs

AS_OF = date(2026, 11, 20)
ASSOCIATION, YEAR = "mpo-tula", "2025-2026"
LINK = "https://sferum.example.org/call/mpo-tula-2025-12-11"  # meetings/03.yaml (online)
SIGNATURE_LINE = r"\_\_\_\_"


@pytest.fixture(scope="module")
def project() -> Project:
    result = validate(REPO)
    assert result.ok
    return result.project


@pytest.fixture(scope="module")
def year(project: Project) -> Year:
    return next(y for y in collect_years(project) if (y.association, y.year) == (ASSOCIATION, YEAR))


def markdown(
    project: Project,
    year: Year,
    kind: str,
    number: str | None = None,
    item: int | None = None,
    *,
    public: bool = False,
) -> str:
    ref = DocumentRef(kind, ASSOCIATION, year.year, number, item)
    edition = Publishing(Edition.PUBLIC, AS_OF) if public else None
    return render_document(ref, year, Paperwork(project, public=edition), AS_OF).markdown


def text(source: str) -> str:
    """What a reader sees: no Markdown escapes, ordinary spaces, «» quotes."""
    return untypeset(re.sub(r"\\(.)", r"\1", source))


def read(project: Project, year: Year, kind: str, number: str | None = None, **kw: Any) -> str:
    return text(markdown(project, year, kind, number, **kw))


def with_meeting(year: Year, number: str, **changes: Any) -> Year:
    """The year with one meeting changed (`protocol__x` changes its protocol's field x)."""
    protocol_changes = {k[10:]: v for k, v in changes.items() if k.startswith("protocol__")}
    meeting_changes = {k: v for k, v in changes.items() if not k.startswith("protocol__")}
    meetings = []
    for record, held in year.meetings:
        if record.place.id == number:
            if protocol_changes:
                assert held.protocol is not None
                meeting_changes["protocol"] = held.protocol.model_copy(update=protocol_changes)
            held = held.model_copy(update=meeting_changes)
        meetings.append((record, held))
    return dataclasses.replace(year, meetings=meetings)


def numbered_rows(source: str) -> list[int]:
    """The numbers of a table's body rows: «| 12 | …»."""
    return [int(n) for n in re.findall(r"^\| (\d+) \|", source, flags=re.MULTILINE)]


def docx_xml(source: str) -> str:
    with zipfile.ZipFile(BytesIO(convert(source, "docx"))) as archive:
        return archive.read("word/document.xml").decode("utf-8")


# --- extract ------------------------------------------------------------------------------------


def test_extract_gives_one_item_under_its_own_number(project: Project, year: Year) -> None:
    second = read(project, year, "extract", "03", item=2)
    agenda = second[second.index("Повестка дня:") : second.index("СЛУШАЛИ")]
    assert "2. О представлении управленческих практик школ — сетевых партнёров" in agenda
    assert "1. Об анализе результатов ВПР" not in agenda
    assert "2. СЛУШАЛИ" in second and "2.1." in second and "1.1." not in second


def test_extract_opening_counts_those_present_and_attaches_nothing(
    project: Project, year: Year
) -> None:
    extract = read(project, year, "extract", "03", item=1)
    assert "Председатель — Е. П. Волкова" in extract and "Секретарь — О. К. Ильина" in extract
    assert "Присутствовали: 21 человек." in extract
    assert "прилагается" not in extract


def test_extract_reproduces_signatures_without_lines_then_certifies(
    project: Project, year: Year
) -> None:
    source = markdown(project, year, "extract", "03", item=1)
    reproduced = source[source.index("Председатель |") : source.index("Верно")]
    assert SIGNATURE_LINE not in reproduced  # positions and names only
    assert "Волкова" in reproduced and "Ильина" in reproduced
    extract = text(source)
    assert "Выписка верна" not in extract
    certification = extract[extract.index("Верно") :]
    assert re.search(r"Секретарь объединения \| _+ \| О\. К\. Ильина", certification)
    assert "«____» ______________ 20__ г." in certification


# --- register -----------------------------------------------------------------------------------


def test_register_has_a_row_for_everyone_present_and_spare_ones(
    project: Project, year: Year
) -> None:
    register = markdown(project, year, "register", "05")  # hybrid: 19 present, 11 named
    rows = numbered_rows(register)
    assert rows == list(range(1, len(rows) + 1)) and len(rows) >= 19 + 3
    assert ': {custom-style="Register"}' in register


def test_register_rows_reach_the_count_when_few_are_named(project: Project, year: Year) -> None:
    named = ["volkova-ep", "ilyina-ok", "nikitina-sv", "pavlov-ig", "egorova-an"]
    changed = with_meeting(year, "05", protocol__present=named, protocol__present_count=30)
    rows = numbered_rows(markdown(project, changed, "register", "05"))
    assert len(rows) >= 30 and rows[-1] == len(rows)


def test_register_is_an_attachment_of_the_protocol(project: Project, year: Year) -> None:
    register = read(project, year, "register", "05")
    mark = register[: register.index("ЛИСТ РЕГИСТРАЦИИ")]
    assert "Приложение № 1" in mark and "к протоколу заседания объединения" in mark
    assert "от 21.05.2026 № 5" in mark
    assert "1. Лист регистрации участников заседания." in read(project, year, "protocol", "05")


def test_online_meeting_gets_a_list_of_participants_without_signatures(
    project: Project, year: Year
) -> None:
    online = read(project, year, "register", "03")
    assert "СПИСОК УЧАСТНИКОВ" in online and "ЛИСТ РЕГИСТРАЦИИ" not in online
    assert "Подпись" not in online
    assert len(numbered_rows(online)) >= 21
    in_person = with_meeting(year, "03", format=MeetingFormat.IN_PERSON, link=None)
    sheet = read(project, in_person, "register", "03")
    assert "ЛИСТ РЕГИСТРАЦИИ" in sheet and "Подпись" in sheet
    hybrid = read(project, year, "register", "05")
    assert "ЛИСТ РЕГИСТРАЦИИ" in hybrid and "Подпись" in hybrid


def test_any_online_meeting_has_no_signature_column(project: Project, year: Year) -> None:
    changed = with_meeting(year, "04", format=MeetingFormat.ONLINE)
    listed = read(project, changed, "register", "04")
    assert "СПИСОК УЧАСТНИКОВ" in listed and "Подпись" not in listed
    # every one of its 14 present is named: the list is typed into the protocol instead
    assert "(список прилагается)" in read(project, changed, "protocol", "04")


# --- invitation ---------------------------------------------------------------------------------


def test_invitation_is_a_letter_with_the_centres_requisites(project: Project, year: Year) -> None:
    source = markdown(project, year, "invitation", "03")
    requisites = source[source.index('custom-style="OrgRequisites"') :]
    requisites = text(requisites[: requisites.index(":::")])
    for expected in (
        "ул. Образцовая, д. 10, г. Тула, 300000",
        "тел. +7 (4872) 00-00-00",
        "e-mail: info@cnppm-tula.example.org",
        "https://cnppm-tula.example.org",
        "ОКПО 00000000, ОГРН 1027100000000, ИНН/КПП 7100000000/710001001",
    ):
        assert expected in requisites


def test_invitation_asks_to_reply_some_working_days_before(project: Project, year: Year) -> None:
    letter = read(project, year, "invitation", "03")  # Thursday, 11 December 2025
    assert "Просим подтвердить участие до 8 декабря 2025 г." in letter
    for day in (date(2026, 1, 12), date(2026, 5, 12), date(2025, 12, 11)):
        reply = working_days_before(day, REPLY_WORKING_DAYS)
        assert is_working_day(reply) and reply < day
        between = [reply.fromordinal(n) for n in range(reply.toordinal() + 1, day.toordinal())]
        assert sum(map(is_working_day, between)) == REPLY_WORKING_DAYS - 1


def test_invitation_gives_the_link_to_an_online_meeting_only(project: Project, year: Year) -> None:
    assert LINK in read(project, year, "invitation", "03")
    assert "Ссылка для подключения будет направлена дополнительно." in read(
        project, year, "invitation", "05"
    )  # hybrid, no link recorded
    in_person = read(project, year, "invitation", "04")
    assert "Ссылка для подключения" not in in_person


def test_invitation_ends_with_the_executor_and_a_phone(project: Project, year: Year) -> None:
    source = markdown(project, year, "invitation", "03")
    signature = source.index("Руководитель объединения |")
    executor = source.index('custom-style="Executor"')
    assert signature < executor
    tail = text(source[executor:])
    # the secretary has no work phone recorded: the centre's phone
    assert "Исполнитель: Ильина Оксана Константиновна" in tail
    assert "тел. +7 (4872) 00-00-00" in tail
    assert year.membership is not None
    membership = year.membership.model_copy(update={"secretary": "volkova-ep"})
    assert year.membership_record is not None
    changed = dataclasses.replace(year, membership_record=(year.membership_record[0], membership))
    own = text(markdown(project, changed, "invitation", "03"))
    assert "Исполнитель: Волкова Елена Петровна" in own
    assert "тел. +7 (4872) 00-01-02" in own and "e-mail: school102@example.org" in own


def test_meeting_link_is_never_on_the_site(project: Project) -> None:
    for edition in ("public", "internal"):
        pages = render_site(project, publishing_from(edition, AS_OF.isoformat()))
        assert not [path for path, page in pages.items() if "sferum.example.org" in page], edition
    public = Selection(KINDS, ("docx",), AS_OF, edition=Edition.PUBLIC)
    assert not [r.ref.stem for r in render_selection(project, public) if "sferum" in r.markdown]


def test_meeting_link_only_for_online_or_hybrid(year: Year) -> None:
    held = next(m for r, m in year.meetings if r.place.id == "04")
    data = held.model_dump(mode="json", exclude_none=True)
    with pytest.raises(ValidationError, match="link"):
        Meeting.model_validate({**data, "link": LINK})
    assert Meeting.model_validate({**data, "format": "hybrid", "link": LINK}).link == LINK


def test_organization_codes_are_checked() -> None:
    base = {"kind": "centre", "names": [{"short": "МКУ «Ц»", "full": "МКУ «Центр»"}]}
    with pytest.raises(ValidationError, match="ИНН «71000» записан неверно: нужно 10 цифр"):
        Organization.model_validate({**base, "codes": {"inn": "71000"}})
    valid = Organization.model_validate(
        {**base, "codes": {"okpo": "0000000000", "kpp": "710001001"}}
    )
    assert valid.codes is not None and valid.codes.okpo == "0000000000"


# --- plan ---------------------------------------------------------------------------------------


def _approved(year: Year, **approval: Any) -> Year:
    assert year.plan is not None and year.plan_record is not None
    plan = year.plan.model_copy(update={"approval": Approval(**approval)})
    return dataclasses.replace(year, plan_record=(year.plan_record[0], plan))


def test_plan_approved_by_order_names_the_order(project: Project, year: Year) -> None:
    plan = read(project, year, "plan")  # `document: приказ … от 12.09.2025 № 61-о`
    grif = plan[: plan.index("ПЛАН РАБОТЫ")]
    assert "УТВЕРЖДЕН\n| приказом МКУ «ЦНППМ г. Тулы»\n| от 12.09.2025 № 61-о" in grif
    assert "УТВЕРЖДАЮ" not in plan and SIGNATURE_LINE not in markdown(project, year, "plan")[:200]
    ordered = _approved(
        year, position="Директор", name="И. В. Кузнецова", date="2025-09-15", order_number="64-о"
    )
    structured = read(project, ordered, "plan")
    assert "УТВЕРЖДЕН" in structured and "от 15.09.2025 № 64-о" in structured
    assert "УТВЕРЖДАЮ" not in structured


def test_plan_approved_by_signature_keeps_utverzhdayu(project: Project, year: Year) -> None:
    signed = _approved(
        year, position="Директор МКУ «ЦНППМ г. Тулы»", name="И. В. Кузнецова", date="2025-09-12"
    )
    grif = read(project, signed, "plan")
    grif = grif[: grif.index("ПЛАН РАБОТЫ")]
    assert "УТВЕРЖДАЮ\n| Директор МКУ «ЦНППМ г. Тулы»\n| " in grif
    assert "И. В. Кузнецова\n| 12.09.2025" in grif and "УТВЕРЖДЕН\n" not in grif


def test_plan_ends_with_who_drew_it_up(project: Project, year: Year) -> None:
    plan = read(project, year, "plan")
    tail = plan[plan.rindex("Составил:") :]
    assert re.search(r"Руководитель объединения \| _+ \| Е\. П\. Волкова", tail)


# --- analysis -----------------------------------------------------------------------------------


def test_analysis_never_repeats_a_label(project: Project, year: Year) -> None:
    analysis = read(project, year, "analysis")
    assert "Повторная диагностика: Повторная диагностика" not in analysis
    assert "- Повторная диагностика 14.05.2026 подтвердила" in analysis
    assert labelled("Повторная диагностика 14.05", "Повторная диагностика") == (
        "Повторная диагностика 14.05"
    )
    assert labelled("Проведена 14.05", "Повторная диагностика") == (
        "Повторная диагностика: Проведена 14.05"
    )
    assert labelled("Повторная диагностикой", "Повторная диагностика").startswith(
        "Повторная диагностика: "
    )


def test_analysis_has_numbered_official_sections(project: Project, year: Year) -> None:
    headings = re.findall(r"^## (.+)$", read(project, year, "analysis"), flags=re.MULTILINE)
    assert headings == [
        "1. Общие сведения",
        "2. Показатели работы за учебный год",
        "3. Результаты работы",
        "4. Общие итоги",
        "5. Что получилось",
        "6. Проблемы",
        "7. Задачи на 2026/2027 учебный год",
    ]


def test_analysis_is_signed_by_its_author_and_by_the_leader_when_they_differ(
    project: Project, year: Year
) -> None:
    assert year.analysis is not None and year.membership and year.membership.leader
    leader = year.membership.leader.person
    own = read(project, year, "analysis")
    assert "Руководитель объединения" in own and "Подготовил" not in own.split("3. Результаты")[1]
    other = next(p for p in ("markina-ov", "belova-ea") if p != leader)
    assert year.analysis_record is not None
    record, analysis = year.analysis_record
    changed_year = dataclasses.replace(
        year, analysis_record=(record, analysis.model_copy(update={"author": other}))
    )
    changed = text(
        render_document(
            DocumentRef("analysis", ASSOCIATION, year.year),
            changed_year,
            Paperwork(project),
            AS_OF,
        ).markdown
    )
    signatures = changed[changed.rindex("Подготовил") :]
    assert "Руководитель объединения" in signatures, "the leader signs under the author"
    paper = Paperwork(project)
    assert paper.signature(other, AS_OF) in signatures
    assert paper.signature(leader, AS_OF) in signatures


def test_narrative_sections_continue_the_numbers() -> None:
    blocks = narrative("Вступление.\n\n## Итоги\n\n### Заседания\n\nТекст\n\n### Консультации\n")
    sections = numbered_sections(blocks, 3)
    labels = [(text(block.text) if block else None, number) for block, number in sections]
    assert labels == [
        (None, "3."),
        ("Вступление.", ""),
        ("Итоги", "4."),
        ("Заседания", "4.1."),
        ("Текст", ""),
        ("Консультации", "4.2."),
    ]


# --- protocol -----------------------------------------------------------------------------------


def test_long_list_of_those_present_is_appended(project: Project, year: Year) -> None:
    source = markdown(project, year, "protocol", "02")  # 15 present, every one named
    protocol = text(source)
    assert "Присутствовали: 15 человек (список прилагается)." in protocol
    assert "1. Список присутствовавших на заседании." in protocol
    appendix = protocol[protocol.index("Секретарь |") :]
    assert "Приложение № 1\n| к протоколу заседания объединения" in appendix
    assert "от 23.10.2025 № 2" in appendix and "СПИСОК ПРИСУТСТВОВАВШИХ" in appendix
    assert "| **№** | **Фамилия, имя, отчество** | **Должность** | **Организация** |" in appendix
    assert len(numbered_rows(appendix)) == 15 > LONG_PRESENT_LIST
    xml = docx_xml(source)
    assert xml.index('w:val="AppendixMark"') > xml.index('w:val="Signatures"')


def test_short_list_stays_in_the_text(project: Project, year: Year) -> None:
    named = ["volkova-ep", "ilyina-ok", "nikitina-sv", "pavlov-ig"]
    changed = with_meeting(year, "02", protocol__present=named)
    protocol = read(project, changed, "protocol", "02")
    assert "Присутствовали:\n\n1. Волкова Е. П." in protocol
    assert "СПИСОК ПРИСУТСТВОВАВШИХ" not in protocol and "прилагается" not in protocol


def test_a_count_attaches_the_register(project: Project, year: Year) -> None:
    protocol = read(project, year, "protocol", "05")  # 19 present, not all named
    assert "Присутствовали: 19 человек (лист регистрации прилагается)." in protocol
    attachments = protocol[protocol.index("Приложения:") :]
    assert re.match(r"Приложения:\n:::\n\n1\. Лист регистрации участников заседания\.", attachments)
    assert "СПИСОК ПРИСУТСТВОВАВШИХ" not in protocol
    online = read(project, year, "protocol", "03")
    assert "Присутствовали: 21 человек (список участников прилагается)." in online


def test_public_appendix_names_people_only_with_consent(project: Project) -> None:
    year_2026 = next(y for y in collect_years(project) if y.year == "2025-2026")
    public = markdown(project, year_2026, "protocol", "02", public=True)
    rows = re.findall(r"^\| \d+ \| (.*?) \| (.*?) \| (.*?) \|$", text(public), flags=re.MULTILINE)
    unnamed = [row for row in rows if row[0] == "участник объединения"]
    assert unnamed and all(row[1:] == ("", "") for row in unnamed)
    assert rows[-len(unnamed) :] == unnamed  # last: their place would tell who they are


def test_control_and_recommendations_are_numbered_parts(project: Project, year: Year) -> None:
    protocol = read(project, year, "protocol", "03")
    agenda = protocol[protocol.index("Повестка дня:") : protocol.index("1. СЛУШАЛИ")]
    assert "3. О ходе исполнения решений предыдущих заседаний." in agenda
    body = protocol[protocol.index("1. СЛУШАЛИ") :]
    assert re.search(r"^3\. О ходе исполнения решений предыдущих заседаний:", body, re.M)
    assert "3.1. Решение 1.1 заседания № 2 (2025/2026 учебный год) — выполнено." in body
    assert "4. Рекомендации участникам объединения:" in body
    assert "4.1. Руководителям ШНОР рассмотреть результаты ВПР" in body
    # the record's decisions keep their numbers: later records cite them
    assert all(f"\n{n}. " in body for n in ("1.1", "1.2", "2.1", "2.2"))
    assert not re.search(r"^1\. Руководителям", body, flags=re.MULTILINE)  # the old clash
    public = read(project, year, "protocol", "03", public=True)
    assert "О ходе исполнения" not in public
    assert "3. Рекомендации участникам объединения:" in public


def test_sentences_end_with_one_full_stop(project: Project, year: Year) -> None:
    assert [sentence(s) for s in ("Сделано", "Сделано.", "Сделано..", "Сделано;", "Как?")] == [
        "Сделано.",
        "Сделано.",
        "Сделано.",
        "Сделано.",
        "Как?",
    ]
    assert sentence("до 2026 г.") == "до 2026 г." and sentence("Итог «РОСТ»") == "Итог «РОСТ»."
    held = next(m for r, m in year.meetings if r.place.id == "03")
    assert held.protocol is not None
    item = held.protocol.agenda[0]
    decision = item.decisions[0].model_copy(
        update={"text": "Провести семинар.", "deadline": None, "deadline_text": "постоянно."}
    )
    agenda = [item.model_copy(update={"decisions": [decision]}), *held.protocol.agenda[1:]]
    changed = with_meeting(
        year, "03", protocol__agenda=agenda, protocol__recommendations=["Читать памятку."]
    )
    protocol = read(project, changed, "protocol", "03")
    assert "1.1. Провести семинар.\n" in protocol and "срок: постоянно.\n" in protocol
    assert "4.1. Читать памятку.\n" in protocol
    assert not re.search(r"\.\s*\.(?!\.)", protocol.replace("...", "…"))


# --- the absent, a vote «единогласно», a draft from Word that names nobody ---------------------

ABSENT = [
    Absence(person="zhukova-ga", reason="курсы повышения квалификации"),
    Absence(description="директор МБОУ «СШ № 5»", reason="болезнь"),
]


def _first_decision(year: Year, number: str, **changes: Any) -> list[AgendaItem]:
    """The meeting's agenda with its first decision changed."""
    held = next(m for r, m in year.meetings if r.place.id == number)
    assert held.protocol is not None
    item = held.protocol.agenda[0]
    decision = item.decisions[0].model_copy(update=changes)
    return [item.model_copy(update={"decisions": [decision, *item.decisions[1:]]}),
            *held.protocol.agenda[1:]]  # fmt: skip


def docx_text(source: str) -> list[str]:
    """The paragraphs of the DOCX pandoc makes of a document, as Word shows them."""
    return [untypeset(p) for p in docx_paragraphs(docx_xml(source))]


def test_a_unanimous_vote_is_printed_as_such(project: Project, year: Year) -> None:
    agenda = _first_decision(year, "01", voting=Voting(unanimous=True))
    changed = with_meeting(year, "01", protocol__agenda=agenda)
    paragraphs = docx_text(markdown(project, changed, "protocol", "01"))
    assert "Голосовали: единогласно." in paragraphs
    # the next decision keeps its count (meetings/01.yaml: 13 for, 1 abstained)
    assert "Голосовали: «за» — 13, «против» — 0, «воздержались» — 1." in paragraphs
    assert "Голосовали: «за» — 14, «против» — 0, «воздержались» — 0." not in paragraphs
    extract = read(project, changed, "extract", "01", item=1)
    assert "Голосовали: единогласно." in extract


def test_the_absent_and_why_only_in_the_internal_copy(project: Project, year: Year) -> None:
    changed = with_meeting(year, "03", protocol__absent=ABSENT)
    internal = read(project, changed, "protocol", "03")
    assert (
        "Отсутствовали: Жукова Г. А. (курсы повышения квалификации); "
        "директор МБОУ «СШ № 5» (болезнь)." in internal
    )
    # after those present, before the invited
    assert internal.index("Присутствовали:") < internal.index("Отсутствовали:")
    assert internal.index("Отсутствовали:") < internal.index("Приглашённые:")
    public = read(project, changed, "protocol", "03", public=True)
    assert "Отсутствовали: Жукова Г. А.; директор МБОУ «СШ № 5»." in public
    assert "курсы повышения" not in public and "болезнь" not in public
    extract = read(project, changed, "extract", "03", item=1)
    assert "Отсутствовали: 2 человека." in extract and "болезнь" not in extract


def test_the_absent_by_count(project: Project, year: Year) -> None:
    counted = with_meeting(year, "03", protocol__absent_count=3)
    assert "Отсутствовали: 3 человека." in read(project, counted, "protocol", "03")
    some = with_meeting(year, "03", protocol__absent=ABSENT[:1], protocol__absent_count=5)
    protocol = read(project, some, "protocol", "03")
    assert "Отсутствовали: 5 человек, в том числе Жукова Г. А. (курсы" in protocol
    assert "Отсутствовали" not in read(project, year, "protocol", "03")


def test_a_draft_from_word_leaves_lines_for_what_it_does_not_name(
    project: Project, year: Year
) -> None:
    held = next(m for r, m in year.meetings if r.place.id == "03")
    assert held.protocol is not None
    unheard = [item.model_copy(update={"speaker": None}) for item in held.protocol.agenda]
    changed = with_meeting(
        year, "03", format=None, protocol__status=ProtocolStatus.DRAFT, protocol__chair=None,
        protocol__secretary=None, protocol__agenda=unheard,
    )  # fmt: skip
    source = markdown(project, changed, "protocol", "03")
    paragraphs = docx_text(source)
    line = "_" * 16
    assert "ПРОЕКТ" in paragraphs
    assert f"Председатель — {line}" in paragraphs and f"Секретарь — {line}" in paragraphs
    assert any(p.endswith(f"(докладчик — {line}).") for p in paragraphs)
    assert sum(p.startswith(f"{line} — ") for p in paragraphs) == len(unheard), "СЛУШАЛИ"
    assert "Место проведения: онлайн, платформа «Сферум», начало в 15:00" in paragraphs
    words = "\n".join(paragraphs)
    assert "None" not in words and "()" not in words and "докладчик — )" not in words
    # the signatures: a line to sign on and a line for the name
    assert [p for p in paragraphs if p in ("Председатель", "Секретарь")] == [
        "Председатель",
        "Секретарь",
    ]
    assert words.count(line) >= 2 + len(unheard) * 2 + 2
    # the register and the invitation of such a meeting: the year's secretary signs, no «()»
    register = read(project, changed, "register", "03")
    assert "None" not in register and "| Секретарь | ______________ | О. К. Ильина |" in register
    invitation = read(project, changed, "invitation", "03")
    assert "Место проведения: онлайн, платформа «Сферум»." in invitation
    assert "None" not in invitation and "()" not in invitation
