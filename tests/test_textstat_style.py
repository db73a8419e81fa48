"""helpers.textstat.style: MATTR by hand and style measures per section."""

from __future__ import annotations

import math

import pytest

from helpers import textstat, tokens


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs)


def test_mattr_by_hand():
    assert math.isclose(textstat.mattr(list("aabbcc"), window=2), (0.5 + 1 + 0.5 + 1 + 0.5) / 5)
    assert textstat.mattr(list("ab"), window=5) == 1.0
    assert math.isnan(textstat.mattr([], window=5))


@pytest.mark.parametrize("window", [1, 7, 100])
def test_mattr_equals_the_mean_of_every_window_counted_one_by_one(words, window):
    from helpers.textstat.style import _window_types

    text = words.loc[words["pos"] != "x", "token"].tolist()[:3000]
    distinct = [len(set(text[s:s + window])) for s in range(len(text) - window + 1)]
    assert math.isclose(textstat.mattr(text, window=window), sum(distinct) / len(distinct) / window)
    for n_windows in (1, 2, 250, len(distinct)):  # the first windows only, as for a document's edges
        assert _window_types(text, window, n_windows) == sum(distinct[:n_windows])
    assert _window_types(text, window, 0) == 0


def test_style_per_section(seed, words):
    table = textstat.style(seed, words, by="section").set_index("section")
    assert table["n_sentences"].sum() == len(seed.sentences)
    assert table.loc["opening", "enumerations"] == 1 and table["enumerations"].sum() == 1
    assert 0 < table.loc["closing", "directive_share"] < table.loc["第一", "directive_share"] <= 1
    assert (table["mattr"].between(0, 1)).all()
    first = seed.sentences[seed.paragraphs.set_index("para_no").loc[seed.sentences["para_no"], "section"].to_numpy()
                           == "第一"]
    assert math.isclose(table.loc["第一", "mean_sentence_chars"], first["n_chars"].mean())
