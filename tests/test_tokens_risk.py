"""helpers.tokens.risk: the one rule for inputs where rjieba and jieba may differ, and its fallback."""

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import tokens
from helpers.tokens import risk

# characters around the risky patterns: ASCII joins, tripled Han characters, plain Chinese
_ALPHABET = list("科技创新中国人民发展战略高水平的是了在和一带路贫困国国") + list("abcXYZ0123456789+#&._%-") + \
    list(" ，。“”（）：、；！？/\t\u3000·—…％") + ["Ｂ", "１", "\u3400", "\u9fd6", "豈", "𠀀"]


def test_risky_inputs_fall_back_to_the_reference():
    tk = tokens.Tokenizer("rjieba")
    for text in ["发表时间：2016-06-01", "参数a_b", "豈有此理", "国国国"]:
        assert tk.cut(text) == list(tk.jieba_tokenizer().cut(text)), text
    assert tk.cut_joined(["科技强国", "2016-06-01", "新质生产力"]) == [
        "科技强国", "\n", "2016", "-", "06", "-", "01", "\n", "新质生产力"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_ALPHABET, "\n"]), min_size=0, max_size=40).map("".join))
def test_fast_risk_scan_finds_what_the_pattern_finds(text):
    """The numpy scan flags exactly the texts the documented pattern flags (offsets may differ in order)."""
    assert bool(len(risk.risky_positions(text))) == bool(risk.RISKY.search(text))
    flagged = {m.start() for m in risk.RISKY.finditer(text)}
    assert flagged <= set(risk.risky_positions(text).tolist())


