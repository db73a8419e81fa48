"""helpers.explore.search: the tables and the widget of the concordance explorer (no browser)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, explore, textstat, tokens
from helpers.errors import ParameterError
from helpers.explore import distribution, search

SECTIONS = ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs, stopword_lists=("general", "policy"))


# --- tables ------------------------------------------------------------------------------------------


def test_paragraphs_filters_documents_and_sections(seed):
    assert explore.paragraphs(seed).equals(seed.paragraphs)
    part = explore.paragraphs(seed, sections=["第四", "closing"])
    assert set(part["section"].astype(str)) == {"第四", "closing"}
    assert len(part) == seed.paragraphs["section"].isin(["第四", "closing"]).sum()
    assert explore.paragraphs(seed, documents=["no such document"]).empty
    assert explore.paragraphs(seed, documents=seed.documents["doc_id"]).equals(seed.paragraphs)


def test_kwic_in_string_and_token_mode(seed, words):
    everywhere = explore.kwic(seed, "人才")
    assert len(everywhere) == len(textstat.kwic(seed.paragraphs, "人才")) == 29
    assert list(everywhere.columns) == ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    as_tokens = explore.kwic(seed, "人才", tokens=words, match="token")
    assert len(as_tokens) == (words["token"] == "人才").sum() == 10  # not inside 人才培养, 科技人才 …
    fourth = explore.kwic(seed, "人才", sections=["第四"])
    assert fourth.equals(everywhere[everywhere["section"] == "第四"].reset_index(drop=True))
    narrow = explore.kwic(seed, "人才", window=3)
    assert narrow["left"].str.len().max() == 3 and narrow["right"].str.len().max() == 3
    assert explore.kwic(seed, "人才", documents=[]).empty


def test_kwic_rejects_unknown_or_impossible_matches(seed):
    with pytest.raises(ValueError, match="unknown match"):
        explore.kwic(seed, "人才", match="regex")
    with pytest.raises(ValueError, match="needs the tokens table"):
        explore.kwic(seed, "人才", match="token")
    with pytest.raises(ValueError, match="needs the tokens table"):
        explore.concordance(seed, match="token")
    with pytest.raises(ValueError, match="unknown measure"):
        explore.keyness(seed, pd.DataFrame(), measure="tf-idf")


def test_section_counts_list_every_section_and_add_up(seed):
    hits = explore.kwic(seed, "人才")
    counts = explore.section_counts(hits, seed.paragraphs)
    assert list(counts.columns) == ["doc_id", "section", "heading", "hits", "n_chars", "per_10k_chars"]
    assert counts["section"].astype(str).tolist() == SECTIONS  # in text order, zero counts included
    assert counts["hits"].sum() == 29
    assert counts.set_index(counts["section"].astype(str))["hits"].to_dict() == \
        hits["section"].astype(str).value_counts().reindex(SECTIONS, fill_value=0).to_dict()
    fourth = counts[counts["section"] == "第四"].iloc[0]
    assert fourth["n_chars"] == seed.paragraphs.loc[seed.paragraphs["section"] == "第四", "n_chars"].sum()
    assert fourth["per_10k_chars"] == pytest.approx(fourth["hits"] / fourth["n_chars"] * 10_000)
    assert fourth["heading"].startswith("第四")
    nothing = explore.section_counts(explore.kwic(seed, "不存在的词"), seed.paragraphs)
    assert len(nothing) == 7 and (nothing["hits"] == 0).all() and (nothing["per_10k_chars"] == 0).all()


def test_section_counts_of_chosen_sections_only(seed):
    chosen = explore.paragraphs(seed, sections=["第二", "第四"])
    counts = explore.section_counts(explore.kwic(seed, "科技", sections=["第二", "第四"]), chosen)
    assert counts["section"].astype(str).tolist() == ["第二", "第四"]
    assert counts["hits"].sum() == len(explore.kwic(seed, "科技", sections=["第二", "第四"]))


def test_positions_agree_with_textstat_dispersion(seed, words):
    for term in ("人才", "自立自强"):
        ours = explore.positions(explore.kwic(seed, term), seed.paragraphs)
        theirs = textstat.dispersion(seed.paragraphs, [term])
        assert (theirs["counted_as"] == "text").all()
        pd.testing.assert_frame_equal(ours, theirs.drop(columns="counted_as"), check_dtype=False,
                                      check_categorical=False)
    tokens_mode = explore.positions(explore.kwic(seed, "人才", tokens=words, match="token"), seed.paragraphs)
    theirs = textstat.dispersion(seed.paragraphs, ["人才"], tokens=words)
    assert (theirs["counted_as"] == "token").all()
    pd.testing.assert_frame_equal(tokens_mode, theirs.drop(columns="counted_as"), check_dtype=False,
                                  check_categorical=False)


def test_positions_stay_shares_of_the_whole_document(seed):
    """Searching one section still places its hits along the whole text (the strip's x axis)."""
    fourth = explore.positions(explore.kwic(seed, "人才", sections=["第四"]), seed.paragraphs)
    bounds = textstat.section_bounds(seed.paragraphs).set_index("section")
    assert len(fourth) == (explore.kwic(seed, "人才")["section"] == "第四").sum() == 19
    assert fourth["position"].between(bounds.loc["第四", "start"], bounds.loc["第四", "end"]).all()


# --- the widget layer ------------------------------------------------------------------------------


def test_concordance_widget_updates_in_place(seed, words):
    explorer = explore.concordance(seed, tokens=words)
    box = explorer.widget
    assert "explore-concordance" in box._dom_classes
    controls, views = explorer.controls, explorer.views
    assert "5 hits" in views["summary"].value and len(views["strip"].value) > 1000  # a PNG
    controls["query"].value = "人才"
    assert 'class="explore-count">29 hits</span>' in views["summary"].value
    assert views["kwic"].value.count("<tr>") == 29
    assert views["sections"].value.count("<tr>") == 7
    controls["match"].value = "token"
    assert "10 hits" in views["summary"].value
    controls["sections"].value = ("第四",)
    assert "8 hits" in views["summary"].value and views["sections"].value.count("<tr>") == 1
    controls["window"].value = 2
    assert views["kwic"].value.count("<tr>") == 8
    controls["sections"].value = ()
    assert "choose at least one" in views["summary"].value and views["kwic"].value == ""
    assert views["strip"].layout.display == "none"


def test_concordance_widget_escapes_what_it_shows(markup_dir):
    small = corpus.load(markup_dir)
    explorer = explore.concordance(small, query="alert")
    assert explorer.widget is not None
    assert "<script" not in explorer.views["kwic"].value.replace("<style>", "")
    assert "&lt;script&gt;" in explorer.views["kwic"].value
    explorer.controls["query"].value = "<b>$x"  # markup and a mathtext dollar in the query
    assert "&lt;b&gt;$x" in explorer.views["summary"].value and "0 hits" in explorer.views["summary"].value


# --- every storage: one body over the engine, what is shown bounded by size ---------------------------------

LISTS = ("general", "policy")
CHOSEN = {"window": 10, "sections": ["一", "二", "opening"]}


@pytest.mark.parametrize("match", ["string", "token"])
def test_concordance_tables_are_those_of_the_corpus_in_memory(extended_store, match):
    store = extended_store.with_stopwords(LISTS)
    docs = store.documents["doc_id"].tolist()[2:6]

    def tables(s):
        options = {"match": match, "documents": docs, **CHOSEN}
        shown = explore.concordance(s.corpus, tokens=s.tokens, query="科技", match=match)
        return (explore.kwic(s.corpus, "科技", tokens=s.tokens, **options), *shown.results("科技", **options))

    got, expected = store.against_memory(tables)
    hits, same, counts, _ = expected
    assert_frame_equal(same, hits)  # the explorer's KWIC table is kwic's
    assert len(hits) and set(counts["doc_id"]) == set(docs)  # every document searched, zero counts included
    assert counts["section"].astype(str).isin(CHOSEN["sections"]).all()
    for a, b in zip(got, expected, strict=True):
        assert_frame_equal(a, b, check_dtype=False, check_categorical=False)


def test_beyond_the_listed_documents_counts_keep_the_documents_with_a_hit(extended_store, monkeypatch):
    """Decided by the number of documents searched, not by the storage: the count per section and the positions
    of many documents keep those with a hit."""
    store = extended_store.with_stopwords(LISTS)
    everything = explore.concordance(store.memory.corpus).results("自立自强", match="string", window=10,
                                                                  documents=None, sections=None)[1]
    monkeypatch.setattr(search, "MAX_LISTED_DOCUMENTS", 3)
    shown = explore.concordance(store.corpus, tokens=store.tokens)
    hits, counts, where = shown.results("自立自强", match="string", window=10, documents=None, sections=None)
    hit = set(hits["doc_id"])
    assert 0 < len(hit) < len(store.documents) and set(counts["doc_id"]) == set(where["doc_id"]) == hit
    kept = everything[everything["doc_id"].isin(hit)].reset_index(drop=True)
    assert_frame_equal(counts.reset_index(drop=True), kept, check_dtype=False, check_categorical=False)


def test_the_widget_of_a_corpus_on_any_storage(store):
    explorer = explore.concordance(store.corpus, tokens=store.tokens, query="科技")
    assert explorer.widget is not None
    views = explorer.views
    hits = len(explore.kwic(store.memory.corpus, "科技"))
    assert f"{hits:,} hits" in views["summary"].value and len(views["strip"].value) > 1000
    assert views["kwic"].value.count("<tr>") == min(hits, 200)
    explorer.controls["match"].value = "token"
    assert f"{(store.memory.tokens['token'] == '科技').sum():,} hits" in views["summary"].value


def test_a_tokens_dataset_serves_as_its_corpus(extended_disk):
    """On disk only: the tokens dataset holds the corpus' tables, so it stands for the corpus too."""
    data = extended_disk.tokens
    options = {"match": "token", "window": 10, "documents": None, "sections": None}
    got = explore.concordance(data, tokens=data).results("科技", **options)
    expected = explore.concordance(extended_disk.corpus, tokens=data).results("科技", **options)
    for a, b in zip(got, expected, strict=True):
        assert_frame_equal(a, b, check_dtype=False, check_categorical=False)
    assert explore.groupings(data) == explore.groupings(extended_disk.memory.corpus)
    assert explore.group_values(data, "section") == explore.group_values(extended_disk.memory.corpus, "section")


def test_the_chosen_paragraphs_and_hits_on_every_storage(store):
    docs = store.documents["doc_id"].tolist()[3:5]  # a report and the speech
    columns = ["doc_id", "para_no", "section", "heading_1", "n_chars"]

    def tables(s):
        hits = explore.kwic(s.corpus, "人才")
        return (explore.paragraphs(s.corpus, documents=docs, sections=["第四", "一"], columns=columns),
                explore.paragraphs(s.corpus, documents=[], columns=columns),
                explore.kwic(s.corpus, "人才", documents=docs, sections=["第四"], window=3),
                explore.kwic(s.corpus, "人才", documents=[]),
                explore.section_counts(hits, explore.paragraphs(s.corpus, columns=columns)),
                explore.positions(hits, s.corpus))

    got, expected = store.against_memory(tables)
    part, nothing, fourth, none, counts, where = expected
    assert set(part["section"].astype(str)) == {"第四", "一"} and set(part["doc_id"]) == set(docs)
    assert nothing.empty and none.empty and len(fourth) and (fourth["section"] == "第四").all()
    assert counts["hits"].sum() == len(where) > 0
    for a, b in zip(got, expected, strict=True):
        assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False,
                           check_categorical=False, check_index_type=False)


