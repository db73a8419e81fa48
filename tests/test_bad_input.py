"""The bad-input catalogue: each case either loads correctly or fails with a clear error naming file and row.

Every input file is generated here.  A failing load raises CorpusError and returns nothing: there is
no partial result to misuse.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest
from conftest import SEED, write_metadata

from helpers import corpus, tokens
from helpers.corpus import CorpusError, CorpusWarning

SPEECH = SEED.read_text(encoding="utf-8")
ROW = "doc,doc.txt,标题,习近平,2024-06-24,会议,speech,test"


def _write(folder, data: bytes, row: str = ROW):
    (folder / "doc.txt").write_bytes(data)
    write_metadata(folder, row)


def _fails(folder, *fragments: str) -> str:
    with pytest.raises(CorpusError) as info:
        corpus.load(folder)
    message = str(info.value)
    assert "doc.txt" in message and "metadata line 2" in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_empty_file(corpus_dir):
    _write(corpus_dir, b"")
    _fails(corpus_dir, "the file is empty")


def test_whitespace_only_file(corpus_dir):
    _write(corpus_dir, " \n\t\n\u3000\u2003\n".encode())
    _fails(corpus_dir, "only whitespace")


def test_binary_file_renamed_txt(corpus_dir):
    from PIL import Image

    Image.new("RGB", (20, 20), "red").save(corpus_dir / "doc.png")
    _write(corpus_dir, (corpus_dir / "doc.png").read_bytes())
    _fails(corpus_dir, "binary file (PNG image)")


def test_truncated_utf8(corpus_dir):
    data = SPEECH.rstrip().encode("utf-8")  # ends with 。 (three bytes in UTF-8)
    _write(corpus_dir, data[:-1])
    _fails(corpus_dir, "truncated UTF-8", "ends in the middle of a character")


def test_gbk_without_declaration_loads(corpus_dir, seed):
    _write(corpus_dir, SPEECH.replace("\u2003", "\u3000").encode("gbk"))
    loaded = corpus.load(corpus_dir)
    assert loaded.documents["encoding"].item() == "gb18030"
    assert loaded.paragraphs["text"].tolist() == seed.paragraphs["text"].tolist()


def test_utf16_without_bom_loads(corpus_dir, seed):
    _write(corpus_dir, SPEECH.encode("utf-16-le"))
    loaded = corpus.load(corpus_dir)
    assert loaded.documents["encoding"].item() == "utf_16_le"
    assert loaded.paragraphs["text"].tolist() == seed.paragraphs["text"].tolist()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr(corpus_dir, seed, newline):
    _write(corpus_dir, SPEECH.replace("\n", newline).encode("utf-8"))
    loaded = corpus.load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == seed.paragraphs["text"].tolist()
    assert loaded.set_aside["line_start"].tolist() == seed.set_aside["line_start"].tolist()


@pytest.mark.slow
def test_a_single_50_mb_line(corpus_dir):
    sentence = "科技兴则民族兴，科技强则国家强。"
    repeats = 50_000_000 // len(sentence.encode("utf-8")) + 1
    _write(corpus_dir, (sentence * repeats).encode("utf-8"))
    started = time.perf_counter()
    loaded = corpus.load(corpus_dir, progress=False)
    elapsed = time.perf_counter() - started
    assert len(loaded.paragraphs) == 1
    assert loaded.documents["n_chars"].item() == len(sentence) * repeats
    assert len(loaded.sentences) == repeats
    assert elapsed < 300, f"took {elapsed:.0f} s"  # generous: a guard against quadratic blow-up, not a benchmark


def test_traditional_chinese_loads_and_says_so(corpus_dir):
    text = "各位代表：\n\n這是繁體中文的測試。我們國家的發展依靠科學技術，經濟與社會進步離不開創新。\n"
    _write(corpus_dir, text.encode("big5"))
    with pytest.warns(CorpusWarning, match="Traditional"):
        kept = corpus.load(corpus_dir, simplify=False)
    assert kept.documents["script"].item() == "traditional" and kept.documents["converted_chars"].item() == 0
    assert kept.paragraphs["text"].tolist() == ["各位代表：", "這是繁體中文的測試。我們國家的發展依靠科學技術，經濟與社會進步離不開創新。"]
    # by default the text is analysed in Simplified characters, the conversion counted and said
    with pytest.warns(CorpusWarning, match="converted 17 Traditional character"):
        loaded = corpus.load(corpus_dir)
    assert loaded.documents["script"].item() == "traditional" and loaded.documents["converted_chars"].item() == 17
    assert loaded.paragraphs["text"].tolist() == ["各位代表：", "这是繁体中文的测试。我们国家的发展依靠科学技术，经济与社会进步离不开创新。"]


def test_mixed_latin_and_chinese(corpus_dir):
    text = "各位代表：\n\n发展 Artificial Intelligence 与 5G 网络，推动 AI 芯片和 Deep   Learning 研究。\n"
    _write(corpus_dir, text.encode("utf-8"))
    loaded = corpus.load(corpus_dir)
    body = loaded.paragraphs["text"].iloc[1]
    assert body == "发展Artificial Intelligence与5G网络，推动AI芯片和Deep   Learning研究。"
    words = tokens.segment(loaded.paragraphs, cache=False)
    assert {"Artificial", "Intelligence", "5G", "AI", "Deep", "Learning"} <= set(words["token"])


def test_metadata_with_a_missing_column(corpus_dir):
    _write(corpus_dir, SPEECH.encode())
    write_metadata(corpus_dir, "doc,doc.txt,标题,习近平,2024-06-24,会议,speech",
                   header="doc_id,file,title,speaker,date,occasion,genre")
    with pytest.raises(CorpusError, match=r"metadata.csv: missing required column\(s\): source"):
        corpus.load(corpus_dir)


@pytest.mark.parametrize("row, fragment", [
    ("doc,doc.txt,标题,习近平,2024-02-30,会议,speech,test", "unparsable date '2024-02-30'"),
    ("doc,nowhere.txt,标题,习近平,2024-06-24,会议,speech,test", "'nowhere.txt' does not exist"),
    ("doc,../outside.txt,标题,习近平,2024-06-24,会议,speech,test", "outside the corpus folder"),
    ("doc,/etc/hostname,标题,习近平,2024-06-24,会议,speech,test", "absolute path"),
])
def test_metadata_rows(corpus_dir, row, fragment):
    (corpus_dir.parent / "outside.txt").write_text("科技。", encoding="utf-8")
    _write(corpus_dir, SPEECH.encode(), row)
    with pytest.raises(CorpusError) as info:
        corpus.load(corpus_dir)
    assert "metadata.csv, line 2" in str(info.value) and fragment in str(info.value)


def test_metadata_duplicate_doc_id(corpus_dir):
    (corpus_dir / "a.txt").write_text(SPEECH, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(SPEECH, encoding="utf-8")
    write_metadata(corpus_dir, "doc,a.txt,T,S,2024-06-24,O,speech,x", "doc,b.txt,T,S,2024-06-24,O,speech,x")
    with pytest.raises(CorpusError, match=r"line 3 \(doc_id 'doc'\): duplicate doc_id, already used on line 2"):
        corpus.load(corpus_dir)


def test_symlink_pointing_outside_via_metadata(corpus_dir):
    (corpus_dir.parent / "secret.txt").write_text("科技。", encoding="utf-8")
    (corpus_dir / "doc.txt").symlink_to(corpus_dir.parent / "secret.txt")
    write_metadata(corpus_dir, ROW)
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        corpus.load(corpus_dir)


def test_one_bad_file_spoils_the_whole_load(corpus_dir):
    """No partial result: a good and a bad document together raise, naming the bad one."""
    (corpus_dir / "good.txt").write_text(SPEECH, encoding="utf-8")
    (corpus_dir / "doc.txt").write_bytes(b"")
    write_metadata(corpus_dir, "good,good.txt,T,S,2024-06-24,O,speech,x", ROW)
    with pytest.raises(CorpusError, match=r"doc\.txt"):
        corpus.load(corpus_dir)


def test_html_in_the_text_is_kept_as_text(corpus_dir):
    text = "各位代表：\n\n<script>alert(1)</script>科技强国。<img src=x onerror=alert(1)>\n"
    _write(corpus_dir, text.encode())
    loaded = corpus.load(corpus_dir)
    assert loaded.paragraphs["text"].iloc[1] == "<script>alert(1)</script>科技强国。<img src=x onerror=alert(1)>"
    assert isinstance(loaded.paragraphs, pd.DataFrame)
