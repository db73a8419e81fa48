"""helpers.report and the notebooks: every notebook runs, writes its figures, and exports HTML."""

from __future__ import annotations

import ast
import json
import re
import struct
import subprocess
import sys
import time

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
                      "comparison-formulations-presence", "comparison-formulation-trends", "comparison-term-trends",
                      "comparison-style"],
    "04_revisions": ["revisions-status"],  # one document: the only figure with rows (the others say why not)
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
        assert "&lt;thead&gt;" not in text and "&lt;/style&gt;" not in text, page.name  # tables render as tables


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
    continuity = (figures / "revisions-continuity.csv").read_text(encoding="utf-8-sig")
    assert "2019-03-05_gwr-2019" in continuity and "2015-03-05_gwr-2015" in continuity
    revisions_page = (reports / "04_revisions.html").read_text(encoding="utf-8")
    assert "2018-03-05_gwr-2018 → 2019-03-05_gwr-2019" in revisions_page and "<del>" in revisions_page


# --- hardening: determinism, safe HTML, interrupted and concurrent runs ---------------------------------


@pytest.mark.slow
def test_two_runs_give_byte_identical_figures_and_tables(bundled_run, tmp_path):
    first, _, _ = bundled_run
    second = tmp_path / "figures"
    report.run([p for p in NOTEBOOKS if p.stem.startswith(("00", "01"))], figures_dir=second,
               reports_dir=tmp_path / "reports", progress=False, log=lambda *_: None)
    names = EXPECTED["00_corpus_overview"] + EXPECTED["01_frequency"]
    assert len(names) >= 3
    for name in names:
        assert (second / f"{name}.png").read_bytes() == (first / f"{name}.png").read_bytes(), name
        assert (second / f"{name}.csv").read_bytes() == (first / f"{name}.csv").read_bytes(), name


class _Elements(__import__("html.parser").parser.HTMLParser):
    """Collects script contents and img attributes of an HTML page."""

    def __init__(self):
        super().__init__()
        self.scripts, self.images, self.text, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


@pytest.mark.slow
def test_corpus_text_is_escaped_in_reports(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    hostile = "<script>alert(1)</script>科技强国。<img src=x onerror=alert(1)>"
    (folder / "doc.txt").write_text(f"各位代表：\n\n{hostile}\n\n科技强国，人才强国。\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,file,title,speaker,date,occasion,genre,source\n"
                                         "doc,doc.txt,<b>标题</b>,某人,2024-01-01,会议,speech,test\n", encoding="utf-8")
    reports = tmp_path / "reports"
    report.run([p for p in NOTEBOOKS if p.stem.startswith(("00", "01"))], corpus_dir=folder,
               figures_dir=tmp_path / "figures", reports_dir=reports, parameters={"concordance_term": "alert"},
               progress=False, log=lambda *_: None)
    for page in ("00_corpus_overview.html", "01_frequency.html"):
        parser = _Elements()
        parser.feed((reports / page).read_text(encoding="utf-8"))
        assert not any("alert(1)" in script for script in parser.scripts), page
        assert not any("onerror" in attrs or attrs.get("src") == "x" for attrs in parser.images), page
        source = (reports / page).read_text(encoding="utf-8")
        assert "<b>标题</b>" not in source and "<script>alert" not in source and "<img src=x" not in source
    text = "".join(_parse_text(reports / "01_frequency.html"))
    assert "<script>" in text and "(1)</script>科技强国。<im" in text  # the KWIC row shows it literally, as text


def _parse_text(path):
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.text


def _run_report(tmp_path, *extra, only=("00",)):
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.report", "--only", *only, "--figures", str(tmp_path / "figures"),
         "--reports", str(tmp_path / "reports"), *extra],
        cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_runs_at_once_leave_complete_outputs(tmp_path):
    runs = [_run_report(tmp_path, "--jobs", "1") for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    for name in EXPECTED["00_corpus_overview"]:
        with Image.open(tmp_path / "figures" / f"{name}.png") as image:
            image.load()
        assert (tmp_path / "figures" / f"{name}.csv").read_text(encoding="utf-8-sig").count("\n") > 1
    assert (tmp_path / "reports" / "00_corpus_overview.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


@pytest.mark.slow
def test_an_interrupted_run_changes_nothing(tmp_path):
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    figures.mkdir()
    reports.mkdir()
    (figures / "corpus-paragraph-lengths.png").write_bytes(b"previous figure")
    run = _run_report(tmp_path, "--jobs", "1", only=("00", "01"))
    deadline = time.time() + 120
    while time.time() < deadline and not list(tmp_path.glob(".staging-figures-*/*.png")):
        time.sleep(0.2)  # wait until the run has written a figure to its staging folder
    assert list(tmp_path.glob(".staging-figures-*/*.png")), "the run never got as far as a figure"
    run.kill()
    run.communicate(timeout=60)
    assert (figures / "corpus-paragraph-lengths.png").read_bytes() == b"previous figure"
    assert list(reports.iterdir()) == []
    rerun = _run_report(tmp_path, "--jobs", "1")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert (figures / "corpus-paragraph-lengths.png").read_bytes().startswith(b"\x89PNG")
    assert not list(tmp_path.glob(".staging-*"))  # the killed run's staging folder was cleaned up


@pytest.mark.slow
def test_parallel_runs_give_the_same_figures(bundled_run, tmp_path):
    """Two notebooks at a time (make report's default) write the same bytes as one after another."""
    first, _, _ = bundled_run
    timings = report.run(NOTEBOOKS[:2], figures_dir=tmp_path / "figures", reports_dir=tmp_path / "reports",
                         progress=False, jobs=2, log=lambda *_: None)
    assert [t.notebook for t in timings] == [p.name for p in NOTEBOOKS[:2]]
    for name in EXPECTED["00_corpus_overview"] + EXPECTED["01_frequency"]:
        assert (tmp_path / "figures" / f"{name}.png").read_bytes() == (first / f"{name}.png").read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [f"{p.stem}.html" for p in NOTEBOOKS[:2]]
