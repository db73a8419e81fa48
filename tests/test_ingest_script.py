"""Script detection (including ``none``) and Traditional → Simplified conversion with OpenCC."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import config
from helpers.ingest import detect_script, to_simplified

CPC = (config.tables_dir() or Path("../shared/corpus-tables")) / "cpc_congress_reports_1-19.jsonl"


def test_none_for_text_without_chinese():
    assert detect_script("The State Council report, 2019. 12 345") == "none"
    assert detect_script("") == "none"
    assert detect_script("现在，我代表国务院") == "simplified"


def test_traditional_report_converted_and_recorded():
    if not CPC.is_file():
        pytest.skip("../shared/corpus-tables is not on this machine")
    rows = [json.loads(line) for line in CPC.read_text(encoding="utf-8").splitlines()]
    raw = next(r["content"] for r in rows if r["title"].startswith("陈独秀在中国共产党第三次"))
    assert detect_script(raw) in {"traditional", "mixed"}
    converted, table = to_simplified(raw)
    assert detect_script(converted) == "simplified"
    assert len(converted) == len(raw) and converted != raw
    assert raw.count("會") > 10 and converted.count("会") == raw.count("會") + raw.count("会")
    row = table.set_index("original").loc["會"]
    assert row["converted"] == "会" and row["count"] == raw.count("會")
    assert table["count"].sum() == sum(a != b for a, b in zip(raw, converted, strict=True))


def test_simplified_text_unchanged():
    text = "乾隆年间，全面推进依法治国。"
    converted, table = to_simplified(text)
    assert converted == text and table.empty


def _identify(text: str) -> str:
    """hanzidentifier's own verdict, as detect reported it before its shortcut."""
    import hanzidentifier

    kind = hanzidentifier.identify(text)
    if kind == hanzidentifier.UNKNOWN:
        return "none"
    return {hanzidentifier.TRADITIONAL: "traditional", hanzidentifier.MIXED: "mixed"}.get(kind, "simplified")


def test_the_shortcut_for_simplified_text_agrees_with_hanzidentifier():
    """detect skips hanzidentifier when no Traditional-only character occurs: the same verdict on real text."""
    if not CPC.is_file():
        pytest.skip("../shared/corpus-tables is not on this machine")
    texts = [json.loads(line)["content"] for line in CPC.read_text(encoding="utf-8").splitlines()]
    texts += [to_simplified(t)[0] for t in texts]
    texts += [t[:200] for t in texts] + [t[:100] + "國家" + t[100:300] for t in texts]
    texts += ["乾隆年间，全面推进依法治国。", "會議", "国家和國家", "发展"]
    verdicts = [detect_script(t) for t in texts]
    assert verdicts == [_identify(t) for t in texts]
    assert {"simplified", "traditional", "mixed"} <= set(verdicts)
