"""helpers.textstat.ngrams: n-grams within sentences, in memory and on a tokens dataset on disk."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import textstat


def test_ngrams_stay_within_sentences_and_skip_punctuation(store):
    words = store.select(SPEECH).tokens
    bigrams = textstat.ngrams(words, n=2, min_count=2)
    assert bigrams.iloc[0]["ngram"] == "科技 创新"
    assert bigrams.iloc[0]["count"] == 18
    trigrams = textstat.ngrams(words, n=3, min_count=2)
    assert all(len(g.split()) == 3 for g in trigrams["ngram"])
    assert not bigrams["ngram"].str.contains("，|。").any()


def test_ngrams_do_not_cross_a_sentence_end():
    toks = pd.DataFrame({"doc_id": "d", "para_no": 1, "sent_no": [1, 1, 2, 2], "token_no": [1, 2, 3, 4],
                         "token": ["科技", "创新", "人才", "培养"], "pos": "n", "start": [0, 2, 4, 6],
                         "end": [2, 4, 6, 8], "is_stop": False})
    assert textstat.ngrams(toks, n=2, min_count=1)["ngram"].tolist() == ["人才 培养", "科技 创新"]


@pytest.mark.parametrize("n", [2, 3])
def test_ngrams_equal_the_in_memory_reference(every_store, n):
    got, expected = every_store.against_memory(lambda s: textstat.ngrams(s.tokens, n=n))
    assert len(expected)
    assert_frame_equal(got, expected, check_dtype=False)
