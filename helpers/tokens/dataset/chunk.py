"""One chunk of a tokens dataset: the paragraphs of a chunk of the corpus store segmented and counted, and its
files written (in a worker)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ...corpus.parquet import chunk_file, write_file
from ..stopwords import is_rule_stop
from ..table import segment_chunk
from .files import OPTIONS, TABLES

__all__ = ["write_chunk"]


def write_chunk(job) -> int:
    """Segment and write one chunk of a corpus store (in a worker process); returns its number of tokens.

    The paragraphs' texts are read from the store's chunk file; the tokens, the word counts per document
    (``docterms``) and per paragraph (``words``) and the chunk's vocabulary are written to the same chunk number.
    """
    store, where, index, backend = job
    where = Path(where)
    frame = pq.read_table(Path(store) / "paragraphs" / chunk_file(index), columns=["doc_id", "para_no", "text"])
    frame = pd.DataFrame({name: pd.Series(frame.column(name).to_numpy(zero_copy_only=False),
                                          dtype=object if name != "para_no" else "int64")
                          for name in ("doc_id", "para_no", "text")})  # object: no conversion to Arrow strings
    # stopwords by rule only: the lists are applied when the dataset is read (TokenDataset.stopword_lists)
    tokens = segment_chunk((backend, (), frame), dictionary=True)
    vocab, docterms, n_words = _count_words(tokens, frame)
    words = pa.table({"doc_id": pa.array(frame["doc_id"].to_numpy(), pa.string()),
                      "para_no": pa.array(frame["para_no"].to_numpy(), pa.int64()), "n_words": pa.array(n_words)})
    tables = {"words": words, "docterms": docterms, "vocab": vocab, "tokens": tokens}
    name = chunk_file(index)
    for table in TABLES:
        write_file(tables[table], where / table / name, **OPTIONS.get(table, {}))
    return len(tokens)


def _count_words(tokens: pa.Table, paragraphs: pd.DataFrame) -> tuple[pa.Table, pa.Table, np.ndarray]:
    """A chunk's distinct tokens, its word tokens counted per document, and the word tokens of each paragraph.

    Returns ``vocab`` (``token, is_word``), ``docterms`` (``doc_id, token, pos, is_stop, n, paras``, sorted by
    document and token) and ``n_words`` (one count per row of ``paragraphs``).  Counted on integer codes with
    numpy (a group-by on the string columns took a fifth of a chunk's time); ``pos`` and ``is_stop`` are
    those of the token (the tokens table gives every occurrence of a token the same ones).
    """
    encoded = _encoded(tokens.column("token"))
    dictionary = encoded.dictionary
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    is_word = np.fromiter((not is_rule_stop(w) for w in dictionary.to_pylist()), dtype=bool, count=len(dictionary))
    vocab = pa.table({"token": dictionary, "is_word": pa.array(is_word)})
    # each token's paragraph row: paragraphs are in document order, then para_no, as the tokens are
    doc_codes, doc_ids = pd.factorize(paragraphs["doc_id"])
    span = int(paragraphs["para_no"].max()) + 1 if len(paragraphs) else 1
    row_keys = doc_codes.astype(np.int64) * span + paragraphs["para_no"].to_numpy(dtype=np.int64)
    by_doc = _encoded(tokens.column("doc_id"))
    token_docs = pd.Index(doc_ids).get_indexer(by_doc.dictionary.to_pylist())[
        by_doc.indices.to_numpy(zero_copy_only=False)]
    token_keys = token_docs.astype(np.int64) * span + tokens.column("para_no").to_numpy().astype(np.int64)
    rows = np.searchsorted(row_keys, token_keys)
    word = is_word[codes]
    n_words = np.bincount(rows[word], minlength=len(paragraphs)).astype(np.int64)
    # (token, paragraph row) pairs, then their runs of one document: n and the number of paragraphs
    n_rows = max(len(paragraphs), 1)
    pairs, pair_counts = np.unique(codes[word] * n_rows + rows[word], return_counts=True)
    pair_token, pair_row = pairs // n_rows, pairs % n_rows
    pair_doc = doc_codes[pair_row]
    new_term = np.r_[True, (pair_token[1:] != pair_token[:-1]) | (pair_doc[1:] != pair_doc[:-1])]
    starts = np.flatnonzero(new_term[:len(pairs)])
    term_token, term_doc = pair_token[starts], pair_doc[starts]
    n = np.add.reduceat(pair_counts, starts) if len(starts) else np.zeros(0, np.int64)
    paras = np.diff(np.r_[starts, len(pairs)])
    # sorted by document and token as strings (as a reader of one document's terms expects)
    doc_rank = np.argsort(np.argsort(np.asarray(doc_ids, dtype=object), kind="stable"), kind="stable")
    token_rank = np.empty(len(dictionary), dtype=np.int64)
    token_rank[pc.sort_indices(dictionary).to_numpy()] = np.arange(len(dictionary))
    order = np.lexsort((token_rank[term_token], doc_rank[term_doc]))
    term_token, term_doc = term_token[order], term_doc[order]
    occurrence = np.zeros(len(dictionary), dtype=np.int64)
    occurrence[codes] = np.arange(len(codes))  # any one occurrence of each token: they all share pos and is_stop
    at = pa.array(occurrence[term_token])
    docterms = pa.table({  # as dictionary arrays, written as strings (see OPTIONS)
        "doc_id": pa.DictionaryArray.from_arrays(pa.array(term_doc, pa.int32()),
                                                 pa.array(np.asarray(doc_ids, dtype=object), pa.string())),
        "token": pa.DictionaryArray.from_arrays(pa.array(term_token, pa.int32()), dictionary),
        "pos": tokens.column("pos").take(at),
        "is_stop": tokens.column("is_stop").take(at),
        "n": pa.array(n[order].astype(np.int64)),
        "paras": pa.array(paras[order].astype(np.int64)),
    })
    return vocab, docterms, n_words


def _encoded(column: pa.ChunkedArray) -> pa.DictionaryArray:
    """A column as one dictionary array (as it is when it is one already)."""
    column = column.combine_chunks()
    return column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)

