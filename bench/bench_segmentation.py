"""Segmentation throughput: the helpers' path against the bare library calls, on the same text.

    .venv/bin/python bench/bench_segmentation.py

Text: the paragraphs of the bundled corpus plus the development texts (if present), repeated to
about one million characters. Every method gets the same text and the same policy dictionary;
tokenizers are built before timing. "helpers" is tokens.segment (text in, full tokens DataFrame
out, cache off); the bare calls return a Python list.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from common import best_of, report

from helpers import config, corpus, tokens
from helpers.corpus import devcorpus

TARGET_CHARS = 1_000_000


def paragraphs() -> pd.DataFrame:
    if config.extra_corpus_dir() is not None:
        folder = devcorpus.extended(Path(tempfile.mkdtemp()) / "corpus")
    else:
        folder = config.CORPUS_DIR
    base = corpus.load(folder, cache=False).paragraphs[["doc_id", "para_no", "text"]]
    copies = max(1, TARGET_CHARS // int(base["text"].str.len().sum()))
    return pd.concat([base.assign(doc_id=base["doc_id"] + f"#{k}") for k in range(copies)], ignore_index=True)


def main() -> None:
    paras = paragraphs()
    texts = paras["text"].tolist()
    joined = "\n".join(texts)
    chars = len(joined)
    fast, original = tokens.tokenizer("rjieba"), tokens.tokenizer("jieba")
    original.jieba_tokenizer()  # build jieba's prefix dictionary before timing
    import jieba.posseg

    posseg = jieba.posseg.POSTokenizer(original.jieba_tokenizer())
    tokens.segment(paras.head(50), cache=False)  # warm up (imports, stopword lists)
    rows = [
        ("helpers: tokens.segment, backend rjieba", best_of(lambda: tokens.segment(paras, cache=False), 7)),
        ("bare rjieba Jieba.cut", best_of(lambda: fast._rjieba.cut(joined, True), 7)),
        ("bare rjieba Jieba.tag", best_of(lambda: fast._rjieba.tag(joined, True), 7)),
        ("helpers: tokens.segment, backend jieba", best_of(lambda: tokens.segment(paras, cache=False,
                                                                                  backend="jieba"), 1)),
        ("bare jieba Tokenizer.lcut", best_of(lambda: original.jieba_tokenizer().lcut(joined), 1)),
        ("bare jieba.posseg POSTokenizer.lcut", best_of(lambda: posseg.lcut(joined), 1)),
    ]
    table = pd.DataFrame(rows, columns=["method", "seconds"])
    table.insert(1, "characters", chars)
    table["chars_per_s"] = (chars / table["seconds"]).round(0).astype(int)
    helpers_speed = table.loc[0, "chars_per_s"]
    table["helpers_speed_ratio"] = (helpers_speed / table["chars_per_s"]).round(2)
    report(table, "segmentation", "Segmentation throughput (helpers_speed_ratio = helpers' rjieba path / method)")
    tag, cut = table.loc[2, "chars_per_s"], table.loc[1, "chars_per_s"]
    posseg_speed, lcut = table.loc[5, "chars_per_s"], table.loc[4, "chars_per_s"]
    print(f"\nhelpers / bare rjieba.tag = {helpers_speed / tag:.2f}  (target >= 0.7; the table carries tags)")
    print(f"helpers / bare rjieba.cut = {helpers_speed / cut:.2f}")
    print(f"helpers / bare jieba.posseg = {helpers_speed / posseg_speed:.1f}  (target >= 10)")
    print(f"helpers / bare jieba.lcut = {helpers_speed / lcut:.1f}")


if __name__ == "__main__":
    main()
