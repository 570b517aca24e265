"""Pages of the council «РОСТ»: composition, materials, events and (internal) monitoring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from generator.rendering import focus, schools
from generator.rendering.context import SiteContext
from generator.rendering.publication import kind_shown
from generator.rendering.reference import anchor
from generator.russian import ru_date, ru_month
from schemas import Council, CouncilEvent, CouncilMaterial, CouncilMember, MonitoringReport
from schemas.enums import CouncilCategory, CouncilDirection, EventLevel, MaterialType

# What each of the council's directions covers, in our words (РОСТ п. 4.1.1–4.1.3).
DIRECTIONS = (
    (CouncilDirection.METHODICAL, "РОСТ п. 4.1.1", "методическая поддержка программ перевода ШНОР в эффективный режим работы, развитие управленческих компетенций руководителей ШНОР, их участие в конференциях, семинарах, вебинарах и мастер-классах всероссийского и регионального уровней"),
    (CouncilDirection.CONSULTATIVE, "РОСТ п. 4.1.2", "консультации по управленческим решениям, повышающим качество образования, и консультации заместителей руководителей ШНОР о подготовке обучающихся к оценочным процедурам (ЕГЭ, ОГЭ, ВПР, РКР, задания PISA-типа)"),
    (CouncilDirection.INFORMATIONAL, "РОСТ п. 4.1.3", "подбор и распространение материалов об управлении качеством образования, сведений о нормативных актах и успешных управленческих практиках в сообществе «РОСТ»"),
)  # fmt: skip
# The order of the events page's groups (РОСТ п. 4.1.1 names the levels): nearest first.
LEVELS = (EventLevel.MUNICIPAL, EventLevel.REGIONAL, EventLevel.FEDERAL)
CHART_WIDTH = 640
CHART_HEIGHT = 260
CHART_TOP = 28  # room for the value printed above the highest bar
CHART_BOTTOM = 36  # room for the period labels under the axis
CHART_SIDE = 16


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart of one figure over the periods; the template draws it as inline SVG."""

    id: Markup
    title: str
    aria: str
    width: int
    height: int
    baseline: float
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class Period:
    title: str
    short: str
    report: MonitoringReport

    @property
    def actions(self) -> int:
        """Active actions on the page (РОСТ п. 5.3): likes, comments and reposts."""
        return self.report.likes + self.report.comments + self.report.reposts


def pages(site: SiteContext) -> dict[str, str]:
    council = next((model for _record, model in site.records("council", Council)), None)
    out = {
        "council/index.md": _index(site, council),
        "council/materials.md": _materials(site),
        "council/events.md": _events(site),
    }
    if kind_shown("monitoring", site.publishing):
        out["council/monitoring.md"] = _monitoring(site)
    return out


def _index(site: SiteContext, council: Council | None) -> str:
    members = _current_members(council, site.publishing.as_of) if council else []
    # The categories name the ШНОР among the members' schools: the internal site only.
    by_category = [(c, [m for m in members if m.category is c]) for c in CouncilCategory]
    return site.render(
        "council.md.j2", "council/index.md", council=council, directions=DIRECTIONS,
        categories=by_category, members=members,
        show_monitoring=kind_shown("monitoring", site.publishing),
        school_card=schools.person_cards(site),
    )  # fmt: skip


def _current_members(council: Council, as_of: date) -> list[CouncilMember]:
    """Members on the as-of day: those who left (until) or join later (since) are not shown."""
    return [member for member in council.members if member.serves_on(as_of)]


def _materials(site: SiteContext) -> str:
    materials = sorted(
        site.records("material", CouncilMaterial),
        key=lambda item: (item[1].published, item[0].place.id),
        reverse=True,
    )
    entries = [(anchor(record.place.id), material) for record, material in materials]
    by_type = [(t, [e for e in entries if e[1].type is t]) for t in MaterialType]
    settings = site.project.settings
    terms = settings.assessment_focus if settings else []
    by_focus = [(term.title, [e for e in entries if term.id in e[1].focus]) for term in terms]
    known = {term.id for term in terms}
    unknown = sorted({f for _id, m in entries for f in m.focus if f not in known})
    by_focus += [(code, [e for e in entries if code in e[1].focus]) for code in unknown]
    return site.render(
        "council_materials.md.j2", "council/materials.md", count=len(entries),
        by_type=[g for g in by_type if g[1]], by_focus=[g for g in by_focus if g[1]],
        focus_label=lambda codes: focus.label(codes, settings),
    )  # fmt: skip


