"""Wordscores (Laver, Benoit & Garry 2003): word scores learnt from reference texts of known position, and the
positions of other texts scored by them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import ndtri  # the standard normal quantile (scipy.stats.norm.ppf) without importing scipy.stats

from ..errors import ParameterError
from ..validate import check_choice, check_known, check_number
from .dfm import DocumentFeatureMatrix

__all__ = ["Wordscores", "wordscores"]

PREDICTED = ["doc_id", "fit", "se", "lower", "upper"]


@dataclass(frozen=True, eq=False)
class Wordscores:
    """Fitted Wordscores: ``wordscores`` (``feature, score``) and the reference ``scores`` (doc_id → position)."""

    wordscores: pd.DataFrame
    scores: dict[str, float]
    reference: DocumentFeatureMatrix

    def predict(self, dfm: DocumentFeatureMatrix | None = None, *, rescaling: str = "none",
                interval: str = "confidence", level: float = 0.95) -> pd.DataFrame:
        """The position of each document of ``dfm`` (the reference matrix if None): ``doc_id, fit, se, lower,
        upper``.

        ``fit`` is the mean score of the document's scored words weighted by their relative frequency; ``se`` is
        the square root of their weighted variance over the number of scored words (LBG 2003, p. 316); ``lower,
        upper`` the ``level`` interval ``fit ± z·se`` (``interval="none"``: left empty).  ``rescaling="lbg"``
        gives the predicted texts the reference scores' spread (mean kept, standard deviations with n − 1; needs
        two texts or more); ``"mv"`` (Martin & Vanberg 2008) maps the raw scores of the lowest and highest
        reference texts onto their positions.  The interval is rescaled with the fit.  A document without
        scored words gets no fit (NaN).
        """
        check_choice("rescaling", rescaling, ("none", "lbg", "mv"))
        check_choice("interval", interval, ("confidence", "none"))
        level = check_number("level", level, min_value=0.5, max_value=0.999)
        dfm = self.reference if dfm is None else dfm
        fit, se = _raw(self.wordscores, dfm)
        if rescaling == "lbg":
            shown = np.isfinite(fit)
            if shown.sum() < 2:
                raise ParameterError("rescaling='lbg' needs the scores of at least two texts (it gives them the "
                                     "reference texts' spread): predict several texts, or use rescaling='mv'")
            mean = fit[shown].mean()
            ref = np.array(list(self.scores.values()))
            factor = ref.std(ddof=1) / fit[shown].std(ddof=1)
            shift = mean - mean * factor
        elif rescaling == "mv":
            raw, _ = _raw(self.wordscores, self.reference)
            names = pd.Index(self.reference.docnames)
            low, high = min(self.scores, key=self.scores.get), max(self.scores, key=self.scores.get)
            raw_low, raw_high = raw[names.get_loc(low)], raw[names.get_loc(high)]
            factor = (self.scores[high] - self.scores[low]) / (raw_high - raw_low)
            shift = self.scores[low] - raw_low * factor
        else:
            factor, shift = 1.0, 0.0
        z = ndtri(0.5 + level / 2)
        out = pd.DataFrame({"doc_id": dfm.docnames, "fit": fit * factor + shift, "se": se * abs(factor)})
        if interval == "confidence":
            out["lower"] = (fit - z * se) * factor + shift
            out["upper"] = (fit + z * se) * factor + shift
            out[["lower", "upper"]] = np.sort(out[["lower", "upper"]].to_numpy(), axis=1)
        else:
            out["lower"] = np.nan
            out["upper"] = np.nan
        return out[PREDICTED]


def wordscores(dfm: DocumentFeatureMatrix, scores: Mapping[str, float], *, smooth: float = 0) -> Wordscores:
    """Word scores from the reference documents ``scores`` (doc_id → known position) of ``dfm``.

    Each word's score is the mean of the reference positions weighted by P(reference | word): the word's
    relative frequency in each reference text, normalised over the references (LBG 2003, equations 1–2).
    ``smooth`` is added to every count of the reference texts first (0: none).  Words absent from every
    reference text get no score (with ``smooth`` > 0 every feature of ``dfm`` gets one).  Returns a
    :class:`Wordscores`; its ``wordscores`` table is ``feature, score``.
    """
    smooth = check_number("smooth", smooth, min_value=0)
    check_known("scores", list(scores), dfm.docnames, what="document in the dfm", counted="documents")
    given = {str(k): check_number(f"scores[{k!r}]", v) for k, v in scores.items() if v is not None and v == v}
    if len(given) < 2 or len(set(given.values())) < 2:
        raise ParameterError(f"scores gives {len(given)} reference position(s); Wordscores needs at least two "
                             "reference documents with different positions")
    reference = dfm.subset(list(given)) if smooth == 0 else _rows(dfm, list(given))
    counts = reference.matrix.toarray().astype(float) + smooth
    freq = counts / counts.sum(axis=1, keepdims=True)
    used = freq.sum(axis=0) > 0
    prob = freq[:, used] / freq[:, used].sum(axis=0, keepdims=True)
    positions = np.array(list(given.values()))
    table = pd.DataFrame({"feature": np.asarray(reference.features, dtype=object)[used],
                          "score": positions @ prob})
    return Wordscores(table, given, reference)


def _rows(dfm: DocumentFeatureMatrix, docnames: list[str]) -> DocumentFeatureMatrix:
    """The rows ``docnames`` of ``dfm`` with all its features (smoothing gives every feature a score)."""
    rows = pd.Index(dfm.docnames).get_indexer(docnames)
    return DocumentFeatureMatrix(dfm.matrix[rows], docnames, dfm.features,
                                 dfm.docvars.iloc[rows].reset_index(drop=True))


def _raw(table: pd.DataFrame, dfm: DocumentFeatureMatrix) -> tuple[np.ndarray, np.ndarray]:
    """Raw Wordscores ``(fit, se)`` of each document of ``dfm`` from its words scored in ``table``."""
    columns = pd.Index(dfm.features).get_indexer(table["feature"])
    found = columns >= 0
    score = table["score"].to_numpy()[found]
    counts = dfm.matrix[:, columns[found]].toarray().astype(float)
    n = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        freq = counts / n[:, None]
        fit = freq @ score
        variance = (freq * (score[None, :] - fit[:, None]) ** 2).sum(axis=1)
        se = np.sqrt(variance / n)
    return np.where(n > 0, fit, np.nan), np.where(n > 0, se, np.nan)
