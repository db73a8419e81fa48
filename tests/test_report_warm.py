"""helpers.report.warm: kernels forked from a server that has imported the workspace are fresh kernels.

They see their own environment, folder and import path, run subprocesses, can be killed, end with their server;
the server ends with the runner that started it and says why when it cannot start; and a run with warm kernels
writes the same bytes as one with kernels started the usual way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from conftest import EXPECTED

from helpers import config, report
from helpers.report import runner, warm
from helpers.report.execute import KERNEL_ENV, execute

pytestmark = pytest.mark.skipif(not warm.available(), reason="warm kernels: Linux only")

PROBE = """\
import json, os, subprocess, sys
from helpers import parallel
print(json.dumps({"pool": list(parallel.map(abs, [-1, -2, -3], workers=2)),"env": os.environ.get("PROBE_VALUE"), "cwd": os.getcwd(), "path": sys.path,
                  "pid": os.getpid(), "ppid": os.getppid(), "pgid": os.getpgid(0),
                  "child": subprocess.run([sys.executable, "-c", "print(6 * 7)"], capture_output=True,
                                          text=True).stdout.strip(),
                  "report": os.environ.get("SPEECHES_REPORT")}))
"""


def _probe_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(PROBE)]
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


def _probe(path: Path, server: str | None) -> dict:
    nb, _ = execute(path, {}, progress=False, env={"PROBE_VALUE": "seen"}, server=server)
    return json.loads(nb.cells[-1].outputs[0]["text"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def _wait_gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_warm_kernel_sees_what_a_cold_one_sees(tmp_path):
    """Environment, working folder, import path, report flag and subprocesses: as for a kernel started cold."""
    path = _probe_notebook(tmp_path)
    cold = _probe(path, None)
    with warm.kernel_server(KERNEL_ENV) as server:
        assert server is not None
        hot = _probe(path, server)
    for seen in (cold, hot):
        assert seen["env"] == "seen" and seen["report"] == "1"
        assert Path(seen["cwd"]) == tmp_path
        assert seen["child"] == "42"  # the kernel waits for its own subprocesses (SIGCHLD not ignored)
        assert seen["pool"] == [1, 2, 3]  # and spawns worker processes (a large corpus' parallel work)
    assert hot["path"] == cold["path"]  # the same import path (the runner's folder not on it)
    assert hot["pgid"] == hot["pid"]  # a session of its own: an interrupt reaches the kernel alone
    assert hot["ppid"] != os.getpid()  # forked by the server, not started by this process


def test_a_warm_kernel_has_the_workspace_imported_before_its_first_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys; print(sorted(m for m in ('pandas', 'helpers.textstat', "
                                          "'matplotlib.figure') if m in sys.modules))")]
    path = tmp_path / "modules.ipynb"
    nbformat.write(nb, path)
    with warm.kernel_server(KERNEL_ENV) as server:
        executed, _ = execute(path, {}, progress=False, server=server)
    assert executed.cells[-1].outputs[0]["text"].strip() == "['helpers.textstat', 'matplotlib.figure', 'pandas']"


def test_a_killed_kernel_reads_as_ended_and_kernels_end_with_their_server(tmp_path):
    request = [sys.executable, "-m", "ipykernel_launcher", "-f", str(tmp_path / "kernel.json")]
    with warm.kernel_server(KERNEL_ENV) as server:
        first = warm.launch(server, request, dict(os.environ), tmp_path)
        second = warm.launch(server, [*request[:-1], str(tmp_path / "other.json")], dict(os.environ), tmp_path)
        assert first.poll() is None and second.poll() is None
        first.kill()
        assert first.wait(timeout=10) == -signal.SIGKILL
    assert _wait_gone(second.pid), "a kernel outlived its server"
    assert second.poll() is not None
    assert not Path(server).parent.exists()  # the socket folder is removed


def test_the_server_ends_when_the_runner_that_started_it_dies(tmp_path):
    script = tmp_path / "runner.py"
    script.write_text(textwrap.dedent("""\
        import sys, time
        from helpers.report import warm
        with warm.kernel_server() as server:
            print(server, flush=True)
            time.sleep(600)
        """), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=config.ROOT)
    try:
        socket_path = Path(parent.stdout.readline().strip())
        warm._wait_ready(socket_path)  # the server has imported and listens
        children = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent_of(p) == parent.pid]
        assert len(children) == 1
        parent.kill()
        parent.wait()
        assert _wait_gone(children[0]), "the server outlived its runner"
    finally:
        if parent.poll() is None:
            parent.kill()
        parent.stdout.close()


def _parent_of(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def test_a_server_that_cannot_start_says_why(tmp_path):
    broken = tmp_path / "shadow" / "ipykernel"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('this ipykernel is broken on purpose')\n", encoding="utf-8")
    request = [sys.executable, "-m", "ipykernel_launcher", "-f", str(tmp_path / "kernel.json")]
    with warm.kernel_server({"PYTHONPATH": str(tmp_path / "shadow")}) as server:
        with pytest.raises(RuntimeError, match=r"(?s)could not start.*broken on purpose"):
            warm.launch(server, request, dict(os.environ), tmp_path)


def test_warm_kernels_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(warm.WARM_ENV, "0")
    with warm.kernel_server(KERNEL_ENV) as server:
        assert server is None


@pytest.mark.slow
def test_warm_and_cold_kernels_write_the_same_figures_and_tables(bundled_run, tmp_path, monkeypatch):
    """Notebook 01 run on kernels started the usual way writes the bytes the warm run of every notebook wrote."""
    first, _, _ = bundled_run
    monkeypatch.setenv(warm.WARM_ENV, "0")
    chosen = [p for p in report.notebooks() if p.stem.startswith("01")]
    report.run(chosen, figures_dir=tmp_path / "figures", reports_dir=tmp_path / "reports", progress=False,
               log=lambda *_: None)
    names = EXPECTED["01_frequency"]
    assert len(names) >= 5
    for name in names:
        assert (tmp_path / "figures" / f"{name}.png").read_bytes() == (first / f"{name}.png").read_bytes(), name
        assert (tmp_path / "figures" / f"{name}.csv").read_bytes() == (first / f"{name}.csv").read_bytes(), name


def test_notebooks_start_longest_first_by_their_last_times(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path / "cache"))
    paths = [tmp_path / f"{name}.ipynb" for name in ("00_a", "01_b", "02_c", "03_d")]
    assert runner.longest_first(paths) == [0, 1, 2, 3]  # nothing timed yet: in their order
    runner.remember_durations({paths[0]: 1.0, paths[1]: 5.0, paths[2]: 7.5})
    assert runner.longest_first(paths) == [3, 2, 1, 0]  # never timed first, then the longest
    runner.remember_durations({paths[3]: 0.5})
    assert runner.longest_first(paths) == [2, 1, 0, 3]


def test_a_damaged_record_of_times_is_said_and_replaced_not_fatal(tmp_path, monkeypatch):
    from helpers import cache

    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path / "cache"))
    paths = [tmp_path / f"{name}.ipynb" for name in ("00_a", "01_b")]
    cache.keep(runner.DURATIONS_STAGE, runner.DURATIONS_FILE, b"{not json")
    with pytest.warns(cache.CacheWarning, match="durations"):
        assert runner.longest_first(paths) == [0, 1]
    with pytest.warns(cache.CacheWarning):
        runner.remember_durations({paths[1]: 3.0})
    assert runner.longest_first(paths) == [0, 1] and json.loads(
        cache.kept(runner.DURATIONS_STAGE, runner.DURATIONS_FILE)) == {str(paths[1].resolve()): 3.0}
