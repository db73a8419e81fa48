"""Findings of notebook 02: codebook, theme scores, the terms behind them, keywords, network, topics."""

from __future__ import annotations

import pandas as pd

from .. import textstat
from ..textstat.works import later_editions
from .base import Findings, count, coverage, listing, number, percent, place, rate, span

DOMINANT = 0.5  # a theme whose first term carries this share of its hits rests on that term


def codebook(book: pd.DataFrame) -> Findings:
    """How many themes and terms the codebook holds."""
    sizes = book.groupby("theme", observed=True)["term"].nunique()
    shared = book.groupby("term")["theme"].nunique()
    shared = shared[shared > 1]
    return Findings([
        f"The codebook has {count(len(sizes), 'theme')} with {number(sizes.min())} to {number(sizes.max())} terms each "
        f"({count(book['term'].nunique(), 'distinct term')})"
        + (f"; {listing(shared.index)} {'is' if len(shared) == 1 else 'are'} listed under two themes or more."
           if len(shared) else "."),
    ])


def document_scores(scores: pd.DataFrame, *, documents: pd.DataFrame | None = None) -> Findings:
    """Which themes the corpus (and each document) gives most room to, and which have no hit.

    ``scores`` has a row per paragraph and theme, or per section and theme (:func:`helpers.themes.score` of a
    corpus on disk): a document's leading theme is the one with most hits in the whole document.  With
    ``documents``, the corpus-wide rates count each work once: later editions (``edition_of``) are left out of
    them, and the sentence says how many.
    """
    pooled, left_out = scores, ""
    if documents is not None:
        later = set(documents.loc[later_editions(documents), "doc_id"]) & set(scores["doc_id"])
        if later:
            pooled = scores[~scores["doc_id"].isin(later)]
            left_out = f" ({count(len(later), 'later edition')} left out: each work once)"
    totals = pooled.groupby("theme", observed=True)[["hits"]].sum()
    units = [c for c in ("doc_id", "section", "para_no") if c in pooled.columns]
    chars = pooled.drop_duplicates(units)["n_chars"].sum()
    if totals["hits"].sum() == 0:
        return Findings(["No codebook term occurs in this corpus: every theme score is 0."])
    totals["per_1k"] = totals["hits"] / chars * 1000
    ranked = totals.sort_values("per_1k", ascending=False)
    out = ["Over the whole corpus the themes rank: " + listing(
        (f"{t} {rate(r['per_1k'], 2)}" for t, r in ranked[ranked["hits"] > 0].iterrows()), limit=8)
        + " hits per 1,000 characters" + left_out + "."]
    none = ranked[ranked["hits"] == 0].index
    if len(none):
        out.append(f"No hit at all: {listing(none)}.")
    n_docs = scores["doc_id"].nunique()
    if n_docs > 1:
        per_doc = scores.groupby(["doc_id", "theme"], observed=True, sort=False)["hits"].sum().reset_index()
        leaders = per_doc[per_doc["hits"] > 0].sort_values("hits", ascending=False, kind="stable")
        lead = leaders.drop_duplicates("doc_id")["theme"].value_counts()
        lead = lead[lead > 0]
        out.append("The leading theme of a document: " + listing(
            f"{t} in {count(k, 'document')}" for t, k in lead.items()) + f" (of {n_docs}).")
    return Findings(out)


def section_scores(sections: pd.DataFrame) -> Findings:
    """Where each theme peaks: the section with the highest score, with its hits and length."""
    hit = sections[sections["hits"] > 0]
    if hit.empty:
        return Findings(["No section has a codebook hit: the heatmap is blank."])
    several = sections["doc_id"].nunique() > 1
    peaks = hit.sort_values("per_1k", ascending=False, kind="stable").drop_duplicates("theme")
    top = peaks.iloc[0]
    out = [f"The highest cell is {top['theme']} in {place(top['doc_id'], top['section'], several=several)}: "
           f"{rate(top['per_1k'])} per 1,000 ({count(top['hits'], 'hit')} in "
           f"{count(top['n_chars'], 'character')})."]
    if len(peaks) > 1:
        out.append("Other themes peak in: " + listing(
            (f"{r['theme']} → {place(r['doc_id'], r['section'], several=several)} ({rate(r['per_1k'])})"
             for _, r in peaks.iloc[1:].iterrows()), limit=8) + ".")
    return Findings(out)


def paragraph_scores(scores: pd.DataFrame) -> Findings:
    """Paragraphs without any hit, and the highest paragraph score with its paragraph's length."""
    per_paragraph = scores.groupby(["doc_id", "para_no"], observed=True)["hits"].sum()
    if per_paragraph.sum() == 0:
        return Findings(["No paragraph has a codebook hit: the profile is flat."])
    several = scores["doc_id"].nunique() > 1
    top = scores.loc[scores["per_1k"].idxmax()]
    return Findings([
        f"{number((per_paragraph == 0).sum())} of {count(len(per_paragraph), 'paragraph')} have no codebook hit.",
        f"The highest paragraph score is {rate(top['per_1k'])} per 1,000 for {top['theme']}, in paragraph "
        f"{top['para_no']} ({place(top['doc_id'], top['section'], several=several)}): "
        f"{count(top['hits'], 'hit')} in {count(top['n_chars'], 'character')}.",
    ])


