"""Section pages: the practices library, the council, reference pages and the calendar feed."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import markdown
import pytest
from icalendar import Calendar

from generator.loading.project import Project, load_project
from generator.rendering.feed import page_url
from generator.rendering.publication import publishing_from
from generator.rendering.reference import anchor, text_anchor
from generator.rendering.site import render_site
from schemas import Council, CouncilEvent, Meeting, Person, Practice
from schemas.enums import ConsentScope

from .conftest import CASES, REPO, build_case, untypeset

AS_OF = "2026-11-20"
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1))"


@pytest.fixture(scope="module")
def project() -> Project:
    loaded, problems = load_project(REPO)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def public(project: Project) -> dict[str, str]:
    return _said(render_site(project, publishing_from("public", AS_OF)))


@pytest.fixture(scope="module")
def internal(project: Project) -> dict[str, str]:
    return _said(render_site(project, publishing_from("internal", AS_OF)))


def _plain(text: str) -> str:
    """Page text as a reader sees it: Markdown escapes and entities undone."""
    return re.sub(r"\\(.)", r"\1", text).replace("&quot;", '"')


def _practices(project: Project) -> dict[str, Practice]:
    return {
        r.place.id: r.model for r in project.of_kind("practice") if isinstance(r.model, Practice)
    }


def _events(project: Project) -> dict[str, CouncilEvent]:
    return {
        r.place.id: r.model for r in project.of_kind("event") if isinstance(r.model, CouncilEvent)
    }


def _hidden_people(project: Project) -> list[Person]:
    as_of = date.fromisoformat(AS_OF)
    return [
        r.model
        for r in project.of_kind("person")
        if isinstance(r.model, Person)
        and not (r.model.consent and r.model.consent.allows(ConsentScope.NAME, as_of))
    ]


# --- practices -----------------------------------------------------------------------------


def test_only_recommended_practices_with_consent_are_public(
    project: Project, public: dict[str, str], internal: dict[str, str]
) -> None:
    practices = _practices(project)
    day = date.fromisoformat(AS_OF)
    past_review = {pid for pid, p in practices.items() if p.review_due(day)}
    withheld = {
        pid: p
        for pid, p in practices.items()
        if p.review.value != "recommended" or not all(a.distribution_consent for a in p.authors)
    }
    assert withheld and len(withheld) < len(practices)
    public_index, internal_index = (
        _plain(public["practices/index.md"]),
        internal["practices/index.md"],
    )
    for pid, practice in practices.items():
        page = f"practices/{pid}.md"
        assert page in internal and practice.title in _plain(internal_index)
        if pid in withheld:
            assert page not in public and practice.title not in public_index
            assert "Только на внутреннем сайте" in internal[page]
        elif pid in past_review:  # recommended, but to be re-read first
            assert page not in public and practice.title not in public_index
            assert "Пора перечитать" in internal[page]
        else:
            assert page in public and practice.title in public_index


def test_practice_page_shows_school_authors_meetings_and_body(public: dict[str, str]) -> None:
    page = public["practices/team-responsibility-matrix.md"]
    assert "[МБОУ «ЦО № 102»](../organizations/index.md#org-school-102)" in page
    assert "Волкова Е. П., директор, МБОУ «ЦО № 102»" in page
    assert "(../associations/mpo-tula/2025-2026/meetings/03.md)" in page
    assert "(../council/events.md#master-class-2026-04)" in page
    assert "<h3>Идея</h3>" in page  # the body is rendered and its headings demoted


def test_practices_index_groups_by_direction_year_school_and_tag(public: dict[str, str]) -> None:
    page = public["practices/index.md"]
    for target in (
        "direction-methodical",
        "year-2025-2026",
        "school-school-102",
        "tag-delegirovanie",
    ):
        assert f"](#{target})" in page
        assert f'<a id="{target}"></a>' in page
    assert "Экспертиза" not in page.split("## Все практики")[1].splitlines()[2]


def test_tag_anchors_are_readable_slugs() -> None:
    assert text_anchor("tag", "Объединение школ") == "tag-obedinenie-shkol"
    assert text_anchor("tag", "ОГЭ") == "tag-oge"
    with pytest.raises(ValueError):
        anchor('x" onclick="alert(1)')


# --- people and consent --------------------------------------------------------------------


def test_people_without_name_consent_are_not_named_on_public_section_pages(
    project: Project, public: dict[str, str], internal: dict[str, str]
) -> None:
    hidden = _hidden_people(project)
    assert hidden
    sections = ("practices/", "council/", "people/", "organizations/", "normative/")
    text = _plain("\n".join(t for p, t in public.items() if p.startswith(sections)))
    assert [p.short_name() for p in hidden if p.short_name() in text] == []
    people_internal = _plain(internal["people/index.md"])
    assert all(p.short_name() in people_internal for p in hidden)
    assert "нет — на открытом сайте «участник объединения»" in people_internal


def test_people_page_lists_only_consenting_people_in_public(
    project: Project, public: dict[str, str]
) -> None:
    page = _plain(public["people/index.md"])
    named = [
        r.model
        for r in project.of_kind("person")
        if isinstance(r.model, Person) and r.model not in _hidden_people(project)
    ]
    assert named and all(p.short_name() in page for p in named)
    assert "Согласие на публикацию" not in page


# --- council ------------------------------------------------------------------------------


def test_council_index_shows_current_members_by_category(
    project: Project, public: dict[str, str]
) -> None:
    council = next(r.model for r in project.of_kind("council") if isinstance(r.model, Council))
    page = public["council/index.md"]
    for clause in ("РОСТ п. 4.1.1", "РОСТ п. 4.1.2", "РОСТ п. 4.1.3", "РОСТ п. 3.1.2"):
        assert clause in page
    assert "(https://vk.com/rost_tula)" in page
    former = [m for m in council.members if m.until and m.until < date.fromisoformat(AS_OF)]
    assert former, "the sample should have a former council member"
    assert "Егорова А. Н." not in page  # left the council on 31.08.2026
    assert "Богданова Н. И." in page  # joined on 01.09.2026


def test_event_participants_are_internal_only(
    project: Project, public: dict[str, str], internal: dict[str, str]
) -> None:
    events = _events(project)
    with_participants = [e for e in events.values() if e.participants]
    assert with_participants
    assert "принявшие участие" not in public["council/events.md"]
    assert "принявшие участие" in internal["council/events.md"]
    for event_id in events:
        for pages in (public, internal):
            assert f'<a id="{event_id}"></a>' in pages["council/events.md"]


def test_materials_grouped_by_type_and_focus(public: dict[str, str]) -> None:
    page = public["council/materials.md"]
    assert "## Видео" in page and "## Презентация" in page
    focus = page.split("## По оценочным процедурам")[1]
    assert "### ВПР" in focus and "](#video-vpr-analysis)" in focus
    assert '<a id="video-vpr-analysis"></a>' in page


def test_monitoring_page_is_internal_only_with_accessible_charts(
    public: dict[str, str], internal: dict[str, str]
) -> None:
    assert "council/monitoring.md" not in public
    assert "monitoring.md" not in public["council/index.md"]
    page = internal["council/monitoring.md"]
    assert page.count("<svg ") == 3 and page.count("<title>") == 3
    assert 'aria-label="Столбчатая диаграмма: посетители' in page
    assert "| октябрь 2026 | 174 | 958 | 1460 | 181 | 46 | 33 | 260 | 12 |" in page
    assert "- **октябрь 2026:** Вопросы о семинаре Центра ППСС" in page
    assert "<script" not in page and "http" not in page.split("## Динамика")[1].replace(
        "http://www.w3.org/2000/svg", ""
    )


# --- reference pages ----------------------------------------------------------------------


def test_dated_act_is_shown_with_its_horizon_as_expired(public: dict[str, str]) -> None:
    page = public["normative/index.md"]
    expired = page.split("## С истёкшим сроком")[1]
    assert "## Действующие" in page.split("## С истёкшим сроком")[0]
    section = _act_section(expired, "ukaz-204")
    assert "до 2024 года" in section and "срок действия истёк" in section
    assert "](#ukaz-309)" in section


def test_act_in_force_past_its_term_is_flagged_internally(project: Project) -> None:
    later = "2031-01-10"
    internal_page = _said(render_site(project, publishing_from("internal", later)))[
        "normative/index.md"
    ]
    public_page = _said(render_site(project, publishing_from("public", later)))[
        "normative/index.md"
    ]
    flag = "проверьте его статус"
    assert flag not in public_page
    assert flag in _act_section(internal_page, "mo-tula-list-2026")  # «2026/2027 учебный год»
    assert flag not in _act_section(internal_page, "ukaz-309")  # «…на перспективу до 2036 года»


def _act_section(page: str, act_id: str) -> str:
    return page.split(f'<a id="{act_id}"></a>')[1].split("<a id=")[0]


def test_organizations_categories_internal_only(
    public: dict[str, str], internal: dict[str, str]
) -> None:
    public_page, internal_page = (
        public["organizations/index.md"],
        internal["organizations/index.md"],
    )
    assert "МБОУ «ЦО № 101»" in public_page
    assert "МБОУ «СШ № 101» (по 31.08.2025)" in public_page  # the former name with its date
    for internal_only in ("ШНОР — школа", "Категория в региональных списках", "Факторы риска"):
        assert internal_only not in public_page
        assert internal_only in internal_page


# --- calendar -----------------------------------------------------------------------------


def test_calendar_parses_with_one_event_per_meeting_and_council_event(
    project: Project, public: dict[str, str]
) -> None:
    calendar = Calendar.from_ical(public["calendar.ics"])
    events = list(calendar.walk("VEVENT"))
    meetings = [r for r in project.of_kind("meeting") if isinstance(r.model, Meeting)]
    assert len(events) == len(meetings) + len(_events(project))
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert "mpo-tula-2025-2026-03@cnppm-tula" in uids
    for event in events:
        # the sample sets the sites' addresses: each event links its page (tests/test_calendar.py)
        assert str(event["URL"]).startswith("https://rost.cnppm-tula.example/")
        assert "DTEND" in event
        assert event["DTSTAMP"].dt == datetime.fromisoformat(AS_OF + "T00:00:00+00:00")
    assert "\r\n" in public["calendar.ics"]


def test_calendar_is_the_same_bytes_for_the_same_records_and_date(project: Project) -> None:
    first = _said(render_site(project, publishing_from("public", AS_OF)))["calendar.ics"]
    again = _said(render_site(project, publishing_from("public", AS_OF)))["calendar.ics"]
    assert first == again


def test_calendar_urls_postponed_and_cancelled_meetings(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    settings = root / "records" / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "site:\n", "site:\n  public_url: https://rost.example.org\n"
        ),
        encoding="utf-8",
    )
    meetings = root / "records" / "associations" / "mpo-test" / "2025-2026" / "meetings"
    common = "place: онлайн\nformat: online\ntopic: Тема\n"
    (meetings / "02.yaml").write_text(
        "status: cancelled\ndate: 2025-10-16\ncancel_reason: карантин\n" + common, encoding="utf-8"
    )
    (meetings / "03.yaml").write_text(
        "status: postponed\ndate: 2025-12-11\nnew_date: 2025-12-18\n" + common, encoding="utf-8"
    )
    project, problems = load_project(root)
    assert problems == []
    text = _said(render_site(project, publishing_from("public", AS_OF)))["calendar.ics"]
    events = {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}
    cancelled = events["mpo-test-2025-2026-02@cnppm-tula"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["URL"]) == (
        "https://rost.example.org/associations/mpo-test/2025-2026/meetings/02/"
    )
    postponed = events["mpo-test-2025-2026-03@cnppm-tula"]
    assert postponed["DTSTART"].dt == date(2025, 12, 18)
    assert str(postponed["STATUS"]) == "CONFIRMED"
    webinar = events["rost-webinar-2025-11@cnppm-tula"]
    assert str(webinar["URL"]) == "https://rost.example.org/council/events/#webinar-2025-11"
    assert "ivanova" not in text and "Иванова" not in text  # participants never in the feed
    internal = _said(render_site(project, publishing_from("internal", AS_OF)))["calendar.ics"]
    # The internal site's address (internal_url) is not set: no links to the public site.
    assert all("URL" not in e for e in Calendar.from_ical(internal).walk("VEVENT"))


def test_page_url_follows_mkdocs_directory_urls() -> None:
    assert page_url("council/events.md#x") == "council/events/#x"
    assert page_url("associations/a/index.md") == "associations/a/"
    assert page_url("index.md") == ""


# --- hostile text -------------------------------------------------------------------------


def test_hostile_record_text_never_reaches_pages_raw(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    material = root / "records" / "council" / "materials" / "vpr-video.yaml"
    material.write_text(
        material.read_text(encoding="utf-8").replace(
            "title: Как читать результаты ВПР", f"title: '{HOSTILE}'"
        ),
        encoding="utf-8",
    )
    practice = root / "records" / "practices" / "mentoring.md"
    practice.write_text(
        practice.read_text(encoding="utf-8") + f"\n{HOSTILE}\n\n<img src=x onerror=alert(1)>\n",
        encoding="utf-8",
    )
    project, problems = load_project(root)
    assert problems == []
    for edition in ("public", "internal"):
        pages = _said(render_site(project, publishing_from(edition, AS_OF)))
        for path in ("council/materials.md", "practices/mentoring.md"):
            html = markdown.markdown(pages[path], extensions=["tables", "admonition"])
            assert "<script" not in html and "onerror" not in html, path
            assert 'href="javascript:' not in html, path
        assert "alert(1)" in _plain(pages["council/materials.md"])  # shown as text, inert


def _said(pages: dict[str, str]) -> dict[str, str]:
    """The pages' words, typography aside (see tests/test_typography.py for that)."""
    return {path: untypeset(page) for path, page in pages.items()}
