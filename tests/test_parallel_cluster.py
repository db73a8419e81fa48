"""The corpus build on a Dask cluster: a real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1
(from the project's environment), a corpus of about two million characters built through them, compared table
for table with a build on this machine; then a worker killed in the middle of a build, a build resumed from the
chunks it had, a scheduler that cannot be reached, and the same map on the cluster as on the process pool."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from helpers import config, corpus, parallel
from helpers.errors import ParameterError
from helpers.tokens import dataset

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

COPIES = 480  # documents of the fixture corpus: about 2.1 million characters
CHUNK_BYTES = 150_000  # of raw text per chunk: 41 chunks of the store and of the dataset
BIN = Path(sys.executable).parent


def _write_corpus(folder: Path) -> Path:
    """``COPIES`` documents made of the bundled speech's paragraphs, each copy starting at another paragraph
    (so no two documents are the same text), with a metadata row each."""
    folder.mkdir(parents=True)
    seed = next(config.CORPUS_DIR.glob("*.txt")).read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n") if p.strip()]
    rows = [",".join(corpus.METADATA_COLUMNS)]
    for i in range(COPIES):
        k = i % len(paragraphs)
        (folder / f"d{i:04d}.txt").write_text("\n".join(paragraphs[k:] + paragraphs[:k]) + "\n", encoding="utf-8")
        rows.append(f"d{i:04d},d{i:04d}.txt,第{i}篇,某,{2000 + i % 25}-06-24,会议,speech,built by the test")
    (folder / config.METADATA_FILE).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _start(*args: str | Path, log: Path) -> subprocess.Popen:
    """``dask ARGS`` of the project's environment; the tests' folder on its path, for this module's functions."""
    path = os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))
    return subprocess.Popen([BIN / "dask", *map(str, args)], stdout=log.open("w"), stderr=subprocess.STDOUT,
                            cwd=config.ROOT, env={**os.environ, "PYTHONPATH": path}, start_new_session=True)


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


