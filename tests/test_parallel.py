"""The one parallel map: results in order, in spawned workers or in this process, a progress bar by sizes,
the worker count checked, an unguarded script refused with advice."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import parallel, tokens
from helpers.errors import ParameterError

ROOT = Path(__file__).resolve().parent.parent


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_results_come_back_in_order_from_this_process_with_one_worker():
    got = list(parallel.map(_pid_and_square, range(5), workers=1))
    assert got == [(os.getpid(), n * n) for n in range(5)]


def test_results_come_back_in_order_from_spawned_workers():
    got = list(parallel.map(_pid_and_square, range(6), workers=2))
    assert [square for _, square in got] == [n * n for n in range(6)]
    pids = {pid for pid, _ in got}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def _tagged(n: int) -> tuple[int, str | None]:
    return n, os.environ.get("PARALLEL_TEST_TAG")


def _tag_worker() -> None:
    os.environ["PARALLEL_TEST_TAG"] = f"worker {os.getpid()}"


def _fails_at_once_or_sleeps(n: int) -> int:
    if n == 0:
        time.sleep(1)  # both workers have started an item
        raise ValueError("first")
    time.sleep(120)
    return n


def test_results_as_they_finish_from_initialized_workers():
    got = list(parallel.map(_tagged, range(6), workers=2, ordered=False, initializer=_tag_worker))
    assert sorted(n for n, _ in got) == list(range(6))
    assert all(tag is not None and tag.startswith("worker ") for _, tag in got)
    assert "PARALLEL_TEST_TAG" not in os.environ  # run in the workers only


def test_an_error_stops_the_other_workers_at_once():
    for ordered in (True, False):
        started = time.monotonic()
        with pytest.raises(ValueError, match="first"):
            list(parallel.map(_fails_at_once_or_sleeps, range(4), workers=2, ordered=ordered))
        assert time.monotonic() - started < 60  # the sleeping item was not waited for
        assert not multiprocessing.active_children()


def test_a_caller_that_stops_early_stops_the_workers():
    results = parallel.map(_pid_and_square, range(50), workers=2)
    first = next(results)
    assert first[1] == 0
    results.close()  # what a loop left with break does once the generator is collected
    assert not multiprocessing.active_children()  # the 49 items left were not computed
    assert list(parallel.map(_pid_and_square, range(3), workers=2))[2][1] == 4


def test_one_item_runs_in_this_process():
    assert list(parallel.map(_pid_and_square, [7], workers=4)) == [(os.getpid(), 49)]


def test_a_worker_error_reaches_the_caller():
    for workers in (1, 2):
        with pytest.raises(ValueError, match="three"):
            list(parallel.map(_fails_on_three, range(5), workers=workers))


def test_the_worker_count_rule_and_bad_options():
    assert parallel.worker_count(None) == (os.cpu_count() or 1)
    assert parallel.worker_count(3) == 3
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ParameterError, match="workers"):
            parallel.map(_pid_and_square, range(3), workers=bad)
    with pytest.raises(ParameterError, match="sizes"):
        parallel.map(_pid_and_square, range(3), sizes=[1, 2])
    with pytest.raises(ParameterError, match="chunksize"):
        parallel.map(_pid_and_square, range(3), chunksize=0)


def test_the_progress_bar_advances_by_the_sizes(capsys):
    assert list(parallel.map(_pid_and_square, [1, 2], workers=1, progress=True, desc="squaring", sizes=[5, 7],
                             initial=3)) == [(os.getpid(), 1), (os.getpid(), 4)]
    err = capsys.readouterr().err
    assert "squaring" in err and "15/15" in err
    list(parallel.map(_pid_and_square, [1, 2], workers=1))
    assert capsys.readouterr().err == ""  # no bar unless asked


def test_segmentation_in_spawned_workers_equals_one_process(multi, monkeypatch):
    """A real caller: tokens.segment's chunks of the fixture corpus, mapped over two spawned workers, give the
    table of one process."""
    from pandas.testing import assert_frame_equal

    from helpers.tokens import segmentation

    monkeypatch.setattr(segmentation, "_CHUNK_CHARS", 2_000)  # several chunks of whole documents
    assert len(segmentation._chunks(multi.paragraphs)) > 2
    alone = tokens.segment(multi.paragraphs, cache=False)
    assert_frame_equal(tokens.segment(multi.paragraphs, cache=False, workers=2), alone)
    assert alone["doc_id"].nunique() == len(multi.documents) and "科技" in set(alone["token"])


UNGUARDED = """
import math
from helpers import parallel
print(list(parallel.map(math.sqrt, [1, 4, 9], workers=2)))
"""


def test_a_script_without_a_main_guard_fails_with_advice(tmp_path):
    script = tmp_path / "unguarded.py"  # a file, not -c: spawned workers run a script file's code again
    script.write_text(UNGUARDED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-W", "ignore", str(script)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode != 0
    assert 'if __name__ == "__main__":' in proc.stderr
    guarded = tmp_path / "guarded.py"
    guarded.write_text("import math\nfrom helpers import parallel\nif __name__ == '__main__':\n"
                       "    print(list(parallel.map(math.sqrt, [1, 4, 9], workers=2)))\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-W", "ignore", str(guarded)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "[1.0, 2.0, 3.0]"


# --- threads: work that waits on other processes (the report runner's kernels) --------------------------------


def test_threads_run_the_items_in_this_process_in_order_or_as_they_finish():
    import threading

    def whose(n: int) -> tuple[int, str, int]:
        time.sleep(0.05 * (3 - n % 3))
        return os.getpid(), threading.current_thread().name, n * n

    got = list(parallel.map(whose, range(6), workers=2, threads=True))
    assert [square for _, _, square in got] == [n * n for n in range(6)]
    assert {pid for pid, _, _ in got} == {os.getpid()}  # no process started
    assert len({name for _, name, _ in got}) == 2 and threading.current_thread().name not in {n for _, n, _ in got}
    assert sorted(s for _, _, s in parallel.map(whose, range(6), workers=2, threads=True, ordered=False)) == \
        [n * n for n in range(6)]


def test_threads_call_stop_on_an_error_before_the_running_items_are_waited_for():
    import threading

    released = threading.Event()
    ran: list[int] = []

    def waits_or_fails(n: int) -> int:
        ran.append(n)
        if n == 0:
            time.sleep(0.2)  # the other thread has started its item
            raise ValueError("first")
        released.wait(120)  # ends only once stop() has been called (as a notebook ends when its kernel is killed)
        return n

    for ordered in (True, False):
        released.clear()
        ran.clear()
        started = time.monotonic()
        with pytest.raises(ValueError, match="first"):
            list(parallel.map(waits_or_fails, range(6), workers=2, threads=True, ordered=ordered,
                              stop=released.set))
        assert time.monotonic() - started < 60 and released.is_set()
        assert sorted(ran) == [0, 1]  # the four items not started were cancelled
        assert not [t for t in threading.enumerate() if t.name.startswith("parallel")]  # every thread ended


def test_threads_call_stop_when_the_caller_stops_early():
    import threading

    stopped = threading.Event()
    results = parallel.map(lambda n: n + 1, range(2), workers=2, threads=True, stop=stopped.set)
    assert next(results) == 1
    results.close()
    assert stopped.is_set()
    assert list(parallel.map(lambda n: n + 1, range(3), workers=2, threads=True)) == [1, 2, 3]
