"""helpers.explore.contrast: the tables and the widget of the term comparison explorer (no browser)."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, explore, textstat, tokens

SECTIONS = ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs, stopword_lists=("general", "policy"))


def test_group_keyness_is_textstat_keyness_of_the_two_groups(seed, words):
    annotated = textstat.annotate(words, seed, ["section"])
    table = explore.group_keyness(annotated, by="section", target=["第四"], measure="g2", min_count=2)
    inside = annotated["section"] == "第四"
    expected = textstat.keyness(textstat.counts(annotated[inside]), textstat.counts(annotated[~inside]),
                                measure="g2", min_count=2)
    pd.testing.assert_frame_equal(table, expected)
    assert table.iloc[0]["term"] == "人才"
    two = explore.group_keyness(annotated, by="section", target=["第四"], reference=["第一", "第二"],
                                measure="log_ratio", min_count=1)
    reference = annotated["section"].isin(["第一", "第二"])
    assert two["reference"].sum() == textstat.counts(annotated[reference]).sum()


def test_group_keyness_explains_bad_groups(seed, words):
    annotated = textstat.annotate(words, seed, ["section"])
    with pytest.raises(KeyError, match=r"textstat.annotate\(tokens, corpus, \['year'\]\)"):
        explore.group_keyness(words, by="year", target=[2024])
    with pytest.raises(ValueError, match="cannot be in both groups"):
        explore.group_keyness(annotated, by="section", target=["第四"], reference=["第四", "第一"])
    with pytest.raises(ValueError, match="at least one value"):
        explore.group_keyness(annotated, by="section", target=[])
    with pytest.raises(ValueError, match="reference group has no words"):
        explore.group_keyness(annotated, by="section", target=SECTIONS)


def test_sides_takes_the_top_of_each_side(seed, words):
    annotated = textstat.annotate(words, seed, ["section"])
    table = explore.group_keyness(annotated, by="section", target=["第四"], min_count=2)
    both = explore.sides(table, top_n=5)
    assert list(both.columns) == ["side", *table.columns]
    target, reference = both[both["side"] == "target"], both[both["side"] == "reference"]
    assert len(target) == 5 and (target["statistic"] > 0).all() and target["statistic"].is_monotonic_decreasing
    assert 0 < len(reference) <= 5 and (reference["statistic"] < 0).all()
    assert reference["statistic"].is_monotonic_increasing  # the most negative first
    assert reference.iloc[0]["statistic"] == table["statistic"].min()


def test_keyness_widget_updates_in_place(seed, words):
    annotated = textstat.annotate(words, seed, ["section"])
    explorer = explore.keyness(seed, annotated, by="section", target=["第四"], min_count=2, top_n=5)
    assert "explore-keyness" in explorer.widget._dom_classes
    controls, views = explorer.controls, explorer.views
    assert "section 第四 vs the rest" in views["summary"].value
    assert "<td>人才</td>" in views["table"].value and len(views["chart"].value) > 1000
    controls["reference"].value = ("第一",)
    assert "section 第四 vs section 第一" in views["summary"].value
    controls["measure"].value = "log_odds_dirichlet"
    assert "log_odds_dirichlet" in views["summary"].value and "<td>target</td>" in views["table"].value
    controls["reference"].value = ("第四",)
    assert "cannot be in both groups" in views["table"].value and views["chart"].layout.display == "none"


def test_keyness_widget_regroups(markup_dir):
    small = corpus.load(markup_dir)
    words = tokens.segment(small.paragraphs, cache=False)
    explorer = explore.keyness(small, words, by="doc_id", min_count=1)
    assert explorer.widget is not None
    controls, views = explorer.controls, explorer.views
    assert "doc_id a vs the rest" in views["summary"].value
    controls["by"].value = "genre"
    assert [label for label, _ in controls["target"].options] == ["<i>report</i>", "speech"]
    assert controls["target"].value == ("<i>report</i>",) and controls["reference"].value == ()
    assert "genre &lt;i&gt;report&lt;/i&gt; vs the rest" in views["summary"].value
    assert "<td>改革开放</td>" in views["table"].value


# --- every storage: one body over the engine ------------------------------------------------------------------

LISTS = ("general", "policy")


def test_group_keyness_of_document_groups_is_that_of_the_corpus_in_memory(extended_store, extended_words):
    store = extended_store.with_stopwords(LISTS)
    got, expected = store.against_memory(lambda s: explore.group_keyness(
        s.annotate(["year"]), by="year", target=[2019, 2018], reference=[2014, 2015]))
    assert len(expected) > 100
    assert_frame_equal(got, expected, check_dtype=False)
    words = extended_words.drop(columns="section")  # as segmented with the lists
    assert_frame_equal(expected, explore.group_keyness(textstat.annotate(words, store.memory.corpus, ["year"]),
                                                       by="year", target=[2019, 2018], reference=[2014, 2015]),
                       check_dtype=False)
    got, expected = store.against_memory(lambda s: explore.group_keyness(s.annotate(["genre"]), by="genre",
                                                                         target=["speech"]))
    assert_frame_equal(got, expected, check_dtype=False)


def test_the_keyness_explorer_of_a_corpus_on_any_storage(extended_store):
    store = extended_store.with_stopwords(LISTS)
    got, expected = store.against_memory(lambda s: explore.keyness(s.corpus, s.tokens, by="year", target=[2019],
                                                                   min_count=3))
    assert got.options == expected.options == explore.groupings(store.memory.corpus)
    assert got.target == expected.target == [2019] and "2019" in got.static_html()
    assert got.static_html() == expected.static_html()
    assert_frame_equal(got.results(by="section", target=["一"], reference=[], measure="g2", min_count=3),
                       expected.results(by="section", target=["一"], reference=[], measure="g2", min_count=3),
                       check_dtype=False)
    assert got.widget is not None and "<td>target</td>" in got.views["table"].value
    assert got.views["table"].value == expected.widget.children[-1].value


def test_the_keyness_explorer_opens_on_the_pages_contrast(extended_store):
    """Notebook 03 studies choose_contrast's target against its reference; its explorer opens on the same
    documents (by doc_id) or on their years (by year), not on the first document of the corpus."""
    memory = extended_store.memory
    contrast = textstat.choose_contrast(memory.documents)
    by_doc = explore.keyness(memory.corpus, memory.tokens, by="doc_id", contrast=contrast)
    assert by_doc.target == list(contrast.target) and by_doc.reference == list(contrast.reference)
    assert by_doc.target != explore.group_values(memory.corpus, "doc_id")[:1]
    years = textstat.document_years(memory.documents)
    by_year = explore.keyness(memory.corpus, memory.tokens, by="year", contrast=contrast)
    assert by_year.target == sorted({years[d] for d in contrast.target})
    assert set(by_year.reference) == {years[d] for d in contrast.reference} - set(by_year.target)
    given = explore.keyness(memory.corpus, memory.tokens, by="doc_id", contrast=contrast, target=[contrast.reference[0]])
    assert given.target == [contrast.reference[0]]
