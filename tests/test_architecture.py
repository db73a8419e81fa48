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

# The modules whose function-level workspace imports were moved to the top (issue 31), and their neighbours.
TOP_LEVEL_ONLY = [
    "cache.py", "errors.py", "fonts.py", "formulations.py", "punctuation.py", "validate.py",
    *(f"corpus/{m}.py" for m in ("breaks", "clean", "dates", "devcorpus", "document", "genres", "layout",
                                 "metadata", "sentences", "structure", "textfile")),
    *(str(p.relative_to(HELPERS)) for p in sorted((HELPERS / "ingest").glob("*.py"))),
    *(str(p.relative_to(HELPERS)) for p in sorted((HELPERS / "explore").glob("*.py"))),
    "themes/graph.py", "themes/keyterms.py", "themes/scoring.py",
    "textstat/contrast.py", "textstat/keyness.py",
]


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


@pytest.mark.parametrize("relative", TOP_LEVEL_ONLY)
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
