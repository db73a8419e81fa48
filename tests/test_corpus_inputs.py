"""corpus.load on every input kind: PDF, Word, saved web pages and tables dropped into a corpus folder.

The files are built here from the real texts of ../shared (so the expected paragraphs are known); the tables
are the real JSON Lines tables, copied into a temporary folder as a user would drop them.
"""

from __future__ import annotations

import re
import shutil
import time
import warnings

import pandas as pd
import pytest
from test_ingest_html import write_page
from test_ingest_pdf import HEADER, chromium_like, write_pdf

from helpers import corpus
from helpers.errors import CorpusError


def _compact(texts) -> list[str]:
    return [re.sub(r"\s+", "", t) for t in texts]


def _blocks(path) -> list[str]:
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    return [p for p in _compact(blocks) if p]


def _load(folder, **options) -> corpus.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus.load(folder, cache=False, **options)


def test_government_work_report_table_alone_gives_61_documents(tables, corpus_dir):
    shutil.copyfile(tables / "government_work_reports_1954-2019.jsonl",
                    corpus_dir / "government_work_reports_1954-2019.jsonl")
    started = time.perf_counter()
    loaded = _load(corpus_dir)
    print(f"government work report table: {len(loaded.documents)} documents in {time.perf_counter() - started:.2f} s")
    docs = loaded.documents
    assert len(docs) == 61 and set(docs["input_kind"]) == {"table"}
    assert docs["year"].notna().all() and docs["year"].min() == 1954 and docs["year"].max() == 2019
    assert docs["genre"].value_counts().to_dict() == {"government work report": 47, "resolution": 14}
    assert docs["title"].str.len().gt(0).all()
    first = docs.iloc[0]
    assert first["title"] == "1954年中华人民共和国国务院政府工作报告" and first["year"] == 1954
    assert (docs["n_chars_raw"] == docs["n_chars"] + docs["n_chars_set_aside"]).all()  # nothing lost


def test_congress_table_gives_15_documents_in_simplified_characters(tables, corpus_dir):
    shutil.copyfile(tables / "cpc_congress_reports_1-19.jsonl", corpus_dir / "cpc_congress_reports_1-19.jsonl")
    started = time.perf_counter()
    loaded = _load(corpus_dir)
    print(f"congress table: {len(loaded.documents)} documents in {time.perf_counter() - started:.2f} s")
    docs = loaded.documents
    assert len(docs) == 15 and set(docs["genre"]) == {"party congress report"}
    assert docs["converted_chars"].gt(0).any()  # the early reports are in Traditional characters
    body = "".join(loaded.paragraphs["text"])
    assert "國" not in body and "国" in body
    kept = _load(corpus_dir, simplify=False)
    assert "國" in "".join(kept.paragraphs["text"]) and kept.documents["converted_chars"].eq(0).all()


def test_a_table_row_in_metadata_is_refused(tables, corpus_dir):
    shutil.copyfile(tables / "cpc_congress_reports_1-19.jsonl", corpus_dir / "t.jsonl")
    (corpus_dir / "metadata.csv").write_text(
        "doc_id,file,title,speaker,date,occasion,genre,source\nx,t.jsonl,T,,,,,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="a table describes its own documents"):
        _load(corpus_dir)


def test_pdf_with_running_headers_and_page_numbers(extra_dir, corpus_dir, tmp_path):
    source = extra_dir / "2017-03-05_gwr-2017.txt"
    write_pdf(_blocks(source), corpus_dir / "gwr-2017.pdf")
    loaded = _load(corpus_dir)
    doc = loaded.documents.iloc[0]
    assert doc["input_kind"] == "pdf"
    kinds = loaded.set_aside["kind"].value_counts().to_dict()
    assert kinds.get("header", 0) >= 10 and kinds.get("page_number", 0) >= 10
    assert not any(HEADER in t for t in loaded.paragraphs["text"])
    assert not any(re.search(r"—\s*\d+\s*—", t) for t in loaded.paragraphs["text"])
    # the same text as a .txt file gives the same paragraphs (the source's own breaks inside sentences repaired)
    (tmp_path / "txt").mkdir()
    shutil.copyfile(source, tmp_path / "txt" / source.name)
    expected = _load(tmp_path / "txt")
    got = _compact(loaded.paragraphs["text"])
    print(f"PDF: {len(got)} paragraphs, {len(expected.paragraphs)} from the same text as .txt")
    assert got == _compact(expected.paragraphs["text"])
    assert loaded.paragraphs["section"].astype(str).tolist() == expected.paragraphs["section"].astype(str).tolist()


def test_pdf_look_alike_characters_are_mapped_and_noted(extra_dir, corpus_dir):
    paragraphs = _blocks(extra_dir / "2017-03-05_gwr-2017.txt")[:40]
    write_pdf(paragraphs, corpus_dir / "kangxi.pdf", draw=chromium_like)
    with pytest.warns(corpus.CorpusWarning, match="look-alike character"):
        loaded = corpus.load(corpus_dir, cache=False)
    kept = "".join(loaded.paragraphs["text"]) + "".join(loaded.set_aside["text"])
    assert kept.count("人民") == "".join(paragraphs).count("人民") > 10
    assert not any("⼈" in t or "⺠" in t for t in loaded.paragraphs["text"])


def test_word_and_web_page(extra_dir, corpus_dir):
    import docx

    speech = _blocks(extra_dir / "2016-05-30_xi_build-world-st-power.txt")
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    for text in speech:
        document.add_paragraph(text)
    document.save(str(corpus_dir / "speech.docx"))
    write_page(speech, corpus_dir / "page.html")
    loaded = _load(corpus_dir)
    docs = loaded.documents.set_index("doc_id")
    assert set(docs["input_kind"]) == {"docx", "html"}
    for doc_id in docs.index:
        paras = loaded.paragraphs[loaded.paragraphs["doc_id"] == doc_id]
        body = "".join(_compact(paras["text"]))
        for paragraph in speech[6:]:
            assert paragraph in body, (doc_id, paragraph[:20])
    html_aside = loaded.set_aside[loaded.set_aside["doc_id"] == "page"]
    assert (loaded.set_aside["kind"] == "boilerplate").sum() >= 3 and not html_aside.empty
    assert not any("分享到" in t or "Copyright" in t for t in loaded.paragraphs["text"])
    # editions: the Word file and the web page hold the same speech
    assert (docs["edition_of"] != "").sum() == 1


def test_documents_of_every_kind_load_together(extra_dir, tables, corpus_dir):
    shutil.copyfile(extra_dir / "2019-03-05_gwr-2019.txt", corpus_dir / "2019-03-05_gwr-2019.txt")
    shutil.copyfile(tables / "cpc_congress_reports_1-19.jsonl", corpus_dir / "congress.jsonl")
    loaded = _load(corpus_dir)
    assert loaded.documents["input_kind"].value_counts().to_dict() == {"table": 15, "txt": 1}
    assert isinstance(loaded.documents, pd.DataFrame) and loaded.documents["doc_id"].is_unique
