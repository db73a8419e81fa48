"""helpers.textstat.collocations: PMI and G² of adjacent pairs, checked by hand; the same table on disk."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import LISTS
from pandas.testing import assert_frame_equal

from helpers import textstat


def test_collocation_scores_by_hand():
    # 10 adjacent pairs; (甲,乙) 3 times; 甲 is first in 4 pairs, 乙 second in 3.
    pairs = [("甲", "乙")] * 3 + [("甲", "丙")] + [("丁", "戊")] * 6
    rows = []
    for k, (a, b) in enumerate(pairs):
        rows += [(k + 1, a), (k + 1, b)]
    toks = pd.DataFrame({"doc_id": "d", "para_no": 1, "sent_no": [r[0] for r in rows],
                         "token_no": range(1, len(rows) + 1), "token": [r[1] for r in rows], "pos": "n",
                         "start": 0, "end": 1, "is_stop": False})
    table = textstat.collocations(toks, min_count=1).set_index("collocation")
    row = table.loc["甲乙"]
    assert (row["count"], row["count_w1"], row["count_w2"]) == (3, 4, 3)
    assert math.isclose(row["pmi"], math.log2(3 * 10 / (4 * 3)))
    # G² over the table [[3, 1], [0, 6]] with expected [[1.2, 2.8], [1.8, 4.2]]:
    g2 = 2 * (3 * math.log(3 / 1.2) + 1 * math.log(1 / 2.8) + 6 * math.log(6 / 4.2))
    assert math.isclose(row["g2"], g2)


@pytest.mark.parametrize("options", [{"min_count": 2}, {"min_count": 1, "stopwords": False, "sort_by": "pmi"}])
def test_collocations_equal_the_in_memory_reference(extended_store, options):
    """The extended corpus with both stopword lists: the same table in memory and from the dataset's chunks."""
    got, expected = extended_store.with_stopwords(LISTS).against_memory(
        lambda s: textstat.collocations(s.tokens, **options))
    assert len(expected) > 100
    assert_frame_equal(got, expected, check_dtype=False)
