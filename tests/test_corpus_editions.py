"""helpers.corpus.editions: editions and duplicates flagged on real texts, first editions counted once."""

from __future__ import annotations

import random
import warnings

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus
from helpers.corpus import CorpusWarning, document, editions


def test_multi_corpus_edition_is_flagged(multi):
    docs = multi.documents.set_index("doc_id")
    assert docs.loc["2024-07-01_speech-edition", "edition_of"] == "2024-06-24_speech"
    assert docs.loc["2024-06-24_speech", "edition_of"] == "" and docs.loc["2019-03-05_report", "edition_of"] == ""
    # the fixture's reports regroup the same sentences each year, so some are flagged as editions of an earlier one
    later = docs[docs["edition_of"] != ""]
    assert all(docs.index.get_loc(e) < docs.index.get_loc(d) for d, e in later["edition_of"].items())
    assert (docs["is_first_edition"] == (docs["edition_of"] == "")).all()
    assert corpus.first_editions(multi.documents)["doc_id"].tolist() == [
        d for d in multi.documents["doc_id"] if d not in later.index]
    assert multi.notes["message"].str.contains("edition or duplicate of it").sum() == len(later)


def test_same_report_from_two_sources_is_a_duplicate(extra_dir, corpus_dir):
    """The 2017 work report of corpus-extra and the same report in the Wikisource table."""
    table = pd.read_json(extra_dir.parent / "corpus-tables" / "government_work_reports_1954-2019.jsonl",
                         lines=True, dtype=False)
    (corpus_dir / "2017-03-05_gwr.txt").write_bytes((extra_dir / "2017-03-05_gwr-2017.txt").read_bytes())
    (corpus_dir / "2018-03-05_gwr.txt").write_bytes((extra_dir / "2018-03-05_gwr-2018.txt").read_bytes())
    row = table[table["title"].str.startswith("2017年")]["content"].item()
    (corpus_dir / "2017-03-06_wikisource.txt").write_text(row, encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"close to 2017-03-05_gwr \(2017-03-05_gwr.txt\), body text differs from "
                                           r"it by [\d,]+ characters? \(similarity 9\d\.\d\d%\)"):
        loaded = corpus.load(corpus_dir, cache=False)
    docs = loaded.documents.set_index("doc_id")
    assert docs.loc["2017-03-06_wikisource", "edition_of"] == "2017-03-05_gwr"
    assert docs.loc["2018-03-05_gwr", "edition_of"] == ""  # a different year is a different work


def test_editions_among_all_development_texts(extra_dir):
    """All 61 + 15 table rows and the 7 development texts (bench/bench_report.py times the load)."""
    bodies = {path.stem: path.read_text(encoding="utf-8") for path in extra_dir.glob("*.txt")}
    for table in (extra_dir.parent / "corpus-tables").glob("*.jsonl"):
        frame = pd.read_json(table, lines=True, dtype=False)
        bodies.update({f"{table.stem}-{k}": text for k, text in enumerate(frame["content"])})
    documents = pd.DataFrame({"doc_id": sorted(bodies)})
    with warnings.catch_warnings():
        found = editions.find_editions(documents, bodies)
    pairs = dict(zip(found["doc_id"], found["edition_of"], strict=True))
    # the 2014-2019 reports of corpus-extra are the table's reports again (as far as the raw texts agree)
    assert len(documents) == 83
    assert sorted(pairs.values()) == sorted(p.stem for p in extra_dir.glob("*_gwr-*.txt"))
    assert (found["similarity"] >= editions.THRESHOLD).all()


