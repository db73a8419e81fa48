"""Boilerplate across documents (issue 32, item 1): licence notices, source and editor lines found corpus-wide at
the start or end of documents and set aside as ``boilerplate``; salutations and sentences repeated inside bodies
stay; every character is still in the body or set aside."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import corpus, textstat, tokens
from helpers.corpus import boilerplate
from helpers.corpus.document import audit
from helpers.errors import ParameterError

LICENCE = ("公有领域", "Public domain", "Publicdomain", "著作权法")
# the two wordings of the Wikisource notice, split over short lines as the rows of the tables hold it
NOTICE_LAW = ("本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，"
              "及其官方正式译文。根据《\n中华人民共和国著作权法\n》第五条第一项，本作品不适用于该法，在\n中国大陆\n，"
              "也可能在其他管辖区，属于\n公有领域\n。")
NOTICE_NPC = ("本作品来自中华人民共和国全国人民代表大会及其常务委员会的决定、决议。依据《中华人民共和国著作权法》第五条，"
              "本作品不适用于该法，所以属于公有领域。本模板所指的决定包括由中华人民共和国主席令公布的修改或废止法律的决定。")
FOOTER = "\n\n\n\nPublic domain\nPublic domain\nfalse\nfalse"
REPEATED = "我们要坚持稳中求进工作总基调，统筹发展和安全，推动经济实现质的有效提升。"


def _load(folder: Path, **options) -> corpus.Corpus:
    """The corpus as read, its boilerplate still in the body (``boilerplate=False``) unless asked."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus.load(folder, cache=False, **{"boilerplate": False, **options})