class Cluster:
    """A scheduler and its worker processes, each ``dask worker`` in a process group of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.scheduler = _start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                "--scheduler-file", self.file, log=folder / "scheduler.log")
        deadline = time.time() + 60
        while not self.file.is_file() and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(0.2)  # written whole
        self.address = json.loads(self.file.read_text(encoding="utf-8"))["address"]
        self.workers: list[subprocess.Popen] = []

    def add_worker(self) -> subprocess.Popen:
        from distributed import Client

        log = self.folder / f"worker-{len(self.workers)}.log"
        worker = _start("worker", "--scheduler-file", self.file, "--nthreads", "1", "--no-dashboard", log=log)
        self.workers.append(worker)
        with Client(self.address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(sum(w.poll() is None for w in self.workers), timeout=60)
        return worker

    def close(self) -> None:
        for process in [*self.workers, self.scheduler]:
            _stop(process)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        running.add_worker()
        running.add_worker()
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("cluster-corpus") / "corpus")


def _build(folder: Path, where: Path, scheduler: str | None, *, workers: int | None = 2):
    loaded = corpus.load(folder, stream=True, cache=False, progress=False, workers=workers, scheduler=scheduler)
    return dataset.build(loaded, chunk_bytes=CHUNK_BYTES, path=where, workers=workers, progress=False)


@pytest.fixture(scope="module")
def local(folder, tmp_path_factory):
    return _build(folder, tmp_path_factory.mktemp("local"), None)


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"}


def _same_dataset(built, reference) -> None:
    """The same files, and in each Parquet file the same table; the manifests equal but for time and place."""
    ours, theirs = _files(built.path), _files(reference.path)
    assert list(ours) == list(theirs)  # every chunk exactly once, no file left over from a dead worker
    for name, path in ours.items():
        if name.endswith(".parquet"):
            assert pq.read_table(path).equals(pq.read_table(theirs[name])), name
    manifests = [json.loads((d.path / "complete.json").read_text(encoding="utf-8")) for d in (built, reference)]
    for manifest in manifests:
        del manifest["finished"], manifest["store"]
    assert manifests[0] == manifests[1]


def test_the_fixture_is_a_corpus_of_millions_of_characters_in_many_chunks(local):
    info = json.loads((local.path / "complete.json").read_text(encoding="utf-8"))
    assert info["documents"] == COPIES and info["characters"] > 2_000_000 and info["chunks"] >= 20


def test_a_build_through_the_scheduler_equals_a_local_build(cluster, folder, local, tmp_path):
    built = _build(folder, tmp_path, cluster.address)
    _same_dataset(built, local)
    store = json.loads((built.path / "complete.json").read_text(encoding="utf-8"))["store"]
    assert Path(store).is_relative_to(tmp_path)  # the store too was built into the dataset's folder


def test_the_work_runs_on_the_cluster_workers(cluster):
    from distributed import Client

    with Client(cluster.address, timeout=30, set_as_default=False) as client:
        pids = set(client.run(os.getpid).values())
    seen = set(parallel.map(_pid, range(40), scheduler=cluster.address))
    assert seen <= pids and len(seen) == 2 and os.getpid() not in seen


def _pid(_item) -> int:
    time.sleep(0.05)
    return os.getpid()


def test_a_map_on_the_cluster_gives_what_the_pool_gives(cluster):
    items = [(i, "点" * i) for i in range(30)]  # tuples: carried as they are, not read as tasks
    assert list(parallel.map(repr, items, scheduler=cluster.address)) == [repr(i) for i in items]
    assert sorted(parallel.map(repr, items, scheduler=cluster.address, ordered=False)) == sorted(map(repr, items))
    with pytest.raises(ValueError, match="invalid literal"):
        list(parallel.map(int, ["1", "x", "3"], scheduler=cluster.address))


def test_an_interrupted_build_resumes_from_the_chunks_it_has(cluster, folder, local, tmp_path):
    built = _build(folder, tmp_path, cluster.address)
    (built.path / "complete.json").unlink()
    removed = sorted((built.path / "tokens").glob("part-*.parquet"))[3:6]
    for path in removed:
        path.unlink()
    kept = {p: p.stat().st_mtime_ns for p in (built.path / "tokens").glob("part-*.parquet")}
    again = _build(folder, tmp_path, cluster.address)
    assert again.path == built.path
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # only the missing chunks were segmented again
    assert all(p.is_file() for p in removed)
    _same_dataset(again, local)


@pytest.mark.filterwarnings("ignore::helpers.errors.CorpusWarning")  # the copies are editions of each other
def test_a_corpus_loaded_into_memory_through_the_scheduler_is_the_same(cluster, folder):
    import pandas as pd

    here = corpus.load(folder, cache=False, progress=False, stream=False, workers=1)
    there = corpus.load(folder, cache=False, progress=False, stream=False, scheduler=cluster.address)
    for name in ("documents", "paragraphs", "sentences", "notes"):
        pd.testing.assert_frame_equal(getattr(there, name), getattr(here, name), obj=name)


def test_a_local_cluster_builds_the_same_dataset(folder, local, tmp_path):
    _same_dataset(_build(folder, tmp_path, parallel.LOCAL), local)


def test_an_unreachable_scheduler_is_named_before_any_work(folder, tmp_path, monkeypatch):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(parallel, "CONNECT_SECONDS", 2)
    started = time.time()
    with pytest.raises(ParameterError, match=f"scheduler {address}: cannot be reached"):
        corpus.load(folder, stream=True, scheduler=address)
    assert time.time() - started < 15
    assert not (tmp_path / "cache").exists()  # nothing read, nothing written
    monkeypatch.setenv(config.SCHEDULER_ENV, "127.0.0.1:8786")  # no scheme: not an address Dask takes
    with pytest.raises(ParameterError, match=r"\$SPEECHES_SCHEDULER: '127.0.0.1:8786' is not a Dask scheduler"):
        corpus.load(folder, stream=True)
    monkeypatch.setenv(config.SCHEDULER_ENV, address)
    with pytest.raises(ParameterError, match=f"scheduler {address}: cannot be reached"):
        corpus.load(folder, stream=True)


def test_a_worker_killed_in_the_middle_of_a_build_loses_no_chunk(cluster, folder, local, tmp_path):
    """Run last: it kills one of the module's two workers (a third is started for it)."""
    victim = cluster.add_worker()
    loaded = corpus.load(folder, stream=True, cache=False, progress=False, scheduler=cluster.address)
    loaded.disk.store(chunk_bytes=CHUNK_BYTES, path=tmp_path)  # the store first: the kill hits the tokens
    outcome: dict = {}

    def build() -> None:
        try:
            outcome["dataset"] = dataset.build(loaded, chunk_bytes=CHUNK_BYTES, path=tmp_path, progress=False)
        except BaseException as error:  # reported by the assertion below
            outcome["error"] = error

    thread = threading.Thread(target=build)
    thread.start()
    deadline = time.time() + 120
    while time.time() < deadline and not list(tmp_path.glob("*/tokens/part-*.parquet")):
        time.sleep(0.01)
    done_before = len(list(tmp_path.glob("*/tokens/part-*.parquet")))
    finished = [p for p in tmp_path.glob("*/complete.json") if (p.parent / "tokens").is_dir()]  # not the store's
    assert 0 < done_before and not finished, "the build was not under way"
    _stop(victim, signal.SIGKILL)  # the worker and its nanny, without a word
    thread.join(timeout=300)
    assert "error" not in outcome, outcome.get("error")
    built = outcome["dataset"]
    assert victim.poll() is not None and done_before < json.loads(
        (built.path / "complete.json").read_text(encoding="utf-8"))["chunks"]
    _same_dataset(built, local)
