"""helpers.textmodel.wordscores: the published example of Laver, Benoit & Garry (2003) and real reports."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import textmodel
from helpers.errors import ParameterError

# LBG 2003, Table 1: 37 words A … Z, ZA … ZK; each reference text counts 1,000 words spread over 17 adjacent
# words in a normal-shaped profile, each text five words further along than the one before; the virgin text V1
# has the same profile starting at the eighth word (H).
PROFILE = [2, 3, 10, 22, 45, 78, 115, 146, 158, 146, 115, 78, 45, 22, 10, 3, 2]
WORDS = [chr(ord("A") + k) for k in range(26)] + [f"Z{chr(ord('A') + k)}" for k in range(11)]
REFERENCE = {"R1": -1.5, "R2": -0.75, "R3": 0.0, "R4": 0.75, "R5": 1.5}


def _text(start: int) -> np.ndarray:
    counts = np.zeros(len(WORDS), dtype=np.int64)
    counts[start:start + len(PROFILE)] = PROFILE
    return counts


@pytest.fixture(scope="module")
def lbg() -> textmodel.DocumentFeatureMatrix:
    rows = [_text(5 * k) for k in range(5)] + [_text(7)]
    return textmodel.from_counts(np.vstack(rows), [*REFERENCE, "V1"], WORDS)


def test_the_lbg_example_is_built_as_published(lbg):
    assert lbg.shape == (6, 37) and WORDS[-1] == "ZK"
    assert (lbg.matrix.sum(axis=1) == 1000).all()
    assert lbg.matrix[0, WORDS.index("I")] == 158 and lbg.matrix[4, WORDS.index("ZK")] == 2


def test_wordscores_reproduce_the_published_lbg_example(lbg):
    model = textmodel.wordscores(lbg, REFERENCE)
    raw = model.predict(lbg).set_index("doc_id")
    assert round(raw.loc["V1", "fit"], 3) == -0.448
    assert raw.loc["V1", "se"] == pytest.approx(0.0119, abs=5e-4)  # quanteda's test: about 0.01
    assert raw.loc["V1", "lower"] < -0.448 < raw.loc["V1", "upper"]
    assert round(model.predict(lbg, rescaling="lbg").set_index("doc_id").loc["V1", "fit"], 3) == -0.530
    mv = model.predict(lbg, rescaling="mv").set_index("doc_id")
    assert round(mv.loc["V1", "fit"], 2) == -0.51  # quanteda's test of MV rescaling
    assert mv.loc["R1", "fit"] == pytest.approx(-1.5) and mv.loc["R5", "fit"] == pytest.approx(1.5)
    scores = model.wordscores.set_index("feature")["score"]
    assert scores["A"] == pytest.approx(-1.5) and scores["ZK"] == pytest.approx(1.5) and abs(scores["M"]) < 1


def test_wordscores_on_real_reports(store):
    """Two works as references: each lands on its side, the third between; intervals hold the fit."""
    matrix = textmodel.dfm(store.memory.tokens, corpus=store.memory.corpus)
    first, second, other = matrix.docnames
    model = textmodel.wordscores(matrix, {first: -1, second: 1})
    fits = model.predict(matrix, interval="confidence").set_index("doc_id")
    assert fits.loc[first, "fit"] < fits.loc[other, "fit"] < fits.loc[second, "fit"]
    assert (fits["lower"] < fits["fit"]).all() and (fits["fit"] < fits["upper"]).all()
    smoothed = textmodel.wordscores(matrix, {first: -1, second: 1}, smooth=1)
    assert len(smoothed.wordscores) == len(matrix.features) >= len(model.wordscores)


def test_wordscores_errors(lbg):
    with pytest.raises(ParameterError, match="no document in the dfm 'R9'"):
        textmodel.wordscores(lbg, {"R1": -1, "R9": 1})
    with pytest.raises(ParameterError, match="at least two"):
        textmodel.wordscores(lbg, {"R1": -1})
    model = textmodel.wordscores(lbg, REFERENCE)
    with pytest.raises(ParameterError, match="rescaling"):
        model.predict(lbg, rescaling="linear")
    with pytest.raises(ParameterError, match="at least two texts"):
        model.predict(lbg.subset(["V1"]), rescaling="lbg")
