"""Segmentation: from the paragraphs table to a tokens table, chunk by chunk, cached.

jieba's precise mode, through a :class:`~helpers.tokens.tokenizer.Tokenizer` of
our own that carries the policy-term dictionary
(``helpers/lexicons/policy_terms.txt``).

See :mod:`helpers.tokens.tokenizer` for the backends and tags.

Stopwords.  ``is_stop`` marks words of the chosen lists (see
:mod:`helpers.lexicon`) and, by rule, tokens made only of punctuation,
symbols or digits.  Whitespace is not a token.

Cache.  Results are stored by :mod:`helpers.cache` under ``.cache/tokens/``,
keyed by the paragraph texts, the dictionary and stopword files, the backend,
the library versions and the source of this module and of every workspace
module it imports (sentence ends, lexicon parsing …); changing any of them
makes a new entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pyarrow as pa

from .. import cache as cache_store
from .. import lexicon, parallel
from ..corpus.store import StoredTable
from ..validate import check_choice, check_columns, check_int
from .dataset import build
from .table import segment_chunk
from .tokenizer import BACKENDS

__all__ = ["segment"]

_CHUNK_CHARS = 500_000  # segmentation works chunk by chunk (progress bar, worker processes)
_CODE = ("helpers.tokens.segmentation",)  # the stage's code: this module and all it imports
_LIBRARIES = ("jieba", "rjieba", "pandas", "pyarrow", "numpy")


def _cache_key(paragraphs: pd.DataFrame, backend: str, stopword_lists: Sequence[str]) -> str:
    parts = [pd.util.hash_pandas_object(paragraphs[["doc_id", "para_no", "text"]], index=False).values.tobytes(),
             backend, lexicon.file_hash(lexicon.lexicon("policy_terms.txt"))]
    for name in stopword_lists:
        parts += [name, lexicon.file_hash(lexicon.stopword_file(name))]
    return cache_store.key(parts, code=_CODE, libraries=_LIBRARIES)


def segment(
    paragraphs: pd.DataFrame,
    *,
    backend: str = "rjieba",
    stopword_lists: Sequence[str] | None = ("general",),
    cache: bool = True,
    workers: int = 1,
    progress: bool | None = None,
):
    """Segment paragraphs into the tokens table.

    ``paragraphs`` needs ``doc_id, para_no, text`` (the corpus' paragraphs
    table, or any subset of it).  Returns one row per token, whitespace
    excluded, with the columns

    ``doc_id, para_no``
        where the token is;
    ``sent_no``
        sentence number, counted through each document's paragraphs as given
        (with the full paragraphs table it matches ``Corpus.sentences``);
    ``token_no``
        token number, counted from 1 through each document;
    ``token, pos``
        the word and its part-of-speech tag;
    ``start, end``
        character offsets into the paragraph text (``text[start:end] == token``);
    ``is_stop``
        stopword of the chosen lists, or punctuation/symbol/digit by rule.

    ``backend`` is ``"rjieba"`` or ``"jieba"`` (the original); ``stopword_lists``
    names the lists to mark (``("general", "policy")`` adds policy
    boilerplate); ``workers`` > 1 segments large inputs in that many processes;
    ``progress`` shows a progress bar (default: for large inputs); ``cache``
    reuses a stored result for identical inputs.

    Large corpora.  Given the paragraphs of a corpus on disk (``corpus.load`` keeps a large folder on disk, or
    ``corpus.load(folder, stream=True)``), the tokens are written chunk by chunk, on every core, to a
    Parquet dataset on disk, and a :class:`helpers.tokens.dataset.TokenDataset` is returned: the
    verbs of the analysis take it in place of the table.
    """
    if isinstance(paragraphs, StoredTable):  # the paragraphs of a corpus on disk: the tokens dataset
        return build(paragraphs, backend=backend, stopword_lists=stopword_lists,
                     workers=workers if workers > 1 else None, progress=progress)
    check_columns("paragraphs", paragraphs, ["doc_id", "para_no", "text"])
    check_choice("backend", backend, BACKENDS)
    check_int("workers", workers, min_value=1)
    stopword_lists = tuple(stopword_lists or ())
    for name in stopword_lists:
        check_choice("stopword_lists", name, tuple(lexicon.STOPWORD_LISTS))
    key = _cache_key(paragraphs, backend, stopword_lists) if cache else None
    if key is not None and (stored := cache_store.read("tokens", key, ["tokens"])) is not None:
        return stored["tokens"]
    table = _segment(paragraphs, backend, stopword_lists, workers, progress)
    if key is not None:
        cache_store.write("tokens", key, {"tokens": table})
    return table.to_pandas()


def _segment(paragraphs, backend, stopwords, workers, progress) -> pa.Table:
    frame = paragraphs[["doc_id", "para_no", "text"]].reset_index(drop=True)
    chunks = [frame.iloc[rows] for rows in _chunks(frame)]
    show = progress if progress is not None else len(chunks) > 2
    jobs = [(backend, tuple(stopwords), chunk) for chunk in chunks]
    parts = list(parallel.map(segment_chunk, jobs, workers=workers, progress=show, desc="segmenting", unit="chunk"))
    return pa.concat_tables(parts) if len(parts) > 1 else parts[0]


def _chunks(paragraphs: pd.DataFrame) -> list[range]:
    """Row ranges of about ``_CHUNK_CHARS`` characters that never split a document (token and
    sentence numbers count through a document); one range if a document's paragraphs are not together."""
    docs = paragraphs["doc_id"].to_numpy(dtype=object)
    starts = [0] + [i for i in range(1, len(docs)) if docs[i] != docs[i - 1]]
    if len(starts) != len(set(docs)):
        return [range(len(docs))]
    sizes = paragraphs["text"].str.len().to_numpy()
    chunks, first, size = [], 0, 0
    for begin, end in zip(starts, [*starts[1:], len(docs)], strict=True):
        size += int(sizes[begin:end].sum())
        if size >= _CHUNK_CHARS:
            chunks.append(range(first, end))
            first, size = end, 0
    if first < len(docs) or not chunks:
        chunks.append(range(first, len(docs)))
    return chunks


