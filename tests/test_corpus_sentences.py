"""Sentence ends and punctuation classes: one named home each, in helpers/corpus/sentences.py."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from helpers.corpus import sentences
from helpers.corpus.breaks import continues
from helpers.corpus.structure import find_list_items, is_heading_start

HELPERS = Path(sentences.__file__).resolve().parents[1]
# The modules whose punctuation reads from sentences.py.  Not helpers/ingest: it is a lower stage than corpus and
# must not import it (its page-number dashes, pdf.py, wait for a home both can import).
USERS = [*sorted((HELPERS / "corpus").glob("*.py")),
         *(HELPERS / "tokens" / f"{m}.py" for m in ("stopwords", "table", "tokenizer", "risk", "coverage", "selection")),
         HELPERS / "lexicon.py", HELPERS / "revisions" / "diff.py", HELPERS / "revisions" / "alignment.py"]
_MARK = "，。；！？：、（）“”‘’《》「」『』【】…—"
_CLASS = re.compile(rf"\[\^?[^\]\n]*[{_MARK}][^\]\n]*\]")


def _marks(written: str) -> int:
    """How many punctuation marks and symbols a written class ``[...]`` lists (escapes such as \\s left out)."""
    inner = re.sub(r"\\.", "", written[1:-1].removeprefix("^"))
    return sum(unicodedata.category(c)[0] in "PS" for c in inner)


@pytest.mark.parametrize("path", [p for p in USERS if p.exists() and p.name != "sentences.py"], ids=lambda p: p.name)
def test_no_punctuation_class_is_written_outside_sentences(path):
    source = path.read_text(encoding="utf-8")
    written = [(source.count("\n", 0, m.start()) + 1, m.group()) for m in _CLASS.finditer(source)
               if _marks(m.group()) >= 2]  # [^。] (anything but a full stop) is no class
    assert not written, f"{path.name}: use a named class of helpers.corpus.sentences instead of {written}"


def test_classes_are_built_from_each_other():
    assert set(sentences.STOPS) == set(sentences.FULL_STOPS) | set("!?")
    assert set(sentences.BODY_MARKS) == set(sentences.FULL_STOPS) | set("；，：")
    assert set(sentences.PART_MARKS) == set(sentences.LIST_MARKS) | set(sentences.COLONS)
    assert set(sentences.SENTENCE_MARKS) == set(sentences.BODY_MARKS) | set(",;!?")
    assert set(sentences.PHRASE_ENDS) == set(sentences.OCCASION_BREAKS) | {"，"}
    assert set(sentences.CONTEXT_BREAKS) == set("，、；：。！？,;:!?（）()“”《》")  # revisions/summary.py's class
    for name in sentences.CLASSES:
        value = getattr(sentences, name)
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
