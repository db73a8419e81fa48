"""Remove outputs, execution counts and run metadata from notebooks, so they are committed clean."""

from __future__ import annotations

from pathlib import Path

from ..outputs import atomic_path


def strip(paths: list[Path]) -> list[Path]:
    """Remove outputs, execution counts and run metadata from notebooks; return those changed."""
    import nbformat

    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
            cell.metadata.pop("execution", None)
        nb.metadata.pop("widgets", None)
        after = nbformat.writes(nb)
        if after != before:
            with atomic_path(path) as tmp:
                tmp.write_text(after, encoding="utf-8")
            changed.append(path)
    return changed
