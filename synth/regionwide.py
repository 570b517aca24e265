"""Region-wide records: settings, organizations, normative acts and associations."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from synth import pools
from synth.region import Region
from synth.spec import (
    CENTRE,
    CENTRE_FULL,
    CENTRE_SHORT,
    FOCUS,
    MINISTRY,
    MONITORING_DEPARTMENT,
    PPSS,
    PPSS_SHORT,
    Node,
)
from synth.towns import list_order
from synth.yamltext import dump


def settings_file() -> tuple[str, str]:
    record: Node = {
        "municipality": "Тульская область",
        "centre": CENTRE,
        "monitoring_department": MONITORING_DEPARTMENT,
        "site": {
            "title": "Межшкольные объединения руководителей ШНОР и совет «РОСТ» — Тульская область"
        },
        "assessment_focus": [{"id": f, "title": t} for f, t in FOCUS],
    }
    comment = "Настройки проекта. Параметры правил не указаны: действуют значения из положений."
    return "records/settings.yaml", dump(record, comment)


def organization_files(region: Region) -> Iterator[tuple[str, str]]:
    fixed = (
        (CENTRE, "centre", CENTRE_SHORT, CENTRE_FULL),
        (
            PPSS,
            "ppss",
            PPSS_SHORT,
            "Государственное бюджетное учреждение Тульской области "
            "«Центр психолого-педагогического, медицинского и социального сопровождения»",
        ),
        (
            MINISTRY,
            "department",
            "министерство образования Тульской области",
            "Министерство образования Тульской области",
        ),
    )
    for org_id, kind, short, full in fixed:
        yield (
            f"records/organizations/{org_id}.yaml",
            dump({"kind": kind, "names": [{"short": short, "full": full}]}),
        )
    for town in region.towns:
        name = f"Управление образования администрации {town.genitive}"
        yield (
            f"records/organizations/{town.department}.yaml",
            dump({"kind": "department", "names": [{"short": name, "full": name}]}),
        )
        for school in town.schools:
            yield f"records/organizations/{school.id}.yaml", dump(school.record)


def normative_files(region: Region) -> Iterator[tuple[str, str]]:
    rng = random.Random(f"{region.spec.seed}:normative")
    acts: list[tuple[str, Node]] = [(act_id, dict(record)) for act_id, record in pools.ACTS]
    acts.append((f"{CENTRE}-regulations", {
        "kind": "local_act", "issuer": CENTRE_SHORT, "number": "45-о",
        "date": date(region.spec.starts[0], 8, 15),
        "title": "Об утверждении положения о межшкольном профессиональном объединении "
        "руководящих работников и положения о консультационном совете «РОСТ»",
        "status": "in_force",
    }))  # fmt: skip
    starts = region.spec.starts
    for start in starts:
        last = start == starts[-1]
        acts.append(
            (
                list_order(start),
                {
                    "kind": "regional_order",
                    "issuer": "министерство образования Тульской области",
                    "number": str(rng.randint(600, 999)),
                    "date": date(start, 6, rng.randint(15, 28)),
                    "title": "Об утверждении списков школ с низкими результатами обучения и школ, "
                    f"функционирующих в сложных социальных условиях, на {start}/{start + 1} учебный год",
                    "status": "in_force" if last else "expired",
                    "horizon": f"{start}/{start + 1} учебный год",
                    "replaced_by": None if last else list_order(start + 1),
                },
            )
        )
    for act_id, record in acts:
        yield f"records/normative/{act_id}.yaml", dump(record)
    for town in region.towns:
        record = {
            "kind": "municipal_order",
            "issuer": f"управление образования администрации {town.genitive}",
            "number": f"{rng.randint(100, 400)}-осн",
            "date": date(starts[0], 8, rng.randint(1, 15)),
            "title": "Об утверждении муниципальной программы сопровождения школ с низкими "
            "образовательными результатами",
            "status": "in_force",
        }
        yield f"records/normative/{town.department}-programme.yaml", dump(record)


def association_files(region: Region) -> Iterator[tuple[str, str]]:
    for town in region.towns:
        record: Node = {
            "name": "Межшкольное профессиональное объединение руководящих работников школ с "
            f"низкими образовательными результатами и школ — сетевых партнёров {town.genitive}",
            "short_name": f"МПО руководителей ШНОР — {town.name}",
            "supervisor": CENTRE,
            "curator": town.curator.id,
            "founded": date(region.spec.starts[0], 8, 20),
            "description": "Объединение директоров и заместителей директоров ШНОР и школ — сетевых "
            "партнёров: вместе оценивают ресурсы школ, анализируют результаты оценочных процедур "
            "и обмениваются управленческими практиками.",
        }
        yield f"records/associations/{town.id}/association.yaml", dump(record)
