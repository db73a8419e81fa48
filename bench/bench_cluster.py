"""The corpus build (corpus store, then tokens dataset) on this machine's process pool against Dask clusters.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_cluster.py --chars 100000000 [--work DIR]

Each case builds the same synthetic corpus (bench/synthetic.py) from nothing into a folder of its own, in one
run, one after another: ``pool`` (helpers.parallel's process pool, two workers: what a build does by default),
``local-1`` and ``local-2`` (``scheduler="local"``: a Dask cluster of this machine with one or two worker
processes, started for each build), ``scheduler-2`` (``dask scheduler`` and two ``dask worker`` processes
started from the command line, as on several machines) and ``scheduler-2-kill`` (the same, one worker killed
with SIGKILL once a third of the tokens chunks are written; Dask runs its chunks again on the other).  Every
case's dataset is compared with the pool's, table for table.  Writes ``bench/results/cluster.csv``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import synthetic
from common import RESULTS, report

from helpers import config, corpus
from helpers.tokens import dataset

BIN = Path(sys.executable).parent


def build(folder: Path, where: Path, scheduler: str | None, workers: int) -> tuple[float, object]:
    started = time.perf_counter()
    loaded = corpus.load(folder, stream=True, cache=False, progress=False, workers=workers, scheduler=scheduler)
    built = dataset.build(loaded, path=where, workers=workers, progress=False)
    return time.perf_counter() - started, built


def same(built, reference) -> bool:
    names = sorted(p.relative_to(built.path).as_posix() for p in built.path.rglob("*.parquet"))
    if names != sorted(p.relative_to(reference.path).as_posix() for p in reference.path.rglob("*.parquet")):
        return False
    return all(pq.read_table(built.path / n).equals(pq.read_table(reference.path / n)) for n in names)


def start_cluster(folder: Path, workers: int) -> tuple[str, list[subprocess.Popen]]:
    file = folder / "scheduler.json"
    processes = [subprocess.Popen([BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                   "--scheduler-file", str(file)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, cwd=config.ROOT, start_new_session=True)]
    while not file.is_file():
        time.sleep(0.1)
    time.sleep(0.3)
    for _ in range(workers):
        processes.append(subprocess.Popen([BIN / "dask", "worker", "--scheduler-file", str(file), "--nthreads", "1",
                                           "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          cwd=config.ROOT, start_new_session=True))
    from distributed import Client

    address = json.loads(file.read_text(encoding="utf-8"))["address"]
    with Client(address, timeout=30, set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in processes:
        process.wait(timeout=60)


def kill_after_a_third(where: Path, worker: subprocess.Popen, said: dict) -> None:
    """SIGKILL ``worker`` (and its nanny) once a third of the tokens chunks exist under ``where``."""
    while True:
        stores = list(where.glob("*-*/complete.json"))
        if stores:
            chunks = json.loads(stores[0].read_text(encoding="utf-8"))["chunks"]
            done = len(list(where.glob("*/tokens/part-*.parquet")))
            if done >= chunks / 3:
                os.killpg(worker.pid, signal.SIGKILL)
                said.update(killed_after_chunks=done, of_chunks=chunks)
                return
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000_000)
    parser.add_argument("--work", type=Path, help="folder for the corpus and the builds (default: a new one)")
    parser.add_argument("--cases", nargs="+", default=["pool", "local-1", "local-2", "scheduler-2",
                                                        "scheduler-2-kill"])
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    folder = synthetic.build(work, args.chars)
    os.environ["SPEECHES_CACHE"] = str(work / "cache-cluster")
    rows, reference = [], None
    for case in args.cases:
        where = work / f"build-{case}"
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
        load = os.getloadavg()[0]
        said: dict = {}
        if case == "pool":
            seconds, built = build(folder, where, None, 2)
        elif case.startswith("local-"):
            seconds, built = build(folder, where, "local", int(case.split("-")[1]))
        else:
            address, processes = start_cluster(where, 2)
            try:
                if case.endswith("-kill"):
                    threading.Thread(target=kill_after_a_third, args=(where, processes[1], said), daemon=True).start()
                seconds, built = build(folder, where, address, 2)
            finally:
                stop(processes)
        reference = reference or built
        rows.append({"case": case, "seconds": round(seconds, 1), "same_as_first": same(built, reference),
                     "chars": args.chars, "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
                     **said})
        print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    first = table["seconds"].iloc[0]
    table["ratio_to_first"] = (table["seconds"] / first).round(2)
    report(table, "cluster", f"The corpus build on a process pool and on Dask clusters ({args.chars:,} characters)")
    shutil.copy(RESULTS / "cluster.csv", RESULTS / f"cluster-{args.chars // 1_000_000}M.csv")


if __name__ == "__main__":
    main()
