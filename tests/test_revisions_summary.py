"""Summary of the 2018 → 2019 government work reports: counts, formulations, changed targets."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import revisions
from helpers.revisions import summary

OLD, NEW = "2018-03-05_gwr-2018", "2019-03-05_gwr-2019"


@pytest.fixture(scope="module")
def aligned(extended) -> pd.DataFrame:
    return revisions.align(extended, OLD, NEW)


def test_counts_add_up_to_both_documents(extended, aligned):
    counts = summary.counts(aligned)
    assert counts["status"].tolist() == revisions.STATUSES
    sentences = extended.sentences
    assert counts["old_sentences"].sum() == (sentences["doc_id"] == OLD).sum()
    assert counts["new_sentences"].sum() == (sentences["doc_id"] == NEW).sum()
    assert counts["old_share"].sum() == pytest.approx(1) and counts["new_share"].sum() == pytest.approx(1)
    by = counts.set_index("status")
    assert by.loc["added", "old_chars"] == 0 and by.loc["dropped", "new_chars"] == 0


def test_counts_of_an_empty_alignment():
    counts = summary.counts(revisions.align_texts([], []))
    assert counts["units"].sum() == 0 and counts["new_share"].sum() == 0


def test_formulations_that_appear_and_disappear(extended):
    pairs = revisions.choose(extended.documents, old=OLD, new=NEW)
    changes = summary.formulations(extended, pairs).set_index("formulation")
    assert (changes["old_doc"] == OLD).all() and (changes["new_doc"] == NEW).all()
    assert changes.loc["关键核心技术", "change"] == "appears" and changes.loc["关键核心技术", "old_count"] == 0
    assert changes.loc["新常态", "change"] == "disappears"
    assert changes.loc["高质量发展", "new_count"] > changes.loc["高质量发展", "old_count"]
    assert (changes[["old_count", "new_count"]].sum(axis=1) > 0).all()


def test_changed_targets(aligned):
    numbers = summary.numbers(aligned)
    pairs = {(c, o, n) for c, o, n in numbers[["context", "old_number", "new_number"]].itertuples(index=False)}
    assert ("今年赤字率拟按", "2.6%", "2.8%") in pairs
    assert ("国内生产总值增长", "6.5%左右", "6%－6.5%") in pairs
    assert ("居民消费价格上涨", "1.9%", "2.1%") in pairs
    assert all(o != n for _, o, n in pairs)


def test_findings_describe_the_revision(aligned, seed):
    from helpers import findings

    sentence = str(findings.revision(summary.counts(aligned)))
    n = (aligned["status"] == "unchanged").sum()
    assert f"{n} unchanged" in sentence and "is new" in sentence
    assert str(findings.revision(summary.counts(revisions.align_texts([], [])))).startswith("Nothing to compare")
    assert str(findings.pairs(revisions.choose(seed.documents))).startswith("Nothing to compare")
    assert summary.formulations(seed, revisions.choose(seed.documents)).empty
