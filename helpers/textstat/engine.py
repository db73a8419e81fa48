"""The statistics of a tokens dataset on disk, computed by DuckDB and returned as ordinary DataFrames.

The functions of :mod:`helpers.textstat` hand a :class:`~helpers.tokens.dataset.TokenDataset` here; each
returns the same table as its in-memory twin (tested on the bundled and development corpora):

* :func:`frequency` and :func:`counts` — from the per-document counts (``docterms``) when grouping by
  document columns (``year``, ``date``, ``genre`` … : trends over time), from the tokens when grouping by
  paragraph columns (``section``);
* :func:`kwic` — string mode scans the paragraph texts, token mode the tokens (reading only the files
  with a hit for the context);
* :func:`ngrams` — chunk by chunk (a document never spans two chunks), summed;
* :func:`dispersion` — the paragraphs read chunk by chunk, each hit kept as a few integers.

Only aggregates come back into memory: a frequency table, a concordance, counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus.stream import CorpusStream
from ..tokens.dataset import TokenDataset, build, find

__all__ = ["as_dataset", "counts", "dispersion", "frequency", "is_dataset", "kwic", "ngrams"]

_PARAGRAPH_COLUMNS = ("section", "heading_level", "heading_1", "heading_2", "is_salutation", "para_no")


def is_dataset(data) -> bool:
    """Whether ``data`` is a tokens dataset or a streamed corpus (then the statistics are computed here)."""
    return isinstance(data, (TokenDataset, CorpusStream))


def as_dataset(data: TokenDataset | CorpusStream) -> TokenDataset:
    """The tokens dataset itself, or the latest of a streamed corpus (one with the default options is built if
    there is none)."""
    return data if isinstance(data, TokenDataset) else (find(data) or build(data, progress=False))


def _filters(alias: str, *, stopwords: bool, pos: Sequence[str] | None, min_length: int) -> tuple[str, list]:
    where, params = ["TRUE"], []
    if stopwords:
        where.append(f"NOT {alias}.is_stop")
    if pos is not None:
        where.append(f"{alias}.pos IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(pos))
    if min_length > 1:
        where.append(f"length({alias}.token) >= {int(min_length)}")
    return " AND ".join(where), params


def _check_keys(data: TokenDataset, keys: list[str]) -> None:
    allowed = {"doc_id", "para_no", *data.columns}
    missing = [k for k in keys if k not in allowed]
    if missing:
        raise KeyError(f"the tokens table has no column {missing[0]!r}; add it with "
                       f"textstat.annotate(tokens, corpus, {missing!r})")


def _group_types(data: TokenDataset, table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Group columns with the dtypes of the in-memory tables (section ordered, year Int64 …)."""
    docs = data.documents
    for key in keys:
        if key == "section":
            table[key] = pd.Categorical(table[key], categories=data.sections(), ordered=True)
        elif key == "para_no":
            table[key] = table[key].astype("int64")
        elif key == "date":  # Python dates or None, as in Corpus.documents
            table[key] = pd.Series([None if pd.isna(d) else getattr(d, "date", lambda d=d: d)() for d in table[key]],
                                   index=table.index, dtype=object)
        elif key in docs.columns:
            table[key] = table[key].astype(docs[key].dtype)
    return table


