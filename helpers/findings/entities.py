"""Findings on named entities: who and what is named most, who came and went, and who is named together.

Each function reads the tables of :mod:`helpers.textstat.entities` and
:mod:`helpers.textstat.entity_network` and says what they show, including when there is nothing to say.
"""

from __future__ import annotations

import pandas as pd

from ..validate import check_columns, check_int
from .base import Findings, count, listing, number, percent

__all__ = ["entity_pairs", "entity_summary", "entity_timing"]

KIND_WORDS = {"person": "people", "place": "places", "organisation": "organisations", "office": "offices"}


def entity_summary(found: pd.DataFrame) -> Findings:
    """How many mentions of how many entities of each kind, and the most named of each kind."""
    check_columns("found", found, ["doc_id", "para_no", "entity", "kind"])
    if found.empty:
        return Findings(["No person, place, organisation or office is named in these paragraphs (by the tags and "
                         "the entity lexicon)."])
    sentences = [
        f"{count(len(found), 'mention')} of {count(found['entity'].nunique(), 'distinct entity', 'distinct entities')}"
        f" in {count(found[['doc_id', 'para_no']].drop_duplicates().shape[0], 'paragraph')} of "
        f"{count(found['doc_id'].nunique(), 'document')}: "
        + listing(f"{number((found['kind'] == k).sum())} naming {w} ({percent((found['kind'] == k).sum(), len(found))})"
                  for k, w in KIND_WORDS.items() if (found["kind"] == k).any()) + "."]
    for kind, word in KIND_WORDS.items():
        names = found.loc[found["kind"] == kind, "entity"].value_counts()
        if len(names):
            names = names.sort_index().sort_values(ascending=False, kind="stable").head(5)
            sentences.append(f"Most named {word}: {listing(f'{n} ({number(k)})' for n, k in names.items())}.")
    return Findings(sentences)


def entity_timing(counts: pd.DataFrame, *, top_n: int = 5, min_mentions: int = 5) -> Findings:
    """Entities first named late and entities no longer named, among those named at least ``min_mentions`` times
    (``counts``: :func:`helpers.textstat.entities.entity_counts` by year)."""
    check_columns("counts", counts, ["entity", "kind", "n_mentions", "first_year", "last_year"])
    check_int("top_n", top_n, min_value=1)
    check_int("min_mentions", min_mentions, min_value=1)
    whole = counts.groupby(["entity", "kind", "first_year", "last_year"], as_index=False, dropna=False)[
        "n_mentions"].sum()
    whole = whole[(whole["n_mentions"] >= min_mentions) & whole["first_year"].notna()]
    if whole.empty:
        return Findings([f"No dated entity is named {min_mentions} times or more: there is no timing to report."])
    first, last = int(whole["first_year"].min()), int(whole["last_year"].max())
    if first == last:
        return Findings([f"All documents with entities date from {first}: no entity can come or go."])
    cut = last - max(1, (last - first) // 4)
    order = ["n_mentions", "entity"]
    new = whole[whole["first_year"] > cut].sort_values(order, ascending=[False, True]).head(top_n)
    gone = whole[whole["last_year"] <= cut].sort_values(order, ascending=[False, True]).head(top_n)
    sentences = [f"Entities named {min_mentions} times or more span {first} to {last}."]
    sentences.append(f"First named after {cut}: {_named(new, 'first_year')}." if len(new)
                     else f"No such entity is first named after {cut}.")
    sentences.append(f"Last named in {cut} or before: {_named(gone, 'last_year')}." if len(gone)
                     else f"Every such entity is still named after {cut}.")
    return Findings(sentences)


def _named(table: pd.DataFrame, year: str) -> str:
    """``中国 (1954, 1,246), …``: each entity with the year given and its mentions."""
    return listing(f"{e} ({int(y)}, {number(n)})"
                   for e, y, n in zip(table["entity"], table[year], table["n_mentions"], strict=True))


def entity_pairs(edges: pd.DataFrame, *, top_n: int = 5) -> Findings:
    """The pairs named together in most paragraphs (``edges``: :func:`helpers.textstat.entity_network.cooccurrence`)."""
    check_columns("edges", edges, ["source", "target", "weight"])
    check_int("top_n", top_n, min_value=1)
    if edges.empty:
        return Findings(["No two entities are named in the same paragraph often enough to pair them."])
    head = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True]).head(top_n)
    return Findings([
        f"{count(len(edges), 'pair')} of entities share a paragraph; most often "
        + listing((f"{a} and {b} ({count(w, 'paragraph')})" for a, b, w in
                   zip(head["source"], head["target"], head["weight"], strict=True))) + "."])
