"""helpers.textmodel.ca: Greenacre's smoking data (published inertias) and real documents, dense and sparse."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from helpers import textmodel
from helpers.errors import ParameterError

# Greenacre (1984; "Correspondence Analysis in Practice", 2007, exhibit 8.1): staff groups × smoking
SMOKE = np.array([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]])


def test_ca_reproduces_greenacres_smoking_example():
    matrix = textmodel.from_counts(SMOKE, ["SM", "JM", "SE", "JE", "SC"], ["none", "light", "medium", "heavy"])
    model = textmodel.ca(matrix, n_dims=3)
    # published principal inertias 0.0748, 0.0100, 0.0004 (total 0.0852): 87.8 % and 11.8 % on the first two axes
    assert np.round(model.singular_values ** 2, 4).tolist() == [0.0748, 0.0100, 0.0004]
    assert round(model.inertia, 4) == 0.0852
    assert np.round(model.explained[:2] * 100, 1).tolist() == [87.8, 11.8]
    # published standard column coordinates (signs of an axis are arbitrary)
    features = model.features.set_index("feature")
    assert np.round(np.abs(features["dim1"]), 3).tolist() == [1.438, 0.364, 0.718, 1.074]
    assert np.round(np.abs(features["dim2"]), 3).tolist() == [0.305, 1.409, 0.074, 1.976]
    # standard coordinates have weighted mean 0 and weighted variance 1
    docs = model.documents
    assert np.allclose((docs["mass"].to_numpy()[:, None] * docs[["dim1", "dim2"]] ** 2).sum(), 1)


def _real(store) -> textmodel.DocumentFeatureMatrix:
    return textmodel.dfm(store.memory.tokens, corpus=store.memory.corpus, editions="all")


def test_ca_of_real_documents_equals_numpys_dense_svd(store):
    matrix = _real(store)
    model = textmodel.ca(matrix, n_dims=2)
    n = matrix.matrix.toarray().astype(float)
    p = n / n.sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = np.linalg.svd((p - np.outer(r, c)) / np.sqrt(np.outer(r, c)), compute_uv=False)
    assert np.allclose(model.singular_values, s[:2])
    assert model.inertia == pytest.approx((s ** 2).sum())
    assert model.documents["doc_id"].tolist() == matrix.docnames and len(model.features) == len(matrix.features)


def test_ca_sparse_path_equals_the_dense_one(store, monkeypatch):
    matrix = _real(store)
    dense = textmodel.ca(matrix, n_dims=3)
    monkeypatch.setattr(importlib.import_module("helpers.textmodel.ca"), "DENSE_CELLS", 0)
    sparse = textmodel.ca(matrix, n_dims=3)
    assert np.allclose(sparse.singular_values, dense.singular_values)
    for got, expected in ((sparse.documents, dense.documents), (sparse.features, dense.features)):
        assert np.allclose(np.abs(got[["dim1", "dim2", "dim3"]]), np.abs(expected[["dim1", "dim2", "dim3"]]),
                           atol=1e-8)


def test_ca_errors(store):
    matrix = _real(store)
    with pytest.raises(ParameterError, match="n_dims"):
        textmodel.ca(matrix, n_dims=len(matrix.docnames))
    with pytest.raises(ParameterError, match="at least 3"):
        textmodel.ca(matrix.subset(matrix.docnames[:2]))
