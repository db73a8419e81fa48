"""helpers.textmodel.topics and search_k: planted topics and a planted year effect, the 76 table documents, errors."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from helpers import corpus, findings, textmodel, tokens
from helpers.errors import CorpusWarning, ParameterError
from helpers.textmodel.search_k import coherence, hold_out
from helpers.textmodel.topics import EMPTY, UNKNOWN, can_fit_topics, frex
from helpers.textplot import topics as topicplot
from helpers.textplot.readability import problems

YEARS = np.repeat(np.arange(2000, 2020), 3)


def planted_share(year):
    """The share of topic A planted in a document of ``year``: 0.05 in 2000, rising linearly to 0.95 in 2019."""
    return 0.05 + 0.9 * (np.asarray(year) - 2000) / 19


@pytest.fixture(scope="module")
def planted() -> textmodel.DocumentFeatureMatrix:
    """Sixty documents of 400 words from two topics with disjoint words (a0…a29, b0…b29); topic A's share rises
    with the year; genre x or y has no effect; one document has no genre."""
    rng = np.random.default_rng(3)
    vocab = [f"a{j}" for j in range(30)] + [f"b{j}" for j in range(30)]
    word_probs = rng.dirichlet(np.ones(30) * 2, size=2)
    counts = []
    for year in YEARS:
        share = planted_share(year)
        probs = np.concatenate([share * word_probs[0], (1 - share) * word_probs[1]])
        counts.append(rng.multinomial(400, probs))
    names = [f"d{i:02d}" for i in range(len(YEARS))]
    genre = np.where(np.arange(len(YEARS)) % 2 == 0, "x", "y").astype(object)
    genre[5] = None
    docvars = pd.DataFrame({"doc_id": names, "year": YEARS, "genre": genre})
    return textmodel.from_counts(np.array(counts), names, vocab, docvars=docvars)


def test_topics_recover_planted_topics_and_their_year_effect(planted):
    model = textmodel.topics(planted, k=2, random_state=0)
    words = model.words
    assert list(words.columns) == ["topic", "term", "prob", "frex"]
    assert list(model.documents.columns) == ["doc_id", "topic", "share"]
    # each topic's ten most probable words all come from one planted topic
    first = {t: set(words[words["topic"] == t].head(10)["term"].str[0]) for t in (1, 2)}
    assert sorted(first.values(), key=str) == [{"a"}, {"b"}]
    topic_a = next(t for t, letters in first.items() if letters == {"a"})
    assert model.labels.set_index("topic").loc[topic_a, "label"].count("a") == 3
    shares = model.documents[model.documents["topic"] == topic_a].set_index("doc_id")["share"]
    assert np.corrcoef(shares.to_numpy(), planted_share(YEARS))[0, 1] > 0.95
    assert model.documents.groupby("doc_id")["share"].sum().to_numpy() == pytest.approx(1)
    # the undeclared genre is a category of its own, never dropped
    assert model.covariates.loc[5, "genre"] == UNKNOWN
    effect = model.effect("year")
    assert list(effect.columns) == ["topic", "value", "estimate", "lower", "upper"]
    along = effect[effect["topic"] == topic_a].set_index("value")
    assert along.index.tolist() == list(range(2000, 2020))
    # the planted rise (0.9 over 19 years) recovered with the right sign and within a fifth of its size
    rise = along.loc[2019, "estimate"] - along.loc[2000, "estimate"]
    assert 0.8 * 0.9 < rise < 1.2 * 0.9
    # the intervals cover the planted shares in the middle years; at the ends LDA's sparse prior (1/K) pulls the
    # most extreme documents towards a pure topic, so there the estimate is biased outwards by a few points
    for year in (2007, 2010, 2012):
        assert along.loc[year, "lower"] < planted_share(year) < along.loc[year, "upper"]
    assert (along["lower"] < along["estimate"]).all() and (along["estimate"] < along["upper"]).all()
    # genre has no planted effect: its categories' intervals overlap and include the unknown one
    by_genre = model.effect("genre")
    part = by_genre[by_genre["topic"] == topic_a].set_index("value")
    assert set(part.index) == {"x", "y", UNKNOWN}
    assert part.loc["x", "lower"] < part.loc["y", "upper"] and part.loc["y", "lower"] < part.loc["x", "upper"]
    per_genre = model.effect("year", by="genre")
    assert list(per_genre.columns) == ["topic", "value", "genre", "estimate", "lower", "upper"]
    assert set(per_genre.loc[per_genre["genre"] == UNKNOWN, "value"]) == {YEARS[5]}


def test_frex_is_the_harmonic_mean_of_exclusivity_and_frequency_ranks():
    beta = np.array([[0.5, 0.3, 0.2], [0.1, 0.3, 0.6]])
    # topic 1: exclusivity 5/6, 1/2, 1/4 -> ranks 1, 2/3, 1/3; frequency ranks 1, 2/3, 1/3
    assert frex(beta)[0] == pytest.approx([1.0, 2 / 3, 1 / 3])
    # topic 2: exclusivity ranks 1/3, 2/3, 1; frequency ranks 1/3, 2/3, 1; weight 0.7 changes nothing here
    assert frex(beta, weight=0.7)[1] == pytest.approx([1 / 3, 2 / 3, 1.0])
    beta = np.array([[0.5, 0.4, 0.1], [0.1, 0.8, 0.1]])
    # topic 1: exclusivity 5/6, 1/3, 1/2 -> ranks 1, 1/3, 2/3; frequency ranks 1, 2/3, 1/3
    assert frex(beta)[0] == pytest.approx([1.0, 1 / (0.5 * 3 + 0.5 * 1.5), 1 / (0.5 * 1.5 + 0.5 * 3)])
    assert frex(beta, weight=0.7)[0, 1] == pytest.approx(1 / (0.7 * 3 + 0.3 * 1.5))


def test_topics_are_deterministic_for_a_random_state(planted):
    one, two = (textmodel.topics(planted, k=3, random_state=5) for _ in range(2))
    pd.testing.assert_frame_equal(one.documents, two.documents)
    pd.testing.assert_frame_equal(one.effect("year"), two.effect("year"))
    other = textmodel.topics(planted, k=3, random_state=6)
    assert not np.allclose(one.effect("year")["lower"], other.effect("year")["lower"])


def test_a_document_without_a_year_is_named_and_kept(planted):
    docvars = planted.docvars.copy()
    docvars.loc[7, "year"] = None
    matrix = textmodel.from_counts(planted.matrix, planted.docnames, planted.features, docvars=docvars)
    with pytest.warns(CorpusWarning, match="d07"):
        model = textmodel.topics(matrix, k=2, random_state=0)
    assert "d07" in set(model.documents["doc_id"])
    assert len(model.effect("year")) == 2 * 20


def test_topics_errors_say_what_to_do(planted):
    n = len(planted.docnames)
    for k in (1, n + 1, 2.5, True):
        with pytest.raises(ParameterError, match=rf"k={k!r} must be a whole number from 2 to .*\({n}\)"):
            textmodel.topics(planted, k=k)
    with pytest.raises(ParameterError, match="prevalence names 'region'"):
        textmodel.topics(planted, k=2, prevalence=("year", "region"))
    model = textmodel.topics(planted, k=2, prevalence=("year",))
    with pytest.raises(ParameterError, match="covariate='genre'"):
        model.effect("genre")
    with pytest.raises(ParameterError, match="by='genre'"):
        model.effect("year", by="genre")
    with pytest.raises(ParameterError, match="ks holds 61"):
        textmodel.search_k(planted, ks=(2, 61))
    one = textmodel.from_counts(planted.matrix[:1], planted.docnames[:1], planted.features)
    with pytest.raises(ParameterError, match="at least 2"):
        textmodel.topics(one, k=2)


def test_search_k_prefers_the_planted_number_of_topics(planted):
    table = textmodel.search_k(planted, ks=(2, 6), random_state=0)
    assert list(table.columns) == ["k", "heldout", "coherence", "exclusivity"]
    two, six = table.set_index("k").loc[2], table.set_index("k").loc[6]
    # held-out words per word: finite, and no better with four spurious topics
    assert -np.log(60) < two["heldout"] < 0 and two["heldout"] >= six["heldout"] - 0.01
    # splitting two clean topics into six makes their top words co-occur less: lower coherence
    assert two["coherence"] > six["coherence"] + 1
    assert 0 < six["exclusivity"] <= 10 and 0 < two["exclusivity"] <= 10


def test_hold_out_splits_counts_without_losing_any(planted):
    kept, held = hold_out(planted.matrix, random_state=1)
    assert (kept + held - planted.matrix).nnz == 0
    rows = np.flatnonzero(np.asarray(held.sum(axis=1)).ravel() > 0)
    assert len(rows) == 6
    assert abs(held.sum() / planted.matrix[rows].sum() - 0.5) < 0.05


def test_coherence_is_the_umass_sum_over_pairs():
    counts = np.array([[1, 1, 0], [1, 0, 1], [1, 1, 0], [0, 0, 1]])
    beta = np.array([[0.5, 0.3, 0.2]])
    # top words 0, 1, 2: D(0)=3, D(1)=2, D(1,0)=2, D(2,0)=1, D(2,1)=0
    expected = np.log(3 / 3) + np.log(2 / 3) + np.log(1 / 2)
    from scipy.sparse import csr_matrix
    assert coherence(beta, csr_matrix(counts), top_n=3)[0] == pytest.approx(expected)


def test_topics_on_the_table_documents(tables):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(tables)
        words = tokens.segment(loaded.paragraphs, progress=False)
    matrix = textmodel.dfm(words, corpus=loaded)
    model = textmodel.topics(matrix, k=8, random_state=0)
    docs = model.documents.merge(matrix.docvars[["doc_id", "year", "genre"]], on="doc_id")
    assert docs["doc_id"].nunique() == len(matrix.docnames)
    # the topic of the Mao-era reports (毛主席 / 人民公社 …) falls over the years in the work reports
    labels = model.labels.set_index("topic")["label"]
    assert labels.str.len().gt(0).all() and labels.nunique() == len(labels)
    effect = model.effect("year", by="genre")
    reports = effect[effect["genre"] == "government work report"]
    assert reports["value"].min() == 1954 and reports["value"].max() == 2019
    assert effect.groupby("topic").size().min() == len(effect) / model.k
    early = model.words.groupby("topic").head(30).groupby("topic")["term"].apply(set)
    mao = next(t for t, terms in early.items() if {"毛主席", "人民公社", "无产阶级"} & terms)
    trend = reports[reports["topic"] == mao].set_index("value")["estimate"]
    assert trend.loc[1958] > trend.loc[2015] + 0.1
    # started from documents, none of twenty topics is left empty (from uniform starts, six were)
    wide = textmodel.topics(matrix, k=20, random_state=0)
    assert EMPTY not in set(wide.labels["label"]) and wide.labels["mean_share"].min() > 1e-3


def test_prevalence_figure_draws_each_genre_over_its_own_years(planted):
    model = textmodel.topics(planted, k=2, random_state=0)
    effect = model.effect("year", by="genre")
    fig = topicplot.prevalence(effect, labels=model.labels, title="主题 topics")
    assert problems(fig) == []
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left").split()[0] for ax in axes] == ["T1", "T2"]
    # x, y and unknown named beside their last points; unknown (one document, one year) is a point with an interval
    names = [t.get_text() for t in axes[0].texts]
    assert sorted(names) == sorted(["x", "y", UNKNOWN])
    unknown_year = YEARS[5]
    assert any(len(line.get_xdata()) == 1 and line.get_xdata()[0] == unknown_year for line in axes[0].lines)
    # no band beyond the years observed
    bands = [c.get_paths()[0].vertices[:, 0] for c in axes[0].collections if c.get_paths()]
    assert all(b.min() >= 2000 and b.max() <= 2019 for b in bands if len(b))


def test_topic_words_figure_lists_top_frex_words(planted):
    model = textmodel.topics(planted, k=3, random_state=0)
    fig = topicplot.topic_words(model.words, labels=model.labels, top_n=5)
    assert problems(fig) == []
    lines = [t.get_text() for t in fig.axes[1].texts]
    best = model.words.sort_values("frex", ascending=False).groupby("topic").head(1).sort_values("topic")["term"]
    assert len(lines) == 3 and [line.split()[0] for line in lines] == best.tolist()
    # a topic labelled empty (mean share under 0.1%) says so instead of listing noise, and has no panel over years
    emptied = model.labels.assign(label=model.labels["label"].where(model.labels["topic"] != 3, EMPTY))
    fig = topicplot.topic_words(model.words, labels=emptied, top_n=5)
    assert "empty" in fig.axes[1].texts[2].get_text() and problems(fig) == []
    fig = topicplot.prevalence(model.effect("year"), labels=emptied)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 2 and "1 empty topic(s)" in fig._suptitle.get_text()
    assert "没有主题" in topicplot.prevalence(None).axes[0].texts[0].get_text()


def test_findings_are_generated_from_the_model(planted):
    model = textmodel.topics(planted, k=3, random_state=0)
    labels = str(findings.topic_labels(model))
    assert labels.startswith("Of 3 topics, 3 take words.") and model.labels.loc[0, "label"] in labels
    emptied = model.labels.assign(label=model.labels["label"].where(model.labels["topic"] != 3, EMPTY))
    assert "Of 3 topics, 2 take words; 1 stays empty" in str(findings.topic_labels(replace(model, labels=emptied)))
    rising = str(findings.topic_prevalence(model, model.effect("year", by="genre")))
    topic_a = int(model.words.loc[model.words["term"] == "a0"].sort_values("prob").iloc[-1]["topic"])
    assert f"From 2000 to 2019 in the x documents, the expected share rises most for T{topic_a} " in rising
    assert "intervals apart" in rising
    choice = textmodel.search_k(planted, ks=(2, 4), random_state=0)
    assert str(findings.topic_choice(choice, k=2)).startswith("Of K = 2 and 4, held-out words are most likely with")
    assert findings.topics_need(planted, k=3) == ""
    small = planted.subset(planted.docnames[:8])
    assert "gives 8 documents" in findings.topics_need(small, k=3) and "corpus of at least 10" in findings.topics_need(small, k=3)
    assert "set k_topics to at most 60" in findings.topics_need(planted, k=61)
    assert not can_fit_topics(small, k=3) and can_fit_topics(planted, k=3) and not can_fit_topics(planted, k=61)


def test_prevalence_lines_stop_at_long_gaps_between_observed_years():
    years = np.array([1954, 1955, 1956, 1957, 1958, 1959, 1960, 1964, 1975, 1976, 1977, 1978])
    runs = [years[run].tolist() for run in topicplot._runs(years)]
    assert runs == [list(range(1954, 1961)), [1964], [1975, 1976, 1977, 1978]]
    congresses = np.array([1969, 1973, 1977, 1982, 1987, 1992, 1997, 2002])  # about five years apart: one run
    assert [congresses[run].tolist() for run in topicplot._runs(congresses)] == [congresses.tolist()]


def test_covariates_that_never_vary_or_are_never_known(planted):
    one_genre = textmodel.from_counts(planted.matrix, planted.docnames, planted.features,
                                      docvars=planted.docvars.assign(genre="speech"))
    model = textmodel.topics(one_genre, k=2, random_state=0)
    assert model.effect("genre")["value"].tolist() == ["speech", "speech"]
    assert set(model.effect("year", by="genre")["genre"]) == {"speech"}
    no_year = textmodel.from_counts(planted.matrix, planted.docnames, planted.features,
                                    docvars=planted.docvars.assign(year=None))
    with pytest.warns(CorpusWarning, match="60 document"):
        model = textmodel.topics(no_year, k=2, random_state=0)
    with pytest.raises(ParameterError, match="no document has a value of every prevalence covariate"):
        model.effect("year")
    assert not model.varies("year") and model.varies("genre") and not model.varies("region")
    assert "years are unknown or all the same" in str(findings.topic_prevalence(model, None))
