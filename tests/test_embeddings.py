"""Embeddings by period (helpers/embeddings): periods, training, alignment, neighbours, axis, drift.

Real text: the government work reports of ../shared/corpus-tables (skipped where that folder is absent) and the
bundled multi-document corpus (memory and disk).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import in_a_fresh_process, png_strict, reports_with_a_copy

from helpers import corpus, tokens
from helpers.embeddings import align, axis, drift, neighbours, train
from helpers.embeddings import periods as periods_of
from helpers.errors import CorpusWarning, ParameterError, TermWarning
from helpers.findings import embeddings as embeddingfindings
from helpers.textplot import embeddings as embeddingplot
from helpers.textplot.readability import problems

SMALL = {"dim": 30, "epochs": 3, "min_count": 3}


@pytest.fixture(scope="module")
def reports(tables):
    """The government work reports of the development tables (47 documents, 1954–2019; the NPC's resolutions
    on them, in the same file, left out), and their tokens."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(tables)
    ids = loaded.documents.loc[loaded.documents["genre"] == "government work report", "doc_id"]
    chosen = loaded.select(ids.tolist())
    return chosen, tokens.segment(chosen.paragraphs)


@pytest.fixture(scope="module")
def four(reports):
    """Four periods of the work reports, default options (what the closing note reports)."""
    chosen, words = reports
    return train(words, corpus=chosen, periods=4)


def _doubled(reports, shift: int = 100):
    """The reports 1998–2019 twice: as they are, and a copy of each ``shift`` years later under a new doc_id."""
    chosen, words = reports
    docs = chosen.documents[chosen.documents["year"].between(1998, 2019)]
    ids = docs["doc_id"].tolist()
    base = chosen.select(ids)
    copy = {i: i + "-copy" for i in ids}
    documents = pd.concat([base.documents, base.documents.assign(doc_id=base.documents["doc_id"].map(copy),
                                                                 year=base.documents["year"] + shift)])
    paragraphs = pd.concat([base.paragraphs, base.paragraphs.assign(doc_id=base.paragraphs["doc_id"].map(copy))])
    own = words[words["doc_id"].isin(ids)]
    both = pd.concat([own, own.assign(doc_id=own["doc_id"].map(copy))], ignore_index=True)
    return base.replace(documents=documents.reset_index(drop=True), paragraphs=paragraphs.reset_index(drop=True)), both


# --- periods ---------------------------------------------------------------------------------------------------

def test_periods_as_cut_years_and_as_named_ranges():
    years = pd.DataFrame({"doc_id": list("abcde"), "year": [1954, 1978, 1979, 1992, 2019]})
    placed, table = periods_of.assign(years, [1979, 1992])
    assert table["period"].tolist() == ["1954–1978", "1979–1991", "1992–2019"]
    assert placed["period"].tolist() == ["1954–1978", "1954–1978", "1979–1991", "1992–2019", "1992–2019"]
    with pytest.warns(CorpusWarning, match="in no period left out: d, e"):
        placed, table = periods_of.assign(years, {"新时期": (1978, 1980), "建国初": (1949, 1960)})
    assert table["period"].tolist() == ["建国初", "新时期"]
    assert dict(zip(placed["doc_id"], placed["period"], strict=True)) == {"a": "建国初", "b": "新时期", "c": "新时期"}


def test_equal_periods_balance_the_tokens():
    years = pd.DataFrame({"doc_id": list("abcd"), "year": [1950, 1960, 1970, 1980]})
    sizes = pd.Series({"a": 10, "b": 10, "c": 10, "d": 30})
    _, table = periods_of.assign(years, 2, sizes=sizes)
    assert table[["first_year", "last_year"]].values.tolist() == [[1950, 1970], [1980, 1980]]


@pytest.mark.parametrize("periods", [{"a": (1990, 2000), "b": (2000, 2010)}, [1990, 1980], {"a": (2000, 1990)},
                                     {"a": 1990}, 0, "four"])
