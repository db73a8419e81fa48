"""The memory and time of finding a corpus' boilerplate as its store is built: ``boilerplate.find`` on the store's
paragraph chunk files, in this process, its resident memory sampled every 0.05 s.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_boilerplate.py \
        /tmp/bench/cache-report-1000M/corpus-store/<key>

The store given is a finished one (its paragraphs already without boilerplate: the rows found differ from the
build's, the reading is the same).  Writes ``bench/results/boilerplate_find.csv``: ``documents, chunks,
edge_paragraphs, found, seconds, start_mb, peak_mb, after_mb``.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path

import pandas as pd
from common import report

from helpers.corpus import boilerplate
from helpers.corpus.parquet import chunk_file


def resident_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        return next(int(line.split()[1]) // 1024 for line in handle if line.startswith("VmRSS"))


def measure(store: Path) -> pd.DataFrame:
    chunks = json.loads((store / "complete.json").read_text(encoding="utf-8"))["chunks"]
    documents = pd.read_parquet(store / "documents.parquet")
    files = [store / "paragraphs" / chunk_file(i) for i in range(chunks)]
    peak, done = [resident_mb()], threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], resident_mb())

    start = resident_mb()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    found = boilerplate.find(files, documents)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    rows = sum(min(n, 2 * boilerplate.EDGE) for n in documents["n_paragraphs"])
    return pd.DataFrame([{"documents": len(documents), "chunks": chunks, "edge_paragraphs": rows, "found": len(found),
                          "seconds": round(seconds, 1), "start_mb": start, "peak_mb": max(peak[0], resident_mb()),
                          "after_mb": resident_mb()}])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a finished corpus store (a folder with complete.json)")
    report(measure(parser.parse_args().store), "boilerplate_find", "boilerplate.find on a store's chunk files")
