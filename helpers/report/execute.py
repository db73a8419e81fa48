"""Run one notebook on a fresh kernel, with its parameters injected after the ``parameters`` cell (papermill's way).

The kernel is this very Python (whatever kernelspecs the user has installed),
talking over Unix sockets where the system has them; a failing cell raises
:class:`NotebookFailed` naming the notebook, the cell and the exception.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..config import REPORT_ENV, cache_dir
from ..outputs import write_text
from .warm import WarmProvisioner


class Kernels:
    """The kernels of a run that are running, so that a stopped run can kill them all at once, from any thread.

    :func:`execute` adds each kernel it has started and removes it when it has shut it down.  After :meth:`stop`
    a kernel that is added (one that was starting meanwhile) is killed at once, so its notebook ends too.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[int, object] = {}
        self._stopped = False

    def add(self, manager) -> None:
        with self._lock:
            self._running[id(manager)] = manager
            if not self._stopped:
                return
        _kill(manager)

    def discard(self, manager) -> None:
        with self._lock:
            self._running.pop(id(manager), None)

    def stop(self) -> None:
        """Kill every kernel running now or added later (with the processes it started, its process group)."""
        with self._lock:
            self._stopped = True
            managers = list(self._running.values())
        for manager in managers:
            _kill(manager)


def _kill(manager) -> None:
    """SIGKILL to a kernel's process group (a kernel has a session of its own), or to the kernel alone."""
    provisioner = getattr(manager, "provisioner", None)
    group = getattr(provisioner, "pgid", None)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if group and hasattr(os, "killpg"):
            os.killpg(group, signal.SIGKILL)
        elif getattr(provisioner, "process", None) is not None:
            provisioner.process.kill()


class NotebookFailed(RuntimeError):
    """A cell raised: names the notebook, the cell and the exception."""


@dataclass
class Timing:
    """Wall time of one notebook: kernel start, each cell, HTML export."""

    notebook: str
    kernel_start: float = 0.0
    cells: list[float] = field(default_factory=list)
    export: float = 0.0

    @property
    def total(self) -> float:
        return self.kernel_start + sum(self.cells) + self.export


# the argument that makes a kernel display each table's full data and each figure's title for the report page
# (see .kernel); the runner's kernels and those nbconvert --to workspace --execute starts get it
KERNEL_SETUP = "--IPKernelApp.exec_lines=['import helpers.report.kernel as _k; _k.install(); del _k']"


def keep_uri_checker_out() -> None:
    """Keep jsonschema's optional URI checker out of this process (call it only in a process of the runner's own).

    jsonschema, imported by nbformat, loads ``rfc3987_syntax`` when it is installed,
    whose grammar takes about a second to build; the runner never validates URIs.
    This changes ``sys.modules``, so it is called by the command line's entry point
    only, never at import nor in a caller's process.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


# what the kernel spec adds to a report kernel's environment (the warm kernel server starts with it too)
KERNEL_ENV = {"PYDEVD_DISABLE_FILE_VALIDATION": "1", REPORT_ENV: "1"}


def _kernel_manager(sockets: Path | None = None, server: str | None = None):
    """An asynchronous kernel manager (nbclient's default kind: its client notices a kernel that died while a cell
    runs) for this very Python, whatever kernelspecs the user has installed.

    With ``sockets`` (POSIX), kernel and client talk over Unix sockets in that
    folder instead of unencrypted TCP on localhost.  With ``server`` (the socket
    of :func:`.warm.kernel_server`), the kernel is forked by that server.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    spec_dir = cache_dir() / "kernels" / "workspace"
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", KERNEL_SETUP],
            "display_name": "Python (workspace)", "language": "python",
            "env": KERNEL_ENV}
    write_text(spec_dir / "kernel.json", json.dumps(spec, indent=1))
    manager = AsyncKernelManager(kernel_name="workspace",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]))
    if sockets is not None:
        manager.transport = "ipc"
        manager.ip = str(sockets / "kernel")
    if server is not None:
        manager.kernel_id = str(uuid.uuid4())
        manager.provisioner = WarmProvisioner(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec,
                                              parent=manager, server=server)
    return manager


INJECTED_TAG = "injected-parameters"  # papermill's name for the cell it inserts


def inject(nb, parameters: dict) -> int:
    """Insert a cell tagged ``injected-parameters`` setting ``parameters`` after the cell tagged ``parameters``.

    Papermill's convention, so the notebook reads the same whichever tool ran it: the ``parameters`` cell keeps
    its defaults, the injected cell right after it overrides them; a cell injected by an earlier run is replaced;
    without a ``parameters`` cell the injected one comes first.  Changes ``nb`` in place (the runner's own copy,
    read from disk for this run) and returns the index of the injected cell.
    """
    import nbformat

    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    at = tagged[0] + 1 if tagged else 0
    source = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    nb.cells.insert(at, nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]}))
    return at


def execute(path: Path, parameters: dict, *, timeout: int | None = None, progress: bool = True,
            env: dict[str, str] | None = None, server: str | None = None, kernels: Kernels | None = None):
    """Run one notebook on a fresh kernel; return the executed notebook and its timing.

    ``env`` adds environment variables for this kernel only (on top of the
    runner's own environment); ``server`` is a warm kernel server's socket
    (:func:`.warm.kernel_server`) that forks the kernel; ``kernels`` is told of the kernel while it runs (so a
    stopped run can kill it from another thread).  ``timeout``: seconds a cell may run (None: no limit, as in
    papermill and nbclient); a cell past it fails like a cell that raised.
    """
    import nbformat
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    injected = inject(nb, parameters)
    timing = Timing(path.name)
    sockets = Path(tempfile.mkdtemp(prefix="kernel-")) if os.name == "posix" else None
    manager = _kernel_manager(sockets, server)
    client = NotebookClient(nb, km=manager, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        return _execute_cells(client, nb, path, injected, timing, start, progress, {**os.environ, **(env or {})},
                              kernels)
    finally:
        if kernels is not None:
            kernels.discard(manager)
        if manager.has_kernel:  # nbclient leaves a kernel it did not create running
            run_sync(manager.shutdown_kernel)(now=True)
        if sockets is not None:
            shutil.rmtree(sockets, ignore_errors=True)


def _execute_cells(client, nb, path: Path, injected: int, timing: Timing, start: float, progress: bool,
                   env: dict[str, str], kernels: Kernels | None):
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    with client.setup_kernel(env=env):
        if kernels is not None:
            kernels.add(client.km)
        timing.kernel_start = time.perf_counter() - start
        cells = list(enumerate(nb.cells))
        bar = _bar(len(cells), path.stem, progress)
        for index, cell in cells:
            started = time.perf_counter()
            number = index + 1 - (index > injected)  # as the user counts cells, without the injected one
            first = (cell.source.strip().splitlines() or [""])[0]
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                raise NotebookFailed(f"{path.name}, cell {number} ({first!r}): ran past the {client.timeout} s of "
                                     "--timeout (give a larger one, or none: no limit)") from None
            except CellExecutionError as error:
                lines = [line for line in str(error).strip().splitlines() if line.strip()]
                what = f"{error.ename}: {error.evalue}" if error.ename else (lines[-1] if lines else "error")
                raise NotebookFailed(f"{path.name}, cell {number} ({first!r}): {what}") from None
            finally:
                if bar is not None:
                    bar.update()
            timing.cells.append(time.perf_counter() - started)
        if bar is not None:
            bar.close()
    return nb, timing


def _bar(total: int, name: str, show: bool):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=f"  {name}", unit="cell", leave=False, file=sys.stderr)
