"""The two JSON Lines tables of ../shared/corpus-tables as a temporary corpus folder (texts + metadata.csv).

The loader cannot read tables yet, so the benchmark writes one text file per row
(never inside the project) with the metadata columns of the workspace.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from helpers import config

TABLES = config.ROOT.parent / "shared" / "corpus-tables"
CONGRESS_YEARS = {1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945, 8: 1956, 9: 1969, 10: 1973,
                  11: 1977, 12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017}
COLUMNS = ["doc_id", "file", "title", "speaker", "date", "occasion", "genre", "source"]


def rows(folder: Path = TABLES) -> list[dict]:
    """One metadata row (plus ``content``) per document of the two tables."""
    out = []
    reports = pd.read_json(folder / "government_work_reports_1954-2019.jsonl", lines=True, dtype=False)
    last_year = None
    for record in reports.itertuples(index=False):
        year = record.year
        if year is None or (isinstance(year, float) and pd.isna(year)):
            kind, genre = "npc-resolution", "NPC resolution"
            year = last_year  # a resolution follows the report it approves
        else:
            year = int(float(year))
            kind, genre = "gwr", "government work report"
            last_year = year
        doc_id = f"{year}_{kind}"
        out.append({"doc_id": doc_id, "date": f"{year}-03-15" if kind != "gwr" else f"{year}-03-05",
                    "title": record.title, "genre": genre, "content": record.content})
    congress = pd.read_json(folder / "cpc_congress_reports_1-19.jsonl", lines=True, dtype=False)
    seen: dict[int, int] = {}
    for record in congress.itertuples(index=False):
        number = int(record.congress)
        seen[number] = seen.get(number, 0) + 1
        suffix = "" if seen[number] == 1 else f"-{seen[number]}"
        out.append({"doc_id": f"{CONGRESS_YEARS[number]}_cpc-{number:02d}{suffix}",
                    "date": f"{CONGRESS_YEARS[number]}-10-01", "title": record.title,
                    "genre": "party congress report", "content": record.content})
    return out


def build(dest: Path, *, genres: tuple[str, ...] | None = None) -> Path:
    """Write the documents (optionally only some genres) and their metadata.csv into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    chosen = [r for r in rows() if genres is None or r["genre"] in genres]
    with open(dest / config.METADATA_FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in chosen:
            file = re.sub(r"[^\w.-]", "_", row["doc_id"]) + ".txt"
            # a line holding only U+200B makes the loader fail (clean._front_kind indexes an empty
            # string; reported to the lead): the benchmark drops zero-width spaces until that is fixed
            (dest / file).write_text(row["content"].replace("\u200b", ""), encoding="utf-8")
            writer.writerow({"doc_id": row["doc_id"], "file": file, "title": row["title"], "speaker": "",
                             "date": row["date"], "occasion": "", "genre": row["genre"],
                             "source": "shared/corpus-tables (Wikisource)"})
    return dest
