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
