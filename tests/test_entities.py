"""Named entities (helpers.textstat.entities): lexicon, titles and names, counts, network, and precision and
recall on a hand-annotated sample of the development corpora.

The fixture ``fixtures/entities_gold.csv`` holds offsets only, never the texts: ``source`` (the folder under
``../shared``), ``doc_id``, ``para_no``, ``start``, ``end``, ``entity``, ``kind``.  155 paragraphs were read
by hand (60 drawn at random, seed 36, from paragraphs of 60-400 characters; the rest drawn at random from
paragraphs naming a leader, a body or a place by a cue word, so that people and offices occur); a paragraph
with no entity has one row of kind ``none``.  Conventions: every person, place (countries, regions,
provinces, cities, 中国 also inside 中国特色, 港澳, 内地), organisation (state organs, party bodies, armies,
international bodies) and office (a title as written: 总书记, 国务院总理, 主席 after a name) is marked,
longest first; not marked: bare 中央, doctrines (邓小平理论), events (十六大), enterprises and facilities,
groups of people (台湾同胞 marks only 台湾).
"""

from __future__ import annotations

import importlib
import warnings

import networkx as nx
import pandas as pd
import pytest

from helpers import config, corpus, tokens
from helpers.errors import LexiconError, ParameterError
from helpers.findings import entities as entfind
from helpers.textplot import entities as entplot
from helpers.textstat import entity_network
from helpers.themes.graph import export_graphml

ent = importlib.import_module("helpers.textstat.entities")  # the module (textstat.entities is its function)

GOLD = config.ROOT / "tests" / "fixtures" / "entities_gold.csv"
# measured on the fixture (precision, recall), less 0.02 and rounded down: person 0.897/0.929, place
# 0.820/0.716, organisation 0.757/0.966, office 1.000/0.750 (2026-12-06)
FLOORS = {"person": (0.87, 0.90), "place": (0.80, 0.69), "organisation": (0.73, 0.94), "office": (0.98, 0.73)}


def _paragraphs(text: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "d", "para_no": range(1, 1 + len(text.split("\n"))), "text": text.split("\n")})


class _Texts:
    """A stand-in corpus of paragraphs only (the verb reads the paragraphs' texts and the documents table)."""

    def __init__(self, paragraphs: pd.DataFrame, years=(2000,)) -> None:
        self.paragraphs = paragraphs
        docs = list(dict.fromkeys(paragraphs["doc_id"]))
        self.documents = pd.DataFrame({"doc_id": docs, "date": pd.to_datetime([f"{y}-03-05" for y in years]),
                                       "year": list(years)})


def _found(text: str) -> pd.DataFrame:
    paragraphs = _paragraphs(text)
    return ent.entities(tokens.segment(paragraphs), corpus=_Texts(paragraphs))


def test_titles_and_names_are_separate_entities():
    found = _found("国务院总理李克强作政府工作报告。\n中共中央总书记江泽民同志在广东考察粤港澳大湾区。")
    rows = set(zip(found["para_no"], found["entity"], found["kind"], found["start"], found["end"], strict=True))
    assert {(1, "国务院总理", "office", 0, 5), (1, "李克强", "person", 5, 8)} <= rows
    assert {(2, "中共中央总书记", "office", 0, 7), (2, "江泽民", "person", 7, 10), (2, "广东", "place", 13, 15),
            (2, "粤港澳大湾区", "place", 17, 23)} <= rows
    assert not found["entity"].isin(["国务院", "总理", "中共中央"]).any()  # the longest entry, whole


def test_lexicon_only_on_token_boundaries_and_not_rows_dropped():
    found = _found("周总理和毛主席接见了代表。\n城市和城镇的文明建设。")
    assert list(zip(found["entity"], found["kind"], strict=True)) == [("周总理", "person"), ("毛主席", "person")]


def test_offsets_point_into_the_text():
    text = "习近平在北京会见美国总统。\n全国人民代表大会常务委员会和国务院在上海。"
    found = _found(text)
    lines = text.split("\n")
    assert len(found) >= 6
    assert all(lines[p - 1][s:e] == name for p, s, e, name in
               zip(found["para_no"], found["start"], found["end"], found["entity"], strict=True))
    assert "全国人民代表大会常务委员会" in set(found["entity"])


