"""helpers.textmodel.dfm: the document-feature matrix, in memory and from a tokens dataset on disk."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import corpus, textmodel, textstat
from helpers.errors import ParameterError


def test_dfm_counts_equal_the_frequency_table(store):
    """Each cell is the term's count in the document as textstat.frequency gives it; rows in corpus order, later
    editions left out (the speech's edition and the 2021 report, an edition of 2019)."""
    matrix = textmodel.dfm(store.tokens, corpus=store.corpus)
    works = corpus.first_editions(store.memory.documents)["doc_id"].tolist()
    assert matrix.docnames == works and len(works) < len(store.memory.documents)
    assert matrix.docvars["doc_id"].tolist() == works and "year" in matrix.docvars
    assert matrix.features == sorted(matrix.features)
    freq = textstat.frequency(store.memory.tokens, by="doc_id")
    freq = freq[freq["doc_id"].isin(works)]
    got = {(d, f): int(c) for d, row in zip(matrix.docnames, matrix.matrix.toarray(), strict=True)
           for f, c in zip(matrix.features, row, strict=True) if c}
    assert got == {(d, t): int(c) for d, t, c in zip(freq["doc_id"], freq["term"], freq["count"], strict=True)}


def test_dfm_the_same_in_memory_and_on_disk(store):
    got, expected = store.against_memory(lambda s: textmodel.dfm(s.tokens, corpus=s.corpus, editions="all"))
    assert got.docnames == expected.docnames == store.memory.documents["doc_id"].tolist()
    assert got.features == expected.features
    assert (got.matrix != expected.matrix).nnz == 0


def test_dfm_trims_rare_features(store):
    full = textmodel.dfm(store.memory.tokens, corpus=store.memory.corpus)
    trimmed = textmodel.dfm(store.memory.tokens, corpus=store.memory.corpus, min_termfreq=5, min_docfreq=3)
    counts = full.matrix.toarray()
    keep = (counts.sum(axis=0) >= 5) & ((counts > 0).sum(axis=0) >= 3)
    assert trimmed.features == [f for f, k in zip(full.features, keep, strict=True) if k]
    assert np.array_equal(trimmed.matrix.toarray(), counts[:, keep])


def test_dfm_by_year_pools_documents(store):
    by_year = textmodel.dfm(store.memory.tokens, by="year", corpus=store.memory.corpus)
    works = corpus.first_editions(store.memory.documents)
    assert by_year.docnames == [str(y) for y in works["year"]]  # each year one work here (editions left out)
    assert by_year.docvars["n_documents"].tolist() == [1] * len(works)
    by_doc = textmodel.dfm(store.memory.tokens, corpus=store.memory.corpus)
    assert np.array_equal(by_year.matrix.toarray(), by_doc.matrix.toarray())


def test_dfm_bad_options(store):
    with pytest.raises(ParameterError, match="min_docfreq"):
        textmodel.dfm(store.memory.tokens, min_docfreq=0)
    with pytest.raises(ParameterError, match="editions"):
        textmodel.dfm(store.memory.tokens, editions="some")
    with pytest.raises(ParameterError, match="corpus="):
        textmodel.dfm(store.memory.tokens, by="year")
