"""The house reads top to bottom: cli/ui -> ops -> store/documents/exchange -> domain, with no circle.

Each floor imports only its own and those below it; the Qt-free floors never load Qt; only the
store writes SQL; the store and exchange never import documents, and documents never import the
store; no two modules import each other (directly or round a longer circle); no module is over
600 lines. The import graph is read with ast from the source, every import counted (inside
functions and under TYPE_CHECKING too: a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import imet_desktop

PACKAGE = Path(imet_desktop.__file__).resolve().parent
MAX_LINES = 600

QT_FREE = ["imet_desktop.domain", "imet_desktop.store", "imet_desktop.documents", "imet_desktop.exchange",
           "imet_desktop.ops", "imet_desktop.cli", "imet_desktop.files", "imet_desktop.paths", "imet_desktop.bugs",
           "imet_desktop.preferences", "imet_desktop.palette", "imet_desktop.memory", "imet_desktop.deferred"]

# The floors, top to bottom; a module may import its own floor and those below.
FLOORS: dict[str, int] = {
    "__main__": 4,
    "cli": 3, "ui": 3, "app": 3,
    "ops": 2,
    "store": 1, "documents": 1, "exchange": 1,
    "domain": 0, "files": 0, "paths": 0, "bugs": 0, "palette": 0, "preferences": 0, "memory": 0, "deferred": 0,
    "imet_desktop": 0,
}
# Between neighbours on one floor: (importer, imported) pairs that are refused.
REFUSED = {("store", "documents"), ("exchange", "documents"), ("documents", "store"), ("documents", "exchange"),
           ("cli", "ui"), ("ui", "cli")}

# Temporary allowances, each with who removes it. The tests fail when an allowance is no longer
# needed, so the list only shrinks.
ALLOWED_CYCLES: dict[frozenset[str], str] = {}
ALLOWED_LONG: dict[str, str] = {}

SQL = re.compile(r"\bSELECT\b.*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\S+\s+SET\b|\bDELETE\s+FROM\b"
                 r"|\bCREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER|VIRTUAL)\b|\bPRAGMA\b", re.DOTALL)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known = modules()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                package = package[:len(package) - (node.level - 1)]
                base = ".".join(package + ([node.module] if node.module else []))
            for alias in node.names:
                # `from pkg import mod` imports the module pkg.mod; `from mod import name`, the module mod
                target = f"{base}.{alias.name}"
                yield target if target in known else base


@cache
def graph() -> dict[str, frozenset[str]]:
    """module -> the package's modules it imports."""
    known = modules()
    return {name: frozenset(t for t in _imports(name, path) if t in known and t != name)
            for name, path in known.items()}


def floor_of(module: str) -> str:
    """The floor a module belongs to: its subpackage, or itself for a top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(edges: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(frozenset(group))
    return found


# --- Qt -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("package", QT_FREE)
def test_a_qt_free_layer_imports_no_qt(package: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package!r})\n"
        "for m in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- floors ---------------------------------------------------------------------------------------

def test_every_module_is_on_a_floor() -> None:
    assert sorted({floor_of(m) for m in modules()} - set(FLOORS)) == []


def test_no_floor_imports_a_floor_above_it() -> None:
    upward = sorted(f"{m} imports {t}" for m, targets in graph().items() for t in targets
                    if FLOORS[floor_of(t)] > FLOORS[floor_of(m)])
    assert upward == []


def test_the_store_and_exchange_never_import_documents_and_documents_never_the_store() -> None:
    refused = sorted(f"{m} imports {t}" for m, targets in graph().items() for t in targets
                     if (floor_of(m), floor_of(t)) in REFUSED)
    assert refused == []


def test_the_checks_see_an_import_that_breaks_the_rules(tmp_path: Path) -> None:
    """The graph is read right: a store module importing documents, lazily, is found."""
    path = tmp_path / "bad.py"
    path.write_text("def f():\n    from imet_desktop.documents.fonts import register_fonts\n", encoding="utf-8")
    assert list(_imports("imet_desktop.store.bad", path)) == ["imet_desktop.documents.fonts"]
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}) == [
        frozenset({"a", "b", "c"})]


# --- circles --------------------------------------------------------------------------------------

def test_no_modules_import_each_other() -> None:
    found = cycles(dict(graph()))
    unexpected = [sorted(c) for c in found if c not in ALLOWED_CYCLES]
    assert unexpected == [], "import circles (break them: the lower module must not import the higher)"
    stale = [sorted(c) for c in ALLOWED_CYCLES if c not in found]
    assert stale == [], "these circles are gone: remove them from ALLOWED_CYCLES"


# --- SQL ------------------------------------------------------------------------------------------

def _strings(tree: ast.AST) -> Iterator[ast.Constant]:
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def sql_outside_the_store() -> list[str]:
    """'file:line: text' of every string that reads as SQL in a module outside store/."""
    found = []
    for name, path in modules().items():
        if floor_of(name) == "store":
            continue
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if SQL.search(node.value):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_only_the_store_writes_sql() -> None:
    assert sql_outside_the_store() == []


def test_sql_in_an_f_string_or_split_over_lines_is_seen() -> None:
    tree = ast.parse('x = f"SELECT id FROM {table}"\ny = ("INSERT INTO t "\n     "(a) VALUES (?)")\n'
                     'z = "PRAGMA user_version"\nw = "select a file from the list"\n')
    assert sorted(n.value for n in _strings(tree) if SQL.search(n.value)) == [
        "INSERT INTO t (a) VALUES (?)", "PRAGMA user_version", "SELECT id FROM "]


# --- size -----------------------------------------------------------------------------------------

def test_no_module_is_over_600_lines() -> None:
    lengths = {str(p.relative_to(PACKAGE.parent)): len(p.read_text(encoding="utf-8").splitlines())
               for p in modules().values()}
    too_long = sorted(f"{name}: {n} lines" for name, n in lengths.items() if n > MAX_LINES and name not in ALLOWED_LONG)
    assert too_long == [], f"split these by subject (at most {MAX_LINES} lines a module)"
    stale = sorted(name for name in ALLOWED_LONG if lengths.get(name, 0) <= MAX_LINES)
    assert stale == [], "these are short enough now (or gone): remove them from ALLOWED_LONG"
