"""helpers.textstat.prepare: annotating tokens with paragraph and document columns."""

from __future__ import annotations

import pytest

from helpers import textstat, tokens


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs)


def test_annotate_rejects_unknown_columns(seed, words):
    with pytest.raises(KeyError, match="no paragraph or document column"):
        textstat.annotate(words, seed, ["colour"])
