"""What the public site must never show, checked on everything it is built from."""

from __future__ import annotations

import re

import pytest

from generator.loading.project import load_project
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from schemas import Consultation, ConsultationRequest, Deficit, Meeting, Person
from schemas.enums import ConsentScope, ProtocolStatus

from .conftest import REPO

AS_OF = "2026-11-20"


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    loaded, problems = load_project(REPO)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def public_text(project) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(render_site(project, publishing_from("public", AS_OF)).values())


@pytest.fixture(scope="module")
def internal_text(project) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(render_site(project, publishing_from("internal", AS_OF)).values())


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
    pages = render_site(project, publishing_from("public", AS_OF))
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
    public = render_site(project, publishing_from("public", AS_OF))
    assert not any(path.startswith("compliance/") for path in public)
    assert "НАРУШЕНО" not in public_text and "compliance/index.md" not in public_text


def test_dashboard_shows_a_missed_protocol_truthfully(project) -> None:  # type: ignore[no-untyped-def]
    later = render_site(project, publishing_from("internal", "2027-02-20"))
    dashboard = later["compliance/index.md"]
    row = next(
        line for line in dashboard.splitlines() if "МПО п. 4.4" in line and "НАРУШЕНО" in line
    )
    assert "[03.yaml](../associations/mpo-tula/2026-2027/meetings/03.md)" in row
    assert "заседание 28.01.2027 прошло, а протокол не подписан" in _unescape(row)
    home = later["index.md"]
    assert "нарушений: 1" in home