# --- linked views: sort, regular expression, completion, trend by year, distribution in the documents -------


def test_kwic_sorts_by_left_or_right_context(seed):
    found = explore.kwic(seed, "人才")
    left = search.kwic(seed, "人才", sort="left")
    right = search.kwic(seed, "人才", sort="right")
    assert len(left) == len(right) == len(found) == 29
    # the same hits, only reordered
    assert sorted(left["start"].astype(str) + left["doc_id"] + left["para_no"].astype(str)) == \
        sorted(found["start"].astype(str) + found["doc_id"] + found["para_no"].astype(str))
    reversed_left = left["left"].str[::-1].tolist()
    assert reversed_left == sorted(reversed_left) and reversed_left != found["left"].str[::-1].tolist()
    assert right["right"].tolist() == sorted(right["right"]) != found["right"].tolist()
    # the character next to the match decides first: 科技人才 and 创新人才 … group together
    assert left["left"].str[-1:].tolist() == sorted(left["left"].str[-1:])
    assert search.kwic(seed, "人才", sort="text").equals(found)


def test_kwic_finds_a_regular_expression(seed):
    both = search.kwic(seed, "科技(强国|自立自强)", regex=True)
    assert len(both) == len(explore.kwic(seed, "科技强国")) + len(explore.kwic(seed, "科技自立自强")) > 0
    assert set(both["match"]) == {"科技强国", "科技自立自强"}
    # a literal search of the same string finds nothing: the pattern is not a string
    assert explore.kwic(seed, "科技(强国|自立自强)").empty


