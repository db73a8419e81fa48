"""Named entities timed on the 76 documents of the corpus tables (target: under 20 s).

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_entities.py [--tables ../shared/corpus-tables]
        [--work /tmp/bench-entities]

The two tables (61 government work reports 1954–2019 with their resolutions, 15 party congress reports) are
loaded and segmented once (not timed).  Timed: :func:`helpers.textstat.entities.entities` (the first call,
which also builds the original jieba's dictionary for the tagged words, and the best of three), the counts by
year and the co-occurrence network.  Prints ``step, documents, paragraphs, mentions, seconds, load_1min`` and
writes it to ``--work``/``entities.csv``.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from pathlib import Path

import pandas as pd
from common import best_of

from helpers import corpus, textstat, tokens

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 20.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=Path, default=HERE.parent.parent / "shared" / "corpus-tables")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-entities"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(args.tables)
        words = tokens.segment(loaded.paragraphs, progress=False)
    started = time.perf_counter()
    found = textstat.entities(words, loaded)
    first = time.perf_counter() - started
    best = best_of(lambda: textstat.entities(words, loaded))
    counts = best_of(lambda: textstat.entity_counts(found, loaded))
    graph = best_of(lambda: textstat.entity_graph(found, min_count=2))
    n_docs, n_paras, n_found = loaded.documents.shape[0], loaded.paragraphs.shape[0], len(found)
    table = pd.DataFrame([
        {"step": "entities (first call)", "seconds": first},
        {"step": "entities (best of 3)", "seconds": best},
        {"step": "entity_counts by year", "seconds": counts},
        {"step": "network min_count=2", "seconds": graph},
    ]).assign(documents=n_docs, paragraphs=n_paras, mentions=n_found, load_1min=round(os.getloadavg()[0], 2))
    table["seconds"] = table["seconds"].round(3)
    table.to_csv(args.work / "entities.csv", index=False)
    print(table.to_string(index=False))
    print(found["kind"].value_counts().to_string())
    verdict = "meets" if first < TARGET_SECONDS else "MISSES"
    print(f"entities over {n_docs} documents: {first:.1f} s, {verdict} the target of {TARGET_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
