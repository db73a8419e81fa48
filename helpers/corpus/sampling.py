"""A sample of a large corpus to hold in memory, spread evenly over the years, for the analyses that need
every paragraph at once (topic model, co-occurrence network, keywords by TextRank …).

Each work counts once (later editions and duplicates are left out, as in trends:
:func:`helpers.corpus.first_editions`): a corpus whose works fit the budget is its own sample but for its later
editions, in memory or on disk.  From a larger one, documents are taken in turn from each year
(within a year in a shuffled order fixed by ``random_state``; undated documents form one more group) until the
next one would pass ``max_chars``; the chosen documents are then read into memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import RANDOM_STATE
from ..validate import check_int
from .editions import first_editions
from .model import Corpus

__all__ = ["SAMPLE_CHARS", "sample", "spread"]

SAMPLE_CHARS = 5_000_000  # about 700 MB of tables in memory at most


def spread(documents: pd.DataFrame, *, max_chars: int = SAMPLE_CHARS,
           random_state: int = RANDOM_STATE) -> pd.DataFrame:
    """The first editions chosen in turn from each year until ``max_chars`` (same columns, corpus order)."""
    check_int("max_chars", max_chars, min_value=1)
    if "edition_of" in documents.columns:
        documents = first_editions(documents)
    rng = np.random.default_rng(random_state)
    years = documents["year"].astype("float").fillna(-1.0).to_numpy()
    shuffled = rng.permutation(len(documents))
    # the turn of each document within its year, then years in order: one document of every year first
    turn = pd.Series(shuffled, index=documents.index).groupby(years).rank(method="first").to_numpy()
    order = np.lexsort((years, turn))
    sizes = documents["n_chars"].to_numpy()[order]
    taken = order[np.cumsum(sizes) <= max_chars]
    if len(taken) == 0:  # a single document longer than the budget: the first one in turn
        taken = order[:1]
    return documents.iloc[np.sort(taken)].reset_index(drop=True)


def sample(corpus: Corpus, *, max_chars: int = SAMPLE_CHARS,
           random_state: int = RANDOM_STATE) -> Corpus:
    """Each work once, in memory, within ``max_chars`` characters: the corpus without its later editions when
    they fit (itself when it has none and is in memory), else :func:`spread`'s documents read into memory.
    Decided by size, whatever the storage."""
    check_int("max_chars", max_chars, min_value=1)
    documents = corpus.documents
    works = first_editions(documents)
    if int(works["n_chars"].sum()) <= max_chars:
        if len(works) == len(documents) and corpus.storage == "memory":
            return corpus
        chosen = works["doc_id"]
    else:
        chosen = spread(documents, max_chars=max_chars, random_state=random_state)["doc_id"]
    return corpus.select(chosen.tolist())
