"""The five notebooks on a streamed archive: `python -m helpers.report --set stream=True` on a synthetic corpus.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_stream_report.py --chars 100000000 [--work DIR]

The corpus is built as in bench_scale.py (copies of the real texts).  With an empty cache folder, the report
runner executes every notebook (two at a time) and exports the reports: ``cold_seconds`` includes building
the tokens dataset; a second run reuses it (``warm_seconds``, and ``warm_nbNN_s`` each notebook's time as the
runner reports it; two notebooks run at a time; ``cold_nbNN_s`` the same for the cold run).
``--cold-only`` skips the warm run (for the largest corpora).  ``peak_mb`` is the resident memory of the
whole process tree (runner, kernels, workers) sampled every 0.2 s, the larger of the runs; ``peak_pss_mb`` its
proportional set size (a page shared by forked processes counted once, see ``bench_scale.tree_pss``), with
``pss_at_s`` and ``pss_processes`` (each process then: role, PSS in MB) saying when and who held it.
``--warm-only`` reuses the cache of an earlier run (no cold run); ``--only 00 01`` runs only those notebooks
(column ``notebooks``).  Writes ``bench/results/stream_report.csv`` (one row per size and set of notebooks).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import synthetic
from bench_scale import disk_bytes, run_sampled
from common import RESULTS, report


def one_size(chars: int, work: Path, cold_only: bool = False, warm_only: bool = False,
             only: list[str] | None = None) -> dict:
    folder = synthetic.build(work, chars)
    cache = work / f"cache-report-{chars // 1_000_000}M"
    if not warm_only:
        shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "SPEECHES_CACHE": str(cache)}
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    load_before = os.getloadavg()[0]
    runs, per_notebook, memory = [], {}, {}
    for name in ("cold",) if cold_only else ("warm",) if warm_only else ("cold", "warm"):
        figures, reports = work / f"figures-{name}", work / f"reports-{name}"
        for out in (figures, reports):
            shutil.rmtree(out, ignore_errors=True)
        out, peak, seconds = run_sampled([sys.executable, "-m", "helpers.report", "--corpus", str(folder),
                                          "--figures", str(figures), "--reports", str(reports),
                                          "--set", "stream=True", *(["--only", *only] if only else [])],
                                         env, pss := {})
        runs.append((seconds, peak, figures, reports))
        memory[name] = pss
        # the runner's own lines: "[2/5] 01_frequency.ipynb done in 14.0 s (kernel start 0.9 s)"
        said = re.finditer(r"\] (\d\d)_\w+\.ipynb done in ([\d.]+) s", out)
        per_notebook[name] = {m.group(1): float(m.group(2)) for m in said}
    docs = json.loads(next((cache / "tokens-dataset").glob("*/complete.json")).read_text(encoding="utf-8"))
    cold, cold_peak, figures, reports = runs[0] if not warm_only else (float("nan"), 0, None, None)
    warm, warm_peak, figures, reports = runs[-1] if len(runs) > 1 or warm_only else (float("nan"), 0, figures,
                                                                                     reports)
    top = max(memory.values(), key=lambda m: m["peak"])
    return {
        "chars": docs["characters"], "size_M": chars // 1_000_000, "docs": docs["documents"],
        "notebooks": " ".join(only) if only else "all",
        "cold_seconds": round(cold, 1), "warm_seconds": round(warm, 1),
        "peak_mb": round(max(cold_peak, warm_peak) / 2**20), "peak_pss_mb": round(top["peak"] / 2**20),
        "pss_at_s": top["at"], "pss_processes": "; ".join(f"{r} {p / 2**20:.0f}" for r, _, p in top["processes"]),
        **{f"{name}_pss_mb": round(m["peak"] / 2**20) for name, m in memory.items()},
        **{f"{name}_pss_processes": "; ".join(f"{r} {p / 2**20:.0f}" for r, _, p in m["processes"])
           for name, m in memory.items()},
        "figures": len(list(figures.glob("*.png"))),
        "reports_mb": round(disk_bytes(reports) / 2**20, 1),
        **{f"{name}_nb{k}_s": v for name, times in per_notebook.items() for k, v in sorted(times.items())},
        "load_avg_before": round(load_before, 2), "load_avg_after": round(os.getloadavg()[0], 2),
        "uptime": uptime,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, action="append", help="corpus size in characters (repeatable)")
    parser.add_argument("--work", type=Path, help="folder for the corpora and outputs (default: a new one in /tmp)")
    parser.add_argument("--cold-only", action="store_true",
                        help="the cold run only (for the largest corpora; warm_seconds is then empty)")
    parser.add_argument("--warm-only", action="store_true", help="a warm run on the cache of an earlier run")
    parser.add_argument("--only", nargs="+", metavar="PREFIX",
                        help="only the notebooks whose names start so (the runner's --only): 00 01 02 03 04 are the "
                             "five that the figures before 2026-12-05 ran")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-stream-report-"))
    work.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "stream_report.csv"
    previous = pd.read_csv(path) if path.exists() else pd.DataFrame()
    rows = [one_size(chars, work, args.cold_only, args.warm_only, args.only) for chars in args.chars or (100_000_000,)]
    table = pd.DataFrame(rows)
    if len(previous):
        previous = previous.assign(notebooks=previous.get("notebooks", pd.Series("all", index=previous.index)))
        kept = ~(previous["size_M"].astype(str) + previous["notebooks"].fillna("all")).isin(
            table["size_M"].astype(str) + table["notebooks"])
        table = pd.concat([previous[kept], table]).sort_values(["size_M", "notebooks"])
    report(table, "stream_report", "The notebooks on a streamed archive (report runner, stream=True)")


if __name__ == "__main__":
    main()