def test_bad_lexicon_and_options(tmp_path):
    bad = tmp_path / "entities.csv"
    bad.write_text("entity,kind,note\n国务院,organisation,\n大学,school,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 3.*school"):
        ent.entity_lexicon(bad)
    bad.write_text("entity,kind,note\n国务院,organisation,\n国务院,office,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 3.*twice"):
        ent.entity_lexicon(bad)
    paragraphs = _paragraphs("国务院。")
    with pytest.raises(ParameterError, match="corpus"):
        ent.entities(tokens.segment(paragraphs))
    with pytest.raises(ParameterError, match="by"):
        ent.entity_counts(_found("国务院。"), _Texts(paragraphs), by="month")


def test_counts_first_and_last_and_network(tmp_path):
    paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"], "para_no": [1, 2, 1],
                               "text": ["国务院和北京。", "北京。", "国务院、上海和北京。"]})
    texts = _Texts(paragraphs, years=(2001, 1999))
    found = ent.entities(tokens.segment(paragraphs), corpus=texts)
    counts = ent.entity_counts(found, texts)
    beijing = counts[counts["entity"] == "北京"].set_index("year")
    assert beijing.loc[2001, "n_mentions"] == 2 and beijing.loc[2001, "n_paragraphs"] == 2
    assert beijing.loc[1999, "n_mentions"] == 1
    assert (beijing["first_year"] == 1999).all() and (beijing["last_year"] == 2001).all()
    assert (beijing["first_doc"] == "b").all() and (beijing["last_doc"] == "a").all()
    by_doc = ent.entity_counts(found, texts, by="doc_id")
    assert set(by_doc.columns) >= {"doc_id", "n_mentions", "n_documents"}
    graph = entity_network.network(found)
    assert graph["北京"]["国务院"]["weight"] == 2 and graph["上海"]["北京"]["weight"] == 1
    assert graph.nodes["国务院"]["kind"] == "organisation" and graph.nodes["北京"]["count"] == 3
    back = nx.read_graphml(export_graphml(graph, "entities", tmp_path))
    assert back.number_of_edges() == graph.number_of_edges() and back["北京"]["国务院"]["weight"] == 2
    edges = entity_network.cooccurrence(found, min_count=2)
    assert list(zip(edges["source"], edges["target"], edges["weight"], strict=True)) == [("北京", "国务院", 2)]


@pytest.fixture(scope="module")
def gold() -> tuple[pd.DataFrame, dict]:
    folders = {"corpus-extra": config.extra_corpus_dir(), "corpus-tables": config.tables_dir()}
    if None in folders.values():
        pytest.skip("development corpora ../shared/corpus-extra and corpus-tables not found")
    table = pd.read_csv(GOLD, dtype={"doc_id": str, "entity": str}, keep_default_na=False)
    loaded = {}
    for source, folder in folders.items():
        with warnings.catch_warnings():  # the tables mix scripts; the loader says so
            warnings.simplefilter("ignore")
            loaded[source] = corpus.load(folder)
    return table, loaded


def test_gold_offsets_match_the_texts(gold):
    table, loaded = gold
    marked = table[table["kind"] != "none"]
    assert len(marked) >= 300 and set(marked["kind"]) == set(ent.KINDS)
    assert not table.duplicated(["source", "doc_id", "para_no", "start"]).any()
    for source, rows in marked.groupby("source"):
        paragraphs = loaded[source].paragraphs.set_index(["doc_id", "para_no"])["text"]
        for doc, para, start, end, name in zip(rows["doc_id"], rows["para_no"], rows["start"].astype(int),
                                               rows["end"].astype(int), rows["entity"], strict=True):
            assert paragraphs.loc[(doc, para)][start:end] == name, (source, doc, para, name)


