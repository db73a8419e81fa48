"""Scale: load -> clean -> tokens -> frequency on synthetic corpora of 1, 3 and 10 million characters.

    .venv/bin/python bench/bench_scale.py

The corpora copy the real texts (bench/synthetic.py) into up to ~600 documents. Each measurement runs
in a fresh process with the caches off, with 1 and with 2 worker processes, and reports wall time per
stage and the peak resident memory of the process and its workers (ru_maxrss).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import synthetic
from common import report

PROBE = """
import json, resource, sys, time
from helpers import corpus, tokens, textstat
workers = int(sys.argv[2])
t0 = time.perf_counter()
loaded = corpus.load(sys.argv[1], progress=False, cache=False, workers=workers)
t1 = time.perf_counter()
table = tokens.segment(loaded.paragraphs, cache=False, progress=False, workers=workers)
t2 = time.perf_counter()
freq = textstat.frequency(table)
t3 = time.perf_counter()
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kilobytes on Linux
print(json.dumps({"chars": int(loaded.documents["n_chars"].sum()), "docs": len(loaded.documents),
                  "tokens": len(table), "load": t1 - t0, "tokens_s": t2 - t1, "frequency": t3 - t2,
                  "peak_mb": own * scale / 2**20, "peak_workers_mb": children * scale / 2**20}))
"""


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = []
    for size in (1_000_000, 3_000_000, 10_000_000):
        folder = synthetic.build(work, size)
        for workers in (1, 2):
            result = subprocess.run([sys.executable, "-W", "ignore", "-c", PROBE, str(folder), str(workers)],
                                    check=True, capture_output=True, text=True)
            r = json.loads(result.stdout.strip().splitlines()[-1])
            total = r["load"] + r["tokens_s"] + r["frequency"]
            rows.append((size // 1_000_000, r["docs"], r["chars"], r["tokens"], workers, round(r["load"], 2),
                         round(r["tokens_s"], 2), round(r["frequency"], 2), round(total, 2),
                         round(total / (r["chars"] / 1e6), 2), round(r["peak_mb"]), round(r["peak_workers_mb"])))
    table = pd.DataFrame(rows, columns=["size_M", "docs", "chars", "tokens", "workers", "load_s", "tokens_s",
                                       "frequency_s", "total_s", "s_per_M_chars", "peak_mb", "peak_worker_mb"])
    report(table, "scale", "Scale (targets: 10M characters <= 60 s and <= 4 GB; s per M characters about constant)")


if __name__ == "__main__":
    main()
