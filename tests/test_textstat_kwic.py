"""helpers.textstat.kwic: keyword in context, string and token modes, on real text, in memory and on a tokens
dataset on disk."""

from __future__ import annotations

import warnings

import pytest
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import corpus, textstat
from helpers.engine import disk_kwic
from helpers.errors import TermWarning


def test_kwic_string_and_token_modes(store):
    speech = store.select(SPEECH)
    hits = textstat.kwic(speech.paragraphs, "自立自强")
    assert len(hits) == 5
    assert list(hits.columns) == ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    text = speech.memory.paragraphs.set_index("para_no")["text"]
    for row in hits.itertuples():
        assert text[row.para_no][row.start:row.end] == "自立自强"
        assert text[row.para_no][:row.start].endswith(row.left)
    token_hits = textstat.kwic(speech.paragraphs, "科技自立自强", tokens=speech.tokens)
    assert len(token_hits) == 1 and token_hits.iloc[0]["section"] == "opening"
    regex = textstat.kwic(speech.paragraphs, r"第[一二三四五]，", regex=True)
    assert regex["match"].tolist() == ["第一，", "第二，", "第三，", "第四，", "第五，"]
    assert textstat.kwic(speech.paragraphs, "不存在的词").empty


@pytest.mark.parametrize("query, options", [("自立自强", {}), ("科技", {"window": 5}), (r"[一二三四]是", {"regex": True})])
def test_kwic_string_mode_equals_the_in_memory_reference(every_store, query, options):
    got, expected = every_store.against_memory(lambda s: textstat.kwic(s.paragraphs, query, **options))
    assert len(expected)
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("query", ["科技", "自立自强", "没有的词"])
def test_kwic_token_mode_equals_the_in_memory_reference(every_store, query):
    got, expected = every_store.against_memory(lambda s: textstat.kwic(s.paragraphs, query, tokens=s.tokens))
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("window", [0, 3])
def test_kwic_token_mode_of_selected_documents(every_store, window):
    years = sorted(every_store.documents["year"].dropna().unique())
    later = every_store.documents.loc[every_store.documents["year"].isin(years[len(years) // 2:]), "doc_id"]
    chosen = every_store.select(later)
    reference = every_store.memory
    paragraphs = reference.paragraphs[reference.paragraphs["doc_id"].isin(later)]
    expected = textstat.kwic(paragraphs, "科技", tokens=reference.tokens, window=window)
    assert 0 < len(expected) < len(textstat.kwic(reference.paragraphs, "科技", tokens=reference.tokens))
    assert_frame_equal(textstat.kwic(chosen.paragraphs, "科技", tokens=chosen.tokens, window=window), expected,
                       check_dtype=False)


@pytest.mark.parametrize("name", ["multi_disk", "extended_disk"])
def test_kwic_token_mode_of_a_dataset_selected_by_year(request, name):
    """A dataset selected by a document column (``subset(year=…)``): the hits of those documents' paragraphs."""
    store = request.getfixturevalue(name)
    years = sorted(store.documents["year"].dropna().unique())
    chosen = store.tokens.subset(year=years[len(years) // 2:])
    reference = store.memory
    paragraphs = reference.paragraphs[reference.paragraphs["doc_id"].isin(chosen.documents["doc_id"])]
    expected = textstat.kwic(paragraphs, "科技", tokens=reference.tokens, window=3)
    assert 0 < len(expected) < len(textstat.kwic(reference.paragraphs, "科技", tokens=reference.tokens))
    assert_frame_equal(textstat.kwic(chosen, "科技", tokens=chosen, window=3), expected, check_dtype=False)


@pytest.mark.parametrize("name", ["multi_disk", "extended_disk"])
def test_kwic_token_mode_in_small_batches_equals_one_batch(request, name, monkeypatch):
    """On disk the context of a common token is fetched a batch of hits at a time; batches of 3 give the same
    table as memory."""
    store = request.getfixturevalue(name)
    expected = textstat.kwic(store.memory.paragraphs, "发展", tokens=store.memory.tokens, window=4)
    assert len(expected) > 3 * 5  # several batches, hits in several files
    monkeypatch.setattr(disk_kwic, "KWIC_BATCH", 3)
    assert_frame_equal(textstat.kwic(store.paragraphs, "发展", tokens=store.tokens, window=4), expected,
                       check_dtype=False)


def test_kwic_of_a_streamed_corpus_without_a_dataset(multi_dir, multi, tmp_path, monkeypatch):
    """As in the notebook, ``textstat.kwic(speeches.paragraphs, term)`` on a stream whose dataset is not built yet."""
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(multi_dir, stream=True)
    assert_frame_equal(textstat.kwic(stream.paragraphs, "自立自强"), textstat.kwic(multi.paragraphs, "自立自强"),
                       check_dtype=False)


def test_token_mode_finds_a_term_the_segmenter_splits_in_the_text_and_says_so(extended_store):
    """国家安全 is never one token: token-mode KWIC shows its occurrences in the text with a TermWarning instead
    of an empty table; a term that occurs nowhere stays an empty table without a warning."""
    memory = extended_store.memory
    assert "国家安全" not in set(memory.tokens["token"])
    with pytest.warns(TermWarning, match="国家安全"):
        hits = textstat.kwic(extended_store.paragraphs, "国家安全", tokens=extended_store.tokens)
    assert len(hits) == int(memory.corpus.paragraphs["text"].str.count("国家安全").sum()) > 0
    assert (hits["match"] == "国家安全").all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert textstat.kwic(extended_store.paragraphs, "没有这个词语", tokens=extended_store.tokens).empty
