"""Word embeddings by period: one word2vec model per period (gensim), aligned to the latest period.

Deterministic: each model is trained on one worker thread with a fixed seed (``random_state`` plus the CRC-32 of
the period's label, so a period's seed does not depend on the other periods), its sentences in corpus order, and
a string hash of its own (CRC-32) in place of Python's salted ``hash``; the vectors are then the same in every
process, whatever ``PYTHONHASHSEED`` (tested across two processes).  gensim's initial vectors come from numpy's
generator seeded by ``seed``, its negative sampling and down-sampling from a ``RandomState`` seeded by it.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .. import engine
from ..config import RANDOM_STATE
from ..errors import CorpusWarning, ParameterError
from ..textstat.works import each_work_once
from ..validate import check_choice, check_int
from . import periods as periods_of
from .align import align
from .model import PERIOD_COLUMNS, Embeddings, Space, unit_rows
from .sentences import by_group

__all__ = ["ARCHITECTURES", "MIN_TOKENS", "train"]

# a period with fewer content tokens than this is skipped (a model of a few thousand tokens is noise)
MIN_TOKENS = 20_000
ARCHITECTURES = ("skipgram", "cbow")


def stable_hash(text: str) -> int:
    """CRC-32 of ``text`` (UTF-8): the same number in every process, unlike Python's salted ``hash``."""
    return zlib.crc32(str(text).encode("utf-8"))


def train(tokens, *, by: str = "period", periods: int | Sequence[int] | Mapping[str, tuple[int, int]] = 4,
          dim: int = 100, window: int = 5, min_count: int = 5, epochs: int = 10, architecture: str = "skipgram",
          min_tokens: int = MIN_TOKENS, stopwords: bool = True, editions: str = "once", align_to_latest: bool = True,
          random_state: int = RANDOM_STATE, corpus=None) -> Embeddings:
    """One word2vec model per period of ``tokens`` (a tokens table, a tokens dataset, a corpus in memory or on
    disk), each rotated onto the latest period by orthogonal Procrustes (:func:`helpers.embeddings.align`).

    ``by="period"`` groups documents by year (``periods``: a number of periods of about equal size, a list of cut
    years, or a mapping label → (first_year, last_year); see :mod:`helpers.embeddings.periods`); ``by`` may also
    name a documents column (``speaker``, ``genre``), one model per value, ordered by the first year.  Models
    read the content tokens (stopwords left out if ``stopwords``) sentence by sentence; ``dim``, ``window``,
    ``min_count``, ``epochs`` and ``architecture`` (skip-gram or CBOW) are word2vec's.  A period with fewer than
    ``min_tokens`` content tokens is skipped with a :class:`~helpers.errors.CorpusWarning` naming it.
    ``editions="once"`` leaves later editions of a work out.  ``corpus``: the corpus a tokens DataFrame was
    segmented from (it gives each document's year).  Returns :class:`~helpers.embeddings.model.Embeddings`.
    """
    dim = check_int("dim", dim, min_value=2)
    window = check_int("window", window, min_value=1)
    min_count = check_int("min_count", min_count, min_value=1)
    epochs = check_int("epochs", epochs, min_value=1)
    min_tokens = check_int("min_tokens", min_tokens, min_value=1)
    random_state = check_int("random_state", random_state, min_value=0)
    check_choice("architecture", architecture, ARCHITECTURES)
    check_choice("editions", editions, ("once", "all"))
    source = engine.wrap(tokens, corpus=corpus)
    if editions == "once":
        source = each_work_once(source)
    placed, table = _groups(source, by, periods)
    sentences = by_group(source, dict(zip(placed["doc_id"], placed["period"], strict=True)), stopwords=stopwords)
    options = {"by": by, "dim": dim, "window": window, "min_count": min_count, "epochs": epochs,
               "architecture": architecture, "min_tokens": min_tokens, "stopwords": stopwords, "editions": editions,
               "random_state": random_state}
    rows, spaces = [], {}
    for row in table.itertuples(index=False):
        texts = sentences.get(row.period, [])
        n_tokens = sum(map(len, texts))
        seed = (random_state + stable_hash(row.period)) % 2**31
        record = {"period": row.period, "first_year": row.first_year, "last_year": row.last_year,
                  "n_documents": int((placed["period"] == row.period).sum()), "n_tokens": n_tokens,
                  "n_vocabulary": 0, "n_shared": 0, "seed": seed, "trained": False, "reason": ""}
        if n_tokens < min_tokens:
            record["reason"] = f"{n_tokens:,} content tokens, fewer than min_tokens={min_tokens:,}"
        else:
            space = _word2vec(texts, seed=seed, **{k: options[k] for k in ("dim", "window", "min_count", "epochs",
                                                                              "architecture")})
            if space is None:
                record["reason"] = f"no word occurs min_count={min_count} times"
            else:
                spaces[row.period] = space
                record.update(n_vocabulary=len(space.words), n_shared=len(space.words), trained=True)
        rows.append(record)
    result = pd.DataFrame(rows, columns=PERIOD_COLUMNS)
    skipped = result[~result["trained"]]
    if len(skipped):
        warnings.warn("period(s) skipped, too small to train: " + "; ".join(
            f"{p} ({r})" for p, r in zip(skipped["period"], skipped["reason"], strict=True)), CorpusWarning,
            stacklevel=2)
    model = Embeddings(result, spaces, options)
    return align(model) if align_to_latest and spaces else model


def _groups(source: engine.Source, by: str, periods) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(placed, table)``: ``doc_id, period`` of the documents trained on, ``period, first_year, last_year``."""
    documents = source.documents
    if by == "period":
        years = periods_of.dated(documents)
        sizes = source.word_counts(["doc_id"]).set_index("doc_id")["total"]
        return periods_of.assign(years, periods, sizes=sizes)
    if by not in documents.columns:
        raise ParameterError(f"by={by!r}: the documents table has no column {by!r}; use by='period' or one of "
                             f"{', '.join(map(str, documents.columns))}")
    frame = documents[["doc_id", by]].dropna(subset=[by]).astype({by: str})
    years = pd.to_numeric(documents.set_index("doc_id")["year"], errors="coerce") if "year" in documents else None
    frame["year"] = frame["doc_id"].map(years) if years is not None else np.nan
    table = (frame.groupby(by, sort=False)["year"].agg(first_year="min", last_year="max").reset_index()
             .rename(columns={by: "period"}))
    table = table.sort_values(["first_year", "last_year"], kind="stable", na_position="last").reset_index(drop=True)
    return frame.rename(columns={by: "period"}), table.astype({"first_year": "Int64", "last_year": "Int64"})


def _word2vec(sentences: list[list[str]], *, seed: int, dim: int, window: int, min_count: int, epochs: int,
              architecture: str) -> Space | None:
    """The unit vectors of one period's model, or None when no word is frequent enough to keep."""
    if max((len(s) for s in sentences), default=0) == 0:
        return None
    counted: dict[str, int] = {}
    for sentence in sentences:
        for word in sentence:
            counted[word] = counted.get(word, 0) + 1
    if max(counted.values()) < min_count:
        return None
    from gensim.models import Word2Vec  # about 0.2 s to import: only when a space is trained

    model = Word2Vec(sentences=sentences, vector_size=dim, window=window, min_count=min_count, epochs=epochs,
                     sg=1 if architecture == "skipgram" else 0, workers=1, seed=seed, hashfxn=stable_hash)
    words = list(model.wv.index_to_key)
    counts = np.array([model.wv.get_vecattr(w, "count") for w in words], dtype=np.int64)
    return Space(words, unit_rows(model.wv.vectors), counts)
