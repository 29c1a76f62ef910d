"""Imports run one way: news <- storage <- handlers <- bot; the emulator stands apart. Read every module's AST."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["news", "storage", "handlers", "bot"]
EMULATOR = "botapi_emulator"
# Only the demo runs the emulator inside the product; `kabarchy run` must work without it (and without aiohttp).
EMULATOR_USERS = ("bot/demo/", "bot/cli/demo.py")
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


def test_emulator_imports_nothing_of_the_product() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in package_files(EMULATOR)
        for name in imported_modules(path) & set(LAYERS)
    ]
    assert package_files(EMULATOR)
    assert not offences, "\n".join(offences)


def test_only_the_demo_imports_the_emulator() -> None:
    offences = [
        str(path.relative_to(ROOT))
        for package in LAYERS
        for path in package_files(package)
        if {EMULATOR, "aiohttp"} & imported_modules(path)
        and not str(path.relative_to(ROOT)).startswith(EMULATOR_USERS)
    ]
    assert not offences, "\n".join(offences)


def test_bench_stands_alone() -> None:
    """Benchmarks import the product and each other, never the tests; every path is relative to the repository."""
    offences = [
        f"{path.relative_to(ROOT)} imports tests" for path in package_files("bench") if "tests" in imported_modules(path)
    ]
    offences += [
        f"{path.relative_to(ROOT)} names an absolute path"
        for path in package_files("bench")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(("/work", "/home"))
    ]
    assert package_files("bench")
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


def imported_names(path: Path, modules: set[str] = frozenset()) -> set[str]:
    """Return the full names of the modules a file imports, anywhere in it (a function's import counts too).

    `from package import name` is the module package.name when that is one of `modules`, else the package itself.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in modules else node.module)
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


def test_no_import_cycles() -> None:
    """No module of the product (or of the emulator) imports, through others, a module that imports it."""
    modules = {module_name(p): p for package in [*LAYERS, EMULATOR] for p in package_files(package)}
    names = set(modules)
    graph = {
        name: {m for m in imported_names(path, names) if m in names and m != name} for name, path in modules.items()
    }
    assert find_cycle(graph) == []


def test_cycle_check_sees_the_modules_a_package_imports(tmp_path: Path) -> None:
    # "from handlers import feeds" imports the module handlers.feeds, not only the package.
    module = tmp_path / "m.py"
    module.write_text("from handlers import feeds, Thing\nimport storage.db\n", encoding="utf-8")
    assert imported_names(module, {"handlers", "handlers.feeds"}) == {"handlers.feeds", "handlers", "storage.db"}


def test_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
