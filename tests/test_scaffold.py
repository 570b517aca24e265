"""`new` and `intake`: scaffolds that validate as written, on a copy of the sample records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.authoring.intake import FORM_FIELDS, parse_issue
from generator.authoring.scaffold import KINDS, Changes, yaml_quote
from generator.cli import main
from generator.loading.project import load_project
from generator.loading.yamlsafe import parse_yaml
from schemas import ConsultationRequest, Meeting, MonitoringReport, Plan
from schemas.enums import Direction, RequestChannel

from .conftest import REPO

YEAR = "records/associations/mpo-tula/2026-2027"
NEW_YEAR = "records/associations/mpo-tula/2027-2028"
ISSUE = """\
### Дата получения

03.12.2026

### Заявитель

Богданова Н. И.

### Организация

school-109

### Канал

ВКонтакте

### Тема запроса

Как выстроить «внутренний» мониторинг? Ответ "нужен" до каникул \\ спасибо

### Направление

информационно-аналитическое, консультативное

### Связанный дефицит

functional-literacy

### Ответственный

markina-ov

### Срок ответа

_No response_
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the sample records and their attached files."""
    project = tmp_path / "project"
    for folder in ("records", "files"):
        shutil.copytree(REPO / folder, project / folder)
    return project


def run(runner: CliRunner, root: Path, *args: str) -> Result:
    return runner.invoke(main, [*args, "--root", str(root)])


def _tree(root: Path) -> list[Path]:
    """Every file and folder of the project but the records' cache (.cache, written by any
    command that reads records)."""
    return sorted(p.relative_to(root) for p in root.rglob("*") if ".cache" not in p.parts)


def assert_valid(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "validate")
    assert result.exit_code == 0, result.output


def record(root: Path, relative: str) -> object:
    project, _problems = load_project(root)
    found = next((r for r in project.records if r.path == relative), None)
    assert found is not None, f"{relative} did not load"
    return found.model


# --- new: the listing and the help -----------------------------------------------------------


def test_new_alone_lists_the_choices(runner: CliRunner) -> None:
    result = runner.invoke(main, ["new"])
    assert result.exit_code == 0
    assert "Что можно создать" in result.output
    for kind in KINDS:
        assert f"  {kind} " in result.output


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_russian_help(runner: CliRunner, kind: str) -> None:
    result = runner.invoke(main, ["new", kind, "--help"])
    assert result.exit_code == 0
    assert "--root" in result.output and "--as-of" in result.output
    assert "Параметры:" in result.output and "Показать эту справку" in result.output
    assert "Show this message" not in result.output


# --- new: every kind writes a file that validates --------------------------------------------

WRITES = {
    "meeting": ("2027-02-10", f"{YEAR}/meetings/06.yaml"),
    "consultation": ("2027-02-10", f"{YEAR}/consultations/2027-02-10-school-129.yaml"),
    "practice": ("2027-02-10", "records/practices/practice-2027-02-10.md"),
    "material": ("2027-02-10", "records/council/materials/doc-2027-02-10.yaml"),
    "event": ("2027-02-10", "records/council/events/webinar-2027-02-10.yaml"),
    "monitoring": ("2026-12-05", "records/council/monitoring/2026-11.yaml"),
}


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_new_writes_a_valid_record(runner: CliRunner, root: Path, kind: str) -> None:
    as_of, relative = WRITES[kind]
    assert not (root / relative).exists()
    result = run(runner, root, "new", kind, "--as-of", as_of)
    assert result.exit_code == 0, result.output
    assert relative in result.output
    assert "Заполните строки, отмеченные «←»" in result.output
    assert "# ←" in (root / relative).read_text(encoding="utf-8")
    assert_valid(runner, root)


def test_meeting_takes_the_next_number(runner: CliRunner, root: Path) -> None:
    for number in ("06", "07"):
        result = run(
            runner, root, "new", "meeting", "--as-of", "2027-02-10", "--topic", "О «плане»"
        )
        assert result.exit_code == 0, result.output
        meeting = record(root, f"{YEAR}/meetings/{number}.yaml")
        assert isinstance(meeting, Meeting)
        assert meeting.status.value == "planned" and meeting.topic == "О «плане»"
        assert meeting.place == "МБОУ «ЦО № 102», библиотечно-информационный центр"  # as 05
    assert str(meeting.date) == "2027-07-15"  # four weeks after 06, itself after 05 (20.05)
    assert_valid(runner, root)


def test_meeting_date_help_states_the_real_default(runner: CliRunner) -> None:
    result = runner.invoke(main, ["new", "meeting", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "по умолчанию — дата --as-of." not in text.lower()
    assert "через четыре недели после последнего" in text and "31 августа" in text


def test_meeting_defaults_to_as_of_after_the_last_meeting(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "new", "meeting", "--as-of", "2027-06-01")
    assert result.exit_code == 0, result.output
    meeting = record(root, f"{YEAR}/meetings/06.yaml")
    assert isinstance(meeting, Meeting) and str(meeting.date) == "2027-06-01"


def test_meeting_before_a_lower_number_is_refused(runner: CliRunner, root: Path) -> None:
    before = _tree(root)
    result = run(runner, root, "new", "meeting", "--as-of", "2027-02-10", "--date", "2027-03-01")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "№ 04 — 18.03.2027; № 05 — 20.05.2027" in text and "станет № 06" in text
    assert "Traceback" not in result.output
    assert _tree(root) == before
    # Only a planned meeting is after the date: the message says how to put the new one first.
    between = run(runner, root, "new", "meeting", "--as-of", "2027-02-10", "--date", "2027-04-10")
    assert between.exit_code == 1
    assert "new meeting --date 2027-05-20" in " ".join(between.output.split())
    assert not (root / f"{YEAR}/meetings/06.yaml").exists()
    # On the day of the last meeting or after it, the meeting is written.
    same = run(runner, root, "new", "meeting", "--as-of", "2027-02-10", "--date", "2027-05-20")
    assert same.exit_code == 0, same.output
    assert "Внимание" not in same.output
    assert_valid(runner, root)


def test_meeting_before_a_postponed_one_is_written_with_a_warning(
    runner: CliRunner, root: Path
) -> None:
    path = root / f"{YEAR}/meetings/05.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("status: planned", "status: postponed\nnew_date: 2027-06-10"),
        encoding="utf-8",
    )
    result = run(runner, root, "new", "meeting", "--as-of", "2027-02-10", "--date", "2027-06-01")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Внимание: заседание № 05 перенесено на 10.06.2027" in text
    assert "нового заседания № 06 (01.06.2027)" in text
    assert_valid(runner, root)


def test_year_defaults_to_the_school_year_of_as_of(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "new", "meeting", "--as-of", "2026-03-02")
    assert result.exit_code == 0, result.output
    assert (root / "records/associations/mpo-tula/2025-2026/meetings/06.yaml").is_file()
    missing = run(runner, root, "new", "meeting", "--as-of", "2028-03-02")
    assert missing.exit_code == 1
    assert "2027/2028" in missing.output and "new year" in missing.output


def test_consultation_answers_the_open_request(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "new", "consultation", "--as-of", "2027-02-10")
    assert result.exit_code == 0, result.output
    text = (root / WRITES["consultation"][1]).read_text(encoding="utf-8")
    assert "request: 2026-11-16-school-129" in text
    assert "consultant: volkova-ep" in text and "  - tarasov-ve" in text
    # The request now has a consultation: the next one is a group consultation.
    again = run(runner, root, "new", "consultation", "--as-of", "2027-02-11")
    assert again.exit_code == 0, again.output
    assert (root / f"{YEAR}/consultations/2027-02-11-group.yaml").is_file()
    assert_valid(runner, root)


def test_monitoring_takes_the_next_missing_month(runner: CliRunner, root: Path) -> None:
    (root / "records/council/monitoring/2026-03.yaml").unlink()
    first = run(runner, root, "new", "monitoring", "--as-of", "2026-12-05")
    assert first.exit_code == 0, first.output
    report = record(root, "records/council/monitoring/2026-03.yaml")
    assert isinstance(report, MonitoringReport)
    assert (str(report.period_start), str(report.period_end)) == ("2026-03-01", "2026-03-31")
    assert run(runner, root, "new", "monitoring", "--as-of", "2026-12-05").exit_code == 0
    assert (root / "records/council/monitoring/2026-11.yaml").is_file()
    current = run(runner, root, "new", "monitoring", "--as-of", "2026-12-05")
    assert current.exit_code == 0 and "ещё не закончился" in current.output
    future = run(runner, root, "new", "monitoring", "--as-of", "2026-12-05")
    assert future.exit_code == 1 and "начнётся 01.01.2027" in future.output
    assert_valid(runner, root)


def test_protocol_is_appended_keeping_the_file(runner: CliRunner, root: Path) -> None:
    path = root / f"{YEAR}/meetings/04.yaml"
    original = "# Комментарий редактора: не трогать.\n" + path.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    result = run(runner, root, "new", "protocol", "--as-of", "2027-03-20", "--number", "04")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    meeting = record(root, f"{YEAR}/meetings/04.yaml")
    assert isinstance(meeting, Meeting) and meeting.protocol is not None
    protocol = meeting.protocol
    assert protocol.status.value == "draft"
    assert (protocol.chair, protocol.secretary) == ("volkova-ep", "ilyina-ok")  # the year's
    followed = {(f.meeting, f.decision) for f in protocol.follow_up}
    assert followed == {("2026-2027/02", "2.1"), ("2025-2026/04", "1.2"), ("2025-2026/05", "2.2")}
    assert_valid(runner, root)


def test_protocol_defaults_to_the_last_past_meeting_without_one(
    runner: CliRunner, root: Path
) -> None:
    result = run(runner, root, "new", "protocol", "--as-of", "2027-04-01")
    assert result.exit_code == 0, result.output
    assert f"{YEAR}/meetings/04.yaml" in result.output


# --- new: existing files are never overwritten ------------------------------------------------


def test_existing_file_is_not_overwritten(runner: CliRunner, root: Path) -> None:
    taken = root / WRITES["consultation"][1]
    taken.write_text("# занято\n", encoding="utf-8")
    result = run(runner, root, "new", "consultation", "--as-of", "2027-02-10")
    assert result.exit_code == 1
    assert WRITES["consultation"][1] in result.output and "не перезаписываются" in result.output
    assert taken.read_text(encoding="utf-8") == "# занято\n"


def test_practice_with_a_taken_id_is_refused(runner: CliRunner, root: Path) -> None:
    path = root / "records/practices/vpr-class-map.md"
    before = path.read_bytes()
    result = run(runner, root, "new", "practice", "--as-of", "2027-02-10", "--id", "vpr-class-map")
    assert result.exit_code == 1 and "records/practices/vpr-class-map.md" in result.output
    assert path.read_bytes() == before


def test_protocol_is_not_written_over_an_existing_one(runner: CliRunner, root: Path) -> None:
    path = root / f"{YEAR}/meetings/03.yaml"
    before = path.read_bytes()
    result = run(runner, root, "new", "protocol", "--as-of", "2027-02-10", "--number", "03")
    assert result.exit_code == 1 and "протокол уже есть" in result.output
    assert path.read_bytes() == before


def test_several_associations_need_one_named(runner: CliRunner, root: Path) -> None:
    shutil.copytree(
        root / "records/associations/mpo-tula", root / "records/associations/mpo-second"
    )
    result = run(runner, root, "new", "meeting", "--as-of", "2027-02-10")
    assert result.exit_code == 1 and "--association" in result.output
    chosen = run(
        runner, root, "new", "meeting", "--as-of", "2027-02-10", "--association", "mpo-second"
    )
    assert chosen.exit_code == 0, chosen.output
    assert (root / "records/associations/mpo-second/2026-2027/meetings/06.yaml").is_file()


# --- new year ---------------------------------------------------------------------------------


def test_new_year_starts_a_valid_year_with_the_open_work(runner: CliRunner, root: Path) -> None:
    result = run(runner, root, "new", "year", "--as-of", "2027-06-20")
    assert result.exit_code == 0, result.output
    assert_valid(runner, root)

    plan = record(root, f"{NEW_YEAR}/plan.yaml")
    assert isinstance(plan, Plan) and plan.approval is None
    assert any("продолжение дефицита 2026-2027/team-management" in t for t in plan.tasks)
    opening = record(root, f"{NEW_YEAR}/meetings/01.yaml")
    assert isinstance(opening, Meeting) and opening.protocol is not None
    assert opening.status.value == "planned" and str(opening.date) == "2027-08-26"
    followed = {(f.meeting, f.decision) for f in opening.protocol.follow_up}
    assert followed == {("2026-2027/02", "2.1"), ("2025-2026/04", "1.2"), ("2025-2026/05", "2.2")}
    membership = (root / f"{NEW_YEAR}/membership.yaml").read_text(encoding="utf-8")
    assert "meeting: 2027-2028/01" in membership

    # The unanswered request is moved, noting where it came from; answered ones stay.
    carried = record(root, f"{NEW_YEAR}/requests/2026-11-16-school-129.yaml")
    assert isinstance(carried, ConsultationRequest)
    assert carried.note and carried.note.startswith(
        "Перенесён из 2026-2027/requests/2026-11-16-school-129."
    )
    assert str(carried.received) == "2026-11-16"  # the deadline still counts from it
    assert carried.deficit == "team-management"  # carried over too
    assert sorted(p.name for p in (root / NEW_YEAR / "requests").iterdir()) == [
        "2026-11-16-school-129.yaml"
    ]
    assert sorted(p.name for p in (root / YEAR / "requests").iterdir()) == [
        "2026-09-03-school-109.yaml",
        "2026-10-29-school-158.yaml",
    ]
    assert "2026-11-16-school-129" in result.output and "перемещены" in result.output
    # Deficits identified or in work continue under the same id.
    for deficit in ("team-management", "functional-literacy"):
        text = (root / f"{NEW_YEAR}/deficits/{deficit}.yaml").read_text(encoding="utf-8")
        assert text.startswith(f"# Продолжение дефицита 2026-2027/{deficit}")


def test_carried_request_is_warned_about_once(runner: CliRunner, root: Path) -> None:
    def warnings() -> list[str]:
        result = run(runner, root, "check", "--as-of", "2027-09-20")
        return [
            line.split(":")[0]
            for line in result.output.splitlines()
            if "[requests-answered]" in line
        ]

    old_path = f"{YEAR}/requests/2026-11-16-school-129.yaml"
    assert warnings() == [old_path]
    assert run(runner, root, "new", "year", "--as-of", "2027-06-20").exit_code == 0
    assert warnings() == [f"{NEW_YEAR}/requests/2026-11-16-school-129.yaml"]
    assert not (root / old_path).exists()


def test_request_with_a_consultation_stays_in_its_year(runner: CliRunner, root: Path) -> None:
    consultations = root / YEAR / "consultations"
    text = (consultations / "2026-09-15-school-109.yaml").read_text(encoding="utf-8")
    text = text.replace("2026-09-15", "2026-11-27").replace(
        "request: 2026-09-03-school-109", "request: 2026-11-16-school-129"
    )
    (consultations / "2026-11-27-school-129.yaml").write_text(text, encoding="utf-8")
    result = run(runner, root, "new", "year", "--as-of", "2027-06-20")
    assert result.exit_code == 0, result.output
    assert (root / f"{YEAR}/requests/2026-11-16-school-129.yaml").is_file()
    assert not (root / f"{NEW_YEAR}/requests").exists()
    text = " ".join(result.output.split())
    assert f"Запрос {YEAR}/requests/2026-11-16-school-129.yaml не перенесён" in text
    assert "status: answered" in text
    assert_valid(runner, root)


def test_moving_a_request_tells_of_the_submitted_analysis(runner: CliRunner, root: Path) -> None:
    analysis = (root / "records/associations/mpo-tula/2025-2026/analysis.md").read_text(
        encoding="utf-8"
    )
    analysis = analysis.replace("submitted: 2026-07-10", "submitted: 2027-06-15")
    analysis = analysis.replace("requests: 7", "requests: 3")
    (root / YEAR / "analysis.md").write_text(analysis, encoding="utf-8")
    result = run(runner, root, "new", "year", "--as-of", "2027-06-20")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "в нём запросов 3, а в папке года их теперь 2" in text and "figures_note" in text


def test_moved_request_comes_back_when_the_scaffold_is_undone(root: Path) -> None:
    changes = Changes(root)
    moved = f"{YEAR}/requests/2026-11-16-school-129.yaml"
    before = (root / moved).read_bytes()
    changes.create(f"{NEW_YEAR}/requests/2026-11-16-school-129.yaml", "received: 2026-11-16\n")
    changes.remove(moved)
    assert not (root / moved).exists()
    changes.undo()
    assert (root / moved).read_bytes() == before
    assert not (root / NEW_YEAR).exists()


def test_new_year_before_the_last_meeting_needs_force(runner: CliRunner, root: Path) -> None:
    before = _tree(root)
    result = run(runner, root, "new", "year", "--as-of", "2027-05-10")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "ещё не прошли заседания: № 05 — 20.05.2027 (запланировано)" in text
    assert "--force" in text and "Traceback" not in result.output
    assert _tree(root) == before
    # The day of the last meeting is not behind either: the meeting is still planned.
    assert run(runner, root, "new", "year", "--as-of", "2027-05-20").exit_code == 1
    forced = run(runner, root, "new", "year", "--as-of", "2027-05-10", "--force")
    assert forced.exit_code == 0, forced.output
    assert "Год начат с --force" in forced.output and "№ 05 — 20.05.2027" in forced.output
    assert (root / f"{NEW_YEAR}/meetings/01.yaml").is_file()
    assert_valid(runner, root)


def test_late_august_belongs_to_the_next_year_once_started(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "new", "year", "--as-of", "2027-06-20").exit_code == 0
    result = run(runner, root, "new", "meeting", "--as-of", "2027-08-24")
    assert result.exit_code == 0, result.output
    assert (root / f"{NEW_YEAR}/meetings/02.yaml").is_file()
    assert_valid(runner, root)


def test_new_year_is_refused_twice(runner: CliRunner, root: Path) -> None:
    assert run(runner, root, "new", "year", "--as-of", "2027-06-20").exit_code == 0
    before = _tree(root)
    again = run(runner, root, "new", "year", "--as-of", "2027-06-20")
    assert again.exit_code == 1 and "2027/2028" in again.output
    assert _tree(root) == before


# --- intake -----------------------------------------------------------------------------------


def test_intake_writes_a_valid_request(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text(ISSUE, encoding="utf-8")
    result = run(runner, root, "intake", str(body))
    assert result.exit_code == 0, result.output
    relative = f"{YEAR}/requests/2026-12-03-school-109.yaml"
    assert relative in result.output
    request = record(root, relative)
    assert isinstance(request, ConsultationRequest)
    assert request.requester == "bogdanova-ni"  # given by name
    assert request.channel is RequestChannel.VK  # «ВКонтакте»
    assert request.direction is Direction.ANALYTICAL  # the label
    assert (
        request.topic
        == 'Как выстроить «внутренний» мониторинг? Ответ "нужен" до каникул \\ спасибо'
    )
    assert request.due is None and request.status.value == "received"
    assert_valid(runner, root)
    again = run(runner, root, "intake", str(body))
    assert again.exit_code == 1 and relative in again.output


def test_intake_names_what_is_missing(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text(ISSUE.replace("Богданова Н. И.", "_No response_"), encoding="utf-8")
    result = run(runner, root, "intake", str(body))
    assert result.exit_code == 1
    assert "«Заявитель»: не заполнено" in result.output
    assert "запись не создана" in result.output
    assert not (root / f"{YEAR}/requests/2026-12-03-school-109.yaml").exists()


def test_intake_out_writes_where_asked(runner: CliRunner, root: Path, tmp_path: Path) -> None:
    out = tmp_path / "request.yaml"
    result = runner.invoke(
        main, ["intake", "-", "--root", str(root), "--out", str(out)], input=ISSUE
    )
    assert result.exit_code == 0, result.output
    data = parse_yaml(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert ConsultationRequest.model_validate(data).organization == "school-109"
    assert f"{YEAR}/requests/2026-12-03-school-109.yaml" in result.output
    assert not (root / f"{YEAR}/requests/2026-12-03-school-109.yaml").exists()


def test_intake_reads_standard_input(runner: CliRunner, root: Path) -> None:
    result = runner.invoke(main, ["intake", "-", "--root", str(root)], input=ISSUE)
    assert result.exit_code == 0, result.output


def test_intake_leaves_out_what_the_record_has_no_field_for(
    runner: CliRunner, root: Path, tmp_path: Path
) -> None:
    """Only the form's fields reach the record: a phone number under a heading of its own, text
    above the first heading and a field the form does not offer stay out, and the report names
    them so that they can be removed from the issue too."""
    extra = (
        "Звонила в пятницу, домашний адрес: ул. Садовая, 5.\n\n"
        + ISSUE
        + "\n### Телефон заявителя\n\n+7 910 123-45-67\n\n### Статус\n\nanswered\n"
        + "\n### Пустой раздел\n\n_No response_\n"
    )
    body = tmp_path / "issue.md"
    body.write_text(extra, encoding="utf-8")
    result = run(runner, root, "intake", str(body))
    assert result.exit_code == 0, result.output
    relative = f"{YEAR}/requests/2026-12-03-school-109.yaml"
    written = (root / relative).read_text(encoding="utf-8")
    for kept_out in ("910", "Садовая", "answered"):
        assert kept_out not in written, kept_out
    data = parse_yaml(written)
    assert isinstance(data, dict)
    assert set(data) <= {f.field for f in FORM_FIELDS} | {"status"}
    assert data["status"] == "received"
    report = " ".join(result.output.split())
    assert (
        "Не перенесено в запись (в записи запроса для этого нет поля): текст до первого "
        "заголовка, «Телефон заявителя», «Статус»." in report
    )
    assert "Пустой раздел" not in report
    assert "удалите их и из описания задачи" in report
    plain = runner.invoke(
        main,
        ["intake", "-", "--root", str(root), "--out", str(tmp_path / "plain.yaml")],
        input=ISSUE,
    )
    assert plain.exit_code == 0 and "Не перенесено" not in plain.output


def test_issue_form_matches_the_expected_labels() -> None:
    form = yaml.safe_load(
        (REPO / ".github/ISSUE_TEMPLATE/consultation-request.yml").read_text(encoding="utf-8")
    )
    inputs = [item for item in form["body"] if item["type"] != "markdown"]
    assert [i["attributes"]["label"] for i in inputs] == [f.label for f in FORM_FIELDS]
    assert [i["id"] for i in inputs] == [f.field for f in FORM_FIELDS]
    for item, expected in zip(inputs, FORM_FIELDS, strict=True):
        assert expected.field in ConsultationRequest.model_fields
        assert item.get("validations", {}).get("required", False) == expected.required
    options = {i["id"]: i["attributes"]["options"] for i in inputs if i["type"] == "dropdown"}
    assert options["channel"] == [m.label for m in RequestChannel]
    assert options["direction"] == [m.label for m in Direction]
    rendered = "\n\n".join(f"### {f.label}\n\n_No response_" for f in FORM_FIELDS)
    assert parse_issue(rendered) == {f.field: "" for f in FORM_FIELDS}


def test_quoted_values_survive_yaml() -> None:
    tricky = 'кавычки " и \\ обратная косая\nновая строка: # не комментарий\u2028\t«»'
    assert parse_yaml(f"topic: {yaml_quote(tricky)}\n") == {"topic": tricky}
