"""The window's code reads top to bottom: no two ui modules import each other, no room over ~600 lines, no SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import imet_desktop.ui

UI = Path(imet_desktop.ui.__file__).parent
MAX_LINES = 600
# SQL is written in capitals in this program; prose ("delete from the archive") is not.
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA)\b")


def module_name(path: Path) -> str:
    parts = path.relative_to(UI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def ui_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(UI.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every ui module this file imports, wherever the import is (inside functions and TYPE_CHECKING too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in known:
                found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known)
    return found


def test_no_two_ui_modules_import_each_other_even_through_others() -> None:
    modules = ui_modules()
    graph = {name: imports_of(path, set(modules)) - {name} for name, path in modules.items()}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in trail:
                cycle = trail[trail.index(nxt):] + [nxt]
                if min(cycle[:-1]) == cycle[0]:  # each circle once
                    cycles.append(cycle)
            elif len(trail) < 8:
                visit(nxt, [*trail, nxt])

    for name in graph:
        visit(name, [name])
    packages = {n for n, p in modules.items() if p.name == "__init__.py"}
    assert [c for c in cycles if not set(c) & packages] == []


def test_no_ui_module_is_over_600_lines() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in ui_modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_the_ui_writes_no_sql() -> None:
    found = {name: SQL.findall(path.read_text(encoding="utf-8")) for name, path in ui_modules().items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
