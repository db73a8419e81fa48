"""Pairs chosen from the corpus, and each work report against its predecessor."""

from __future__ import annotations

import pytest

from helpers import corpus, revisions


def test_one_document_has_nothing_to_compare(seed):
    pairs = revisions.choose(seed.documents)
    assert pairs.empty and list(pairs.columns) == ["old", "new", "genre", "old_date", "new_date", "old_year",
                                                   "new_year", "gap_years", "reason"]
    aligned = revisions.align_pairs(seed, pairs)
    assert aligned.empty and {"old_doc", "new_doc", "status", "similarity"} <= set(aligned.columns)
    assert revisions.carryover(seed, pairs).empty


def test_consecutive_documents_of_one_genre(extended):
    pairs = revisions.choose(extended.documents)
    reports = pairs[pairs["genre"] == "government work report"]
    assert list(zip(reports["old"].str[:4], reports["new"].str[:4], strict=True)) == [
        ("2014", "2015"), ("2015", "2016"), ("2016", "2017"), ("2017", "2018"), ("2018", "2019")]
    speeches = pairs[pairs["genre"] == "speech"]
    assert speeches[["old", "new"]].values.tolist() == [["2016-05-30_xi_build-world-st-power",
                                                         "2024-06-24_xi_kejiqiangguo"]]
    assert set(pairs["reason"]) == {"consecutive"}


def test_chosen_pair_and_predecessor(extended):
    pair = revisions.choose(extended.documents, new="2019-03-05_gwr-2019")
    assert pair[["old", "new", "reason"]].values.tolist() == [["2018-03-05_gwr-2018", "2019-03-05_gwr-2019", "chosen"]]
    with pytest.raises(KeyError, match="old_doc"):
        revisions.choose(extended.documents, old="nope", new="2019-03-05_gwr-2019")


def test_editions_flagged_by_the_loader_come_first(extended):
    documents = extended.documents.assign(edition_of=None)
    documents.loc[documents["doc_id"] == "2024-06-24_xi_kejiqiangguo", "edition_of"] = "2016-05-30_xi_build-world-st-power"
    pairs = revisions.choose(documents)
    assert (pairs["reason"] == "edition").sum() == 1
    assert len(pairs) == 6  # the edition pair is not listed twice


def test_carryover_keeps_gaps_in_years(extended):
    documents = extended.documents[extended.documents["doc_id"] != "2016-03-05_gwr-2016"]
    pairs = revisions.choose(documents)
    pairs = pairs[pairs["genre"] == "government work report"]
    carried = revisions.carryover(extended, pairs)
    assert carried["gap_years"].tolist() == [1, 2, 1, 1]
    assert carried["new_year"].tolist() == [2015, 2017, 2018, 2019]
    shares = carried[["unchanged", "changed", "moved", "added"]].sum(axis=1)
    assert shares.round(9).eq(1).all()
    assert (carried["carried"] > 0.05).all() and (carried["added"] > 0.5).all()


def test_new_sentences_of_the_latest_report(extended):
    pairs = revisions.choose(extended.documents, new="2019-03-05_gwr-2019")
    new = revisions.new_sentences(revisions.align_pairs(extended, pairs))
    assert (new["new_doc"] == "2019-03-05_gwr-2019").all()
    assert new["new_text"].str.contains("稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期").any()
    assert not new["new_text"].str.contains("各位代表").any()


def test_pick_shows_the_latest_of_the_longest_series(extended):
    pairs = revisions.choose(extended.documents)
    assert revisions.pick(pairs)[["old", "new"]].values.tolist() == [["2018-03-05_gwr-2018", "2019-03-05_gwr-2019"]]
    from helpers import findings

    assert "2018-03-05_gwr-2018 → 2019-03-05_gwr-2019" in str(findings.pairs(pairs))


def test_the_series_steps_from_work_to_work(multi):
    """A later edition is paired with its first edition, and left out of the consecutive series."""
    pairs = revisions.choose(multi.documents)
    later = set(multi.documents.loc[multi.documents["edition_of"] != "", "doc_id"])
    assert later
    series = pairs[pairs["reason"] == "consecutive"]
    assert not later & (set(series["old"]) | set(series["new"]))
    assert set(pairs.loc[pairs["reason"] == "edition", "new"]) == later
    works = corpus.first_editions(multi.documents)
    assert len(series) == len(works) - works["genre"].nunique()
