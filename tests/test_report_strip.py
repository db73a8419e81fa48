"""helpers.report.strip: outputs are removed from notebooks."""

from __future__ import annotations

from helpers import report

NOTEBOOKS = report.notebooks()


def test_strip_removes_outputs(tmp_path):
    import nbformat

    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nb.cells[2].execution_count = 7
    path = tmp_path / "00_x.ipynb"
    nbformat.write(nb, path)
    assert report.strip([path]) == [path]
    cleaned = nbformat.read(path, as_version=4)
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None for c in cleaned.cells)
    assert report.strip([path]) == []

