"""helpers.textstat.sections: the sections table and section bounds."""

from __future__ import annotations

import math

from helpers import textstat


def test_section_bounds_tile_each_document(seed):
    bounds = textstat.section_bounds(seed.paragraphs)
    assert bounds["start"].iloc[0] == 0 and math.isclose(bounds["end"].iloc[-1], 1)
    assert (bounds["start"].iloc[1:].to_numpy() == bounds["end"].iloc[:-1].to_numpy()).all()


def test_sections_table(seed):
    table = textstat.sections(seed.paragraphs)
    assert table["n_paragraphs"].tolist() == [9, 1, 3, 2, 4, 2, 5]
    assert table["n_chars"].sum() == seed.paragraphs["n_chars"].sum()
    assert table.set_index("section").loc["第二", "heading"] == "第二，扎实推动科技创新和产业创新深度融合，助力发展新质生产力。"
