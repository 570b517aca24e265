"""Writing the files of a synthetic project into an empty folder, counted by kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from synth.spec import SynthError


def write_tree(out: Path, files: Iterable[tuple[str, str]]) -> Counter[str]:
    """Write the files under `out` (empty or new); how many of each kind were written."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SynthError(
            f"папка {out} не пуста. Укажите новую или пустую папку: синтетические записи не "
            "пишутся поверх существующих файлов."
        )
    counts: Counter[str] = Counter()
    made: set[Path] = set()
    for relative, text in files:
        path = out / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(text.encode("utf-8"))
        counts[_kind(relative)] += 1
    return counts


_KIND_OF_FILE = {
    "settings.yaml": "настройки", "association.yaml": "объединения",
    "membership.yaml": "составы", "plan.yaml": "планы", "analysis.md": "анализы работы",
    "council.yaml": "совет",
}  # fmt: skip
_KIND_OF_FOLDER = {
    "meetings": "заседания", "requests": "запросы", "consultations": "консультации",
    "deficits": "дефициты", "practices": "практики", "people": "люди",
    "organizations": "организации", "normative": "нормативные акты",
    "materials": "материалы совета", "events": "мероприятия совета",
    "monitoring": "отчёты мониторинга", "acknowledgements": "решения о замечаниях",
}  # fmt: skip


def _kind(relative: str) -> str:
    parts = relative.split("/")
    if parts[0] != "records":
        return "вложения"
    return _KIND_OF_FILE.get(parts[-1]) or _KIND_OF_FOLDER.get(parts[-2], "прочие записи")
