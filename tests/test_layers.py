"""Imports run one way: news <- storage <- handlers <- bot. Read the AST of every module and check."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["news", "storage", "handlers", "bot"]
# news is pure: no Telegram, no database, no network, no event loop.
NEWS_FORBIDDEN = {"telegram", "aiosqlite", "sqlite3", "httpx", "aiohttp", "asyncio", "requests", "urllib3"}


def imported_modules(path: Path) -> set[str]:
    """Return the top-level names of every module the file imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def package_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", LAYERS)
def test_package_imports_only_layers_to_its_left(package: str) -> None:
    allowed = set(LAYERS[: LAYERS.index(package) + 1])
    forbidden = set(LAYERS) - allowed
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in package_files(package)
        for name in imported_modules(path) & forbidden
    ]
    assert not offences, "\n".join(offences)


def test_news_is_pure() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in package_files("news")
        for name in imported_modules(path) & NEWS_FORBIDDEN
    ]
    assert not offences, "\n".join(offences)


def test_every_layer_has_code() -> None:
    for package in LAYERS:
        assert package_files(package), f"{package}/ has no modules"


def test_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import bot.app\nfrom telegram import Update\nfrom . import local\n", encoding="utf-8")
    assert imported_modules(bad) == {"bot", "telegram"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> set[str]:
    """Return the full names of the modules a file imports, anywhere in it (a function's import counts too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """Return one import cycle of the graph as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


@pytest.mark.parametrize("package", ["news"])
def test_no_import_cycles(package: str) -> None:
    modules = {module_name(p): p for p in package_files(package)}
    graph = {name: {m for m in imported_names(path) if m in modules and m != name} for name, path in modules.items()}
    assert find_cycle(graph) == []


def test_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
