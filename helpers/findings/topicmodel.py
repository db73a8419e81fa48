"""Findings of notebook 05's topics with covariates: whether a topic model can be fitted, the choice of K, the
topics' labels, and how their shares change with the year.

(Not ``topics.py``: ``findings.topics`` already names the NMF topics of notebook 02, and a submodule of that name
would replace it in the package.)"""

from __future__ import annotations

import pandas as pd

from ..textmodel import DocumentFeatureMatrix, Topics
from ..textmodel.topics import EMPTY, MIN_TOPIC_DOCUMENTS, can_fit_topics
from .base import Findings, count, listing, number, rate

__all__ = ["topic_choice", "topic_labels", "topic_prevalence", "topics_need"]


def topics_need(matrix: DocumentFeatureMatrix, *, k: int) -> str:
    """Why no topic model is fitted on ``matrix`` with ``k`` topics (an empty string when one is), one sentence."""
    if can_fit_topics(matrix, k=k):
        return ""
    n = len(matrix.docnames)
    need = max(int(k), MIN_TOPIC_DOCUMENTS)
    what = (f"set k_topics to at most {n}" if n >= MIN_TOPIC_DOCUMENTS
            else f"load a corpus of at least {MIN_TOPIC_DOCUMENTS} documents")
    return (f"This corpus gives {count(n, 'document')}; a topic model of {count(k, 'topic')} whose shares are "
            f"regressed on year and genre needs at least {need}, so none is fitted here ({what}).")


def topic_choice(table: pd.DataFrame | None, *, k: int) -> Findings:
    """Which K each diagnostic of :func:`helpers.textmodel.search_k` prefers, and the K used."""
    if table is None or table.empty:
        return Findings(["No number of topics was compared: the corpus is too small for a topic model."])
    best = {column: int(table.loc[table[column].idxmax(), "k"]) for column in ("heldout", "coherence", "exclusivity")}
    out = [f"Of K = {listing(table['k'].astype(str), limit=12)}, held-out words are most likely with K = "
           f"{best['heldout']} ({rate(table['heldout'].max(), 3)} per word), the topics are most coherent with K = "
           f"{best['coherence']} and most exclusive with K = {best['exclusivity']}."]
    if k in set(table["k"]):
        row = table.set_index("k").loc[k]
        out.append(f"The model below uses K = {k} (held-out {rate(row['heldout'], 3)} per word, coherence "
                   f"{rate(row['coherence'], 1)}, exclusivity {rate(row['exclusivity'], 2)}).")
    else:
        out.append(f"The model below uses K = {k}, which was not among those compared.")
    return Findings(out)


def topic_labels(model: Topics | None, *, top_n: int = 3) -> Findings:
    """How many topics took words, the ``top_n`` largest with their labels and mean shares."""
    if model is None:
        return Findings(["No topic model is fitted on this corpus."])
    labels = model.labels
    empty = labels[labels["label"] == EMPTY]
    stay = "stays" if len(empty) == 1 else "stay"
    out = [f"Of {count(model.k, 'topic')}, {number(model.k - len(empty))} take words"
           + (f"; {number(len(empty))} {stay} empty (mean share under 0.1%): K is more than these "
              f"{count(model.documents['doc_id'].nunique(), 'document')} support." if len(empty) else ".")]
    largest = labels[labels["label"] != EMPTY].sort_values("mean_share", ascending=False).head(top_n)
    out.append("The largest: " + listing([f"T{row.topic} {row.label} ({rate(row.mean_share * 100)}% of the words "
                                          f"on average)" for row in largest.itertuples()], limit=top_n) + ".")
    return Findings(out)


def topic_prevalence(model: Topics | None, effect: pd.DataFrame | None, *, by: str = "genre",
                     top_n: int = 3) -> Findings:
    """From ``effect`` (:meth:`Topics.effect` of the year ``by`` a category): in the category observed in most
    years, the ``top_n`` topics that rise and fall most from its first to its last year and whether their 95 %
    intervals at the two ends are apart; documents left out for lack of a year; estimates outside 0–1."""
    if model is not None and not model.varies("year"):
        return Findings(["No change over the years is estimated: the documents' years are unknown or all the same."])
    if model is None or effect is None or effect.empty:
        return Findings(["No topic prevalence is estimated on this corpus."])
    out = []
    no_year = model.covariates["doc_id"][model.covariates["year"].isna()] if "year" in model.covariates else []
    if len(no_year):
        out.append(f"{count(len(no_year), 'document')} without a year ({listing(no_year, limit=4)}) "
                   f"{'is' if len(no_year) == 1 else 'are'} left out of the effect of the covariates.")
    empty = set(model.labels.loc[model.labels["label"] == EMPTY, "topic"])
    effect = effect[~effect["topic"].isin(list(empty))]
    main = effect.groupby(by)["value"].nunique().idxmax() if by in effect else None
    part = effect[effect[by] == main] if main is not None else effect
    first, last = part["value"].min(), part["value"].max()
    ends = part[part["value"].isin([first, last])].pivot(index="topic", columns="value",
                                                          values=["estimate", "lower", "upper"])
    change = (ends[("estimate", last)] - ends[("estimate", first)]).sort_values()
    names = model.labels.set_index("topic")["label"]

    def described(topic: int) -> str:
        apart = (ends.loc[topic, ("lower", last)] > ends.loc[topic, ("upper", first)]
                 or ends.loc[topic, ("upper", last)] < ends.loc[topic, ("lower", first)])
        return (f"T{topic} {names[topic]} ({rate(ends.loc[topic, ('estimate', first)] * 100)}% → "
                f"{rate(ends.loc[topic, ('estimate', last)] * 100)}%{', intervals apart' if apart else ''})")

    where = f" in the {main} documents" if main else ""
    rising = [t for t in change.index[::-1][:top_n] if change[t] > 0]
    falling = [t for t in change.index[:top_n] if change[t] < 0]
    if rising:
        out.append(f"From {int(first)} to {int(last)}{where}, the expected share rises most for "
                   f"{listing([described(t) for t in rising], limit=top_n)}.")
    if falling:
        out.append(f"It falls most for {listing([described(t) for t in falling], limit=top_n)}.")
    outside = int(((effect["estimate"] < 0) | (effect["estimate"] > 1)).sum())
    if outside:
        out.append(f"{count(outside, 'estimate')} of {number(len(effect))} fall outside 0–1: the regression is "
                   "linear in the covariates (as stm's estimateEffect), so read the ends of a curve with its band.")
    return Findings(out)
