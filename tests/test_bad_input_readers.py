"""Bad or unusual input to the markup and table readers: every character read, or set aside with its reason.

Each fixture is built here, in a temporary folder, from the bundled speech (issue 33: deep HTML nesting,
Word tracked changes and notes, corrupt or oversized Word files, every sheet of a workbook, merged cells,
quotes in a TSV, competing text columns).  For the markup readers, the audit counts every character of
what was written in the body or in ``set_aside``.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED

from helpers.corpus.document import audit
from helpers.errors import CorpusError
from helpers.ingest import Extracted, read_table
from helpers.ingest import docx as ingest_docx
from helpers.ingest import html as ingest_html

PARAGRAPHS = [p for p in (re.sub(r"\s+", "", b) for b in re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8")))
              if p]
CLAUSES = [c for c in re.split(r"(?<=[，。；！？])", "".join(PARAGRAPHS)) if len(c) > 1]


def _characters(texts: list[str]) -> Counter:
    return Counter(re.sub(r"\s+", "", "".join(texts)))


def assert_accounted(extracted: Extracted, written: list[str]) -> None:
    """Every character written is in the body or set aside, and the reader's own audit is clean."""
    kept = extracted.lines + extracted.set_aside["text"].tolist()
    assert _characters(written) - _characters(kept) == Counter()
    assert audit(extracted.raw, kept) == (Counter(), Counter())


# --- HTML -------------------------------------------------------------------------------------------


def test_html_nested_deeper_than_255_levels_loses_no_line(tmp_path):
    """Old government pages open a <font> per line and never close it: 300 levels deep."""
    lines = CLAUSES[:300]
    assert len(lines) == 300
    body = "".join(f'<p><font face="宋体" size="3">{line}\n' for line in lines)
    page = f"<html><head><meta charset='utf-8'><title>讲话</title></head><body><h1>讲话</h1>{body}</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    extracted = ingest_html.extract(path)
    text = "".join(extracted.lines)
    missing = [line for line in lines if line not in text]
    assert missing == []
    assert_accounted(extracted, lines)


# --- DOCX -------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
INSERTED, DELETED = "坚定不移走中国特色自主创新道路，", "已经删去的旧说法，"
FOOTNOTE, ENDNOTE = "这是习近平同志2024年6月24日在全国科技大会上的讲话。", "本文根据录音整理。"


