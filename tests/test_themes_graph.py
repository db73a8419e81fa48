"""helpers.themes.graph: co-occurrence counts, the network and its communities, GraphML export."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from conftest import in_a_fresh_process

from helpers import findings, themes

# --- co-occurrence network -------------------------------------------------------------------


def test_cooccurrence_counts_sentences(words):
    edges = themes.cooccurrence(words, top_n=30, min_count=2)
    assert list(edges.columns) == ["source", "target", "count", "source_count", "target_count", "pmi", "npmi"]
    assert (edges["count"] >= 2).all()
    assert len(set(edges["source"]) | set(edges["target"])) <= 30
    sentences = words.groupby(["doc_id", "sent_no"])["token"].agg(set)
    n = len(sentences)
    for row in edges.head(5).itertuples():
        assert row.count == sum(row.source in s and row.target in s for s in sentences)
        assert row.source_count == sum(row.source in s for s in sentences)
        assert math.isclose(row.pmi, math.log2(row.count * n / (row.source_count * row.target_count)))
        assert math.isclose(row.npmi, row.pmi / -math.log2(row.count / n))
    assert not set(edges["source"]) & {"的", "要", "，"}
    assert edges["count"].is_monotonic_decreasing


def test_network_communities_are_identical_across_runs(words):
    edges = themes.cooccurrence(words, top_n=40, min_count=2)
    a = themes.network(edges, random_state=42)
    b = themes.network(edges, random_state=42)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    table = themes.communities(a)
    assert list(table.columns) == ["community", "size", "terms"]
    assert table["community"].tolist() == list(range(1, len(table) + 1))
    assert table["size"].is_monotonic_decreasing and table["size"].sum() == a.number_of_nodes()
    assert all(d["pmi"] > 0 and d["weight"] == d["npmi"] for _, _, d in a.edges(data=True))
    assert nx.community.modularity(a, [set(t.split("、")) for t in table["terms"]]) > 0.2
    with pytest.raises(ValueError, match="weight"):
        themes.network(edges, weight="pmi")


def test_network_is_identical_under_different_hash_seeds(tmp_path):
    """Two fresh interpreters with different string hashing give exactly the same graph and communities."""
    script = (
        "import pickle, sys; from helpers import corpus, themes, tokens\n"
        "c = corpus.load(); w = tokens.segment(c.paragraphs, stopword_lists=('general', 'policy'))\n"
        "g = themes.network(themes.cooccurrence(w, top_n=40, min_count=2))\n"
        "with open(sys.argv[1], 'wb') as f:\n"
        "    pickle.dump((list(g.nodes(data=True)), list(g.edges(data=True)), themes.communities(g)), f)\n"
    )
    runs = [in_a_fresh_process(script, seed, tmp_path / f"run-{seed}.pickle") for seed in ("0", "4242")]
    (nodes_a, edges_a, table_a), (nodes_b, edges_b, table_b) = runs
    assert len(nodes_a) >= 20 and table_a["community"].nunique() >= 2  # a graph worth comparing
    assert nodes_a == nodes_b  # same nodes, same order, same community of every node
    assert edges_a == edges_b  # same edges with exactly the same counts, pmi, npmi and weights
    assert table_a.equals(table_b)


def test_graphml_round_trips(words, tmp_path):
    graph = themes.network(themes.cooccurrence(words, top_n=40, min_count=2))
    graph.nodes["科技"]["numpy"] = np.int64(3)
    graph.nodes["科技"]["missing"] = None
    path = themes.export_graphml(graph, "network", tmp_path)
    assert path == tmp_path / "network.graphml"
    back = nx.read_graphml(path)
    assert list(back.nodes) == list(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    assert back.nodes["科技"]["numpy"] == 3 and type(back.nodes["科技"]["numpy"]) is int
    assert "missing" not in back.nodes["科技"]
    for node, data in graph.nodes(data=True):
        assert back.nodes[node] == {k: v for k, v in data.items() if v is not None}
    for u, v, data in graph.edges(data=True):
        assert back.edges[u, v] == data


def test_the_network_findings_count_the_edges_the_figure_draws(words):
    """The findings sentence and the figure's subtitle count the same edges: those of the graph (pairs with a
    positive association), not every pair of the cooccurrence table (124 against "of 108" once)."""
    edges = themes.cooccurrence(words, top_n=40, min_count=1)
    graph = themes.network(edges)
    assert (edges["pmi"] <= 0).any()  # some pairs share sentences less often than chance
    text = findings.network(edges, themes.communities(graph))[0]
    assert f"linked by {graph.number_of_edges()} edges" in text
    assert f"{int((edges['pmi'] <= 0).sum())} pairs that share sentences less often than chance are not drawn" in text
