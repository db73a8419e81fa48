"""helpers.report.cli: exit status and messages of ``python -m helpers.report``."""

from __future__ import annotations

import subprocess
import sys

from helpers import config


def test_command_line_exit_status_and_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "helpers.report", "--only", "00", "--corpus", str(tmp_path),
         "--figures", str(tmp_path / "f"), "--reports", str(tmp_path / "r")],
        capture_output=True, text=True, cwd=config.ROOT, timeout=300,
    )
    assert result.returncode == 1
    assert "FAILED: 00_corpus_overview.ipynb, cell" in result.stderr and "no texts" in result.stderr
    bad = subprocess.run([sys.executable, "-m", "helpers.report", "--set", "oops"], capture_output=True,
                         text=True, cwd=config.ROOT, timeout=60)
    assert bad.returncode == 2 and "NAME=VALUE" in bad.stderr

