"""Findings of a dictionary lookup: which categories a corpus uses most, the terms behind them, their precision."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..textstat.works import later_editions
from .base import Findings, count, listing, number, percent, rate

DOMINANT = 0.5  # a category whose first term carries this share of its count rests on that term


def _name(doc_id: str, labels: Mapping[str, str] | pd.Series | None) -> str:
    names = dict(labels.items()) if labels is not None else {}
    return str(names.get(doc_id, doc_id))


def dictionary_summary(table: pd.DataFrame, *, terms: pd.DataFrame | None = None,
                       documents: pd.DataFrame | None = None,
                       labels: Mapping[str, str] | pd.Series | None = None) -> Findings:
    """Sentences about :func:`helpers.textstat.lookup.lookup` by ``doc_id``: the categories ranked by their
    rate per 10,000 words over the corpus (each work once when ``documents`` names the later editions), those
    that never occur, where the leading category is densest and sparsest; with ``terms``
    (:func:`~helpers.textstat.lookup.lookup_terms`), the categories resting on one term and the terms counted
    in the text because the segmenter never keeps them whole."""
    if table.empty or "doc_id" not in table.columns:
        return Findings(["No dictionary lookup by document to describe."])
    pooled, left_out = table, ""
    if documents is not None:
        later = set(documents.loc[later_editions(documents), "doc_id"]) & set(table["doc_id"])
        if later:
            pooled = table[~table["doc_id"].isin(later)]
            left_out = f"; {count(len(later), 'later edition')} left out: each work once"
    words = pooled.drop_duplicates("doc_id")["n_words"].sum()
    totals = pooled.groupby("category", sort=False)["count"].sum()
    if totals.sum() == 0 or not words:
        return Findings([f"No term of the dictionary's {count(len(totals), 'category', 'categories')} occurs in "
                         f"this corpus."])
    ranked = (totals / words * 10_000).sort_values(ascending=False, kind="stable")
    out = [f"Over {count(pooled['doc_id'].nunique(), 'document')} ({number(words)} words{left_out}) the "
           f"dictionary's categories rank: "
           + listing((f"{c} {rate(r, 1)}" for c, r in ranked[ranked > 0].items()), limit=8)
           + " occurrences per 10,000 words."]
    none = ranked[ranked == 0].index
    if len(none):
        out.append(f"Never used: {listing(none)}.")
    lead = ranked.index[0]
    rows = pooled[(pooled["category"] == lead) & (pooled["n_words"] > 0)]
    if rows["doc_id"].nunique() > 1:
        top, low = rows.loc[rows["per_10k"].idxmax()], rows.loc[rows["per_10k"].idxmin()]
        out.append(f"{lead} is densest in {_name(top['doc_id'], labels)} ({rate(top['per_10k'])} per 10,000 words) "
                   f"and sparsest in {_name(low['doc_id'], labels)} ({rate(low['per_10k'])}).")
    if terms is not None and not terms.empty:
        out += _terms(terms)
    return Findings(out)


def _terms(terms: pd.DataFrame) -> list[str]:
    by_term = terms.groupby(["category", "term"], sort=False)["count"].sum().reset_index()
    resting = []
    for category, part in by_term.groupby("category", sort=False):
        first = part.sort_values("count", ascending=False, kind="stable").iloc[0]
        if len(part) > 1 and first["count"] / part["count"].sum() >= DOMINANT:
            resting.append(f"{category} on {first['term']} ({percent(first['count'], part['count'].sum())})")
    out = []
    if resting:
        out.append("Categories resting mostly on one term: " + listing(resting) + ".")
    in_text = list(dict.fromkeys(terms.loc[terms["counted_as"] == "text", "term"]))
    if in_text:
        out.append(f"{listing(in_text)} {'is' if len(in_text) == 1 else 'are'} never one token here (the segmenter "
                   f"splits {'it' if len(in_text) == 1 else 'them'}): counted in the text.")
    return out


def dictionary_precision(table: pd.DataFrame) -> Findings:
    """Sentences about :func:`helpers.dictionary.precision`: how many lines were coded, the precision of each
    category with its Wilson 95 % interval, the least precise named first."""
    coded = table[table["n_coded"] > 0].sort_values("precision", kind="stable")
    if coded.empty:
        return Findings(["No line of the validation sample is coded yet: no precision to report."])
    out = [f"{count(int(coded['n_coded'].sum()), 'line')} coded by hand in "
           f"{count(len(coded), 'category', 'categories')} ({number(int(table['n_uncoded'].sum()))} left uncoded, "
           f"not counted); precision with its Wilson 95% interval: "
           + listing((f"{r.category} {rate(r.precision, 2)} ({rate(r.lower, 2)}–{rate(r.upper, 2)}, "
                      f"n = {r.n_coded})" for r in coded.itertuples()), limit=8) + "."]
    missing = table.loc[table["n_coded"] == 0, "category"]
    if len(missing):
        out.append(f"Not coded at all: {listing(missing)}.")
    return Findings(out)
