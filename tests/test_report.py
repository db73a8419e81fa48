"""helpers.report and the notebooks: every notebook runs, writes its figures, and exports HTML."""

from __future__ import annotations

import ast
import json
import re
import struct
import subprocess
import sys

import pytest
from PIL import Image

from helpers import config, report

EXPECTED = {
    "00_corpus_overview": ["corpus-paragraph-lengths", "corpus-sentence-lengths"],
    "01_frequency": ["frequency-top-terms", "frequency-wordcloud", "frequency-top-terms-by-section",
                     "frequency-section-term-heatmap", "frequency-collocations", "frequency-dispersion"],
    "02_themes": ["themes-section-heatmap", "themes-profile", "themes-drivers", "themes-keywords-by-section",
                  "themes-cooccurrence-network", "themes-topic-words", "themes-topic-paragraphs"],
    "03_comparison": ["comparison-keyness-sections", "comparison-keyness-documents", "comparison-fightin-words",
                      "comparison-wordcloud", "comparison-keyness-general", "comparison-similarity",
                      "comparison-formulations-presence", "comparison-formulation-trends", "comparison-style"],
}
NOTEBOOKS = report.notebooks()


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the notebooks as committed ----------------------------------------------------------------


def test_the_sequence_is_complete():
    names = [p.stem for p in NOTEBOOKS]
    assert names[: len(EXPECTED)] == list(EXPECTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_has_a_parameters_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, path.name
    names = {t.id for node in ast.walk(ast.parse("".join(tagged[0]["source"])))
             if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    assert {"corpus_dir", "figures_dir", "top_n", "random_state"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_function_is_defined_in_a_notebook(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda), \
                f"{path.name}: define functions in helpers/, not in a notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_is_explained(path):
    """A markdown cell comes between any two figures (and before the first one)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    explained = False
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            explained = True
        elif "outputs.save(" in "".join(cell["source"]):
            assert explained, "".join(cell["source"])[:80]
            explained = False


# --- running them ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory):
    """All notebooks run once on the bundled corpus, into temporary folders."""
    figures = tmp_path_factory.mktemp("figures")
    reports = tmp_path_factory.mktemp("reports")
    timings = report.run(NOTEBOOKS, figures_dir=figures, reports_dir=reports, progress=False, log=lambda *_: None)
    return figures, reports, timings


@pytest.mark.slow
def test_every_expected_figure_is_a_sensible_png(bundled_run):
    figures, _, _ = bundled_run
    for notebook, names in EXPECTED.items():
        for name in names:
            png = figures / f"{name}.png"
            assert png.exists(), f"{notebook} did not write {png.name}"
            width, height = _png_size(png)
            assert 400 <= width <= 6000 and 250 <= height <= 6000, (png.name, width, height)
            assert png.stat().st_size > 10_000, png.name
            with Image.open(png) as image:
                image.verify()
            table = figures / f"{name}.csv"
            assert table.exists() and len(table.read_text(encoding="utf-8-sig").splitlines()) > 1, table.name


@pytest.mark.slow
def test_figures_are_not_blank(bundled_run):
    figures, _, _ = bundled_run
    for png in figures.glob("*.png"):
        with Image.open(png) as image:
            colours = image.convert("L").getextrema()
        assert colours[1] - colours[0] > 100, png.name


@pytest.mark.slow
def test_reports_are_self_contained_and_indexed(bundled_run):
    _, reports, _ = bundled_run
    index = (reports / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        page = reports / f"{path.stem}.html"
        assert page.exists()
        assert f'href="{path.stem}.html"' in index
        text = page.read_text(encoding="utf-8")
        images = re.findall(r'<img[^>]*src="data:image/png;base64,', text)
        assert len(images) >= len(EXPECTED[path.stem]), page.name  # every saved figure is shown
        assert not re.search(r'<img[^>]+src="(?!data:)', text), page.name  # no image points to a file
        assert "Provenance" in text, page.name


@pytest.mark.slow
def test_provenance_cell_records_hashes(bundled_run):
    _, reports, _ = bundled_run
    text = (reports / "01_frequency.html").read_text(encoding="utf-8")
    assert "5bccccfcf45b2d7d0624515aa3a7ac160a40fb7e440da328863700eaeb0a7e7e" in text  # the seed's SHA-256
    assert "policy_terms.txt" in text and "stopwords_general.txt" in text
    assert "rjieba" in text


def test_failing_cell_names_notebook_and_cell_and_keeps_outputs(tmp_path):
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    figures.mkdir()
    reports.mkdir()
    (figures / "corpus-paragraph-lengths.png").write_bytes(b"previous figure")
    (reports / "00_corpus_overview.html").write_text("previous report", encoding="utf-8")
    with pytest.raises(report.NotebookFailed) as info:
        report.run(NOTEBOOKS[:1], corpus_dir=tmp_path / "no-such-corpus", figures_dir=figures,
                   reports_dir=reports, progress=False, log=lambda *_: None)
    message = str(info.value)
    assert message.startswith("00_corpus_overview.ipynb, cell ")
    assert "speeches = corpus.load(corpus_dir)" in message and "CorpusError" in message and "not found" in message
    assert (figures / "corpus-paragraph-lengths.png").read_bytes() == b"previous figure"
    assert (reports / "00_corpus_overview.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "reports"]  # no staging folder left


def test_command_line_exit_status_and_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "helpers.report", "--only", "00", "--set", "top_n='not a number'",
         "--set", f"corpus_dir='{tmp_path}'", "--figures", str(tmp_path / "f"), "--reports", str(tmp_path / "r")],
        capture_output=True, text=True, cwd=config.ROOT, timeout=300,
    )
    assert result.returncode == 1
    assert "FAILED: 00_corpus_overview.ipynb, cell" in result.stderr and "no texts" in result.stderr
    bad = subprocess.run([sys.executable, "-m", "helpers.report", "--set", "oops"], capture_output=True,
                         text=True, cwd=config.ROOT, timeout=60)
    assert bad.returncode == 2 and "NAME=VALUE" in bad.stderr


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


@pytest.mark.slow
def test_every_notebook_runs_on_the_extended_corpus(extended_dir, tmp_path):
    """Notebooks decide from the corpus what to show: the same notebooks run on eight documents."""
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    report.run(NOTEBOOKS, corpus_dir=extended_dir, figures_dir=figures, reports_dir=reports, progress=False,
               log=lambda *_: None)
    for names in EXPECTED.values():
        for name in names:
            assert (figures / f"{name}.png").exists(), name
    assert (figures / "themes-keywords-by-document.png").exists()
    trends = (figures / "comparison-formulation-trends.csv").read_text(encoding="utf-8-sig")
    assert "2016-05-30_xi_build-world-st-power" in trends and "2014-03-05_gwr-2014" in trends
    text = (reports / "03_comparison.html").read_text(encoding="utf-8")
    assert "2016-05-30_xi_build-world-st-power" in text  # the 2024 speech is contrasted with the 2016 one
