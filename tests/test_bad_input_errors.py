"""Clear errors, right classes (issue 33): an unknown document id is a ParameterError naming the parameter and the
ids close to it, the same document twice is refused before any work, a full disk under the reports folder is one line
naming the folder with the previous reports intact, and a worker's KeyboardInterrupt prints no traceback."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from helpers import revisions
from helpers.errors import ParameterError


def test_an_unknown_old_doc_is_a_parameter_error_listing_close_ids(multi):
    with pytest.raises(ParameterError, match=r"old_doc='2021-03-05_reprot'.*2021-03-05_report") as info:
        revisions.choose(multi.documents, old="2021-03-05_reprot", new="2022-03-05_report")
    assert "\n" not in str(info.value)


def test_an_unknown_new_doc_is_named(multi):
    with pytest.raises(ParameterError, match=r"new_doc='2025-03-05_report'"):
        revisions.choose(multi.documents, new="2025-03-05_report")


def test_an_unknown_document_to_align_is_a_parameter_error(multi):
    with pytest.raises(ParameterError, match=r"new='2024-06-24_speeh'.*2024-06-24_speech"):
        revisions.align(multi, "2024-06-24_speech", "2024-06-24_speeh")


def test_a_document_compared_with_itself_is_refused_before_any_work(multi):
    with pytest.raises(ParameterError, match=r"old_doc and new_doc are both '2019-03-05_report'"):
        revisions.choose(multi.documents, old="2019-03-05_report", new="2019-03-05_report")


# --- a full disk under the reports folder ------------------------------------------------------------


def test_a_full_disk_under_the_reports_folder_is_one_line_and_keeps_the_previous_reports(tmp_path, monkeypatch,
                                                                                         capsys):
    import errno

    from helpers import report
    from helpers.report import cli, runner
    from helpers.report.execute import Timing

    reports, figures = tmp_path / "reports", tmp_path / "figures"
    reports.mkdir()
    previous = {"00_corpus_overview.html": "<html>the previous report</html>", "index.html": "<html>index</html>"}
    for name, text in previous.items():
        (reports / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(runner, "_run_one", lambda path, *rest: ("<html>new</html>", "title", "", Timing(path.stem)))
    written = runner.write_text

    def full(path, text):
        if Path(path).parent.parent == reports:  # a file of the reports' staging folder
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return written(path, text)

    monkeypatch.setattr(runner, "write_text", full)
    only = report.notebooks()[0].name[:2]
    with pytest.raises(SystemExit) as info:
        cli.main(["--only", only, "--jobs", "1", "--figures", str(figures), "--reports", str(reports)])
    assert info.value.code != 0
    err = capsys.readouterr().err
    message = [line for line in err.splitlines() if "error" in line.lower()]
    assert len(message) == 1 and str(reports) in message[0] and "No space left on device" in message[0]
    assert "Traceback" not in err
    assert {p.name: p.read_text(encoding="utf-8") for p in reports.iterdir()} == previous  # no staging left


# --- a worker stopped while it waits prints nothing ---------------------------------------------------

_WORK = '''
import os, signal, sys, time
from helpers import parallel
from helpers.errors import CorpusError
from helpers.report.runner import stop_on_signals


def read(i):
    if i == 0:
        time.sleep(1.0)  # the other worker has finished its items and waits for more
        raise CorpusError("speech.docx: not a readable .docx file")
    return i


def quick(i):
    return i


if __name__ == "__main__":
    try:
        if sys.argv[1] == "error":  # a worker's error stops the others (SIGTERM, an interruption in the runner's)
            list(parallel.map(read, range(4), workers=2, ordered=False, initializer=stop_on_signals))
        else:  # Ctrl-C: the terminal sends SIGINT to every process of the group, workers waiting included
            for k, _ in enumerate(parallel.map(quick, range(4), workers=2)):
                if k == 1:
                    time.sleep(0.5)
                    os.killpg(0, signal.SIGINT)
                    time.sleep(5)
    except (CorpusError, KeyboardInterrupt) as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
'''


@pytest.mark.parametrize("case, last", [("error", "CorpusError: speech.docx: not a readable .docx file"),
                                        ("ctrl-c", "KeyboardInterrupt: ")])
def test_a_stopped_worker_prints_no_traceback_before_the_error(tmp_path, case, last):
    import subprocess
    import sys

    from helpers import config

    (tmp_path / "work.py").write_text(_WORK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{config.ROOT}"}
    result = subprocess.run([sys.executable, str(tmp_path / "work.py"), case], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # not inherited ignored
    assert "Traceback" not in result.stderr and "Process SpawnProcess" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [last.strip()]


# --- formulation trends of a corpus where no formulation occurs (notebook 03) -----------------------------


ENGLISH = ("Report on the Work of the Government\n\n"
           "The past year was truly extraordinary. The international environment grew more complicated.\n\n"
           "We kept economic performance stable and delivered on the main targets for the year.\n")


@pytest.mark.parametrize("files", [
    {"2023-03-05_report-en.txt": ENGLISH, "2024-03-05_report-en.txt": ENGLISH.replace("past", "last")},
    {"2024-06-24_note.txt": "在全国科技大会上的讲话\n\n科技兴则民族兴，科技强则国家强。\n\n我们党历来高度重视科技事业发展。\n"},
], ids=["english-only", "one-short-document"])
def test_formulation_trends_where_no_formulation_occurs(corpus_dir, files):
    import warnings

    from helpers import corpus, formulations, textstat

    for name, text in files.items():
        (corpus_dir / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", corpus.CorpusWarning)
        loaded = corpus.load(corpus_dir, cache=False)
    found = formulations.found(formulations.track(loaded))
    yearly = textstat.formulation_trends(found, loaded.documents)
    assert yearly.empty
    assert list(yearly.columns) == ["genre", "year", "formulation", "count", "n_chars", "per_10k_chars",
                                    "n_documents"]
