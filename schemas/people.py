"""People and organizations, with the facts about them that change over time."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    ActId,
    F,
    IsoDate,
    OrgId,
    Record,
    SchoolYear,
    Text,
    TopRecord,
    Url,
)
from .enums import (
    ConsentScope,
    Gender,
    ListCategory,
    OrgKind,
    PersonRole,
)

# Patronymic endings that tell the gender: Russian (…вна, …чна / …вич, …ич) and Turkic.
FEMALE_PATRONYMICS = ("вна", "чна", "кызы", "гызы")
MALE_PATRONYMICS = ("вич", "ич", "оглы", "улы", "уулу")


def _check_period(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and until < since:
        raise PydanticCustomError(
            "period_order",
            "дата окончания {until} раньше даты начала {since}. Проверьте даты.",
            {"since": since.isoformat(), "until": until.isoformat(), "field": "until"},
        )


def in_period(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a day falls in a period whose open ends (None) reach as far as needed."""
    return (since is None or since <= day) and (until is None or day <= until)


class Position(Record):
    """A post a person held, with when."""

    title: Text = F("Должность", "Должность, как она пишется в документах, например «директор».")
    organization: OrgId = F(
        "Организация", "Идентификатор организации (файл в records/organizations)."
    )
    department: Text | None = F("Отдел", "Отдел или структурное подразделение, если есть.", None)
    since: IsoDate | None = F("С", "С какого дня человек занимает должность.", None)
    until: IsoDate | None = F("По", "По какой день включительно; пусто — занимает сейчас.", None)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_period(self.since, self.until)
        return self

    def held_on(self, day: dt.date) -> bool:
        """Whether the post was held on the day."""
        return in_period(day, self.since, self.until)


class Consent(Record):
    """Written consent to publish personal data (152-ФЗ)."""

    date: IsoDate = F("Дата согласия", "Дата, которой подписано согласие.")
    scope: list[ConsentScope] = F(
        "Что можно публиковать", "Что разрешено публиковать: name, position, photo.", min_length=1
    )
    document: Text | None = F(
        "Где хранится согласие", "Номер или место хранения подписанного согласия в центре.", None
    )
    withdrawn: IsoDate | None = F(
        "Отозвано", "Дата отзыва согласия; после неё данные больше не публикуются.", None
    )

    def allows(self, scope: ConsentScope, on: dt.date) -> bool:
        """Whether this consent covers `scope` on a given day."""
        active = self.date <= on and (self.withdrawn is None or on < self.withdrawn)
        return active and scope in self.scope


class Contacts(Record):
    """Work contacts: kept for the centre, never published."""

    email: Text | None = F("Электронная почта", "Рабочий адрес; на сайте не публикуется.", None)
    phone: Text | None = F("Телефон", "Рабочий телефон; на сайте не публикуется.", None)


class Person(TopRecord):
    """A person: participant, leader, council member, consultant, author."""

    KIND: ClassVar[str] = "person"
    KIND_TITLE: ClassVar[str] = "человек"

    surname: Text = F("Фамилия", "Фамилия.")
    name: Text = F("Имя", "Имя.")
    patronymic: Text | None = F("Отчество", "Отчество, если есть.", None)
    gender: Gender | None = F(
        "Пол",
        "female или male — чтобы сайт писал «избрана» или «избран». Можно не указывать, если "
        "пол ясен по отчеству (…вна, …вич).",
        None,
    )
    positions: list[Position] = F(
        "Должности",
        "Должности по времени, с датами. Сайт показывает должность, которую человек занимал "
        "в день заседания или на дату сайта; закончившаяся должность не выдаётся за текущую.",
        min_length=1,
    )
    roles: list[PersonRole] = F("Роли", "В каком качестве человек участвует в работе.", [])
    consent: Consent | None = F(
        "Согласие на публикацию",
        "Без согласия человек показывается на публичном сайте только должностью и организацией.",
        None,
    )
    contacts: Contacts | None = F("Контакты", "Рабочие контакты; никогда не публикуются.", None)

    def full_name(self) -> str:
        """«Фамилия Имя Отчество»."""
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)

    def short_name(self) -> str:
        """«Фамилия И. О.», as protocols write it."""
        initials = " ".join(f"{p[0]}." for p in (self.name, self.patronymic) if p)
        return f"{self.surname} {initials}"

    def gender_known(self) -> Gender | None:
        """The gender given in the record, else read from the patronymic; None if unknown."""
        if self.gender is not None:
            return self.gender
        patronymic = (self.patronymic or "").casefold()
        if patronymic.endswith(FEMALE_PATRONYMICS):
            return Gender.FEMALE
        if patronymic.endswith(MALE_PATRONYMICS):
            return Gender.MALE
        return None

    def position_on(self, day: dt.date) -> Position | None:
        """The position held on a given day (the latest one starting by then)."""
        held = [p for p in self.positions if p.held_on(day)]
        return held[-1] if held else None


