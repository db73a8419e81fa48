"""The layout of the package: workspace modules imported at the top only, and lower stages never import higher ones.

A workspace import inside a function hides a cycle from the reader and from the import graph; these tests read
the source (no import is run) and name the file, line and imported module of every offence.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import helpers

HELPERS = Path(helpers.__file__).resolve().parent

MODULES = sorted(str(p.relative_to(HELPERS)) for p in HELPERS.rglob("*.py"))
# the stages, lowest first: a module may import its own stage and lower ones only
RANKS = {"config": 0, "errors": 0, "punctuation": 0, "validate": 1, "cache": 2, "outputs": 2, "parallel": 2, "memory": 0,
         "lexicon": 2, "fonts": 3, "provenance": 3, "lab": 4, "ingest": 5, "corpus": 6, "tokens": 7, "engine": 8,
         "textstat": 9, "formulations": 10, "themes": 10, "textmodel": 10, "revisions": 11, "findings": 12, "textplot": 13,
         "explore": 14, "report": 15, "export": 11, "dictionary": 10, "embeddings": 10}
# the types of tables on disk; the analysis (every stage above the engine) never names them
STORAGE_TYPES = ("TokenDataset", "CorpusStore", "StoredTable", "CorpusStream", "DiskSource", "FrameSource")
MAX_LINES = 400


def _module(path: Path) -> str:
    parts = ["helpers", *path.relative_to(HELPERS).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute names an import statement of ``path`` brings in (``from . import x`` gives ``pkg.x``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        package = _module(path).split(".")
        if path.name != "__init__.py":
            package = package[:-1]
        package = package[:len(package) - (node.level - 1)]
        base = ".".join([*package, node.module] if node.module else package)
    return [base] if node.module else [f"{base}.{alias.name}" for alias in node.names]


def _imports(path: Path, source: str | None = None) -> list[tuple[int, str, bool]]:
    """``(line, imported name, inside a function)`` of every import statement of the file (or of ``source``
    read as if it were that file)."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    inside = {id(node) for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
              for node in ast.walk(fn) if node is not fn}
    return [(node.lineno, name, id(node) in inside) for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom) for name in _imported(path, node)]


def _workspace(name: str) -> bool:
    return name == "helpers" or name.startswith("helpers.")


def test_the_import_reader_resolves_relative_imports():
    sample = HELPERS / "ingest" / "html.py"
    names = {name for _, name, _ in _imports(sample)}
    assert {"helpers.errors", "helpers.ingest.textfile", "lxml.html", "trafilatura"} <= names
    assert [(name, inside) for _, name, inside in _imports(HELPERS / "ingest" / "__init__.py")
            if name.startswith("helpers.ingest.docx")] == [("helpers.ingest.docx", False)]


@pytest.mark.parametrize("relative", MODULES)
def test_workspace_modules_are_imported_at_the_top(relative):
    path = HELPERS / relative
    hidden = [(line, name) for line, name, inside in _imports(path) if inside and _workspace(name)]
    assert not hidden, f"helpers/{relative}: workspace imports inside functions (line, module): {hidden}"


def test_a_function_level_workspace_import_is_found():
    source = "import json\n\ndef f():\n    import numpy\n    from ..ingest import read_table\n    return read_table\n"
    found = sorted(_imports(HELPERS / "corpus" / "sample.py", source))  # read as if it were in helpers/corpus
    assert found == [(1, "json", False), (4, "numpy", True), (5, "helpers.ingest", True)]


def test_ingest_never_imports_corpus():
    """ingest is the lowest stage: corpus imports it, never the other way round (at the top or in a function)."""
    found = [(str(path.relative_to(HELPERS)), line, name)
             for path in sorted((HELPERS / "ingest").glob("*.py"))
             for line, name, _ in _imports(path)
             if name == "helpers.corpus" or name.startswith("helpers.corpus.")]
    assert not found, f"ingest imports corpus: {found}"


def test_punctuation_is_a_bottom_level_module():
    names = [name for _, name, _ in _imports(HELPERS / "punctuation.py")]
    assert not [n for n in names if _workspace(n)], names


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "helpers"


def _graph() -> dict[str, set[str]]:
    """Every workspace module and the workspace modules it imports (at the top or inside a function)."""
    modules = {_module(HELPERS / relative) for relative in MODULES}
    graph: dict[str, set[str]] = {}
    for relative in MODULES:
        path = HELPERS / relative
        found = set()
        for _, name, _ in _imports(path):
            while name and name not in modules:  # helpers.x.y where y is a name in module helpers.x
                name = name.rpartition(".")[0]
            if name and name != _module(path):
                found.add(name)
        graph[_module(path)] = found
    return graph


def test_every_module_is_in_a_stage():
    assert {_stage(m) for m in _graph()} - {"helpers"} <= set(RANKS), set(RANKS)


def test_lower_stages_never_import_higher_ones():
    """corpus never imports tokens, tokens never the engine, the engine never the analysis …"""
    upward = [(module, name) for module, names in _graph().items() for name in names
              if _stage(module) != "helpers" and _stage(name) != "helpers"
              and RANKS[_stage(name)] > RANKS[_stage(module)]]
    assert not upward, f"imports of a higher stage (module, imported): {upward}"


def test_no_import_cycle_between_modules():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph.get(module, ())):
            if name == module.rpartition(".")[0]:
                continue  # a module and its own package's __init__, which re-exports it
            if state.get(name) == 1:
                cycles.append([*trail[trail.index(name):], name] if name in trail else [module, name])
            elif name not in state:
                visit(name, [*trail, name])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, f"import cycles: {cycles}"


@pytest.mark.parametrize("relative", MODULES)
def test_no_module_is_longer_than_the_limit(relative):
    lines = len((HELPERS / relative).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"helpers/{relative}: {lines} lines (at most {MAX_LINES}: one job per module)"


def test_the_analysis_never_asks_where_a_table_is_stored():
    """Above the engine no module names a storage type: each verb has one body over engine.wrap()."""
    named = []
    for relative in MODULES:
        module = _module(HELPERS / relative)
        if _stage(module) == "helpers" or RANKS[_stage(module)] <= RANKS["engine"]:
            continue
        source = (HELPERS / relative).read_text(encoding="utf-8")
        named += [(relative, kind) for kind in STORAGE_TYPES if kind in source]
    assert not named, f"storage types named above the engine: {named}"
