"""Sentence ends (helpers/corpus/sentences.py) and punctuation classes: one named home each, helpers/punctuation.py."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from helpers import punctuation
from helpers.corpus import sentences
from helpers.corpus.breaks import continues
from helpers.corpus.structure import find_list_items, is_heading_start

HELPERS = Path(punctuation.__file__).resolve().parent
# The modules whose punctuation reads from helpers/punctuation.py (the lowest stage, ingest, included).
USERS = [*sorted((HELPERS / "corpus").glob("*.py")), *sorted((HELPERS / "ingest").glob("*.py")),
         *(HELPERS / "tokens" / f"{m}.py" for m in ("stopwords", "table", "tokenizer", "risk", "coverage", "selection")),
         HELPERS / "lexicon.py", HELPERS / "revisions" / "diff.py", HELPERS / "revisions" / "alignment.py"]
_MARK = "，。；！？：、（）“”‘’《》「」『』【】…—"
_CLASS = re.compile(rf"\[\^?[^\]\n]*[{_MARK}][^\]\n]*\]")


def _marks(written: str) -> int:
    """How many punctuation marks and symbols a written class ``[...]`` lists (escapes such as \\s left out)."""
    inner = re.sub(r"\\.", "", written[1:-1].removeprefix("^"))
    return sum(unicodedata.category(c)[0] in "PS" for c in inner)


@pytest.mark.parametrize("path", [p for p in USERS if p.exists()], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_punctuation_class_is_written_outside_punctuation(path):
    source = path.read_text(encoding="utf-8")
    written = [(source.count("\n", 0, m.start()) + 1, m.group()) for m in _CLASS.finditer(source)
               if _marks(m.group()) >= 2]  # [^。] (anything but a full stop) is no class
    assert not written, f"{path.name}: use a named class of helpers.punctuation instead of {written}"


def test_classes_are_built_from_each_other():
    assert set(punctuation.STOPS) == set(punctuation.FULL_STOPS) | set("!?")
    assert set(punctuation.BODY_MARKS) == set(punctuation.FULL_STOPS) | set("；，：")
    assert set(punctuation.PART_MARKS) == set(punctuation.LIST_MARKS) | set(punctuation.COLONS)
    assert set(punctuation.SENTENCE_MARKS) == set(punctuation.BODY_MARKS) | set(",;!?")
    assert set(punctuation.PHRASE_ENDS) == set(punctuation.OCCASION_BREAKS) | {"，"}
    assert set(punctuation.CONTEXT_BREAKS) == set("，、；：。！？,;:!?（）()“”《》")  # revisions/summary.py's class
    for name in punctuation.CLASSES:
        value = getattr(punctuation, name)
        assert re.fullmatch(rf"[{value}]+", value), name  # usable inside [...] as it is
        assert len(set(value)) == len(value), name


def test_the_classes_still_find_what_they_found():
    markers = [i.marker for i in find_list_items("一是加强基础研究；二是推进改革，三是扩大开放。")]
    assert markers == ["一是", "二是", "三是"]
    assert [i.marker for i in find_list_items("首先，要坚持。其次,要改革。")] == ["首先", "其次"]
    assert is_heading_start("第一，坚持创新") and is_heading_start("（三）扩大开放") and is_heading_start("第二:改革")
    assert not is_heading_start("第一次会议")
    assert continues("我们要坚持创新驱动发展，", "加快建设科技强国。")
    assert not continues("科技强国", "加快建设科技强国。")  # a short line without sentence marks is a title
    assert not continues("我们要坚持创新驱动发展，推进", "注：本文有删节。")


def test_sentences_reads_its_classes_from_punctuation():
    assert (sentences.STOPS, sentences.CLAUSE_STOPS, sentences.CLOSERS) == \
        (punctuation.STOPS, punctuation.CLAUSE_STOPS, punctuation.CLOSERS)

    def parts(text, **options):
        return [text[s:e] for s, e in sentences.split_sentences(text, **options)]

    assert parts("要甲；要乙！", clauses=True) == ["要甲；", "要乙！"]
    assert parts("他说：“好。”然后走了") == ["他说：“好。”", "然后走了"]  # the closing quote stays with its sentence


def test_english_sentence_ends_live_with_the_chinese_ones():
    """One home per rule: the English sentence end is in sentences.py, next to ends_sentence, not in clean.py."""
    assert sentences.ends_prose("The review of the 2024 report is moved to Friday.")
    assert sentences.ends_prose('He said "yes."') and sentences.ends_prose("It works?  ")
    assert sentences.ends_prose("科技强则国家强。") and sentences.ends_prose("各位代表：")
    assert not sentences.ends_prose("The review is moved to") and not sentences.ends_prose("交出一份人")
    assert not sentences.ends_prose("PM2.5") and not sentences.ends_prose("")
    assert sentences.ends_english_sentence("It is moved to Friday.") and not sentences.ends_english_sentence("完成。")
    clean_source = (HELPERS / "corpus" / "clean.py").read_text(encoding="utf-8")
    assert "def ends_prose" not in clean_source and "[.!?]" not in clean_source
