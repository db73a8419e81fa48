"""helpers.corpus: loading the bundled speech and the development texts, metadata, errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import warnings

import pandas as pd
import pytest
from conftest import SEED, copy_seed, write_metadata

from helpers import config, corpus
from helpers.corpus import CorpusError, CorpusWarning, breaks, clean, layout
from helpers.errors import ParameterError

# --- facts of the seed speech -----------------------------------------------------------


def test_corpus_folder_holds_the_seed_byte_identical():
    shared = config.ROOT.parent / "shared" / "corpus" / SEED.name
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == "5bccccfcf45b2d7d0624515aa3a7ac160a40fb7e440da328863700eaeb0a7e7e"
    if shared.exists():
        assert SEED.read_bytes() == shared.read_bytes()


def test_seed_metadata(seed):
    doc = seed.documents.iloc[0]
    assert len(seed.documents) == 1
    assert doc["title"] == "朝着建成科技强国的宏伟目标奋勇前进"
    assert doc["speaker"] == "习近平"
    assert doc["date"] == dt.date(2024, 6, 24)
    assert doc["year"] == 2024
    assert doc["encoding"] == "utf-8" and doc["script"] == "simplified"
    assert doc["layout"] == "wrapped"
    assert doc["n_paragraphs"] == 26


def test_seed_paragraphs(seed):
    paras = seed.paragraphs
    assert len(paras) == 26
    assert paras["para_no"].tolist() == list(range(1, 27))
    assert paras["text"].iloc[0].startswith("这次大会是在以中国式现代化")
    assert paras["text"].iloc[-1].startswith("把我国建设成为科技强国")
    assert not paras["text"].str.contains("新华社记者|/摄").any()
    assert (paras["text"] == "各位院士，同志们、朋友们！").sum() == 4
    assert paras["is_salutation"].sum() == 4


def test_seed_set_aside(seed):
    kinds = seed.set_aside["kind"].value_counts()
    assert kinds["caption"] == 3
    assert kinds["footnote"] == 1
    assert kinds["title"] == 1 and kinds["byline"] == 1
    footnote = seed.set_aside.query("kind == 'footnote'")["text"].item()
    assert "2024年6月24日" in footnote
    # the caption whose photographer's name is broken across a line ("谢\n\n环驰") is whole
    assert seed.set_aside["text"].str.endswith("新华社记者谢环驰/摄").sum() == 1
    assert seed.set_aside.query("kind == 'caption'")["line_start"].tolist() == [16, 168, 276]


def test_seed_parts(seed):
    parts = seed.paragraphs.groupby("section", sort=False).size()
    assert parts[["第一", "第二", "第三", "第四", "第五"]].tolist() == [1, 3, 2, 4, 2]
    assert list(parts.index) == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    # the part runs until the salutation after it; the salutation opens the closing
    closing = seed.paragraphs.query("section == 'closing'")
    assert closing["text"].iloc[0] == "各位院士，同志们、朋友们！"
    heads = seed.paragraphs.query("heading_level == 1")["heading_1"].tolist()
    assert heads[0] == "第一，充分发挥新型举国体制优势，加快推进高水平科技自立自强。"


def test_seed_text_repairs(seed):
    body = "".join(seed.paragraphs["text"])
    assert "创新驱动发展战略，提出加快建设创新型国家" in body  # across the first page break
    assert "2023年度" in body and "只有11年时间" in body
    assert "高技能人才" in body  # page break inside a word
    assert not re.search(r"[\u4e00-\u9fff] |  [\u4e00-\u9fff]|\d [\u4e00-\u9fff]", body)


def test_seed_list_items(seed):
    items = seed.list_items
    assert items["marker"].tolist() == ["一是", "二是", "三是", "四是", "五是"]
    assert items["para_no"].nunique() == 1
    para = seed.paragraphs.set_index("para_no").loc[items["para_no"].iloc[0], "text"]
    for row in items.itertuples():
        assert para[row.start : row.end] == row.text
    assert items["text"].iloc[-1] == "五是拥有强大的科技治理体系和治理能力，形成世界一流的创新生态和科研环境。"


def test_seed_sentences_cover_paragraphs(seed):
    sents = seed.sentences
    assert sents["sent_no"].tolist() == list(range(1, len(sents) + 1))
    for para in seed.paragraphs.itertuples():
        own = sents[sents["para_no"] == para.para_no]
        assert "".join(own["text"]) == para.text
        assert all(para.text[s:e] == t for s, e, t in zip(own["start"], own["end"], own["text"], strict=True))
    # a closing quote stays with its sentence
    assert sents["text"].str.startswith("”").sum() == 0


def test_character_conservation_seed():
    text = SEED.read_text(encoding="utf-8")
    loaded = corpus.load()
    kept = list(loaded.paragraphs["text"]) + list(loaded.set_aside["text"])
    lost, added = corpus.audit(text, kept)
    assert not lost and not added


def test_audit_notices_a_lost_character():
    lost, added = corpus.audit("科技强国。", ["科技强国"])
    assert lost == {"。": 1} and not added


def test_audit_notices_a_character_changed_for_another():
    assert corpus.audit("科技强国。", ["科技强国，"]) == ({"。": 1}, {"，": 1})
    assert corpus.audit("科科技", ["科技技"]) == ({"科": 1}, {"技": 1})  # the same characters, not as often


# --- the development corpus -------------------------------------------------------------


def test_character_conservation_extra(extra_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        loaded = corpus.load(extra_dir)
    files = sorted(extra_dir.glob("*.txt"))
    assert len(files) == 7
    for path in files:
        doc_id = path.stem
        kept = list(loaded.paragraphs.loc[loaded.paragraphs["doc_id"] == doc_id, "text"])
        kept += list(loaded.set_aside.loc[loaded.set_aside["doc_id"] == doc_id, "text"])
        assert kept, path.name
        assert corpus.audit(path.read_text(encoding="utf-8"), kept) == ({}, {}), path.name


def test_extended_corpus_loads_with_metadata(extended):
    docs = extended.documents.set_index("doc_id")
    assert len(docs) == 8
    assert (docs["metadata"] == "metadata.csv").all()
    assert docs.loc["2016-05-30_xi_build-world-st-power", "speaker"] == "习近平"
    assert docs.loc["2019-03-05_gwr-2019", "genre"] == "government work report"
    assert extended.documents["date"].is_monotonic_increasing


def test_work_report_headings(extended):
    paras = extended.paragraphs
    levels = paras.groupby(["doc_id", "heading_level"]).size().unstack(fill_value=0)
    expected = {  # counted with grep '^一、' and '^（一）' on the raw files
        "2014-03-05_gwr-2014": (3, 9),
        "2015-03-05_gwr-2015": (6, 0),
        "2016-03-05_gwr-2016": (3, 8),
        "2017-03-05_gwr-2017": (3, 9),
        "2018-03-05_gwr-2018": (3, 18),
        "2019-03-05_gwr-2019": (3, 10),
    }
    for doc_id, (h1, h2) in expected.items():
        assert (levels.loc[doc_id, 1], levels.loc[doc_id, 2]) == (h1, h2), doc_id
    gwr14 = paras.query("doc_id == '2014-03-05_gwr-2014'")
    assert gwr14.query("heading_level == 1")["heading_1"].tolist() == [
        "一、2013年工作回顾", "二、2014年工作总体部署", "三、2014年重点工作"]
    assert gwr14["text"].iloc[0] == "各位代表："
    assert gwr14["section"].iloc[0] == "opening"


def test_work_report_line_breaks_inside_words(extended):
    paras = extended.paragraphs
    gwr14 = "".join(paras.query("doc_id == '2014-03-05_gwr-2014'")["text"])
    assert "广义货币M2增长13.6%" in gwr14
    assert "细颗粒物（PM2.5）和可吸入颗粒物（PM10）" in gwr14
    title = extended.set_aside.query("doc_id == '2017-03-05_gwr-2017' and kind == 'title'")["text"]
    assert title.tolist() == ["政府工作报告"]


def test_speech_2016_front_matter_and_parts(extended):
    aside = extended.set_aside.query("doc_id == '2016-05-30_xi_build-world-st-power'")
    assert aside["kind"].tolist() == ["title", "header", "header", "title", "subtitle", "dateline", "byline"]
    paras = extended.paragraphs.query("doc_id == '2016-05-30_xi_build-world-st-power'")
    assert paras["text"].iloc[0] == "各位院士，同志们，朋友们："
    parts = paras.groupby("section", sort=False).size()
    assert list(parts.index) == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    # "    第二，…" follows its previous paragraph without a blank line and still starts a part
    assert paras.query("section == '第二'")["text"].iloc[0].startswith("第二，强化战略导向")


def test_derived_metadata_without_rows(extra_dir):
    with pytest.warns(CorpusWarning, match="no row in metadata.csv") as record:
        loaded = corpus.load(extra_dir)
    docs = loaded.documents.set_index("doc_id")
    speech = docs.loc["2016-05-30_xi_build-world-st-power"]
    assert speech["title"] == "为建设世界科技强国而奋斗"
    assert speech["speaker"] == "习近平"
    assert speech["date"] == dt.date(2016, 5, 30)
    assert speech["metadata"] == "derived"
    gwr17 = docs.loc["2017-03-05_gwr-2017"]
    assert (gwr17["title"], gwr17["speaker"]) == ("政府工作报告（2017）", "李克强")  # the year told apart
    assert gwr17["date"] == dt.date(2017, 3, 5)
    assert docs.loc["2014-03-05_gwr-2014", "date"] == dt.date(2014, 3, 5)  # from the file name
    messages = [str(w.message) for w in record]
    assert any("2014-03-05_gwr-2014.txt" in m and "missing: speaker, occasion, source" in m
               and "title='政府工作报告（2014）' from the genre and the year" in m for m in messages)
    assert len(loaded.notes) == len(messages)


def test_seed_without_metadata_row_derives_from_text(corpus_dir):
    copy_seed(corpus_dir)
    with pytest.warns(CorpusWarning, match="missing: genre, source"):
        loaded = corpus.load(corpus_dir)
    doc = loaded.documents.iloc[0]
    assert doc["title"] == "朝着建成科技强国的宏伟目标奋勇前进"
    assert doc["speaker"] == "习近平"
    assert doc["date"] == dt.date(2024, 6, 24)
    assert doc["occasion"] == "全国科技大会、国家科学技术奖励大会、两院院士大会"


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_load_identically(corpus_dir, seed, encoding):
    text = SEED.read_text(encoding="utf-8")
    if encoding == "gbk":  # GBK has no U+2003; the ideographic space is the usual indent there
        text = text.replace("\u2003", "\u3000")
    (corpus_dir / "speech.txt").write_bytes(text.encode(encoding))
    write_metadata(corpus_dir, "speech,speech.txt,T,习近平,2024-06-24,O,speech,test")
    loaded = corpus.load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == seed.paragraphs["text"].tolist()
    expected = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-8": "utf-8"}
    if encoding in expected:
        assert loaded.documents["encoding"].item() == expected[encoding]
    else:
        assert loaded.documents["encoding"].item().replace("_", "-") in {encoding, "gb18030", "utf-16-le", "utf-16-be"}


def test_new_text_dropped_into_folder_loads(corpus_dir):
    copy_seed(corpus_dir)
    (corpus_dir / "note.txt").write_text("各位代表：\n\n科技是第一生产力。人才是第一资源。\n", encoding="gb18030")
    write_metadata(
        corpus_dir,
        f"seed,{SEED.name},朝着建成科技强国的宏伟目标奋勇前进,习近平,2024-06-24,O,speech,",
        "note,note.txt,短文,某人,2020-01-01,,test,",
    )
    loaded = corpus.load(corpus_dir)
    assert loaded.documents["doc_id"].tolist() == ["note", "seed"]  # in date order
    assert loaded.paragraphs.query("doc_id == 'note'")["text"].tolist() == ["各位代表：", "科技是第一生产力。人才是第一资源。"]


# --- metadata errors ---------------------------------------------------------------------


def _error(folder) -> str:
    with pytest.raises(CorpusError) as info:
        corpus.load(folder)
    return str(info.value)


def test_missing_required_column(corpus_dir):
    copy_seed(corpus_dir)
    write_metadata(corpus_dir, f"a,{SEED.name},T,S,2024-06-24,O,speech",
                   header="doc_id,file,title,speaker,date,occasion,genre")
    message = _error(corpus_dir)
    assert "metadata.csv" in message and "missing required column(s): source" in message


def test_duplicate_doc_id(corpus_dir):
    copy_seed(corpus_dir)
    copy_seed(corpus_dir, "b.txt")
    write_metadata(corpus_dir, f"a,{SEED.name},T,S,2024-06-24,O,speech,src", "a,b.txt,T,S,2024-06-24,O,speech,src")
    message = _error(corpus_dir)
    assert "line 3" in message and "duplicate doc_id" in message and "line 2" in message


def test_unparsable_date(corpus_dir):
    copy_seed(corpus_dir)
    write_metadata(corpus_dir, f"a,{SEED.name},T,S,24/06/2024x,O,speech,src")
    message = _error(corpus_dir)
    assert "line 2" in message and "unparsable date '24/06/2024x'" in message


def test_missing_file(corpus_dir):
    write_metadata(corpus_dir, "a,nowhere.txt,T,S,2024-06-24,O,speech,src")
    message = _error(corpus_dir)
    assert "line 2" in message and "'nowhere.txt' does not exist" in message


@pytest.mark.parametrize("value", ["../outside.txt", "sub/../../outside.txt"])
def test_path_leaving_the_corpus(corpus_dir, value):
    (corpus_dir.parent / "outside.txt").write_text("科技强国。", encoding="utf-8")
    write_metadata(corpus_dir, f"a,{value},T,S,2024-06-24,O,speech,src")
    message = _error(corpus_dir)
    assert "outside the corpus folder" in message and value in message


def test_absolute_path(corpus_dir):
    write_metadata(corpus_dir, f"a,{SEED},T,S,2024-06-24,O,speech,src")
    assert "absolute path" in _error(corpus_dir)


def test_symlink_pointing_outside(corpus_dir):
    outside = corpus_dir.parent / "secret.txt"
    outside.write_text("科技强国。", encoding="utf-8")
    (corpus_dir / "link.txt").symlink_to(outside)
    message = _error(corpus_dir)
    assert "link.txt" in message and "outside the corpus folder" in message


def test_all_metadata_problems_reported_at_once(corpus_dir):
    copy_seed(corpus_dir)
    write_metadata(corpus_dir, f"a,{SEED.name},T,S,2024-13-45,O,speech,src", "b,gone.txt,T,S,2024-01-01,O,speech,src")
    message = _error(corpus_dir)
    assert "line 2" in message and "line 3" in message


def test_empty_folder(corpus_dir):
    assert "no texts" in _error(corpus_dir)


def test_missing_folder(tmp_path):
    assert "not found" in _error(tmp_path / "nope")


def test_metadata_fills_empty_fields_from_text(corpus_dir):
    copy_seed(corpus_dir)
    write_metadata(corpus_dir, f"a,{SEED.name},,,,,speech,src")
    with pytest.warns(CorpusWarning, match="empty title"):
        loaded = corpus.load(corpus_dir)
    assert loaded.documents["title"].item() == "朝着建成科技强国的宏伟目标奋勇前进"
    assert loaded.documents["date"].item() == dt.date(2024, 6, 24)


def test_assemble_refuses_collisions(tmp_path, corpus_dir):
    copy_seed(corpus_dir)
    with pytest.raises(CorpusError, match="already in"):
        corpus.assemble([config.CORPUS_DIR, corpus_dir], tmp_path / "merged")


def test_clean_steps_are_what_load_applies(seed):
    lines = clean.split_lines(SEED.read_text(encoding="utf-8"))
    furniture = layout.find_page_furniture(lines)
    split = layout.split_paragraphs(lines, layout.detect_layout(lines, skip=furniture), skip=furniture)
    blocks = clean.classify(breaks.join_broken(split)[0])
    body = [clean.normalise_width(clean.remove_cjk_spaces(c.block.text)) for c in blocks if c.kind == "body"]
    assert body == seed.paragraphs["text"].tolist()


def test_load_does_not_touch_the_raw_files(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(config.CORPUS_DIR, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    corpus.load(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# --- the cache -----------------------------------------------------------------------------------


def test_cached_load_equals_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path / "cache"))
    fresh = corpus.load(cache=False)
    first = corpus.load()
    assert len(list((tmp_path / "cache" / "corpus").iterdir())) == 1
    again = corpus.load()
    for name in ("documents", "paragraphs", "sentences", "set_aside", "list_items", "notes"):
        pd.testing.assert_frame_equal(getattr(fresh, name), getattr(first, name))
        pd.testing.assert_frame_equal(getattr(fresh, name), getattr(again, name))
    assert again.folder == fresh.folder


def test_cache_notices_an_edited_file_and_repeats_warnings(tmp_path, monkeypatch, corpus_dir):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path / "cache"))
    copy_seed(corpus_dir)
    with pytest.warns(CorpusWarning, match="no row in metadata.csv"):
        corpus.load(corpus_dir)
    with pytest.warns(CorpusWarning, match="no row in metadata.csv"):  # from the cache, warned again
        corpus.load(corpus_dir)
    path = corpus_dir / SEED.name
    path.write_text(path.read_text(encoding="utf-8").replace("科技兴则民族兴", "科学兴则民族兴"), encoding="utf-8")
    with pytest.warns(CorpusWarning):
        edited = corpus.load(corpus_dir)
    assert "科学兴则民族兴" in "".join(edited.paragraphs["text"])
    assert len(list((tmp_path / "cache" / "corpus").iterdir())) == 2


def test_a_load_and_a_stream_key_the_corpus_by_the_same_parts(multi_dir, tmp_path):
    """One home of the corpus key: a listing's digest (a corpus store's key) changes exactly when the load's
    cache key does."""
    from helpers import cache
    from helpers.corpus import stream as streams

    folder = tmp_path / "corpus"
    shutil.copytree(multi_dir, folder)
    stream = corpus.load(folder, stream=True).disk.listing
    parts = streams.key_parts(folder, stream.jobs)
    assert stream.key_parts() == parts and stream.digest == cache.digest(parts)
    assert parts[0] == str(folder.resolve()) and parts[1] == (folder / config.METADATA_FILE).read_bytes()
    text = next(folder.glob("*.txt"))
    assert hashlib.sha256(text.read_bytes()).digest() in parts
    text.write_text(text.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    assert corpus.load(folder, stream=True).disk.listing.digest != stream.digest


def test_load_in_worker_processes_equals_one_process(multi_dir, multi):
    """corpus.load(workers=2) reads the files in spawned workers (helpers.parallel): the same tables."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        parallel = corpus.load(multi_dir, cache=False, workers=2)
    for name in ("documents", "paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes"):
        pd.testing.assert_frame_equal(getattr(parallel, name), getattr(multi, name))
    with pytest.raises(ParameterError, match="workers"):
        corpus.load(multi_dir, cache=False, workers=0)


def test_a_corpus_on_disk_without_cache_keeps_its_store_in_a_folder_removed_with_it(multi_dir):
    """cache=False: nothing in the cache folder; the store's temporary folder goes when the corpus does."""
    import gc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        loaded = corpus.load(multi_dir, stream=True, cache=False, workers=1)
        assert len(loaded.documents) == 6
    folder = loaded.disk.scratch()
    assert folder is not None and any(folder.iterdir())  # the store was built there
    del loaded
    gc.collect()
    assert not folder.exists()
