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
        "ФИО — только при действующем согласии с разрешением name; иначе должность и "
        "организация; контакты не публикуются никогда",
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
        "участники — как позволяет их согласие; роли и пары школ — только внутренний сайт",
        ("pairs",),
    ),
    "plan": Publication(Audience.CONDITIONAL, "после утверждения центром"),
    "meeting": Publication(
        Audience.CONDITIONAL,
        "дата, тема и статус публикуются; протокол — только подписанный, черновик — никогда",
    ),
    "request": Publication(Audience.INTERNAL, "запросы называют школы: только внутренний сайт"),
    "consultation": Publication(Audience.INTERNAL, "консультации называют школы"),
    "deficit": Publication(
        Audience.PUBLIC,
        "типичный дефицит публикуется без названий школ",
        ("organizations",),
    ),
    "practice": Publication(
        Audience.CONDITIONAL,
        "только рекомендованная практика, все авторы которой дали согласие на распространение",
    ),
    "analysis": Publication(Audience.INTERNAL, "анализ представляется в центр"),
    "acknowledgement": Publication(Audience.INTERNAL, "решения о замечаниях — для центра"),
    "council": Publication(Audience.PUBLIC, "состав — как позволяет согласие членов"),
    "material": Publication(Audience.PUBLIC, "публикуется"),
    "event": Publication(
        Audience.PUBLIC,
        "публикуется; участники из ШНОР — только внутренний сайт",
        ("participants",),
    ),
    "monitoring": Publication(Audience.INTERNAL, "статистика — для центра"),
    "normative": Publication(Audience.PUBLIC, "публикуется"),
}
