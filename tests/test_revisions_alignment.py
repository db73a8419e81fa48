"""Alignment on real texts: consecutive work reports, and editions made by editing a real report."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import revisions
from helpers.errors import ParameterError
from helpers.revisions import alignment

OLD, NEW = "2018-03-05_gwr-2018", "2019-03-05_gwr-2019"


@pytest.fixture(scope="module")
def report(extra_dir) -> list[str]:
    """The paragraphs of the 2018 government work report, as the loader would see them."""
    text = (extra_dir / f"{OLD}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n") if p.strip()]


def _sentences(paragraphs: list[str]) -> list[str]:
    return list(alignment.sentences_of(paragraphs)["text"])


def test_identical_texts_are_unchanged(report):
    aligned = revisions.align_texts(report, report)
    assert set(aligned["status"]) == {"unchanged"}
    assert len(aligned) == len(_sentences(report))


def test_width_and_spacing_are_not_changes(report):
    edited = [p.replace("2017", "２０１７").replace("，", "， ") for p in report]
    assert edited != report
    aligned = revisions.align_texts(report, edited)
    assert set(aligned["status"]) == {"unchanged"}


def test_consecutive_work_reports(extended):
    aligned = revisions.align(extended, OLD, NEW)
    sentences = extended.sentences
    # every sentence of both reports is in exactly one unit
    assert aligned["old_n"].sum() == (sentences["doc_id"] == OLD).sum()
    assert aligned["new_n"].sum() == (sentences["doc_id"] == NEW).sum()
    counts = aligned["status"].value_counts()
    assert set(counts.index) <= set(revisions.STATUSES)
    assert counts["added"] > 100 and counts["dropped"] > 100  # the review of the year is new each year
    # the salutation opens both reports unchanged, and the tasks of 2019 rewrite those of 2018
    assert aligned.iloc[0]["status"] == "unchanged" and aligned.iloc[0]["new_text"] == "各位代表："
    deficit = aligned[aligned["new_text"].str.startswith("今年赤字率拟按2.8%安排")].iloc[0]
    assert deficit["status"] == "changed" and "赤字率拟按2.6%安排" in deficit["old_text"]
    assert 0.5 <= deficit["similarity"] < 1
    # reading order of the newer text
    new_order = aligned["new_sent_no"].dropna().astype(int).tolist()
    assert new_order == sorted(new_order)


def test_unknown_document_is_named(extended):
    with pytest.raises(KeyError, match="no-such-doc"):
        revisions.align(extended, OLD, "no-such-doc")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_are_found(report, data):
    """Insert, delete, substitute inside and move whole sentences of a real report: each edit is found."""
    paragraphs = [p for p in report]
    flat = [(p, s) for p, text in enumerate(paragraphs) for s in alignment.sentences_of([text])["text"]]
    long_ones = [k for k, (_, s) in enumerate(flat) if 25 <= len(s) <= 150]
    picks = data.draw(st.lists(st.sampled_from(long_ones), min_size=5, max_size=5, unique=True))
    insert_at, delete, substitute, move, move_to = picks
    text = [s for _, s in flat]
    # edits next to each other are ambiguous (swapping two neighbours moves either of them)
    assume(min(b - a for a, b in zip(sorted(picks), sorted(picks)[1:], strict=False)) >= 3)
    # the edits must not touch sentences that occur twice (a repeat has no single place)
    assume(len({alignment.key(text[k]) for k in picks}) == 5)
    counts = {}
    for s in text:
        counts[alignment.key(s)] = counts.get(alignment.key(s), 0) + 1
    assume(all(counts[alignment.key(text[k])] == 1 for k in (delete, substitute, move)))
    offset = data.draw(st.integers(3, len(text[substitute]) - 6))
    piece = data.draw(st.text(alphabet="数字经济智能制造绿色低碳高质量", min_size=1, max_size=4))
    inserted = "新增一句：全面推进量子信息科技攻关并建设国家实验室体系。"
    substituted = text[substitute][:offset] + piece + text[substitute][offset + 2:]
    new = []
    for k, (p, s) in enumerate(flat):
        if k == delete or k == move:
            pass
        elif k == substitute:
            new.append((p, substituted))
        else:
            new.append((p, s))
        if k == insert_at:
            new.append((p, inserted))
        if k == move_to:
            new.append((p, text[move]))
    old_paras = ["".join(s for q, s in flat if q == p) for p in range(len(paragraphs))]
    new_paras = ["".join(s for q, s in new if q == p) for p in range(len(paragraphs))]
    aligned = revisions.align_texts([p for p in old_paras if p], [p for p in new_paras if p])

    def status_of(column: str, sentence: str) -> set[str]:
        return set(aligned.loc[aligned[column] == sentence, "status"])

    assert status_of("new_text", inserted) == {"added"}
    assert status_of("old_text", text[delete]) == {"dropped"}
    assert status_of("new_text", substituted) == {"changed"}
    assert status_of("old_text", text[move]) == {"moved"}
    assert set(aligned["status"]) == {"unchanged", "added", "dropped", "changed", "moved"}
    assert (aligned["status"] == "unchanged").sum() == len(text) - 3


def test_split_and_merge_are_one_unit(report):
    text = _sentences(report)
    k = next(k for k, s in enumerate(text) if 60 <= len(s) <= 120 and s.count("，") >= 3 and k > 10)
    first, rest = text[k].split("，", 2)[:2], text[k].split("，", 2)[2]
    split = ["，".join(first) + "。", rest]
    merged = text[k + 2][:-1] + "，" + text[k + 3]
    new = text[:k] + split + text[k + 1:k + 2] + [merged] + text[k + 4:]
    aligned = revisions.align_texts(["".join(text)], ["".join(new)])
    split_row = aligned[aligned["unit"] == "split"]
    merge_row = aligned[aligned["unit"] == "merge"]
    assert len(split_row) == 1 and split_row.iloc[0]["old_text"] == text[k]
    assert split_row.iloc[0]["new_text"] == "".join(split) and split_row.iloc[0]["new_n"] == 2
    assert len(merge_row) == 1 and merge_row.iloc[0]["new_text"] == merged
    assert merge_row.iloc[0]["old_text"] == text[k + 2] + text[k + 3]


def test_two_editions_of_the_bundled_speech(tmp_path):
    """A second edition with one lost digit, a caption and re-wrapped spacing: only the digit is a change."""
    from helpers import config, corpus

    source = config.CORPUS_DIR / "2024-06-24_xi_kejiqiangguo_qiushi.txt"
    text = source.read_text(encoding="utf-8")
    assert "只有 11 年时间了" in text
    edition = text.replace("只有 11 年时间了", "只有 1 年时间了").replace("11", "１１")
    edition += "\n\n新华社记者 李学仁 摄\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(edition, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,file,title,speaker,date,occasion,genre,source\n"
        "qiushi,a.txt,t,习近平,2024-06-24,o,speech,s\nxinhua,b.txt,t,习近平,2024-06-25,o,speech,s\n",
        encoding="utf-8")
    two = corpus.load(tmp_path, cache=False)
    aligned = revisions.align(two, "qiushi", "xinhua")
    changed = aligned[aligned["status"] != "unchanged"]
    assert len(changed) == 1 and changed.iloc[0]["status"] == "changed"
    assert "11" in changed.iloc[0]["old_text"] and "只有1年" in changed.iloc[0]["new_text"].replace(" ", "")


def test_mutual_best_matches_out_of_order_are_moved(extended):
    """2018 → 2019: a rewritten sentence that stands elsewhere is moved when the two sentences are each other's
    best match (above the changed threshold) in the whole of both reports and share enough characters; a short
    formulaic pair that only resembles by chance (健全生态文明体制 / 健全生态补偿机制) stays added and dropped."""
    aligned = revisions.align(extended, OLD, NEW)
    stage = aligned[aligned["new_text"] == "我国仍处于并将长期处于社会主义初级阶段，仍是世界最大发展中国家。"].iloc[0]
    assert stage["status"] == "moved" and 0.5 <= stage["similarity"] < alignment.MIN_MOVED
    assert stage["old_text"].startswith("我们清醒认识到，我国仍处于并将长期处于社会主义初级阶段")
    moved = aligned[aligned["status"] == "moved"]
    below = moved[moved["similarity"] < alignment.MIN_MOVED]
    assert len(below) >= 15 and below["similarity"].min() >= alignment.MIN_SIMILARITY
    chance = aligned[aligned["new_text"] == "健全生态补偿机制。"].iloc[0]
    assert chance["status"] == "added"
    # every sentence still in exactly one unit; the threshold for moved pairs that are not mutual best holds
    sentences = extended.sentences
    assert aligned["old_n"].sum() == (sentences["doc_id"] == OLD).sum()
    assert aligned["new_n"].sum() == (sentences["doc_id"] == NEW).sum()



@pytest.mark.parametrize("option", ["min_similarity", "min_moved"])
@pytest.mark.parametrize("bad", [1.5, -0.1, "0.5", None])
def test_bad_thresholds_are_named(report, option, bad):
    with pytest.raises(ParameterError, match=option):
        revisions.align_texts(report[:3], report[:3], **{option: bad})