def test_bad_sort_regex_and_pattern_raise_parameter_errors(seed, words):
    with pytest.raises(ParameterError, match="sort"):
        search.kwic(seed, "人才", sort="middle")
    with pytest.raises(ParameterError, match=r"query='科技\(' is not a valid regular expression"):
        search.kwic(seed, "科技(", regex=True)
    with pytest.raises(ParameterError, match="regex=True needs match='string'"):
        search.kwic(seed, "人才", tokens=words, match="token", regex=True)
    with pytest.raises(ParameterError, match="regex='yes'"):
        search.kwic(seed, "人才", regex="yes")
    with pytest.raises(ParameterError, match="sort"):
        search.sort_hits(explore.kwic(seed, "人才"), sort="")


def test_vocabulary_is_the_most_frequent_words(seed, words):
    vocab = search.vocabulary(words)
    counts = words.loc[words["token"].isin(vocab), "token"].value_counts()
    assert len(vocab) == len(set(vocab)) <= search.MAX_VOCABULARY and "人才" in vocab and "科技" in vocab
    assert counts.reindex(vocab).is_monotonic_decreasing  # most frequent first
    assert not {"，", "。", "、"} & set(vocab)  # no punctuation
    assert search.vocabulary(words, max_terms=3) == vocab[:3]
    with pytest.raises(ParameterError, match="max_terms"):
        search.vocabulary(words, max_terms=0)