def _every_pair(documents: pd.DataFrame, bodies: dict[str, str]) -> pd.DataFrame:
    """The rule stated plainly: each document against every earlier one, in order (slow, for the test)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    ids = list(documents["doc_id"])
    texts = ["".join(bodies[d].split()) for d in ids]
    first, rows = {}, []
    for j in range(1, len(ids)):
        for i in range(j):
            short, long_ = sorted((len(texts[i]), len(texts[j])))
            if not long_ or 2 * short / (short + long_) < editions.THRESHOLD:
                continue
            sketches = (frozenset(editions._signature(t).tolist()) for t in (texts[i], texts[j]))
            if editions._jaccard(*sketches) < editions._SCREEN:
                continue
            similarity = fuzz.ratio(texts[i], texts[j]) / 100
            if similarity >= editions.THRESHOLD:
                first[ids[j]] = root = first.get(ids[i], ids[i])
                rows.append({"doc_id": ids[j], "edition_of": root, "similarity": round(similarity, 4),
                             "differing": Levenshtein.distance(texts[i], texts[j])})
                break
    return pd.DataFrame(rows, columns=["doc_id", "edition_of", "similarity", "differing"])


def test_the_screen_finds_what_comparing_every_pair_finds(extra_dir):
    """Exact copies, edited copies, cut copies and tiny texts mixed into real texts, in a shuffled order."""
    rng = random.Random(3)
    bodies = {path.stem: path.read_text(encoding="utf-8") for path in extra_dir.glob("*.txt")}
    table = pd.read_json(extra_dir.parent / "corpus-tables" / "cpc_congress_reports_1-19.jsonl", lines=True,
                         dtype=False)
    bodies.update({f"congress-{k}": text for k, text in enumerate(table["content"])})
    originals = list(bodies)
    for n in range(24):
        text = bodies[rng.choice(originals)]
        at = rng.randrange(len(text))
        bodies[f"variant-{n}"] = [text, text[:at] + "新增的一段文字。" * rng.randrange(1, 120) + text[at:],
                                  text[:int(len(text) * rng.uniform(0.85, 1))], text[:rng.randrange(0, 40)]][n % 4]
    order = list(bodies)
    rng.shuffle(order)
    documents = pd.DataFrame({"doc_id": order})
    expected = _every_pair(documents, bodies)
    assert len(expected) >= 12
    assert_frame_equal(editions.find_editions(documents, bodies), expected)


@pytest.mark.parametrize("distinct", [3, 64, 65, 300, 5000])
def test_sketch_keeps_the_smallest_distinct_hashes(distinct):
    values = np.random.default_rng(distinct).integers(0, distinct, 20_000).astype(np.uint64) * np.uint64(7919)
    for k in (1, 64):
        assert np.array_equal(editions._smallest_distinct(values, k), np.unique(values)[:k])


def test_bodies_are_the_paragraphs_joined_from_rows_or_a_table(multi):
    from helpers.corpus.model import bodies_of

    bodies = bodies_of(multi.paragraphs)
    assert bodies == bodies_of(multi.paragraphs.to_dict("records"))
    assert list(bodies) == list(dict.fromkeys(multi.paragraphs["doc_id"]))
    first = multi.paragraphs[multi.paragraphs["doc_id"] == multi.documents["doc_id"][0]]
    assert bodies[multi.documents["doc_id"][0]] == "".join(first.sort_values("para_no")["text"])


def test_an_edition_one_character_apart_is_said_to_differ_by_one_character(seed):
    """Rounded, the similarity says "100 %"; the number of differing characters says what changed."""
    body = "".join(seed.paragraphs["text"])
    changed = body.replace("科技强国", "科技大国", 1)
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"]})
    found = editions.find_editions(documents, {"a": body, "b": changed, "c": body})
    rows = found.set_index("doc_id")
    assert rows.loc["b", "edition_of"] == "a" and f"{rows.loc['b', 'similarity']:.0%}" == "100%"
    assert rows.loc["b", "differing"] == 1 and rows.loc["c", "differing"] == 0
    assert editions.describe(rows.loc["b", "similarity"], rows.loc["b", "differing"]) == (
        f"body text differs from it by 1 character (similarity {rows.loc['b', 'similarity']:.2%})")
    assert editions.describe(1.0, 0) == "body text identical to it"
    assert editions.describe(0.98, 312) == "body text differs from it by 312 characters (similarity 98.00%)"


def test_a_stub_and_a_page_that_lists_other_pages_load_with_a_warning(extra_dir, corpus_dir):
    """The 60-character 七大 disambiguation page of the congress table, and a stub text beside a real one."""
    with pytest.warns(CorpusWarning) as caught:
        tables = corpus.load(extra_dir.parent / "corpus-tables", cache=False, stream=False)
    said = [str(w.message) for w in caught if "cpc_congress_reports_1-19-004" in str(w.message)]
    assert any(f"under MIN_BODY_CHARS = {document.MIN_BODY_CHARS}" in m for m in said)
    assert any("lists other pages" in m for m in said)
    notes = tables.notes.query("doc_id == 'cpc_congress_reports_1-19-004'")["message"]
    assert notes.str.contains("MIN_BODY_CHARS").any() and notes.str.contains("lists other pages").any()
    # the short resolutions (259 characters and more) are documents, not stubs
    stubs = tables.notes[tables.notes["message"].str.contains("MIN_BODY_CHARS")]
    assert stubs["doc_id"].tolist() == ["cpc_congress_reports_1-19-004"]

    (corpus_dir / "2017-03-05_gwr.txt").write_bytes((extra_dir / "2017-03-05_gwr-2017.txt").read_bytes())
    (corpus_dir / "stub.txt").write_text("政府工作报告\n\n本页面正在编辑中，请稍后访问。\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"stub: body text of 15 characters, under MIN_BODY_CHARS"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert not loaded.notes.query("doc_id == '2017-03-05_gwr'")["message"].str.contains("MIN_BODY_CHARS").any()
