"""The package's map: each stage folder imports only downward, nothing imports in a circle, and
no two modules share a name (read from the source, so the check sees lazy imports too)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "drafter"
# cli → pipeline, check → gathering → bookmarks / fetch / draft → extract → shared (the
# top-level modules). gathering (fetch, extract and render every bookmark) sits between
# pipeline, which drafts with its articles, and the fetch and extract stages it drives.
STAGE_RANK = {
    "main": 6, "cli": 5, "pipeline": 4, "check": 4, "gathering": 3,
    "bookmarks": 2, "fetch": 2, "draft": 2, "extract": 1,
}  # fmt: skip
STAGES = ("cli", "bookmarks", "fetch", "extract", "draft")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    """'cli', 'fetch', … for a module inside a stage folder; 'pipeline', 'gathering'; else
    'shared'."""
    parts = module.split(".")
    if module == "drafter.__main__":  # `python -m drafter`: the entry point, above the CLI
        return "main"
    if len(parts) > 1 and parts[1] in STAGE_RANK:
        return parts[1]
    return "shared"


def drafter_imports(path: Path) -> set[str]:
    """Every drafter module `path` imports, at any depth of the file (lazy imports too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "drafter")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "drafter":
                continue
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (REPO / Path(*candidate.split("."))).with_suffix(".py").is_file()
                found.add(candidate if is_module else node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # a package's __init__ is not an edge of its own: `drafter.fetch` means its folder
        graph[name] = {m for m in drafter_imports(path) if m in modules and m != "drafter"}
    return graph


def test_each_stage_has_its_folder() -> None:
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_stages_import_only_downward() -> None:
    upward = []
    for module, targets in import_graph().items():
        own = stage_of(module)
        for target in targets:
            other = stage_of(target)
            if other in (own, "shared"):
                continue
            if own == "shared" or STAGE_RANK[other] >= STAGE_RANK[own]:
                upward.append(f"{module} → {target}")
    assert not upward, "imports that run upward or sideways:\n" + "\n".join(sorted(upward))


def test_no_import_cycles() -> None:
    graph = import_graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for target in sorted(graph.get(module, ())):
            cycle = visit(target, [*path, module])
            if cycle:
                return cycle
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module, [])
        assert cycle is None, " → ".join(cycle or [])


def test_no_two_modules_share_a_name() -> None:
    names = Counter(
        p.stem for p in [*PACKAGE.rglob("*.py"), *(REPO / "bench").glob("*.py")]
        if p.stem != "__init__"
    )
    shared = [name for name, count in names.items() if count > 1]
    assert not shared, f"modules sharing a name: {shared}"
