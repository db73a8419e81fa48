"""helpers.textstat.similarity: cosine similarity of TF-IDF vectors."""

from __future__ import annotations

import math

import pytest

from helpers import textstat, tokens


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs)


def test_similarity_matrix(seed, words):
    sim = textstat.similarity(textstat.annotate(words, seed, ["section"]), by="section")
    assert list(sim.index) == list(sim.columns) and len(sim) == 7
    assert all(math.isclose(sim.loc[s, s], 1) for s in sim.index)
    assert ((sim.to_numpy() > 0) & (sim.to_numpy() <= 1.0000001)).all()
