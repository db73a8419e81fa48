"""Findings of the section "Words in context over time": the periods trained, a term's neighbours, terms on an
axis, and how far a term's vector moved (all from :mod:`helpers.embeddings` tables)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..embeddings import Embeddings
from .base import Findings, count, listing, number, rate

__all__ = ["axis_changes", "drift_ranking", "embeddings_need", "neighbour_changes", "periods_trained"]


def embeddings_need(model: Embeddings) -> str:
    """Why nothing can be said (an empty string when at least one period was trained), one sentence."""
    if model.spaces:
        return ""
    if model.periods.empty:
        return ("No document of this corpus can be placed in a period (none has a year: give dates in metadata.csv "
                "or file names), so no embedding is trained and nothing is drawn.")
    minimum = model.options.get("min_tokens")
    sizes = listing([f"{p}: {number(n)}" for p, n in zip(model.periods["period"], model.periods["n_tokens"],
                                                            strict=True)])
    return (f"This corpus is too small for word embeddings: no period reaches the {number(minimum)} content tokens "
            f"a model needs (tokens per period: {sizes or 'none'}), so no model is trained and nothing is drawn.")


def periods_trained(model: Embeddings) -> Findings:
    """Which periods were trained (documents, tokens, vocabulary), which skipped and why, and what the alignment
    rests on."""
    reason = embeddings_need(model)
    if reason:
        return Findings([reason])
    table = model.periods
    done = table[table["trained"]]
    out = [f"{count(len(done), 'period')} trained: " + listing(
        [f"{r.period} ({count(r.n_documents, 'document')}, {number(r.n_tokens)} tokens, "
         f"{number(r.n_vocabulary)} words kept)" for r in done.itertuples()], limit=8) + "."]
    skipped = table[~table["trained"]]
    if len(skipped):
        out.append(f"Skipped as too small: {listing([f'{r.period} ({r.reason})' for r in skipped.itertuples()])}.")
    if model.aligned and len(done) > 1:
        others = done[done["period"] != model.latest]
        out.append(f"Each period is rotated onto the latest, {model.latest}, on the words they share "
                   f"({number(others['n_shared'].min())} to {number(others['n_shared'].max())} words).")
    elif len(done) == 1:
        out.append(f"Only {done['period'].iloc[0]} could be trained: there is no other period to compare it with.")
    return Findings(out)


def neighbour_changes(table: pd.DataFrame, term: str, *, top: int = 5) -> Findings:
    """``term``'s closest words in its first and last period, the neighbours it keeps in every period, and those
    new in the last (from :func:`helpers.embeddings.neighbours`)."""
    rows = table[table["term"] == term] if not table.empty else table
    if rows.empty:
        return Findings([f"{term} is in no period's model (too rare in each, or absent), so it has no neighbours."])
    periods = list(dict.fromkeys(rows["period"]))

    def closest(period: str) -> str:
        part = rows[rows["period"] == period].sort_values("rank").head(top)
        return listing([f"{w} ({rate(s, 2)})" for w, s in zip(part["neighbour"], part["similarity"], strict=True)],
                       limit=top)

    out = [f"In {periods[0]}, {term} stands closest to {closest(periods[0])}."]
    if len(periods) == 1:
        out.append(f"It is in the model of {periods[0]} only.")
        return Findings(out)
    out.append(f"In {periods[-1]}, closest to {closest(periods[-1])}.")
    sets = [set(rows.loc[rows["period"] == p, "neighbour"]) for p in periods]
    kept = set.intersection(*sets)
    out.append(f"Neighbours in all {len(periods)} periods: {listing(sorted(kept))}." if kept else
               f"No word is among its neighbours in all {len(periods)} periods.")
    new = [w for w in rows.loc[rows["period"] == periods[-1]].sort_values("rank")["neighbour"]
           if not any(w in s for s in sets[:-1])]
    if new:
        out.append(f"New among them in {periods[-1]}: {listing(new)}.")
    return Findings(out)


def axis_changes(table: pd.DataFrame, pole_a: Sequence[str], pole_b: Sequence[str]) -> Findings:
    """For each term: where it lies in its first and last period, and whether its move is larger than the
    bootstrap intervals (the intervals of the two periods do not overlap) (from
    :func:`helpers.embeddings.axis`)."""
    a, b = "、".join(pole_a), "、".join(pole_b)
    if table.empty:
        return Findings([f"No period's model holds the poles ({a} | {b}) and a term, so no position is given."])
    out = [f"Positions run from −1 (towards {a}) to +1 (towards {b}); intervals are percentile bootstrap "
           f"intervals over the pole words."]
    for term, rows in table.groupby("term", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        if len(rows) == 1:
            out.append(f"{term}: {rate(first['position'], 2)} in {first['period']}, the only period with it.")
            continue
        apart = first["upper"] < last["lower"] or last["upper"] < first["lower"]
        towards = b if last["position"] > first["position"] else a
        out.append(f"{term}: {rate(first['position'], 2)} in {first['period']}, {rate(last['position'], 2)} in "
                   f"{last['period']}" + (f", moved towards {towards} beyond both intervals." if apart else
                                          ", a change within the intervals (not distinguishable from the choice "
                                          "of pole words)."))
    return Findings(out)


def drift_ranking(table: pd.DataFrame) -> Findings:
    """Which terms' vectors in the earliest period lie farthest from their vectors in the latest (cosine after
    alignment, from :func:`helpers.embeddings.drift`)."""
    if table.empty:
        return Findings(["No term is in both the earliest and the latest period's model."])
    periods = list(dict.fromkeys(table["period"]))
    if len(periods) < 2:
        return Findings([f"Only {periods[0]} was trained: no change across periods can be measured."])
    first = table[table["period"] == periods[0]].sort_values(["similarity", "term"])
    listed = listing([f"{t} ({rate(s, 2)})" for t, s in zip(first["term"], first["similarity"], strict=True)],
                     limit=8)
    return Findings([f"Similarity of each term's vector in {periods[0]} to its own in {periods[-1]}, after "
                     f"alignment (1 is unchanged company), lowest first: {listed}."])
