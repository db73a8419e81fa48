"""P-values without scipy.stats: the same numbers as scipy.stats on real statistics, and BH as scipy's."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import LISTS
from scipy import stats

from helpers import textstat, tokens
from helpers.textstat.pvalues import benjamini_hochberg, chi2_p, normal_p


@pytest.fixture(scope="module")
def two_reports(extended_store):
    words = extended_store.with_stopwords(LISTS).tokens
    return (textstat.counts(tokens.of_documents(words, "2019-03-05_gwr-2019")),
            textstat.counts(tokens.of_documents(words, "2014-03-05_gwr-2014")))


def test_chi2_and_normal_tails_equal_scipy_stats_on_real_keyness(two_reports):
    target, reference = two_reports
    g2 = textstat.keyness(target, reference, measure="g2")
    odds = textstat.keyness(target, reference, measure="log_odds_dirichlet")
    assert len(g2) > 1000 and (g2["p_value"] < 0.05).sum() > 10
    np.testing.assert_array_equal(chi2_p(g2["statistic"].to_numpy()), stats.chi2.sf(g2["statistic"].to_numpy(), 1))
    # the p-value of signed G² is that of its size (G² is signed by the direction of the difference)
    np.testing.assert_array_equal(g2["p_value"].to_numpy(), stats.chi2.sf(g2["statistic"].abs().to_numpy(), 1))
    z = odds["z"].to_numpy()
    np.testing.assert_array_equal(normal_p(z), 2 * stats.norm.sf(np.abs(z)))
    np.testing.assert_array_equal(odds["p_value"].to_numpy(), 2 * stats.norm.sf(np.abs(z)))


def test_benjamini_hochberg_equals_scipy_on_real_p_values(two_reports):
    target, reference = two_reports
    p = textstat.keyness(target, reference, measure="g2")["p_value"].to_numpy()
    ours = benjamini_hochberg(p)
    np.testing.assert_allclose(ours, stats.false_discovery_control(p, method="bh"), rtol=1e-12, atol=0)
    assert (ours >= p).all() and (ours <= 1).all()
    assert (ours < 0.05).sum() < (p < 0.05).sum()  # the correction removes some
    ties = np.array([0.01, 0.04, 0.04, 0.03, 0.5])
    np.testing.assert_allclose(benjamini_hochberg(ties), stats.false_discovery_control(ties, method="bh"))
    assert benjamini_hochberg([]).shape == (0,)


def test_the_notebook_imports_leave_scipy_stats_sklearn_and_gensim_unloaded():
    """What each notebook's import cell costs: these three take 0.2–0.8 s each to import and are loaded only when
    a function that needs them runs."""
    code = ("import sys, helpers.report.kernel; from helpers import corpus, dictionary, embeddings, explore, export, "
            "findings, formulations, outputs, provenance, revisions, textmodel, textplot, textstat, themes, tokens; "
            "print(sorted(m for m in ('scipy.stats', 'sklearn', 'gensim', 'networkx', 'openpyxl', 'rdata') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