def _scores(gold: pd.DataFrame, loaded: dict) -> pd.DataFrame:
    keys = ["source", "doc_id", "para_no", "start", "end", "kind"]
    predicted = []
    for source, rows in gold.groupby("source"):
        c = loaded[source]
        read = rows[["doc_id", "para_no"]].drop_duplicates()
        paragraphs = c.paragraphs.merge(read, on=["doc_id", "para_no"])
        found = ent.entities(tokens.segment(paragraphs), corpus=c)
        predicted.append(found.assign(source=source))
    predicted = pd.concat(predicted)[keys].astype({"start": int, "end": int})
    truth = gold[gold["kind"] != "none"][keys].astype({"start": int, "end": int})
    hits = truth.merge(predicted, on=keys)
    out = pd.DataFrame({"n_gold": truth["kind"].value_counts(), "n_found": predicted["kind"].value_counts(),
                        "n_correct": hits["kind"].value_counts()}).fillna(0)
    out["precision"] = out["n_correct"] / out["n_found"]
    out["recall"] = out["n_correct"] / out["n_gold"]
    return out


def test_precision_and_recall_per_kind(gold):
    scores = _scores(*gold)
    print(scores.round(3).to_string())
    for kind, (precision, recall) in FLOORS.items():
        assert scores.loc[kind, "precision"] >= precision, (kind, scores.loc[kind].to_dict())
        assert scores.loc[kind, "recall"] >= recall, (kind, scores.loc[kind].to_dict())


def _small_counts() -> tuple[pd.DataFrame, pd.DataFrame, _Texts]:
    paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "para_no": [1, 2, 1, 1],
                               "text": ["国务院总理李克强在北京。", "北京和上海。", "毛主席在北京。", "国务院在上海。"]})
    texts = _Texts(paragraphs, years=(2015, 1970, 2019))
    found = ent.entities(tokens.segment(paragraphs), corpus=texts)
    return found, ent.entity_counts(found, texts), texts


def test_figure_top_entities_by_kind_over_years():
    _, counts, _ = _small_counts()
    fig = entplot.entities_over_years(counts, top_n=2)
    fig.savefig("/tmp/test_entities_figure.png", dpi=60)
    titled = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in titled] == [entplot.KIND_NAMES[k] for k in ent.KINDS]
    place = titled[1]
    assert [t.get_text() for t in place.get_yticklabels()] == ["北京", "上海"]  # most named first
    assert [t.get_text() for t in place.get_xticklabels()] == ["1970", "2015", "2019"]
    top = entplot.top_entities(counts, top_n=1)
    assert list(zip(top["kind"], top["entity"], top["n_mentions"], strict=True)) == [
        ("office", "国务院总理", 1), ("organisation", "国务院", 1), ("person", "李克强", 1), ("place", "北京", 3)]
    empty = entplot.entities_over_years(counts.head(0))
    assert any("no entities" in t.get_text() for ax in empty.axes for t in ax.texts)
    with pytest.raises(ParameterError, match="top_n"):
        entplot.entities_over_years(counts, top_n=0)


def test_findings_name_what_the_tables_show():
    found, counts, _ = _small_counts()
    summary = str(entfind.entity_summary(found))
    assert "of 3 documents" in summary and "Most named places: 北京 (3) and 上海 (2)." in summary
    timing = str(entfind.entity_timing(counts, min_mentions=1))
    assert "span 1970 to 2019" in timing and "毛主席 (1970, 1)" in timing.split("Last named")[1]
    assert "No person" in str(entfind.entity_summary(found.head(0)))
    pairs = str(entfind.entity_pairs(entity_network.cooccurrence(found)))
    assert "上海 and 北京 (1 paragraph)" in pairs
    assert "No two entities" in str(entfind.entity_pairs(entity_network.cooccurrence(found, min_count=5)))


def test_the_dictionary_test_of_places_answers_as_jiebas_own_table():
    """A place's tag is looked up when the word is in the segmenter's dictionary: asked of rjieba, the same
    answer as jieba's frequency table (a count > 0) for every entry of it, words and prefixes."""
    from helpers.tokens.tokenizer import tokenizer

    tk = tokenizer()
    table = tk.jieba_tokenizer().FREQ
    assert len(table) > 400_000
    assert all(tk.in_dictionary(word) == bool(count) for word, count in table.items())
    assert tk.in_dictionary("北京") and tk.in_dictionary("新质生产力") and not tk.in_dictionary("北京新质")