def _counted(data: TokenDataset, keys: list[str], *, stopwords: bool, pos, min_length: int):
    """Per (group, term): count, docfreq, parafreq; and per group: the word tokens (the per_10k denominator)."""
    where, params = _filters("t", stopwords=stopwords, pos=pos, min_length=min_length)
    paragraph_level = any(k in _PARAGRAPH_COLUMNS for k in keys)
    groups = ", ".join(f"{'p' if k in _PARAGRAPH_COLUMNS else 'd'}.{k}" for k in keys)
    select = f"{groups}, " if keys else ""
    group_by = f"GROUP BY {groups}{', ' if keys else ''}"
    if paragraph_level:
        sql = (f"SELECT {select}t.token AS term, count(*)::BIGINT AS count, "
               "count(DISTINCT t.doc_id)::BIGINT AS docfreq, count(DISTINCT (t.doc_id, t.para_no))::BIGINT AS parafreq "
               "FROM tokens t JOIN docs d USING (doc_id) JOIN paragraphs p USING (doc_id, para_no) "
               f"SEMI JOIN (SELECT token FROM vocab WHERE is_word) v USING (token) WHERE {where} {group_by}t.token")
        totals = (f"SELECT {select}sum(p.n_words)::BIGINT AS total FROM paragraphs p JOIN docs d USING (doc_id) "
                  f"{'GROUP BY ' + groups if keys else ''}")
    elif not keys and not data.where:  # the whole corpus: its term table, summed once when the dataset was built
        sql = (f"SELECT t.token AS term, t.n AS count, t.docs AS docfreq, t.paras AS parafreq FROM terms t "
               f"WHERE {where}")
        totals = "SELECT sum(d.n_words)::BIGINT AS total FROM docs d"
    else:
        sql = (f"SELECT {select}t.token AS term, sum(t.n)::BIGINT AS count, count(*)::BIGINT AS docfreq, "
               f"sum(t.paras)::BIGINT AS parafreq FROM docterms t JOIN docs d USING (doc_id) WHERE {where} "
               f"{group_by}t.token")
        totals = f"SELECT {select}sum(d.n_words)::BIGINT AS total FROM docs d {'GROUP BY ' + groups if keys else ''}"
    con = data.connect()
    try:
        table = con.execute(sql, params).df()
        total = con.execute(totals).df()
    finally:
        con.close()
    return table, total


def frequency(data: TokenDataset, *, by: str | Sequence[str] | None = None, stopwords: bool = True,
              pos: Sequence[str] | None = None, min_length: int = 1, min_count: int = 1,
              terms: Sequence[str] | None = None) -> pd.DataFrame:
    """:func:`helpers.textstat.frequency` of a dataset: ``[by…], term, count, per_10k, docfreq, parafreq, rank``."""
    keys = [by] if isinstance(by, str) else list(by or [])
    _check_keys(data, keys)
    table, total = _counted(data, keys, stopwords=stopwords, pos=pos, min_length=min_length)
    if keys:
        table = table.merge(total, on=keys, how="left")
    else:
        table["total"] = int(total["total"].iloc[0]) if len(total) else 0
    table["per_10k"] = table["count"] / table["total"] * 10_000
    table = table[table["count"] >= min_count]
    table = _group_types(data, table, keys)
    table["term"] = table["term"].astype("str")
    table = table.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    table["rank"] = (table.groupby(keys, observed=True)["count"] if keys else table["count"]).rank(
        method="min", ascending=False).astype(int)
    if terms is not None:
        table = table[table["term"].isin(list(terms))]
    return table[[*keys, "term", "count", "per_10k", "docfreq", "parafreq", "rank"]].reset_index(drop=True)


def counts(data: TokenDataset, *, stopwords: bool = True, pos: Sequence[str] | None = None, min_length: int = 1,
           min_count: int = 1) -> pd.Series:
    """:func:`helpers.textstat.counts` of a dataset: a Series ``count`` indexed by ``term``, largest first."""
    where, params = _filters("t", stopwords=stopwords, pos=pos, min_length=min_length)
    if data.where:
        sql = ("SELECT t.token AS term, sum(t.n)::BIGINT AS count FROM docterms t JOIN docs d USING (doc_id) "
               f"WHERE {where} GROUP BY t.token HAVING sum(t.n) >= {int(min_count)}")
    else:  # the whole corpus: its term table
        sql = f"SELECT t.token AS term, t.n AS count FROM terms t WHERE {where} AND t.n >= {int(min_count)}"
    out = data.query(sql, params)
    out = out.astype({"term": "str"}).sort_values(["count", "term"], ascending=[False, True])
    return out.set_index("term")["count"]


def _document_order(data: TokenDataset, frame: pd.DataFrame, position: list[str]) -> pd.DataFrame:
    """Rows in text order: documents in the corpus' order, then by ``position``."""
    rank = {doc_id: i for i, doc_id in enumerate(data.documents["doc_id"])}
    return frame.assign(_rank=frame["doc_id"].map(rank)).sort_values(["_rank", *position], kind="stable").drop(
        columns="_rank").reset_index(drop=True)


