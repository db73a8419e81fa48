"""helpers.fonts: the CJK font reaches matplotlib and wordcloud, and has every glyph of the corpus."""

from __future__ import annotations

import copy
import io
import warnings

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from helpers import fonts


def test_font_is_noto_sans_cjk_not_simhei():
    path = fonts.path()
    assert path.name == "NotoSansCJKsc-Regular.otf" and path.is_file()
    assert "simhei" not in path.name.lower()


def test_font_has_a_glyph_for_every_character_of_the_corpus(seed):
    text = "".join(seed.paragraphs["text"]) + "".join(seed.set_aside["text"])
    assert len(set(text)) > 700
    assert fonts.missing_glyphs(text) == []
    assert fonts.missing_glyphs("科技强国 Artificial Intelligence 2035") == []


def test_missing_glyphs_notices_what_a_font_lacks():
    dejavu = font_manager.findfont("DejaVu Sans")
    assert fonts.missing_glyphs("科技a", font=dejavu) == ["技", "科"]


def test_rc_makes_matplotlib_use_the_font_inside_its_context_only():
    before = copy.deepcopy(dict(mpl.rcParams))
    sans = font_manager.FontProperties(family=["sans-serif"])
    with mpl.rc_context(fonts.rc()):
        assert font_manager.findfont(sans) == str(fonts.path())
        assert mpl.rcParams["axes.unicode_minus"] is False
    assert dict(mpl.rcParams) == before
    assert font_manager.findfont(sans) != str(fonts.path())


def _render(text: str, family: str | None = None) -> np.ndarray:
    fig = Figure(figsize=(2, 1), dpi=100)
    fig.text(0.05, 0.3, text, fontsize=24, family=family)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba")
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8)


def test_chinese_is_drawn_not_boxes():
    with warnings.catch_warnings(), mpl.rc_context(fonts.rc()):
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)" when it draws a box
        ours = _render("科技强国")
        other = _render("强国科技")
    assert not np.array_equal(ours, other)  # different characters give different pixels, unlike boxes
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        boxes_a = _render("科技强国", family="DejaVu Sans")
        boxes_b = _render("强国科技", family="DejaVu Sans")
    assert np.array_equal(boxes_a, boxes_b)  # the control: a font without CJK draws identical boxes


def test_subset_holds_exactly_the_characters_asked_for_plus_ascii(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    data = fonts.subset("科技强国，人才。", flavor="woff2")
    assert data[:4] == b"wOF2"
    face = TTFont(io.BytesIO(data))
    cmap = set(face.getBestCmap())
    assert {ord(c) for c in "科技强国，人才。"} <= cmap and ord("A") in cmap
    assert ord("党") not in cmap  # only what the page uses
    assert len(data) < 40_000  # a few dozen glyphs, not the 16 MB font
    assert face["name"].getDebugName(6) == "NotoSansCJKsc-Regular"
    assert list((tmp_path / "fonts").glob("*.woff2"))  # cached
    assert fonts.subset("人才科技强国，。", flavor="woff2") == data  # same characters, same bytes


def test_font_face_embeds_the_subset_under_its_family(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    css = fonts.font_face("人才", family="X")
    assert css.startswith('@font-face{font-family:"X";') and "data:font/woff2;base64," in css


def test_common_characters_are_the_most_frequent_of_general_chinese():
    common = fonts.common_characters()
    assert len(common) == len(set(common)) == fonts.TYPED_CHARACTERS == 3500
    assert common[:5] == "的是一在不"  # most frequent first
    assert all("\u4e00" <= ch <= "\u9fff" for ch in common) and fonts.missing_glyphs(common) == []
    assert {"碳", "达", "峰", "氢", "党", "国"} <= set(common)  # what a reader of policy texts types
    assert {"们", "说"} <= set(common) and {"們", "說"}.isdisjoint(common)  # Simplified, as the word list is
    assert "龘" not in common  # rare characters are not
    assert fonts.common_characters(100) == common[:100]


def test_common_characters_checks_its_count():
    from helpers.errors import ParameterError

    with pytest.raises(ParameterError, match="n=0"):
        fonts.common_characters(0)


def test_unicode_range_covers_exactly_the_characters():
    assert fonts.unicode_range("一丁七万丈三") == "U+4E00-4E01,U+4E03,U+4E07-4E09"
    assert fonts.unicode_range("峰峰") == "U+5CF0"
    assert fonts.unicode_range("") == ""


def test_typed_face_holds_the_common_glyphs_for_the_characters_not_on_the_page():
    import base64
    import re

    from fontTools.ttLib import TTFont

    page = "碳中和，人才强国"
    rule = fonts.typed_face(page)
    assert rule.startswith('@font-face{font-family:"Noto Sans CJK SC (embedded)";')
    ranges = re.search(r"unicode-range:([^;]+);", rule)[1]
    covered = {chr(c) for part in ranges.split(",")
               for a, _, b in [part.removeprefix("U+").partition("-")] for c in range(int(a, 16), int(b or a, 16) + 1)}
    assert covered == set(fonts.common_characters()) - set(page)
    face = TTFont(io.BytesIO(base64.b64decode(re.search(r"base64,([^)]+)\)", rule)[1])))
    cmap = {chr(c) for c in face.getBestCmap()}
    assert covered <= cmap and {"达", "峰", "氢"} <= cmap
    # no Japanese, Korean, Traditional or vertical variants: one glyph per character (and ASCII), half the bytes
    features = {r.FeatureTag for r in face["GSUB"].table.FeatureList.FeatureRecord}
    assert not features & {"locl", "vert", "vrt2"} and "vmtx" not in face
    assert face["maxp"].numGlyphs < len(covered | set(page)) + 200
    assert 400_000 < len(rule) < 1_000_000
    assert fonts.typed_face(fonts.common_characters()) == ""  # nothing left to add
