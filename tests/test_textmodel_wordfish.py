"""helpers.textmodel.wordfish: counts drawn from the model itself, real documents, the 1954–2019 work reports."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import poisson, spearmanr

from helpers import corpus, textmodel, tokens
from helpers.errors import ParameterError


@pytest.fixture(scope="module")
def simulated() -> tuple[textmodel.DocumentFeatureMatrix, np.ndarray]:
    """Twelve documents of 400 words' counts drawn from the Wordfish model at known positions."""
    rng = np.random.default_rng(7)
    theta = np.linspace(-1.6, 1.6, 12)
    alpha = rng.normal(0, 0.3, 12)
    psi = rng.normal(0, 1, 400)
    beta = rng.normal(0, 0.8, 400)
    counts = rng.poisson(np.exp(alpha[:, None] + psi[None, :] + np.outer(theta, beta)))
    names = [f"d{k:02d}" for k in range(12)]
    return textmodel.from_counts(counts, names, [f"w{j}" for j in range(400)]), theta


def test_wordfish_recovers_the_positions_counts_were_drawn_from(simulated):
    matrix, truth = simulated
    model = textmodel.wordfish(matrix, dir=("d00", "d11"))
    docs = model.documents
    assert model.converged and model.stopped in ("fall", "tol") and list(docs.columns[:5]) == ["doc_id", "theta", "se", "lower", "upper"]
    assert np.corrcoef(docs["theta"], truth)[0, 1] > 0.99
    assert docs["theta"].mean() == pytest.approx(0, abs=1e-9) and docs["theta"].std(ddof=0) == pytest.approx(1)
    assert (docs["se"] > 0).all() and (docs["lower"] < docs["theta"]).all() and (docs["theta"] < docs["upper"]).all()
    counts = matrix.matrix.toarray()
    used = counts.sum(axis=0) > 0  # words never drawn have no estimate
    assert list(model.features.columns) == ["feature", "beta", "psi"]
    assert model.features["feature"].tolist() == [f for f, u in zip(matrix.features, used, strict=True) if u]
    # the log-likelihood is the Poisson log-likelihood of the counts at the reported rates
    rate = np.exp(docs["alpha"].to_numpy()[:, None] + model.features["psi"].to_numpy()[None, :]
                  + np.outer(docs["theta"], model.features["beta"]))
    assert model.loglik == pytest.approx(poisson.logpmf(counts[:, used], rate).sum())
    # dir turns the dimension; the fit is otherwise the same
    flipped = textmodel.wordfish(matrix, dir=("d11", "d00"))
    assert np.allclose(flipped.documents["theta"], -docs["theta"], atol=1e-6)
    # positions of the fitted documents predicted back from the word parameters
    predicted = model.predict(matrix)
    assert np.allclose(predicted["theta"], docs["theta"], atol=1e-4)
    assert np.allclose(predicted["se"], docs["se"], rtol=1e-3)


def test_wordfish_predicts_new_documents_out_of_sample(simulated):
    matrix, truth = simulated
    fitted = textmodel.wordfish(matrix.subset([f"d{k:02d}" for k in range(0, 12, 2)]), dir=("d00", "d10"))
    held_out = fitted.predict(matrix.subset([f"d{k:02d}" for k in range(1, 12, 2)]))
    assert held_out["doc_id"].tolist() == [f"d{k:02d}" for k in range(1, 12, 2)]
    assert np.corrcoef(held_out["theta"], truth[1::2])[0, 1] > 0.98


def test_wordfish_on_real_documents(store):
    matrix = textmodel.dfm(store.memory.tokens, corpus=store.memory.corpus, editions="all")
    first, last = matrix.docnames[0], matrix.docnames[-1]
    model = textmodel.wordfish(matrix, dir=(first, last))
    theta = model.documents.set_index("doc_id")["theta"]
    assert model.converged and theta[first] < theta[last] and np.isfinite(model.loglik)
    # the speech and its edition (98 % the same text) stand together, apart from the reports
    speech = corpus.first_editions(store.memory.documents)["doc_id"].iloc[0]
    edition = store.memory.documents.set_index("doc_id")["edition_of"].eq(speech).idxmax()
    others = theta.drop([speech, edition])
    assert abs(theta[speech] - theta[edition]) < (others - theta[speech]).abs().min()


def test_wordfish_errors(simulated, store):
    matrix, _ = simulated
    with pytest.raises(ParameterError, match="dir: no document 'd99'"):
        textmodel.wordfish(matrix, dir=("d00", "d99"))
    with pytest.raises(ParameterError, match="at least 3"):
        textmodel.wordfish(matrix.subset(["d00", "d01"]))
    with pytest.raises(ParameterError, match="priors"):
        textmodel.wordfish(matrix, priors=(1, 2))
    one = textmodel.dfm(store.memory.select(store.memory.documents["doc_id"].iloc[0]).tokens)
    with pytest.raises(ParameterError, match="by='section'"):
        textmodel.wordfish(one)


@pytest.mark.slow
def test_wordfish_orders_the_work_reports_1954_2019_by_time(tables):
    """On the 76 table documents, the positions of the work reports follow their years (Spearman ρ above 0.9)."""
    loaded = corpus.load(tables)
    matrix = textmodel.dfm(tokens.segment(loaded.paragraphs, progress=False), corpus=loaded)
    reports = matrix.docvars[matrix.docvars["genre"] == "government work report"].sort_values("year")
    model = textmodel.wordfish(matrix, dir=(reports["doc_id"].iloc[-1], reports["doc_id"].iloc[0]))
    assert model.stopped in ("fall", "tol", "max_iter") and model.iterations <= 100
    theta = model.documents.set_index("doc_id").loc[reports["doc_id"], "theta"]
    assert spearmanr(theta, reports["year"]).statistic < -0.9
