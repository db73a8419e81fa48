"""The one home of parallel work: a function mapped over items in spawned worker processes (or threads).

:func:`map` is what every stage that uses several cores calls (loading a corpus, segmenting, building the tokens
dataset); a later engine (Dask distributed, say) replaces its body, not its callers.  The rules it owns:

- workers are *spawned*, never forked: a notebook kernel holds threads, and a forked child inherits their locks;
- threads instead (``threads=True``) for work that waits on other processes (the report runner's notebooks, each
  on its kernel): a thread cannot be stopped, so the caller's ``stop`` makes the running items end;
- the worker count: ``workers=None`` means every core, one worker (or one item) means no process at all;
- results in the order of the items, or as they finish; an error, an interruption or a caller that stops
  asking cancels the work left and stops the workers;
- the progress bar (tqdm), advanced by each item's ``sizes`` (bytes, say) as its result comes back;
- a worker stopped while it waits for work (the caller stopped it after an error, or Ctrl-C reached every
  process) exits without a word: only one busy with an item is interrupted (KeyboardInterrupt, or the handler
  an ``initializer`` installed), so no worker's traceback is printed before the caller's error;
- a spawned worker starts by running the main script again: a script without
  ``if __name__ == "__main__":`` would start the work again there, which :func:`check_not_bootstrapping`
  refuses with advice instead of hanging;
- where the work of a corpus build runs (:func:`scheduler`): this machine's process pool by default; a Dask
  scheduler's address (``tcp://host:8786``, from the caller or ``$SPEECHES_SCHEDULER``), whose workers import
  the same ``helpers`` and run the same functions (an item whose worker dies is run again on another, Dask's
  own retry); or ``"local"``, a Dask cluster of this machine started for the one map.  A scheduler that cannot
  be reached is a :class:`ParameterError` naming its address (:func:`check_scheduler`), before any work.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from functools import partial
from typing import Any

from .config import SCHEDULER_ENV, scheduler_setting
from .errors import ParameterError
from .validate import check_int

__all__ = ["LOCAL", "check_not_bootstrapping", "check_scheduler", "map", "scheduler", "worker_count"]

LOCAL = "local"  # the scheduler value that starts a Dask cluster of this machine for one map
CONNECT_SECONDS = 10  # how long a scheduler is tried before it is said to be unreachable


def worker_count(workers: int | None) -> int:
    """The number of worker processes: ``workers``, or every core when it is None."""
    if workers is None:
        return os.cpu_count() or 1
    check_int("workers", workers, min_value=1)
    return int(workers)


def scheduler(value: str | None = None) -> str | None:
    """Where a corpus build runs: ``value``, else ``$SPEECHES_SCHEDULER``, else None (this machine's process
    pool).  A Dask scheduler address (``tcp://host:8786``, ``tls://…``, any ``scheme://``) or :data:`LOCAL`;
    anything else is a :class:`ParameterError` naming where it came from."""
    given = value if value is not None else scheduler_setting()
    if given is None or str(given).strip() == "":
        return None
    if not isinstance(given, str):
        raise ParameterError(f"scheduler: {given!r} is not an address; give 'tcp://host:8786' or {LOCAL!r}")
    given = given.strip()
    if given == LOCAL or "://" in given:
        return given
    origin = "scheduler" if value is not None else f"${SCHEDULER_ENV}"
    raise ParameterError(f"{origin}: {given!r} is not a Dask scheduler address; give one like 'tcp://host:8786' "
                         f"(what `dask scheduler` prints) or {LOCAL!r} for a cluster of this machine")


def check_scheduler(address: str | None) -> None:
    """Connect to the scheduler at ``address`` and let go: a :class:`ParameterError` naming it when it cannot be
    reached within :data:`CONNECT_SECONDS` (nothing to check for None or :data:`LOCAL`)."""
    if address is None or address == LOCAL:
        return
    with _client(address, 1):
        pass


def check_not_bootstrapping() -> None:
    """Refuse to start parallel work in a spawned worker that is still importing the main script.

    Spawned workers run the script that started them first; an unguarded script would start its work again
    there (the same test as multiprocessing's own for this mistake, with advice).
    """
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise RuntimeError(
            "parallel work was started again in one of its worker processes, which run the main script when "
            "they start; put the script's code under  if __name__ == \"__main__\":  (a notebook needs nothing)")


def map(
    func: Callable[[Any], Any],
    items: Iterable,
    *,
    workers: int | None = None,
    ordered: bool = True,
    progress: bool = False,
    desc: str = "working",
    unit: str = "item",
    sizes: Sequence[int] | None = None,
    initial: int = 0,
    chunksize: int = 1,
    initializer: Callable[[], None] | None = None,
    scheduler: str | None = None,
    threads: bool = False,
    stop: Callable[[], None] | None = None,
) -> Iterator:
    """``func`` of each item, computed in ``workers`` spawned processes, yielded in the order of ``items``
    (``ordered=False``: as they finish; let ``func`` return what identifies its item if the caller needs it).

    ``workers`` None means every core; with one worker or one item everything runs in this process, lazily, as
    the results are asked for.  ``progress`` shows a tqdm bar named ``desc`` that advances by ``sizes[i]``
    (default 1) as item ``i`` comes back, from ``initial`` (work done before) to ``initial + sum(sizes)``;
    ``unit="B"`` shows bytes scaled.  ``chunksize`` sends that many items to a worker at once (in order only);
    ``initializer`` runs first in each worker process.  ``func``, the items and ``initializer`` must be
    picklable (module-level functions, plain data).  An error in ``func`` reaches the caller; then, or when the
    caller stops early or is interrupted, the work not yet done is cancelled and the workers are stopped.

    ``scheduler`` (an address or :data:`LOCAL`, see :func:`scheduler`; None: this machine's pool) runs each item
    as a task of that Dask cluster (``workers`` is then the size of a :data:`LOCAL` cluster, and ``chunksize``
    does not apply); ``initializer`` runs once on each of its workers.

    ``threads=True`` runs the items in ``workers`` threads of this process instead (``func`` and the items need
    not be picklable; ``chunksize`` and ``initializer`` do not apply): for work that waits on other processes,
    such as a notebook's kernel, where a process per worker would hold one more copy of every import.  A thread
    cannot be stopped from outside: on an error, an interruption or a caller that stops early, the items not
    started are cancelled, then ``stop`` is called (it must make the running items end: the runner kills their
    kernels), then the running items are waited for.
    """
    count = worker_count(workers)
    check_int("chunksize", chunksize, min_value=1)
    items = list(items)
    sizes = [1] * len(items) if sizes is None else list(sizes)
    if len(sizes) != len(items):
        raise ParameterError(f"sizes: {len(sizes)} sizes given for {len(items)} items")
    if threads and count > 1 and len(items) > 1:
        return _in_threads(func, items, min(count, len(items)), ordered,
                           (progress, desc, unit, initial + sum(sizes), initial), sizes, stop)
    if scheduler is not None and items:
        return _on_cluster(func, items, scheduler, count, ordered,
                           (progress, desc, unit, initial + sum(sizes), initial), sizes, initializer)
    if count > 1 and len(items) > 1:
        check_not_bootstrapping()
        run = _in_order if ordered else _as_finished
        return run(func, items, min(count, len(items)), (progress, desc, unit, initial + sum(sizes), initial),
                   sizes, chunksize, initializer)
    return _here(func, items, (progress, desc, unit, initial + sum(sizes), initial), sizes)


def _here(func, items: list, bar_options: tuple, sizes: list[int]) -> Iterator:
    """Each result computed in this process when it is asked for."""
    bar = _bar(*bar_options)  # made when the first result is asked for, closed after the last or on error
    try:
        for item, size in zip(items, sizes, strict=True):
            result = func(item)
            bar.update(size)
            yield result
    finally:
        bar.close()


def _pool(count: int, initializer) -> ProcessPoolExecutor:
    # spawn, not fork.  No max_tasks_per_child: before Python 3.13 the pool hangs once its workers reach it
    # (CPython gh-115634; seen at 2 x 256 chunks of the 1,000 M tokens dataset)
    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"),
                               initializer=partial(_start_worker, initializer))


def _run_item(func, item):
    """``func(item)`` in a worker: the frame :func:`_start_worker`'s handlers look for to know it is busy."""
    return func(item)


def _start_worker(initializer) -> None:
    """In each worker: ``initializer``, then SIGINT and SIGTERM handled by what was there only while an item
    runs (its work is interrupted and unwinds); a worker that waits for work exits quietly instead."""
    if initializer is not None:
        initializer()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, partial(_on_signal, signal.getsignal(signum)))


def _on_signal(previous, signum, frame) -> None:
    """A signal in a worker: passed to ``previous`` while an item runs, else a quiet exit (no traceback)."""
    busy = frame
    while busy is not None and busy.f_code is not _run_item.__code__:
        busy = busy.f_back
    if busy is None:  # waiting for work: nothing to unwind, nothing to say (not even from exit handlers)
        os._exit(0)
    if callable(previous):
        previous(signum, frame)
    elif previous == signal.SIG_DFL:  # the default action (SIGTERM: end the process)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def _in_order(func, items: list, count: int, bar_options: tuple, sizes: list[int], chunksize: int,
              initializer) -> Iterator:
    bar = _bar(*bar_options)
    pool = _pool(count, initializer)
    try:
        for result, size in zip(pool.map(partial(_run_item, func), items, chunksize=chunksize), sizes, strict=True):
            bar.update(size)
            yield result
    except BaseException:  # an error, an interruption, or the caller stopped asking (GeneratorExit)
        _stop(pool)
        raise
    finally:
        bar.close()
    pool.shutdown()


def _as_finished(func, items: list, count: int, bar_options: tuple, sizes: list[int], _chunksize: int,
                 initializer) -> Iterator:
    bar = _bar(*bar_options)
    pool = _pool(count, initializer)
    try:
        futures = {pool.submit(_run_item, func, item): i for i, item in enumerate(items)}
        for future in as_completed(futures):
            result = future.result()
            bar.update(sizes[futures[future]])
            yield result
    except BaseException:
        _stop(pool)
        raise
    finally:
        bar.close()
    pool.shutdown()


def _in_threads(func, items: list, count: int, ordered: bool, bar_options: tuple, sizes: list[int],
                stop: Callable[[], None] | None) -> Iterator:
    """Each item in one of ``count`` threads of this process, the results yielded in order or as they finish."""
    bar = _bar(*bar_options)
    pool = ThreadPoolExecutor(count, thread_name_prefix="parallel")
    stopping = threading.Event()  # set by the first error: no thread starts another item after it
    futures = {pool.submit(_run_unless_stopping, func, item, stopping): i for i, item in enumerate(items)}
    try:
        for future in futures if ordered else as_completed(futures):
            result = future.result()
            bar.update(sizes[futures[future]])
            yield result
    except BaseException:  # an error, an interruption, or the caller stopped asking (GeneratorExit)
        stopping.set()
        for future in futures:
            future.cancel()
        if stop is not None:
            stop()
        raise
    finally:
        bar.close()
        pool.shutdown(wait=True, cancel_futures=True)  # the running items end (after stop, when it was called)


def _run_unless_stopping(func, item, stopping: threading.Event):
    """``func(item)`` in a thread, unless an item has failed or the caller has stopped (then nothing runs)."""
    if stopping.is_set():
        raise CancelledError
    try:
        return func(item)
    except BaseException:
        stopping.set()
        raise


def _on_cluster(func, items: list, address: str, count: int, ordered: bool, bar_options: tuple,
                sizes: list[int], initializer) -> Iterator:
    """Each item a task of the Dask cluster at ``address``, the results yielded in order or as they finish."""
    from distributed import as_completed as finished

    with _client(address, count) as client:
        if initializer is not None:
            client.run(initializer)
        run = partial(_run_packed, func)
        name = getattr(func, "__name__", "task")
        batch = uuid.uuid4().hex[:12]
        futures = client.map(run, [_Packed(item) for item in items],
                             key=[f"{name}-{batch}-{i}" for i in range(len(items))], pure=False)
        position = {future.key: i for i, future in enumerate(futures)}
        bar = _bar(*bar_options)
        try:
            waiting: dict[int, Any] = {}
            following = 0
            for future in finished(futures, loop=client.loop):
                i = position[future.key]
                result = future.result()  # an error of the item is raised here (with the worker's traceback)
                bar.update(sizes[i])
                if not ordered:
                    yield result
                    continue
                waiting[i] = result
                while following in waiting:
                    yield waiting.pop(following)
                    following += 1
        except BaseException:  # an error, an interruption, or the caller stopped asking: the rest is cancelled
            client.cancel(futures)
            raise
        finally:
            bar.close()


class _Packed:
    """An item as the cluster carries it: opaque (Dask would read a tuple that starts with a function, or a
    name of another task, as a task of its own)."""

    __slots__ = ("item",)

    def __init__(self, item) -> None:
        self.item = item


def _run_packed(func, packed: _Packed):
    return _run_item(func, packed.item)


@contextmanager
def _client(address: str, count: int):
    """A Dask client of the scheduler at ``address`` (or of a cluster of ``count`` worker processes of this
    machine, for :data:`LOCAL`), closed on leaving; an unreachable scheduler is a :class:`ParameterError`."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        check_not_bootstrapping()
        with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ParameterError(f"scheduler {address}: cannot be reached ({error}); start one with `dask scheduler` "
                             f"and check the address, or leave out scheduler / ${SCHEDULER_ENV} to work on this "
                             "machine") from None
    try:
        yield client
    finally:
        client.close()


_UNWIND = 10  # seconds a stopped worker has to unwind its item and exit before it is killed


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the work not started and stop the worker processes now (not after their current item).

    The executor's manager thread replaces a worker that exits (Python 3.11+), so a stopped worker can be
    followed by a new one: the processes are collected again until none is left alive.
    """
    workers = getattr(pool, "_processes", None) or {}  # the executor lists them privately; its manager thread adds
    stopped: set[int] = set()                         # replacements to this same dict, which shutdown lets go of
    for attempt in range(10):
        processes = [p for p in list(workers.values()) if p.pid not in stopped]
        if not processes:
            break
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(_UNWIND)  # an idle worker exits at once; a busy one unwinds its item (a kernel stops)
        if attempt == 0:  # after the first stop: a worker still reading its queue would read the end of it (EOF)
            pool.shutdown(wait=False, cancel_futures=True)  # a worker back from its item reads the end and exits
        for process in processes:
            process.join(_UNWIND)
            if process.is_alive():  # neither: ended by force
                process.kill()
                process.join()
            stopped.add(process.pid)
        time.sleep(0.05)  # the manager thread's turn to notice the exits (and to start any replacement)
    pool.shutdown(wait=False, cancel_futures=True)


class _NoBar:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(show: bool, desc: str, unit: str, total: int, initial: int):
    if not show:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=initial, desc=desc, unit=unit, unit_scale=unit == "B", smoothing=0.1)