def kwic(data: TokenDataset, query: str, *, tokens: TokenDataset | None = None, window: int | None = None,
         regex: bool = False) -> pd.DataFrame:
    """:func:`helpers.textstat.kwic` of a dataset: ``doc_id, section, para_no, start, end, left, match, right``."""
    columns = ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    data = as_dataset(data)
    tokens = as_dataset(tokens) if tokens is not None else None
    if not query:
        raise ValueError("kwic needs a non-empty query")
    if tokens is None:
        width = 20 if window is None else window
        if regex:  # Python's regular expressions, not DuckDB's (RE2): paragraphs streamed in batches
            pattern = re.compile(query)
            paras = _scan_paragraphs(data, pattern)
        else:
            pattern = re.compile(re.escape(query))
            paras = data.query("SELECT p.doc_id, p.section, p.para_no, p.text FROM paragraphs p "
                               "JOIN docs d USING (doc_id) WHERE contains(p.text, ?)", [query])
        rows = []
        for doc_id, section, para_no, text in _document_order(data, paras, ["para_no"]).itertuples(index=False):
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                rows.append((doc_id, section, para_no, m.start(), m.end(), text[max(0, m.start() - width):m.start()],
                             m.group(), text[m.end():m.end() + width]))
        return _typed(data, pd.DataFrame(rows, columns=columns))
    width = max(8 if window is None else window, 0)
    con = tokens.connect()
    try:
        # only the chunks whose vocabulary holds the token are read (their file names are the same in every table)
        chunks = sorted(Path(f).name for f in con.execute(
            "SELECT DISTINCT filename FROM read_parquet(?, filename = true) WHERE token = ?",
            [tokens.files("vocab"), query]).df()["filename"])
        if not chunks:
            return _typed(data, pd.DataFrame(columns=columns))
        # each hit's file and row: its context is the rows next to it (a chunk's tokens are in text order)
        hits = con.execute("SELECT filename, file_row_number AS row, doc_id, para_no, token_no, start, \"end\" "
                           "FROM read_parquet(?, filename = true, file_row_number = true) WHERE token = ?",
                           [_parts(tokens, "tokens", chunks), query]).df()
        if tokens.where:  # a selection of documents: few hits, filtered here rather than joined in the scan
            hits = hits[hits["doc_id"].isin(tokens.documents["doc_id"])]
        if hits.empty:
            return _typed(data, pd.DataFrame(columns=columns))
        # numbered in file and row order, so that a batch of hits (see _context) reads few files
        hits = hits.sort_values(["filename", "row"]).reset_index(drop=True).assign(hit=lambda f: f.index,
                                                                                   match=query)
        files = sorted(hits["filename"].unique())
        context = _context(con, hits, width)
        con.register("hits", hits[["doc_id", "para_no"]])
        sections = con.execute("SELECT p.doc_id, p.para_no, p.section FROM read_parquet(?) p "
                               "SEMI JOIN hits h USING (doc_id, para_no)",
                               [_parts(tokens, "paragraphs", [Path(f).name for f in files])]).df()
    finally:
        con.close()
    table = hits.merge(context, on="hit").merge(sections, on=["doc_id", "para_no"])
    table = _document_order(data, table[[*columns, "token_no"]], ["token_no"]).drop(columns="token_no")
    return _typed(data, table)


KWIC_BATCH = 100_000  # hits whose context is fetched in one query (memory: about 2 × window rows per hit)


def _context(con, hits: pd.DataFrame, width: int) -> pd.DataFrame:
    """``hit, left, right``: the tokens of each hit's paragraph within ``width`` rows of it, joined by spaces.

    The rows around each hit are fetched by file and row number from the files with a hit (no join on
    document and paragraph over every token), then kept where they share the hit's document and paragraph;
    :data:`KWIC_BATCH` hits at a time, so a very common token does not hold all its windows at once.
    """
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
    return [str(data.path / table / name) for name in chunks]


def _typed(data: TokenDataset, table: pd.DataFrame) -> pd.DataFrame:
    return table.astype({"para_no": "int64", "start": "int64", "end": "int64"})


def _scan_paragraphs(data: TokenDataset, pattern: re.Pattern) -> pd.DataFrame:
    """Paragraphs of the selected documents whose text matches ``pattern``, read batch by batch."""
    import pyarrow.dataset as pads

    chosen = set(data.documents["doc_id"])
    found = []
    source = pads.dataset(str(data.path / "paragraphs"), format="parquet")
    for batch in source.to_batches(columns=["doc_id", "section", "para_no", "text"]):
        frame = batch.to_pandas()
        keep = frame["doc_id"].isin(chosen) & frame["text"].map(lambda t: pattern.search(t) is not None)
        found.append(frame[keep])
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=["doc_id", "section", "para_no",
                                                                                   "text"])


