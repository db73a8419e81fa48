"""helpers.textplot.profiles: a value per paragraph along the text, as strips of bars or a heatmap."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import png_strict

from helpers import textplot, themes


def test_profile_draws_a_strip_per_theme_and_a_bar_per_paragraph(seed):
    scores = themes.score(seed.paragraphs)
    fig = textplot.profile(scores, title="主题沿文本分布", ylabel="每千字")
    order = list(scores["theme"].cat.categories)
    assert [ax.get_ylabel() for ax in fig.axes] == order
    for ax, theme in zip(fig.axes, order, strict=True):
        bars = ax.containers[0].patches
        assert [round(b.get_height(), 9) for b in bars] == \
            scores.loc[scores["theme"] == theme, "per_1k"].round(9).tolist()
    assert [t.get_text() for t in fig.axes[0].texts] == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == [str(n) for n in range(1, 27)]
    assert fig.axes[0].get_ylim() == fig.axes[-1].get_ylim()  # one scale for every strip
    png_strict(fig)


def test_paragraph_heatmap_has_a_column_per_paragraph_and_separates_documents():
    table = pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b", "b"], "para_no": [1, 1, 2, 2, 1, 1],
        "section": ["甲", "甲", "乙", "乙", "甲", "甲"], "topic": ["T1 科技", "T2 人才"] * 3,
        "share": [0.25, 0.75, 1.0, 0.0, 0.5, 0.5],
    })
    fig = textplot.paragraph_heatmap(table, rows="topic", value="share", title="段落×主题")
    ax = fig.axes[0]
    assert np.array_equal(ax.images[0].get_array(), np.array([[0.25, 1.0, 0.5], [0.75, 0.0, 0.5]]))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T1 科技", "T2 人才"]
    assert [t.get_text() for t in ax.texts] == ["a", "b"]  # several documents: named
    boundaries = [line.get_xdata()[0] for line in ax.lines if line.get_color() == "#222222"]
    assert boundaries == [1.5]
    png_strict(fig)


def test_paragraph_heatmap_beyond_eight_documents_has_a_column_per_document_in_label_order():
    docs = [f"d{k}" for k in range(9)]
    table = pd.DataFrame({"doc_id": [d for d in docs for _ in range(4)], "para_no": [1, 1, 2, 2] * 9,
                          "topic": ["T1 科技", "T2 人才"] * 18, "share": [1.0, 0.0, 0.5, 0.5] * 9})
    labels = pd.Series({d: f"{2000 + 9 - k} 讲话" for k, d in enumerate(docs)}).iloc[::-1]  # latest document last
    fig = textplot.paragraph_heatmap(table, rows="topic", value="share", labels=labels)
    ax = fig.axes[0]
    assert np.allclose(ax.images[0].get_array(), np.array([[0.75] * 9, [0.25] * 9]))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T1 科技", "T2 人才"]
    assert ax.get_xticklabels()[0].get_text() == "2001 讲话"  # d8, the first label in time order