def _docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _rewrite(path: Path, change) -> None:
    """Rewrite the parts of the .docx at ``path``: ``change(name, data) -> data`` (None drops nothing)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    extra = change(parts) or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for name, data in {**parts, **extra}.items():
            dest.writestr(name, data)


def _notes_part(kind: str, text: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W}">'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            f'</w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>'
            ).encode()


def _with_tracked_changes_and_notes(parts: dict) -> dict:
    """Paragraph 2 gets a tracked insertion, a tracked deletion and a footnote; an endnote on paragraph 3."""
    document = parts["word/document.xml"].decode()
    paragraphs = document.split("</w:p>")
    paragraphs[1] += (f'<w:ins w:id="91" w:author="编辑" w:date="2024-06-25T00:00:00Z"><w:r><w:t>{INSERTED}</w:t>'
                      f'</w:r></w:ins><w:del w:id="92" w:author="编辑" w:date="2024-06-25T00:00:00Z"><w:r>'
                      f'<w:delText>{DELETED}</w:delText></w:r></w:del>'
                      '<w:r><w:footnoteReference w:id="1"/></w:r>')
    paragraphs[2] += '<w:r><w:endnoteReference w:id="1"/></w:r>'
    parts["word/document.xml"] = "</w:p>".join(paragraphs).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdF1" Type="{base}/footnotes" Target="footnotes.xml"/>'
                        f'<Relationship Id="rIdE1" Type="{base}/endnotes" Target="endnotes.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    kinds = parts["[Content_Types].xml"].decode()
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    kinds = kinds.replace("</Types>",
                          f'<Override PartName="/word/footnotes.xml" ContentType="{wml}.footnotes+xml"/>'
                          f'<Override PartName="/word/endnotes.xml" ContentType="{wml}.endnotes+xml"/></Types>')
    parts["[Content_Types].xml"] = kinds.encode()
    return {"word/footnotes.xml": _notes_part("footnote", FOOTNOTE),
            "word/endnotes.xml": _notes_part("endnote", ENDNOTE)}


def test_docx_tracked_changes_accepted_and_notes_set_aside(tmp_path):
    written = PARAGRAPHS[:4]
    path = _docx(tmp_path / "tracked.docx", written)
    _rewrite(path, _with_tracked_changes_and_notes)
    extracted = ingest_docx.extract(path)
    body = [re.sub(r"\s+", "", line) for line in extracted.lines]
    assert body[1] == written[1] + INSERTED  # the insertion kept in its paragraph
    assert DELETED not in "".join(body)  # the deletion dropped from the text …
    aside = extracted.set_aside.set_index("kind")["text"]
    assert aside["footnote"] == FOOTNOTE and aside["endnote"] == ENDNOTE
    assert aside["deletion"] == DELETED  # … and kept where it can be seen
    assert any("tracked changes" in note and "1 insertion" in note and "1 deletion" in note
               for note in extracted.notes)
    assert_accounted(extracted, [*written, INSERTED, DELETED, FOOTNOTE, ENDNOTE])


def test_corrupt_docx_is_a_corpus_error(tmp_path):
    path = _docx(tmp_path / "corrupt.docx", PARAGRAPHS[:3])
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start:start + 40] = b"\xff" * 40  # the compressed stream of document.xml broken
    path.write_bytes(bytes(data))
    with pytest.raises(CorpusError, match=r"corrupt\.docx: not a readable \.docx file"):
        ingest_docx.extract(path)


def test_docx_beyond_the_xml_parser_limits_is_a_corpus_error(tmp_path):
    path = _docx(tmp_path / "deep.docx", PARAGRAPHS[:2])

    def nest(parts: dict) -> None:
        document = parts["word/document.xml"].decode()
        deep = "<w:sdt><w:sdtContent>" * 300 + "</w:sdtContent></w:sdt>" * 300
        parts["word/document.xml"] = document.replace("<w:body>", "<w:body>" + deep).encode()

    _rewrite(path, nest)
    with pytest.raises(CorpusError, match=r"deep\.docx: not a readable \.docx file"):
        ingest_docx.extract(path)


# --- tables -----------------------------------------------------------------------------------------


def test_tsv_keeps_quotes_inside_the_text(tmp_path):
    quoted = '"科技"是国家强盛之基，"创新"是民族进步之魂。'
    path = tmp_path / "quotes.tsv"
    path.write_text(f"title\ttext\n讲话\t{quoted}\n报告\t{PARAGRAPHS[1]}\n", encoding="utf-8")
    assert read_table(path)["text"].tolist() == [quoted, PARAGRAPHS[1]]


def test_tsv_written_with_quoting_is_read_back(tmp_path):
    """A TSV whose writer quoted the cells that needed it (pandas, Excel) reads back as written."""
    texts = ['"科技"是国家强盛之基。', f"{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}"]
    path = tmp_path / "written.tsv"
    pd.DataFrame({"title": ["甲", "乙"], "text": texts}).to_csv(path, sep="\t", index=False)
    assert read_table(path)["text"].tolist() == texts


def test_xlsx_every_sheet_read_and_merged_cells_filled(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "讲话"
    first.append(["title", "speaker", "text"])
    first.append(["在全国科技大会上的讲话", "习近平", PARAGRAPHS[1]])
    first.append([None, None, PARAGRAPHS[2]])
    first.merge_cells("A2:A3")
    first.merge_cells("B2:B3")
    second = book.create_sheet("报告")
    second.append(["title", "text"])
    second.append(["政府工作报告", PARAGRAPHS[3]])
    sources = book.create_sheet("来源")
    sources.append(["网址", "说明"])
    sources.append(["http://www.qstheory.cn/", "求是网"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    rows = read_table(path)
    assert rows["text"].tolist() == PARAGRAPHS[1:4]
    assert rows["title"].tolist() == ["在全国科技大会上的讲话", "在全国科技大会上的讲话", "政府工作报告"]
    assert rows["speaker"].tolist() == ["习近平", "习近平", ""]
    assert rows["sheet"].tolist() == ["讲话", "讲话", "报告"]
    assert rows["doc_id"].is_unique
    notes = rows.attrs["notes"]
    assert any("'来源'" in note and "no text column" in note for note in notes)
    assert any("merged" in note for note in notes)


def test_text_column_chosen_by_content_when_names_compete(tmp_path):
    path = tmp_path / "both.csv"
    pd.DataFrame({"id": ["a", "b"], "content": [3, 12], "正文": PARAGRAPHS[1:3]}).to_csv(path, index=False)
    rows = read_table(path)
    assert rows["text"].tolist() == PARAGRAPHS[1:3]
    assert rows["content"].tolist() == ["3", "12"]  # kept as a column of its own
    assert any("'正文'" in note and "'content'" in note for note in rows.attrs["notes"])


def test_html_past_the_parser_depth_names_the_unread_line(tmp_path):
    """Past ~2,048 levels (unclosed <div>s) libxml2 stops reading: the rest is set aside with its line."""
    lines = [f"{i}{clause}" for i, clause in enumerate((CLAUSES * 8)[:1500])]
    page = "<html><body>\n" + "".join(f"<div><div>{line}\n" for line in lines) + "</body></html>"
    path = tmp_path / "deeper.html"
    path.write_text(page, encoding="utf-8")
    extracted = ingest_html.extract(path)
    unread = extracted.set_aside[extracted.set_aside["kind"] == "unread"]
    assert len(unread) == 1
    line = int(re.search(r"from its line (\d+) on", unread["reason"].item()).group(1))
    assert 900 < line < 1200  # about 2,048 levels / 2 per line, plus the opening line
    assert lines[line - 2] in unread["text"].item() and lines[line - 3] in "".join(extracted.lines)
    assert any("unread" in note for note in extracted.notes)
    assert_accounted(extracted, lines)


def test_a_corpus_of_these_files_loads_with_every_character_audited(corpus_dir):
    """corpus.load audits each document (a character lost or invented is an error): the files above load."""
    from helpers import corpus

    _rewrite(_docx(corpus_dir / "tracked.docx", PARAGRAPHS[:6]), _with_tracked_changes_and_notes)
    lines = CLAUSES[:300]
    (corpus_dir / "deep.html").write_text(
        "<html><body><h1>讲话</h1>" + "".join(f"<p><font size=3>{line}\n" for line in lines) + "</body></html>",
        encoding="utf-8")
    with pytest.warns(corpus.CorpusWarning):
        loaded = corpus.load(corpus_dir, cache=False)
    aside = loaded.set_aside.groupby("doc_id")["kind"].apply(set)
    assert {"footnote", "endnote", "deletion"} <= aside["tracked"]
    body = "".join(loaded.paragraphs.loc[loaded.paragraphs["doc_id"] == "deep", "text"])
    assert [line for line in lines if line not in body] == []


def test_csv_quote_inside_an_unquoted_field_is_named_not_dropped(tmp_path):
    """In a CSV, ``"科技"是…`` unquoted would lose its quotes in the CSV parser: the line is named instead."""
    path = tmp_path / "quotes.csv"
    path.write_text(f'title,text\n报告,{PARAGRAPHS[1]}\n讲话,"科技"是国家强盛之基\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"quotes\.csv, line 3: .*quote"):
        read_table(path)
    path.write_text('title,text\n讲话,"""科技""是国家强盛之基，创新是民族进步之魂"\n', encoding="utf-8")
    assert read_table(path)["text"].tolist() == ['"科技"是国家强盛之基，创新是民族进步之魂']


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_a_quoted_text_over_131072_characters_is_read(tmp_path, suffix):
    """The csv module's field limit does not turn a long quoted text into a quoting error."""
    long_text = '"科技"' + "".join(PARAGRAPHS) * (140_000 // len("".join(PARAGRAPHS)) + 1)
    path = tmp_path / f"long{suffix}"
    pd.DataFrame({"title": ["讲话"], "text": [long_text]}).to_csv(path, sep="\t" if suffix == ".tsv" else ",",
                                                                  index=False)
    assert read_table(path)["text"].tolist() == [long_text]


# --- what the readers say reaches Corpus.notes ------------------------------------------------------


def _loaded_notes(corpus_dir: Path) -> list[str]:
    from helpers import corpus

    with pytest.warns(corpus.CorpusWarning):
        return corpus.load(corpus_dir, cache=False).notes["message"].tolist()


def test_tracked_changes_note_reaches_the_corpus_notes(corpus_dir):
    _rewrite(_docx(corpus_dir / "tracked.docx", PARAGRAPHS[:6]), _with_tracked_changes_and_notes)
    notes = _loaded_notes(corpus_dir)
    assert any("tracked changes accepted" in note and "1 insertion" in note for note in notes)


def test_sheets_skipped_and_merged_cells_reach_the_corpus_notes(corpus_dir):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "讲话"
    first.append(["title", "speaker", "text"])
    first.append(["在全国科技大会上的讲话", "习近平", PARAGRAPHS[1]])
    first.append([None, None, PARAGRAPHS[2]])
    first.merge_cells("A2:A3")
    sources = book.create_sheet("来源")
    sources.append(["网址", "说明"])
    sources.append(["http://www.qstheory.cn/", "求是网"])
    book.save(corpus_dir / "book.xlsx")
    notes = _loaded_notes(corpus_dir)
    assert any("sheet '来源'" in note and "skipped" in note and "no text column" in note for note in notes)
    assert any("merged cell range" in note for note in notes)


def test_text_column_chosen_reaches_the_corpus_notes(corpus_dir):
    frame = pd.DataFrame({"id": ["a", "b"], "content": [3, 12], "正文": PARAGRAPHS[1:3]})
    frame.to_csv(corpus_dir / "both.csv", index=False)
    notes = _loaded_notes(corpus_dir)
    assert any("'正文'" in note and "'content'" in note for note in notes)


def test_a_row_of_a_workbook_of_several_sheets_is_named_with_its_sheet(corpus_dir):
    import openpyxl

    from helpers.errors import CorpusError as Error

    book = openpyxl.Workbook()
    book.active.title = "讲话"
    book.active.append(["title", "text"])
    book.active.append(["在全国科技大会上的讲话", PARAGRAPHS[1]])
    second = book.create_sheet("报告")
    second.append(["title", "text"])
    second.append(["政府工作报告", PARAGRAPHS[2]])
    second.append(["政府工作报告", "新华社记者 张三 摄"])  # only a photo credit: no body text
    book.save(corpus_dir / "book.xlsx")
    from helpers import corpus

    with pytest.raises(Error, match=r"book\.xlsx, sheet 报告, row 2\b"):
        corpus.load(corpus_dir, cache=False)
