"""Kernels started warm: forked from a server that has already imported the workspace (Linux).

A report kernel spends about a second importing pandas, matplotlib, IPython and the workspace before the first
cell runs, seven times a run.  :func:`kernel_server` starts one process that imports them once and then, for each
kernel the runner asks for, forks a child that becomes that kernel (``ipykernel``, the same arguments, the kernel's
own environment and working folder, a session of its own).  A forked kernel is a fresh kernel: the server only
imported modules, holds no thread, socket or event loop of ZeroMQ, and runs no notebook code.

Rules:

- the server lives as long as the :func:`kernel_server` block of the runner that started it, and exits by itself
  when that runner dies (its parent changes); its kernels exit when the server does (ipykernel's parent poller);
- it hands back the kernel's process id; :class:`ForkedProcess` is what the kernel manager polls, signals and
  kills in place of a ``Popen`` (its process group is its own, so an interrupt reaches the kernel alone);
- elsewhere than on Linux (see :func:`available`), or with ``SPEECHES_WARM_KERNELS=0``, there is no server and
  kernels start the usual way.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pkgutil
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner
from traitlets import Unicode

WARM_ENV = "SPEECHES_WARM_KERNELS"  # "0" turns warm kernels off (kernels start as separate Pythons)
LAUNCHER = ["-m", "ipykernel_launcher"]  # the kernel command the server knows how to become
READY_TIMEOUT = 60.0  # seconds a kernel waits for the server's imports
FAILED = "failed"  # the file, beside the server's socket, where a server that could not start says why
SERVE = "import sys; from helpers.report.warm import serve; serve(sys.argv[1])"  # the server's command (python -c)


def available() -> bool:
    """Whether kernels can start warm here: Linux, and not turned off by :data:`WARM_ENV`.

    Not macOS, where a process that has loaded the system's frameworks (Accelerate behind numpy) is not safe to
    fork, nor Windows, which has no fork.
    """
    return sys.platform.startswith("linux") and os.environ.get(WARM_ENV, "1") != "0"


@contextlib.contextmanager
def kernel_server(env: dict[str, str] | None = None) -> Iterator[str | None]:
    """Start a kernel server for the ``with`` block; yield the path of its socket (None where not :func:`available`).

    ``env`` is added to the server's environment (what a kernel's own environment adds that libraries read when
    they are imported).  The server is stopped, and its socket folder removed, when the block ends.
    """
    if not available():
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="kernels-"))
    path = folder / "server"
    process = subprocess.Popen([sys.executable, "-c", SERVE, str(path)], stdin=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    try:
        yield str(path)  # not waited for: the server imports while the runner starts its workers
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_ready(server: Path) -> None:
    """Wait until the server at ``server`` accepts, or say why it never will."""
    failed = server.with_name(FAILED)
    deadline = time.monotonic() + READY_TIMEOUT
    while not server.exists():
        if failed.exists():
            raise RuntimeError(f"the kernel server could not start:\n{failed.read_text(encoding='utf-8')}")
        if not server.parent.exists():
            raise RuntimeError(f"the kernel server at {server} has been stopped")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the kernel server at {server} was not ready after {READY_TIMEOUT:.0f} s")
        time.sleep(0.02)


def launch(server: str, cmd: list[str], env: dict[str, str], cwd: str | os.PathLike) -> ForkedProcess:
    """Ask the server at ``server`` for a kernel running ``cmd`` (``python -m ipykernel_launcher …``)."""
    if list(cmd[1:3]) != LAUNCHER:
        raise ValueError(f"a warm kernel runs {' '.join(LAUNCHER)}, not {cmd!r}")
    request = json.dumps({"argv": list(cmd[3:]), "env": dict(env), "cwd": str(cwd)}).encode()
    _wait_ready(Path(server))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(server)
        connection.sendall(request)
        connection.shutdown(socket.SHUT_WR)
        answer = _read_all(connection)
    if not answer.strip().isdigit():
        raise RuntimeError(f"the kernel server did not start a kernel: {answer.decode(errors='replace')!r}")
    return ForkedProcess(int(answer))


class WarmProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the kernel forked by the server at :attr:`server`."""

    server = Unicode()

    async def launch_kernel(self, cmd: list[str], **kwargs) -> dict:
        self.process = launch(self.server, cmd, kwargs.get("env") or dict(os.environ), kwargs.get("cwd") or os.getcwd())
        self.pid = self.pgid = self.process.pid  # a session of its own: its process group has its number
        self.cwd = kwargs.get("cwd") or os.getcwd()
        return self.connection_info


class ForkedProcess:
    """A kernel forked by the server, as the kernel manager sees a ``Popen``: poll, wait, signals.

    The server reaps its children itself, so a kernel that has ended is simply gone; its exit status is not
    known and reads as 0 (or as the signal that this object sent to stop it).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._sent: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and not self._running():
            self.returncode = -self._sent if self._sent else 0
        return self.returncode

    def _running(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # the number is someone else's now: ours has ended
            return False
        try:  # a kernel whose server died first is reaped by whoever adopted it, or left a zombie (Linux)
            return Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return True

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)
                if signum in (signal.SIGTERM, signal.SIGKILL):
                    self._sent = signum

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


# --- the server process ------------------------------------------------------------------------------------------

def warm_imports() -> list[str]:
    """The modules the server imports before it forks: the kernel's and every package of the workspace.

    Not the libraries that verbs import when first called (scikit-learn, jieba.analyse …): a second and more
    before the first kernel starts, and saved only in the notebooks that call those verbs (measured: no faster).
    """
    packages = sorted(f"helpers.{m.name}" for m in pkgutil.iter_modules([str(Path(__file__).parents[1])]))
    return ["ipykernel.kernelapp", "ipykernel.ipkernel", "matplotlib.figure", "matplotlib.backends.backend_agg",
            *packages, "helpers.report.kernel"]


def serve(path: str) -> None:
    """The server's loop: import, listen at ``path``, fork one kernel per request, until stopped or orphaned."""
    parent = os.getppid()  # the runner: when it is gone, so is the server
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the runner, which stops the server itself
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does: the runner's folder is not the kernel's (ipykernel adds that)
    try:
        for name in warm_imports():
            importlib.import_module(name)
    except BaseException:
        Path(path).with_name(FAILED).write_text(traceback.format_exc(), encoding="utf-8")
        raise
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # ended kernels are reaped by the system, not left as zombies
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staging = f"{path}.binding"
    listener.bind(staging)
    listener.listen(16)
    listener.settimeout(1.0)
    os.rename(staging, path)  # the path appears when the server accepts
    while os.getppid() == parent:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        with connection:
            connection.settimeout(None)
            request = json.loads(_read_all(connection))
            pid = os.fork()
            if pid == 0:
                listener.close()
                connection.close()
                _become_kernel(request)
            connection.sendall(str(pid).encode())


def _read_all(connection: socket.socket) -> bytes:
    """Every byte the other end sends until it shuts its side."""
    parts = []
    while part := connection.recv(65536):
        parts.append(part)
    return b"".join(parts)


def _become_kernel(request: dict) -> None:
    """In the forked child: the kernel's session, signals, folder and environment, then ipykernel; never returns."""
    status = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in any Python (ipykernel sets its own)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the kernel ends when the server does (see below)
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = [sys.executable, *LAUNCHER, *request["argv"]]
        # the parent poller's pid is read from the environment when ipykernel is imported, in the server: say it
        IPKernelApp.launch_instance(argv=[*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"])
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 0
    except BaseException:  # said before the process ends (os._exit below would end it without a word)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
