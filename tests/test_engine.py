"""The engine: every verb gives the same table on a tokens dataset on disk as on the tables in memory (bundled and
dev corpora)."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from helpers import corpus, textstat, tokens
from helpers.engine import disk_kwic
from helpers.tokens import dataset


def pair(folder, tmp_path_factory):
    """(corpus, tokens table) in memory and (stream, dataset) on disk, in several chunks."""
    loaded = corpus.load(folder, cache=False)
    words = tokens.segment(loaded.paragraphs, cache=False)
    stream = corpus.load(folder, stream=True)
    data = dataset.build(stream, workers=1, chunk_bytes=30_000, progress=False, path=tmp_path_factory.mktemp("ds"))
    return loaded, words, stream, data


@pytest.fixture(scope="module", params=["multi", "extended"])
def both(request, tmp_path_factory):
    folder = request.getfixturevalue(f"{request.param}_dir")
    return pair(folder, tmp_path_factory)


@pytest.mark.parametrize("options", [{}, {"stopwords": False}, {"pos": ["n", "vn", "v"]}, {"min_length": 2},
                                     {"min_count": 3}, {"terms": ["科技", "创新", "发展", "没有的词"]}])
def test_frequency(both, options):
    _, words, _, data = both
    assert_frame_equal(textstat.frequency(data, **options), textstat.frequency(words, **options))


@pytest.mark.parametrize("by", ["year", "date", "genre", "doc_id", "section", ["doc_id", "section"], ["year", "genre"]])
def test_frequency_by_group(both, by):
    loaded, words, stream, data = both
    columns = [c for c in ([by] if isinstance(by, str) else by) if c != "doc_id"]
    expected = textstat.frequency(textstat.annotate(words, loaded, columns), by=by, min_count=2)
    got = textstat.frequency(textstat.annotate(data, stream, columns), by=by, min_count=2)
    assert_frame_equal(got, expected, check_dtype=False)
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))


def test_trends_over_time(both):
    loaded, words, stream, data = both
    terms = ["科技", "创新", "改革", "安全"]
    expected = textstat.frequency(textstat.annotate(words, loaded, ["date"]), by="date", terms=terms)
    assert_frame_equal(textstat.frequency(textstat.annotate(data, stream, ["date"]), by="date", terms=terms),
                       expected)


def test_counts_and_keyness_between_groups(both):
    loaded, words, _, data = both
    assert_series_equal(textstat.counts(data).sort_index(), textstat.counts(words).sort_index(), check_dtype=False)
    contrast = textstat.choose_contrast(loaded.documents)
    for measure in ("g2", "log_odds_dirichlet"):
        for nested in (False, True):  # nested formulation counts from the token types counted on disk
            assert_frame_equal(textstat.keyness_between(data, contrast, measure=measure, nested=nested),
                               textstat.keyness_between(words, contrast, measure=measure, nested=nested),
                               check_dtype=False)
    assert textstat.keyness_between(words, contrast)["target_nested"].sum() > 0  # the nested counts are exercised
    years = sorted(loaded.documents["year"].dropna().unique())
    early, late = years[: len(years) // 2], years[len(years) // 2:]
    in_memory = words.merge(loaded.documents[["doc_id", "year"]], on="doc_id")
    expected = textstat.keyness(textstat.counts(in_memory[in_memory["year"].isin(early)]),
                                textstat.counts(in_memory[in_memory["year"].isin(late)]))
    got = textstat.keyness(textstat.counts(data.subset(year=early)), textstat.counts(data.subset(year=late)))
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("query, options", [("自立自强", {}), ("科技", {"window": 5}), (r"[一二三四]是", {"regex": True})])
def test_kwic_string_mode(both, query, options):
    loaded, _, _, data = both
    expected = textstat.kwic(loaded.paragraphs, query, **options)
    assert len(expected)
    assert_frame_equal(textstat.kwic(data, query, **options), expected, check_dtype=False)


@pytest.mark.parametrize("query", ["科技", "自立自强", "没有的词"])
def test_kwic_token_mode(both, query):
    loaded, words, _, data = both
    expected = textstat.kwic(loaded.paragraphs, query, tokens=words)
    assert_frame_equal(textstat.kwic(data, query, tokens=data), expected, check_dtype=False)


def test_kwic_token_mode_in_small_batches_equals_one_batch(both, monkeypatch):
    """The context of a common token is fetched a batch of hits at a time; batches of 3 give the same table."""
    loaded, words, _, data = both
    expected = textstat.kwic(loaded.paragraphs, "发展", tokens=words, window=4)
    assert len(expected) > 3 * 5  # several batches, hits in several files
    monkeypatch.setattr(disk_kwic, "KWIC_BATCH", 3)
    assert_frame_equal(textstat.kwic(data, "发展", tokens=data, window=4), expected, check_dtype=False)


@pytest.mark.parametrize("window", [0, 3])
def test_kwic_token_mode_of_selected_documents(both, window):
    loaded, words, _, data = both
    years = sorted(loaded.documents["year"].dropna().unique())
    chosen = data.subset(year=years[len(years) // 2:])
    paragraphs = loaded.paragraphs[loaded.paragraphs["doc_id"].isin(chosen.documents["doc_id"])]
    expected = textstat.kwic(paragraphs, "科技", tokens=words, window=window)
    assert 0 < len(expected) < len(textstat.kwic(loaded.paragraphs, "科技", tokens=words))
    assert_frame_equal(textstat.kwic(chosen, "科技", tokens=chosen, window=window), expected, check_dtype=False)


def test_kwic_of_a_streamed_corpus(multi_dir, multi, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(multi_dir, stream=True)  # as in the notebook: textstat.kwic(speeches.paragraphs, term)
    assert_frame_equal(textstat.kwic(stream.paragraphs, "自立自强"), textstat.kwic(multi.paragraphs, "自立自强"),
                       check_dtype=False)


def test_ngrams(both):
    _, words, _, data = both
    for n in (2, 3):
        assert_frame_equal(textstat.ngrams(data, n=n), textstat.ngrams(words, n=n), check_dtype=False)


def test_unknown_group_is_named(both):
    _, _, _, data = both
    with pytest.raises(KeyError, match="annotate"):
        textstat.frequency(data, by="year")
