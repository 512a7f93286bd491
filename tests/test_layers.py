"""The house's import rules, read from the source: stages import only earlier stages, no circles,
analysis never imports streamlit or the dashboard, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import ROOT

# Earlier stages first: a module may import its own package and anything ranked lower.
RANKS = {
    "schema": -1,
    "config": 0,
    "knowledge": 1,
    "ingest": 2,
    "nlp": 3,
    "resolve": 4,
    "tone": 5,
    "relate": 5.5,
    "tables": 6,
    "store": 7,
    "query": 8,
    "pipeline": 9,
    "evaluation": 10,
    "__main__": 11,
}
TOP_LEVEL = {"__init__", "__main__", "config", "schema", "store", "pipeline"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file, lazy imports included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = _modules()
GRAPH = {
    name: {i for i in _imports(path) if i in MODULES and i != name and i != "analysis"}
    for name, path in MODULES.items()
}


def test_only_a_handful_of_modules_at_the_top():
    top = {p.stem for p in (ROOT / "analysis").glob("*.py")}
    assert top <= TOP_LEVEL, f"move these into a stage package: {sorted(top - TOP_LEVEL)}"


def test_every_package_says_what_it_takes_and_gives():
    for init in (ROOT / "analysis").glob("*/__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_with_the_flow(module):
    stage = _stage(module)
    if stage == "__init__":
        return
    for target in GRAPH[module]:
        other = _stage(target)
        if other in (stage, "__init__"):
            continue
        assert RANKS[other] < RANKS[stage], f"{module} imports {target}: against the flow"


def test_no_import_circles():
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH[node]):
            assert state.get(nxt) != 1, "import circle: " + " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [])


def test_analysis_never_imports_streamlit_or_the_dashboard():
    for module, path in MODULES.items():
        roots = {i.split(".")[0] for i in _imports(path)}
        assert not roots & {"streamlit", "dashboard"}, module


def test_modules_and_pages_stay_small():
    for path in [*(ROOT / "analysis").rglob("*.py"), *(ROOT / "dashboard").glob("*.py")]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path
    for path in (ROOT / "dashboard" / "app_pages").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 150, path
