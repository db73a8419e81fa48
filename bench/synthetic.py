"""Synthetic corpora for the benchmarks: the real texts replicated to a target size.

Each copy is a separate document (its own file and metadata row), so a 10-million-character
corpus has about 640 documents of real text (the bundled speech and the development texts).
"""

from __future__ import annotations

import csv
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


def build(workdir: Path, chars: int) -> Path:
    """A corpus folder of about ``chars`` characters (raw), made of copies of the real texts."""
    base = sources(workdir)
    folder = workdir / f"synthetic-{chars // 1_000_000}M"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    with open(base / config.METADATA_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sizes = {row["file"]: len((base / row["file"]).read_text(encoding="utf-8")) for row in rows}
    out, total, copy = [], 0, 0
    while total < chars:
        copy += 1
        for row in rows:
            name = f"c{copy:04d}_{row['file']}"
            shutil.copyfile(base / row["file"], folder / name)
            out.append({**row, "doc_id": f"c{copy:04d}_{row['doc_id']}", "file": name})
            total += sizes[row["file"]]
            if total >= chars:
                break
    with open(folder / config.METADATA_FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)
    return folder
