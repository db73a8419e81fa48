"""Bad input, dates: historical dates load as dates, undated documents load, and both survive the cache."""

from __future__ import annotations

import datetime as dt

from conftest import SEED, write_metadata

from helpers import corpus, textstat, tokens

SPEECH = SEED.read_text(encoding="utf-8")


def test_a_date_before_1677_loads_as_a_date(corpus_dir):
    (corpus_dir / "old.txt").write_text(SPEECH, encoding="utf-8")
    (corpus_dir / "new.txt").write_text(SPEECH, encoding="utf-8")
    write_metadata(corpus_dir, "old,old.txt,旧文,某人,1600-01-01,,speech,test",
                   "new,new.txt,新文,某人,1901-03-05,,speech,test")
    for _ in range(2):  # built, then read back from the cache
        docs = corpus.load(corpus_dir).documents
        assert docs["date"].tolist() == [dt.date(1600, 1, 1), dt.date(1901, 3, 5)]
        assert docs["year"].tolist() == [1600, 1901]


def test_undated_document_without_any_date_in_text(corpus_dir):
    (corpus_dir / "a.txt").write_text("各位代表：\n\n科技兴则民族兴，科技强则国家强。我们要坚定信心，奋勇前进。\n", encoding="utf-8")
    (corpus_dir / "b.txt").write_text("各位代表：\n\n改革开放推动发展，科技进步带来变化。我们要坚定信心，奋勇前进。\n", encoding="utf-8")
    write_metadata(corpus_dir, "a,a.txt,甲,某人,,,speech,test", "b,b.txt,乙,某人,1650-01-01,,speech,test")
    for _ in range(2):
        loaded = corpus.load(corpus_dir)
        docs = loaded.documents
        assert docs["doc_id"].tolist() == ["b", "a"]
        assert docs["date"].tolist() == [dt.date(1650, 1, 1), None]
        assert docs["year"].isna().tolist() == [False, True]
    words = textstat.annotate(tokens.segment(loaded.paragraphs, cache=False), loaded, ["date", "year"])
    assert set(words["doc_id"]) == {"a", "b"}  # the undated document is analysed too
    assert words.loc[words["doc_id"] == "a", "date"].isna().all()
