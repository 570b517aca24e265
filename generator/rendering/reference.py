"""Reference pages: the editors' field reference, normative acts, organizations and people.

Also the helpers the section pages share to make anchors: an HTML id is printed as Markup
only after it is checked to be a plain slug, so no record text can reach an attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.checking.rules import RULES
from generator.loading.fieldref import field_reference
from generator.rendering.context import SiteContext
from generator.rendering.labels import act_name
from generator.rendering.publication import hand_written_shown, shows
from schemas import NormativeAct, Organization, OrgName
from schemas.enums import ActKind, ActStatus, ConsentScope, OrgKind

_ANCHOR_RE = re.compile(r"^[a-z0-9-]+$")
_YEAR = re.compile(r"\b(\d{4})\b")
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Groups of the acts page, in the order a reader needs them.
ACT_GROUPS = (
    (ActStatus.IN_FORCE, "Действующие"),
    (ActStatus.REPEALED, "Утратившие силу"),
    (ActStatus.EXPIRED, "С истёкшим сроком"),
)
ORG_GROUPS = (
    (OrgKind.SCHOOL, "Школы"),
    (OrgKind.CENTRE, "Центры повышения профессионального мастерства"),
    (OrgKind.PPSS, "Центры психолого-педагогического сопровождения"),
    (OrgKind.DEPARTMENT, "Органы управления образованием"),
    (OrgKind.OTHER, "Другие организации"),
)


def anchor(value: str) -> Markup:
    """An HTML id or URL fragment, trusted only because it is checked to be a plain slug."""
    if not _ANCHOR_RE.fullmatch(value):
        raise ValueError(f"not a safe anchor: {value!r}")
    return Markup(value)


def text_anchor(prefix: str, text: str) -> str:
    """A readable ASCII anchor for free text such as a tag: «ОГЭ» → `tag-oge`."""
    ascii_text = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join([prefix, *words]) if words else prefix


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting «№ 9» before «№ 12»."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def pages(site: SiteContext) -> dict[str, str]:
    out = {
        "normative/index.md": _normative(site),
        "organizations/index.md": _organizations(site),
        "people/index.md": _people(site),
    }
    if hand_written_shown("guide/", site.publishing):  # the editors' guide: internal only
        out["guide/fields.md"] = site.render(
            "fields.md.j2", "guide/fields.md", kinds=field_reference()
        )
        out["guide/rules.md"] = site.render("rules.md.j2", "guide/rules.md", rules=RULES)
    return out


# --- normative acts ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Act:
    id: Markup
    act: NormativeAct
    lapsed: bool  # in force by its record, though the year in its horizon has passed

    @property
    def name(self) -> str:
        """«Указ Президента Российской Федерации от 07.05.2018 № 204»."""
        return act_name(self.act)


def _acts(site: SiteContext) -> dict[str, Act]:
    as_of = site.publishing.as_of
    return {
        record.place.id: Act(anchor(record.place.id), act, _lapsed(act, as_of))
        for record, act in site.records("normative", NormativeAct)
    }


def _normative(site: SiteContext) -> str:
    acts = _acts(site)
    kinds = list(ActKind)
    ordered = sorted(acts.values(), key=lambda a: (kinds.index(a.act.kind), a.act.date, a.id))
    groups = [
        (title, [a for a in ordered if a.act.status is status]) for status, title in ACT_GROUPS
    ]
    return site.render("normative.md.j2", "normative/index.md", groups=groups, acts=acts)


def _lapsed(act: NormativeAct, as_of: date) -> bool:
    """A dated act («до 2024 года», «2025/2026 учебный год») recorded in force after its term."""
    years = [int(y) for y in _YEAR.findall(act.horizon or "")]
    if act.status is not ActStatus.IN_FORCE or not years:
        return False
    school_year = "учебн" in (act.horizon or "")
    last_day = date(max(years), 8, 31) if school_year else date(max(years), 12, 31)
    return as_of > last_day


# --- organizations -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Org:
    id: Markup
    organization: Organization
    name: OrgName
    former: list[OrgName]


def _organizations(site: SiteContext) -> str:
    as_of = site.publishing.as_of
    orgs = [
        Org(
            anchor(f"org-{org_id}"),
            organization,
            organization.name_on(as_of),
            [n for n in organization.names if n.until is not None and n.until < as_of],
        )
        for org_id, organization in site.organizations.items()
    ]
    groups = [
        (title, sorted((o for o in orgs if o.organization.kind is kind), key=_org_key))
        for kind, title in ORG_GROUPS
    ]
    page = "organizations/index.md"
    return site.render(
        "organizations.md.j2", page, groups=[(k, os) for k, os in groups if os], acts=_acts(site)
    )


def _org_key(org: Org) -> tuple[tuple[int, int | str], ...]:
    return natural_key(org.name.short)


# --- people ------------------------------------------------------------------------------


def _people(site: SiteContext) -> str:
    """Everyone on the internal site; publicly, those who agreed to be named — each with the
    post held on the site's date only (a post that ended is shown nowhere as current)."""
    shown = [
        (site.person(person_id), person)
        for person_id, person in site.people.items()
        if shows(person, ConsentScope.NAME, site.publishing)
    ]
    shown.sort(key=lambda item: item[0].casefold())
    page = "people/index.md"
    return site.render("people.md.j2", page, people=shown)
