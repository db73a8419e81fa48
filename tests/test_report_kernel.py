"""The table data a report kernel embeds: every row of a small table, a bounded part of a large one."""

from __future__ import annotations

import json

import pandas as pd

from helpers.report import cells, kernel


def _embedded_bytes(data: dict) -> int:
    return len(json.dumps(data["rows"], ensure_ascii=False, separators=(",", ":"), default=str).encode())


def test_a_small_table_is_embedded_whole(seed):
    data = kernel.table_data(seed.documents)
    assert data["n_rows"] == len(seed.documents) == len(data["rows"])
    assert data["columns"][0] == "doc_id" and data["rows"][0][0] == seed.documents["doc_id"].iloc[0]


def test_a_large_table_keeps_its_first_rows_within_the_byte_budget(seed):
    # the bundled speech's paragraphs repeated 200 times: about 2.5 MB of JSON, far over the budget
    many = pd.concat([seed.paragraphs.astype({"section": str})] * 200, ignore_index=True)
    whole = kernel.table_data(many, max_bytes=10**9)
    assert _embedded_bytes(whole) > 5 * kernel.MAX_TABLE_BYTES
    data = kernel.table_data(many)
    kept = len(data["rows"])
    assert data["n_rows"] == len(many) and 0 < kept < len(many)
    assert data["rows"] == whole["rows"][:kept]  # the leading rows, in order, unchanged
    sizes = [len(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode()) + 1 for r in whole["rows"]]
    assert sum(sizes[:kept]) <= kernel.MAX_TABLE_BYTES < sum(sizes[:kept + 1])  # as many as fit, not fewer
    assert _embedded_bytes(data) <= kernel.MAX_TABLE_BYTES + 1  # the brackets of the list


def test_one_row_larger_than_the_budget_is_still_shown(seed):
    longest = seed.paragraphs.loc[[seed.paragraphs["n_chars"].idxmax()]].astype({"section": str})
    data = kernel.table_data(longest, max_bytes=10)
    assert len(data["rows"]) == 1 and data["n_rows"] == 1


def test_the_csv_link_says_when_it_holds_only_the_first_rows(seed):
    many = pd.concat([seed.paragraphs.astype({"section": str})] * 200, ignore_index=True)
    link = cells._csv_link(kernel.table_data(many), "paragraphs")
    shown = len(kernel.table_data(many)["rows"])
    assert f"the first {shown:,} rows of {len(many):,}" in link
    assert "the full table" in cells._csv_link(kernel.table_data(seed.documents), "documents")
