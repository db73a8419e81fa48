"""Text a reader types into a report draws in the workspace's font: a page with a text box (the concordance of
notebook 01, the find box of 03) carries a second face of the embedded family holding the common characters of
Chinese (helpers.fonts.common_characters) that are not on the page, and faces for every other Chinese character
from font files beside the page (helpers.fonts.slices), read only when such a character is typed; a page without
a text box does not grow."""

from __future__ import annotations

import base64
import io
import re

import pytest
from nbformat import v4
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium, no system CJK font)

from helpers import corpus, explore, fonts
from helpers.explore.base import payload
from helpers.report.export import export_html
from helpers.report.page import has_text_box

TYPED = "碳达峰镓"  # what the reader types; 达 and 峰 are nowhere in the bundled corpus, 碳 is; 镓 is not common
FACE = re.compile(r"@font-face\{(.*?)\}")


def _notebook(*outputs: dict):
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell("# 检索\n\n## 索引"),
                v4.new_code_cell("explore.concordance(speeches)", outputs=list(outputs))]
    return nb


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Two pages of the same notebook: with the concordance explorer of the bundled corpus, and with its
    table as plain HTML (no text box)."""
    explorer = explore.concordance(corpus.load(), query="人才")
    plain = explorer.static_html()  # outside the report runner: the table, without the page's data
    html = plain + payload("concordance", explorer.page_data())  # as the runner's kernel writes it
    return {"concordance": export_html(_notebook(v4.new_output("display_data", data={"text/html": html})),
                                       name="concordance"),
            "plain": export_html(_notebook(v4.new_output("display_data", data={"text/html": plain})), name="plain")}


def _faces(page: str) -> list[dict[str, str]]:
    style = re.search(r'<style id="font">(.*?)</style>', page, re.S)[1]
    return [dict(re.findall(r'(?:^|;)([a-z-]+):(url\([^)]*\)[^;]*|[^;]*)', face)) for face in FACE.findall(style)]


def _range(value: str) -> set[str]:
    chars = set()
    for part in value.split(","):
        a, _, b = part.removeprefix("U+").partition("-")
        chars |= {chr(c) for c in range(int(a, 16), int(b or a, 16) + 1)}
    return chars


def _cmap(face: dict[str, str]) -> set[str]:
    from fontTools.ttLib import TTFont

    data = base64.b64decode(re.search(r"base64,([^)]+)\)", face["src"])[1])
    return {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}


def test_a_page_with_a_concordance_carries_the_common_characters_not_on_it(pages):
    page = pages["concordance"]
    assert has_text_box(page)
    own, typed, *_slices = _faces(page)
    assert own["font-family"] == typed["font-family"] == '"Noto Sans CJK SC (embedded)"'
    assert "unicode-range" not in own
    on_page = _cmap(own)
    assert "碳" in on_page and not {"达", "峰", "氢"} & on_page  # the corpus has 碳, not the others
    covered = _range(typed["unicode-range"])
    # the stated set: the 3,500 most frequent characters of general Chinese (wordfreq), less the page's own
    common = fonts.common_characters()
    assert len(common) == fonts.TYPED_CHARACTERS == 3500
    assert covered == set(common) - on_page
    assert {"达", "峰", "氢"} <= covered and "碳" not in covered and not covered & on_page
    glyphs = _cmap(typed)
    assert covered <= glyphs and {"碳", "达", "峰", "氢"} <= glyphs  # real glyphs, not just a range
    assert set(TYPED) - {"镓"} <= on_page | covered and "镓" not in covered


def test_every_other_chinese_character_comes_from_a_file_beside_the_page(pages):
    own, _typed, *rest = _faces(pages["concordance"])
    on_page, common = _cmap(own), set(fonts.common_characters())
    sliced = fonts.slices()
    assert len(rest) == len(sliced) == 14  # every slice has characters that are not on the page
    assert [face["src"] for face in rest] == [f'url("fonts/{name}") format("woff2")' for name, _ in sliced]
    ranges = [_range(face["unicode-range"]) for face in rest]
    assert all(r == set(chars) - on_page for r, (_, chars) in zip(ranges, sliced, strict=True))
    everything = set().union(*ranges)
    assert not everything & (on_page | common) and sum(map(len, ranges)) == len(everything)  # no overlap
    assert {"镓", "氘", "碲", "龘", "\u3400"} <= everything  # rare ones, and the first of extension A
    assert any(ord(ch) >= 0x20000 for ch in everything)  # extension B and later
    assert 27_000 < len(everything) + len(on_page | common) and "镓" in everything


def test_the_slice_files_hold_the_glyphs_of_their_characters(tmp_path):
    from fontTools.ttLib import TTFont

    written = fonts.write_slices(tmp_path / "fonts", workers=1)
    assert [p.name for p in written] == [name for name, _ in fonts.slices()]
    for path, (_, chars) in zip(written, fonts.slices(), strict=True):
        assert set(chars) <= {chr(c) for c in TTFont(path).getBestCmap()}, path.name
    assert 3_000_000 < sum(p.stat().st_size for p in written) < 8_000_000


def _font_styles(page: str) -> tuple[str, list[str]]:
    style = re.search(r'<style id="font">(.*?)</style>', page, re.S)[1]
    return style, [m.group(0) for m in FACE.finditer(style)]


def test_a_page_without_a_text_box_does_not_grow(pages):
    page = pages["plain"]
    assert not has_text_box(page)
    style, faces = _font_styles(page)
    assert faces == [style] and "unicode-range" not in style  # the page's own subset and nothing else
    style, faces = _font_styles(pages["concordance"])
    assert len(faces) == 2 + len(fonts.slices()) and style == "".join(faces)
    assert 500_000 < len(faces[1]) < 1_000_000  # the second face: about 0.74 MB of CSS, only where a reader types
    assert sum(map(len, faces[2:])) < 60_000  # the faces of the files: ranges and addresses, no glyphs


def test_a_text_box_is_an_explorer_or_an_input():
    assert has_text_box('<script type="application/json" class="explore-data" data-explorer="keyness">{}</script>')
    assert has_text_box('<label>find <input type="search"></label>')
    # a result table: DataTables gives it a search box on the page
    assert has_text_box('<script type="application/json" class="table-data" data-for="table-1">{}</script>')
    assert not has_text_box("<pre>box = &lt;input type=&quot;search&quot;&gt;</pre><p>inputs</p>")


# ---- in Chromium: the characters typed into the concordance box of report 01 are drawn, not boxes

_DRAWN = """async ([text, tofu]) => {
  const box = document.querySelector('input[data-kwic]');
  const font = getComputedStyle(box).font;
  await document.fonts.load(font, box.value);
  const big = font.replace(/\\d+(\\.\\d+)?px/, '48px');
  const draw = (t, f) => { const c = document.createElement('canvas'); c.width = 80; c.height = 80;
    const x = c.getContext('2d'); x.font = f; x.fillText(t, 8, 60);
    return x.getImageData(0, 0, 80, 80).data.filter((_, i) => i % 4 === 3).join(','); };
  const ink = s => s.split(',').filter(a => a !== '0').length;
  const typed = [...box.value].map(ch => draw(ch, big));
  return {family: font, typed, ink: typed.map(ink), tofu: draw(tofu, big),
          plain: [...text].map(ch => draw(ch, '48px sans-serif'))};
}"""


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_typed_characters_not_on_the_page_are_drawn_in_the_embedded_font(bundled_run, browser):  # noqa: F811
    _, reports, _ = bundled_run
    path = reports / "01_frequency.html"
    page_text = path.read_text(encoding="utf-8")
    own = _cmap(_faces(page_text)[0])
    assert "碳" in own and not {"达", "峰", "镓"} & own  # three of the four typed characters are not on the page
    assert sorted(p.name for p in (reports / fonts.SLICE_FOLDER).iterdir()) == [n for n, _ in fonts.slices()]
    rare = next(name for name, chars in fonts.slices() if "镓" in chars)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        read = []
        page.on("requestfinished", lambda r: read.append(r.url.rsplit("/", 2)[-2:]))
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert [u for u in read if u[0] == fonts.SLICE_FOLDER] == []  # showing the page reads no font file
        box = page.locator("input[data-kwic]")
        box.fill(TYPED)
        drawn = page.evaluate(_DRAWN, [TYPED, "\u0378"])
        assert [u for u in read if u[0] == fonts.SLICE_FOLDER] == [[fonts.SLICE_FOLDER, rare]]  # one file, once
        assert drawn["family"].split(",")[0].endswith('"Noto Sans CJK SC (embedded)"'), drawn["family"]
        # the control: without the page's fonts the machine draws every one of them as the same box
        assert len(set(drawn["plain"])) == 1, "Chromium has a CJK system font: the test cannot tell"
        # in the box's font each typed character has its own glyph, none of them the missing-glyph box
        assert len(set(drawn["typed"])) == len(TYPED), "typed characters drawn alike: boxes"
        assert drawn["tofu"] not in drawn["typed"] and min(drawn["ink"]) > 150, drawn["ink"]
    finally:
        context.close()