def test_bad_periods_raise(periods):
    years = pd.DataFrame({"doc_id": ["a"], "year": [1995]})
    with pytest.raises(ParameterError, match="periods"):
        periods_of.assign(years, periods)


def test_documents_without_a_year_are_named(reports):
    chosen, words = reports
    documents = chosen.documents.copy()
    documents["year"] = documents["year"].astype("Int64")
    undated = documents["doc_id"].iloc[3]
    documents.loc[3, "year"] = pd.NA
    with pytest.warns(CorpusWarning, match=f"without a year left out of the periods: {undated}"):
        model = train(words, corpus=chosen.replace(documents=documents), periods=2, **SMALL)
    assert model.periods["n_documents"].sum() == len(documents) - 1


# --- training ----------------------------------------------------------------------------------------------------

def test_four_periods_of_the_work_reports(four):
    table = four.periods
    assert len(table) == 4 and table["trained"].all() and four.aligned
    assert table["first_year"].iloc[0] == 1954 and table["last_year"].iloc[-1] == 2019
    assert (table["first_year"].iloc[1:].to_numpy() > table["last_year"].iloc[:-1].to_numpy()).all()
    assert table["n_documents"].sum() == 47
    assert (table["n_tokens"] >= 20_000).all()
    # about equal shares of the tokens
    assert table["n_tokens"].max() < 2 * table["n_tokens"].min()
    latest = four.space(four.latest)
    assert np.allclose(np.linalg.norm(latest.vectors, axis=1), 1)
    assert latest.vectors.shape == (len(latest.words), 100)


def test_neighbours_of_a_term_in_the_latest_reports(four):
    table = neighbours(four, "安全", top_n=10)
    assert list(table.columns) == ["period", "term", "neighbour", "similarity", "rank"]
    assert table["period"].unique().tolist() == four.labels
    latest = table[table["period"] == four.latest]
    assert latest["rank"].tolist() == list(range(1, 11))
    assert latest["similarity"].is_monotonic_decreasing and "安全" not in set(latest["neighbour"])
    # safety of people and products, sovereignty: 安全's company in the 2010s reports
    assert set(latest["neighbour"]) & {"公共安全", "食品药品", "安全生产", "事故", "国家主权", "生命财产"}


def test_a_too_small_period_is_named_and_skipped(reports):
    chosen, words = reports
    with pytest.warns(CorpusWarning, match=r"skipped, too small to train: 1954 \([0-9,]+ content tokens, "
                                           r"fewer than min_tokens=20,000\)"):
        model = train(words, corpus=chosen, periods={"1954": (1954, 1954), "2015–2019": (2015, 2019)},
                      **SMALL)
    assert model.labels == ["2015–2019"]
    skipped = model.periods.set_index("period").loc["1954"]
    assert not skipped["trained"] and 0 < skipped["n_tokens"] < 20_000 and skipped["n_documents"] == 1


def test_later_editions_count_once(tables, tmp_path):
    copied = reports_with_a_copy(tables, tmp_path / "reports", "2010")
    words = tokens.segment(copied.paragraphs)
    spans = {"2008–2012": (2008, 2012)}
    once = train(words, corpus=copied, periods=spans, **SMALL)
    both = train(words, corpus=copied, periods=spans, editions="all", **SMALL)
    in_span = int(pd.to_numeric(copied.documents["year"]).between(2008, 2012).sum())
    assert both.periods["n_documents"].iloc[0] == once.periods["n_documents"].iloc[0] + 1 == in_span
    assert both.periods["n_tokens"].iloc[0] > once.periods["n_tokens"].iloc[0]


