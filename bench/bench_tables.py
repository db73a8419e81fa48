"""Tables of any length and many small files (issue 33): ``corpus.load`` timed, its memory measured.

    .venv/bin/python bench/bench_tables.py                      # every case below
    .venv/bin/python bench/bench_tables.py --cases rows-1000000 files-10000 [--work /tmp/bench-tables]

Builds in ``--work`` (default a folder under /tmp) a CSV of short rows (one ``text`` column, rows of 7
characters drawn from a policy text's characters and a full stop: 1,000,000 rows are 25 MB) and folders of
tiny text files (a title line and a 30-character body, each file different), then loads each in a fresh
process with an empty cache folder and ``cache=False``: ``corpus.load(folder)`` (a table over
``STREAM_TABLE_BYTES`` loads on disk by itself) and, where it applies, ``stream=False`` or ``stream=True``;
the documents table is read, so a corpus on disk has built its store.  ``seconds`` is the wall time of the
process; ``peak_mb`` the largest resident memory of its whole process tree (main process and workers together,
sampled every 0.2 s from /proc, as bench_scale does); ``peak_main_mb`` and ``peak_worker_mb`` the peaks that
``resource.getrusage`` reports for the main process and its largest worker.  ``bench/results/tables.csv``
keeps one row per case: the cases not run keep their last row.  ``files-template-N`` are tiny files
written from one template (``第i号通知`` …): near copies, which the edition screen
(:mod:`helpers.corpus.editions`) compares pairwise.  Each run records ``uptime``: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from bench_scale import run_sampled
from common import RESULTS, report

ROOT = Path(__file__).resolve().parent.parent
CHARACTERS = ("坚持以人民为中心的发展思想推进国家治理体系和治理能力现代化全面深化改革开放建设社会主义"
              "市场经济体制完善科技创新生态环境保护乡村振兴区域协调教育卫生健康就业收入分配")
# (case, what to build, storage asked for: None = corpus.load decides)
CASES = {
    "rows-100000-memory": ("rows", 100_000, False),
    "rows-100000-disk": ("rows", 100_000, True),
    "rows-1000000": ("rows", 1_000_000, None),
    "files-10000-memory": ("files", 10_000, False),
    "files-10000-disk": ("files", 10_000, True),
    "files-template-2000": ("template", 2_000, False),
    "files-template-10000": ("template", 10_000, False),
}
PROBE = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
from helpers import corpus
started = time.perf_counter()
stream = json.loads(sys.argv[2])
loaded = corpus.load(sys.argv[1], cache=False, stream=stream)
documents = len(loaded.documents)
print(json.dumps({"storage": loaded.storage, "documents": documents, "load_s": time.perf_counter() - started,
                  "peak_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def build_rows(folder: Path, rows: int) -> Path:
    """A CSV of ``rows`` short rows (7 characters and a full stop each) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rows.csv"
    if not path.exists():
        rng = random.Random(33)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("text\n")
            for _ in range(rows):
                handle.write("".join(rng.choice(CHARACTERS) for _ in range(7)) + "。\n")
    return folder


def build_files(folder: Path, count: int, *, template: bool = False) -> Path:
    """``count`` tiny text files in ``folder``: a title and a body, each different (or near copies)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(33)
    for i in range(count):
        path = folder / f"doc{i:05d}.txt"
        if path.exists():
            continue
        if template:
            text = f"第{i}号通知\n\n请各单位按照要求做好第{i}项工作。\n"
        else:
            text = f"关于第{i}项工作的说明\n\n{''.join(rng.choice(CHARACTERS) for _ in range(30))}。\n"
        path.write_text(text, encoding="utf-8")
    return folder


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def one_case(name: str, work: Path) -> dict:
    kind, size, stream = CASES[name]
    folder = work / f"{kind}-{size}"
    if kind == "rows":
        build_rows(folder, size)
    else:
        build_files(folder, size, template=kind == "template")
    before = uptime()
    with tempfile.TemporaryDirectory(prefix="bench-tables-cache-") as cache:
        env = {**os.environ, "SPEECHES_CACHE": cache, "PYTHONPATH": str(ROOT)}
        out, peak, seconds = run_sampled([sys.executable, "-c", PROBE, str(folder), json.dumps(stream)], env)
    result = json.loads(out.strip().splitlines()[-1])
    return {"case": name, "storage": result["storage"], "documents": result["documents"],
            "input_mb": round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20, 1),
            "seconds": round(seconds, 1), "load_s": round(result["load_s"], 1), "peak_mb": round(peak / 2**20),
            "peak_main_mb": round(result["peak_main_mb"]), "peak_worker_mb": round(result["peak_worker_mb"]),
            "uptime_before": before, "uptime_after": uptime(),
            "command": f"corpus.load({folder}, cache=False, stream={stream})"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-tables")
    args = parser.parse_args()
    rows = []
    for name in args.cases:
        started = time.strftime("%H:%M:%S")
        print(f"[{started}] {name} …", file=sys.stderr, flush=True)
        rows.append(one_case(name, args.work))
        print(rows[-1], file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    previous = RESULTS / "tables.csv"
    if previous.exists():  # the cases not run this time keep their last row
        kept = pd.read_csv(previous)
        table = pd.concat([kept[~kept["case"].isin(table["case"])], table], ignore_index=True)
        table = table.sort_values("case", key=lambda c: c.map(list(CASES).index)).reset_index(drop=True)
    report(table, "tables", "Tables of any length and many small files: corpus.load")


if __name__ == "__main__":
    main()
