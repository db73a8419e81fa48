"""helpers.report.runner and the notebooks: every notebook runs, in order or two at a time, and writes its figures."""

from __future__ import annotations

import ast
import json
import re
import struct

import nbformat
import pandas as pd
import pytest
from conftest import EXPECTED
from PIL import Image

from helpers import report
from helpers.report.page import summary

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



@pytest.mark.parametrize("path", NOTEBOOKS[:len(EXPECTED)], ids=lambda p: p.stem)
def test_the_provenance_cell_is_tagged(path):
    """The report page finds the provenance by its tag: one code cell (and the markdown introducing it)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "provenance" in c.get("metadata", {}).get("tags", [])]
    code = [c for c in tagged if c["cell_type"] == "code"]
    assert len(code) == 1 and "".join(code[0]["source"]).startswith("provenance.record("), path.name
    assert [c["cell_type"] for c in tagged] == ["markdown", "code"], path.name


def test_every_notebook_of_the_folder_is_run_in_name_order(tmp_path):
    for name in ("01_b.ipynb", "00_a.ipynb", "my notes.ipynb", ".hidden.ipynb", "notes.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in report.notebooks(folder=tmp_path)] == ["00_a.ipynb", "01_b.ipynb", "my notes.ipynb"]
    assert [p.name for p in report.notebooks(["my"], folder=tmp_path)] == ["my notes.ipynb"]


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
    assert "speech,2016," in trends and "government work report,2014," in trends  # per genre and year
    text = (reports / "03_comparison.html").read_text(encoding="utf-8")
    assert "2016-05-30_xi_build-world-st-power" in text  # the 2024 speech is contrasted with the 2016 one
    continuity = (figures / "revisions-continuity.csv").read_text(encoding="utf-8-sig")
    assert "2019-03-05_gwr-2019" in continuity and "2015-03-05_gwr-2015" in continuity
    revisions_page = (reports / "04_revisions.html").read_text(encoding="utf-8")
    assert "2018-03-05_gwr-2018 → 2019-03-05_gwr-2019" in revisions_page and "<del>" in revisions_page



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



@pytest.mark.slow
def test_parallel_runs_give_the_same_figures(bundled_run, tmp_path):
    """Two notebooks at a time (make report's default) write the same bytes as one after another."""
    first, _, _ = bundled_run
    timings = report.run(NOTEBOOKS[:2], figures_dir=tmp_path / "figures", reports_dir=tmp_path / "reports",
                         progress=False, jobs=2, log=lambda *_: None)
    assert [t.notebook for t in timings] == [p.name for p in NOTEBOOKS[:2]]
    for name in EXPECTED["00_corpus_overview"] + EXPECTED["01_frequency"]:
        assert (tmp_path / "figures" / f"{name}.png").read_bytes() == (first / f"{name}.png").read_bytes(), name
    published = sorted(p.name for p in (tmp_path / "reports").iterdir() if not p.name.startswith("."))
    assert published == [*(f"{p.stem}.html" for p in NOTEBOOKS[:2]), "fonts"]  # 01 has a box to type into



@pytest.mark.slow
def test_provenance_records_the_published_folders_not_the_staging_one(bundled_run):
    figures, reports, _ = bundled_run
    for path in NOTEBOOKS:
        text = (reports / f"{path.stem}.html").read_text(encoding="utf-8")
        provenance = text[text.rindex('id="provenance"'):]  # the section at the end, with the table it shows
        rows = [row for block in re.findall(r'<script type="application/json" class="table-data"[^>]*>(.*?)</script>',
                                            provenance, re.S) for row in json.loads(block)["rows"]]
        values = {row[1]: row[2] for row in rows if len(row) == 3 and row[0] == "parameter"}
        assert values.get("figures_dir") == repr(str(figures.resolve())), path.name
        assert values.get("reports_dir") == repr(str(reports.resolve())), path.name
        assert ".staging-" not in provenance, path.name



@pytest.mark.slow
def test_a_notebook_added_to_the_folder_is_run_and_exported(tmp_path):
    """A user's own notebook in the notebooks folder runs like the numbered ones: parameters injected, figures
    staged and published, its report written and listed in the index."""
    import nbformat

    v4 = nbformat.v4
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell("# 我的分析\n\n用户自己加的笔记本。"),
                v4.new_code_cell("corpus_dir = None\nfigures_dir = None\nterm = '科技'", metadata={"tags": ["parameters"]}),
                v4.new_code_cell("from helpers import corpus, textstat\nspeeches = corpus.load(corpus_dir)\n"
                                 "hits = textstat.kwic(speeches.paragraphs, term)"),
                v4.new_code_cell("print(f'「{term}」出现 {len(hits)} 次。')", metadata={"tags": ["findings"]}),
                v4.new_code_cell("from pathlib import Path\n(Path(figures_dir) / 'mine.csv').write_text('a\\n1\\n')")]
    nbformat.write(nb, folder / "zz_mine.ipynb")
    paths = report.notebooks(folder=folder)
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    report.run(paths, figures_dir=figures, reports_dir=reports, parameters={}, progress=False, log=lambda *_: None)
    page = (reports / "zz_mine.html").read_text(encoding="utf-8")
    found = re.search(r'<ul class="findings"><li>「科技」出现 (\d+) 次。</li></ul>', page)
    assert found and int(found.group(1)) > 10
    assert "<title>我的分析</title>" in page and "data:font/woff2;base64," in page
    assert 'class="cell tag-injected-parameters"' in page.split('id="provenance"')[-1]
    assert (figures / "mine.csv").read_text() == "a\n1\n"  # written to the staging folder, then published
    assert 'href="zz_mine.html"' in (reports / "index.html").read_text(encoding="utf-8")


