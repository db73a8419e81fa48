"""helpers.textstat.style: MATTR by hand and style measures per section, in memory and on a tokens dataset on
disk."""

from __future__ import annotations

import math

import pytest
from conftest import LISTS, SPEECH
from pandas.testing import assert_frame_equal

from helpers import corpus, findings, textstat, tokens
from helpers.textstat.style import _Mattr, _window_types


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs)


def test_mattr_by_hand():
    assert math.isclose(textstat.mattr(list("aabbcc"), window=2), (0.5 + 1 + 0.5 + 1 + 0.5) / 5)
    assert textstat.mattr(list("ab"), window=5) == 1.0
    assert math.isnan(textstat.mattr([], window=5))


@pytest.mark.parametrize("window", [1, 7, 100])
def test_mattr_equals_the_mean_of_every_window_counted_one_by_one(words, window):
    text = words.loc[words["pos"] != "x", "token"].tolist()[:3000]
    distinct = [len(set(text[s:s + window])) for s in range(len(text) - window + 1)]
    assert math.isclose(textstat.mattr(text, window=window), sum(distinct) / len(distinct) / window)
    for n_windows in (1, 2, 250, len(distinct)):  # the first windows only, as for a document's edges
        assert _window_types(text, window, n_windows) == sum(distinct[:n_windows])
    assert _window_types(text, window, 0) == 0


def test_style_per_section(store):
    speech = store.select(SPEECH)
    seed = speech.memory.corpus
    table = textstat.style(speech.corpus, speech.tokens, by="section").set_index("section")
    assert table["n_sentences"].sum() == len(seed.sentences)
    assert table.loc["opening", "enumerations"] == 1 and table["enumerations"].sum() == 1
    assert 0 < table.loc["closing", "directive_share"] < table.loc["第一", "directive_share"] <= 1
    assert (table["mattr"].between(0, 1)).all()
    first = seed.sentences[seed.paragraphs.set_index("para_no").loc[seed.sentences["para_no"], "section"].to_numpy()
                           == "第一"]
    assert math.isclose(table.loc["第一", "mean_sentence_chars"], first["n_chars"].mean())


@pytest.mark.parametrize("by", ["doc_id", "year", "genre", "section"])
def test_style_equals_the_in_memory_reference(extended_store, by):
    got, expected = extended_store.with_stopwords(LISTS).against_memory(
        lambda s: textstat.style(s.corpus, s.tokens, by=by))
    assert_frame_equal(got, expected, check_exact=True, check_dtype=False, check_categorical=False)


@pytest.mark.parametrize("window", [3, 100, 5_000])
def test_mattr_in_segments_equals_mattr_of_the_whole(extended_words, window):
    words = extended_words[textstat.select(extended_words, stopwords=False)]
    whole, combined = [], _Mattr(window)
    for _, part in list(words.groupby("doc_id", sort=False))[:4]:
        for n in (7, 150, 4_000):  # segments shorter than, about and longer than the window
            seg = part["token"].tolist()[:n]
            whole += seg
            combined.add(len(seg), _window_types(seg, window, len(seg) - window + 1), seg[:window - 1],
                         seg[-(window - 1):])
    assert combined.value() == textstat.mattr(whole, window=window)


@pytest.mark.parametrize("by", ["year", "genre"])
def test_style_of_pooled_documents_counts_each_work_once(store, by):
    """Pooled by year or genre, a later edition is left out: the same measures as without the editions."""
    works = corpus.first_editions(store.memory.documents)["doc_id"].tolist()
    got = textstat.style(store.corpus, store.tokens, by=by)
    chosen = store.select(works)
    expected = textstat.style(chosen.corpus, chosen.tokens, by=by)
    if by == "year":
        assert got["year"].tolist() == [2019, 2022, 2024]
    assert_frame_equal(got, expected, check_dtype=False)
    assert len(textstat.style(store.corpus, store.tokens, by="doc_id")) == len(store.documents)


def test_a_bullet_list_over_several_paragraphs_is_one_enumeration(tmp_path):
    """Three bullet paragraphs in a row are one list of three items (numbered through the document): style and
    the findings count it once, not once per paragraph."""
    folder = tmp_path / "bullets"
    folder.mkdir()
    body = ("同志们：\n\n今年要抓好三项工作，这是全年工作的重点和基础。\n\n"
            "• 坚持科技创新引领，加快建设现代化产业体系，推动高质量发展。\n\n"
            "• 深化科技体制改革，完善科技评价机制，激发创新活力。\n\n"
            "• 加强人才队伍建设，培养造就一批战略科学家和领军人才。\n\n"
            "我们要团结一心，一是坚定信心，二是真抓实干，把各项工作落到实处。\n")
    (folder / "2024-01-01_bullets.txt").write_text(body, encoding="utf-8")
    loaded = corpus.load(folder, cache=False)
    bullets = loaded.list_items[loaded.list_items["marker"] == "•"]
    assert len(bullets) == 3 and bullets["para_no"].nunique() == 3 and bullets["list_no"].nunique() == 1
    table = textstat.style(loaded, tokens.segment(loaded.paragraphs, progress=False))
    assert table["enumerations"].item() == 2  # the bullet list and the 一是…二是… list
    assert findings.enumerations(loaded.list_items, loaded.documents)[0].startswith("5 enumerated items in 2 lists")
