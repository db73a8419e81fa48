"""Measurement models: Wordfish, correspondence analysis and topics timed on the 76 documents of the corpus tables.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_textmodel.py [--tables ../shared/corpus-tables]
        [--work /tmp/bench-textmodel]

The two tables (61 government work reports 1954–2019 with their resolutions, 15 party congress reports) are
copied into one folder under ``--work``, loaded and segmented once (not timed), and their document-feature
matrix built (timed); then Wordfish (``dir``: the 2019 report before the 1954 one), correspondence analysis
(two dimensions) and the topic model with covariates (K = 20, year and genre, with the effect of the year by
genre), each the best of three calls.  Targets: Wordfish under 10 s, CA under 2 s, topics under 60 s.  Writes
``bench/results/textmodel.csv`` (``step, documents, features, seconds, iterations, load_1min``) and the
Wordfish positions of the work reports to ``--work``/``wordfish-work-reports.csv``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
import warnings
from pathlib import Path

import pandas as pd
from common import best_of, report

from helpers import corpus, textmodel, tokens
from helpers.textmodel.topics import MAX_ITER

HERE = Path(__file__).resolve().parent
REPORTS = "government work report"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=Path, default=HERE.parent.parent / "shared" / "corpus-tables")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-textmodel"))
    args = parser.parse_args()
    folder = args.work / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    for table in sorted(args.tables.glob("*.jsonl")):
        shutil.copyfile(table, folder / table.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(folder)
        words = tokens.segment(loaded.paragraphs, progress=False)
    started = time.perf_counter()
    matrix = textmodel.dfm(words, corpus=loaded)
    dfm_seconds = time.perf_counter() - started
    docs = matrix.docvars
    reports = docs[docs["genre"] == REPORTS].sort_values("year")
    direction = (reports["doc_id"].iloc[-1], reports["doc_id"].iloc[0])
    fitted = []
    wordfish_seconds = best_of(lambda: fitted.append(textmodel.wordfish(matrix, dir=direction)))
    ca_seconds = best_of(lambda: textmodel.ca(matrix, n_dims=2))
    topic_seconds = best_of(lambda: textmodel.topics(matrix, k=20, random_state=0).effect("year", by="genre"))
    model = fitted[-1]
    load = os.getloadavg()[0]
    n_docs, n_features = matrix.shape
    table = pd.DataFrame([
        {"step": "dfm", "documents": n_docs, "features": n_features, "seconds": dfm_seconds, "iterations": 0},
        {"step": "wordfish", "documents": n_docs, "features": n_features, "seconds": wordfish_seconds,
         "iterations": model.iterations},
        {"step": "ca", "documents": n_docs, "features": n_features, "seconds": ca_seconds, "iterations": 0},
        {"step": "topics k=20", "documents": n_docs, "features": n_features, "seconds": topic_seconds,
         "iterations": MAX_ITER},
    ]).assign(load_1min=round(load, 2))
    table["seconds"] = table["seconds"].round(3)
    report(table, "textmodel", "Measurement models on the 76 table documents (targets: Wordfish < 10 s, CA < 2 s, "
                  "topics K=20 < 60 s)")
    positions = model.documents.merge(docs[["doc_id", "year", "genre", "title"]], on="doc_id")
    positions = positions[positions["genre"] == REPORTS].sort_values("year")
    positions.to_csv(args.work / "wordfish-work-reports.csv", index=False)
    print(positions[["year", "theta", "se", "lower", "upper"]].round(3).to_string(index=False))


if __name__ == "__main__":
    main()
