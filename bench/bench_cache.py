"""Cold against cached loading: corpus.load + tokens.segment with an empty cache, then with a full one.

    .venv/bin/python bench/bench_cache.py

Each measurement runs in a fresh Python process (imports are counted separately), on the bundled
corpus, the extended corpus (with the development texts) and a synthetic 10-million-character corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import synthetic
from common import report

from helpers import config
from helpers.corpus import devcorpus

PROBE = """
import json, sys, time
started = time.perf_counter()
from helpers import corpus, tokens
imported = time.perf_counter()
loaded = corpus.load(sys.argv[1], progress=False)
table = tokens.segment(loaded.paragraphs, progress=False)
done = time.perf_counter()
print(json.dumps({"imports": imported - started, "load_and_tokens": done - imported, "tokens": len(table)}))
"""


def measure(folder: Path, cache: Path) -> dict:
    env = {**__import__("os").environ, "SPEECHES_CACHE": str(cache)}
    result = subprocess.run([sys.executable, "-W", "ignore", "-c", PROBE, str(folder)], env=env, check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    corpora = [("bundled (1 speech)", config.CORPUS_DIR)]
    if config.extra_corpus_dir() is not None:
        corpora.append(("extended (8 documents)", devcorpus.extended(work / "extended")))
    corpora.append(("synthetic 10M characters", synthetic.build(work, 10_000_000)))
    rows = []
    for name, folder in corpora:
        cache = work / f"cache-{len(rows)}"
        cold = measure(folder, cache)
        cached = measure(folder, cache)
        rows.append((name, cold["tokens"], round(cold["load_and_tokens"], 3), round(cached["load_and_tokens"], 3),
                     round(cold["load_and_tokens"] / cached["load_and_tokens"], 1), round(cached["imports"], 2)))
    table = pd.DataFrame(rows, columns=["corpus", "tokens", "cold_s", "cached_s", "speedup", "imports_s"])
    report(table, "cache", "Cold against cached corpus.load + tokens.segment (target: speedup >= 20)")


if __name__ == "__main__":
    main()
