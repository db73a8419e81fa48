"""A co-occurrence network of frequent terms, its communities, and GraphML for Gephi.

:func:`cooccurrence` counts how many sentences contain both of two frequent
terms and how much more often than chance (PMI, NPMI); :func:`network` makes a
networkx graph with deterministic communities (Louvain with a fixed
``random_state``); :func:`communities` lists them; :func:`export_graphml`
writes the graph for Gephi.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config, engine
from ..outputs import atomic_path
from ..textstat.works import each_work_once
from ..validate import check_choice, check_int

__all__ = ["communities", "cooccurrence", "export_graphml", "network"]


def cooccurrence(
    tokens,
    *,
    top_n: int = 40,
    min_count: int = 2,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 2,
    corpus=None,
) -> pd.DataFrame:
    """Pairs of frequent terms that occur in the same sentence.

    The nodes are the ``top_n`` most frequent content tokens (not punctuation,
    not stopwords with ``stopwords=True``, the ``pos`` tags if given, at least
    ``min_length`` characters).  For two terms a and b among N sentences
    (``doc_id, sent_no``), with a in n_a sentences, b in n_b and both in
    ``count``:

    * PMI = log2( count · N / (n_a · n_b) ): above 0 when they share
      sentences more often than chance;
    * NPMI = PMI / −log2(count / N), between −1 and 1 (Bouma 2009), so pairs
      of frequent and rare terms compare.

    Returns ``source, target, count, source_count, target_count, pmi, npmi``
    for pairs in at least ``min_count`` sentences; ``source`` is the more
    frequent term of the pair, ``*_count`` are sentence counts.  Sorted by
    count (largest first), then npmi, source and target.

    ``tokens`` may be a tokens dataset (or a corpus on disk): the counts are then summed chunk by chunk
    (the top terms from the frequency of the whole corpus, then their sentence counts), the same table.  Each
    work counts once: a later edition is left out (:func:`helpers.textstat.works.each_work_once`); a tokens
    DataFrame tells its editions when given with its ``corpus`` (a tokens dataset knows them).
    """
    check_int("top_n", top_n, min_value=1)
    check_int("min_count", min_count, min_value=1)
    check_int("min_length", min_length, min_value=1)
    options = {"stopwords": stopwords, "pos": pos, "min_length": min_length}
    source = each_work_once(engine.wrap(tokens, corpus=corpus))
    top = _top_terms(source.counts(**options, min_count=1), top_n)  # the frequency of the whole corpus
    together, n_sentences = np.zeros((len(top), len(top))), 0
    for chunk in source.chunks("tokens", ["doc_id", "sent_no", "token", "pos", "is_stop"]):
        shared, sentences = _together(chunk, _occurrences(chunk, top, stopwords=stopwords, pos=pos), top)
        together, n_sentences = together + shared, n_sentences + sentences  # no sentence spans two chunks
    return _edges(top, together, n_sentences, min_count)


def _occurrences(tokens: pd.DataFrame, top: list[str], *, stopwords: bool,
                 pos: Sequence[str] | None) -> np.ndarray:
    """Mask of the tokens that are occurrences of the ``top`` terms as counted (the terms are content words
    already, so only what varies by occurrence is tested again: the part of speech, and the stopword flag)."""
    keep = tokens["token"].isin(top).to_numpy(dtype=bool, copy=True)
    if stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    if pos is not None:
        keep &= tokens["pos"].isin(list(pos)).to_numpy(dtype=bool)
    return keep


def _top_terms(frequency: pd.Series, top_n: int) -> list[str]:
    """The ``top_n`` terms of a frequency Series (most frequent first, ties by term)."""
    ranked = sorted(zip((-frequency.to_numpy()).tolist(), frequency.index.tolist(), strict=True))
    return [term for _, term in ranked[:top_n]]


def _together(tokens: pd.DataFrame, occurrences: np.ndarray, top: list[str]) -> tuple[np.ndarray, int]:
    """Sentences shared by each two of the ``top`` terms (the diagonal: sentences of each term), and the number
    of sentences of ``tokens``; ``occurrences``: the mask of :func:`_occurrences`."""
    from scipy import sparse

    if not len(tokens):
        return np.zeros((len(top), len(top))), 0
    # a sentence is a (doc_id, sent_no): numbered in order of first appearance
    sent_no = tokens["sent_no"].to_numpy(dtype=np.int64)
    documents = pd.factorize(tokens["doc_id"])[0].astype(np.int64)
    sentence, distinct = pd.factorize(documents * (int(sent_no.max()) + 1) + sent_no)
    n_sentences = len(distinct)
    terms = pd.Index(top).get_indexer(tokens["token"][occurrences]).astype(np.int64)
    pairs = np.unique(sentence[occurrences].astype(np.int64) * len(top) + terms)  # each term once a sentence
    if not len(pairs):
        return np.zeros((len(top), len(top))), n_sentences
    incidence = sparse.csr_matrix((np.ones(len(pairs)), (pairs // len(top), pairs % len(top))),
                                  shape=(n_sentences, len(top)))
    return (incidence.T @ incidence).toarray(), n_sentences


def _edges(top: list[str], together: np.ndarray, n_sentences: int, min_count: int) -> pd.DataFrame:
    """:func:`cooccurrence`'s table from the shared-sentence counts of the top terms."""
    columns = ["source", "target", "count", "source_count", "target_count", "pmi", "npmi"]
    if not together.any():
        return pd.DataFrame(columns=columns)
    alone = np.diag(together).copy()
    i, j = np.triu_indices(len(top), k=1)
    count = together[i, j]
    keep = count >= max(min_count, 1)
    i, j, count = i[keep], j[keep], count[keep]
    p_both = count / n_sentences
    pmi = np.log2(p_both / ((alone[i] / n_sentences) * (alone[j] / n_sentences)))
    denominator = -np.log2(p_both)
    npmi = np.where(denominator > 0, pmi / np.where(denominator > 0, denominator, 1), 1.0)
    out = pd.DataFrame({
        "source": [top[k] for k in i], "target": [top[k] for k in j], "count": count.astype(int),
        "source_count": alone[i].astype(int), "target_count": alone[j].astype(int), "pmi": pmi, "npmi": npmi,
    })
    out = out.sort_values(["count", "npmi", "source", "target"], ascending=[False, False, True, True])
    return out[columns].reset_index(drop=True)


