"""Look-alike code points of PDF text layers mapped to ordinary characters, each mapping counted."""

from __future__ import annotations

import unicodedata

from helpers import config
from helpers.ingest import map_characters
from helpers.ingest.characters import RADICALS

SPEECH = config.CORPUS_DIR / "2024-06-24_xi_kejiqiangguo_qiushi.txt"


def test_chromium_radicals_map_back():
    text, table = map_characters("全⾯推进⼯作，⼈⺠满意")
    assert text == "全面推进工作，人民满意"
    assert dict(zip(table["character"], table["replacement"], strict=True)) == {
        "⾯": "面", "⼯": "工", "⼈": "人", "⺠": "民"}
    assert set(table["codepoint"]) == {"U+2FAF", "U+2F2F", "U+2F08", "U+2EA0"}


def test_counts_restored_on_a_real_text():
    source = SPEECH.read_text(encoding="utf-8")
    back = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}
    back.update({ordinary: radical for radical, ordinary in RADICALS.items()})
    garbled = "".join(back.get(ch, ch) for ch in source)
    assert garbled.count("人民") == 0 < source.count("人民")
    text, table = map_characters(garbled)
    assert text == source and text.count("人民") == source.count("人民")
    assert table.set_index("character").loc["⺠", "count"] == source.count("民")
    assert table["count"].sum() == sum(ch != g for ch, g in zip(source, garbled, strict=True))


def test_compatibility_ideographs_and_controls():
    text, table = map_characters("北京\uf92c城\x03市\U0002f804")
    assert text == "北京郎城 市你"
    assert table["reason"].str.contains("compatibility").sum() == 2
    assert "control character in place of a space" in set(table["reason"])


def test_ordinary_text_untouched():
    text = "１２３ＡＢＣ，全角字符不归这里管。\n\t第二行"
    mapped, table = map_characters(text)
    assert mapped == text and table.empty
