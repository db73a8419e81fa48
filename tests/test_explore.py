"""helpers.explore: the tables behind the explorers, the static fallback and the widget layer (no browser)."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from conftest import write_metadata
from IPython.core.formatters import DisplayFormatter

from helpers import config, corpus, explore, textstat, tokens

SECTIONS = ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs, stopwords=("general", "policy"))


@pytest.fixture
def markup_dir(corpus_dir):
    """Two tiny documents, one with a script tag in its text and one with markup in its genre."""
    (corpus_dir / "a.txt").write_text("科技创新是核心。我们要发展科技，<script>alert(1)</script>创新驱动发展。\n\n"
                                      "人才是第一资源，科技人才很重要。\n", encoding="utf-8")
    (corpus_dir / "b.txt").write_text("改革开放推动发展。科技进步带来变化，人才培养是基础，科技发展。\n", encoding="utf-8")
    write_metadata(corpus_dir, "a,a.txt,甲,某人,2020-01-01,,speech,test",
                   'b,b.txt,乙,某人,2021-01-01,,"<i>report</i>",test')
    return corpus_dir


@pytest.fixture
def outside_a_kernel(monkeypatch):
    monkeypatch.delenv(config.REPORT_ENV, raising=False)
    monkeypatch.setattr("IPython.get_ipython", lambda: None)


@pytest.fixture
def in_a_kernel(monkeypatch):
    """As in JupyterLab: an IPython shell with a kernel, not started by the report runner."""
    monkeypatch.delenv(config.REPORT_ENV, raising=False)
    monkeypatch.setattr("IPython.get_ipython", lambda: _shell)


_shell = types.SimpleNamespace(kernel=object(), display_formatter=DisplayFormatter())


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
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False, check_categorical=False)
    tokens_mode = explore.positions(explore.kwic(seed, "人才", tokens=words, match="token"), seed.paragraphs)
    pd.testing.assert_frame_equal(tokens_mode, textstat.dispersion(seed.paragraphs, ["人才"], tokens=words),
                                  check_dtype=False, check_categorical=False)


def test_positions_stay_shares_of_the_whole_document(seed):
    """Searching one section still places its hits along the whole text (the strip's x axis)."""
    fourth = explore.positions(explore.kwic(seed, "人才", sections=["第四"]), seed.paragraphs)
    bounds = textstat.section_bounds(seed.paragraphs).set_index("section")
    assert len(fourth) == (explore.kwic(seed, "人才")["section"] == "第四").sum() == 19
    assert fourth["position"].between(bounds.loc["第四", "start"], bounds.loc["第四", "end"]).all()


def test_groupings_and_group_values(seed, markup_dir):
    assert explore.groupings(seed) == ["section"]  # one document: nothing else has two values
    assert explore.group_values(seed, "section") == SECTIONS
    small = corpus.load(markup_dir)
    assert explore.groupings(small) == ["doc_id", "year", "genre"]  # one section, one speaker, no occasion
    assert explore.group_values(small, "doc_id") == ["a", "b"]
    assert explore.group_values(small, "year") == [2020, 2021]
    with pytest.raises(KeyError, match="no paragraph or document column named 'colour'"):
        explore.group_values(small, "colour")


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


# --- static fallback -----------------------------------------------------------------------------


def test_in_a_report_the_concordance_is_a_static_table(seed, words, monkeypatch):
    monkeypatch.setenv(config.REPORT_ENV, "1")
    monkeypatch.setattr("IPython.get_ipython", lambda: _shell)
    assert not explore.live()
    explorer = explore.concordance(seed, tokens=words, query="人才")
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}  # no widget view: nothing dead in the report
    page = bundle["text/html"]
    assert "29 hits" in page and explore.NOTE_SEARCH in page
    assert page.count("<tr>") == 7 + 29  # rows of the section counts and of the KWIC table
    assert explorer._widget is None  # no widget (and no comm) was even created


def test_in_a_report_the_keyness_explorer_is_a_static_table(seed, words, monkeypatch):
    monkeypatch.setenv(config.REPORT_ENV, "1")
    annotated = textstat.annotate(words, seed, ["section"])
    bundle = explore.keyness(seed, annotated, by="section", target=["第四"], min_count=2, top_n=5)._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert explore.NOTE_COMPARE in bundle["text/html"] and "section 第四 vs the rest" in bundle["text/html"]
    assert "<td>人才</td>" in bundle["text/html"]


def test_outside_a_kernel_the_explorers_are_static(seed, words, outside_a_kernel):
    assert not explore.live()
    assert set(explore.concordance(seed)._repr_mimebundle_()) == {"text/plain", "text/html"}
    assert "No query." in explore.concordance(seed, query="")._repr_mimebundle_()["text/html"]


def test_in_a_kernel_the_widget_comes_with_the_static_table(seed, words, in_a_kernel):
    assert explore.live()
    bundle = explore.concordance(seed, tokens=words)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "5 hits" in bundle["text/html"]  # what viewers without the widget manager (and nbconvert) show


def test_static_tables_escape_markup_from_the_corpus(markup_dir, outside_a_kernel):
    small = corpus.load(markup_dir)
    page = explore.concordance(small, query="alert", window=20).static_html()
    assert "<script" not in page and "&lt;script&gt;" in page and "&lt;/script&gt;" in page
    page = explore.concordance(small, query="<script>").static_html()
    assert "<script" not in page and "1 hit</span>" in page and "“&lt;script&gt;”" in page
    words = tokens.segment(small.paragraphs, cache=False)
    page = explore.keyness(small, words, by="genre", min_count=1).static_html()
    assert "<i>report</i>" not in page and "&lt;i&gt;report&lt;/i&gt;" in page
    assert "<script" not in page


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
