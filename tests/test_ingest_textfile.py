"""helpers.ingest.textfile: decoding raw bytes, and the errors for what is not text."""

from __future__ import annotations

import pytest

from helpers.errors import CorpusError
from helpers.ingest import textfile
from helpers.ingest.textfile import decode

TEXT = "科技兴则民族兴，科技强则国家强。我们党历来高度重视科技事业发展。\n"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32"),
    ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16-le", "utf_16_le"), ("utf-16-be", "utf_16_be"),
])
def test_decodes(encoding, expected):
    decoded = decode((TEXT * 3).encode(encoding), label="x.txt")
    assert decoded.text == TEXT * 3
    assert decoded.encoding == expected


def test_line_endings_normalised():
    assert decode("甲\r\n乙\r丙\n".encode(), label="x").text == "甲\n乙\n丙\n"


def test_big5_traditional():
    text = "這是繁體中文的測試，我們國家的發展依靠科學技術。" * 3
    assert decode(text.encode("big5"), label="x").text == text


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b" \n\t\r\n\xe3\x80\x80", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
    (TEXT.encode()[:-2], "truncated UTF-8"),
    (TEXT.encode()[:30] + b"\xff\xfe\xfd" + TEXT.encode()[30:], "undecodable bytes"),
    (bytes(range(1, 32)) * 50, "binary"),
])
def test_errors_name_the_file(data, message):
    with pytest.raises(CorpusError) as info:
        decode(data, label="corpus/bad.txt")
    assert str(info.value).startswith("corpus/bad.txt: ")
    assert message in str(info.value)


def test_a_byte_order_mark_inside_starts_a_line_of_its_own_text():
    text, notes = textfile.remove_garbage("科技强则国家强\ufeff我们党历来高度重视科技事业发展。\n\ufeff第二行。\n")
    assert text == "科技强则国家强\n\ufeff我们党历来高度重视科技事业发展。\n\ufeff第二行。\n"
    assert notes == ["removed 2 byte-order mark(s) (U+FEFF) inside the text, on line 1, 2: were two files joined? "
                     "The text after each starts a new paragraph"]
