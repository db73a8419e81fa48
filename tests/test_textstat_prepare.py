"""helpers.textstat.prepare: annotating tokens with paragraph and document columns, in memory and on a tokens
dataset on disk; the tokens of some documents (``tokens.of_documents``) before annotating them."""

from __future__ import annotations

import pytest
from conftest import LISTS
from pandas.testing import assert_frame_equal

from helpers import textstat, tokens


def test_annotate_rejects_unknown_columns(store):
    with pytest.raises(KeyError, match="no paragraph or document column"):
        textstat.annotate(store.tokens, store.corpus, ["colour"])


def test_of_documents_then_annotate(extended_store):
    words = extended_store.with_stopwords(LISTS)
    reference = words.memory
    focus = reference.documents["doc_id"].iloc[2]
    picked = tokens.of_documents(words.tokens, [focus])
    expected = textstat.frequency(textstat.annotate(tokens.of_documents(reference.tokens, [focus]), reference.corpus,
                                                    ["section"]), by="section")
    assert len(expected) and set(textstat.frequency(picked, by="doc_id")["doc_id"]) == {focus}
    got = textstat.frequency(textstat.annotate(picked, words.corpus, ["section"]), by="section")
    assert_frame_equal(got, expected, check_dtype=False)


def test_of_documents_keeps_the_rows_of_a_table(extended_memory):
    words = extended_memory.tokens
    focus = extended_memory.documents["doc_id"].iloc[2]
    assert_frame_equal(tokens.of_documents(words, [focus]), words[words["doc_id"] == focus])


def test_of_documents_of_a_dataset_is_its_selection(extended_disk):
    focus = extended_disk.documents["doc_id"].iloc[2]
    assert list(tokens.of_documents(extended_disk.tokens, focus).documents["doc_id"]) == [focus]
