"""Findings of notebook 01: dictionary coverage, top terms, terms by section, collocations, dispersion, concordance."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .base import Findings, count, listing, number, percent, place, rate


def coverage(table: pd.DataFrame) -> Findings:
    """How many policy-dictionary terms came out as tokens, and the most frequent of them."""
    found = table[table["count"] > 0].sort_values(["count", "term"], ascending=[False, True])
    if found.empty:
        return Findings([f"None of the {number(len(table))} policy-dictionary terms occurs as a token in this corpus."])
    return Findings([
        f"{number(len(found))} of the {number(len(table))} policy-dictionary terms occur as tokens; the most "
        f"frequent: {listing(f'{t} ({number(k)})' for t, k in zip(found['term'], found['count'], strict=True))}.",
    ])


def top_terms(frequencies: pd.DataFrame, *, top_n: int = 30) -> Findings:
    """The most frequent terms, their rates and spread, and the share the top ``top_n`` take."""
    if frequencies.empty:
        return Findings(["No content word remains after stopwords, punctuation and digits: there is nothing to count."])
    total = int(frequencies["count"].sum())
    top = frequencies.iloc[0]
    n_docs = "the one document" if top["docfreq"] == 1 and frequencies["docfreq"].max() == 1 else \
        count(top["docfreq"], "document")
    head = frequencies.head(top_n)
    return Findings([
        f"{count(len(frequencies), 'distinct term')} occur {count(total, 'time')} in all (stopwords, punctuation "
        f"and digits left out).",
        f"The most frequent is {top['term']}: {count(top['count'], 'time')}, {rate(top['per_10k'])} per 10,000 "
        f"words, in {count(top['parafreq'], 'paragraph')} of {n_docs}.",
        f"The top {number(len(head))} terms make up {percent(head['count'].sum(), total)} of all occurrences; "
        f"next after {top['term']}: {listing(head['term'].iloc[1:6])}.",
    ])


def by_section(table: pd.DataFrame, *, by: str = "section") -> Findings:
    """The most frequent term of each group (section)."""
    if table.empty:
        return Findings(["No section has a content word to count."])
    first = table.sort_values("count", ascending=False, kind="stable").drop_duplicates(by)
    first = {row[by]: row for _, row in first.iterrows()}
    order = [g for g in dict.fromkeys(table[by]) if g in first]  # the table's own group order
    return Findings([
        f"{count(len(order), 'group')} of {by}; the most frequent term of each: "
        + listing((f"{g} {first[g]['term']} ({number(first[g]['count'])})" for g in order), limit=8) + ".",
    ])


def concentration(table: pd.DataFrame, frequencies: pd.DataFrame, *, by: str = "section", top_k: int = 3,
                  whole: str = "the whole document") -> Findings:
    """The terms most concentrated in one group: the group's rate against the term's rate in the whole the groups
    make up.  ``frequencies`` are the rates of that whole (:func:`helpers.textstat.frequency` of the same tokens
    without ``by``: the document whose sections ``table`` compares, not the corpus), named by ``whole``."""
    if table.empty or table[by].nunique() < 2:
        return Findings([f"With fewer than two groups of {by} there is no concentration to compare."])
    overall = frequencies.set_index("term")["per_10k"]
    peaks = table.sort_values("per_10k", ascending=False, kind="stable").drop_duplicates("term").copy()
    peaks["ratio"] = peaks["per_10k"] / peaks["term"].map(overall)
    peaks = peaks.sort_values("ratio", ascending=False, kind="stable").head(top_k)
    return Findings([
        "Most concentrated: " + listing(
            (f"{r['term']} in {r[by]} ({rate(r['per_10k'])} per 10,000 words against "
             f"{rate(overall[r['term']])} in {whole})" for _, r in peaks.iterrows()), conjunction="and") + ".",
    ])


def collocations(pairs: pd.DataFrame, *, top_k: int = 3) -> Findings:
    """How many pairs were kept and the strongest by G²."""
    if pairs.empty:
        return Findings(["No pair of adjacent content words occurs often enough to be scored: the figure is empty."])
    top = pairs.nlargest(top_k, "g2")
    return Findings([
        f"{count(len(pairs), 'pair')} of adjacent words pass the minimum count; the strongest by G²: "
        + listing(f"{r['collocation']} ({count(r['count'], 'time')}, G² {number(r['g2'])})"
                  for _, r in top.iterrows()) + ".",
    ])


def dispersion(hits: pd.DataFrame, terms: Sequence[str]) -> Findings:
    """How often each key term occurs, which do not occur, and the most concentrated one."""
    counts = hits["term"].value_counts().reindex(list(terms), fill_value=0)
    found = counts[counts > 0]
    out = []
    if found.empty:
        return Findings([f"None of the key terms ({listing(terms)}) occurs in this corpus: the plot is empty."])
    out.append("Occurrences: " + listing(f"{t} {number(k)}" for t, k in found.items()) + ".")
    absent = counts[counts == 0]
    if len(absent):
        out.append(f"Not found: {listing(absent.index)}.")
    several = hits["doc_id"].nunique() > 1
    where = hits.groupby(["term", "doc_id", "section"], observed=True).size().reset_index(name="n")
    where = where[where["term"].map(found) >= 5]
    if len(where):
        where["share"] = where["n"] / where["term"].map(found)
        peak = where.sort_values("share", ascending=False, kind="stable").iloc[0]
        out.append(f"Among terms seen five times or more, the most concentrated is {peak['term']}: "
                   f"{number(peak['n'])} of its {number(found[peak['term']])} occurrences "
                   f"({percent(peak['n'], found[peak['term']])}) are in "
                   f"{place(peak['doc_id'], peak['section'], several=several)}.")
    return Findings(out)


def concordance(table: pd.DataFrame, term: str) -> Findings:
    """How often the concordance term occurs, in how many documents and paragraphs."""
    if table.empty:
        return Findings([f"{term} does not occur in this corpus: the concordance is empty."])
    paragraphs = table[["doc_id", "para_no"]].drop_duplicates()
    return Findings([f"{term} occurs {count(len(table), 'time')} in {count(len(paragraphs), 'paragraph')} of "
                     f"{count(table['doc_id'].nunique(), 'document')}."])
