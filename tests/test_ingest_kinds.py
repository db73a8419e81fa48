"""The dispatcher: input kind from the file name; extraction refused for kinds that are not extracted."""

from __future__ import annotations

import pytest

from helpers.errors import CorpusError
from helpers.ingest import extract, input_kind


@pytest.mark.parametrize(("name", "kind"), [
    ("a.txt", "txt"), ("b.PDF", "pdf"), ("c.docx", "docx"), ("d.htm", "html"), ("e.html", "html"),
    ("f.csv", "table"), ("g.tsv", "table"), ("h.jsonl", "table"), ("i.json", "table"), ("j.xlsx", "table"),
    ("k.parquet", "table"), ("metadata.doc", None), ("l.png", None),
])
def test_input_kind(name, kind):
    assert input_kind(name) == kind


def test_extract_refuses_tables_and_unknown(tmp_path):
    with pytest.raises(CorpusError, match=r"t\.jsonl: table files are not extracted"):
        extract(tmp_path / "t.jsonl")
    with pytest.raises(CorpusError, match=r"x\.doc: unknown files"):
        extract(tmp_path / "x.doc")