def test_a_complete_run_puts_every_result_table_in_one_workbook(bundled_run):
    """``reports/tables.xlsx``: a sheet per figure's CSV, the same rows, and a contents sheet naming each figure
    (issue 36: results taken to Excel)."""
    import openpyxl

    figures, reports, _ = bundled_run
    tables = sorted(figures.glob("*.csv"))
    book = openpyxl.load_workbook(reports / "tables.xlsx", read_only=True)
    contents = list(book["contents"].iter_rows(values_only=True))
    assert contents[0][:3] == ("sheet", "figure", "file")
    assert [row[2] for row in contents[1:]] == [t.name for t in tables]
    for sheet, _, file, rows, _ in contents[1:]:
        assert rows == len(pd.read_csv(figures / file, encoding="utf-8-sig")), file
        assert sum(1 for _ in book[sheet].iter_rows()) == rows + 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_index_description_of_a_notebook_is_a_whole_sentence(path):
    """The index describes each report by its first paragraph: one that ends in a colon (its list left behind) reads
    as cut off (issue 34)."""
    text = summary(nbformat.read(path, as_version=4))
    assert text and text.rstrip()[-1] in "。.!?！？）)", text[-80:]


@pytest.mark.slow
def test_two_at_a_time_a_failing_notebook_kills_the_other_kernel_at_once(tmp_path):
    """The notebooks run in threads of the runner: when one fails, the other's kernel is killed (with what it
    started), so the run fails at once naming the failing cell, instead of waiting for the other notebook."""
    import os
    import time

    from helpers.report import NotebookFailed

    v4 = nbformat.v4
    folder = tmp_path / "notebooks"
    folder.mkdir()
    pid_file = tmp_path / "slow.pid"
    for name, code in (("a_slow", f"import os, pathlib, time\npathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))"
                                  "\ntime.sleep(600)"),
                       ("b_fails", "import time\ntime.sleep(3)\nraise ValueError('坏了')")):
        nb = v4.new_notebook()
        nb.cells = [v4.new_code_cell("corpus_dir = None\nfigures_dir = None", metadata={"tags": ["parameters"]}),
                    v4.new_code_cell(code)]
        nbformat.write(nb, folder / f"{name}.ipynb")
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    started = time.monotonic()
    with pytest.raises(NotebookFailed, match=r"b_fails\.ipynb, cell 2 .*ValueError: 坏了"):
        report.run(report.notebooks(folder=folder), figures_dir=figures, reports_dir=reports, parameters={},
                   progress=False, jobs=2, log=lambda *_: None)
    assert time.monotonic() - started < 120  # the sleeping notebook was not waited for
    assert not list(tmp_path.rglob(".staging-*"))
    slow = int(pid_file.read_text())
    time.sleep(1)
    with pytest.raises(ProcessLookupError):  # the slow notebook's kernel is gone
        os.kill(slow, 0)
    assert not reports.exists() or not list(reports.iterdir())


def test_kernels_kills_a_kernel_added_after_stop(tmp_path):
    """A kernel that was starting when the run was stopped is killed as soon as it is added."""
    import signal
    import subprocess
    import sys

    from helpers.report.execute import Kernels

    class Started:  # what Kernels reads of a kernel manager: its provisioner's process group
        def __init__(self, process):
            self.provisioner = type("P", (), {"pgid": process.pid, "process": process})()

    running, later = (subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                                       start_new_session=True) for _ in range(2))
    kernels = Kernels()
    kernels.add(Started(running))
    kernels.stop()
    assert running.wait(30) == -signal.SIGKILL
    assert later.poll() is None
    kernels.add(Started(later))
    assert later.wait(30) == -signal.SIGKILL


def test_a_cell_past_the_timeout_fails_naming_the_notebook_the_cell_and_the_limit(tmp_path):
    """``--timeout`` is a limit per cell, off by default (papermill's and nbclient's default: a cell of a large
    archive may take an hour); when given, a cell that runs past it fails like any failing cell."""
    import time

    from helpers.report import NotebookFailed

    v4 = nbformat.v4
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = v4.new_notebook()
    nb.cells = [v4.new_code_cell("corpus_dir = None\nfigures_dir = None", metadata={"tags": ["parameters"]}),
                v4.new_code_cell("import time\ntime.sleep(300)")]
    nbformat.write(nb, folder / "slow.ipynb")
    started = time.monotonic()
    with pytest.raises(NotebookFailed, match=r"slow\.ipynb, cell 2 \('import time'\): ran past the 3 s of --timeout"):
        report.run(report.notebooks(folder=folder), figures_dir=tmp_path / "figures", reports_dir=tmp_path / "r",
                   parameters={}, progress=False, timeout=3, log=lambda *_: None)
    assert time.monotonic() - started < 120
    assert not list(tmp_path.rglob(".staging-*"))


def test_the_timeout_is_off_by_default_and_a_bad_one_is_refused(tmp_path):
    import inspect

    from helpers.report import cli, runner
    from helpers.report.execute import execute

    assert inspect.signature(runner.run).parameters["timeout"].default is None
    assert inspect.signature(execute).parameters["timeout"].default is None
    for bad in ("0", "-5"):
        with pytest.raises(SystemExit) as stopped:
            cli.main(["--timeout", bad, "--figures", str(tmp_path / "f"), "--reports", str(tmp_path / "r")])
        assert stopped.value.code == 2
    assert not (tmp_path / "f").exists() and not (tmp_path / "r").exists()
