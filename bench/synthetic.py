"""Synthetic corpora for the benchmarks: the real texts remixed to a target size.

Each document follows one real text (its metadata row, its headings and short lines in place), its body
paragraphs drawn at random (seeded) from the paragraphs of all the real texts, so a 10-million-character corpus
has about 640 documents of real Chinese (the bundled speech and the development texts) and no two of them are
editions of one another: exact copies would be found as editions, and every verb that counts each work once
would then read a handful of documents.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from helpers import config
from helpers.corpus import devcorpus


def sources(workdir: Path) -> Path:
    """The real texts to replicate: the extended corpus if the development texts exist, else corpus/."""
    folder = workdir / "sources"
    if not folder.exists():
        if config.extra_corpus_dir() is not None:
            devcorpus.extended(folder)
        else:
            shutil.copytree(config.CORPUS_DIR, folder)
    return folder


HEADING_CHARS = 30  # a line this short (a heading, a salutation, a date) stays where it is in each document


def build(workdir: Path, chars: int) -> Path:
    """A corpus folder of about ``chars`` characters (raw), each document a remix of one real text."""
    base = sources(workdir)
    folder = workdir / f"synthetic-{chars // 1_000_000}M"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    with open(base / config.METADATA_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = {row["file"]: (base / row["file"]).read_text(encoding="utf-8").split("\n\n") for row in rows}
    pool = [p for paragraphs in texts.values() for p in paragraphs if len(p) > HEADING_CHARS]
    rng = random.Random(42)
    out, total, copy = [], 0, 0
    while total < chars:
        copy += 1
        for row in rows:
            name = f"c{copy:04d}_{row['file']}"
            text = "\n\n".join(p if len(p) <= HEADING_CHARS else rng.choice(pool) for p in texts[row["file"]])
            (folder / name).write_text(text, encoding="utf-8")
            out.append({**row, "doc_id": f"c{copy:04d}_{row['doc_id']}", "file": name})
            total += len(text)
            if total >= chars:
                break
    with open(folder / config.METADATA_FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)
    return folder
