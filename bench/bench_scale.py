"""Scale: a large corpus streamed from load to tokens dataset to frequency, in bounded memory.

    .venv/bin/python bench/bench_scale.py                 # 10 M, 100 M and 1,000 M characters
    .venv/bin/python bench/bench_scale.py --chars 100000000 [--work /tmp/bench-scale]

The corpora copy the real texts (bench/synthetic.py) into as many documents as needed (about 64 per
million characters).  Each size runs in a fresh process with an empty cache folder:
``corpus.load(folder, stream=True)`` → ``tokens.segment(...)`` (every core, the Parquet tokens dataset)
→ ``textstat.frequency`` = ``seconds``.  The parent samples the resident memory of that process and all
its workers together every 0.2 s (``peak_mb``: the whole process tree, not the largest child).  On the
finished dataset, in the same process, once ``os.sync()`` has flushed the build's writes (``sync_s``, not
in ``seconds``: the system writes them in the background): a frequency table, a keyness between the 2010s
and the 2020s and a KWIC query (string and token mode), each timed.  ``rjieba_cut_seconds`` is bare
``rjieba.cut`` over the same files, one core, in another process of the same run, so ratios hold on a busy machine;
``cpu_seconds`` is the CPU time of the probe and its workers (all of the run, queries included), and
``idle_estimate_s`` that divided by the workers: the wall time on an idle machine.  Each run
records the load average; ``bench/results/scale.csv`` keeps one row per size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import synthetic
from common import RESULTS, report

SIZES = (10_000_000, 100_000_000, 1_000_000_000)

PROBE = """
import json, os, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
from helpers import corpus, tokens, textstat
stream = corpus.load(sys.argv[1], stream=True)
words = tokens.segment(stream.paragraphs, workers=int(sys.argv[2]), progress=True)
t1 = time.perf_counter()
freq = textstat.frequency(words)
t2 = time.perf_counter()
os.sync()  # the build's writes flushed to disk: the queries below are timed on a settled dataset
t3 = time.perf_counter()
def timed(call):
    started = time.perf_counter()
    out = call()
    return time.perf_counter() - started, len(out)
docs = words.documents
queries = {
    "freq_query_s": timed(lambda: textstat.frequency(words)),
    "freq_by_year_s": timed(lambda: textstat.frequency(textstat.annotate(words, stream, ["year"]), by="year")),
    "keyness_decades_s": timed(lambda: textstat.keyness(
        textstat.counts(words.subset(year=range(2010, 2020))), textstat.counts(words.subset(year=range(2020, 2030))))),
    "kwic_s": timed(lambda: textstat.kwic(words, "自立自强")),
    "kwic_tokens_s": timed(lambda: textstat.kwic(words, "自立自强", tokens=words)),
}
print(json.dumps({"chars": int(docs["n_chars"].sum()), "docs": len(docs), "tokens": len(words),
                  "chunks": words.manifest["chunks"], "tokens_s": t1 - t0, "frequency_s": t2 - t1, "sync_s": t3 - t2,
                  "path": str(words.path), "store": words.manifest.get("store"), "hits": queries["kwic_s"][1],
                  **{k: v[0] for k, v in queries.items()}}))
"""

BARE = """
import sys, time
from pathlib import Path
from helpers import tokens
cut = tokens.tokenizer("rjieba")._rjieba.cut
files = sorted(Path(sys.argv[1]).glob("*.txt"))
started = time.perf_counter()
for path in files:
    cut(path.read_text(encoding="utf-8"), True)
print(time.perf_counter() - started)
"""


def _family(root: int) -> set[int]:
    """Process ``root`` and all its descendants (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError):
                continue
    family, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in family} - family
        family |= more
        grew = bool(more)
    return family


def tree_rss(root: int) -> int:
    """Resident bytes of process ``root`` and all its descendants (read from /proc)."""
    total = 0
    for pid in _family(root):
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def role(pid: int) -> str:
    """What a process of a report run is: ``runner``, ``runner worker`` (runs and exports notebooks),
    ``kernel server``, ``kernel`` (forked from the server, or started alone), ``build worker`` (a kernel's
    pool) … from its command line and its parent's."""
    line, parent = _command(pid), _command(_parent(pid))
    if "helpers.report.warm" in line:  # a forked kernel keeps its server's command line
        return "kernel" if "helpers.report.warm" in parent else "kernel server"
    if "ipykernel" in line or "parent_handle" in line:
        return "kernel"
    if "spawn_main" in line:
        return "build worker" if ("helpers.report.warm" in parent or "ipykernel" in parent) else (
            "runner worker" if "helpers.report" in parent else "worker")
    if "resource_tracker" in line:
        return "resource tracker"
    if "helpers.report" in line:
        return "runner"
    return line.split(" ", 1)[0].rsplit("/", 1)[-1] or "?"


def tree_pss(root: int) -> dict[int, tuple[int, int]]:
    """``{pid: (rss, pss)}`` in bytes for ``root`` and its descendants.  PSS (proportional set size) counts a
    page shared by n processes as 1/n in each, so the PSS of a tree adds up to the memory it holds; RSS counts a
    shared page in full in every process (a kernel forked from the kernel server shares its imports)."""
    sizes = {}
    for pid in _family(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line and line[:1].isalpha())
            sizes[pid] = (int(fields["Rss"].split()[0]) * 1024, int(fields["Pss"].split()[0]) * 1024)
        except (OSError, KeyError, ValueError):
            continue
    return sizes


