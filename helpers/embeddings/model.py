"""The trained embeddings: one vector space per period (or group), in time order, and how each was made.

Vectors are kept as plain numpy arrays of unit length (rows of ``vectors``, one per word of ``words``), not as
gensim objects: the result pickles, compares and queries without the library that trained it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..validate import check_known

__all__ = ["PERIOD_COLUMNS", "Embeddings", "Space", "unit_rows"]

# the columns of Embeddings.periods: one row per period asked for, trained or not
PERIOD_COLUMNS = ["period", "first_year", "last_year", "n_documents", "n_tokens", "n_vocabulary", "n_shared",
                  "seed", "trained", "reason"]


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` with every row scaled to length one (a zero row stays zero), as float64."""
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@dataclass(frozen=True, eq=False)
class Space:
    """One period's vectors: ``words`` (most frequent first), ``vectors`` (unit rows, words × dim), ``counts``
    (each word's tokens in the period)."""

    words: list[str]
    vectors: np.ndarray
    counts: np.ndarray
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vectors.setflags(write=False)
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.words)})

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def vector(self, word: str) -> np.ndarray:
        """The unit vector of ``word`` (KeyError if the period's model has no such word)."""
        return self.vectors[self.index[word]]

    def rotated(self, rotation: np.ndarray) -> Space:
        """The same words with their vectors multiplied by the orthogonal matrix ``rotation`` (lengths kept)."""
        return Space(list(self.words), unit_rows(self.vectors @ rotation), self.counts.copy())


@dataclass(frozen=True, eq=False)
class Embeddings:
    """Word vectors of each period of a corpus, trained separately and (if ``aligned``) rotated onto the latest.

    ``periods``: :data:`PERIOD_COLUMNS`, one row per period asked for, in time order (``trained`` False with the
    ``reason`` for a period skipped); ``spaces``: the trained periods' :class:`Space` by label, in time order;
    ``options``: how they were trained (dim, window, min_count, epochs, architecture, random_state …).
    """

    periods: pd.DataFrame
    spaces: dict[str, Space]
    options: dict
    aligned: bool = False

    def __repr__(self) -> str:
        state = "aligned to " + self.latest if self.aligned and self.spaces else "not aligned"
        return f"Embeddings({len(self.spaces)} periods trained: {', '.join(self.spaces)}; {state})"

    @property
    def labels(self) -> list[str]:
        """The trained periods' labels, earliest first."""
        return list(self.spaces)

    @property
    def latest(self) -> str:
        """The label of the latest trained period (the one the others are aligned to)."""
        return self.labels[-1]

    def space(self, period: str) -> Space:
        """The vectors of the trained period ``period``."""
        check_known("period", [period], self.labels, what="trained period", counted="periods")
        return self.spaces[period]