def _write_rows(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    (folder / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _has_licence(texts: pd.Series) -> pd.Series:
    return texts.str.contains("|".join(LICENCE))


@pytest.fixture(scope="module")
def tables_loaded(tables: Path) -> corpus.Corpus:
    return _load(tables)


@pytest.fixture(scope="module")
def tables_clean(tables_loaded: corpus.Corpus) -> corpus.Corpus:
    return boilerplate.apply(tables_loaded)


def test_no_licence_string_reaches_the_body_of_the_tables(tables_loaded, tables_clean):
    before = tables_loaded.paragraphs
    assert _has_licence(before["text"]).sum() >= 100  # the notice is on the rows today
    after = tables_clean.paragraphs
    left = after[_has_licence(after["text"])]
    assert left.empty, left[["doc_id", "para_no", "text"]].head().to_string()
    assert not _has_licence(tables_clean.sentences["text"]).any()
    aside = tables_clean.set_aside[tables_clean.set_aside["kind"] == "boilerplate"]
    assert aside["text"].str.contains("Publicdomain|Public domain").sum() >= 60
    assert aside["reason"].str.match(r"^[a-z_]+: ").all()  # the rule that found it leads the reason
    assert aside["reason"].str.contains(r"shared by \d+ documents").all()


def test_salutations_and_the_bodies_of_the_tables_are_kept(tables_loaded, tables_clean):
    def greetings(c):
        p = c.paragraphs
        return p[p["text"].str.startswith("各位代表")][["doc_id", "para_no", "text"]].reset_index(drop=True)

    kept = greetings(tables_clean)
    assert len(kept) >= 100  # the work reports all open with 各位代表 and say it again before each part
    pd.testing.assert_frame_equal(greetings(tables_loaded), kept)
    first = tables_clean.paragraphs.groupby("doc_id", sort=False).head(1)
    reports = tables_clean.documents.loc[tables_clean.documents["genre"] == "government work report", "doc_id"]
    assert first[first["doc_id"].isin(reports)]["text"].str.startswith("各位代表").mean() > 0.9
    # only paragraphs at the end (and no real sentence) went: the footnotes of the 3rd congress report stay
    lost = set(zip(tables_loaded.paragraphs["doc_id"], tables_loaded.paragraphs["text"], strict=True)) - set(
        zip(tables_clean.paragraphs["doc_id"], tables_clean.paragraphs["text"], strict=True))
    assert all(_has_licence(pd.Series([t])).any() or len(t) < 200 or "社群" in t or "刑事审判参考" in t
               for _, t in lost)
    footnotes = tables_clean.paragraphs[tables_clean.paragraphs["doc_id"] == "cpc_congress_reports_1-19-003"]
    assert footnotes["text"].iloc[-1] == "音译，俄文为“Koy”。"
    # a closing slogan the 1978 report says just before its notice, and two congress reports some paragraphs
    # before their end, is the speaker's: it stays
    report_1978 = tables_clean.paragraphs[tables_clean.paragraphs["doc_id"] == "government_work_reports_1954-2019-051"]
    assert report_1978["text"].iloc[-1] == "伟大的、光荣的、正确的中国共产党万岁！"


def test_conservation_audit_stays_green(tables_loaded, tables_clean):
    assert (corpus.accounting(tables_clean)["unaccounted"] == 0).all()
    assert tables_clean.documents["n_chars"].sum() < tables_loaded.documents["n_chars"].sum()
    # every character of the old body is in the new body or in a boilerplate block, per document
    old = tables_loaded.paragraphs.groupby("doc_id")["text"].agg("".join)
    new = tables_clean.paragraphs.groupby("doc_id")["text"].agg("".join)
    aside = tables_clean.set_aside[tables_clean.set_aside["kind"] == "boilerplate"]
    cut = aside.groupby("doc_id")["text"].agg("".join)
    for doc_id, text in old.items():
        lost, added = audit(text, [new.get(doc_id, ""), cut.get(doc_id, "")])
        assert not lost and not added, (doc_id, lost, added)
    docs = tables_clean.documents.set_index("doc_id")
    counts = tables_clean.paragraphs.groupby("doc_id").size()
    assert (docs.loc[counts.index, "n_paragraphs"] == counts).all()
    assert (docs["n_sentences"] == tables_clean.sentences.groupby("doc_id").size().reindex(docs.index)).all()
    texts = tables_clean.paragraphs.set_index(["doc_id", "para_no"])["text"]
    s = tables_clean.sentences
    assert all(texts[d, p][a:b] == t for d, p, a, b, t in zip(s["doc_id"], s["para_no"], s["start"], s["end"],
                                                              s["text"], strict=True))


def test_publicdomain_is_no_longer_a_collocation(tables_loaded, tables_clean):
    before = textstat.collocations(tokens.segment(tables_loaded.paragraphs, progress=False))
    assert "Publicdomain" in set(before["collocation"].head(5))  # the 3rd today
    after = textstat.collocations(tokens.segment(tables_clean.paragraphs, progress=False))
    assert not after["collocation"].str.contains("Publicdomain|公有领域|著作权法").any()


@pytest.fixture()
def web_copies(tmp_path: Path) -> corpus.Corpus:
    """Five documents; four end with a source and an editor line (4 sources alike, 4 editors differing), every
    one has a sentence repeated in its body; one row has the licence notice glued to its last sentence."""
    body = ["今年经济运行总体平稳。发展质量稳步提升，就业形势保持稳定，居民收入继续增长。", REPEATED,
            "要大力发展现代农业，扎实推进乡村振兴，确保粮食产量稳定在较高水平。"]
    rows = []
    for i in range(5):
        paras = [f"第{i + 1}篇文章开头说明本地区{2019 + i}年的工作情况，各项事业取得新进展。", *body,
                 f"第{i + 1}篇文章结尾总结，全年任务圆满完成，人民生活持续改善。"]
        if i < 4:
            paras += ["来源：新华网", f"责任编辑：王{'一二三四五'[i]}"]
        rows.append({"title": f"报告{i + 1}", "content": "\n\n".join(paras), "year": str(2019 + i)})
    return _load(_write_rows(tmp_path / "web", rows))


def test_source_and_editor_lines_go_a_sentence_repeated_in_bodies_stays(web_copies):
    assert web_copies.paragraphs["text"].str.contains("责任编辑").sum() == 4
    found = boilerplate.find(web_copies.paragraphs, web_copies.documents)
    assert list(found.columns) == ["doc_id", "para_no", "start", "end", "text", "rule", "n_documents"]
    assert found["doc_id"].nunique() == 4
    assert set(found["rule"]) <= {"recurring_end", "source_line", "editor_line"}
    clean = boilerplate.apply(web_copies)
    texts = clean.paragraphs["text"]
    assert not texts.str.contains("来源|责任编辑").any()
    assert (texts == REPEATED).sum() == 5
    assert texts.str.contains("文章开头|文章结尾").sum() == 10
    assert (corpus.accounting(clean)["unaccounted"] == 0).all()


def test_an_opening_cut_moves_the_sentences_of_its_paragraph(web_copies):
    p = web_copies.paragraphs
    row = p[p["text"].str.startswith("今年经济运行总体平稳。")].iloc[0]
    cut = row["text"].index("。") + 1
    found = pd.DataFrame([{"doc_id": row["doc_id"], "para_no": row["para_no"], "start": 0, "end": cut,
                           "text": row["text"][:cut], "rule": "recurring_glued", "n_documents": 3}])
    tables = boilerplate.set_aside(web_copies, found)
    after = tables["paragraphs"].set_index(["doc_id", "para_no"]).loc[(row["doc_id"], row["para_no"]), "text"]
    assert after == row["text"][cut:] and after.startswith("发展质量")
    s = tables["sentences"]
    s = s[(s["doc_id"] == row["doc_id"]) & (s["para_no"] == row["para_no"])]
    assert list(s["start"]) == [0] and s["text"].iloc[0] == after and s["n_chars"].iloc[0] == len(after)
    before = web_copies.sentences
    assert len(tables["sentences"]) == len(before) - 1
    assert (corpus.accounting(web_copies.replace(**tables))["unaccounted"] == 0).all()
    aside = tables["set_aside"]
    assert aside[aside["kind"] == "boilerplate"]["text"].tolist() == ["今年经济运行总体平稳。"]


def test_find_on_paragraphs_with_lines_at_the_start():
    rows = []
    for d in range(5):
        texts = ([f"来源：人民网{d}", "首页 > 时政 > 正文"] if d < 4 else []) + ["同志们：", REPEATED,
                                                                       f"第{d}篇的正文。", "©2019 人民网版权所有"]
        rows += [{"doc_id": f"d{d}", "para_no": i, "text": t} for i, t in enumerate(texts, start=1)]
    paragraphs = pd.DataFrame(rows)
    documents = pd.DataFrame({"doc_id": [f"d{d}" for d in range(5)]})
    found = boilerplate.find(paragraphs, documents, min_documents=3)
    by = found.set_index(["doc_id", "para_no"])
    assert by.loc[("d0", 1), "rule"] == "source_line" and by.loc[("d0", 1), "n_documents"] == 1
    assert by.loc[("d0", 2), "rule"] == "recurring_start" and by.loc[("d0", 2), "n_documents"] == 4
    assert by.loc[("d4", 4), "n_documents"] == 5  # the copyright line is the same at the end of all five
    assert not found["text"].isin(["同志们：", REPEATED]).any()
    assert not found["text"].str.contains("正文。").any()
    with pytest.raises(ParameterError, match="min_documents"):
        boilerplate.find(paragraphs, documents, min_documents=1)
    with pytest.raises(ParameterError, match="edge"):
        boilerplate.find(paragraphs, documents, edge=0)


def _resolutions(folder: Path) -> Path:
    """Five resolutions whose rows end with the notice: on its own lines in three, glued into the last sentence
    in two; and a work report with the other wording."""
    opening = ["第十三届全国人民代表大会第一次会议听取和审议了国务院总理所作的政府工作报告。会议高度评价过去五年的历史性成就。",
               "第十三届全国人民代表大会第二次会议审议了政府工作报告，充分肯定国务院过去一年的工作，同意报告提出的总体部署。",
               "第十三届全国人民代表大会第三次会议批准了国务院总理所作的报告，认为抗击疫情取得重大战略成果。",
               "第十三届全国人民代表大会第四次会议同意“十四五”规划纲要的编制说明，决定批准这个报告。",
               "第十三届全国人民代表大会第五次会议听取了报告，会议认为过去一年经济保持恢复发展，就业物价总体平稳。"]
    closing = ["会议号召，全国各族人民更加紧密地团结起来，为决胜全面建成小康社会而努力奋斗！",
               "会议号召，全国各族人民坚定信心，迎难而上，以优异成绩庆祝中华人民共和国成立七十周年而努力奋斗！",
               "会议号召，全国各族人民众志成城，攻坚克难，为夺取疫情防控和经济社会发展双胜利而努力奋斗！",
               "会议号召，全国各族人民开拓进取，实现“十四五”良好开局，以优异成绩庆祝建党一百周年而努力奋斗！",
               "会议号召，全国各族人民踔厉奋发，笃行不怠，以实际行动迎接党的二十大胜利召开而努力奋斗！"]
    rows = []
    for i in range(5):
        glue = "" if i in (1, 3) else "\n\n"
        rows.append({"title": f"第十三届全国人民代表大会第{i + 1}次会议关于政府工作报告的决议",
                     "content": opening[i] + "\n\n" + closing[i] + glue + NOTICE_NPC + FOOTER, "year": str(2018 + i)})
    rows.append({"title": "2019年政府工作报告", "content": "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n\n"
                 "各位代表！\n\n奋斗创造历史，实干成就未来。\n\n" + NOTICE_LAW + "\n\n注：中文维基文库社群认为，"
                 "中华人民共和国公务演讲，不总是具有立法、行政、司法性质的文件。" + FOOTER, "year": "2019"})
    return _write_rows(folder, rows)


def test_a_glued_notice_is_cut_and_the_sentence_kept(tmp_path: Path):
    loaded = _load(_resolutions(tmp_path / "res"))
    glued = loaded.paragraphs[loaded.paragraphs["text"].str.contains("奋斗！本作品")]
    assert len(glued) == 2  # the loader keeps the glued notice in the last sentence
    clean = boilerplate.apply(loaded)
    p = clean.paragraphs
    assert not _has_licence(p["text"]).any()
    last = p.groupby("doc_id").tail(1).set_index("doc_id")["text"]
    for doc_id in glued["doc_id"]:
        assert last[doc_id].endswith("而努力奋斗！") and last[doc_id].startswith("会议号召")
    assert (p["text"] == "各位代表！").sum() == 1 and (p["text"] == "各位代表：").sum() == 1
    aside = clean.set_aside[clean.set_aside["kind"] == "boilerplate"]
    cut = aside[aside["doc_id"].isin(glued["doc_id"]) & (aside["start"] > 0)]
    assert len(cut) == 2 and cut["text"].str.startswith("本作品来自").all()
    assert (corpus.accounting(clean)["unaccounted"] == 0).all()
    s = clean.sentences.merge(p[["doc_id", "para_no", "text"]], on=["doc_id", "para_no"], suffixes=("", "_p"))
    assert all(t == tp[a:b] for t, tp, a, b in zip(s["text"], s["text_p"], s["start"], s["end"], strict=True))
    assert not _has_licence(s["text"]).any()
    # a chunk of a corpus on disk: the same tables as a mapping, its sentences without their text
    found = boilerplate.find(loaded.paragraphs, loaded.documents)
    chunk = {name: getattr(loaded, name) for name in ("documents", "paragraphs", "set_aside", "list_items")}
    tables = boilerplate.set_aside({**chunk, "sentences": loaded.sentences.drop(columns="text")}, found)
    pd.testing.assert_frame_equal(tables["sentences"], clean.sentences.drop(columns="text"))
    for name in ("documents", "paragraphs", "set_aside"):
        pd.testing.assert_frame_equal(tables[name], getattr(clean, name))


def test_find_works_from_the_edges_of_a_corpus_on_disk(tmp_path: Path):
    folder = _resolutions(tmp_path / "res")
    memory = _load(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        disk = corpus.load(folder, stream=True, cache=False, boilerplate=False)
    assert disk.storage == "disk"
    on_disk = boilerplate.find(disk.paragraphs, disk.documents)
    in_memory = boilerplate.find(memory.paragraphs, memory.documents)
    assert len(in_memory) >= 12
    pd.testing.assert_frame_equal(on_disk, in_memory)


def test_summary_says_what_was_set_aside_and_why(tables_clean):
    table = boilerplate.summary(tables_clean)
    assert list(table.columns) == ["rule", "n_documents", "example", "characters"]
    assert table["characters"].sum() == tables_clean.set_aside.loc[
        tables_clean.set_aside["kind"] == "boilerplate", "text"].str.replace(r"\s", "", regex=True).str.len().sum()
    assert table["n_documents"].max() >= 60
    sentence = boilerplate.describe(table)
    assert "set aside" in sentence and f"{int(table['characters'].sum()):,}" in sentence


def test_corpus_load_sets_it_aside_in_memory_and_on_disk_alike(tables: Path, tables_clean):
    """The default load is apply() of the corpus as read; a corpus on disk (its store built chunk by chunk, the
    boilerplate found over the whole corpus) has the same documents, counts and set-aside rows, and a document
    read back from it (select) the same paragraphs."""
    memory = _load(tables, boilerplate=True)
    for name in ("documents", "paragraphs", "set_aside"):
        pd.testing.assert_frame_equal(getattr(memory, name), getattr(tables_clean, name))
    disk = _load(tables, boilerplate=True, stream=True)
    assert disk.storage == "disk"
    counts = ["doc_id", "n_paragraphs", "n_sentences", "n_chars", "n_set_aside", "n_chars_set_aside"]
    pd.testing.assert_frame_equal(disk.documents[counts], memory.documents[counts], check_dtype=False)
    aside = disk.set_aside[disk.set_aside["kind"] == "boilerplate"].reset_index(drop=True)
    expected = memory.set_aside[memory.set_aside["kind"] == "boilerplate"].reset_index(drop=True)
    pd.testing.assert_frame_equal(aside[["doc_id", "text", "reason"]], expected[["doc_id", "text", "reason"]])
    one = memory.documents["doc_id"].iloc[7]
    assert disk.select([one]).paragraphs["text"].tolist() == memory.select([one]).paragraphs["text"].tolist()
    assert not _has_licence(disk.select([one]).paragraphs["text"]).any()
