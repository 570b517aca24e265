"""Which kinds of records reach the public site, and on what condition (domain: Publication).

The public site must not shame the schools it exists to help: requests, compliance marks and
named schools' difficulties stay on the internal site. People appear under their names only
with recorded consent (152-ФЗ); personal contacts are never published anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Audience(Enum):
    PUBLIC = "public"  # both sites
    CONDITIONAL = "conditional"  # both sites when `condition` holds, else internal only
    INTERNAL = "internal"  # the internal site only


@dataclass(frozen=True, slots=True)
class Publication:
    audience: Audience
    condition: str  # Russian, shown in the editors' guide
    internal_fields: tuple[str, ...] = ()  # fields never shown on the public site


PUBLICATION: dict[str, Publication] = {
    "settings": Publication(Audience.INTERNAL, "настройки не публикуются"),
    "person": Publication(
        Audience.CONDITIONAL,
        "ФИО — только при действующем согласии с разрешением name, должность и организация — "
        "с разрешением position; без них — «участник объединения»; должность — та, что "
        "человек занимал в день события; контакты не публикуются никогда",
        ("contacts", "consent", "roles"),
    ),
    "organization": Publication(
        Audience.PUBLIC,
        "названия и сайт; категории ШНОР/ШССУ и факторы риска — только внутренний сайт",
        ("categories", "risk_factors"),
    ),
    "association": Publication(Audience.PUBLIC, "публикуется"),
    "membership": Publication(
        Audience.PUBLIC,
        "участники — как позволяет их согласие, остальные — числом; роли и пары школ — только "
        "внутренний сайт",
        ("pairs",),
    ),
    "plan": Publication(Audience.CONDITIONAL, "после утверждения центром"),
    "meeting": Publication(
        Audience.CONDITIONAL,
        "дата, тема и статус публикуются; протокол — только подписанный, черновик — никогда; "
        "отметки об исполнении решений и контроль исполнения, выступления и решения с "
        "internal: true, ссылки на программы школ — только внутренний сайт",
        ("protocol.agenda.decisions.execution", "protocol.follow_up", "protocol.agenda.programmes"),
    ),
    "request": Publication(Audience.INTERNAL, "запросы называют школы: только внутренний сайт"),
    "consultation": Publication(Audience.INTERNAL, "консультации называют школы"),
    "deficit": Publication(
        Audience.PUBLIC,
        "типичный дефицит публикуется без названий школ",
        ("organizations",),
    ),
    "diagnostic": Publication(
        Audience.PUBLIC,
        "доли и числа ниже порога по компетенциям публикуются; участники поимённо и итоги "
        "по школам — только внутренний сайт",
        ("participants", "organizations", "results.by_organization"),
    ),
    "practice": Publication(
        Audience.CONDITIONAL,
        "только рекомендованная практика, все авторы которой дали согласие на распространение",
    ),
    "analysis": Publication(Audience.INTERNAL, "анализ представляется в центр"),
    "acknowledgement": Publication(Audience.INTERNAL, "решения о замечаниях — для центра"),
    "council": Publication(
        Audience.PUBLIC,
        "состав — как позволяет согласие членов; категории членов (кто из ШНОР) — только "
        "внутренний сайт",
        ("members.category",),
    ),
    "material": Publication(Audience.PUBLIC, "публикуется"),
    "council_consultation": Publication(
        Audience.INTERNAL, "консультации совета называют людей и трудности их школ"
    ),
    "event": Publication(
        Audience.PUBLIC,
        "публикуется; участники из ШНОР — только внутренний сайт",
        ("participants",),
    ),
    "monitoring": Publication(Audience.INTERNAL, "статистика — для центра"),
    "programme": Publication(
        Audience.INTERNAL, "программы называют трудности школ: только внутренний сайт"
    ),
    "normative": Publication(Audience.PUBLIC, "публикуется"),
}
