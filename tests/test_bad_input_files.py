"""Bad input, files and metadata rows: nothing is swallowed, duplicated or ignored without a word.

Files present but not loaded are named in one CorpusWarning; what cannot be loaded as asked (a dangling
link, a link loop, an unreadable file, a FIFO named like a text, a malformed metadata row) is a
CorpusError naming the file or line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEED, write_metadata

from helpers import corpus
from helpers.corpus import CorpusError, CorpusWarning

SPEECH = SEED.read_text(encoding="utf-8")
SHORT = "各位代表：\n\n科技兴则民族兴，科技强则国家强。我们要坚定信心，奋勇前进。\n"
HEADER = "doc_id,file,title,speaker,date,occasion,genre,source"


def _load_warning(folder, pattern: str):
    with pytest.warns(CorpusWarning, match=pattern):
        return corpus.load(folder, cache=False)


# --- files present but not loaded -------------------------------------------------------------


def test_upper_case_suffix_loads(corpus_dir):
    (corpus_dir / "REPORT2023.TXT").write_text(SHORT, encoding="utf-8")
    loaded = _load_warning(corpus_dir, "no row in metadata.csv")
    assert loaded.documents["doc_id"].tolist() == ["REPORT2023"]


def test_text_in_a_subfolder_is_named(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "2023").mkdir()
    (corpus_dir / "2023" / "report.txt").write_text(SHORT, encoding="utf-8")
    loaded = _load_warning(corpus_dir, r"1 file\(s\) present but not loaded: 2023/ \(a folder; 1 text file in it "
                                       r"\(2023/report.txt\) load only when metadata.csv lists them")
    assert loaded.documents["doc_id"].tolist() == ["a"]
    assert loaded.notes["message"].str.contains("2023/report.txt").any()  # the report shows it too


def test_text_in_a_subfolder_listed_in_metadata_loads(corpus_dir):
    (corpus_dir / "2023").mkdir()
    (corpus_dir / "2023" / "report.txt").write_text(SHORT, encoding="utf-8")
    write_metadata(corpus_dir, "r,2023/report.txt,报告,某人,2023-03-05,,report,test")
    with pytest.warns(CorpusWarning, match=r"1 listed in metadata.csv do load"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["doc_id"].tolist() == ["r"]


def test_other_kinds_are_named_as_not_loaded(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "b.odt").write_bytes(b"PK\x03\x04")
    (corpus_dir / "notes.md").write_text("# notes\n", encoding="utf-8")
    (corpus_dir / "sources.csv").write_text("file,title\na.txt,甲\n", encoding="utf-8")
    loaded = _load_warning(corpus_dir, r"3 file\(s\) present but not loaded: b.odt \(suffix '.odt' is not a kind the "
                                       r"loader reads \(.*\); notes.md \(suffix '.md' .*\); sources.csv \(a table "
                                       r"without a text column")
    assert len(loaded.documents) == 1


def test_a_broken_pdf_is_an_error_naming_it(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "b.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(CorpusError, match=r"b.pdf: not a readable PDF"):
        corpus.load(corpus_dir, cache=False)


def test_the_loaded_suffixes_are_one_constant(corpus_dir, monkeypatch):
    from helpers.corpus import loader

    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "b.text").write_text(SHORT, encoding="utf-8")
    monkeypatch.setattr(loader, "SUFFIXES", frozenset({".txt", ".text"}))
    with pytest.warns(CorpusWarning) as caught:
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["doc_id"].tolist() == ["a", "b"]
    assert not [w for w in caught if "not loaded" in str(w.message)]


def test_a_folder_named_like_a_text(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "x.txt").mkdir()
    loaded = _load_warning(corpus_dir, r"x.txt/ \(a folder named like a text; 0 text files in it\)")
    assert loaded.documents["doc_id"].tolist() == ["a"]


def test_a_folder_named_like_a_text_in_metadata(corpus_dir):
    (corpus_dir / "x.txt").mkdir()
    write_metadata(corpus_dir, "x,x.txt,T,S,2024-06-24,,speech,test")
    with pytest.raises(CorpusError, match=r"metadata.csv, line 2 \(doc_id 'x'\): file 'x.txt' is a folder"):
        corpus.load(corpus_dir, cache=False)


def test_a_symlink_to_a_listed_text_loads_it_once(corpus_dir):
    (corpus_dir / "a.txt").write_text(SPEECH, encoding="utf-8")
    (corpus_dir / "b.txt").symlink_to("a.txt")
    write_metadata(corpus_dir, "doc,a.txt,T,S,2024-06-24,O,speech,x")
    loaded = _load_warning(corpus_dir, r"b.txt \(a link to a.txt, loaded once as doc_id 'doc'\)")
    assert loaded.documents["doc_id"].tolist() == ["doc"]


def test_a_symlink_to_an_unlisted_text_loads_it_once(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "b.txt").symlink_to("a.txt")
    loaded = _load_warning(corpus_dir, r"b.txt \(a link to a.txt, loaded once as doc_id 'a'\)")
    assert loaded.documents["doc_id"].tolist() == ["a"]


# --- files that cannot be read ----------------------------------------------------------------


def test_dangling_symlink(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "gone.txt").symlink_to("nowhere.txt")
    with pytest.raises(CorpusError, match=r"gone.txt: a link to nowhere.txt, which does not exist; remove the link"):
        corpus.load(corpus_dir, cache=False)


def test_dangling_symlink_in_metadata(corpus_dir):
    (corpus_dir / "gone.txt").symlink_to("nowhere.txt")
    write_metadata(corpus_dir, "g,gone.txt,T,S,2024-06-24,,speech,test")
    with pytest.raises(CorpusError, match=r"line 2 \(doc_id 'g'\): file 'gone.txt' is a link to .*nowhere.txt, "
                                          "which does not exist"):
        corpus.load(corpus_dir, cache=False)


def test_symlink_loop(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "loop1.txt").symlink_to("loop2.txt")
    (corpus_dir / "loop2.txt").symlink_to("loop1.txt")
    with pytest.raises(CorpusError, match=r"loop1.txt: cannot follow the link .*; remove it"):
        corpus.load(corpus_dir, cache=False)


def test_symlink_loop_in_metadata(corpus_dir):
    (corpus_dir / "loop1.txt").symlink_to("loop2.txt")
    (corpus_dir / "loop2.txt").symlink_to("loop1.txt")
    write_metadata(corpus_dir, "l,loop1.txt,T,S,2024-06-24,,speech,test")
    with pytest.raises(CorpusError, match=r"line 2 \(doc_id 'l'\): file 'loop1.txt' cannot be resolved"):
        corpus.load(corpus_dir, cache=False)


def test_a_fifo_named_like_a_text_is_refused_without_blocking(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    os.mkfifo(corpus_dir / "pipe.txt")  # reading it would block for ever
    with pytest.raises(CorpusError, match=r"pipe.txt: not a regular file"):
        corpus.load(corpus_dir, cache=False)


def test_an_unreadable_file(corpus_dir, monkeypatch):
    """chmod 000 does not stop root (the tests may run as root): the refusal of the operating system is simulated."""
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "secret.txt").write_text(SHORT, encoding="utf-8")
    original = Path.read_bytes

    def refuse(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(CorpusError, match=r"secret.txt: cannot read the file \(Permission denied\); check its permissions"):
        corpus.load(corpus_dir)


# --- metadata.csv rows ----------------------------------------------------------------------


def test_doc_id_equal_to_the_name_of_an_unlisted_text(corpus_dir):
    (corpus_dir / "a.txt").write_text(SPEECH, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(SHORT, encoding="utf-8")
    write_metadata(corpus_dir, "b,a.txt,T,S,2024-06-24,O,speech,x")
    with pytest.raises(CorpusError, match=r"b.txt: no row in metadata.csv, so its doc_id would be its name 'b', "
                                          r"which is already used by .*metadata.csv, line 2"):
        corpus.load(corpus_dir, cache=False)


def test_two_unlisted_texts_with_one_name(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "a.TXT").write_text(SHORT, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"doc_id would be its name 'a', which is already used by .*a.TXT"):
        corpus.load(corpus_dir, cache=False)


def test_unterminated_quote_is_refused_not_swallowed(corpus_dir):
    for name in ("a.txt", "b.txt"):
        (corpus_dir / name).write_text(SHORT, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(
        f'{HEADER}\na,a.txt,"标题,某人,2024-06-24,,speech,x\nb,b.txt,标题二,某人,2024-06-25,,speech,x\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv, line 2: malformed CSV .*is a quote opened on this line never closed"):
        corpus.load(corpus_dir, cache=False)


def test_a_quote_closed_on_a_later_line_is_refused(corpus_dir):
    for name in ("a.txt", "b.txt"):
        (corpus_dir / name).write_text(SHORT, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(
        f'{HEADER}\na,a.txt,"标题,某人,2024-06-24,,speech,x\nb,b.txt,标题二",某人,2024-06-25,,speech,x\n',
        encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv, line 2: the row runs on to line 3 inside the quoted "
                                          r"'title' field: is a closing quote missing\?"):
        corpus.load(corpus_dir, cache=False)


def test_a_row_with_fewer_fields(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(f"{HEADER}\na,a.txt,标题,某人,2024-06-24\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv, line 2: fewer fields than columns \(5 for 8\)"):
        corpus.load(corpus_dir, cache=False)


def test_duplicated_column_names(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(f"{HEADER},title\na,a.txt,标题,某人,2024-06-24,,speech,x,别的标题\n",
                                             encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv, line 1: duplicated column name\(s\): 'title' in columns 3, 9"):
        corpus.load(corpus_dir, cache=False)


def test_a_metadata_field_over_131072_characters_loads(corpus_dir):
    import csv

    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    long_title = "科" * 200_000
    write_metadata(corpus_dir, f"a,a.txt,{long_title},某人,2024-06-24,,speech,x")
    limit = csv.field_size_limit()
    loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["title"].item() == long_title
    assert csv.field_size_limit() == limit  # the csv module's setting is restored


def test_a_symlink_listed_twice_is_refused(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "b.txt").symlink_to("a.txt")
    write_metadata(corpus_dir, "a,a.txt,T,S,2024-06-24,,speech,x", "b,b.txt,T,S,2024-06-24,,speech,x")
    with pytest.raises(CorpusError, match=r"line 3 \(doc_id 'b'\): file 'b.txt' is already described on line 2 "
                                          r"\(it is a link to a.txt\)"):
        corpus.load(corpus_dir, cache=False)
