"""helpers.textstat.dispersion: where terms lie along a document."""

from __future__ import annotations

from helpers import textstat


def test_dispersion_positions(seed):
    hits = textstat.dispersion(seed.paragraphs, ["新质生产力", "人才"])
    assert (hits["term"] == "人才").sum() == 29
    row = hits[hits["term"] == "新质生产力"].iloc[0]
    assert row["section"] == "第二"
    body = "".join(seed.paragraphs["text"])
    assert body[row["offset"]:row["offset"] + 5] == "新质生产力"
    assert 0 <= hits["position"].min() and hits["position"].max() <= 1
