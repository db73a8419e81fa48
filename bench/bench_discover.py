"""``formulations.discover`` (notebook 04's call) on a synthetic corpus streamed to disk, timed in a fresh process
per call, this checkout and another one taking turns (a ratio measured in one run), with each process' peak
resident memory.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_discover.py --chars 100000000 --work /tmp/bench98 \
        [--compare /path/to/other/checkout] [--rounds 1]

The corpus store and tokens dataset are built once per checkout before the timing (its own cache folder under
``--work``).  Writes ``bench/results/discover.csv``: ``checkout, round, seconds, peak_mb, found``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from common import report

HERE = Path(__file__).resolve().parent
PROBE = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
from helpers import corpus, formulations

if __name__ == "__main__":
    speeches = corpus.load(sys.argv[1], stream=True)
    speeches.paragraphs.head()  # the store built (not timed)
    if sys.argv[2] == "time":
        started = time.perf_counter()
        found = formulations.discover(speeches, min_count=3, by="doc_id", editions=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({"seconds": round(seconds, 1), "peak_mb": peak, "found": len(found)}))
"""


def probe(checkout: Path, folder: Path, cache: Path, what: str) -> dict | None:
    env = {**os.environ, "PYTHONPATH": f"{checkout}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "SPEECHES_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder), what], env=env, cwd=checkout,
                          capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return rows[0] if rows else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000_000, help="characters of the synthetic corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"), help="corpora and caches")
    parser.add_argument("--compare", type=Path, help="another checkout timed in the same run")
    parser.add_argument("--rounds", type=int, default=1, help="turns of each checkout")
    args = parser.parse_args()
    import synthetic

    folder = synthetic.build(args.work, args.chars)
    checkouts = {"this": HERE.parent} | ({"other": args.compare.resolve()} if args.compare else {})
    for label, checkout in checkouts.items():
        probe(checkout, folder, args.work / f"cache-discover-{label}", "build")
    rows = []
    for round_no in range(args.rounds):
        for label, checkout in checkouts.items():
            load = os.getloadavg()[0]
            row = probe(checkout, folder, args.work / f"cache-discover-{label}", "time")
            rows.append({"checkout": label, "round": round_no, **row, "load": round(load, 2)})
            print(rows[-1], flush=True)
    report(pd.DataFrame(rows), "discover", f"formulations.discover on {args.chars:,} characters")


if __name__ == "__main__":
    main()
