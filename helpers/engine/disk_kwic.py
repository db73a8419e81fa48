"""Token-mode keyword in context on a tokens dataset: each hit's neighbours fetched by file and row number.

The tokens of a chunk are in text order, so a hit's context is the rows next to it in its file that share its
document and paragraph: no join on document and paragraph over every token, and only the files whose
vocabulary holds the token are read.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..tokens.dataset import TokenDataset

__all__ = ["KWIC_BATCH", "token_contexts"]

KWIC_BATCH = 100_000  # hits whose context is fetched in one query (memory: about 2 × window rows per hit)
_COLUMNS = ["doc_id", "section", "para_no", "start", "end", "left", "match", "right", "token_no"]


def token_contexts(tokens: TokenDataset, query: str, width: int) -> pd.DataFrame:
    """``doc_id, section, para_no, start, end, left, match, right, token_no`` of every token equal to ``query``
    (in file and row order), with ``width`` tokens of context on each side from the same paragraph."""
    con = tokens.connect(only=())  # the files are read by name below
    try:
        # only the chunks whose vocabulary holds the token are read (their file names are the same in every table)
        chunks = sorted(Path(f).name for f in con.execute(
            "SELECT DISTINCT filename FROM read_parquet(?, filename = true) WHERE token = ?",
            [tokens.files("vocab"), query]).df()["filename"])
        if not chunks:
            return pd.DataFrame(columns=_COLUMNS)
        # each hit's file and row: its context is the rows next to it (a chunk's tokens are in text order)
        hits = con.execute("SELECT filename, file_row_number AS row, doc_id, para_no, token_no, start, \"end\" "
                           "FROM read_parquet(?, filename = true, file_row_number = true) WHERE token = ?",
                           [_parts(tokens, "tokens", chunks), query]).df()
        if tokens.where:  # a selection of documents: few hits, filtered here rather than joined in the scan
            hits = hits[hits["doc_id"].isin(tokens.documents["doc_id"])]
        if hits.empty:
            return pd.DataFrame(columns=_COLUMNS)
        # numbered in file and row order, so that a batch of hits (see _context) reads few files
        hits = hits.sort_values(["filename", "row"]).reset_index(drop=True).assign(hit=lambda f: f.index,
                                                                                   match=query)
        files = sorted(hits["filename"].unique())
        context = _context(con, hits, max(width, 0))
        con.register("hits", hits[["doc_id", "para_no"]])
        sections = con.execute("SELECT p.doc_id, p.para_no, p.section FROM read_parquet(?) p "
                               "SEMI JOIN hits h USING (doc_id, para_no)",
                               [_parts(tokens, "paragraphs", [Path(f).name for f in files])]).df()
    finally:
        con.close()
    table = hits.merge(context, on="hit").merge(sections, on=["doc_id", "para_no"])
    return table[_COLUMNS]


def _context(con, hits: pd.DataFrame, width: int) -> pd.DataFrame:
    """``hit, left, right``: the tokens of each hit's paragraph within ``width`` rows of it, joined by spaces,
    :data:`KWIC_BATCH` hits at a time, so a very common token does not hold all its windows at once."""
    offsets = np.array([k for k in range(-width, width + 1) if k])
    sides: tuple[list, list] = ([[] for _ in range(len(hits))], [[] for _ in range(len(hits))])
    hit_rows, hit_docs = hits["row"].to_numpy(), hits["doc_id"].to_numpy(dtype=object)
    hit_paras = hits["para_no"].to_numpy()
    for first in range(0, len(hits) if len(offsets) else 0, KWIC_BATCH):
        batch = hits.iloc[first:first + KWIC_BATCH]
        rows = (batch["row"].to_numpy()[:, None] + offsets[None, :]).ravel()
        windows = pd.DataFrame({"hit": np.repeat(batch["hit"].to_numpy(), len(offsets)),
                                "filename": np.repeat(batch["filename"].to_numpy(), len(offsets)), "row": rows})
        con.register("windows", windows[windows["row"] >= 0])
        near = con.execute("SELECT w.hit, w.row, c.doc_id, c.para_no, c.token FROM read_parquet(?, filename = "
                           "true, file_row_number = true) c JOIN windows w ON c.filename = w.filename "
                           "AND c.file_row_number = w.row", [sorted(batch["filename"].unique())]).df()
        con.unregister("windows")
        hit = near["hit"].to_numpy()  # hits are numbered 0, 1, … in the order of ``hits``
        same = ((near["doc_id"].to_numpy(dtype=object) == hit_docs[hit])
                & (near["para_no"].to_numpy() == hit_paras[hit]))
        near = near[same].sort_values(["hit", "row"])
        for number, row, token in zip(near["hit"].to_numpy(), near["row"].to_numpy(),
                                      near["token"].to_numpy(dtype=object), strict=True):
            sides[int(row > hit_rows[number])][number].append(token)
    return pd.DataFrame({"hit": hits["hit"].to_numpy(), "left": [" ".join(words) for words in sides[0]],
                         "right": [" ".join(words) for words in sides[1]]})


def _parts(data: TokenDataset, table: str, chunks: list[str]) -> list[str]:
    """The files of ``table`` of the given chunks."""
    return [str(data.folder(table) / name) for name in chunks]
