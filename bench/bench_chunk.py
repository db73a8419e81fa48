"""Where the time of one chunk of a corpus on disk goes: reading and cleaning, segmentation, sketches, the rest.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_chunk.py [--chars 10000000] [--repeat 3]

Builds (or reuses) a synthetic corpus as bench_scale.py does, takes two of its chunks (about
``corpus.parquet.CHUNK_BYTES`` of raw text each) and times, in this process and on one core, the phases of
a chunk's two passes, ``corpus.store_build.write_chunk`` (the corpus store) then
``tokens.dataset.chunk.write_chunk`` (its tokens): ``load`` (read, decode, clean, structure and audit the
documents into rows: ``corpus.stream.read_chunk``), ``segment`` (rjieba and the tokens table of those
paragraphs), ``sketch`` (the edition sketches), and ``whole`` (both passes written to scratch folders);
``rest`` = whole − the three, i.e. the Arrow tables, per-document counts, reading the paragraphs back and
writing the Parquet files.  Each phase is
the median over ``--repeat`` rounds of both chunks.
Writes ``bench/results/chunk.csv``.

``--pool`` instead builds every chunk of the corpus (both passes) in a pool of ``--workers`` spawned processes
(as the store and dataset builds do), each timing its own chunks, and writes ``bench/results/chunk_pool.csv``: the
pool's wall time, the chunks' wall and CPU seconds, the median chunk and each worker's first chunk (start-up
included), against the median of the same chunks built one at a time on one core (``--repeat`` of them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import synthetic
from common import report

from helpers import parallel
from helpers.corpus import editions, store_build
from helpers.corpus import stream as streams
from helpers.corpus.model import bodies_of
from helpers.corpus.parquet import CHUNK_BYTES
from helpers.errors import CorpusWarning
from helpers.tokens import dataset
from helpers.tokens.dataset.chunk import write_chunk
from helpers.tokens.table import segment_chunk

OPTIONS = {"simplify": True, "text_column": None}  # corpus.load's defaults


@contextmanager
def scratch_dataset(prefix: str) -> Iterator[Path]:
    """An empty store and dataset folder (one folder per table of each) in /tmp, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        for table in (*dataset.TABLES, *store_build.STORE_TABLES):
            (folder / table).mkdir(exist_ok=True)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def both_passes(folder, jobs, scratch: str, index: int) -> None:
    """One chunk written to the corpus store (read, clean, audit), then its tokens (segment, count)."""
    store_build.write_chunk((folder, jobs, scratch, index, OPTIONS))
    write_chunk((scratch, scratch, index, "rjieba"))


def _timed_chunk(job) -> tuple[float, float, int, float]:
    """Build one chunk in a pool worker: its wall and CPU seconds, the worker's pid, when it started."""
    warnings.simplefilter("ignore", CorpusWarning)
    started, cpu = time.perf_counter(), time.process_time()
    both_passes(*job)
    return time.perf_counter() - started, time.process_time() - cpu, os.getpid(), started


def pool_run(stream, workers: int, repeat: int) -> pd.DataFrame:
    """Every chunk built in a pool of spawned workers, then ``repeat`` of them alone: one row of figures."""
    ranges = streams.chunk_ranges(stream.sizes, CHUNK_BYTES)
    load_before = os.getloadavg()[0]
    with scratch_dataset("bench-chunk-pool-") as scratch:
        jobs = [(stream.folder, [stream.jobs[j] for j in chunk], str(scratch), i)
                for i, chunk in enumerate(ranges)]
        started = time.perf_counter()
        done = list(parallel.map(_timed_chunk, jobs, workers=workers))  # the pool tokens.dataset.build uses
        wall = time.perf_counter() - started
    firsts = {}
    for seconds, _, pid, began in done:
        if pid not in firsts or began < firsts[pid][1]:
            firsts[pid] = (seconds, began)
    picks = np.linspace(1, len(jobs) - 1, max(repeat, 1)).astype(int)
    alone = []
    with scratch_dataset("bench-chunk-alone-") as scratch:
        for i in picks:
            t0 = time.perf_counter()
            _timed_chunk((*jobs[i][:2], str(scratch), jobs[i][3]))
            alone.append(time.perf_counter() - t0)
    return pd.DataFrame([{
        "chunks": len(jobs), "workers": workers, "pool_wall_s": round(wall, 1),
        "chunk_wall_s": round(sum(d[0] for d in done), 1), "chunk_cpu_s": round(sum(d[1] for d in done), 1),
        "median_chunk_s": round(float(np.median([d[0] for d in done])), 2),
        "first_chunk_s": " / ".join(f"{v[0]:.2f}" for v in sorted(firsts.values(), key=lambda v: v[1])),
        "alone_median_s": round(float(np.median(alone)), 2), "alone_chunks": len(alone),
        "load_avg_before": round(load_before, 2), "load_avg_after": round(os.getloadavg()[0], 2)}])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10_000_000, help="size of the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the corpus (default: a new one in /tmp)")
    parser.add_argument("--pool", action="store_true", help="every chunk in a pool of workers (see above)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-chunk-"))
    folder = synthetic.build(work, args.chars)
    from helpers import corpus

    stream = corpus.load(folder, stream=True).disk.listing  # the folder listed, nothing read
    if args.pool:
        table = pool_run(stream, args.workers, args.repeat)
        report(table, "chunk_pool", f"Every chunk of {args.chars:,} characters in a pool of {args.workers} workers")
        return
    ranges = streams.chunk_ranges(stream.sizes, CHUNK_BYTES)
    picked = ranges[1:3] if len(ranges) > 2 else ranges[:2]
    times: dict[str, list[float]] = {"load": [], "segment": [], "sketch": [], "whole": []}
    chars = 0
    load_before = os.getloadavg()[0]
    with warnings.catch_warnings(), scratch_dataset("bench-chunk-ds-") as scratch:
        warnings.simplefilter("ignore", CorpusWarning)
        for _ in range(args.repeat):
            for i, chunk in enumerate(picked):
                jobs = [stream.jobs[j] for j in chunk]
                t0 = time.perf_counter()
                rows = streams.read_chunk(stream.folder, jobs, **OPTIONS)
                t1 = time.perf_counter()
                frame = pd.DataFrame({name: [p[name] for p in rows.paragraphs]
                                      for name in ("doc_id", "para_no", "text")})
                segment_chunk(("rjieba", (), frame), dictionary=True)
                t2 = time.perf_counter()
                editions.sketches(bodies_of(rows.paragraphs))
                t3 = time.perf_counter()
                both_passes(stream.folder, jobs, str(scratch), i)
                t4 = time.perf_counter()
                for name, value in (("load", t1 - t0), ("segment", t2 - t1), ("sketch", t3 - t2),
                                    ("whole", t4 - t3)):
                    times[name].append(value)
                chars = max(chars, int(rows.documents["n_chars"].sum()))
    median = {name: float(np.median(values)) for name, values in times.items()}
    median["rest"] = median["whole"] - median["load"] - median["segment"] - median["sketch"]
    rows = [{"phase": name, "seconds": round(median[name], 3), "share": round(median[name] / median["whole"], 3)}
            for name in ("load", "segment", "sketch", "rest", "whole")]
    table = pd.DataFrame(rows).assign(chunk_chars=chars, load_avg_before=round(load_before, 2),
                                      load_avg_after=round(os.getloadavg()[0], 2))
    report(table, "chunk", f"One chunk of a corpus on disk (about {chars:,} characters), median of "
                           f"{len(times['whole'])} runs")


if __name__ == "__main__":
    main()
