"""helpers.report.publish: runs at once, or killed, leave complete outputs and no staging folder."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import EXPECTED
from PIL import Image

from helpers import config
from helpers.report.publish import MANIFEST


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
    leftovers = [p.name for p in tmp_path.rglob("*") if (p.name.startswith(".") and p.name != MANIFEST)
                 or p.suffix == ".tmp"]
    assert leftovers == []



@pytest.mark.slow
def test_an_interrupted_run_changes_nothing(tmp_path):
    figures, reports = tmp_path / "figures", tmp_path / "reports"
    figures.mkdir()
    reports.mkdir()
    (figures / "corpus-paragraph-lengths.png").write_bytes(b"previous figure")
    run = _run_report(tmp_path, "--jobs", "1", only=("00", "01"))
    deadline = time.time() + 120
    while time.time() < deadline and not list(figures.glob(".staging-figures-*/*.png")):
        time.sleep(0.2)  # wait until the run has written a figure to its staging folder (inside figures/)
    assert list(figures.glob(".staging-figures-*/*.png")), "the run never got as far as a figure"
    run.kill()
    run.communicate(timeout=60)
    assert (figures / "corpus-paragraph-lengths.png").read_bytes() == b"previous figure"
    assert [p.name for p in reports.iterdir() if not p.name.startswith(".staging-")] == []  # nothing published
    rerun = _run_report(tmp_path, "--jobs", "1")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert (figures / "corpus-paragraph-lengths.png").read_bytes().startswith(b"\x89PNG")
    assert not list(tmp_path.rglob(".staging-*"))  # the killed run's staging folders were cleaned up

