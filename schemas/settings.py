"""Project settings: the municipality, the centre and the rules' numbers (`records/settings.yaml`)."""

from __future__ import annotations

import calendar
from datetime import date
from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    Count,
    F,
    Flag,
    Number,
    OrgId,
    Record,
    Slug,
    Text,
    TopRecord,
    Url,
)
from .enums import (
    CmsBackend,
    MonitoringPeriod,
)


class MonthDay(Record):
    """A day of the year, e.g. 15 July."""

    month: Count = F("Месяц", "Номер месяца, от 1 до 12.", ge=1, le=12)
    day: Count = F("День", "День месяца.", ge=1, le=31)

    @model_validator(mode="after")
    def _exists(self) -> Self:
        try:
            date(2024, self.month, self.day)  # a leap year admits 29 February
        except ValueError:
            raise PydanticCustomError(
                "month_day",
                "дня {day}.{month:02d} не бывает. Проверьте месяц и день.",
                {"day": self.day, "month": self.month, "field": "day"},
            ) from None
        return self

    def in_year(self, year: int) -> date:
        """This day in a given calendar year; 29 February is the 28th in a common year."""
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)


def _day(month: int, day: int) -> MonthDay:
    """A default date of the year. Made without validation: the values are known good, and
    validating at import would build the model's validator in every process, including those
    that take every record from the cache and never validate anything (issue 18)."""
    return MonthDay.model_construct(month=month, day=day)


class RuleSettings(Record):
    """The numbers of the compliance rules; defaults are the regulations' values."""

    min_meetings: Count = F(
        "Заседаний в год, не меньше",
        "Сколько заседаний должно пройти за учебный год (МПО п. 4.3).",
        4,
    )
    meetings_by: MonthDay = F(
        "Заседания проводятся до",
        "Последний день учебного года, к которому должны пройти все заседания (конец мая).",
        _day(5, 31),
    )
    analysis_last_day: MonthDay = F(
        "Срок анализа работы",
        "День, до которого анализ работы за год представляется в центр (МПО п. 4.6).",
        _day(7, 15),
    )
    analysis_last_day_included: Flag = F(
        "Срок анализа включительно",
        "«До 15 июля» читается как «15 июля включительно» (true) или «не позднее 14 июля» (false).",
        True,
    )
    analysis_warning_days: Count = F(
        "Предупреждать об анализе за, дней",
        "За сколько дней до срока анализ работы отмечается как требующий внимания.",
        30,
    )
    protocol_grace_working_days: Count = F(
        "Срок оформления протокола, рабочих дней",
        "Сколько рабочих дней после заседания даётся на подписание протокола.",
        10,
    )
    request_due_days: Count = F(
        "Срок ответа на запрос, дней",
        "За сколько календарных дней нужно ответить на запрос о консультации.",
        14,
    )
    plan_approved_by: MonthDay = F(
        "План утверждается до",
        "К какому дню учебного года план работы должен быть утверждён центром (МПО п. 4.5).",
        _day(10, 1),
    )
    monitoring_period: MonitoringPeriod = F(
        "Период мониторинга совета",
        "За какой период составляется отчёт о статистике страницы совета (РОСТ п. 5.3).",
        MonitoringPeriod.MONTH,
    )
    opening_window_from: MonthDay = F(
        "Установочное заседание не раньше",
        "С какого дня августа может пройти первое заседание следующего учебного года.",
        _day(8, 20),
    )
    entry_diagnostic_by: MonthDay = F(
        "Входная диагностика до",
        "К какому дню учебного года проводится входная диагностика компетенций руководителей "
        "(МПО п. 2.2.1, 4.2.2).",
        _day(10, 31),
    )
    repeat_diagnostic_by: MonthDay = F(
        "Повторная диагностика до",
        "К какому дню весны проводится повторная диагностика по тем же компетенциям.",
        _day(5, 31),
    )
    deficit_resolved_percent: Number = F(
        "Дефицит устранён, если ниже порога не больше, %",
        "Какая доля участников повторной диагностики может остаться ниже порога, чтобы "
        "дефицит по этой компетенции считался устранённым (МПО п. 4.2.2).",
        25,
        le=100,
    )