def test_deterministic_across_processes(multi_dir, tmp_path):
    script = ("import pickle, sys, warnings\nwarnings.simplefilter('ignore')\n"
              "from helpers import corpus, tokens\nfrom helpers.embeddings import train\n"
              f"c = corpus.load({str(multi_dir)!r})\n"
              "m = train(tokens.segment(c.paragraphs), corpus=c, periods=[2021], min_tokens=500, dim=20, "
              "min_count=2, epochs=3)\n"
              "pickle.dump({p: (s.words, s.vectors) for p, s in m.spaces.items()}, open(sys.argv[1], 'wb'))\n")
    first = in_a_fresh_process(script, "1", tmp_path / "a.pkl")
    second = in_a_fresh_process(script, "2", tmp_path / "b.pkl")
    assert len(first) == 2 and first.keys() == second.keys()
    for period, (words, vectors) in first.items():
        assert words == second[period][0]
        assert np.array_equal(vectors, second[period][1])


def test_disk_and_memory_agree(store):
    def vectors(s):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            return train(s.tokens, corpus=s.corpus, periods=[2021], min_tokens=500, dim=20, min_count=2, epochs=3)
    got, expected = store.against_memory(vectors)
    assert got.labels == expected.labels and len(got.labels) == 2
    pd.testing.assert_frame_equal(got.periods, expected.periods)
    for label in got.labels:
        assert got.space(label).words == expected.space(label).words
        assert np.array_equal(got.space(label).vectors, expected.space(label).vectors)


def test_one_model_per_value_of_a_documents_column(tables):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(tables)
    model = train(tokens.segment(loaded.paragraphs), corpus=loaded, by="genre", min_tokens=1_000, **SMALL)
    # ordered by each genre's first year: party congresses from 1921, work reports from 1954, resolutions 1962
    assert model.labels == ["party congress report", "government work report", "resolution"]
    assert model.periods["first_year"].tolist() == [1921, 1954, 1962]
    assert model.periods["n_documents"].tolist() == [15, 47, 14]


@pytest.mark.parametrize(("option", "value"), [("dim", 1), ("window", 0), ("min_count", 1.5), ("epochs", 0),
                                               ("architecture", "glove"), ("editions", "twice"),
                                               ("random_state", -1), ("by", "month")])
def test_bad_options_raise(reports, option, value):
    chosen, words = reports
    with pytest.raises(ParameterError, match=option if option != "by" else "month"):
        train(words, corpus=chosen, **{option: value})


# --- alignment ---------------------------------------------------------------------------------------------------

def test_alignment_leaves_the_latest_period_and_every_angle_unchanged(reports):
    chosen, words = reports
    raw = train(words, corpus=chosen, periods=[1990], align_to_latest=False, **SMALL)
    aligned = align(raw)
    assert not raw.aligned and aligned.aligned
    first, latest = raw.labels
    assert np.array_equal(aligned.space(latest).vectors, raw.space(latest).vectors)
    before, after = raw.space(first).vectors, aligned.space(first).vectors
    assert not np.allclose(before, after)
    assert np.allclose(before @ before.T, after @ after.T, atol=1e-9)
    shared = aligned.periods.set_index("period")["n_shared"]
    assert shared[latest] == len(raw.space(latest).words) and 0 < shared[first] < shared[latest]


