"""helpers.report.execute: a failing cell is named by notebook and cell."""

from __future__ import annotations

import pytest

from helpers import report

NOTEBOOKS = report.notebooks()


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
    assert "speeches = corpus.load(corpus_dir, stream=stream)" in message and "CorpusError" in message and "not found" in message
    assert (figures / "corpus-paragraph-lengths.png").read_bytes() == b"previous figure"
    assert (reports / "00_corpus_overview.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "reports"]  # no staging folder left



def test_importing_the_runner_changes_no_global_state():
    """Importing helpers.report (its entry point included) leaves sys.modules alone and loads no nbformat."""
    import subprocess
    import sys

    from helpers import config

    code = ("import sys; import helpers.report, helpers.report.__main__; "
            "print(sorted({'rfc3987_syntax', 'nbformat', 'jsonschema'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=config.ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_runners_own_processes_keep_the_uri_checker_out():
    import subprocess
    import sys

    from helpers import config

    code = ("import sys; from helpers.report.execute import keep_uri_checker_out; keep_uri_checker_out(); "
            "import nbformat; print(sys.modules['rfc3987_syntax'])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=config.ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_parameters_are_injected_the_papermill_way():
    """The cell tagged ``parameters`` stays; a cell tagged ``injected-parameters`` right after it overrides it."""
    import nbformat

    from helpers.report.execute import inject

    nb = nbformat.read(NOTEBOOKS[1], as_version=4)
    cells = [dict(c) for c in nb.cells]
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    assert inject(nb, {"top_n": 50, "key_terms": ["科技", "创新"], "corpus_dir": None}) == at + 1
    assert [dict(c) for c in nb.cells[:at + 1]] == cells[:at + 1]  # the parameters cell unchanged
    injected = nb.cells[at + 1]
    assert injected.cell_type == "code" and injected.metadata["tags"] == ["injected-parameters"]
    assert injected.source == "# Parameters\ntop_n = 50\nkey_terms = ['科技', '创新']\ncorpus_dir = None\n"
    assert [dict(c) for c in nb.cells[at + 2:]] == cells[at + 1:]
    scope: dict = {}
    exec(nb.cells[at].source + "\n" + injected.source, scope)  # the defaults, then the overrides
    assert scope["top_n"] == 50 and scope["key_terms"] == ["科技", "创新"]
    # run again (say on a notebook papermill ran before): the earlier injected cell is replaced, not stacked
    inject(nb, {"top_n": 7})
    tagged = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
    assert tagged == [at + 1] and nb.cells[at + 1].source == "# Parameters\ntop_n = 7\n"
    assert len(nb.cells) == len(cells) + 1
    # a notebook without a parameters cell gets the injected cell first
    bare = nbformat.v4.new_notebook()
    bare.cells = [nbformat.v4.new_code_cell("print(top_n)")]
    assert inject(bare, {"top_n": 3}) == 0 and bare.cells[0].metadata["tags"] == ["injected-parameters"]