class FocusTerm(Record):
    """A term of the assessment-focus vocabulary (РОСТ п. 4.1.2)."""

    id: Slug = F("Код", "Латинский код, на который ссылаются материалы совета, например ege.")
    title: Text = F("Название", "Как термин показывается на сайте, например «ЕГЭ».")


class CmsSettings(Record):
    """Where the forms of /admin/ (Decap CMS) save: every change becomes a pull request."""

    backend: CmsBackend = F(
        "Сервер репозитория",
        "forgejo — свой Forgejo или Gitea центра (вход без отдельного сервера, PKCE); "
        "github — GitHub (нужен сервер входа OAuth, его адрес — auth_url).",
    )
    repo: Text = F("Репозиторий", "Владелец и имя репозитория записей, например cnppm/rost.")
    branch: Text = F("Основная ветка", "Ветка, из которой публикуются сайты.", "main")
    api_root: Url | None = F(
        "Адрес API",
        "Для forgejo: адрес API сервера, например https://git.cnppm-tula.example/api/v1.",
        None,
    )
    app_id: Text | None = F(
        "Идентификатор приложения OAuth",
        "Client ID приложения, зарегистрированного на сервере для редактора форм "
        "(публичный клиент, без секрета).",
        None,
    )
    auth_url: Url | None = F(
        "Адрес сервера входа",
        "Для github: адрес сервера OAuth, через который редактор входит в GitHub.",
        None,
    )

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing = ["api_root", "app_id"] if self.backend is CmsBackend.FORGEJO else ["auth_url"]
        absent = [name for name in missing if getattr(self, name) is None]
        if absent:
            raise PydanticCustomError(
                "cms_incomplete",
                "для сервера {backend} укажите ещё: {fields}.",
                {"backend": self.backend.value, "fields": ", ".join(absent)},
            )
        return self


class SiteSettings(Record):
    """The sites' name and addresses, and how long a meeting lasts in the calendar feed."""

    title: Text = F("Название сайта", "Заголовок публичного и внутреннего сайтов.")
    public_url: Url | None = F(
        "Адрес публичного сайта",
        "Полный адрес публичного сайта, начиная с https://. По нему события календаря "
        "(calendar.ics) ссылаются на свои страницы; без него ссылок в календаре нет.",
        None,
    )
    internal_url: Url | None = F(
        "Адрес внутреннего сайта",
        "Полный адрес внутреннего сайта центра: для ссылок календаря внутреннего сайта.",
        None,
    )
    cms: CmsSettings | None = F(
        "Редактор форм",
        "Куда сохраняет редактор форм внутреннего сайта (/admin/): сервер и репозиторий. "
        "Без этого поля формы работают только на своём компьютере (decap-server).",
        None,
    )
    meeting_minutes: Count = F(
        "Длительность заседания, минут",
        "Сколько длится заседание с указанным временем начала — для календаря (calendar.ics).",
        120,
        ge=1,
        le=24 * 60,
    )


class Settings(TopRecord):
    """Settings of one installation: the municipality, its centre, the rules' numbers."""

    KIND: ClassVar[str] = "settings"
    KIND_TITLE: ClassVar[str] = "настройки"

    municipality: Text = F("Муниципалитет", "Муниципальное образование, например «г. Тула».")
    centre: OrgId = F(
        "Центр", "Идентификатор организации-центра, которая утверждает планы и ведёт совет."
    )
    monitoring_department: Text = F(
        "Отдел мониторинговых исследований",
        "Название отдела центра, из сотрудников которого назначается председатель совета "
        "(РОСТ п. 3.1.1).",
    )
    events_department: Text = F(
        "Отдел организации конкурсов и мероприятий",
        "Название отдела центра, специалисты которого администрируют сообщество совета и ведут "
        "мониторинг его статистики (РОСТ п. 5.2, 5.3).",
        "отдел организации конкурсов и мероприятий",
    )
    site: SiteSettings = F("Сайт", "Название и адреса сайтов.")
    rules: RuleSettings = F(
        "Параметры правил",
        "Числа, с которыми проверяется выполнение положений.",
        RuleSettings.model_construct(),  # its defaults, as RuleSettings() without building
    )
    assessment_focus: list[FocusTerm] = F(
        "Оценочные процедуры",
        "Словарь оценочных процедур, к которым относятся материалы совета (ЕГЭ, ОГЭ, ВПР…).",
        min_length=1,
    )
