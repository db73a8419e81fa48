"""helpers.formulations.discover / describe / accept: formulations found in the text, on real text."""

from __future__ import annotations

import shutil
import warnings
from collections import Counter

import pandas as pd
import pytest
from conftest import in_a_fresh_process
from pandas.testing import assert_frame_equal

from helpers import config, corpus, formulations, lexicon, tokens
from helpers.errors import ParameterError
from helpers.formulations import ngrams

GWR_2016 = "2016-03-05_gwr-2016"
GWR_2018 = "2018-03-05_gwr-2018"
SPEECH_2024 = "2024-06-24_xi_kejiqiangguo"


@pytest.fixture(scope="module")
def discovered(extended) -> pd.DataFrame:
    return formulations.discover(extended, min_count=3)


def _body(loaded) -> list[str]:
    return loaded.paragraphs["text"].tolist()


def test_columns_and_types(discovered):
    assert list(discovered.columns) == formulations.COLUMNS
    assert len(discovered) > 100
    assert discovered["n"].dtype == "int64" and discovered["n_documents"].dtype == "int64"
    assert discovered["in_list"].dtype == bool and discovered["first_year"].dtype == "Int64"
    assert discovered["score"].is_monotonic_decreasing
    assert discovered["term"].is_unique


def test_known_formulations_are_found_with_their_first_year(discovered):
    rows = discovered.set_index("term")
    assert rows.loc["供给侧结构性改革", "first_year"] == 2016 and rows.loc["供给侧结构性改革", "first_doc"] == GWR_2016
    assert rows.loc["高质量发展", "first_year"] == 2018 and rows.loc["高质量发展", "first_doc"] == GWR_2018
    assert rows.loc["教育科技人才", "first_year"] == 2024 and rows.loc["教育科技人才", "first_doc"] == SPEECH_2024
    assert rows.loc[["供给侧结构性改革", "高质量发展", "一带一路"], "in_list"].all()
    assert not rows.loc["退耕还林还草", "in_list"]  # a real discovery: in neither list


def test_counts_and_examples_are_those_of_the_text(extended, discovered):
    texts = _body(extended)
    by_doc = extended.paragraphs.groupby("doc_id")["text"].agg("\n".join)
    for term, n, n_documents, first_doc, example in discovered[
            ["term", "n", "n_documents", "first_doc", "example"]].head(60).itertuples(index=False):
        assert n == sum(t.count(term) for t in texts), term
        assert n_documents == by_doc.str.contains(term, regex=False).sum(), term
        # the excerpt is the text, with "…" on each side where the paragraph goes on
        inner = example.removeprefix("…").removesuffix("…")
        assert term in inner and inner in by_doc[first_doc], term
        paragraph = next(p for p in by_doc[first_doc].split("\n") if inner in p)
        assert example.startswith("…") == (not paragraph.startswith(inner)), term
        assert example.endswith("…") == (not paragraph.endswith(inner)), term
    assert discovered["example"].str.startswith("…").any()
    assert (discovered["n"] >= 3).all()


def test_fragments_are_never_returned(discovered, seed):
    assert discovered["term"].str.len().min() >= 2
    assert not {"化", "反", "碳", "现代化", "自立自强"} & set(discovered["term"])  # single words or one jieba token
    plain = tokens.Tokenizer(terms=pd.DataFrame({"term": [], "freq": [], "tag": []}))
    assert all(len(plain.cut(term)) > 1 for term in discovered["term"])
    function_words = lexicon.stopwords("general", "policy")
    assert not any(plain.cut(term)[0] in function_words for term in discovered["term"])
    # a fragment of a longer expression has a single neighbour on one side and is left out
    assert "新型城镇" not in set(discovered["term"]) and "新型城镇化" in set(discovered["term"])


