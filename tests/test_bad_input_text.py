"""Bad input, decoding and garbage: mojibake is never silent, and what is not text is removed with a warning.

Each case writes its own file; every expectation names what the user sees (the warning or error text).
"""

from __future__ import annotations

import pytest
from conftest import SEED, write_metadata

from helpers import corpus
from helpers.corpus import CorpusError, CorpusWarning

SPEECH = SEED.read_text(encoding="utf-8")
ENGLISH = ("The naïve café owner said: “It’s fine, and we will keep the shop open through the winter months, "
           "whatever the council decides about the road.”\n\n"
           "Our second paragraph mentions a résumé and a coöperative, and it goes on for a while so that it "
           "reads as an ordinary paragraph of running text rather than a heading.\n")


def _notes(loaded) -> list[str]:
    return loaded.notes["message"].tolist()


def test_gbk_metadata_decodes_and_says_it_guessed(corpus_dir):
    (corpus_dir / "doc.txt").write_text(SPEECH, encoding="utf-8")
    meta = "doc_id,file,title,speaker,date,occasion,genre,source\ndoc,doc.txt,科技强国,习近平,2024-06-24,大会,讲话,求是\n"
    (corpus_dir / "metadata.csv").write_bytes(meta.encode("gbk"))  # what Excel on a Chinese Windows writes
    with pytest.warns(CorpusWarning, match=r"metadata.csv: not UTF-8: encoding guessed as gb18030"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents[["title", "speaker", "genre", "source"]].iloc[0].tolist() == ["科技强国", "习近平", "讲话", "求是"]


@pytest.mark.parametrize("title", ["标题", "十四五规划", "政府工作报告", "关于加强科技创新的意见"])
def test_short_gbk_titles_never_become_mojibake(corpus_dir, title):
    (corpus_dir / "doc.txt").write_text(SPEECH, encoding="utf-8")
    meta = f"doc_id,file,title,speaker,date,occasion,genre,source\ndoc,doc.txt,{title},,2024-06-24,,,\n"
    (corpus_dir / "metadata.csv").write_bytes(meta.encode("gbk"))
    with pytest.warns(CorpusWarning):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["title"].item() == title


def test_cp1252_english_decodes_and_says_it_guessed(corpus_dir):
    (corpus_dir / "en.txt").write_bytes(ENGLISH.encode("cp1252"))
    with pytest.warns(CorpusWarning, match=r"en.txt: not UTF-8: encoding guessed as cp1252 with low confidence"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["encoding"].item() == "cp1252"
    assert "naïve café" in " ".join(loaded.paragraphs["text"])
    assert "“It’s fine, and" in " ".join(loaded.paragraphs["text"])


def test_english_only_text_is_said_to_have_no_chinese(corpus_dir):
    (corpus_dir / "en.txt").write_text(ENGLISH, encoding="utf-8")
    with pytest.warns(CorpusWarning, match="no Chinese characters in the body text"):
        corpus.load(corpus_dir, cache=False)


def test_gbk_speech_loads_without_a_low_confidence_note(corpus_dir, seed):
    (corpus_dir / "doc.txt").write_bytes(SPEECH.replace("\u2003", "\u3000").encode("gbk"))
    loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist() == seed.paragraphs["text"].tolist()
    assert not [m for m in _notes(loaded) if "encoding" in m]


def test_random_bytes_are_refused_naming_the_encodings_tried(corpus_dir):
    data = bytes(range(0x80, 0x100)) * 40
    (corpus_dir / "doc.txt").write_bytes(b"\xe7\xa7\x91" + data)
    with pytest.raises(CorpusError, match=r"doc.txt: undecodable bytes: .*tried .*save it as UTF-8"):
        corpus.load(corpus_dir, cache=False)


def test_nul_padding_at_the_end_is_removed_with_a_warning(corpus_dir, seed):
    (corpus_dir / "doc.txt").write_bytes(SPEECH.encode() + b"\x00" * 8192)
    with pytest.warns(CorpusWarning, match="removed 8,192 NUL characters at the end of the file"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist() == seed.paragraphs["text"].tolist()
    assert not loaded.paragraphs["text"].str.contains("\x00").any()


def test_a_byte_order_mark_in_the_middle_is_removed_with_a_warning(corpus_dir):
    first, second = "各位代表：\n\n科技兴则民族兴。\n", "科技强则国家强。\n"
    (corpus_dir / "doc.txt").write_bytes(first.encode("utf-8-sig") + second.encode("utf-8-sig"))  # two files joined
    with pytest.warns(CorpusWarning, match=r"removed 1 byte-order mark\(s\) \(U\+FEFF\) inside the text, on line 4"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert not loaded.paragraphs["text"].str.contains("\ufeff").any()
    assert "".join(loaded.paragraphs["text"]) == "各位代表：科技兴则民族兴。科技强则国家强。"


def test_paragraph_separators_are_paragraph_breaks(corpus_dir):
    text = "各位代表：\u2029科技兴则民族兴，科技强则国家强。\u2029我们要坚定信心。\u2028奋勇前进。\n"
    (corpus_dir / "doc.txt").write_text(text, encoding="utf-8")
    loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist()[:2] == ["各位代表：", "科技兴则民族兴，科技强则国家强。"]
    assert not loaded.paragraphs["text"].str.contains("[\u2028\u2029]").any()


def test_a_few_control_characters_are_removed_with_a_warning(corpus_dir):
    text = "各位代表：\n\n科技兴则民族兴，\x07科技强则国家强。\x1b\n"
    (corpus_dir / "doc.txt").write_text(text, encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"removed 2 control character\(s\) \(U\+0007 ×1, U\+001B ×1\) on line 3"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist()[-1] == "科技兴则民族兴，科技强则国家强。"


def test_metadata_file_is_decoded_with_the_same_rules(corpus_dir):
    (corpus_dir / "doc.txt").write_text(SPEECH, encoding="utf-8")
    write_metadata(corpus_dir, "doc,doc.txt,标题,习近平,2024-06-24,会议,speech,test")
    data = (corpus_dir / "metadata.csv").read_bytes()
    (corpus_dir / "metadata.csv").write_bytes(data + b"\x00" * 100)
    with pytest.warns(CorpusWarning, match=r"metadata.csv: removed 100 NUL characters"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["title"].item() == "标题"
