"""The README's Dask DataFrame frequency table (section "On a cluster") gives what textstat.frequency gives."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import config, corpus, textstat, tokens


def _readme_block() -> str:
    text = (config.ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### On a cluster"):]
    return re.search(r"```python\n(.*?)```", section, re.S)[1]


@pytest.fixture(scope="module")
def speeches(multi_dir):
    return corpus.load(multi_dir, stream=True, cache=False, progress=False)


def test_the_readme_block_equals_textstat_frequency(speeches):
    namespace = {"speeches": speeches, "tokens": tokens}
    exec(compile(_readme_block(), "README.md", "exec"), namespace)  # the README's own code, not a corpus'
    table = namespace["table"]
    expected = textstat.frequency(namespace["words"])
    assert namespace["works"].shape[0] < namespace["documents"].shape[0]  # an edition was left out
    assert len(expected) > 100
    columns = ["term", "count", "docfreq", "parafreq"]
    pd.testing.assert_frame_equal(table[columns], expected[columns], check_dtype=False)
    assert (table["per_10k"] - expected["per_10k"]).abs().max() < 1e-9
