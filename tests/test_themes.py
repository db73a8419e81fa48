"""helpers.themes: codebook scores, keywords, co-occurrence network and topics on real text."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from helpers import config, lexicon, textstat, themes, tokens

SEED_THEMES = ["基础研究与原始创新", "关键核心技术攻关", "科技与产业融合（新质生产力）", "科技体制机制改革", "教育科技人才",
               "开放合作", "党的领导与治理", "国家安全"]
HEADER = "theme,term,note\n"


@pytest.fixture(scope="module")
def book():
    return themes.codebook()


@pytest.fixture(scope="module")
def scores(seed, book):
    return themes.score(seed.paragraphs, book)


@pytest.fixture(scope="module")
def words(seed):
    return textstat.annotate(tokens.segment(seed.paragraphs, stopwords=("general", "policy")), seed, ["section"])


@pytest.fixture(scope="module")
def extended_words(extended):
    return textstat.annotate(tokens.segment(extended.paragraphs, stopwords=("general", "policy")), extended,
                             ["section"])


def _paragraphs(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "d", "para_no": range(1, len(texts) + 1), "section": "s", "text": list(texts)})


def _book(tmp_path, body: str) -> pd.DataFrame:
    path = tmp_path / "themes.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return themes.codebook(path)


# --- the codebook ------------------------------------------------------------------------------


def test_codebook_holds_the_seed_themes_with_notes(book):
    assert list(book.columns) == ["theme", "term", "note", "line"]
    assert list(book["theme"].cat.categories) == SEED_THEMES
    sizes = book.groupby("theme", observed=True).size()
    assert sizes.between(8, 25).all(), sizes
    assert (book["note"].str.len() > 0).all()
    assert not book.duplicated(["theme", "term"]).any()
    assert book["line"].is_monotonic_increasing and book["line"].iloc[0] == 2


@pytest.mark.parametrize(("body", "line", "says"), [
    ("甲,人才,talent\n甲,人才\n", 3, "expected 3 fields"),
    ("甲,人才,talent\n\n甲,,empty\n", 4, "must not be empty"),
    ("甲,人才,talent\n乙,人才,also fine\n甲,人才,again\n", 4, "already listed under '甲' on line 2"),
    ('甲,"人才,talent\n', 2, "malformed CSV"),
])
def test_codebook_errors_name_file_and_line(tmp_path, body, line, says):
    with pytest.raises(ValueError) as info:
        _book(tmp_path, body)
    assert isinstance(info.value, lexicon.LexiconError)
    assert f"{tmp_path / 'themes.csv'}, line {line}:" in str(info.value)
    assert says in str(info.value)


def test_codebook_needs_its_header(tmp_path):
    path = tmp_path / "themes.csv"
    path.write_text("theme,term\n甲,人才\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"line 1: expected the header"):
        themes.codebook(path)


# --- matching and scores ---------------------------------------------------------------------


def test_longest_match_first_and_never_twice(tmp_path):
    book = _book(tmp_path, "人才,人才,x\n人才,人才培养,x\n开放,全球科技治理,x\n治理,科技治理,x\n治理,新型举国体制,x\n"
                           "攻关,新型举国体制,x\n")
    paragraphs = _paragraphs("人才培养靠教育，人才是第一资源。参与全球科技治理，完善科技治理体系。发挥新型举国体制优势。")
    found = themes.matches(paragraphs, book)
    assert found[["theme", "term"]].astype(str).values.tolist() == [
        ["人才", "人才培养"], ["人才", "人才"], ["开放", "全球科技治理"], ["治理", "科技治理"],
        ["治理", "新型举国体制"], ["攻关", "新型举国体制"]]  # a term under two themes counts for both
    text = paragraphs["text"].iloc[0]
    assert all(text[s:e] == t for s, e, t in zip(found["start"], found["end"], found["term"], strict=True))
    per_theme = themes.matches(paragraphs, book, nested="theme")
    assert per_theme.loc[per_theme["theme"] == "治理", "term"].tolist() == ["科技治理", "科技治理", "新型举国体制"]
    with pytest.raises(ValueError, match="nested"):
        themes.matches(paragraphs, book, nested="nowhere")


def test_crossing_matches_keep_the_leftmost_of_equal_length(tmp_path):
    book = _book(tmp_path, "甲,科技体制,x\n甲,体制机制,x\n")
    found = themes.matches(_paragraphs("深化科技体制机制改革"), book)
    assert found["term"].tolist() == ["科技体制"] and found["start"].tolist() == [2]


def test_scores_are_hits_per_thousand_characters(seed, scores):
    assert list(scores.columns) == ["doc_id", "para_no", "section", "theme", "hits", "n_chars", "per_1k"]
    assert len(scores) == len(seed.paragraphs) * len(SEED_THEMES)
    lengths = seed.paragraphs.set_index("para_no")["text"].str.len()
    assert (scores["n_chars"] == scores["para_no"].map(lengths)).all()
    assert np.allclose(scores["per_1k"], scores["hits"] / scores["n_chars"] * 1000)
    assert scores["section"].dtype == seed.paragraphs["section"].dtype
    assert scores["theme"].astype(str).tolist()[:8] == SEED_THEMES


def test_every_theme_has_a_hit_in_the_seed(scores):
    totals = themes.by_document(scores).set_index("theme")["hits"]
    assert list(totals.index.astype(str)) == SEED_THEMES
    assert (totals >= 1).all(), totals


def test_part_four_scores_highest_on_education_science_talent(seed, scores):
    sections = themes.by_section(scores)
    talent = sections[sections["theme"] == "教育科技人才"].set_index("section")["per_1k"]
    assert talent.idxmax() == "第四"
    assert talent["第四"] > 2 * talent.drop("第四").max()
    # the reason, in the text itself: 人才 is densest in 第四 (19 times in about 500 characters)
    body = seed.paragraphs.groupby("section", observed=True)["text"].agg("".join)
    rate = body.str.count("人才") / body.str.len() * 1000
    assert rate.idxmax() == "第四"
    assert body["第四"].count("人才") == 19 and 450 <= len(body["第四"]) <= 550


def test_sections_add_up_paragraphs(seed, scores):
    sections = themes.by_section(scores)
    assert list(sections.columns) == ["doc_id", "section", "label", "theme", "hits", "n_chars", "per_1k"]
    assert sections["section"].astype(str).unique().tolist() == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    assert (sections["label"] == sections["section"].astype(str)).all()  # one document: the section is the label
    per_theme = sections.groupby("theme", observed=True)
    assert (per_theme["n_chars"].sum() == seed.paragraphs["text"].str.len().sum()).all()
    assert (per_theme["hits"].sum() == scores.groupby("theme", observed=True)["hits"].sum()).all()


def test_drivers_add_up_to_the_scores(seed, book, scores):
    drivers = themes.drivers(seed.paragraphs, book)
    assert list(drivers.columns) == ["doc_id", "section", "theme", "term", "count"]
    summed = drivers.groupby(["section", "theme"], observed=True)["count"].sum()
    sections = themes.by_section(scores).set_index(["section", "theme"])["hits"]
    assert summed.to_dict() == sections[sections > 0].to_dict()
    assert set(drivers["term"]) <= set(book["term"])
    fourth = drivers[(drivers["section"] == "第四") & (drivers["theme"] == "教育科技人才")]
    assert fourth["term"].iloc[0] == "人才" and fourth["count"].is_monotonic_decreasing
    overall = themes.drivers(seed.paragraphs, book, groups=None)
    assert list(overall.columns) == ["theme", "term", "count"]
    assert overall.groupby("theme", observed=True)["count"].sum().tolist() == \
        themes.by_document(scores)["hits"].tolist()


def test_scores_on_several_documents_label_sections_by_document(extended):
    sections = themes.by_section(themes.score(extended.paragraphs))
    assert sections["doc_id"].nunique() == len(extended.documents)
    assert sections["label"].is_unique is False  # one label per theme row …
    assert sections.drop_duplicates(["doc_id", "section"])["label"].is_unique  # … but unique per section
    assert sections["label"].iloc[0].startswith(sections["doc_id"].iloc[0] + " ")


# --- keywords ----------------------------------------------------------------------------------


def test_tfidf_is_computed_on_our_tokens(words):
    table = themes.keywords(words, groups="section", top_n=1000)
    assert list(table.columns) == ["section", "rank", "tfidf_term", "tfidf", "textrank_term", "textrank"]
    terms = set(table["tfidf_term"].dropna())
    assert "新质生产力" in terms and "高水平科技自立自强" in terms  # dictionary terms as whole keywords
    assert not {"新质", "生产力", "自立自强"} & terms  # … never their parts
    content = words[~words["is_stop"] & words["pos"].isin(themes.KEYWORD_POS) & (words["token"].str.len() >= 2)]
    assert terms <= set(content["token"])
    # an independent TF-IDF: smooth idf, l2-normalised rows, each section a document
    counts = content.groupby(["section", "token"], observed=True).size()
    n = content["section"].nunique()
    df = content.groupby("token")["section"].nunique()
    raw = counts * counts.index.get_level_values("token").map(lambda t: math.log((1 + n) / (1 + df[t])) + 1)
    expected = raw / np.sqrt((raw**2).groupby(level="section", observed=True).sum())
    got = table.dropna(subset=["tfidf_term"]).set_index(["section", "tfidf_term"])["tfidf"]
    assert math.isclose(got[("第四", "人才")], expected[("第四", "人才")])
    assert len(got) == len(expected)
    first = table[table["rank"] == 1].set_index("section")["tfidf_term"]
    assert first["第四"] == "人才" and first["第五"] == "开放"


def test_textrank_uses_our_tokenizer_and_leaves_jieba_alone(words):
    import jieba
    import jieba.analyse
    import jieba.posseg

    table = themes.keywords(words, groups="section", top_n=1000)
    second = table[table["section"] == "第二"]["textrank_term"].dropna()
    assert "新质生产力" in set(second) and "新质" not in set(second)
    own = words[(words["section"] == "第二") & ~words["is_stop"]]
    assert set(second) <= set(own.loc[own["pos"].isin(themes.KEYWORD_POS), "token"])
    top = table[table["rank"] == 1].set_index("section")["textrank_term"]
    assert top["第四"] == "人才"
    assert jieba.lcut("新质生产力") != ["新质生产力"]  # jieba's global tokenizer untouched
    assert jieba.analyse.default_textrank.tokenizer is jieba.posseg.dt
    assert jieba.posseg.dt.tokenizer is jieba.dt


def test_textrank_sees_exactly_the_tokens_and_tags_of_the_table(seed, words):
    adapter = themes._OurPosTokenizer(tokens.tokenizer("rjieba", tokens._terms_hash()))
    for para_no in (2, 11, 17):
        text = seed.paragraphs.set_index("para_no").loc[para_no, "text"]
        pairs = [(p.word, p.flag) for p in adapter.cut(text)]
        table = words[words["para_no"] == para_no]
        assert pairs == list(zip(table["token"], table["pos"], strict=True))


def test_keywords_are_deterministic_and_scale_to_documents(words, extended_words):
    a = themes.keywords(words, groups=["doc_id", "section"], top_n=5)
    b = themes.keywords(words, groups=["doc_id", "section"], top_n=5)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 7 * 5
    per_doc = themes.keywords(extended_words, groups="doc_id", top_n=5)
    assert per_doc["doc_id"].unique().tolist() == extended_words["doc_id"].unique().tolist()
    assert (per_doc.groupby("doc_id").size() == 5).all()
    assert per_doc["tfidf"].between(0, 1).all() and (per_doc.loc[per_doc["rank"] == 1, "textrank"] == 1).all()
    with pytest.raises(KeyError, match="annotate"):
        themes.keywords(tokens.segment(pd.DataFrame({"doc_id": ["d"], "para_no": [1], "text": ["科技创新"]})),
                        groups="section")


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


def test_communities_and_topics_do_not_depend_on_the_hash_seed(tmp_path):
    script = (
        "import json; from helpers import corpus, textstat, themes, tokens\n"
        "c = corpus.load(); w = tokens.segment(c.paragraphs, stopwords=('general', 'policy'))\n"
        "g = themes.network(themes.cooccurrence(w, top_n=40, min_count=2), random_state=42)\n"
        "words, _ = themes.topics(w, n_topics=5, random_state=42)\n"
        "print(json.dumps([themes.communities(g)['terms'].tolist(), words['label'].unique().tolist()]))\n"
    )
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                              cwd=config.ROOT, timeout=300, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert runs[0] == runs[1]


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


# --- topics ------------------------------------------------------------------------------------


def test_topics_are_identical_across_runs(words):
    words_a, weights_a = themes.topics(words, n_topics=5, random_state=42)
    words_b, weights_b = themes.topics(words, n_topics=5, random_state=42)
    pd.testing.assert_frame_equal(words_a, words_b)
    pd.testing.assert_frame_equal(weights_a, weights_b)
    assert list(words_a.columns) == ["topic", "label", "rank", "term", "weight"]
    assert list(weights_a.columns) == ["doc_id", "para_no", "section", "topic", "label", "weight", "share"]
    assert len(weights_a) == 26 * 5 and (words_a.groupby("topic").size() == 10).all()
    prevalence = weights_a.groupby("topic")["weight"].sum()
    assert prevalence.is_monotonic_decreasing  # numbered by total weight
    shares = weights_a.groupby("para_no")["share"].sum()
    assert np.allclose(shares[shares > 0], 1)
    assert words_a.groupby("topic")["weight"].sum().le(100 + 1e-9).all()
    talent = words_a.loc[words_a["term"] == "人才", "topic"]
    assert not talent.empty  # 人才 leads a topic of its own in this speech …
    dominant = weights_a.loc[weights_a.groupby("para_no")["share"].idxmax()].set_index("para_no")["topic"]
    assert dominant[19] == talent.iloc[0]  # … which dominates a paragraph of part 第四


def test_topics_run_on_the_extended_corpus(extended, extended_words):
    top_words, weights = themes.topics(extended_words, n_topics=8, random_state=42)
    assert weights["topic"].nunique() == 8
    assert len(weights) == len(extended.paragraphs) * 8
    assert weights["doc_id"].nunique() == len(extended.documents)
    again, _ = themes.topics(extended_words, n_topics=8, random_state=42)
    pd.testing.assert_frame_equal(top_words, again)


def test_topics_refuse_more_topics_than_the_data_allow(words):
    few = words[words["para_no"] <= 3]
    with pytest.raises(ValueError, match="n_topics"):
        themes.topics(few, n_topics=10)
