"""The house by stages: load → check → render → documents → authoring, adapters on top.

A lower stage never imports a higher one, no module imports itself back through others
(imports inside functions count too), no module passes 500 lines, the top of generator/
stays small, and one module alone knows MkDocs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "generator"
# Where each stage sits; a module may import modules of its own rank or lower only.
RANKS = {
    "generator": 0,  # the shared base: errors, as-of date, Russian formatting, templating
    "generator.loading": 1,
    "generator.checking": 2,
    "generator.rendering": 3,
    "generator.documents": 4,
    "generator.authoring": 5,
    "generator.cli": 6,
    "generator.mkdocs_hook": 6,
    "generator.__main__": 6,
}
MAX_LINES = 500
MAX_TOP_MODULES = 12


def _modules(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*.py")):
        if "templates" not in path.relative_to(folder).parts:
            yield path


def _name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exists(name: str) -> bool:
    base = REPO.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _imported(path: Path) -> Iterator[str]:
    """Project modules that `path` imports, anywhere in it (functions included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; write it absolute"
            module = node.module or ""
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                yield submodule if _exists(submodule) else module


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _modules(PACKAGE):
        name = _name(path)
        graph[name] = {m for m in _imported(path) if m.startswith("generator") and m != name}
    return graph


def _rank(module: str) -> int:
    owners = [prefix for prefix in RANKS if module == prefix or module.startswith(prefix + ".")]
    return RANKS[max(owners, key=len)]


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, if there is any (depth-first search)."""
    state: dict[str, int] = {}  # 1 — on the current path, 2 — done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_circle() -> None:
    graph = _graph()
    assert len(graph) > 40  # the walk saw the package
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_a_lower_stage_never_imports_a_higher_one() -> None:
    upward = [
        f"{module} → {target}"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if _rank(target) > _rank(module)
    ]
    assert upward == []


def test_the_checker_sees_an_upward_import_and_a_circle() -> None:
    graph = {"generator.loading.a": {"generator.checking.b"}, "generator.checking.b": set()}
    assert _rank("generator.checking.b") > _rank("generator.loading.a")
    graph["generator.checking.b"].add("generator.loading.a")
    assert _cycle(graph) == ["generator.checking.b", "generator.loading.a", "generator.checking.b"]


def test_no_module_passes_500_lines() -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for folder in (PACKAGE, REPO / "synth", REPO / "schemas")
        for path in _modules(folder)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_top_of_generator_stays_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_one_module_alone_imports_mkdocs() -> None:
    knowing = sorted(
        _name(path)
        for path in _modules(PACKAGE)
        if any(m.split(".")[0] in {"mkdocs", "material"} for m in _imported_all(path))
    )
    assert knowing == ["generator.mkdocs_hook"]


def _imported_all(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
