"""The documents of pairs read into memory a batch at a time, so that a series of any length is compared in
bounded memory."""

from __future__ import annotations

import pandas as pd

from .alignment import in_memory

__all__ = ["BATCH_CHARS", "batches"]

BATCH_CHARS = 5_000_000  # characters of the documents of the pairs read into memory at once from a stream


def batches(corpus, pairs: pd.DataFrame, *, max_chars: int | None = None):
    """``(corpus, pairs)`` in turn: consecutive pairs whose documents hold up to ``max_chars`` characters (at least
    one pair), with those documents in memory (a corpus in memory: all pairs at once, the corpus itself)."""
    if corpus.storage == "memory":  # nothing to read: one batch
        yield corpus, pairs
        return
    max_chars = BATCH_CHARS if max_chars is None else max_chars
    sizes = dict(zip(corpus.documents["doc_id"], corpus.documents["n_chars"], strict=True))
    start, wanted = 0, {}
    for i, (o, n) in enumerate(zip(pairs["old"], pairs["new"], strict=True)):
        more = {d: sizes.get(d, 0) for d in (o, n) if d not in wanted}
        if i > start and sum(wanted.values()) + sum(more.values()) > max_chars:
            yield in_memory(corpus, list(wanted)), pairs.iloc[start:i]
            start, wanted = i, {d: sizes.get(d, 0) for d in (o, n)}
        else:
            wanted.update(more)
    if len(pairs) > start:
        yield in_memory(corpus, list(wanted)), pairs.iloc[start:]