def _events(site: SiteContext) -> str:
    as_of = site.publishing.as_of
    events = sorted(
        ((anchor(record.place.id), event) for record, event in site.records("event", CouncilEvent)),
        key=lambda item: (item[1].date, str(item[0])),
    )
    coming = [e for e in events if (e[1].end_date or e[1].date) >= as_of]
    past = [e for e in reversed(events) if (e[1].end_date or e[1].date) < as_of]
    sections = [
        ("Предстоящие", _by_level(coming), "Предстоящих мероприятий пока нет."),
        ("Прошедшие", _by_level(past), "Прошедших мероприятий пока нет."),
    ]
    counts = [(level, *(sum(len(e) for lv, e in s[1] if lv is level) for s in sections))
              for level in LEVELS]  # fmt: skip
    return site.render(
        "council_events.md.j2", "council/events.md", sections=sections, counts=counts
    )


def _by_level(
    events: list[tuple[Markup, CouncilEvent]],
) -> list[tuple[EventLevel, list[tuple[Markup, CouncilEvent]]]]:
    """Events grouped by level, nearest first (municipal, regional, all-Russian); empty
    levels left out, each group in the order given."""
    groups = [(level, [e for e in events if e[1].level is level]) for level in LEVELS]
    return [(level, items) for level, items in groups if items]


# --- monitoring (internal) ---------------------------------------------------------------


def _monitoring(site: SiteContext) -> str:
    reports = sorted(
        (model for _record, model in site.records("monitoring", MonitoringReport)),
        key=lambda r: r.period_start,
    )
    periods = [Period(*_period_titles(r), report=r) for r in reports]
    charts = [
        _chart("visitors", "Посетители страницы совета", "посетители", periods,
               lambda p: p.report.visitors),
        _chart("views", "Просмотры страницы совета", "просмотры", periods,
               lambda p: p.report.views),
        _chart("actions", "Активные действия: отметки «Нравится», комментарии и репосты",
               "активные действия", periods, lambda p: p.actions),
    ]  # fmt: skip
    sources = sorted({r.source for r in reports})
    return site.render(
        "council_monitoring.md.j2", "council/monitoring.md", periods=periods,
        charts=charts if periods else [], sources=sources,
    )  # fmt: skip


def _period_titles(report: MonitoringReport) -> tuple[str, str]:
    """«октябрь 2026» and «10.2026» for a calendar month; the dates otherwise."""
    start, end = report.period_start, report.period_end
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and _last_day(end):
        return ru_month(f"{start:%Y-%m}"), f"{start:%m.%Y}"
    return f"{ru_date(start)} – {ru_date(end)}", f"{start:%d.%m}–{end:%d.%m.%y}"


def _last_day(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _chart(
    key: str, title: str, what: str, periods: list[Period], value: Callable[[Period], int]
) -> Chart:
    values = [value(p) for p in periods]
    top = max(values, default=0) or 1
    n = max(len(periods), 1)
    width = max(CHART_WIDTH, CHART_SIDE * 2 + n * 44)
    slot = (width - 2 * CHART_SIDE) / n
    baseline = CHART_HEIGHT - CHART_BOTTOM
    usable = baseline - CHART_TOP
    bars = []
    for i, (period, v) in enumerate(zip(periods, values, strict=True)):
        height = round(usable * v / top, 1)
        x = round(CHART_SIDE + i * slot + slot * 0.15, 1)
        bars.append(
            Bar(x, round(baseline - height, 1), round(slot * 0.7, 1), height, v, period.short)
        )
    span = f"с {periods[0].short} по {periods[-1].short}" if periods else ""
    aria = (
        f"Столбчатая диаграмма: {what} по отчётным периодам {span}; "
        f"наименьшее значение {min(values, default=0)}, наибольшее {max(values, default=0)}"
    )
    return Chart(anchor(f"chart-{key}"), title, aria, width, CHART_HEIGHT, baseline, bars)
