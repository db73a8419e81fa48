"""helpers.findings: sentences generated from the tables, honest for zero, one and many documents."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from helpers import corpus, findings, formulations, textstat, themes, tokens
from helpers.findings import overview
from helpers.findings.base import count, listing, number, percent


@pytest.fixture(scope="module")
def words(seed):
    return textstat.annotate(tokens.segment(seed.paragraphs), seed, ["section"])


def test_numbers_read_naturally():
    assert number(4533) == "4,533" and number(275.178) == "275.2" and number(3.0) == "3"
    assert count(1, "document") == "1 document" and count(1234, "paragraph") == "1,234 paragraphs"
    assert count(2, "community", "communities") == "2 communities"
    assert percent(1, 3) == "33%" and percent(1, 1000) == "<1%" and percent(1, 0) == "0%"
    assert listing(["a", "b", "c"]) == "a, b and c" and listing("abcdefgh", limit=3) == "a, b, c and 5 more"
    assert str(findings.Findings(["One.", "", "Two."])) == "One.\nTwo."


def test_documents_state_the_tables_counts(seed, multi):
    one = findings.documents(seed.documents)
    assert len(one) == 1 and f"with {len(seed.paragraphs)} paragraphs" in one[0] and "one document" in one[0]
    many = str(findings.documents(multi.documents))
    assert f"The corpus holds {len(multi.documents)} documents with {len(multi.paragraphs):,} paragraphs" in many
    assert "They date from 2019 to 2024, with documents in 5 of those 6 years." in many  # 2020 is missing
    undated = multi.documents.assign(date=pd.NaT, year=pd.NA, genre="")
    text = str(findings.documents(undated))
    assert "No document has a date or a year." in text and "No document has a genre." in text


def test_paragraphs_name_the_salutations_from_the_table(seed):
    text = str(findings.paragraph_lengths(seed.paragraphs))
    short = seed.paragraphs[seed.paragraphs["n_chars"] < 30]
    assert f"{len(short)} paragraphs are shorter than 30 characters, {int(short['is_salutation'].sum())} of them" in text
    one = findings.paragraph_lengths(seed.paragraphs.head(1))
    assert one == (f"One paragraph of {seed.paragraphs['n_chars'].iloc[0]:,} characters.",)


def test_nothing_found_is_said_plainly(seed):
    assert findings.set_aside(seed.set_aside.iloc[:0], seed.documents)[0].startswith("Nothing was set aside")
    assert findings.enumerations(seed.list_items.iloc[:0], seed.documents)[0].startswith("No enumeration")
    kwic = textstat.kwic(seed.paragraphs, "不存在的词")
    assert findings.concordance(kwic, "不存在的词") == ("不存在的词 does not occur in this corpus: the concordance is empty.",)


def test_dates_handle_none_one_and_missing_years(multi):
    docs = multi.documents
    assert "cannot show change over time" in findings.dates(docs.assign(year=pd.NA))[0]
    assert "levels, not a trend" in findings.dates(docs.assign(year=2024))[0]
    text = findings.dates(docs)[0]
    assert "from 2019 to 2024, in 5 of 6 years; no document from 2020." in text
    part = findings.dates(docs.assign(year=docs["year"].where(docs["doc_id"] != docs["doc_id"].iloc[0])))[0]
    assert "1 document without a date is left out." in part


def test_keyness_findings_count_significant_terms_honestly(seed, words):
    contrast = textstat.choose_contrast(seed.documents)
    fightin = textstat.keyness_between(words, contrast, measure="log_odds_dirichlet", min_count=3)
    beyond = int((fightin["z"].abs() > 1.96).sum())
    assert findings.fightin_words(fightin)[0].startswith(f"{beyond} of {len(fightin)} terms lie beyond ±1.96")
    calm = fightin.assign(z=fightin["z"].clip(-1, 1))
    assert findings.fightin_words(calm)[0].startswith(f"None of the {len(calm)} terms lies beyond ±1.96")
    by_section = textstat.keyness_by(words, "section", measure="g2", min_count=3)
    quiet = by_section.assign(p_value=1.0)
    assert "No term is overused in a section at a false discovery rate of 5%" in str(
        findings.section_keyness(quiet, words))
    # Benjamini-Hochberg by hand: the largest k with p_(k) <= k/m * 0.05; every term up to it is significant
    positive = by_section[by_section["statistic"] > 0]
    p = np.sort(by_section["p_value"].to_numpy())
    passing = np.flatnonzero(p <= np.arange(1, len(p) + 1) / len(p) * 0.05)
    cut = p[passing[-1]] if len(passing) else -1
    expected = int((positive["p_value"] <= cut).sum())
    raw = int((positive["p_value"] < 0.05).sum())
    assert expected < raw  # the correction matters on this speech
    text = str(findings.section_keyness(by_section, words))
    assert (f"{expected} terms are overused in their section at a false discovery rate of 5%" in text
            if expected else "No term is overused in a section" in text)


def test_general_chinese_findings_give_no_astronomical_ratio(seed, words):
    """Terms general Chinese practically never uses (under one in 100 million words) are named, without a ratio;
    the ratios printed are those of terms it does use."""
    general = textstat.keyness_against_general(words, min_count=3)
    absent = general[general["frequency"] < 1e-8]
    assert len(absent)  # the speech has such terms (policy formulations wordfreq barely knows)
    text = str(findings.against_general(general, min_count=3))
    assert f"{count(len(absent), 'term')} (" in text and "practically absent from general Chinese" in text
    strongest = next(line for line in findings.against_general(general, min_count=3) if line.startswith("The strongest"))
    assert not any(term in strongest for term in absent["term"])
    ratios = [float(x.replace(",", "")) for x in re.findall(r"about ([\d,.]+) times", text)]
    assert all(r < 10_000 for r in ratios) and ("about" in text or "over 10,000 times" in text)


def test_theme_findings_use_the_scores(seed, words):
    book = themes.codebook()
    scores = themes.score(seed.paragraphs, book)
    totals = themes.by_document(scores).set_index("theme")
    best = totals["per_1k"].idxmax()
    assert f"rank: {best} {totals.loc[best, 'per_1k']:.2f}" in findings.document_scores(scores)[0]
    drivers = themes.drivers(seed.paragraphs, book, by=None)
    one = drivers[drivers["theme"] == drivers["theme"].iloc[0]].head(1)
    assert "Resting on one term" in str(findings.drivers(one))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        top_words, weights = themes.topics(words[words["para_no"] <= 2], n_topics=5)
    assert findings.topics(top_words, weights, n_topics=5)[0].startswith("No topic model was fitted")
    data = findings.topic_data(words)[0]
    assert data.startswith(f"The model learns from {len(seed.paragraphs)} paragraphs of 1 document")


def test_english_only_corpus_gives_sentences_not_errors(corpus_dir):
    text = ("Science and technology are the primary productive force, and talent is the primary resource. We will "
            "strengthen basic research and support enterprises in innovation.\n\nWe have deepened reform and opening "
            "up, improved the business environment and expanded trade with all countries of the world.\n")
    (corpus_dir / "a.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(corpus_dir)
    words = tokens.segment(loaded.paragraphs)
    terms = ["科技", "人才"]
    assert findings.dispersion(textstat.dispersion(loaded.paragraphs, terms), terms)[0].startswith("None of the key")
    assert "No codebook term occurs" in findings.document_scores(themes.score(loaded.paragraphs, themes.codebook()))[0]
    general = textstat.keyness_against_general(words, min_count=50)
    assert findings.against_general(general, min_count=50)[0].startswith("No term occurs 50 times or more")


def test_term_trends_name_the_year_and_genre_of_each_peak(multi):
    multi_words = textstat.annotate(tokens.segment(multi.paragraphs), multi, ["section"])
    table = textstat.term_trends(multi_words, multi.documents, ["科技", "不存在的词"])
    said = str(findings.term_trends(table, ["科技", "不存在的词"]))
    peak = table[table["term"] == "科技"].sort_values("per_10k", ascending=False).iloc[0]
    assert f"({peak['year']}, {peak['genre']})" in said
    assert "Not found: 不存在的词." in said


def test_revision_findings_on_the_fixture_edition(multi):
    from helpers import revisions

    pairs = revisions.choose(multi.documents)
    said = str(findings.pairs(pairs))
    assert said.startswith(f"{len(pairs)} pairs of documents") and "edition" in said
    aligned = revisions.align_pairs(multi, revisions.pick(pairs))
    status = revisions.counts(aligned)
    unchanged = int(status.set_index("status").at["unchanged", "units"])
    assert f"{unchanged} unchanged" in str(findings.revision(status))
    edits = revisions.changes(aligned)
    assert str(findings.character_edits(edits)).startswith(f"{len(edits)} character edit")
    carried = revisions.carryover(multi, pairs[pairs["reason"] != "edition"])
    for genre in carried["genre"].unique():
        assert str(findings.continuity(carried)).count(f"{genre}:") == 1
    assert str(findings.reuse(revisions.reuse(multi, min_chars=10_000), min_chars=10_000)).startswith(
        "No passage of 10000 characters")


@pytest.mark.parametrize("name", ["seed", "extended"])
def test_sentence_lengths_from_the_histogram_equal_those_of_every_sentence(name, request):
    loaded = request.getfixturevalue(name)
    lengths, every = textstat.sentence_lengths(loaded), loaded.sentences["n_chars"]
    q1, q3 = every.quantile([0.25, 0.75])
    text = str(findings.sentence_lengths(lengths, loaded.documents))
    assert f"{len(every):,} sentences: median {count(every.median(), 'character')}, " in text
    assert f"half of them between {round(q1):,} and {round(q3):,}." in text
    first = loaded.sentences.loc[every.idxmax()]
    assert f"The longest has {every.max():,} characters (paragraph {first['para_no']}," in text
    for q in (0.1, 0.25, 0.5, 0.75, 0.9, 1.0):
        assert overview._quantile(lengths["n_chars"].to_numpy(), lengths["n_sentences"].to_numpy(), q) == \
            pytest.approx(every.quantile(q))
    if name == "seed":
        located = loaded.sentences.merge(loaded.paragraphs[["doc_id", "para_no", "section"]])
        medians = located.groupby("section", observed=True)["n_chars"].median()
        assert f"from {number(medians.min())} characters ({medians.idxmin()}) to {number(medians.max())} ({medians.idxmax()})." in text


def test_paragraph_findings_without_text(seed):
    with_text = findings.paragraph_lengths(seed.paragraphs)
    without = findings.paragraph_lengths(textstat.paragraph_sizes(seed.paragraphs))
    assert without[:-1] == with_text[:-1]
    quoted = seed.paragraphs.loc[seed.paragraphs["is_salutation"] & (seed.paragraphs["n_chars"] < 30), "text"].iloc[0]
    assert with_text[-1].endswith(f" ({quoted}).") and without[-1] == with_text[-1].replace(f" ({quoted})", "")


def test_keyword_findings_list_tied_words_in_a_fixed_order():
    """Words chosen by both methods equally often are listed by word (not in the order of a Python set, which
    changes from one process to the next)."""
    shared = ["创新", "人才", "科技", "教育", "改革", "开放", "安全", "产业", "企业", "基础"]
    table = pd.DataFrame({"section": ["一"] * 5 + ["二"] * 5, "rank": [1, 2, 3, 4, 5] * 2, "tfidf_term": shared,
                          "tfidf": [0.5] * 10, "textrank_term": shared[4::-1] + shared[:4:-1], "textrank": [1.0] * 10})
    said = str(findings.keywords(table, by=("section",)))
    first = sorted(shared)[:5]
    assert "Chosen by both in most units: " + ", ".join(f"{w} (1)" for w in first[:4]) + f" and {first[4]} (1)." in said


def test_formulation_findings_count_each_work_once(multi):
    """With the documents, a formulation's total leaves later editions out (the speech's edition repeats its
    科技强国 and 新质生产力) and the sentence says how many were left out."""
    tracked = formulations.track(multi)
    works = corpus.first_editions(multi.documents)["doc_id"]
    once = tracked[tracked["doc_id"].isin(works)].groupby("formulation")["count"].sum()
    every = tracked.groupby("formulation")["count"].sum()
    name = once.idxmax()  # the most frequent, named first
    assert once[name] < every[name]
    text = str(findings.formulations(tracked, formulations.timeline(tracked), documents=multi.documents))
    assert f"{name} ({number(once[name])} in " in text
    assert f"{name} ({number(every[name])} in " not in text
    assert "3 later editions left out" in text
    plain = str(findings.formulations(tracked, formulations.timeline(tracked)))
    assert f"{name} ({number(every[name])} in " in plain


def test_section_findings_say_where_the_closing_was_labelled_from_its_topics(extra_dir, corpus_dir):
    """2018 as published (a salutation before the closing topics), 2019 without its salutations (as 2025)."""
    (corpus_dir / "2018-03-05_gwr-2018.txt").write_bytes((extra_dir / "2018-03-05_gwr-2018.txt").read_bytes())
    text = (extra_dir / "2019-03-05_gwr-2019.txt").read_text(encoding="utf-8")
    (corpus_dir / "2019-03-05_gwr-2019.txt").write_text(text.replace("各位代表！\n", ""), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", corpus.CorpusWarning)
        loaded = corpus.load(corpus_dir, cache=False)
    said = overview.sections(loaded.paragraphs, loaded.notes)
    assert said[0] == "2 of 2 documents have numbered parts and a closing."
    assert said[1] == ("In 1 (2019-03-05_gwr-2019) no salutation comes before the closing, so it begins where the "
                       "paragraphs turn to 民族、宗教、侨务、国防、港澳、台湾、外交, as in the documents that have one: "
                       "the same parts carry the same labels.")
    assert overview.sections(loaded.paragraphs.head(0), loaded.notes.head(0)) == (
        "No document has numbered parts: each is one section, body.",)
    seed = corpus.load()
    assert list(overview.sections(seed.paragraphs, seed.notes)) == [
        "1 of 1 document has numbered parts and a closing.", "Every closing begins at a salutation."]


def test_theme_findings_over_the_corpus_count_each_work_once(multi):
    """With the documents, the corpus-wide rate of each theme leaves later editions out: the rate of the works."""
    scores = themes.score(multi.paragraphs, themes.codebook())
    works = corpus.first_editions(multi.documents)["doc_id"]
    alone = themes.by_document(scores[scores["doc_id"].isin(works)])
    every = themes.by_document(scores)
    alone = alone.groupby("theme", observed=True)[["hits", "n_chars"]].sum()
    best = (alone["hits"] / alone["n_chars"] * 1000).idxmax()
    expected = alone.loc[best, "hits"] / alone.loc[best, "n_chars"] * 1000
    text = findings.document_scores(scores, documents=multi.documents)
    assert f"rank: {best} {expected:.2f}" in text[0] and "3 later editions left out" in text[0]
    assert len(every) > len(themes.by_document(scores[scores["doc_id"].isin(works)]))


def test_concentration_compares_sections_with_their_own_document(extra_dir):
    """In a corpus of several documents, a section's rate is set against the rate of the same document, not of
    the corpus (notebook 01 once wrote "409.4 against 37.2 overall", the corpus' rate)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(extra_dir)
    words = tokens.segment(loaded.paragraphs, progress=False)
    focus = textstat.choose_contrast(loaded.documents).target[0]
    in_focus = textstat.annotate(tokens.of_documents(words, [focus]), loaded, ["section"])
    own = textstat.frequency(in_focus)
    heat = textstat.frequency(in_focus, by="section", terms=own["term"].head(20))
    text = str(findings.concentration(heat, own))
    term = text.split("Most concentrated: ")[1].split(" in ")[0]
    rate = own.set_index("term").loc[term, "per_10k"]
    assert f"against {rate:.1f} in the whole document" in text
    corpus_rate = textstat.frequency(words).set_index("term").loc[term, "per_10k"]
    assert f"{corpus_rate:.1f} in" not in text or round(corpus_rate, 1) == round(rate, 1)
