"""What trained embeddings say about words: their neighbours, their place on an axis, their shift between periods.

Every similarity is the cosine of two word vectors.  Neighbours and axis positions are computed within each
period (a rotation changes neither); :func:`drift` compares a word's vectors across periods and so needs the
periods aligned (:func:`helpers.embeddings.align`).  A term a period's model lacks (too rare there, or absent)
is left out of that period with a :class:`~helpers.errors.TermWarning` naming it.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..config import RANDOM_STATE
from ..errors import ParameterError, TermWarning
from ..validate import check_int, check_nonempty, check_number
from .model import Embeddings

__all__ = ["axis", "drift", "neighbours"]

NEIGHBOUR_COLUMNS = ["period", "term", "neighbour", "similarity", "rank"]
AXIS_COLUMNS = ["period", "term", "position", "lower", "upper", "n_pole_a", "n_pole_b"]
DRIFT_COLUMNS = ["period", "term", "similarity", "n_shared"]


def _terms(name: str, terms) -> list[str]:
    terms = [terms] if isinstance(terms, str) else [str(t) for t in terms]
    check_nonempty(name, terms)
    return list(dict.fromkeys(terms))


def _warn_missing(missing: dict[str, list[str]], what: str) -> None:
    if missing:
        listed = "; ".join(f"{term}: {', '.join(periods)}" for term, periods in missing.items())
        warnings.warn(f"{what} not in the model of some periods (too rare there or absent), left out: {listed}",
                      TermWarning, stacklevel=3)


def neighbours(model: Embeddings, terms: str | Sequence[str], *, top_n: int = 10) -> pd.DataFrame:
    """The ``top_n`` words closest to each term in each trained period (the term itself left out):
    ``period, term, neighbour, similarity, rank`` (cosine similarity; rank 1 the closest, ties by word),
    periods in time order."""
    terms = _terms("terms", terms)
    top_n = check_int("top_n", top_n, min_value=1)
    rows, missing = [], {}
    for period, space in model.spaces.items():
        for term in terms:
            if term not in space:
                missing.setdefault(term, []).append(period)
                continue
            similarity = space.vectors @ space.vector(term)
            order = np.lexsort((np.array(space.words, dtype=object), -np.round(similarity, 12)))
            order = [i for i in order if space.words[i] != term][:top_n]
            rows += [(period, term, space.words[i], float(similarity[i]), rank)
                     for rank, i in enumerate(order, start=1)]
    _warn_missing(missing, "term(s)")
    return pd.DataFrame(rows, columns=NEIGHBOUR_COLUMNS).astype({"rank": "int64", "similarity": "float64"})


def axis(model: Embeddings, pole_a: Sequence[str], pole_b: Sequence[str], terms: str | Sequence[str], *,
         n_boot: int = 200, level: float = 0.95, random_state: int = RANDOM_STATE) -> pd.DataFrame:
    """Where each term lies between two poles in each period (semantic projection, Kozlowski, Taddy & Evans
    2019): the cosine of its vector with the axis ``mean(pole_b) − mean(pole_a)`` of the poles' unit vectors,
    from −1 (towards ``pole_a``) to +1 (towards ``pole_b``).

    ``lower``, ``upper``: the percentile bootstrap interval at ``level`` over the pole words (each pole's words
    present in the period resampled with replacement ``n_boot`` times); it measures how much the position hangs
    on the choice of pole words, not sampling error of the texts, and is zero wide for poles of one word.
    Returns ``period, term, position, lower, upper, n_pole_a, n_pole_b`` (the pole words found in the period).
    """
    pole_a, pole_b = _terms("pole_a", pole_a), _terms("pole_b", pole_b)
    terms = _terms("terms", terms)
    both = sorted(set(pole_a) & set(pole_b))
    if both:
        raise ParameterError(f"pole_a and pole_b share {', '.join(both)}: a word can stand for one pole only")
    n_boot = check_int("n_boot", n_boot, min_value=1)
    level = check_number("level", level, min_value=0.5, max_value=0.999)
    random_state = check_int("random_state", random_state, min_value=0)
    rows, missing, no_pole = [], {}, []
    for i, (period, space) in enumerate(model.spaces.items()):
        a = np.array([space.index[w] for w in pole_a if w in space], dtype=np.int64)
        b = np.array([space.index[w] for w in pole_b if w in space], dtype=np.int64)
        if not len(a) or not len(b):
            no_pole.append(period)
            continue
        present = [t for t in terms if t in space]
        for term in terms:
            if term not in space:
                missing.setdefault(term, []).append(period)
        if not present:
            continue
        vectors = space.vectors[[space.index[t] for t in present]]
        position = _project(vectors, space.vectors[a].mean(axis=0), space.vectors[b].mean(axis=0))
        rng = np.random.default_rng([random_state, i])
        draws = np.empty((n_boot, len(present)))
        for k in range(n_boot):
            pick_a = space.vectors[rng.choice(a, size=len(a))].mean(axis=0)
            pick_b = space.vectors[rng.choice(b, size=len(b))].mean(axis=0)
            draws[k] = _project(vectors, pick_a, pick_b)
        tail = (1 - level) / 2 * 100
        lower, upper = np.percentile(draws, [tail, 100 - tail], axis=0)
        rows += [(period, t, float(position[j]), float(lower[j]), float(upper[j]), len(a), len(b))
                 for j, t in enumerate(present)]
    if no_pole:
        warnings.warn(f"period(s) {', '.join(no_pole)} left out: the model has no word of pole_a or of pole_b "
                      "there", TermWarning, stacklevel=2)
    _warn_missing(missing, "term(s)")
    return pd.DataFrame(rows, columns=AXIS_COLUMNS)


def _project(vectors: np.ndarray, mean_a: np.ndarray, mean_b: np.ndarray) -> np.ndarray:
    """Cosine of each row of ``vectors`` with ``mean_b − mean_a`` (zero for a null axis)."""
    direction = mean_b - mean_a
    norm = np.linalg.norm(direction)
    if norm == 0:
        return np.zeros(len(vectors))
    return vectors @ (direction / norm)


def drift(model: Embeddings, terms: str | Sequence[str]) -> pd.DataFrame:
    """How close each term's vector in each period is to its vector in the latest period, after alignment:
    ``period, term, similarity, n_shared`` (cosine; 1 in the latest period itself; lower means the word's
    company changed more; ``n_shared``: the words the alignment rests on).  Semantic displacement as in
    Hamilton, Leskovec & Jurafsky (2016), measured against the latest period."""
    if model.spaces and not model.aligned:
        raise ParameterError("model is not aligned: drift compares vectors across periods, so train with "
                             "align_to_latest=True or call embeddings.align(model) first")
    terms = _terms("terms", terms)
    if not model.spaces:
        return pd.DataFrame(columns=DRIFT_COLUMNS)
    latest = model.space(model.latest)
    shared = dict(zip(model.periods["period"], model.periods["n_shared"], strict=True))
    rows, missing = [], {}
    for period, space in model.spaces.items():
        for term in terms:
            if term not in space or term not in latest:
                missing.setdefault(term, []).append(period)
                continue
            rows.append((period, term, float(space.vector(term) @ latest.vector(term)), int(shared[period])))
    _warn_missing(missing, "term(s) (in that period or the latest)")
    return pd.DataFrame(rows, columns=DRIFT_COLUMNS)
