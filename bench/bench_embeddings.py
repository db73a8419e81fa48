"""Embeddings by period timed on the 76 documents of the corpus tables; the neighbours of 安全 in the work reports.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_embeddings.py [--tables ../shared/corpus-tables]
        [--work /tmp/bench-embeddings] [--repeat 1] [--term 安全]

The tables (61 government work reports 1954–2019, 15 party congress reports) are loaded and segmented once
(not timed, read in place); then ``embeddings.train`` with its defaults (four periods of about equal size,
dim 100, window 5, min_count 5, 10 epochs, skip-gram, one thread) is timed on all 76 documents and on the work
reports alone, the best of ``--repeat`` calls each.  Target: four periods of the 76 documents under 60 s.
Writes ``embeddings.csv`` (``corpus, documents, periods, tokens, seconds, load_1min``) and the neighbours of
``--term`` in the four periods of the work reports (``neighbours.csv``) to ``--work``, and prints both.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from pathlib import Path

import pandas as pd
from common import best_of, machine

from helpers import corpus, embeddings, tokens

HERE = Path(__file__).resolve().parent
REPORTS = "government work report"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=Path, default=HERE.parent.parent / "shared" / "corpus-tables")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-embeddings"))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--term", default="安全")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(args.tables)
        words = tokens.segment(loaded.paragraphs, progress=False)
    reports = loaded.select(loaded.documents.loc[loaded.documents["genre"] == REPORTS, "doc_id"].tolist())
    report_words = tokens.of_documents(words, reports.documents["doc_id"].tolist())
    rows, models = [], {}
    for name, chosen, table in (("76 table documents", loaded, words), ("61 work reports", reports, report_words)):
        trained = []
        seconds = best_of(lambda c=chosen, t=table, out=trained: out.append(embeddings.train(t, corpus=c)),
                          repeat=args.repeat)
        model = models[name] = trained[-1]
        done = model.periods[model.periods["trained"]]
        rows.append({"corpus": name, "documents": int(done["n_documents"].sum()), "periods": len(done),
                     "tokens": int(done["n_tokens"].sum()), "seconds": round(seconds, 2),
                     "load_1min": round(os.getloadavg()[0], 2)})
    table = pd.DataFrame(rows)
    table.to_csv(args.work / "embeddings.csv", index=False)
    print(f"\nEmbeddings by period, four periods (target: 76 documents < 60 s)  [{machine()}, "
          f"{time.strftime('%Y-%m-%d')}]")
    print(table.to_string(index=False))
    model = models["61 work reports"]
    print("\n" + model.periods.drop(columns=["seed", "reason"]).to_string(index=False))
    near = embeddings.neighbours(model, args.term, top_n=10)
    near.to_csv(args.work / "neighbours.csv", index=False)
    print(f"\nNeighbours of {args.term} in four periods of the work reports (cosine similarity):")
    for period, part in near.groupby("period", sort=False):
        print(f"{period}: " + "、".join(f"{w} {s:.2f}" for w, s in zip(part["neighbour"], part["similarity"],
                                                                        strict=True)))
    print(f"-> {args.work}")


if __name__ == "__main__":
    main()
