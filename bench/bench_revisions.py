"""Revisions: alignment with character differences, a whole series of work reports, text reuse.

    .venv/bin/python bench/bench_revisions.py

Reads ../shared/corpus-tables (61 government work reports 1954–2019 with the NPC
resolutions, 15 CPC congress reports) into a temporary corpus folder
(:func:`helpers.corpus.devcorpus.from_tables`), loads it once, then times (best of 3):

* two ~20,000-character reports (the 2012 and 2013 government work reports, the
  consecutive pair closest to that size) aligned with the character differences
  of every changed unit — target < 1 s;
* every consecutive pair of the 1954–2019 work reports — target < 30 s;
* text reuse over all 76 documents of the two tables — target < 60 s.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pandas as pd
from common import best_of, report

from helpers import corpus, revisions
from helpers.corpus import devcorpus

TARGETS = {"pair aligned + character diffs": 1.0, "all consecutive work reports": 30.0, "reuse, 76 documents": 60.0}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = devcorpus.from_tables(Path(tmp) / "tables")
        started = time.perf_counter()
        loaded = corpus.load(folder, progress=False, cache=False)
        load_seconds = time.perf_counter() - started
    docs = loaded.documents
    reports = docs[docs["genre"] == "government work report"]
    pairs = revisions.choose(docs)
    series = pairs[pairs["genre"] == "government work report"]
    sizes = reports.set_index("doc_id")["n_chars"]
    pair = series.assign(size=[(sizes[o] + sizes[n]) / 2 for o, n in zip(series["old"], series["new"], strict=True)])
    pair = pair.iloc[(pair["size"] - 20_000).abs().argsort()[:1]]
    old, new = pair.iloc[0]["old"], pair.iloc[0]["new"]

    def one_pair():
        aligned = revisions.align(loaded, old, new)
        return revisions.changes(aligned)

    rows = [
        ("pair aligned + character diffs", f"{old} → {new} ({sizes[old]:,} + {sizes[new]:,} chars)",
         best_of(one_pair)),
        ("all consecutive work reports", f"{len(series)} pairs, {int(reports['n_chars'].sum()):,} chars",
         best_of(lambda: revisions.carryover(loaded, series))),
        ("reuse, 76 documents", f"{len(docs)} documents, {int(docs['n_chars'].sum()):,} chars",
         best_of(lambda: revisions.reuse(loaded, min_chars=20))),
    ]
    table = pd.DataFrame(rows, columns=["job", "input", "seconds"])
    table["target_s"] = table["job"].map(TARGETS)
    table["within_target"] = table["seconds"] < table["target_s"]
    table["seconds"] = table["seconds"].round(3)
    load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"corpus of {len(docs)} documents loaded in {load_seconds:.1f} s (not timed below); "
          f"load average before timing: {load_avg}")
    report(table, "revisions", "Revisions: alignment, series and reuse (best of 3)")


if __name__ == "__main__":
    main()