def test_distribution_and_trend_of_one_speech(seed):
    hits = explore.kwic(seed, "人才")
    spread = distribution.term_distribution(hits, seed)
    assert list(spread.columns) == ["doc_id", "title", "year", "hits", "n_chars", "per_10k_chars"]
    assert spread["hits"].tolist() == [29] and spread["year"].tolist() == [2024]
    assert spread["n_chars"].iloc[0] == seed.paragraphs["n_chars"].sum()
    assert spread["per_10k_chars"].iloc[0] == pytest.approx(29 / seed.paragraphs["n_chars"].sum() * 10_000)
    assert len(spread["title"].iloc[0]) <= distribution.SHORT_TITLE
    trend = distribution.term_trend(hits, seed)
    assert list(trend.columns) == ["year", "documents", "hits", "n_chars", "per_10k_chars"]
    assert trend[["year", "documents", "hits"]].values.tolist() == [[2024, 1, 29]]


def test_distribution_and_trend_on_the_development_corpus(extended):
    hits = explore.kwic(extended, "改革")
    spread = distribution.term_distribution(hits, extended)
    assert spread["doc_id"].tolist() == extended.documents["doc_id"].tolist()  # every document, corpus order
    assert spread["hits"].sum() == len(hits) and (spread["hits"] > 0).sum() >= 6
    per_doc = hits["doc_id"].value_counts()
    assert spread.set_index("doc_id")["hits"].to_dict() == per_doc.reindex(spread["doc_id"], fill_value=0).to_dict()
    chars = extended.paragraphs.groupby("doc_id")["n_chars"].sum()
    assert spread.set_index("doc_id")["n_chars"].to_dict() == chars.reindex(spread["doc_id"]).to_dict()
    trend = distribution.term_trend(hits, extended)
    years = sorted(set(extended.documents["year"].dropna().astype(int)))
    assert trend["year"].tolist() == years and trend["documents"].sum() == len(extended.documents)
    assert trend["hits"].sum() == len(hits)
    for row in trend.itertuples():  # hits per 10,000 characters of the year's documents pooled
        in_year = spread[spread["year"] == row.year]
        assert row.per_10k_chars == pytest.approx(in_year["hits"].sum() / in_year["n_chars"].sum() * 10_000)
    chosen = distribution.term_trend(hits, extended, documents=extended.documents["doc_id"].tolist()[:2])
    assert chosen["documents"].sum() == 2
    # titles are cut as every label of the workspace is: between words, within 24 characters, with "…"
    long = "第十三届全国人民代表大会第二次会议关于政府工作报告的决议"
    cut = distribution.short_title(long)
    assert cut == textstat.short_title(long, 24) == "第十三届全国人民代表大会第二次会议关于政府工作…"
    assert distribution.short_title(None) == "" and distribution.short_title("短标题") == "短标题"


def test_page_data_carries_years_titles_and_vocabulary(seed, words):
    data = explore.concordance(seed, tokens=words).page_data()
    assert data["documents"] == [[seed.documents["doc_id"].iloc[0], "朝着建成科技强国的宏伟目标奋勇前进", 2024]]
    assert data["vocabulary"] == search.vocabulary(words) and "人才" in data["vocabulary"]
    assert explore.concordance(seed).page_data()["vocabulary"] == []


def test_concordance_widget_sorts_searches_patterns_and_spreads(seed, words):
    explorer = explore.concordance(seed, tokens=words, query="人才")
    assert explorer.widget is not None
    controls, views = explorer.controls, explorer.views
    assert "人才" in controls["query"].options and len(controls["query"].options) == len(search.vocabulary(words))
    assert "2024" in views["trend"].value and "one year only" in views["trend"].value
    assert views["distribution"].value.count("</tr>") == 2  # the header and the one speech
    assert "<td>29</td>" in views["distribution"].value
    controls["sort"].value = "left"
    rows = pd.read_html(io.StringIO(views["kwic"].value.replace(search._KWIC_STYLE, "")))[0]
    assert rows["left"].fillna("").str[::-1].tolist() == sorted(rows["left"].fillna("").str[::-1])
    controls["sort"].value = "text"
    controls["regex"].value = True
    controls["query"].value = "科技(强国|自立自强)"
    assert f"{len(search.kwic(seed, '科技(强国|自立自强)', regex=True))} hits" in views["summary"].value
    controls["query"].value = "科技("
    assert "not a valid regular expression" in views["summary"].value and views["kwic"].value == ""