def network(edges: pd.DataFrame, *, weight: str = "npmi", random_state: int = config.RANDOM_STATE):
    """A networkx Graph of :func:`cooccurrence` with communities.

    Edges with a positive association (``pmi > 0``: the two terms share
    sentences more often than chance) are kept; nodes are their terms.  Edge
    attributes: ``count, pmi, npmi`` and ``weight`` (the column named by
    ``weight``, ``"npmi"`` or ``"count"``; Gephi reads it as the edge weight).
    Node attributes: ``label`` (the term), ``sentences`` (sentences containing
    it) and ``community``: Louvain communities (networkx, modularity on
    ``weight``, seeded with ``random_state``), numbered 1, 2 … by size
    (largest first), then by their most frequent term.  The same edges and
    ``random_state`` give the same communities.
    """
    import networkx as nx

    check_choice("weight", weight, ("npmi", "count"))
    check_int("random_state", random_state)
    kept = edges[edges["pmi"] > 0]
    sentences: dict[str, int] = {}
    for term, n in zip(pd.concat([kept["source"], kept["target"]]),
                       pd.concat([kept["source_count"], kept["target_count"]]), strict=True):
        sentences[str(term)] = int(n)
    order = sorted(sentences, key=lambda t: (-sentences[t], t))
    graph = nx.Graph()
    for term in order:
        graph.add_node(term, label=term, sentences=sentences[term])
    for row in kept.sort_values(["source", "target"]).itertuples(index=False):
        graph.add_edge(str(row.source), str(row.target), count=int(row.count), pmi=float(row.pmi),
                       npmi=float(row.npmi), weight=float(getattr(row, weight)))
    if graph.number_of_nodes() == 0:
        return graph
    found = nx.community.louvain_communities(graph, weight="weight", seed=random_state)
    rank = {term: i for i, term in enumerate(order)}
    found = sorted((sorted(c, key=rank.get) for c in found), key=lambda c: (-len(c), rank[c[0]]))
    for number, members in enumerate(found, start=1):
        for term in members:
            graph.nodes[term]["community"] = number
    return graph


def communities(graph) -> pd.DataFrame:
    """The communities of :func:`network`: ``community, size, terms`` (terms most frequent first, joined by 、)."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for term, data in graph.nodes(data=True):
        rows.setdefault(int(data["community"]), []).append((-int(data["sentences"]), term))
    out = [(c, len(members), "、".join(t for _, t in sorted(members))) for c, members in sorted(rows.items())]
    return pd.DataFrame(out, columns=["community", "size", "terms"])


def _plain(value):
    """A value GraphML can store: Python str, int, float or bool (None and NaN are left out)."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return str(value)


def export_graphml(graph, name: str, folder: Path | str | None = None) -> Path:
    """Write ``graph`` as ``<folder>/<name>.graphml`` for Gephi (default folder: ``figures/``); return the path.

    Attributes are converted to plain Python values (GraphML stores no None or
    numpy types); ``networkx.read_graphml`` reads back the same nodes, edges and attributes.
    """
    import networkx as nx

    clean = nx.Graph()
    clean.add_nodes_from((str(n), {k: v for k, v in ((k, _plain(v)) for k, v in d.items()) if v is not None})
                         for n, d in graph.nodes(data=True))
    clean.add_edges_from((str(u), str(v), {k: w for k, w in ((k, _plain(w)) for k, w in d.items()) if w is not None})
                         for u, v, d in graph.edges(data=True))
    path = Path(folder or config.FIGURES_DIR) / f"{name}.graphml"
    with atomic_path(path) as tmp:
        nx.write_graphml(clean, tmp, encoding="utf-8")
    return path
