"""Periods made comparable: each period's vectors rotated onto the latest period's by orthogonal Procrustes.

Two word2vec models of different texts are each determined only up to a rotation; the rotation ``R`` that
brings the words both periods share closest to the latest period's vectors (least squares, ``R`` orthogonal:
Schönemann 1966, as in Hamilton, Leskovec & Jurafsky 2016) is :func:`scipy.linalg.orthogonal_procrustes` of
their unit vectors.  A rotation keeps every length and angle, so neighbours within a period do not change; it
makes a word's vectors in two periods comparable (:func:`helpers.embeddings.drift`).  The latest period is left
as it is.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.linalg import orthogonal_procrustes

from ..errors import CorpusWarning
from .model import Embeddings

__all__ = ["align"]


def align(model: Embeddings) -> Embeddings:
    """``model`` with every trained period rotated onto the latest (its ``periods.n_shared``: the words each
    shares with the latest, which the rotation rests on).  A period sharing fewer words than the vectors have
    dimensions is aligned with a :class:`~helpers.errors.CorpusWarning`; one sharing fewer than two is left
    unrotated (``n_shared`` says so)."""
    if not model.spaces:
        return model
    target = model.space(model.latest)
    dim = target.vectors.shape[1]
    spaces, shared = {}, {}
    for label, space in model.spaces.items():
        if label == model.latest:
            spaces[label], shared[label] = space, len(space.words)
            continue
        common = [w for w in space.words if w in target]
        shared[label] = len(common)
        if len(common) < 2:
            warnings.warn(f"period {label} shares {len(common)} word(s) with the latest period {model.latest}: "
                          "left unaligned, so its vectors cannot be compared with other periods'",
                          CorpusWarning, stacklevel=2)
            spaces[label] = space
            continue
        if len(common) < dim:
            warnings.warn(f"period {label} is aligned on {len(common)} shared word(s), fewer than the {dim} "
                          "dimensions: comparisons of its vectors with other periods' are unreliable",
                          CorpusWarning, stacklevel=2)
        own = space.vectors[[space.index[w] for w in common]]
        theirs = target.vectors[[target.index[w] for w in common]]
        rotation, _ = orthogonal_procrustes(own, theirs)
        spaces[label] = space.rotated(rotation)
    periods = model.periods.copy()
    periods["n_shared"] = periods["period"].map(shared).fillna(0).astype(np.int64)
    return Embeddings(periods, spaces, dict(model.options), aligned=True)