def test_two_identical_periods_agree_after_alignment(reports):
    doubled, words = _doubled(reports)
    spans = {"原文": (1998, 2019), "副本": (2098, 2119)}
    raw = train(words, corpus=doubled, periods=spans, align_to_latest=False, dim=50, min_count=5, epochs=5)
    model = align(raw)
    first, latest = model.labels
    # the same texts under different seeds: different vectors, the same geometry once rotated
    assert model.periods["seed"].nunique() == 2
    assert model.space(first).words == model.space(latest).words
    frequent = model.space(latest).words[:200]

    def self_found(m):
        a, b = m.space(first), m.space(latest)
        nearest = np.argmax(a.vectors[:200] @ b.vectors.T, axis=1)
        return np.mean([b.words[j] == w for j, w in zip(nearest, frequent, strict=True)])

    assert self_found(model) >= 0.9
    assert self_found(raw) < 0.1
    moved = drift(model, frequent)
    assert moved.loc[moved["period"] == first, "similarity"].median() > 0.8
    # each of the 100 most frequent words: its 10 neighbours in the copy, and those its vector from the first
    # period finds among the copy's vectors (across periods: only meaningful once aligned)
    terms = frequent[:100]
    near = neighbours(model, terms, top_n=10)
    own = {(p, t): set(g["neighbour"]) for (p, t), g in near.groupby(["period", "term"])}

    def across(m, term):
        b = m.space(latest)
        order = np.argsort(-(b.vectors @ m.space(first).vector(term)), kind="stable")
        return set([b.words[i] for i in order if b.words[i] != term][:10])

    within = [len(own[(first, t)] & own[(latest, t)]) for t in terms]
    aligned_across = [len(across(model, t) & own[(latest, t)]) for t in terms]
    raw_across = [len(across(raw, t) & own[(latest, t)]) for t in terms]
    assert np.mean(within) >= 6  # two seeds on ~150,000 tokens: measured 7.3 of 10 on average
    assert np.mean(aligned_across) >= 7  # measured 8.3
    assert np.mean(raw_across) < 1


def test_drift_needs_aligned_periods(reports):
    chosen, words = reports
    raw = train(words, corpus=chosen, periods=[1990], align_to_latest=False, **SMALL)
    with pytest.raises(ParameterError, match="not aligned"):
        drift(raw, "安全")


# --- queries -----------------------------------------------------------------------------------------------------

def test_a_term_absent_from_a_period_is_named(four):
    with pytest.warns(TermWarning, match="粤港澳大湾区: " + four.labels[0]):
        table = neighbours(four, ["安全", "粤港澳大湾区"], top_n=3)
    assert set(table.loc[table["term"] == "安全", "period"]) == set(four.labels)
    with pytest.raises(ParameterError, match="top_n"):
        neighbours(four, "安全", top_n=0)


def test_axis_places_the_poles_at_their_ends(four):
    poles = {"pole_a": ["经济", "增长", "生产"], "pole_b": ["安全", "稳定", "风险"]}
    table = axis(four, terms=["经济", "安全", "改革"], n_boot=50, random_state=1, **poles)
    assert list(table.columns[:5]) == ["period", "term", "position", "lower", "upper"]
    assert table["period"].unique().tolist() == four.labels
    at = table.set_index(["period", "term"])["position"]
    for period in four.labels:
        assert at[(period, "经济")] < 0 < at[(period, "安全")]
    assert (table["lower"] <= table["upper"]).all() and (table["upper"] - table["lower"] > 0).all()
    assert table["position"].between(-1, 1).all()
    again = axis(four, terms=["经济", "安全", "改革"], n_boot=50, random_state=1, **poles)
    pd.testing.assert_frame_equal(table, again)


def test_axis_of_one_word_poles_has_no_width(four):
    table = axis(four, ["经济"], ["安全"], ["改革"], n_boot=20)
    assert np.allclose(table["lower"], table["position"]) and np.allclose(table["upper"], table["position"])


@pytest.mark.parametrize(("option", "value", "match"), [("n_boot", 0, "n_boot"), ("level", 1.5, "level"),
                                                        ("pole_b", ["经济"], "share 经济"), ("terms", [], "terms")])
def test_bad_axis_options_raise(four, option, value, match):
    given = {"pole_a": ["经济"], "pole_b": ["安全"], "terms": ["改革"], option: value}
    with pytest.raises(ParameterError, match=match):
        axis(four, **given)


# --- figures -----------------------------------------------------------------------------------------------------

def test_neighbour_figure_names_each_period_and_marks_shared_neighbours(four):
    table = neighbours(four, ["安全", "改革"], top_n=8)
    fig = embeddingplot.period_neighbours(table, "安全")
    png_strict(fig)
    assert problems(fig) == []
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == four.labels
    first = table[(table["term"] == "安全") & (table["period"] == four.labels[-1])]
    assert [t.get_text() for t in axes[-1].get_yticklabels()] == first["neighbour"].tolist()  # rank 1 first
    shared = table[table["term"] == "安全"].groupby("neighbour")["period"].nunique()
    red = {t.get_text() for ax in axes for t in ax.get_yticklabels() if t.get_color() == embeddingplot.SHARED}
    assert red == set(shared[shared > 1].index)


