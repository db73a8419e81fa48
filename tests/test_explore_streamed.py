"""The explorers on a tokens dataset on disk: the same tables as in memory, and bounded static HTML."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from helpers import config, corpus, explore, textstat
from helpers.tokens import dataset


@pytest.fixture(scope="module")
def both(extended, extended_dir, extended_words, tmp_path_factory):
    stream = corpus.load(extended_dir, stream=True)
    data = dataset.build(stream, workers=1, chunk_bytes=60_000, progress=False,
                         path=tmp_path_factory.mktemp("ds")).with_stopwords(("general", "policy"))
    return extended, extended_words.drop(columns="section"), data


@pytest.mark.parametrize("match", ["string", "token"])
def test_concordance_results_equal(both, match):
    loaded, words, data = both
    docs = loaded.documents["doc_id"].tolist()[2:6]
    sections = ["一", "二", "opening"]
    options = {"match": match, "window": 10, "documents": docs, "sections": sections}
    expected = explore.kwic(loaded, "科技", tokens=words, **options)
    got = explore.kwic(data, "科技", tokens=data, **options)
    assert len(expected)
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)
    for name, shown in (("memory", explore.concordance(loaded, tokens=words, query="科技", match=match)),
                        ("dataset", explore.concordance(data, tokens=data, query="科技", match=match))):
        hits, counts, where = shown.results("科技", match=match, window=10, documents=docs, sections=sections)
        if name == "memory":
            kept = counts[counts["doc_id"].isin(set(hits["doc_id"]))].reset_index(drop=True)
            reference = hits, kept, where
    for a, b in zip((hits, counts, where), reference, strict=True):
        assert_frame_equal(a, b, check_dtype=False, check_categorical=False)


def test_static_concordance_of_a_dataset_is_bounded(both, monkeypatch):
    _, _, data = both
    monkeypatch.setenv(config.REPORT_ENV, "1")
    shown = explore.concordance(data, tokens=data, query="发展", max_rows=5)
    total = len(textstat.kwic(data, "发展"))
    assert total > 100
    page = shown.static_html()
    assert f"{total:,} hits" in page and "first 5 shown" in page
    assert page.count("<tr>") < 5 + 2 * 5 + 10  # the KWIC rows and the sections with most hits, capped
    assert "explore-data" not in page  # the corpus text is never embedded


def test_keyness_explorer_of_a_dataset(both):
    loaded, words, data = both
    in_memory = textstat.annotate(words, loaded, ["year"])
    expected = explore.group_keyness(in_memory, by="year", target=[2019, 2018], reference=[2014, 2015])
    got = explore.group_keyness(data.annotate(["year"]), by="year", target=[2019, 2018], reference=[2014, 2015])
    assert_frame_equal(got, expected, check_dtype=False)
    rest = explore.group_keyness(data.annotate(["genre"]), by="genre", target=["speech"])
    assert_frame_equal(rest, explore.group_keyness(textstat.annotate(words, loaded, ["genre"]), by="genre",
                                                   target=["speech"]), check_dtype=False)
    shown = explore.keyness(data, data, by="year", target=[2019], min_count=3)
    assert explore.groupings(data) == explore.groupings(loaded)
    assert explore.group_values(data, "section") == explore.group_values(loaded, "section")
    assert "2019" in shown.static_html()
