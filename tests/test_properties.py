"""Property-based tests: cleaning, sentence splitting and token offsets on generated text."""

from __future__ import annotations

import itertools

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import corpus, tokens
from helpers.corpus import clean, document, sentences

# Characters of the kind these texts contain: Chinese, full- and half-width punctuation, digits
# (both widths), Latin letters, and every kind of space and line break PDF extractions produce.
HAN = list("科技创新人才强国发展的是在和了中国式现代化新质生产力一二三四五第要坚持")
PUNCT = list("，。！？；：、“”‘’（）《》—…%.-/")
SPACES = [" ", "\u3000", "\u2003", "\t", "\u00a0"]
OTHER = [*list("0123456789AZaz"), "１", "Ａ", "ｚ", "※", "/", "摄"]
CHARS = st.sampled_from(HAN * 3 + PUNCT + SPACES + OTHER)
LINE = st.lists(CHARS, max_size=40).map("".join)
TEXT = st.lists(st.one_of(LINE, st.just(""), st.just("\u2003\u2003" + "新华社记者 姚大伟/摄"),
                          st.just("\u3000\u3000第一，要坚持。"), st.just("各位代表！")), min_size=1, max_size=30
                ).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_every_visible_character_is_kept(text):
    """Whatever the layout, each non-whitespace character ends up in the body or set aside."""
    parsed = document.parse(text, "doc")
    kept = [p["text"] for p in parsed.paragraphs] + [s["text"] for s in parsed.set_aside]
    assert corpus.audit(text, kept) == ({}, {})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HAN + PUNCT + SPACES + OTHER), max_size=60).map("".join))
def test_space_and_width_normalisation_are_idempotent(text):
    once = clean.normalise_width(clean.remove_cjk_spaces(text))
    assert clean.remove_cjk_spaces(once) == once
    assert clean.normalise_width(once) == once
    assert "".join(once.split()) == "".join(clean.normalise_width(text).split())  # only spaces went


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HAN + PUNCT + OTHER + [" "]), max_size=80).map("".join))
def test_sentences_cover_the_text_in_order(text):
    for clauses in (False, True):
        spans = sentences.split_sentences(text, clauses=clauses)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
        covered = "".join(text[s:e] for s, e in spans)
        assert "".join(covered.split()) == "".join(text.split())
        # a sentence never starts with a closing quote or bracket: those stay with the sentence before
        assert not any(text[s] in "”’」』）)】》" for s, _ in spans[1:] if text[s - 1] in "。！？!?")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HAN + PUNCT + OTHER + [" "]), min_size=1, max_size=60).map("".join))
def test_joining_lines_is_stable(text):
    lines = text.split("。")
    joined = clean.join_lines(lines)
    assert "".join(joined.split()) == "".join("".join(lines).split())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CHARS, min_size=1, max_size=50).map("".join).filter(str.strip), min_size=1, max_size=5))
def test_token_offsets_point_at_the_token(texts):
    paragraphs = pd.DataFrame({"doc_id": "d", "para_no": range(1, len(texts) + 1),
                               "text": [clean.remove_cjk_spaces(t) or "科技" for t in texts]})
    table = tokens.segment(paragraphs, cache=False)
    text = dict(zip(paragraphs["para_no"], paragraphs["text"], strict=True))
    for para_no, start, end, token in table[["para_no", "start", "end", "token"]].itertuples(index=False):
        assert text[para_no][start:end] == token
    assert table["token_no"].tolist() == list(range(1, len(table) + 1))
    rebuilt = table.groupby("para_no")["token"].agg("".join)
    for para_no, joined in rebuilt.items():
        assert joined == "".join(text[para_no].split())


_HEADER_PIECES = ["来源", "：", ":", "电", "新华社", "本报", "北京", "发表时间", "2024", " ", "\u3000", "中", "a"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEADER_PIECES), max_size=12).map("".join))
def test_header_and_space_shortcuts_agree_with_the_full_rules(text):
    """is_header_line and remove_cjk_spaces skip the regular expression when a text cannot match it."""
    assert clean.is_header_line(text) == bool(clean._HEADER.search(text.strip()))
    assert clean.remove_cjk_spaces(text) == clean._HSPACE.sub(
        lambda m: "" if m.start() == 0 or m.end() == len(text) or clean._wide(text[m.start() - 1])
        or clean._wide(text[m.end()]) else m.group(), text)
