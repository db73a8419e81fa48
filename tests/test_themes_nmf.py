"""helpers.themes.nmf: the NMF topic model, deterministic and within the data's limits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import in_a_fresh_process

from helpers import themes, tokens

# --- topics ------------------------------------------------------------------------------------


def test_topics_are_identical_across_runs(words):
    words_a, weights_a = themes.topics(words, n_topics=5, random_state=42)
    words_b, weights_b = themes.topics(words, n_topics=5, random_state=42)
    pd.testing.assert_frame_equal(words_a, words_b)
    pd.testing.assert_frame_equal(weights_a, weights_b)
    assert list(words_a.columns) == ["topic", "label", "rank", "term", "weight"]
    assert list(weights_a.columns) == ["doc_id", "para_no", "section", "topic", "label", "weight", "share"]
    assert len(weights_a) == 26 * 5 and (words_a.groupby("topic").size() == 10).all()
    prevalence = weights_a.groupby("topic")["weight"].sum()
    assert prevalence.is_monotonic_decreasing  # numbered by total weight
    shares = weights_a.groupby("para_no")["share"].sum()
    assert np.allclose(shares[shares > 0], 1)
    assert words_a.groupby("topic")["weight"].sum().le(100 + 1e-9).all()
    talent = words_a.loc[words_a["term"] == "人才", "topic"]
    assert not talent.empty  # 人才 leads a topic of its own in this speech …
    dominant = weights_a.loc[weights_a.groupby("para_no")["share"].idxmax()].set_index("para_no")["topic"]
    assert dominant[19] == talent.iloc[0]  # … which dominates a paragraph of part 第四


def test_topics_are_identical_under_different_hash_seeds(tmp_path):
    """Two fresh interpreters with different string hashing give exactly the same topics and weights."""
    script = (
        "import pickle, sys; from helpers import corpus, textstat, themes, tokens\n"
        "c = corpus.load(); w = tokens.segment(c.paragraphs, stopword_lists=('general', 'policy'))\n"
        "w = textstat.annotate(w, c, ['section'])\n"
        "with open(sys.argv[1], 'wb') as f:\n"
        "    pickle.dump(themes.topics(w, n_topics=5), f)\n"
    )
    runs = [in_a_fresh_process(script, seed, tmp_path / f"run-{seed}.pickle") for seed in ("0", "4242")]
    (words_a, weights_a), (words_b, weights_b) = runs
    assert words_a["topic"].nunique() == 5 and len(weights_a) == 26 * 5  # the model of the bundled speech
    pd.testing.assert_frame_equal(words_a, words_b, check_exact=True)
    pd.testing.assert_frame_equal(weights_a, weights_b, check_exact=True)


def test_topics_run_on_the_extended_corpus(extended, extended_words):
    top_words, weights = themes.topics(extended_words, n_topics=8, random_state=42)
    assert weights["topic"].nunique() == 8
    assert len(weights) == len(extended.paragraphs) * 8
    assert weights["doc_id"].nunique() == len(extended.documents)
    again, _ = themes.topics(extended_words, n_topics=8, random_state=42)
    pd.testing.assert_frame_equal(top_words, again)


def test_topics_refuse_more_topics_than_the_data_allow(words):
    few = words[words["para_no"] <= 3]
    with pytest.warns(UserWarning, match=r"n_topics=10 is more than the 3 paragraphs"):
        top_words, weights = themes.topics(few, n_topics=10)
    assert top_words.empty and list(top_words.columns) == ["topic", "label", "rank", "term", "weight"]
    assert weights.empty and "share" in weights.columns


def test_no_topics_where_no_word_is_shared_by_two_paragraphs(words):
    one = words[words["para_no"] == 1]
    with pytest.warns(UserWarning, match="no content word occurs in 2 paragraphs"):
        top_words, weights = themes.topics(one, n_topics=2)
    assert top_words.empty and weights.empty


def test_topics_leave_out_procedural_boilerplate(extended):
    words = tokens.segment(extended.paragraphs, stopword_lists=("general", "policy"))
    procedural = themes.boilerplate(words)
    # 各位代表： opens six work reports; 现在，我代表国务院……请予审议 five
    assert procedural.iloc[0]["words"] == "代表" and procedural.iloc[0]["n_documents"] == 6
    assert "请予" in set(procedural["words"].str.split("·").explode())
    with_procedure, _ = themes.topics(words, drop_boilerplate=False)
    without, _ = themes.topics(words)
    assert any(label.startswith("T4 代表") for label in with_procedure["label"])
    assert not any("代表" in label for label in without["label"])
    assert themes.boilerplate(words[words["doc_id"] == words["doc_id"].iloc[0]]).empty  # one document: none
