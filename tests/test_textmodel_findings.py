"""The findings and the figure of notebook 05 (helpers.findings.models, helpers.textplot.models) on real text."""

from __future__ import annotations

import pytest

from helpers import findings, textmodel, textplot, textstat
from helpers.errors import ParameterError
from helpers.textplot import readability


@pytest.fixture(scope="module")
def fitted(multi_memory):
    matrix = textmodel.dfm(multi_memory.tokens, corpus=multi_memory.corpus)
    references = textmodel.reference_ends(matrix)
    return matrix, references, textmodel.wordfish(matrix, dir=tuple(references))


def test_one_document_says_why_no_model_is_fitted(seed, words):
    matrix = textmodel.dfm(words, corpus=seed)
    assert not textmodel.can_scale(matrix)
    said = str(findings.model_matrix(matrix, n_loaded=len(seed.documents)))
    assert "holds 1 document and" in said and f"at least {textmodel.MIN_DOCUMENTS}" in said
    assert "Wordfish is not fitted" in str(findings.wordfish_positions(None))
    assert "not fitted" in str(findings.wordscores_positions(None, {}))
    fig = textplot.positions(None, title="Wordfish", note=findings.needs_documents(matrix))
    assert not readability.problems(fig)


def test_the_earliest_and_latest_documents_are_the_default_references(fitted):
    matrix, references, _ = fitted
    order = matrix.in_time_order()
    years = matrix.docvars.set_index("doc_id").loc[order, "year"].tolist()
    assert years == sorted(years) and references == {order[0]: -1.0, order[-1]: 1.0}
    assert textmodel.reference_ends(matrix, [order[1], order[0]]) == {order[1]: -1.0, order[0]: 1.0}
    with pytest.raises(ParameterError, match="reference_docs"):
        textmodel.reference_ends(matrix, [order[0], "nowhere"])


def test_wordfish_findings_state_the_fitted_numbers(fitted):
    matrix, _, model = fitted
    labels = textstat.document_labels(matrix.docvars)
    said = str(findings.wordfish_positions(model, labels=labels, order=matrix.in_time_order()))
    low = model.documents.loc[model.documents["theta"].idxmin()]
    assert f"after {model.iterations} iteration" in said
    assert f"{low['doc_id']}) (θ = {low['theta']:.2f}" in said
    assert model.features.sort_values("beta")["feature"].iloc[0] in said
    assert f"Of {len(matrix.docnames) - 1} pairs of documents next to each other in time" in said


def test_positions_figure_runs_in_time_order(fitted):
    matrix, _, model = fitted
    labels = textstat.document_labels(matrix.docvars)
    placed = model.documents.merge(matrix.docvars[["doc_id", "genre"]], on="doc_id")
    fig = textplot.positions(placed, labels=labels, hue="genre", title="Wordfish 位置 positions")
    assert not readability.problems(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ordered = [labels[d] for d in labels.index if d in set(matrix.docnames)]
    assert sorted(ticks, key=lambda t: -fig.axes[0].get_yticks()[ticks.index(t)]) == ordered
    mapped = textmodel.ca(matrix, n_dims=2)
    assert not readability.problems(textplot.positions(mapped.documents, value="dim1", labels=labels))