def run_sampled(args: list[str], env: dict, pss: dict | None = None) -> tuple[str, int, float]:
    """Run a command; return its stdout, the peak RSS of its process tree and its wall time.  Given a dict
    ``pss``, it is filled with the tree's peak PSS (``peak``, bytes), when it came (``at``, seconds) and the
    processes then (``processes``: ``[(role, rss, pss)]``, largest PSS first)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, text=True)
    peak = [0]
    if pss is not None:
        pss.update(peak=0, at=0.0, processes=[])

    def sample() -> None:
        said = time.monotonic()
        while proc.poll() is None:
            rss = tree_rss(proc.pid)
            peak[0] = max(peak[0], rss)
            # PSS <= RSS: a sample whose RSS is below the PSS peak cannot raise it, and reading smaps_rollup
            # walks every page of a large process (at 979 M it took the sampler to ~40 % of a core)
            if pss is not None and rss > pss["peak"]:
                sizes = tree_pss(proc.pid)
                total = sum(p for _, p in sizes.values())
                if total > pss["peak"]:
                    pss.update(peak=total, at=round(time.perf_counter() - started, 1), processes=sorted(
                        ((role(pid), r, p) for pid, (r, p) in sizes.items()), key=lambda x: -x[2]))
            if time.monotonic() - said > 60:  # a long run says how it goes (the bar shows the time left)
                said = time.monotonic()
                shown = "" if pss is None else (f", PSS {pss['peak'] / 2**20:.0f} MB at {pss['at']:.0f} s ("
                                                 + "; ".join(f"{r} {p / 2**20:.0f}" for r, _, p in pss["processes"])
                                                 + ")")
                print(f"[{time.perf_counter() - started:.0f} s, peak so far {peak[0] / 2**20:.0f} MB{shown}, load "
                      f"{os.getloadavg()[0]:.2f}]", file=sys.stderr, flush=True)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{args[:3]} failed with {proc.returncode}")
    return out, peak[0], time.perf_counter() - started


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def one_size(chars: int, work: Path, workers: int) -> dict:
    folder = synthetic.build(work, chars)
    cache = work / f"cache-{chars // 1_000_000}M"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "SPEECHES_CACHE": str(cache)}
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    load_before = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out, peak, _ = run_sampled([sys.executable, "-c", PROBE, str(folder), str(workers)], env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the probe and its workers, all cores together
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    r = json.loads(out.strip().splitlines()[-1])
    bare = float(subprocess.run([sys.executable, "-c", BARE, str(folder)], env=env, check=True, capture_output=True,
                                text=True).stdout.strip().splitlines()[-1])
    seconds = r["tokens_s"] + r["frequency_s"]
    row = {
        "chars": r["chars"], "size_M": chars // 1_000_000, "docs": r["docs"], "tokens": r["tokens"],
        "chunks": r["chunks"], "workers": workers, "seconds": round(seconds, 1),
        "tokens_s": round(r["tokens_s"], 1), "frequency_s": round(r["frequency_s"], 2), "sync_s": round(r["sync_s"], 1),
        "s_per_M_chars": round(seconds / (r["chars"] / 1e6), 3), "cpu_seconds": round(cpu, 1),
        "idle_estimate_s": round(cpu / workers, 1), "peak_mb": round(peak / 2**20),
        # the tokens dataset and the corpus store it was segmented from (one folder before the store had its own)
        "disk_mb": round((disk_bytes(Path(r["path"])) + (disk_bytes(Path(r["store"])) if r.get("store") else 0))
                         / 2**20), "corpus_mb": round(disk_bytes(folder) / 2**20),
        "freq_query_s": round(r["freq_query_s"], 2), "freq_by_year_s": round(r["freq_by_year_s"], 2),
        "keyness_decades_s": round(r["keyness_decades_s"], 2), "kwic_s": round(r["kwic_s"], 2),
        "kwic_tokens_s": round(r["kwic_tokens_s"], 2), "kwic_hits": r["hits"],
        "rjieba_cut_seconds": round(bare, 1), "ratio_to_rjieba_cut": round(seconds / bare, 2),
        "load_avg_before": round(load_before, 2), "load_avg_after": round(os.getloadavg()[0], 2),
        "uptime": uptime,
    }
    shutil.rmtree(cache, ignore_errors=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, action="append", help="corpus size in characters (repeatable)")
    parser.add_argument("--work", type=Path, help="folder for the corpora and datasets (default: a new one in /tmp)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic corpora")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "scale.csv"
    previous = pd.read_csv(path) if path.exists() else pd.DataFrame()
    if "chars" not in previous.columns or "rjieba_cut_seconds" not in previous.columns:
        previous = pd.DataFrame()  # the old in-memory table: replaced
    rows = []
    for chars in args.chars or SIZES:
        row = one_size(chars, work, args.workers)
        rows.append(row)
        if not args.keep:
            shutil.rmtree(work / f"synthetic-{chars // 1_000_000}M", ignore_errors=True)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    table = pd.DataFrame(rows)
    if len(previous):
        previous = previous[~previous["size_M"].isin(table["size_M"])]
        table = pd.concat([previous, table], ignore_index=True).sort_values("size_M")
    report(table, "scale", "Scale, streamed (targets: 100 M <= 60 s and <= 3 GB; 1,000 M <= 12 min, <= 4 GB, "
                           "disk <= 15 GB, frequency or KWIC <= 5 s)")


if __name__ == "__main__":
    main()
