"""helpers.explore.base: the groupings of a corpus and the live-or-static display (no browser)."""

from __future__ import annotations

import re
import types

import pytest
from IPython.core.formatters import DisplayFormatter

from helpers import config, corpus, explore, textstat, tokens
from helpers.explore import base

SECTIONS = ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs, stopword_lists=("general", "policy"))


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


def test_groupings_and_group_values(seed, markup_dir):
    assert explore.groupings(seed) == ["section"]  # one document: nothing else has two values
    assert explore.group_values(seed, "section") == SECTIONS
    small = corpus.load(markup_dir)
    assert explore.groupings(small) == ["doc_id", "year", "genre"]  # one section, one speaker, no occasion
    assert explore.group_values(small, "doc_id") == ["a", "b"]
    assert explore.group_values(small, "year") == [2020, 2021]
    with pytest.raises(KeyError, match="no paragraph or document column named 'colour'"):
        explore.group_values(small, "colour")


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


# --- decided by size, not by storage -----------------------------------------------------------------------------


def test_groupings_and_group_values_on_every_storage(every_store):
    got, expected = every_store.against_memory(
        lambda s: (explore.groupings(s.corpus), *(explore.group_values(s.corpus, by) for by in explore.groupings(
            s.memory.corpus))))
    assert got == expected and {"section", "doc_id", "year"} <= set(expected[0])
    assert explore.characters(every_store.corpus) == every_store.memory.documents["n_chars"].sum()


def test_a_small_corpus_travels_with_the_page_on_every_storage(store, monkeypatch):
    """The bundled speech's size on disk: the same static HTML, its data embedded for the page, as in memory."""
    monkeypatch.setenv(config.REPORT_ENV, "1")
    assert explore.fits_page(store.corpus)

    def pages(s):
        concordance = explore.concordance(s.corpus, tokens=s.tokens, query="科技")
        keyness = explore.keyness(s.corpus, s.tokens, by="doc_id", min_count=1)
        return concordance.static_html(), concordance.page_data(), keyness.static_html(), keyness.page_data()

    got, expected = store.against_memory(pages)
    assert got == expected
    assert 'data-explorer="concordance"' in expected[0] and 'data-explorer="keyness"' in expected[2]
    assert len(expected[1]["paragraphs"]) == len(store.memory.corpus.paragraphs)


def test_the_static_html_of_a_large_corpus_is_bounded_on_every_storage(extended_store, monkeypatch):
    """Above MAX_PAGE_CHARS characters, in memory as on disk: the first rows with the total counted, the
    sections with most hits, and the corpus text never embedded."""
    monkeypatch.setenv(config.REPORT_ENV, "1")
    monkeypatch.setattr(base, "MAX_PAGE_CHARS", explore.characters(extended_store.corpus) - 1)
    assert not explore.fits_page(extended_store.corpus)

    def pages(s):
        words = s.with_stopwords(("general", "policy")).tokens
        return (explore.concordance(s.corpus, tokens=words, query="发展", max_rows=5).static_html(),
                explore.keyness(s.corpus, words, by="year", target=[2019], min_count=3).static_html())

    got, expected = extended_store.against_memory(pages)
    assert got == expected
    concordance, keyness = expected
    total = len(textstat.kwic(extended_store.corpus, "发展"))
    assert total > 100
    assert f"{total:,} hits" in concordance and "first 5 shown" in concordance
    assert re.search(r"\d+ sections, \d+ with hits; the 5 with most hits", concordance)
    assert concordance.count("<tr>") < 5 + 2 * 5 + 10  # the KWIC rows and the sections with most hits, capped
    assert "explore-data" not in concordance and "explore-data" not in keyness  # the text is never embedded
    assert "year 2019 vs the rest" in keyness and "<td>" in keyness
