"""Pieces of paragraphs moved to ``set_aside`` (``corpus.cut.cut_out``): a whole paragraph dropped, a closing cut
with its sentences trimmed, kind and reason carried, every raw character still accounted for."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import corpus
from helpers.corpus.cut import PIECE_COLUMNS, cut_out
from helpers.errors import ParameterError

TEXT = ("国务院关于促进就业的报告\n\n各位代表：\n\n今年就业形势总体稳定。城镇新增就业一千一百万人。\n\n"
        "我们要稳就业、保民生。本报告由国务院办公厅整理。\n\n（本页无正文）\n")


@pytest.fixture()
def report(tmp_path: Path) -> corpus.Corpus:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "report.txt").write_text(TEXT, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus.load(folder, cache=False, boilerplate=False)


def _piece(paragraphs: pd.DataFrame, opening: str, part: str, *, at_end: bool) -> dict:
    row = paragraphs[paragraphs["text"].str.startswith(opening)].iloc[0]
    start = len(row["text"]) - len(part) if at_end else 0
    assert row["text"][start:start + len(part)] == part
    return {"doc_id": row["doc_id"], "para_no": row["para_no"], "start": start, "end": start + len(part),
            "text": part, "kind": "test", "reason": f"cut by the test: {part}"}


def test_a_whole_paragraph_and_a_closing_go_to_set_aside(report):
    p = report.paragraphs
    pieces = pd.DataFrame([_piece(p, "（本页无正文）", "（本页无正文）", at_end=True),
                           _piece(p, "我们要稳就业", "本报告由国务院办公厅整理。", at_end=True)], columns=PIECE_COLUMNS)
    tables = cut_out(report, pieces)
    after = tables["paragraphs"]
    assert len(after) == len(p) - 1 and not after["text"].str.contains("本页无正文").any()
    kept = after[after["text"].str.startswith("我们要稳就业")].iloc[0]
    assert kept["text"] == "我们要稳就业、保民生。" and kept["n_chars"] == len(kept["text"])
    s = tables["sentences"]
    s = s[(s["doc_id"] == kept["doc_id"]) & (s["para_no"] == kept["para_no"])]
    assert s["text"].tolist() == ["我们要稳就业、保民生。"]  # the cut sentence is gone, the other one kept
    aside = tables["set_aside"][tables["set_aside"]["kind"] == "test"]
    assert aside["text"].tolist() == ["本报告由国务院办公厅整理。", "（本页无正文）"]  # in the order of the lines
    assert aside["reason"].str.startswith("cut by the test").all()
    docs = tables["documents"].iloc[0]
    assert docs["n_paragraphs"] == len(after) and docs["n_sentences"] == len(tables["sentences"])
    assert docs["n_set_aside"] == report.documents["n_set_aside"].iloc[0] + 2
    assert (corpus.accounting(report.replace(**tables))["unaccounted"] == 0).all()


def test_no_pieces_leave_the_tables_as_they_are_and_bad_pieces_are_named(report):
    tables = cut_out(report, pd.DataFrame(columns=PIECE_COLUMNS))
    pd.testing.assert_frame_equal(tables["paragraphs"], report.paragraphs)
    with pytest.raises(ParameterError, match="pieces"):
        cut_out(report, pd.DataFrame({"doc_id": ["report"]}))