def drivers(totals: pd.DataFrame) -> Findings:
    """The term carrying most of each theme's hits, and the themes that rest on one term."""
    hits = totals[totals["count"] > 0]
    if hits.empty:
        return Findings(["No codebook term occurs in this corpus."])
    sums = hits.groupby("theme", observed=True)["count"].sum()
    first = hits.sort_values("count", ascending=False, kind="stable").drop_duplicates("theme").set_index("theme")
    first["share"] = first["count"] / sums.reindex(first.index)
    out = ["The first term of each theme: " + listing(
        (f"{t}: {r['term']} ({number(r['count'])} of {count(sums[t], 'hit')})" for t, r in first.iterrows()),
        limit=8) + "."]
    fragile = first[first["share"] >= DOMINANT]
    if len(fragile):
        out.append(f"Resting on one term ({percent(DOMINANT, 1)} of the hits or more): " + listing(
            f"{t} on {r['term']} ({percent(r['count'], sums[t])})" for t, r in fragile.iterrows()) + ".")
    else:
        out.append(f"No theme draws {percent(DOMINANT, 1)} or more of its hits from a single term.")
    return Findings(out)


def keywords(table: pd.DataFrame, *, by: tuple[str, ...] = ("doc_id", "section")) -> Findings:
    """How far TF-IDF and TextRank agree in each unit, and the words both choose most often."""
    keys = [k for k in by if k in table.columns]
    if table.empty:
        return Findings(["No unit has keyword candidates: the figure is empty."])
    both = []
    for unit, part in table.groupby(keys, observed=True, sort=False):
        shared = set(part["tfidf_term"].dropna()) & set(part["textrank_term"].dropna())
        both.append((unit, len(shared), shared))
    agree = pd.Series([k for _, k, _ in both])
    words = pd.Series([w for _, _, shared in both for w in shared]).value_counts()
    words = words.sort_index().sort_values(ascending=False, kind="stable")  # ties by word, not by set order
    out = [f"Across {count(len(both), 'unit')} the two methods share {span(agree.min(), agree.max())} "
           f"of their top {number(table['rank'].max())} words"
           + (f" (median {number(agree.median())})." if len(both) > 2 else ".")]
    if len(words) and len(both) > 1:
        out.append("Chosen by both in most units: " + listing(
            f"{w} ({number(k)})" for w, k in words.head(5).items()) + ".")
    return Findings(out)


def network(edges: pd.DataFrame, communities: pd.DataFrame) -> Findings:
    """The size of the network, its communities and their leading words."""
    if edges.empty or communities.empty:
        return Findings(["No two top words share enough sentences: the network has no link."])
    words = int(communities["size"].sum())
    groups = count(len(communities), "community", "communities")
    linked = int((edges["pmi"] > 0).sum())  # the network's edges: pairs that share sentences more than by chance
    apart = len(edges) - linked
    out = [f"{count(words, 'word')} linked by {count(linked, 'edge')}, in {groups}"
           + (f"; {count(apart, 'pair')} that share{'s' if apart == 1 else ''} sentences less often than chance "
              f"{'is' if apart == 1 else 'are'} not drawn." if apart else ".")]
    first = communities.head(4)
    out.append("The largest: " + listing(
        (f"{r['community']} ({r['size']}: {'、'.join(str(r['terms']).split('、')[:4])})" for _, r in first.iterrows()),
        limit=4) + ".")
    return Findings(out)


def topics(top_words: pd.DataFrame, weights: pd.DataFrame, *, n_topics: int) -> Findings:
    """How many topics were fitted, their prevalence, and the paragraphs each dominates."""
    if top_words.empty:
        return Findings([f"No topic model was fitted: the paragraphs do not support {count(n_topics, 'topic')} "
                         "(see the warning above and the counts below)."])
    totals = weights.groupby("label", sort=False)["weight"].sum()
    main = weights[weights["share"] > 0].sort_values("share", ascending=False).drop_duplicates(["doc_id", "para_no"])
    led = main["label"].value_counts().reindex(totals.index, fill_value=0)
    return Findings([
        f"{count(len(totals), 'topic')} fitted; their shares of the total weight: "
        + listing(f"{t} {percent(w, totals.sum())}" for t, w in totals.items()) + ".",
        "Paragraphs led by each topic: " + listing(f"{t.split(' ')[0]} {number(k)}" for t, k in led.items()) + ".",
    ])


def sampled(sample: pd.DataFrame, documents: pd.DataFrame, *, what: str) -> Findings:
    """On how much of the corpus an analysis ran: ``sample`` and ``documents`` are documents tables
    (``corpus.sample(...).documents`` and the whole corpus'), ``what`` names the analysis."""
    return Findings([f"{what} ran on {coverage(sample, documents)}."])


def topic_data(words: pd.DataFrame, *, min_docfreq: int = 2) -> Findings:
    """What the topic model has to learn from: paragraphs, documents, content words, words shared by paragraphs."""
    content = words[textstat.select(words, stopwords=True, min_length=2)]
    paragraphs = words[["doc_id", "para_no"]].drop_duplicates()
    docfreq = content.drop_duplicates(["doc_id", "para_no", "token"])["token"].value_counts()
    documents = count(words["doc_id"].nunique(), "document")
    return Findings([
        f"The model learns from {count(len(paragraphs), 'paragraph')} of {documents}, "
        f"with {count(len(content), 'content word')} ({count(content['token'].nunique(), 'distinct word')}), "
        f"of which {number((docfreq >= min_docfreq).sum())} occur in {number(min_docfreq)} paragraphs or more.",
    ])
