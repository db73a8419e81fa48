"""Word files: the paragraphs of a real text back, page header and footer set aside.

The .docx is written at test time with python-docx from the bundled speech in
``corpus/`` (never copied elsewhere in the project).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import config
from helpers.errors import CorpusError
from helpers.ingest import docx as ingest_docx

SPEECH = config.CORPUS_DIR / "2024-06-24_xi_kejiqiangguo_qiushi.txt"
HEADER, FOOTER = "求是网 · 重要文章", "本文来源：《求是》杂志"


def source_paragraphs(path: Path) -> list[str]:
    """Blocks between blank lines, whitespace inside removed."""
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    return [p for p in (re.sub(r"\s+", "", b) for b in blocks) if p]


def paragraphs_of(lines: list[str]) -> list[str]:
    """The extracted body lines are one paragraph each (blank lines already dropped)."""
    return [re.sub(r"\s+", "", line) for line in lines]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[list[str], Path]:
    import docx

    paragraphs = source_paragraphs(SPEECH)
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = FOOTER
    for i, text in enumerate(paragraphs):
        if i == 0:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    dest = tmp_path_factory.mktemp("docx") / "speech.docx"
    document.save(str(dest))
    return paragraphs, dest


def test_paragraphs_come_back(written):
    paragraphs, dest = written
    extracted = ingest_docx.extract(dest)
    got = paragraphs_of(extracted.lines)
    print(f"DOCX: {len(got)} paragraphs extracted, {len(paragraphs)} expected")
    assert got == paragraphs
    # the cleaning sees blank-line-separated paragraphs
    assert extracted.text.count("\n") >= 1 and "\n\n" in "\n".join(extracted.raw_lines)


def test_header_and_footer_set_aside(written):
    _, dest = written
    extracted = ingest_docx.extract(dest)
    assert extracted.set_aside[["kind", "text"]].values.tolist() == [["header", HEADER], ["footer", FOOTER]]
    assert HEADER not in extracted.text and FOOTER not in extracted.text
    for row in extracted.set_aside.itertuples():
        assert extracted.raw_lines[row.line_start - 1] == row.text


def test_tables_and_line_breaks_kept(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第一行\n第二行")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "左栏"
    table.cell(0, 1).text = "右栏"
    dest = tmp_path / "table.docx"
    document.save(str(dest))
    assert ingest_docx.extract(dest).lines == ["第一行", "第二行", "左栏", "右栏"]


def test_old_doc_renamed_is_an_error(tmp_path):
    bad = tmp_path / "old.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(CorpusError, match=r"old\.docx: not a readable \.docx file \(an old binary \.doc"):
        ingest_docx.extract(bad)


def test_empty_document_is_an_error(tmp_path):
    import docx

    dest = tmp_path / "empty.docx"
    docx.Document().save(str(dest))
    with pytest.raises(CorpusError, match=r"empty\.docx: the document has no text"):
        ingest_docx.extract(dest)
