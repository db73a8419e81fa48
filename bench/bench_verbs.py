"""Verbs: each analysis verb timed on the bundled corpus in memory and on a tokens dataset on disk.

    PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/bench_verbs.py [--chars 100000000] [--work /tmp/bench]
    ... bench/bench_verbs.py --compare /path/to/other/checkout     # the same verbs of another checkout

Each checkout runs in fresh processes (its own ``helpers`` first on ``PYTHONPATH``, its own cache folder
under ``--work``), the checkouts taking turns ``--rounds`` times, so a ratio between them is measured in one
run on the same machine state.  Each verb is called four times in a process: ``first`` is the first call (with what
the process sets up once, such as DuckDB's first query or a library imported on first use), ``seconds`` the
best of the three calls after it (the steady state); each is then the best of the rounds.  In memory: the bundled corpus
(``corpus.load()``, ``tokens.segment``).  On disk: a synthetic corpus of ``--chars`` characters
(``bench/synthetic.py``) streamed into its tokens dataset once per checkout (not timed), then each verb.
Writes ``bench/results/verbs.csv``: ``storage, verb, first, seconds[, first_other, seconds_other, ratio]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from common import report

HERE = Path(__file__).resolve().parent
PROBE = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
from helpers import corpus, formulations, textstat, themes, tokens

def timed(storage, name, call):  # the first call in this process, then the best of three more
    times = []
    for _ in range(4):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    print(json.dumps({"storage": storage, "verb": name, "first": times[0], "seconds": min(times[1:])}), flush=True)

storage, folder = sys.argv[1], sys.argv[2]
if storage == "memory":
    loaded = corpus.load(None if folder == "-" else folder)
    words = tokens.segment(loaded.paragraphs, stopword_lists=("general", "policy"))
    paragraphs = loaded.paragraphs
else:
    loaded = corpus.load(folder, stream=True)
    words = tokens.segment(loaded.paragraphs, stopword_lists=("general", "policy"), progress=False)
    paragraphs = loaded.paragraphs
    if len(sys.argv) > 3:  # the dataset only
        sys.exit(0)
focus = textstat.choose_contrast(loaded.documents).target[0]
in_focus = textstat.annotate(tokens.of_documents(words, [focus]), loaded, ["section"])
by_year = textstat.annotate(words, loaded, ["year"])
terms = ["科技", "创新", "人才", "自立自强", "新质生产力"]
timed(storage, "frequency", lambda: textstat.frequency(words))
timed(storage, "frequency by section", lambda: textstat.frequency(in_focus, by="section"))
timed(storage, "frequency by year", lambda: textstat.frequency(by_year, by="year"))
timed(storage, "counts", lambda: textstat.counts(words))
timed(storage, "kwic string", lambda: textstat.kwic(paragraphs, "自立自强"))
timed(storage, "kwic token", lambda: textstat.kwic(paragraphs, "创新", tokens=words))
timed(storage, "dispersion", lambda: textstat.dispersion(paragraphs, terms))
timed(storage, "sections", lambda: textstat.sections(paragraphs))
timed(storage, "sentence_lengths", lambda: textstat.sentence_lengths(loaded))
timed(storage, "term_trends", lambda: textstat.term_trends(words, loaded.documents, terms))
timed(storage, "keyness_by section", lambda: textstat.keyness_by(in_focus, "section", min_count=2))
timed(storage, "keyness_between", lambda: textstat.keyness_between(words, textstat.choose_contrast(loaded.documents)))
timed(storage, "similarity by year", lambda: textstat.similarity(by_year, by="year"))
timed(storage, "style by year", lambda: textstat.style(loaded, words, by="year"))
timed(storage, "formulations.track", lambda: formulations.track(loaded))
timed(storage, "themes.cooccurrence", lambda: themes.cooccurrence(words, top_n=40))
if storage == "memory":  # chunk by chunk over every token: minutes on 10^8 characters
    timed(storage, "ngrams", lambda: textstat.ngrams(words, n=2))
    timed(storage, "collocations", lambda: textstat.collocations(words, min_count=2))
"""


def probe(checkout: Path, storage: str, folder: str, cache: Path, *extra: str) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": f"{checkout}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "SPEECHES_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE, storage, folder, *extra], env=env, cwd=checkout,
                          capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000_000, help="characters of the corpus on disk")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"), help="corpora and caches")
    parser.add_argument("--compare", type=Path, help="another checkout whose verbs are timed in the same run")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each checkout (best time kept)")
    parser.add_argument("--memory-only", action="store_true", help="the bundled corpus only")
    args = parser.parse_args()
    import synthetic

    checkouts = {"this": HERE.parent} | ({"other": args.compare.resolve()} if args.compare else {})
    folder = None if args.memory_only else synthetic.build(args.work, args.chars)
    runs = []
    print(f"load average {os.getloadavg()}", flush=True)
    if folder is not None:
        for label, checkout in checkouts.items():  # each checkout's dataset, built once (not timed)
            started = time.perf_counter()
            probe(checkout, "disk", str(folder), args.work / f"cache-verbs-{label}", "build")
            print(f"{label}: dataset built in {time.perf_counter() - started:.1f} s", flush=True)
    for round_no in range(args.rounds):
        for label, checkout in checkouts.items():
            for storage, where in [("memory", "-")] + ([("disk", str(folder))] if folder is not None else []):
                for row in probe(checkout, storage, where, args.work / f"cache-verbs-{label}"):
                    runs.append({**row, "checkout": label, "round": round_no})
        print(f"round {round_no + 1} of {args.rounds} done, load average {os.getloadavg()}", flush=True)
    best = pd.DataFrame(runs).groupby(["storage", "verb", "checkout"], sort=False)[["first", "seconds"]].min()
    table = best.unstack()
    table.columns = [f"{kind}{'' if who == 'this' else '_other'}" for kind, who in table.columns]
    table = table.reset_index()[["storage", "verb", *[c for c in ("first", "seconds", "first_other",
                                                                     "seconds_other") if c in table.columns]]]
    if "seconds_other" in table:
        table["ratio"] = table["seconds"] / table["seconds_other"]
    report(table.round(4), "verbs", f"Verbs, best of {args.rounds} (load average now {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
