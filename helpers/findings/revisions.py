"""Findings of notebook 04: the pairs compared, what a revision kept and changed, targets, new sentences, reuse."""

from __future__ import annotations

import pandas as pd

from ..revisions.alignment import STATUSES
from ..revisions.series import pick
from .base import Findings, count, coverage, listing, number

__all__ = [
    "changed_numbers",
    "character_edits",
    "new_sentences",
    "pairs",
    "reuse",
    "revision",
    "revision_formulations",
]


def pairs(table: pd.DataFrame) -> Findings:
    """The pairs of documents found (from :func:`helpers.revisions.choose`) and the one shown in detail."""
    if table.empty:
        return Findings(["Nothing to compare: the corpus has no two editions and no two documents of one genre."])
    reasons = table["reason"].value_counts()
    listed = ", ".join(f"{n} {r}" for r, n in reasons.items())
    shown = pick(table).iloc[0]
    gap = shown["gap_years"]
    apart = "" if pd.isna(gap) else f", {count(int(gap), 'year')} apart"
    return Findings([f"{count(len(table), 'pair')} of documents ({listed}); shown in detail: {shown['old']} → "
                     f"{shown['new']} ({shown['genre']}{apart})."])


def revision(counts: pd.DataFrame) -> Findings:
    """What one revision kept, changed, moved, added and dropped (from :func:`helpers.revisions.counts`)."""
    if counts["units"].sum() == 0:
        return Findings(["Nothing to compare: the corpus has no pair of documents."])
    by = counts.set_index("status")
    parts = ", ".join(f"{by.at[s, 'units']} {s}" for s in STATUSES)
    carried = by.loc[["unchanged", "changed", "moved"], "new_share"].sum()
    return Findings([
        f"Aligned units: {parts}.",
        f"The newer text carries over {carried:.0%} of its characters from the older (unchanged "
        f"{by.at['unchanged', 'new_share']:.0%}, changed {by.at['changed', 'new_share']:.0%}, moved "
        f"{by.at['moved', 'new_share']:.0%}); {by.at['added', 'new_share']:.0%} is new, and "
        f"{by.at['dropped', 'old_share']:.0%} of the older text was dropped.",
    ])


def character_edits(differences: pd.DataFrame) -> Findings:
    """How many character edits the changed units hold, and how many only change width or spacing."""
    if differences.empty:
        return Findings(["No character edits: no unit changed in place."])
    units = count(differences["unit_no"].nunique(), "unit")
    return Findings([f"{count(len(differences), 'character edit')} in {units}; "
                     f"{number(int(differences['trivial'].sum()))} of them only change width or spacing."])


def revision_formulations(changes: pd.DataFrame) -> Findings:
    """Formulations of the tracker's list that appear or disappear (from :func:`helpers.revisions.formulations`)."""
    if changes.empty:
        return Findings(["No formulation of the tracker's list occurs in the pair."])
    appear = changes.loc[changes["change"] == "appears", "formulation"].tolist()
    gone = changes.loc[changes["change"] == "disappears", "formulation"].tolist()
    return Findings([
        f"New in the newer text: {listing(appear)}." if appear else "No formulation of the list is new.",
        f"Gone from it: {listing(gone)}." if gone else "No formulation of the list disappears.",
    ])


def changed_numbers(numbers: pd.DataFrame) -> Findings:
    """How many numbers changed in place, with the first few (from :func:`helpers.revisions.numbers`)."""
    if numbers.empty:
        return Findings(["No number changed inside a changed sentence."])
    shown = (f"{r.context}{r.old_number} → {r.new_number}" for r in numbers.itertuples())
    return Findings([f"{count(len(numbers), 'number')} changed in place, among them {listing(shown, limit=4)}."])


def new_sentences(table: pd.DataFrame) -> Findings:
    """How many sentences of the newer document are new, and their share of its characters."""
    if table.empty:
        return Findings(["No sentence of the newer document is new."])
    return Findings([f"{count(len(table), 'sentence')} of the newer document are new "
                     f"({number(int(table['new_chars'].sum()))} characters)."])


def reuse(passages: pd.DataFrame, *, min_chars: int, searched: pd.DataFrame | None = None,
          documents: pd.DataFrame | None = None) -> Findings:
    """How many passages of at least ``min_chars`` characters documents share, and the longest.

    With ``searched`` (the documents searched, e.g. those of :func:`helpers.corpus.sample`) and
    ``documents`` (the whole corpus'), a sentence says whether the search covered the whole corpus or how
    much of it.
    """
    scope = _searched(searched, documents)
    if passages.empty:
        return Findings([f"No passage of {min_chars} characters or more is shared between two documents.", scope])
    pairs_sharing = passages[["doc_a", "doc_b"]].drop_duplicates()
    longest = passages.sort_values("n_chars", ascending=False, kind="stable").iloc[0]
    return Findings([
        f"{count(len(passages), 'shared passage')} of at least {min_chars} characters between "
        f"{count(len(pairs_sharing), 'pair')} of documents.",
        f"The longest, {number(int(longest['n_chars']))} characters, is shared by {longest['doc_a']} and "
        f"{longest['doc_b']}.",
        scope,
    ])


def _searched(searched: pd.DataFrame | None, documents: pd.DataFrame | None) -> str:
    """``Searched on the whole corpus (…).`` or on what part of it (see :func:`coverage`)."""
    if searched is None or documents is None:
        return ""
    said = f"Searched on {coverage(searched, documents)}."
    if set(searched["doc_id"]) >= set(documents["doc_id"]):
        return said
    return said + " Passages shared with a document outside the search are not counted."


def continuity(carried: pd.DataFrame) -> Findings:
    """Per genre, how much each document carries over from its predecessor (:func:`helpers.revisions.carryover`)."""
    if carried.empty:
        return Findings(["No series: the corpus has no two documents of one genre."])
    out = []
    for genre, part in carried.groupby("genre", sort=False, dropna=False):
        share = part["carried"]
        gaps = int((part["gap_years"] > 1).sum())
        out.append(f"{genre}: {count(len(part), 'pair')}, carrying over {share.min():.0%} to {share.max():.0%} of the "
                   f"newer text (median {share.median():.0%})"
                   + (f"; {count(gaps, 'pair')} more than a year apart." if gaps else "."))
    return Findings(out)
