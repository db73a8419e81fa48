"""Mapping look-alike code points of PDF text layers to the ordinary characters.

A PDF's text layer maps each drawn glyph back to a code point.  When one glyph
of the font serves several code points, the PDF writer may pick the wrong one:
a page that Chromium prints from ordinary text extracts as ``全⾯``, ``⼯作``,
``⼈⺠`` (Kangxi radicals, CJK radicals supplement) instead of 全面, 工作, 人民,
and some writers put control characters where spaces were.  Every count of 人民
is wrong until these are mapped back.

:func:`map_characters` maps, and only these code points:

* Kangxi radicals (U+2F00–U+2FDF), CJK compatibility ideographs (U+F900–U+FAFF)
  and their supplement (U+2F800–U+2FA1F): Unicode NFKC, applied to them alone
  (NFKC over the whole text would also fold full-width digits and punctuation,
  which is the cleaning's job and recorded there);
* CJK radicals supplement (U+2E80–U+2EFF): NFKC maps only two of them, so the
  table :data:`RADICALS` gives the ordinary character drawn by the same glyph in
  Noto Sans CJK SC (e.g. ``⺠`` → ``民``, ``⻓`` → ``长``); radicals with no such
  character stay as they are;
* control characters other than tab, newline and carriage return: a space.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pandas as pd

# Radicals-supplement code points NFKC leaves alone, each with the CJK unified
# ideograph that has the identical glyph in Noto Sans CJK SC (derived from the
# font's character map: same glyph id), in the same order.
_RADICAL_FORMS = (
    "⺂⺅⺉⺋⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺠⺡⺣⺦⺨⺭⺯⺰⺱⺳⺹⺺⺾⻁⻂⻅⻆⻈"
    "⻉⻋⻌⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱"
)
_ORDINARY = (
    "乛亻刂㔾尣尢巳幺彑彐忄扌攵旡歺民氵灬丬犭礻糹纟罓㓁耂肀艹虎衤见角讠"
    "贝车辶钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜"
)
RADICALS: dict[str, str] = dict(zip(_RADICAL_FORMS, _ORDINARY, strict=True))

_CANDIDATES = re.compile(
    "[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
MAPPING_COLUMNS = ["character", "codepoint", "replacement", "count", "reason"]


def replacement(char: str) -> tuple[str, str] | None:
    """The ordinary character for one look-alike code point and the reason, or None to keep it."""
    code = ord(char)
    if code < 0x2E80:
        return " ", "control character in place of a space"
    if code in range(0x2E80, 0x2F00):
        if char in RADICALS:
            return RADICALS[char], "CJK radical (supplement) drawn with the glyph of an ordinary character"
        folded = unicodedata.normalize("NFKC", char)
        return (folded, "CJK radical (supplement), NFKC") if folded != char else None
    folded = unicodedata.normalize("NFKC", char)
    if folded == char:
        return None
    if code in range(0x2F00, 0x2FE0):
        return folded, "Kangxi radical, NFKC"
    return folded, "CJK compatibility ideograph, NFKC"


def map_characters(text: str) -> tuple[str, pd.DataFrame]:
    """Map look-alike code points of ``text`` to ordinary characters.

    Returns the mapped text (same length: every mapping is one character to one)
    and a table of the mappings, one row per distinct character:
    ``character, codepoint`` (``U+2F08``), ``replacement, count, reason``,
    most frequent first.
    """
    counts = Counter(_CANDIDATES.findall(text))
    table = {char: found for char in counts if (found := replacement(char)) is not None}
    if not table:
        return text, pd.DataFrame(columns=MAPPING_COLUMNS)
    mapped = _CANDIDATES.sub(lambda m: table[m.group()][0] if m.group() in table else m.group(), text)
    rows = [{"character": char, "codepoint": f"U+{ord(char):04X}", "replacement": new,
             "count": counts[char], "reason": reason} for char, (new, reason) in table.items()]
    frame = pd.DataFrame(rows, columns=MAPPING_COLUMNS)
    return mapped, frame.sort_values(["count", "codepoint"], ascending=[False, True], ignore_index=True)