def test_axis_figure_names_every_term_and_both_poles(four):
    table = axis(four, ["经济", "增长"], ["安全", "稳定"], ["改革", "金融", "粮食"], n_boot=30)
    fig = embeddingplot.axis_positions(table, pole_a=["经济", "增长"], pole_b=["安全", "稳定"])
    png_strict(fig)
    assert problems(fig) == []
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"改革", "金融", "粮食", "↑ 安全、稳定", "↓ 经济、增长"} <= texts
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == four.labels


def test_empty_tables_give_figures_that_say_why(four):
    for fig in (embeddingplot.period_neighbours(None, "安全"), embeddingplot.axis_positions(pd.DataFrame(),
                                                                                          note="语料太小 too small")):
        png_strict(fig)
        assert any(t.get_text() for ax in fig.axes for t in ax.texts)


# --- findings ----------------------------------------------------------------------------------------------------

def test_findings_state_the_periods_and_the_neighbours(four):
    said = embeddingfindings.periods_trained(four)
    assert said[0].startswith("4 periods trained: 1954–")
    for row in four.periods.itertuples():
        assert f"{row.period} ({row.n_documents} documents, {row.n_tokens:,} tokens" in said[0]
    assert f"rotated onto the latest, {four.latest}" in said[1]
    table = neighbours(four, "安全", top_n=10)
    said = embeddingfindings.neighbour_changes(table, "安全")
    top = table[(table["period"] == four.latest) & (table["rank"] == 1)].iloc[0]
    assert f"In {four.latest}, closest to {top['neighbour']} ({top['similarity']:.2f})" in str(said)
    assert "不存在 is in no period" in str(embeddingfindings.neighbour_changes(table, "不存在"))


def test_findings_of_axis_and_drift_follow_the_tables(four):
    table = axis(four, ["经济"], ["安全"], ["改革"], n_boot=10)
    lines = embeddingfindings.axis_changes(table, ["经济"], ["安全"])
    first, last = table.iloc[0], table.iloc[-1]
    assert f"改革: {first['position']:.2f} in {first['period']}, {last['position']:.2f} in {last['period']}" in lines[1]
    # one-word poles: zero-width intervals, so any change is beyond them
    assert "moved towards" in lines[1]
    moved = drift(four, ["安全", "发展"])
    earliest = moved[moved["period"] == four.labels[0]].sort_values("similarity")
    said = str(embeddingfindings.drift_ranking(moved))
    assert said.index(earliest["term"].iloc[0]) < said.index(earliest["term"].iloc[1])


def test_a_corpus_too_small_says_so(multi):
    with pytest.warns(CorpusWarning, match="too small to train"):
        model = train(tokens.segment(multi.paragraphs), corpus=multi, periods=2)
    assert not model.spaces and not model.aligned
    assert drift(model, "科技").empty
    said = str(embeddingfindings.periods_trained(model))
    assert said.startswith("This corpus is too small for word embeddings: no period reaches the 20,000")


def test_a_corpus_without_years_says_so(seed):
    undated = seed.replace(documents=seed.documents.assign(year=pd.NA))
    with pytest.warns(CorpusWarning, match=f"1 document\\(s\\) without a year left out of the periods: "
                                           f"{seed.documents['doc_id'].iloc[0]}"):
        model = train(tokens.segment(undated.paragraphs), corpus=undated)
    assert model.periods.empty and not model.spaces
    assert neighbours(model, "科技").empty and drift(model, "科技").empty
    assert axis(model, ["经济"], ["安全"], ["科技"]).empty
    assert embeddingfindings.embeddings_need(model)
    assert "none has a year" in str(embeddingfindings.periods_trained(model))