class OrgName(Record):
    short: Text = F("Краткое название", "Краткое название, например МБОУ «ЦО № 5».")
    full: Text = F("Полное название", "Полное официальное название.")
    since: IsoDate | None = F("С", "С какого дня используется это название.", None)
    until: IsoDate | None = F("По", "По какой день включительно; пусто — действует сейчас.", None)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_period(self.since, self.until)
        return self


class YearCategory(Record):
    """Where a school stands on the regional lists in one school year."""

    year: SchoolYear = F("Учебный год", "Учебный год, например 2025-2026.")
    category: ListCategory = F(
        "Категория", "shnor, shssu, not_listed или pending (список ещё не издан)."
    )
    order: ActId | None = F(
        "Приказ",
        "Идентификатор нормативного акта, которым школа включена в список (records/normative).",
        None,
    )

    @model_validator(mode="after")
    def _order_given(self) -> Self:
        if self.category in (ListCategory.SHNOR, ListCategory.SHSSU) and self.order is None:
            raise PydanticCustomError(
                "order_missing",
                "для категории {category} укажите приказ, которым школа включена в список "
                "(поле order), или напишите category: pending, если список ещё не издан.",
                {"category": self.category.value, "field": "order"},
            )
        return self


class Codes(Record):
    """An organization's registration codes, printed among its requisites on a letter."""

    okpo: Text | None = F("ОКПО", "Код по ОКПО: 8 или 10 цифр.", None)
    ogrn: Text | None = F("ОГРН", "Основной государственный регистрационный номер: 13 цифр.", None)
    inn: Text | None = F(
        "ИНН", "Идентификационный номер налогоплательщика организации: 10 цифр.", None
    )
    kpp: Text | None = F("КПП", "Код причины постановки на учёт: 9 цифр.", None)

    _DIGITS: ClassVar[dict[str, tuple[int, ...]]] = {
        "okpo": (8, 10), "ogrn": (13,), "inn": (10,), "kpp": (9,),
    }  # fmt: skip

    @model_validator(mode="after")
    def _digits(self) -> Self:
        for name, lengths in self._DIGITS.items():
            value = getattr(self, name)
            if value is not None and not (value.isdigit() and len(value) in lengths):
                raise PydanticCustomError(
                    "org_code",
                    "{code} «{value}» записан неверно: нужно {digits} цифр, без пробелов и букв.",
                    {
                        "code": type(self).model_fields[name].title,
                        "value": value,
                        "digits": " или ".join(str(n) for n in lengths),
                        "field": name,
                    },
                )
        return self


class Organization(TopRecord):
    """A school, the centre, Центр ППСС or an education authority."""

    KIND: ClassVar[str] = "organization"
    KIND_TITLE: ClassVar[str] = "организация"

    kind: OrgKind = F(
        "Вид организации",
        "Школа, центр, Центр ППСС, орган управления: school, centre, ppss, department или other.",
    )
    names: list[OrgName] = F("Названия", "Названия по времени: последнее — текущее.", min_length=1)
    categories: list[YearCategory] = F(
        "Категории по годам", "Место школы в региональных списках ШНОР/ШССУ по учебным годам.", []
    )
    risk_factors: list[Text] = F(
        "Факторы риска", "Факторы риска низких результатов; только внутренний сайт.", []
    )
    website: Url | None = F("Сайт", "Официальный сайт организации.", None)
    address: Text | None = F(
        "Адрес", "Почтовый адрес организации с индексом: печатается в бланке письма.", None
    )
    phone: Text | None = F(
        "Телефон",
        "Телефон организации для писем, например +7 (4872) 00-00-00. Это контакты организации, "
        "а не личные данные.",
        None,
    )
    email: Text | None = F(
        "Электронная почта", "Адрес электронной почты организации для писем.", None
    )
    codes: Codes | None = F(
        "Коды организации", "ОКПО, ОГРН, ИНН и КПП — для справочных данных в бланке письма.", None
    )

    def name_on(self, day: dt.date) -> OrgName:
        """The name in use on a given day (the current one when none matches)."""
        for name in reversed(self.names):
            if in_period(day, name.since, name.until):
                return name
        return self.names[-1]

    def has_name_on(self, day: dt.date) -> bool:
        """Whether the organization bore one of its names on a day (existed under this id)."""
        return any(in_period(day, name.since, name.until) for name in self.names)

    def category_in(self, year: str) -> YearCategory | None:
        """The school's list category in a school year, if recorded."""
        return next((c for c in self.categories if c.year == year), None)
