"""Which named entities are named together: pairs of entities in the same paragraph, and their network.

The window is the paragraph: two entities co-occur once for each paragraph naming both, however often each
is named in it.  :func:`network` gives a :mod:`networkx` graph whose attributes are plain values, so
:func:`helpers.themes.graph.export_graphml` writes it for Gephi as it writes the term network.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd

from ..validate import check_columns, check_int

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["cooccurrence", "network"]


def cooccurrence(found: pd.DataFrame, *, min_count: int = 1, top_n: int | None = None) -> pd.DataFrame:
    """Pairs of entities named in the same paragraph: ``source, target, weight`` (``weight``: paragraphs
    naming both; ``source`` < ``target``), pairs in at least ``min_count`` paragraphs, heaviest first.

    ``found``: the table of :func:`helpers.textstat.entities.entities`; ``top_n``: only the ``top_n`` entities
    named most often (all if None)."""
    check_columns("found", found, ["doc_id", "para_no", "entity"])
    check_int("min_count", min_count, min_value=1)
    keep = found
    if top_n is not None:
        check_int("top_n", top_n, min_value=1)
        top = found["entity"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top_n)
        keep = found[found["entity"].isin(top.index)]
    pairs: dict[tuple[str, str], int] = {}
    for names in keep.groupby(["doc_id", "para_no"], sort=False)["entity"].agg(lambda s: sorted(set(s))):
        for pair in combinations(names, 2):
            pairs[pair] = pairs.get(pair, 0) + 1
    edges = pd.DataFrame([(a, b, n) for (a, b), n in pairs.items() if n >= min_count],
                         columns=["source", "target", "weight"])
    return edges.sort_values(["weight", "source", "target"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def network(found: pd.DataFrame, *, min_count: int = 1, top_n: int | None = None) -> nx.Graph:
    """The co-occurrence network: a node per entity (``kind``: its most frequent kind; ``count``: its
    mentions), an edge per pair of :func:`cooccurrence` with its ``weight``."""
    import networkx as nx  # imported only when a network is built, as in helpers.themes.graph

    edges = cooccurrence(found, min_count=min_count, top_n=top_n)
    graph = nx.Graph()
    names = pd.unique(edges[["source", "target"]].to_numpy().ravel()) if len(edges) else []
    counts = found.groupby(["entity", "kind"]).size().sort_values(ascending=False, kind="stable")
    kind = counts.reset_index().drop_duplicates("entity").set_index("entity")["kind"]
    mentions = found["entity"].value_counts()
    for name in names:
        graph.add_node(str(name), kind=str(kind[name]), count=int(mentions[name]))
    for source, target, weight in zip(edges["source"], edges["target"], edges["weight"], strict=True):
        graph.add_edge(str(source), str(target), weight=int(weight))
    return graph