def test_new_in_the_latest_period(extended, discovered):
    latest = formulations.discover(extended, min_count=3, new_in="latest")
    assert len(latest) and (latest["first_year"] == 2024).all()
    assert_frame_equal(latest, discovered[discovered["first_year"] == 2024].reset_index(drop=True))
    in_2018 = formulations.discover(extended, min_count=3, new_in=2018)
    assert "高质量发展" in set(in_2018["term"]) and (in_2018["first_year"] == 2018).all()
    by_doc = formulations.discover(extended, min_count=3, by="doc_id", new_in=SPEECH_2024)
    assert set(by_doc["term"]) == set(latest["term"]) and (by_doc["first_doc"] == SPEECH_2024).all()


def test_the_bundled_speech(seed):
    found = formulations.discover(seed, min_count=3).set_index("term")
    assert {"教育科技人才", "国家战略科技力量", "高质量发展"} <= set(found.index)
    assert (found["first_year"] == 2024).all() and (found["n_documents"] == 1).all()
    assert not {"要坚持", "推动科技"} & set(found.index)  # a policy verb at an edge is not an expression


def test_editions_are_counted_once(multi):
    edition = "2024-07-01_speech-edition"
    once = formulations.discover(multi, min_count=3)
    both = formulations.discover(multi, min_count=3, editions=True)
    assert edition not in set(once["first_doc"])
    kept = once.set_index("term")["n_documents"]
    twice = both.set_index("term").loc[kept.index, "n_documents"]
    assert (twice >= kept).all() and (twice > kept).any()


def test_disk_and_memory_agree(every_store):
    got, expected = every_store.against_memory(lambda s: formulations.discover(s.corpus, min_count=3))
    assert_frame_equal(got, expected)
    assert len(got) > 0


def test_deterministic_across_processes(tmp_path, seed):
    script = ("import pickle, sys\nfrom helpers import corpus, formulations\n"
              "pickle.dump(formulations.discover(corpus.load(), min_count=3), open(sys.argv[1], 'wb'))\n")
    first = in_a_fresh_process(script, "1", tmp_path / "a.pkl")
    second = in_a_fresh_process(script, "2", tmp_path / "b.pkl")
    assert_frame_equal(first, second)
    assert_frame_equal(first, formulations.discover(seed, min_count=3))


@pytest.mark.parametrize(("option", "value"), [("min_count", 1), ("min_count", 2.5), ("by", "month"),
                                               ("max_chars", 1), ("min_entropy", -1), ("min_pmi", "high"),
                                               ("new_in", 1999), ("editions", "yes")])
def test_bad_options_name_the_parameter(seed, option, value):
    with pytest.raises(ParameterError, match=option):
        formulations.discover(seed, **{option: value})


def test_entropy_counts_each_edge_as_a_new_neighbour():
    assert ngrams.entropy([2, 2], 4) == pytest.approx(1.0)
    assert ngrams.entropy([4], 4) == 0.0
    assert ngrams.entropy([], 4) == pytest.approx(2.0)  # four edges: four different neighbours
    assert list(ngrams.runs(["新质生产力，2024年化"])) == ["新质生产力", "年化"]