def dispersion(data: TokenDataset | CorpusStream, terms: Sequence[str]) -> pd.DataFrame:
    """:func:`helpers.textstat.dispersion` of a dataset (string mode): ``doc_id, term, section, para_no, offset,
    position``, in the order of the terms, then of the text.

    The paragraphs are read one chunk at a time (a document never spans two chunks, so its body length and each
    paragraph's offset in it are known within the chunk) and each hit kept as four integers and a share, not as
    a concordance row; the table is built once at the end.
    """
    from ..errors import ParameterError
    from .sections import body_offsets

    data = as_dataset(data)
    terms = list(terms)
    for term in terms:
        if not isinstance(term, str) or not term:
            raise ParameterError(f"terms: {term!r} is not a non-empty string (dispersion looks for each as a string)")
    order = data.documents["doc_id"].to_numpy(dtype=object)
    rank = pd.Series(np.arange(len(order)), index=order)
    sections = data.sections()
    labels = np.array([*sections, None], dtype=object)  # code -1 (no section) is the last
    patterns = [re.compile(re.escape(term)) for term in terms]
    parts: list[tuple[np.ndarray, ...]] = []  # per chunk and term: term, document, section, paragraph, offset, share
    for frame in data.chunks("paragraphs", ["doc_id", "para_no", "section", "text", "n_chars"]):
        frame = frame.assign(_rank=frame["doc_id"].map(rank).to_numpy()).sort_values(["_rank", "para_no"],
                                                                                   kind="stable")
        doc_start, length = body_offsets(frame["_rank"], frame["n_chars"])
        docs, paras = frame["_rank"].to_numpy(dtype=np.int64), frame["para_no"].to_numpy(dtype=np.int64)
        codes = pd.Categorical(frame["section"], categories=sections).codes.astype(np.int64)
        texts = frame["text"].tolist()
        for k, (term, pattern) in enumerate(zip(terms, patterns, strict=True)):
            rows, starts = [], []
            for row, text in enumerate(texts):
                if term in text:
                    for m in pattern.finditer(text):
                        rows.append(row)
                        starts.append(m.start())
            if rows:
                at = np.asarray(rows, dtype=np.int64)
                offset = doc_start[at] + np.asarray(starts, dtype=np.int64)
                parts.append((np.full(len(at), k), docs[at], codes[at], paras[at], offset, offset / length[at]))
    if not parts:
        return pd.DataFrame(columns=["doc_id", "term", "section", "para_no", "offset", "position"])
    term, doc, section, para, offset, position = (np.concatenate(p) for p in zip(*parts, strict=True))
    del parts
    keep = np.lexsort((offset, doc, term))  # the terms' order, then the text's: documents in the corpus' order
    return pd.DataFrame({"doc_id": order[doc[keep]], "term": np.array(terms, dtype=object)[term[keep]],
                         "section": labels[section[keep]], "para_no": para[keep], "offset": offset[keep],
                         "position": position[keep]})


def ngrams(data: TokenDataset, *, n: int = 2, min_count: int = 2, stopwords: bool = True) -> pd.DataFrame:
    """:func:`helpers.textstat.ngrams` of a dataset, chunk by chunk: ``ngram, count, docfreq``."""
    from .ngrams import ngrams as ngrams_in_memory

    def merged(parts: list[pd.DataFrame]) -> pd.DataFrame:
        return pd.concat(parts, ignore_index=True).groupby("ngram", as_index=False)[["count", "docfreq"]].sum()

    parts: list[pd.DataFrame] = []
    for tokens in data.chunks("tokens"):
        parts.append(ngrams_in_memory(tokens, n=n, min_count=1, stopwords=stopwords))
        if len(parts) > 16:  # fold the partial counts now and then: memory stays with the distinct n-grams
            parts = [merged(parts)]
    if not parts:
        return pd.DataFrame(columns=["ngram", "count", "docfreq"])
    out = merged(parts)
    out = out[out["count"] >= min_count]
    return out.sort_values(["count", "ngram"], ascending=[False, True]).reset_index(drop=True)
