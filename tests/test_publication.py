"""What the public site must never show, checked on everything it is built from."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.loading.project import load_project
from generator.rendering.context import SiteContext, code_span, full_stop, plural, real_url, upfirst
from generator.rendering.publication import UNNAMED, person_label, publishing_from
from generator.rendering.site import render_site
from schemas import Consultation, ConsultationRequest, Deficit, Meeting, Organization, Person
from schemas.enums import ConsentScope, Gender, ProtocolStatus

from .conftest import REPO, untypeset

AS_OF = "2026-11-20"


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    loaded, problems = load_project(REPO)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def public_text(project) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(_said(render_site(project, publishing_from("public", AS_OF))).values())


@pytest.fixture(scope="module")
def internal_text(project) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(_said(render_site(project, publishing_from("internal", AS_OF))).values())


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("&quot;", '"')


def test_people_without_name_consent_are_not_named_in_public(project, public_text) -> None:  # type: ignore[no-untyped-def]
    as_of = publishing_from("public", AS_OF).as_of
    hidden = [
        r.model
        for r in project.of_kind("person")
        if isinstance(r.model, Person)
        and not (r.model.consent and r.model.consent.allows(ConsentScope.NAME, as_of))
    ]
    assert hidden, "the sample should have people without consent"
    text = _unescape(public_text)
    named = [p.short_name() for p in hidden if p.short_name() in text]
    assert named == []


def test_internal_site_names_everybody(project, internal_text) -> None:  # type: ignore[no-untyped-def]
    person = next(r.model for r in project.of_kind("person") if isinstance(r.model, Person))
    assert person.short_name() in _unescape(internal_text)


def test_contacts_appear_on_no_site(project, public_text, internal_text) -> None:  # type: ignore[no-untyped-def]
    contacts = [
        value
        for r in project.of_kind("person")
        if isinstance(r.model, Person) and r.model.contacts
        for value in (r.model.contacts.email, r.model.contacts.phone)
        if value
    ]
    assert contacts
    for text in (_unescape(public_text), _unescape(internal_text)):
        assert [c for c in contacts if c in text] == []


def test_requests_and_consultations_stay_internal(project, public_text, internal_text) -> None:  # type: ignore[no-untyped-def]
    topics = [
        r.model.topic
        for r in project.records
        if isinstance(r.model, ConsultationRequest | Consultation)
    ]
    assert topics
    public, internal = _unescape(public_text), _unescape(internal_text)
    assert [t for t in topics if t in public] == []
    assert all(t in internal for t in topics)


def test_schools_with_deficits_are_not_named_with_them_in_public(project) -> None:  # type: ignore[no-untyped-def]
    pages = _said(render_site(project, publishing_from("public", AS_OF)))
    deficit_pages = {p: _unescape(t) for p, t in pages.items() if p.endswith("/deficits.md")}
    assert deficit_pages
    named = [
        (r.place.year, org)
        for r in project.of_kind("deficit")
        if isinstance(r.model, Deficit)
        for org in r.model.organizations
        if any(
            org_name
            in deficit_pages.get(
                f"associations/{r.place.association}/{r.place.year}/deficits.md", ""
            )
            for org_name in _org_names(project, org)
        )
    ]
    assert named == []


def _org_names(project, org_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    record = project.get("organization", org_id)
    return [name.short for name in record.model.names] if record else []


def test_draft_protocols_are_published_nowhere(project, public_text, internal_text) -> None:  # type: ignore[no-untyped-def]
    drafts = [
        item.question
        for r in project.of_kind("meeting")
        if isinstance(r.model, Meeting)
        and r.model.protocol
        and r.model.protocol.status is ProtocolStatus.DRAFT
        for item in r.model.protocol.agenda
    ]
    assert drafts, "the sample should have a draft protocol"
    for text in (_unescape(public_text), _unescape(internal_text)):
        assert [q for q in drafts if q in text] == []


def test_compliance_marks_stay_internal(project, public_text) -> None:  # type: ignore[no-untyped-def]
    public = _said(render_site(project, publishing_from("public", AS_OF)))
    assert not any(path.startswith("compliance/") for path in public)
    assert "НАРУШЕНО" not in public_text and "compliance/index.md" not in public_text


def test_dashboard_shows_a_missed_protocol_truthfully(project) -> None:  # type: ignore[no-untyped-def]
    later = _said(render_site(project, publishing_from("internal", "2027-02-20")))
    dashboard = later["compliance/index.md"]
    row = next(
        line for line in dashboard.splitlines() if "МПО п. 4.4" in line and "НАРУШЕНО" in line
    )
    assert (
        "[Заседание № 3 \\(2026/2027\\)](../associations/mpo-tula/2026-2027/meetings/03.md)" in row
    )
    assert "заседание 28.01.2027 прошло, а протокол не подписан" in _unescape(row)
    home = later["index.md"]
    assert "нарушений: 1" in home


# --- how a person is written, as consent allows and as of a day --------------------------------

DIRECTOR = {
    "surname": "Петрова", "name": "Анна", "patronymic": "Сергеевна",
    "positions": [
        {"title": "директор", "organization": "school-1", "until": "2026-06-30"},
        {"title": "методист", "organization": "centre", "since": "2026-07-01"},
    ],
}  # fmt: skip
SCHOOLS = {
    "school-1": Organization(kind="school", names=[{"short": "МБОУ «СШ № 1»", "full": "Школа"}]),
    "centre": Organization(kind="centre", names=[{"short": "МКУ «ЦНППМ»", "full": "Центр"}]),
}


@pytest.mark.parametrize(
    ("scope", "label"),
    [
        (None, UNNAMED),
        (["position"], "директор, МБОУ «СШ № 1»"),
        (["name"], "Петрова А. С."),
        (["name", "position"], "Петрова А. С., директор, МБОУ «СШ № 1»"),
    ],
)
def test_the_public_site_shows_a_person_as_their_consent_allows(
    scope: list[str] | None, label: str
) -> None:
    consent = {"consent": {"date": "2025-01-01", "scope": scope}} if scope else {}
    person = Person.model_validate({**DIRECTOR, **consent})
    public = publishing_from("public", AS_OF)
    assert person_label(person, SCHOOLS, date(2025, 10, 1), public) == label
    internal = publishing_from("internal", AS_OF)
    assert person_label(person, SCHOOLS, date(2025, 10, 1), internal) == (
        "Петрова А. С., директор, МБОУ «СШ № 1»"
    )


def test_a_post_is_the_one_held_on_the_day_never_a_past_one() -> None:
    internal = publishing_from("internal", AS_OF)
    person = Person.model_validate(DIRECTOR)
    assert person_label(person, SCHOOLS, date(2026, 11, 20), internal) == (
        "Петрова А. С., методист, МКУ «ЦНППМ»"
    )
    ended = Person.model_validate({**DIRECTOR, "positions": DIRECTOR["positions"][:1]})
    assert person_label(ended, SCHOOLS, date(2026, 11, 20), internal) == "Петрова А. С."


@pytest.mark.parametrize(
    ("fields", "gender"),
    [
        ({"patronymic": "Сергеевна"}, Gender.FEMALE),
        ({"patronymic": "Ильич"}, Gender.MALE),
        ({"patronymic": "Тимур кызы"}, Gender.FEMALE),
        ({"patronymic": None}, None),
        ({"patronymic": None, "gender": "female"}, Gender.FEMALE),
        ({"patronymic": "Сергеевна", "gender": "male"}, Gender.MALE),  # the record says
    ],
)
def test_gender_is_the_records_else_the_patronymics(
    fields: dict[str, object], gender: Gender | None
) -> None:
    assert Person.model_validate({**DIRECTOR, **fields}).gender_known() is gender


# --- what pages print ---------------------------------------------------------------------------


def test_page_filters_print_what_a_reader_expects() -> None:
    assert upfirst("совет «РОСТ»") == "Совет «РОСТ»"
    assert code_span("public_url") == "`public_url`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"
    assert "`" not in code_span("a | b")  # a table cell would split at «|»: plain text
    assert [plural(n, "член", "члена", "членов") for n in (1, 3, 5, 11, 21, 112)] == [
        "1 член", "3 члена", "5 членов", "11 членов", "21 член", "112 членов",
    ]  # fmt: skip
    assert full_stop("Иванова М. А.") == "Иванова М. А."
    assert full_stop("директор, МБОУ «СШ № 1»") == "директор, МБОУ «СШ № 1»."
    assert real_url("https://school-1.example.org/about") is None
    assert real_url("https://rost.example/") is None
    assert real_url("https://vk.com/rost_tula") == "https://vk.com/rost_tula"


def test_record_references_in_text_become_labels_with_links(project) -> None:  # type: ignore[no-untyped-def]
    site = SiteContext(project, publishing_from("public", AS_OF))

    def text(value: str) -> str:
        return site.labels.text(value, lambda page: f"/{page}", "mpo-tula")

    assert text("решение 1.1 заседания 2025-2026/02") == (
        "решение 1.1 [заседания № 2 \\(2025/2026\\)](/associations/mpo-tula/2025-2026/meetings/02.md)"
    )
    assert text("мероприятие master-class-2026-04").startswith("[мастер-класс «Управленческая")
    assert text("см. https://school-101.example.org и no-such-id") == (
        "см. https://school-101.example.org и no-such-id"
    )
    # Requests are the internal site's: the public one names them without a link.
    assert text("2025-10-24-school-101") == "запрос от 24.10.2025"


def _said(pages: dict[str, str]) -> dict[str, str]:
    """The pages' words, typography aside (see tests/test_typography.py for that)."""
    return {path: untypeset(page) for path, page in pages.items()}