def test_counts_and_entropies_equal_every_ngram_counted_one_by_one(extended):
    """The counting (NumPy, level by level, chunk by chunk) against a plain count of every n-gram of the text."""
    frame = extended.paragraphs[["doc_id", "para_no", "text"]]
    parts = [frame.iloc[:len(frame) // 3], frame.iloc[len(frame) // 3:]]  # two chunks of whole paragraphs
    counts = ngrams.count(lambda: iter(parts), min_count=3, max_chars=5)
    every = Counter(run[i:i + k] for run in ngrams.runs(frame["text"]) for k in range(1, 7)
                    for i in range(len(run) - k + 1))
    frequent = {g: n for g, n in every.items() if n >= 3 and len(g) <= 5}
    assert counts.count == frequent and len(frequent) > 20_000
    assert counts.total == sum(n for g, n in every.items() if len(g) == 1)
    right, left = {}, {}
    for g, n in every.items():
        right.setdefault(g[:-1], []).append(n)
        left.setdefault(g[1:], []).append(n)
    for g, n in frequent.items():
        assert counts.right[g] == ngrams.entropy(sorted(right.get(g, [])), n), g
        assert counts.left[g] == ngrams.entropy(sorted(left.get(g, [])), n), g


def test_describe_is_generated_from_the_table(discovered):
    text = formulations.describe(discovered)
    top = discovered["term"].iloc[0]
    assert f"{len(discovered):,} multi-word expressions" in text and top in text
    assert "2024, the latest year" in text and "教育科技人才" in text
    assert formulations.describe(discovered.head(0)).startswith("No multi-word expression")


@pytest.fixture
def lexicons(tmp_path):
    """A temporary copy of helpers/lexicons (the real files are never written by the tests)."""
    return shutil.copytree(config.LEXICON_DIR, tmp_path / "lexicons")


def test_accept_makes_a_discovery_a_token_and_a_tracked_formulation(extended, lexicons):
    real = {name: lexicon.file_hash(config.LEXICON_DIR / name) for name in ("policy_terms.txt", "formulations.csv")}
    term = "退耕还林还草"
    assert term not in tokens.Tokenizer().cut("实施退耕还林还草工程")
    added = formulations.accept([term, "高质量发展"], folder=lexicons)
    assert added.to_dict("list") == {"term": [term, "高质量发展"], "dictionary": [True, False],
                                     "formulation_list": [True, False]}
    assert not formulations.accept([term], folder=lexicons)[["dictionary", "formulation_list"]].any(axis=None)
    terms = lexicon.policy_terms(lexicons / "policy_terms.txt")
    assert term in tokens.Tokenizer(terms=terms).cut("实施退耕还林还草工程")
    listed = formulations.table(lexicons / "formulations.csv")
    tracked = formulations.track(extended, formulations=listed).groupby("formulation")["count"].sum()
    assert tracked[term] == sum(t.count(term) for t in _body(extended)) == 8
    again = formulations.discover(extended, min_count=3, folder=lexicons).set_index("term")
    assert again.loc[term, "in_list"]
    assert real == {name: lexicon.file_hash(config.LEXICON_DIR / name) for name in real}


@pytest.mark.parametrize("terms", [[], ["新 质"], ["甲,乙"], [""], ["#注释"]])
def test_accept_refuses_terms_it_cannot_write(lexicons, terms):
    before = (lexicons / "policy_terms.txt").read_bytes()
    with pytest.raises(ParameterError, match="terms"):
        formulations.accept(terms, folder=lexicons)
    assert (lexicons / "policy_terms.txt").read_bytes() == before


def test_describe_names_the_period_asked_for(extended):
    new = formulations.discover(extended, min_count=3, by="doc_id", new_in=[SPEECH_2024])
    text = formulations.describe(new, new_in=[SPEECH_2024])
    assert text.startswith(f"{len(new):,} multi-word expressions first seen in {SPEECH_2024}")
    none = formulations.discover(extended, min_count=3, by="doc_id", new_in=[])
    assert none.empty and list(none.columns) == formulations.COLUMNS
    assert formulations.describe(none, new_in=[]) == "There is no newer document to look for new multi-word " \
                                                     "expressions in."


def test_the_19th_congress_formulations_are_new_in_2017(tables, tmp_path):
    """The party congress reports 1-19 (a JSON Lines table): the formulations of the 19th congress (2017) are found
    as new in the latest period, those already in 2012 are not."""
    folder = tmp_path / "congress"
    folder.mkdir()
    shutil.copyfile(tables / "cpc_congress_reports_1-19.jsonl", folder / "congress.jsonl")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        congress = corpus.load(folder, cache=False)
    latest = formulations.discover(congress, min_count=3, new_in="latest").set_index("term")
    assert {"我国社会主要矛盾", "建设现代化经济体系", "不忘初心", "中国梦", "决胜全面建成小康社会"} <= set(latest.index)
    assert (latest["first_year"] == 2017).all() and not latest["in_list"].all()
    assert "科学发展观" not in latest.index  # in the reports since 2007
    everything = formulations.discover(congress, min_count=3).set_index("term")
    assert everything.loc["科学发展观", "first_year"] == 2007

