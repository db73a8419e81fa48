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
    left: list[str] = []
    right: list[str] = []
    hit_rows, hit_docs = hits["row"].to_numpy(), hits["doc_id"].to_numpy(dtype=object)
    hit_paras = hits["para_no"].to_numpy()
    # files by number: a window names its file by an integer, not by a string repeated 2 × width times
    names, file_of_hit = np.unique(hits["filename"].to_numpy(dtype=object), return_inverse=True)
    con.register("files", pd.DataFrame({"file": np.arange(len(names)), "filename": names}))
    for first in range(0, len(hits), KWIC_BATCH):
        count = min(KWIC_BATCH, len(hits) - first)
        if not len(offsets):
            left += [""] * count
            right += [""] * count
            continue
        numbers = np.arange(first, first + count)
        rows = (hit_rows[numbers][:, None] + offsets[None, :]).ravel()
        windows = pd.DataFrame({"hit": np.repeat(numbers, len(offsets)),
                                "file": np.repeat(file_of_hit[numbers], len(offsets)), "row": rows})
        con.register("windows", windows[windows["row"] >= 0])
        near = con.execute("SELECT w.hit, w.row, c.doc_id, c.para_no, c.token FROM read_parquet(?, filename = "
                           "true, file_row_number = true) c JOIN files f ON c.filename = f.filename "
                           "JOIN windows w ON f.file = w.file AND c.file_row_number = w.row "
                           "ORDER BY w.hit, w.row",
                           [sorted({names[k] for k in np.unique(file_of_hit[numbers])})]).df()
        con.unregister("windows")
        hit = near["hit"].to_numpy()  # hits are numbered 0, 1, … in the order of ``hits``
        same = ((near["doc_id"].to_numpy(dtype=object) == hit_docs[hit])
                & (near["para_no"].to_numpy() == hit_paras[hit]))
        hit, row = hit[same], near["row"].to_numpy()[same]
        words = near["token"].to_numpy(dtype=object)[same].tolist()
        # in hit and row order, each hit's left words come before its right ones: one slice per hit and side
        side = 2 * (hit - first) + (row > hit_rows[hit])
        bounds = np.searchsorted(side, np.arange(2 * count + 1)).tolist()
        left += [" ".join(words[bounds[2 * k]:bounds[2 * k + 1]]) for k in range(count)]
        right += [" ".join(words[bounds[2 * k + 1]:bounds[2 * k + 2]]) for k in range(count)]
    con.unregister("files")
    return pd.DataFrame({"hit": hits["hit"].to_numpy(), "left": left, "right": right})


def _parts(data: TokenDataset, table: str, chunks: list[str]) -> list[str]:
    """The files of ``table`` of the given chunks."""
    return [str(data.folder(table) / name) for name in chunks]
