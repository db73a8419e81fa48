"""Which cells of a notebook take the time and the memory: each code cell's wall time and the peak resident memory
of the kernel's process tree while it runs.

    SPEECHES_CACHE=/tmp/bench/cache-report-1000M PYTHONPATH=$PWD:$PWD/bench .venv/bin/python \
        bench/bench_notebook_cells.py notebooks/02_themes.ipynb --corpus /tmp/bench/synthetic-1000M

The notebook runs on one fresh kernel with the report runner's parameters (``stream=True`` unless ``--in-memory``),
its figures going to a temporary folder; memory is sampled every 0.1 s.  Writes
``bench/results/notebook_cells_<notebook>.csv``: ``cell, seconds, peak_mb, after_mb, source`` (the cell's first line).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
from bench_scale import tree_rss
from common import report


def profile(notebook: Path, corpus: Path, stream: bool) -> pd.DataFrame:
    import nbformat
    from nbclient import NotebookClient

    from helpers.report.execute import _kernel_manager, inject

    nb = nbformat.read(notebook, as_version=4)
    figures = tempfile.mkdtemp(prefix="bench-cells-")
    inject(nb, {"stream": stream, "corpus_dir": str(corpus), "figures_dir": figures})
    manager = _kernel_manager(Path(tempfile.mkdtemp(prefix="kernel-")) if os.name == "posix" else None)
    client = NotebookClient(nb, km=manager, timeout=7200, allow_errors=False,
                            resources={"metadata": {"path": str(notebook.parent)}})
    rows, peak, done = [], [0], threading.Event()
    with client.setup_kernel(env=dict(os.environ)):
        pid = manager.provisioner.process.pid

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss(pid))
                time.sleep(0.1)

        threading.Thread(target=sample, daemon=True).start()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            peak[0] = tree_rss(pid)
            started = time.perf_counter()
            client.execute_cell(cell, index)
            seconds = time.perf_counter() - started
            first = (cell.source.strip().splitlines() or [""])[0][:100]
            rows.append({"cell": index + 1, "seconds": round(seconds, 1), "peak_mb": round(peak[0] / 2**20),
                         "after_mb": round(tree_rss(pid) / 2**20), "source": first})
            print(f"cell {index + 1:3d} {seconds:8.1f} s  peak {peak[0] / 2**20:6.0f} MB  {first}", flush=True)
        done.set()
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--corpus", type=Path, required=True, help="the corpus folder")
    parser.add_argument("--in-memory", action="store_true", help="stream=False instead of stream=True")
    args = parser.parse_args()
    if not args.notebook.is_file():
        raise SystemExit(f"no notebook {args.notebook}")
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus folder {args.corpus}")
    table = profile(args.notebook.resolve(), args.corpus.resolve(), not args.in_memory)
    report(table, f"notebook_cells_{args.notebook.stem}", f"Cells of {args.notebook.name}: time and peak memory")


if __name__ == "__main__":
    main()
